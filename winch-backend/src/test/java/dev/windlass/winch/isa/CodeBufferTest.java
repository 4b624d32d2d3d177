package dev.windlass.winch.isa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CodeBufferTest {

    private static final int JMP_SHORT = 0xEB;
    private static final int JMP_LONG = 0xE9;
    private static final byte FILL = (byte) 0x90;

    private final CodeBuffer buffer = new CodeBuffer((code, offset, length) -> Arrays.fill(code, offset, offset + length, FILL));

    private static int int32At(byte[] code, int offset) {
        return ByteBuffer.wrap(code).order(ByteOrder.LITTLE_ENDIAN).getInt(offset);
    }

    private void emitFiller(int count) {
        for (int i = 0; i < count; i++) {
            buffer.putByte(0x90);
        }
    }

    @Test
    void emitsLittleEndianPrimitives() {
        buffer.putByte(0x1FF);
        buffer.putShort(0x1234);
        buffer.putInt(0x89ABCDEF);
        buffer.putLong(0x0102030405060708L);
        assertThat(buffer.finish().code()).containsExactly(
                0xFF, 0x34, 0x12, 0xEF, 0xCD, 0xAB, 0x89, 8, 7, 6, 5, 4, 3, 2, 1);
    }

    @Test
    void growsPastItsInitialCapacity() {
        for (int i = 0; i < 100_000; i++) {
            buffer.putInt(i);
        }
        byte[] code = buffer.finish().code();
        assertThat(code).hasSize(400_000);
        assertThat(int32At(code, 4 * 77_777)).isEqualTo(77_777);
    }

    @Test
    void rel32ReferenceToALabelBoundLaterIsResolvedAtFinish() {
        Label label = buffer.newLabel();
        buffer.putByte(0xE8);
        buffer.putLabelRel32(label, 0);
        emitFiller(10);
        buffer.bind(label);
        AssembledCode code = buffer.finish();
        assertThat(code.labelOffset(label)).isEqualTo(15);
        assertThat(int32At(code.code(), 1)).isEqualTo(10);
    }

    @Test
    void rel32ReferenceToALabelBoundEarlierCountsFromTheInstructionEnd() {
        Label label = buffer.newLabel();
        emitFiller(3);
        buffer.bind(label);
        emitFiller(5);
        buffer.putByte(0x8D);
        buffer.putLabelRel32(label, 1); // an imm8 follows the displacement
        buffer.putByte(0x42);
        byte[] code = buffer.finish().code();
        assertThat(int32At(code, 9)).isEqualTo(3 - 14);
    }

    @Test
    void backwardBranchInRangeIsEmittedShortAtOnce() {
        Label top = buffer.newLabel();
        buffer.bind(top);
        emitFiller(126);
        buffer.putRelaxableBranch(top, JMP_SHORT, JMP_LONG, 1);
        assertThat(buffer.offset()).isEqualTo(128);
        byte[] code = buffer.finish().code();
        assertThat(code).hasSize(128);
        assertThat(code[126] & 0xFF).isEqualTo(JMP_SHORT);
        assertThat(code[127]).isEqualTo((byte) -128);
    }

    @Test
    void forwardBranchIsReservedLongAndShrunkWhenInRange() {
        Label end = buffer.newLabel();
        buffer.putRelaxableBranch(end, JMP_SHORT, JMP_LONG, 1);
        assertThat(buffer.offset()).isEqualTo(5);
        emitFiller(127);
        buffer.bind(end);
        AssembledCode code = buffer.finish();
        assertThat(code.size()).isEqualTo(129);
        assertThat(code.labelOffset(end)).isEqualTo(129);
        assertThat(code.code()[0] & 0xFF).isEqualTo(JMP_SHORT);
        assertThat(code.code()[1]).isEqualTo((byte) 127);
    }

    @Test
    void forwardBranchOutOfRangeStaysLong() {
        Label end = buffer.newLabel();
        buffer.putRelaxableBranch(end, 0x74, 0x0F84, 2);
        emitFiller(128);
        buffer.bind(end);
        byte[] code = buffer.finish().code();
        assertThat(code).hasSize(134);
        assertThat(code[0] & 0xFF).isEqualTo(0x0F);
        assertThat(code[1] & 0xFF).isEqualTo(0x84);
        assertThat(int32At(code, 2)).isEqualTo(128);
    }

    @Test
    void shrinkingMovesLaterLabelsFixupsAndTables() {
        Label skip = buffer.newLabel();
        Label data = buffer.newLabel();
        buffer.recordSourceOffset(7);
        buffer.putRelaxableBranch(skip, JMP_SHORT, JMP_LONG, 1); // 5 bytes now, 2 after relaxation
        emitFiller(4);
        buffer.bind(skip);
        buffer.recordSourceOffset(9);
        buffer.recordTrap(3);
        buffer.putByte(0x0F);
        buffer.putByte(0x0B);
        buffer.putByte(0xE8);
        buffer.putCallSiteRel32(42);
        buffer.putByte(0x8D);
        buffer.putLabelRel32(data, 0);
        int emittedAtData = buffer.offset();
        buffer.bind(data);
        AssembledCode code = buffer.finish();

        assertThat(code.labelOffset(skip)).isEqualTo(6);
        assertThat(code.finalOffset(emittedAtData)).isEqualTo(emittedAtData - 3);
        assertThat(code.trapSites().size()).isEqualTo(1);
        assertThat(code.trapSites().codeOffset(0)).isEqualTo(6);
        assertThat(code.trapSites().value(0)).isEqualTo(3);
        assertThat(code.callSites().codeOffset(0)).isEqualTo(9);
        assertThat(code.callSites().value(0)).isEqualTo(42);
        assertThat(code.sourceMap().toString()).isEqualTo("{0->7, 6->9}");
        assertThat(int32At(code.code(), 14)).isZero(); // data is right after the reference
    }

    @Test
    void aSecondSourceOffsetAtTheSameCodeOffsetReplacesTheFirst() {
        buffer.recordSourceOffset(1);
        buffer.recordSourceOffset(2);
        buffer.putByte(0x90);
        buffer.recordSourceOffset(3);
        OffsetTable map = buffer.finish().sourceMap();
        assertThat(map.toString()).isEqualTo("{0->2, 1->3}");
        assertThat(map.floorIndex(0)).isZero();
        assertThat(map.floorIndex(5)).isEqualTo(1);
        assertThat(map.floorIndex(-1)).isEqualTo(-1);
    }

    @Test
    void constantsAreDeduplicatedAlignedAndPlacedAfterTheCode() {
        Label mask = buffer.constant128(0x7FFF_FFFF_FFFF_FFFFL, 0x7FFF_FFFF_FFFF_FFFFL);
        Label one = buffer.constant64(Double.doubleToRawLongBits(1.0));
        assertThat(buffer.constant128(0x7FFF_FFFF_FFFF_FFFFL, 0x7FFF_FFFF_FFFF_FFFFL)).isSameAs(mask);
        assertThat(buffer.constant32(Float.floatToRawIntBits(1.0f))).isNotSameAs(one);
        buffer.putByte(0x8D);
        buffer.putLabelRel32(one, 0);
        AssembledCode code = buffer.finish();

        assertThat(code.instructionsSize()).isEqualTo(5);
        assertThat(code.constantPoolOffset()).isEqualTo(16);
        assertThat(code.size()).isEqualTo(16 + 3 * 16);
        assertThat(code.labelOffset(mask)).isEqualTo(16);
        assertThat(code.labelOffset(one)).isEqualTo(32);
        byte[] bytes = code.code();
        assertThat(int32At(bytes, 1)).isEqualTo(32 - 5);
        assertThat(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getDouble(32)).isEqualTo(1.0);
        assertThat(Arrays.copyOfRange(bytes, 40, 48)).containsOnly(0);
        assertThat(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getFloat(48)).isEqualTo(1.0f);
        assertThat(Arrays.copyOfRange(bytes, 5, 16)).containsOnly(FILL);
    }

    @Test
    void manyConstantsStayDistinct() {
        Label[] labels = new Label[1000];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = buffer.constant64(i);
        }
        for (int i = 0; i < labels.length; i++) {
            assertThat(buffer.constant64(i)).isSameAs(labels[i]);
        }
        AssembledCode code = buffer.finish();
        assertThat(code.size()).isEqualTo(16_000);
        assertThat(code.labelOffset(labels[999])).isEqualTo(999 * 16);
    }

    @Test
    void alignmentPadsWithTheFillerAndIsRecomputedAfterRelaxation() {
        Label end = buffer.newLabel();
        buffer.putRelaxableBranch(end, JMP_SHORT, JMP_LONG, 1);
        buffer.align(16);
        assertThat(buffer.offset()).isEqualTo(16);
        Label aligned = buffer.newLabel();
        buffer.bind(aligned);
        buffer.putByte(0xC3);
        buffer.bind(end);
        AssembledCode code = buffer.finish();

        assertThat(code.labelOffset(aligned)).isEqualTo(16);
        assertThat(Arrays.copyOfRange(code.code(), 2, 16)).containsOnly(FILL);
        assertThat(code.code()[1]).isEqualTo((byte) 15);
        assertThat(code.requiredAlignment()).isEqualTo(16);
    }

    @Test
    void aLabelBoundBeforeAnEmptyAlignmentGapStaysBeforeTheGapWhenItOpens() {
        Label end = buffer.newLabel();
        buffer.putRelaxableBranch(end, JMP_SHORT, JMP_LONG, 1);
        emitFiller(11);
        Label before = buffer.newLabel();
        buffer.bind(before);
        buffer.align(16); // no gap now; 3 bytes after the branch shrinks
        Label after = buffer.newLabel();
        buffer.bind(after);
        buffer.bind(end);
        AssembledCode code = buffer.finish();

        assertThat(code.labelOffset(before)).isEqualTo(13);
        assertThat(code.labelOffset(after)).isEqualTo(16);
        assertThat(code.finalOffset(16)).isEqualTo(16);
    }

    @Test
    void aBranchAcrossAnAlignmentGapThatGrowsIsWidened() {
        // Both branches shrink, so the gap before offset 64 grows from 0 to 6 bytes and the
        // second branch's short displacement from 122 to 128: out of range, so it stays long.
        Label a = buffer.newLabel();
        Label b = buffer.newLabel();
        buffer.putRelaxableBranch(a, JMP_SHORT, JMP_LONG, 1);
        buffer.bind(a);
        emitFiller(54);
        int branchB = buffer.offset();
        buffer.putRelaxableBranch(b, JMP_SHORT, JMP_LONG, 1);
        buffer.align(64);
        assertThat(buffer.offset()).isEqualTo(64);
        emitFiller(122);
        buffer.bind(b);
        AssembledCode code = buffer.finish();

        byte[] bytes = code.code();
        assertThat(bytes[0] & 0xFF).isEqualTo(JMP_SHORT);
        int start = code.finalOffset(branchB);
        assertThat(start).isEqualTo(56);
        assertThat(bytes[start] & 0xFF).isEqualTo(JMP_LONG);
        assertThat(code.labelOffset(b)).isEqualTo(186);
        assertThat(start + 5 + int32At(bytes, start + 1)).isEqualTo(186);
        assertThat(Arrays.copyOfRange(bytes, 61, 64)).containsOnly(FILL);
    }

    @Test
    void anUnboundLabelFailsAtFinish() {
        Label nowhere = buffer.newLabel();
        buffer.putRelaxableBranch(nowhere, JMP_SHORT, JMP_LONG, 1);
        assertThatThrownBy(buffer::finish)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("never bound");
    }

    @Test
    void aLabelCannotBeBoundTwice() {
        Label label = buffer.newLabel();
        buffer.bind(label);
        assertThatThrownBy(() -> buffer.bind(label)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> buffer.bind(buffer.constant64(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aConstantIsNotABranchTarget() {
        Label constant = buffer.constant64(1);
        assertThatThrownBy(() -> buffer.putRelaxableBranch(constant, JMP_SHORT, JMP_LONG, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void labelsOfAnEarlierFunctionOrAnotherBufferAreRejected() {
        Label old = buffer.newLabel();
        buffer.reset();
        assertThatThrownBy(() -> buffer.bind(old)).isInstanceOf(IllegalArgumentException.class);
        CodeBuffer other = new CodeBuffer((code, offset, length) -> { });
        assertThatThrownBy(() -> other.bind(buffer.newLabel())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resetStartsAnEmptyFunctionWithNewConstantLabels() {
        Label first = buffer.constant64(5);
        buffer.putByte(1);
        buffer.recordTrap(1);
        buffer.finish();
        buffer.reset();
        Label second = buffer.constant64(5);
        assertThat(second).isNotSameAs(first);
        AssembledCode code = buffer.finish();
        assertThat(code.size()).isEqualTo(16);
        assertThat(code.trapSites().size()).isZero();
        assertThat(code.labelOffset(second)).isZero();
    }

    @Test
    void alignmentMustBeAPowerOfTwo() {
        assertThatThrownBy(() -> buffer.align(3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> buffer.align(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> buffer.align(8192)).isInstanceOf(IllegalArgumentException.class);
    }
}
