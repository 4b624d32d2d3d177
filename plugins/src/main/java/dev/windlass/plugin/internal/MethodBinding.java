package dev.windlass.plugin.internal;

import dev.windlass.plugin.Codec;
import dev.windlass.winch.wasm.FuncType;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.List;

/**
 * One interface method bound to one export of one plugin version: how each argument and the
 * result cross (see {@link Lowering}), the core type the export has, and whether the guest
 * exports a post-return function for it.
 *
 * @param abi           how the export takes and gives bytes
 * @param plugin        the plugin's name, for messages
 * @param version       the version's SHA-256, for messages (null when verifying a contract)
 * @param method        the interface method
 * @param export        the export it calls
 * @param params        one lowering per Java parameter
 * @param paramTypes    the parameters' generic types, for the codec
 * @param result        the result's lowering ({@link Lowering#VOID} for none)
 * @param resultType    the result's generic type, for the codec
 * @param coreType      the export's core Wasm type, as the interface expects it
 * @param postReturn    the name of the guest's {@code cabi_post_<export>}, or null if it has none
 * @param usesMemory    whether any argument or the result passes through guest memory (Windlass ABI)
 * @param codec         the codec for {@link Lowering#CODEC} values, or null if there are none
 */
public record MethodBinding(GuestAbi abi, String plugin, String version, Method method, String export, List<Lowering> params,
                            Type[] paramTypes, Lowering result, Type resultType, FuncType coreType,
                            String postReturn, boolean usesMemory, Codec codec) {

    /** The canonical ABI's allocator, which every Windlass ABI guest that takes bytes exports. */
    public static final String REALLOC = "cabi_realloc";
    /** The prefix of a post-return function's name. */
    public static final String POST_RETURN_PREFIX = "cabi_post_";
    /** {@code cabi_realloc(old_ptr, old_len, align, new_len) -> ptr}. */
    public static final FuncType REALLOC_TYPE = new FuncType(
            List.of(dev.windlass.winch.wasm.ValType.I32, dev.windlass.winch.wasm.ValType.I32,
                    dev.windlass.winch.wasm.ValType.I32, dev.windlass.winch.wasm.ValType.I32),
            List.of(dev.windlass.winch.wasm.ValType.I32));

    /** {@return whether some argument is written into guest memory} (then {@code cabi_realloc} is needed) */
    public boolean allocates() {
        return params.stream().anyMatch(Lowering::inMemory);
    }
}
