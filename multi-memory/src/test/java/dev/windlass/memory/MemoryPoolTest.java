package dev.windlass.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pool hands a released memory to the next acquirer of the same maximum, reset to zeros
 * or to the image it holds, preferring one that holds the image asked for; a memory is
 * replaced only when it cannot be reset.
 */
class MemoryPoolTest {

    private static MemoryImage image(String text, long offset) {
        return MemoryImage.of("pool-test", List.of(new MemoryImage.Placement(offset,
                ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)))));
    }

    private static String text(LinearMemory memory, long offset, int length) {
        byte[] bytes = memory.segment().asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    @Test
    void aReleasedMemoryWithoutAnImageIsTheNextOneZeroed() {
        MemoryPool pool = new MemoryPool(4, 4L << 20);
        LinearMemory first = pool.acquire(1, 100, null);
        first.grow(1);
        first.segment().fill((byte) 3);
        pool.release(first);
        LinearMemory second = pool.acquire(1, 100, null);
        assertThat(second).isSameAs(first);
        assertThat(second.pages()).isEqualTo(1);
        assertThat(second.grow(1)).isEqualTo(1);
        assertThat(second.segment().toArray(ValueLayout.JAVA_BYTE)).containsOnly((byte) 0);
        second.close();
    }

    @Test
    void theSameImageComesBackPristineAndAnotherAcquirerGetsZeros() {
        MemoryPool pool = new MemoryPool(4, 4L << 20);
        MemoryImage hello = image("hello", 70_000);
        LinearMemory memory = pool.acquire(2, 100, hello);
        assertThat(memory.mapImage(hello)).isTrue();
        assertThat(text(memory, 70_000, 5)).isEqualTo("hello");
        memory.segment().set(ValueLayout.JAVA_BYTE, 70_000, (byte) 'J');
        memory.segment().set(ValueLayout.JAVA_BYTE, 100_000, (byte) 'X'); // past the image
        pool.release(memory);

        LinearMemory again = pool.acquire(2, 100, hello);
        assertThat(again).isSameAs(memory);
        assertThat(again.image()).isSameAs(hello);
        assertThat(text(again, 70_000, 5)).isEqualTo("hello");
        assertThat(again.segment().get(ValueLayout.JAVA_BYTE, 100_000)).isZero();
        pool.release(again);

        LinearMemory plain = pool.acquire(2, 100, null);
        assertThat(plain).isSameAs(memory);
        assertThat(plain.image()).isNull();
        assertThat(plain.segment().toArray(ValueLayout.JAVA_BYTE)).containsOnly((byte) 0);
        pool.release(plain);

        MemoryImage other = image("other", 0);
        LinearMemory switched = pool.acquire(2, 100, other);
        assertThat(switched.mapImage(other)).isTrue();
        assertThat(text(switched, 0, 5)).isEqualTo("other");
        assertThat(text(switched, 70_000, 5)).isEqualTo("\0\0\0\0\0");
        switched.close();
    }

    @Test
    void theMemoryHoldingTheWantedImageIsPreferred() {
        MemoryPool pool = new MemoryPool(4, 4L << 20);
        MemoryImage a = image("a", 0);
        MemoryImage b = image("b", 0);
        LinearMemory withA = pool.acquire(1, 100, a);
        withA.mapImage(a);
        LinearMemory withB = pool.acquire(1, 100, b);
        withB.mapImage(b);
        pool.release(withA);
        pool.release(withB);
        assertThat(pool.acquire(1, 100, a)).isSameAs(withA);
        assertThat(pool.acquire(1, 100, b)).isSameAs(withB);
        withA.close();
        withB.close();
    }
}
