package dev.windlass.winch.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WasmReaderTest {

    private static WasmReader reader(int... bytes) {
        byte[] b = TestModules.raw(bytes);
        return new WasmReader(b, 0, b.length);
    }

    @Test
    void u32DecodesEveryLengthUpToFiveBytes() {
        assertThat(reader(0x00).u32()).isZero();
        assertThat(reader(0x7F).u32()).isEqualTo(127);
        assertThat(reader(0x80, 0x01).u32()).isEqualTo(128);
        assertThat(reader(0xFF, 0xFF, 0xFF, 0xFF, 0x0F).u32()).isEqualTo(-1); // 2^32-1 as a bit pattern
        assertThat(reader(0x80, 0x80, 0x80, 0x80, 0x00).u32()).isZero(); // padded, still 5 bytes: allowed
    }

    @Test
    void u32RejectsASixthByteAsTooLong() {
        assertThatThrownBy(() -> reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x00).u32())
                .isInstanceOf(WasmMalformedException.class)
                .hasMessageContaining("integer representation too long");
    }

    @Test
    void u32RejectsBitsBeyondThirtyTwoAsTooLarge() {
        assertThatThrownBy(() -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0x1F).u32())
                .isInstanceOf(WasmMalformedException.class)
                .hasMessageContaining("integer too large");
    }

    @Test
    void s32ChecksThatUnusedBitsCopyTheSign() {
        assertThat(reader(0x7F).s32()).isEqualTo(-1);
        assertThat(reader(0xFF, 0xFF, 0xFF, 0xFF, 0x7F).s32()).isEqualTo(-1);
        assertThat(reader(0x80, 0x80, 0x80, 0x80, 0x78).s32()).isEqualTo(Integer.MIN_VALUE);
        assertThat(reader(0xFF, 0xFF, 0xFF, 0xFF, 0x07).s32()).isEqualTo(Integer.MAX_VALUE);
        assertThatThrownBy(() -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0x4F).s32())
                .hasMessageContaining("integer too large");
        assertThatThrownBy(() -> reader(0x80, 0x80, 0x80, 0x80, 0x70).s32())
                .hasMessageContaining("integer too large");
    }

    @Test
    void s64AndU64HandleTheirTenthByte() {
        assertThat(reader(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01).u64()).isEqualTo(-1L);
        assertThatThrownBy(() -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02).u64())
                .hasMessageContaining("integer too large");
        assertThat(reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F).s64()).isEqualTo(Long.MIN_VALUE);
        assertThatThrownBy(() -> reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x41).s64())
                .hasMessageContaining("integer too large");
        assertThatThrownBy(() -> reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00).s64())
                .hasMessageContaining("integer representation too long");
    }

    @Test
    void s33ReadsBlockTypeIndicesAndNegativeValues() {
        assertThat(reader(0x40).s33()).isEqualTo(-64);
        assertThat(reader(0xFF, 0xFF, 0xFF, 0xFF, 0x0F).s33()).isEqualTo(0xFFFF_FFFFL);
        assertThatThrownBy(() -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0x2F).s33())
                .hasMessageContaining("integer too large");
    }

    @Test
    void readingPastTheEndIsMalformedWithTheOffset() {
        assertThatThrownBy(() -> reader(0x80, 0x80).u32())
                .isInstanceOfSatisfying(WasmMalformedException.class, e -> {
                    assertThat(e.reason()).isEqualTo("unexpected end");
                    assertThat(e.offset()).isEqualTo(2);
                });
    }

    @Test
    void vectorLengthIsCheckedAgainstTheRemainingBytesBeforeAnyAllocation() {
        WasmReader r = reader(0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00, 0x00);
        assertThatThrownBy(() -> r.vectorLength(1)).isInstanceOf(WasmMalformedException.class);
        assertThat(reader(0x02, 0x00, 0x00).vectorLength(1)).isEqualTo(2);
    }

    @Test
    void namesMustBeWellFormedUtf8() {
        assertThat(reader(0x03, 'a', 'b', 'c').name()).isEqualTo("abc");
        assertThat(reader(0x02, 0xC3, 0xA9).name()).isEqualTo("\u00e9");
        assertThatThrownBy(() -> reader(0x02, 0xC0, 0x80).name()) // overlong NUL
                .hasMessageContaining("malformed UTF-8 encoding");
        assertThatThrownBy(() -> reader(0x03, 0xED, 0xA0, 0x80).name()) // a surrogate
                .hasMessageContaining("malformed UTF-8 encoding");
        assertThatThrownBy(() -> reader(0x05, 'a').name()).isInstanceOf(WasmMalformedException.class);
    }
}
