package dev.windlass.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class LinearMemoryTest {

    @Test
    void growsInPlaceUpToItsMaximumAndKeepsItsBytes() {
        try (LinearMemory memory = LinearMemory.create(1, 3)) {
            long base = memory.base();
            memory.segment().set(ValueLayout.JAVA_INT, 65532, 0x12345678);

            assertThat(memory.grow(2)).isEqualTo(1);
            assertThat(memory.base()).isEqualTo(base);
            assertThat(memory.byteLength()).isEqualTo(3 * LinearMemory.PAGE_SIZE);
            assertThat(memory.segment().get(ValueLayout.JAVA_INT, 65532)).isEqualTo(0x12345678);
            assertThat(memory.segment().get(ValueLayout.JAVA_LONG, 3 * 65536 - 8)).isZero();

            assertThat(memory.grow(1)).isEqualTo(-1);
            assertThat(memory.pages()).isEqualTo(3);
            assertThat(memory.grow(0)).isEqualTo(3);
        }
    }

    @Test
    void viewsAreBoundedByTheCurrentLength() {
        try (LinearMemory memory = LinearMemory.create(0, 2)) {
            assertThat(memory.segment().byteSize()).isZero();
            assertThatThrownBy(() -> memory.segment().get(ValueLayout.JAVA_BYTE, 0))
                    .isInstanceOf(IndexOutOfBoundsException.class);
            memory.grow(1);
            assertThat(memory.segment().byteSize()).isEqualTo(65536);
        }
    }

    @Test
    void aFullThirtyTwoBitMemoryIsOnlyAReservation() {
        try (LinearMemory memory = LinearMemory.create(1, LinearMemory.MAX_PAGES_32)) {
            assertThat(memory.grow(LinearMemory.MAX_PAGES_32)).isEqualTo(-1);
            assertThat(memory.grow(10)).isEqualTo(1);
        }
    }

    @Test
    void anInitialSizeAboveTheMaximumIsRefused() {
        assertThatThrownBy(() -> LinearMemory.create(3, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aGuardedMemoryReservesMoreThanItsMaximumAndGrowsInPlace() {
        long reservation = (8L << 30) + LinearMemory.PAGE_SIZE;
        try (LinearMemory memory = LinearMemory.createGuarded(1, 4, reservation)) {
            assertThat(memory.reservedBytes()).isEqualTo(reservation);
            long base = memory.base();
            assertThat(memory.grow(3)).isEqualTo(1);
            assertThat(memory.base()).isEqualTo(base);
            memory.segment().set(ValueLayout.JAVA_LONG, 4 * LinearMemory.PAGE_SIZE - 8, 42);
            assertThat(memory.grow(1)).isEqualTo(-1);
        }
    }

    @Test
    void runningOutOfAddressSpaceIsAMemoryReservationException() {
        assertThatThrownBy(() -> LinearMemory.createGuarded(1, 4, 1L << 60))
                .isInstanceOf(MemoryReservationException.class)
                .hasMessageContaining("ENOMEM")
                .hasMessageContaining("address space");
    }
}
