package dev.windlass.nativemem;

import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class VirtualMemoryTest {

    private static final long PAGE = VirtualMemory.pageSize();

    @Test
    void aReservationIsInaccessibleUntilProtected() {
        try (VirtualMemory memory = VirtualMemory.reserve(1L << 30)) {
            assertThat(memory.size()).isEqualTo(1L << 30);
            assertThat(ProcMaps.permissionsAt(memory.address())).contains("---p");

            memory.protect(PAGE, PAGE, Protection.READ_WRITE);
            assertThat(ProcMaps.permissionsAt(memory.address() + PAGE)).contains("rw-p");
            MemorySegment page = memory.segment(PAGE, PAGE);
            page.set(JAVA_LONG, 8, 0x1234_5678_9ABC_DEF0L);
            assertThat(page.get(JAVA_LONG, 8)).isEqualTo(0x1234_5678_9ABC_DEF0L);
        }
    }

    @Test
    void discardedPagesReadAsZero() {
        try (VirtualMemory memory = VirtualMemory.reserve(PAGE)) {
            memory.protect(0, PAGE, Protection.READ_WRITE);
            memory.segment(0, PAGE).set(JAVA_LONG, 0, -1L);
            memory.discard(0, PAGE);
            assertThat(memory.segment(0, PAGE).get(JAVA_LONG, 0)).isZero();
        }
    }

    @Test
    void closingUnmapsAndInvalidatesSegments() {
        VirtualMemory memory = VirtualMemory.reserve(PAGE);
        memory.protect(0, PAGE, Protection.READ_WRITE);
        MemorySegment segment = memory.segment(0, PAGE);
        long address = memory.address();
        memory.close();
        memory.close(); // idempotent

        assertThat(memory.isClosed()).isTrue();
        assertThat(ProcMaps.permissionsAt(address)).isEmpty();
        assertThatThrownBy(() -> segment.get(JAVA_LONG, 0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> memory.segment(0, PAGE)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void badArgumentsAreRejectedBeforeAnySystemCall() {
        assertThatThrownBy(() -> VirtualMemory.reserve(0)).isInstanceOf(IllegalArgumentException.class);
        try (VirtualMemory memory = VirtualMemory.reserve(2 * PAGE)) {
            assertThatThrownBy(() -> memory.protect(1, PAGE, Protection.READ)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> memory.protect(0, 3 * PAGE, Protection.READ)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void kernelRefusalsCarryErrno() {
        // 2^62 bytes exceeds the 47-bit user address space: the kernel says ENOMEM.
        assertThatThrownBy(() -> VirtualMemory.reserve(1L << 62))
                .isInstanceOfSatisfying(NativeMemoryException.class, e -> {
                    assertThat(e.errnoName()).isEqualTo("ENOMEM");
                    assertThat(e.getMessage()).contains("mmap").contains("ENOMEM");
                });
    }
}
