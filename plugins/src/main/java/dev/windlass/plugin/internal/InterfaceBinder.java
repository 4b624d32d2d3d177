package dev.windlass.plugin.internal;

import dev.windlass.plugin.Codec;
import dev.windlass.plugin.PluginBindingException;
import dev.windlass.plugin.WasmExport;
import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.ValType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Binds every abstract method of an interface to an export of a {@link ModuleShape}, or fails
 * naming the method, the export and both signatures. Under Extism's ABI every export is
 * {@code () -> (i32)} and a method takes at most one bytes-like input and gives one output.
 * Under the Windlass ABI it checks, for each method: every Java type
 * can cross (see {@link Lowering}); the export exists with exactly the expected core type; when
 * bytes pass through memory, the module exports {@code memory} and (for arguments)
 * {@code cabi_realloc} of type {@code (i32, i32, i32, i32) -> (i32)}; an exported
 * {@code cabi_post_<export>} takes the export's results and returns nothing.
 */
public final class InterfaceBinder {

    /** The canonical ABI passes at most this many core parameters directly (MAX_FLAT_PARAMS). */
    static final int MAX_FLAT_PARAMS = 16;
    /** The type of every Extism export: it returns 0 for success. */
    static final FuncType EXTISM_TYPE = new FuncType(List.of(), List.of(ValType.I32));

    private InterfaceBinder() {
    }

    /**
     * {@return the bindings of {@code iface}'s abstract methods}, by method
     *
     * @param codec for parameter and result types that are not numbers, strings or bytes; null if there is none
     * @throws PluginBindingException if a method does not fit (all misfits are listed, one per line)
     * @throws IllegalArgumentException if {@code iface} is not an interface
     */
    public static Map<Method, MethodBinding> bind(Class<?> iface, ModuleShape shape, String plugin, String version,
                                                  Codec codec) {
        if (!iface.isInterface()) {
            throw new IllegalArgumentException(iface.getName() + " is not an interface");
        }
        Map<Method, MethodBinding> bindings = new HashMap<>();
        List<String> problems = new ArrayList<>();
        String firstExport = null;
        for (Method method : iface.getMethods()) {
            if (!Modifier.isAbstract(method.getModifiers())) {
                continue; // default methods run in Java; static methods are not the plugin's
            }
            String export = exportName(method);
            try {
                bindings.put(method, bindMethod(method, export, shape, plugin, version, codec));
            } catch (Misfit misfit) {
                problems.add(misfit.getMessage());
                firstExport = firstExport == null ? export : firstExport;
            }
        }
        if (!problems.isEmpty()) {
            problems.sort(null);
            throw new PluginBindingException(plugin, version, problems.size() == 1 ? firstExport : null,
                    iface.getName() + " does not fit the module:\n  " + String.join("\n  ", problems));
        }
        return Map.copyOf(bindings);
    }

    /** {@return the export {@code method} calls}: its {@link WasmExport} name, or its own */
    public static String exportName(Method method) {
        WasmExport annotation = method.getAnnotation(WasmExport.class);
        return annotation != null ? annotation.value() : method.getName();
    }

    private static MethodBinding bindMethod(Method method, String export, ModuleShape shape, String plugin,
                                            String version, Codec codec) throws Misfit {
        String signature = describe(method);
        List<Lowering> params = new ArrayList<>();
        List<ValType> coreParams = new ArrayList<>();
        boolean needsCodec = false;
        for (Class<?> type : method.getParameterTypes()) {
            Lowering lowering = lowering(type, signature, "parameter");
            needsCodec |= lowering == Lowering.CODEC;
            params.add(lowering);
            coreParams.addAll(lowering.flatParams());
        }
        Lowering result = lowering(method.getReturnType(), signature, "result");
        needsCodec |= result == Lowering.CODEC;
        if (needsCodec && codec == null) {
            throw new Misfit(signature + ": a parameter or result is neither a Wasm number, String, byte[] nor"
                    + " ByteBuffer, and there is no Codec (add Jackson 3 for JSON, or give the registry one)");
        }
        if (shape.abi() == GuestAbi.EXTISM) {
            return bindExtism(method, export, shape, plugin, version, needsCodec ? codec : null, params, result);
        }
        FuncType expected = new FuncType(coreParams, result.flatResults());
        if (coreParams.size() > MAX_FLAT_PARAMS) {
            throw new Misfit(signature + " lowers to " + coreParams.size() + " core parameters " + expected
                    + "; the Windlass ABI passes at most " + MAX_FLAT_PARAMS);
        }
        FuncType actual = shape.function(export).orElseThrow(() -> new Misfit(signature + " needs export \""
                + export + "\" " + expected + ", which the module does not export (its functions: "
                + String.join(", ", shape.functionNames()) + ")"));
        if (!actual.equals(expected)) {
            throw new Misfit(signature + " needs export \"" + export + "\" to be " + expected
                    + ", but the module's \"" + export + "\" is " + actual);
        }
        boolean usesMemory = result.inMemory() || params.stream().anyMatch(Lowering::inMemory);
        if (usesMemory && !shape.exportsMemory()) {
            throw new Misfit(signature + " (export \"" + export + "\" " + expected
                    + ") passes bytes through guest memory, but the module exports no memory named \"memory\"");
        }
        if (params.stream().anyMatch(Lowering::inMemory)) {
            FuncType realloc = shape.function(MethodBinding.REALLOC).orElseThrow(() -> new Misfit(signature
                    + " (export \"" + export + "\" " + expected + ") writes arguments into guest memory, but the"
                    + " module does not export " + MethodBinding.REALLOC + " " + MethodBinding.REALLOC_TYPE));
            if (!realloc.equals(MethodBinding.REALLOC_TYPE)) {
                throw new Misfit(signature + " (export \"" + export + "\"): " + MethodBinding.REALLOC + " must be "
                        + MethodBinding.REALLOC_TYPE + ", but the module's is " + realloc);
            }
        }
        String postName = MethodBinding.POST_RETURN_PREFIX + export;
        FuncType post = shape.function(postName).orElse(null);
        FuncType postExpected = new FuncType(expected.results(), List.of());
        if (post != null && !post.equals(postExpected)) {
            throw new Misfit(signature + " (export \"" + export + "\" " + expected + "): " + postName + " must be "
                    + postExpected + ", but the module's is " + post);
        }
        return new MethodBinding(GuestAbi.WINDLASS, plugin, version, method, export, List.copyOf(params),
                method.getGenericParameterTypes(), result, method.getGenericReturnType(), expected,
                post != null ? postName : null, usesMemory, needsCodec ? codec : null);
    }

    /** Extism's exports are {@code () -> (i32)}: at most one input and the output, both bytes. */
    private static MethodBinding bindExtism(Method method, String export, ModuleShape shape, String plugin,
                                            String version, Codec codec, List<Lowering> params, Lowering result)
            throws Misfit {
        String signature = describe(method);
        if (params.size() > 1 || params.stream().anyMatch(p -> !p.inMemory())
                || !(result.inMemory() || result == Lowering.VOID)) {
            throw new Misfit(signature + ": an Extism plugin's export takes at most one input and gives one output,"
                    + " each a String, byte[], ByteBuffer or codec value (or void)");
        }
        FuncType actual = shape.function(export).orElseThrow(() -> new Misfit(signature + " needs Extism export \""
                + export + "\" " + EXTISM_TYPE + ", which the module does not export (its functions: "
                + String.join(", ", shape.functionNames()) + ")"));
        if (!actual.equals(EXTISM_TYPE)) {
            throw new Misfit(signature + " needs Extism export \"" + export + "\" to be " + EXTISM_TYPE
                    + ", but the module's \"" + export + "\" is " + actual);
        }
        return new MethodBinding(GuestAbi.EXTISM, plugin, version, method, export, List.copyOf(params),
                method.getGenericParameterTypes(), result, method.getGenericReturnType(), EXTISM_TYPE, null, false,
                codec);
    }

    private static Lowering lowering(Class<?> type, String signature, String role) throws Misfit {
        if (Lowering.unsupportedPrimitive(type)) {
            throw new Misfit(signature + ": " + role + " type " + type.getName()
                    + " has no Wasm form (use int, long, float, double or boolean)");
        }
        return Lowering.of(type);
    }

    /** {@return {@code Greeter.greet(String) -> String}} */
    static String describe(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "("
                + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", "))
                + ") -> " + method.getReturnType().getSimpleName();
    }

    /** One method that does not fit; collected so that the exception lists them all. */
    private static final class Misfit extends Exception {

        private static final long serialVersionUID = 1L;

        Misfit(String message) {
            super(message, null, false, false);
        }
    }
}
