package dev.windlass.sandbox;

import dev.windlass.memory.LinearMemory;
import dev.windlass.memory.MemoryImage;
import dev.windlass.nativemem.NativeMemoryException;
import dev.windlass.winch.wasm.DataSegment;
import dev.windlass.winch.wasm.MemoryType;
import dev.windlass.winch.wasm.SegmentMode;
import dev.windlass.winch.wasm.WasmModule;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The copy-on-write images of a module's defined memories ({@link MemoryImage}), built once per
 * module, at its first instantiation: instances then map a memory's active data segments
 * instead of copying them (Wasmtime's "memory_init_cow").
 *
 * <p>A memory gets an image only when doing so cannot change what instantiation does: it is
 * defined by the module (an imported memory is someone else's, and the spec applies segments to
 * it one by one), and every active segment that targets it has a constant offset (no
 * {@code global.get}: an imported global differs between instances) and lies within the
 * memory's initial size, so none of them could trap. Such segments have no effect another
 * segment or the start function could observe before all of them are applied, so the image,
 * mapped when the memory is made, gives the same memory as the copies would. Every other memory
 * has no image and its segments are copied in order, as the spec describes; the same happens
 * if the kernel refuses the image's file or its mapping.
 */
final class DataImages {

    private static final MemoryImage[] NONE = new MemoryImage[0];

    private DataImages() {
    }

    /** {@return one image per memory index of {@code wasm}, null where a memory has none} */
    static MemoryImage[] build(WasmModule wasm) {
        int count = wasm.memories().size();
        if (wasm.dataSegments().isEmpty() || count == wasm.importedMemoryCount()) {
            return NONE;
        }
        MemoryImage[] images = new MemoryImage[count];
        for (int m = wasm.importedMemoryCount(); m < count; m++) {
            images[m] = build(wasm, m);
        }
        return images;
    }

    private static MemoryImage build(WasmModule wasm, int memoryIndex) {
        MemoryType type = wasm.memories().get(memoryIndex);
        long initialBytes = type.limits().min() * LinearMemory.PAGE_SIZE;
        List<MemoryImage.Placement> placements = new ArrayList<>();
        for (DataSegment segment : wasm.dataSegments()) {
            if (segment.mode() != SegmentMode.ACTIVE || segment.memoryIndex() != memoryIndex) {
                continue;
            }
            OptionalLong constant = ConstantExpressions.evaluateConstant(wasm, segment.offsetExpr());
            if (constant.isEmpty()) {
                return null;
            }
            long offset = type.is64() ? constant.getAsLong() : constant.getAsLong() & 0xFFFF_FFFFL;
            long length = segment.dataLength();
            if (Long.compareUnsigned(offset, initialBytes) > 0 || length > initialBytes - offset) {
                return null; // this segment traps: the copies must show which ones came before it
            }
            placements.add(new MemoryImage.Placement(offset, wasm.bytes(segment.dataOffset(), segment.dataLength())));
        }
        try {
            return MemoryImage.of("windlass-data-" + memoryIndex, placements);
        } catch (NativeMemoryException e) {
            return null; // no file for it (EMFILE, ENOMEM): copy the segments instead
        }
    }
}
