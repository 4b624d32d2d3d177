package dev.windlass.plugin.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * The implementation behind a {@link dev.windlass.plugin.WasmPlugin} interface: abstract
 * methods call the plugin through its {@link PluginSlot} (whichever version is in service when
 * the call starts), default methods run in Java, and {@code Object}'s methods describe the proxy.
 */
public final class PluginInvocationHandler implements InvocationHandler {

    private static final Object[] NO_ARGUMENTS = new Object[0];

    private final PluginSlot slot;
    private final Class<?> iface;

    private PluginInvocationHandler(PluginSlot slot, Class<?> iface) {
        this.slot = slot;
        this.iface = iface;
    }

    /** {@return an implementation of {@code iface} calling {@code slot}}; {@code iface} must be bound to it */
    public static <T> T proxy(PluginSlot slot, Class<T> iface) {
        Object proxy = Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface},
                new PluginInvocationHandler(slot, iface));
        return iface.cast(proxy);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                case "toString" -> iface.getSimpleName() + "[plugin " + slot.name() + "]";
                default -> throw new UnsupportedOperationException(method.toString());
            };
        }
        if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        return slot.call(iface, method, args == null ? NO_ARGUMENTS : args);
    }
}
