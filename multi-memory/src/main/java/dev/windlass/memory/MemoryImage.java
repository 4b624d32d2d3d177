package dev.windlass.memory;

import dev.windlass.nativemem.MemoryFile;
import dev.windlass.nativemem.Protection;
import dev.windlass.nativemem.VirtualMemory;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * The initial contents of a linear memory, built once (per module and memory) into a sealed
 * in-memory file, so that each new memory maps it copy-on-write ({@link LinearMemory#mapImage})
 * instead of copying the bytes: instantiating with a megabyte of data costs one {@code mmap},
 * and pages the instance never writes stay shared with every other instance.
 *
 * <p>Immutable and thread-safe. The file is closed when the image becomes unreachable (memories
 * that map it keep working: the kernel keeps a mapped file).
 */
public final class MemoryImage {

    /** Bytes placed at {@code offset} of the memory; later placements overwrite earlier ones. */
    public record Placement(long offset, ByteBuffer bytes) {
        public Placement {
            Objects.requireNonNull(bytes, "bytes");
            if (offset < 0) {
                throw new IllegalArgumentException("offset must not be negative: " + offset);
            }
        }
    }

    private final MemoryFile file;
    /** The image, mapped read-only: where a reset copies the pages an instance wrote back from. */
    private final VirtualMemory pristine;

    private MemoryImage(MemoryFile file) {
        this.file = file;
        this.pristine = VirtualMemory.reserve(file.size());
        try {
            pristine.mapCopyOnWrite(0, file.size(), file);
            pristine.protect(0, file.size(), Protection.READ);
        } catch (RuntimeException e) {
            pristine.close();
            throw e;
        }
    }

    /**
     * {@return an image holding {@code placements}, applied in order over zeros, or null if they
     * hold no byte} (a memory then needs no image)
     *
     * @throws dev.windlass.nativemem.NativeMemoryException if the file cannot be made (e.g. EMFILE)
     */
    public static MemoryImage of(String name, List<Placement> placements) {
        long end = 0;
        for (Placement p : placements) {
            if (p.bytes().remaining() > 0) {
                end = Math.max(end, Math.addExact(p.offset(), p.bytes().remaining()));
            }
        }
        if (end == 0) {
            return null;
        }
        MemoryFile file = MemoryFile.create(name, end, contents -> {
            for (Placement p : placements) {
                MemorySegment.copy(MemorySegment.ofBuffer(p.bytes()), 0, contents, p.offset(), p.bytes().remaining());
            }
        });
        try {
            return new MemoryImage(file);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** {@return the bytes the image covers from offset 0: whole host pages, the rest of the memory is zero} */
    public long byteLength() {
        return file.size();
    }

    MemoryFile file() {
        return file;
    }

    /** {@return the image's bytes, read-only} */
    MemorySegment pristine() {
        return pristine.segment(0, pristine.size());
    }

    /** {@return whether the image fits a memory of {@code bytes}} */
    boolean fits(long bytes) {
        return byteLength() <= bytes && byteLength() % VirtualMemory.pageSize() == 0;
    }
}
