package dev.windlass.winch.disas;

import dev.windlass.winch.compile.CompiledModule;
import dev.windlass.winch.compile.ModuleCompiler;
import dev.windlass.winch.testing.Objdump;
import dev.windlass.winch.wasm.ModuleDecoder;
import dev.windlass.winch.wasm.WasmFeatures;
import dev.windlass.winch.wasm.WasmFeatures.Feature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Compiles a binary module with {@link ModuleCompiler} as a case's options say and lists its
 * code: a header naming the target and options, then each defined function (and, when asked,
 * the shared stubs) as a {@link RegionListing}.
 */
final class ModuleListing {

    /** What wat2wasm is asked to accept, so the decoder accepts it too. */
    private static final WasmFeatures FEATURES = WasmFeatures.defaults().with(Feature.MEMORY64);

    private final Path objdump;

    ModuleListing(Path objdump) {
        this.objdump = objdump;
    }

    /** {@return the listing of {@code wasm} compiled with {@code options}}, headed by {@code source}'s name */
    String list(String source, byte[] wasm, CaseOptions options) throws IOException, InterruptedException {
        CompiledModule compiled = new ModuleCompiler(options.target().target, options.code())
                .compile(ModuleDecoder.decode(wasm, FEATURES));
        CodeMap map = CodeMap.of(compiled);
        byte[] code = compiled.code();

        StringBuilder out = new StringBuilder();
        out.append(";; ").append(source).append(": ").append(options.describe()).append('\n');
        List<CodeRegion> regions = options.stubs()
                ? Stream.concat(map.shared().stream(), map.functions().stream()).toList()
                : map.functions();
        for (CodeRegion region : regions) {
            List<Objdump.Line> lines = Objdump.disassemble(objdump, code, region.start(), region.end());
            out.append('\n').append(RegionListing.of(compiled, map, region, lines, heading(compiled, region)));
        }
        return out.toString();
    }

    private static String heading(CompiledModule compiled, CodeRegion region) {
        if (region.shared()) {
            return region.title() + ":";
        }
        int index = compiled.functionAt(region.start());
        return region.title() + " " + compiled.functionType(index) + ":";
    }
}
