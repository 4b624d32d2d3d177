package dev.windlass.sandbox;

import dev.windlass.memory.MemoryImage;
import dev.windlass.nativemem.CodeSegment;
import dev.windlass.winch.compile.CompiledModule;
import dev.windlass.winch.vm.MemoryStrategy;
import dev.windlass.winch.wasm.Export;
import dev.windlass.winch.wasm.Import;
import dev.windlass.winch.wasm.WasmModule;
import java.lang.ref.Cleaner;
import java.util.List;
import java.util.Optional;

/**
 * A compiled module, its machine code mapped executable. Immutable and thread-safe: instantiate
 * it in any number of stores. Its code is unmapped when the module becomes unreachable (the
 * instances made from it keep it reachable).
 */
public final class Module {

    private static final Cleaner CLEANER = Cleaner.create();

    private final Engine engine;
    private final CompiledModule compiled;
    private final CodeSegment code;
    /** The copy-on-write images of its memories' data ({@link DataImages}), built at the first instantiation. */
    private volatile MemoryImage[] dataImages;

    Module(Engine engine, CompiledModule compiled) {
        this.engine = engine;
        this.compiled = compiled;
        this.code = CodeSegment.load(compiled.code());
        CodeSegment segment = code;
        if (compiled.memoryStrategy() == MemoryStrategy.GUARD_PAGES) {
            // Its accesses fault past a memory's length: the signal handler must know the code.
            int slot;
            try {
                slot = CodeRangeTable.add(segment.address(), segment.address() + segment.size());
            } catch (RuntimeException e) {
                segment.close();
                throw e;
            }
            CLEANER.register(this, () -> {
                CodeRangeTable.remove(slot); // before the unmap: the range must never name someone else's code
                segment.close();
            });
        } else {
            CLEANER.register(this, segment::close);
        }
    }

    public Engine engine() {
        return engine;
    }

    /** {@return the bytes of machine code the module maps} */
    public long codeSize() {
        return code.size();
    }

    /**
     * {@return the module's name from its name section}, if it has one; Wasm frames of stack
     * traces show it ({@link WasmFrame})
     */
    public Optional<String> name() {
        return compiled.module().names().moduleName();
    }

    /** {@return what the module imports} */
    public List<Import> imports() {
        return compiled.module().imports();
    }

    /** {@return what the module exports} */
    public List<Export> exports() {
        return compiled.module().exports();
    }

    /** {@return the data image of each memory, null where there is none}; built once, by the first caller */
    MemoryImage[] dataImages() {
        MemoryImage[] images = dataImages;
        if (images == null) {
            synchronized (this) {
                images = dataImages;
                if (images == null) {
                    images = DataImages.build(wasm());
                    dataImages = images;
                }
            }
        }
        return images;
    }

    CompiledModule compiled() {
        return compiled;
    }

    WasmModule wasm() {
        return compiled.module();
    }

    /** {@return the address of code offset {@code offset}} */
    long address(int offset) {
        return code.address() + offset;
    }

    boolean containsAddress(long address) {
        return code.contains(address);
    }

    long codeAddress() {
        return code.address();
    }
}
