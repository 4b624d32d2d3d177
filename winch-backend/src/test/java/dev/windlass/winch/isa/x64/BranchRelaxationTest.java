package dev.windlass.winch.isa.x64;

import static dev.windlass.winch.isa.x64.Gpr.RAX;
import static dev.windlass.winch.isa.x64.Gpr.RCX;
import static dev.windlass.winch.isa.x64.OperandSize.S32;
import static dev.windlass.winch.isa.x64.OperandSize.S64;
import static org.assertj.core.api.Assertions.assertThat;

import dev.windlass.winch.isa.AssembledCode;
import dev.windlass.winch.isa.Label;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Branch relaxation through the x86-64 assembler: the rel8/rel32 boundary in both directions for
 * {@code jmp} and {@code jcc}, and whole functions of a mebibyte whose every branch and
 * pc-relative reference is decoded from the final bytes.
 */
class BranchRelaxationTest {

    private enum Kind { JMP, JCC, CALL, LEA, CONSTANT_LOAD }

    /** A pc-relative reference emitted at {@code emissionOffset}, to be decoded in the final code. */
    private record Reference(Kind kind, int emissionOffset, Label target, ConditionCode cc, long constant) {
    }

    private final X64Assembler asm = X64Assembler.create(Target.baseline());

    private void fill(int bytes) {
        while (bytes > 0) {
            int length = Math.min(bytes, 15);
            asm.nop(length);
            bytes -= length;
        }
    }

    private static int int32(byte[] code, int offset) {
        return ByteBuffer.wrap(code).order(ByteOrder.LITTLE_ENDIAN).getInt(offset);
    }

    @Test
    void forwardJmpIsShortUpTo127BytesAndLongBeyond() {
        for (int distance = 120; distance <= 135; distance++) {
            X64Assembler fresh = X64Assembler.create(Target.baseline());
            Label target = fresh.newLabel();
            fresh.jmp(target);
            for (int i = 0; i < distance; i++) {
                fresh.nop(1);
            }
            fresh.bind(target);
            byte[] code = fresh.buffer().finish().code();
            if (distance <= 127) {
                assertThat(code).as("distance %d", distance).hasSize(2 + distance);
                assertThat(code[0] & 0xFF).isEqualTo(0xEB);
                assertThat(code[1]).isEqualTo((byte) distance);
            } else {
                assertThat(code).as("distance %d", distance).hasSize(5 + distance);
                assertThat(code[0] & 0xFF).isEqualTo(0xE9);
                assertThat(int32(code, 1)).isEqualTo(distance);
            }
        }
    }

    @Test
    void backwardJccIsShortDownToMinus128AndLongBeyond() {
        for (int filler = 120; filler <= 135; filler++) {
            X64Assembler fresh = X64Assembler.create(Target.baseline());
            Label top = fresh.newLabel();
            fresh.bind(top);
            for (int i = 0; i < filler; i++) {
                fresh.nop(1);
            }
            fresh.jcc(ConditionCode.L, top);
            byte[] code = fresh.buffer().finish().code();
            if (filler + 2 <= 128) {
                assertThat(code).as("filler %d", filler).hasSize(filler + 2);
                assertThat(code[filler] & 0xFF).isEqualTo(0x7C);
                assertThat(code[filler + 1]).isEqualTo((byte) -(filler + 2));
            } else {
                assertThat(code).as("filler %d", filler).hasSize(filler + 6);
                assertThat(code[filler] & 0xFF).isEqualTo(0x0F);
                assertThat(code[filler + 1] & 0xFF).isEqualTo(0x8C);
                assertThat(int32(code, filler + 2)).isEqualTo(-(filler + 6));
            }
        }
    }

    @Test
    void forwardJccAtTheBoundaryAndAJmpToTheNextInstruction() {
        Label near = asm.newLabel();
        Label far = asm.newLabel();
        Label next = asm.newLabel();
        asm.jcc(ConditionCode.E, near);
        asm.jcc(ConditionCode.NE, far);
        fill(127 - 6); // the second jcc stays long (6 bytes): near lies 127 bytes past the first's end
        asm.bind(near);
        fill(124);
        asm.bind(far);
        asm.jmp(next);
        asm.bind(next);
        AssembledCode code = asm.buffer().finish();
        byte[] bytes = code.code();
        assertThat(code.labelOffset(near)).isEqualTo(2 + 127);
        assertThat(bytes[0] & 0xFF).isEqualTo(0x74);
        assertThat(bytes[1]).isEqualTo((byte) 127);
        assertThat(bytes[2] & 0xFF).isEqualTo(0x0F); // far is 121 + 124 bytes past its end: long
        assertThat(bytes[3] & 0xFF).isEqualTo(0x85);
        int jmp = code.labelOffset(far);
        assertThat(bytes[jmp] & 0xFF).isEqualTo(0xEB);
        assertThat(bytes[jmp + 1]).isZero();
    }

    @Test
    void aOneMebibyteFunctionWithBranchesOfEveryDistanceChoosesTheShortestForms() {
        List<Reference> references = assembleMebibyteFunction(new Random(3), false);
        verify(asm.buffer().finish(), references, true);
    }

    @Test
    void aOneMebibyteFunctionWithAlignedLabelsResolvesEveryReference() {
        List<Reference> references = assembleMebibyteFunction(new Random(4), true);
        verify(asm.buffer().finish(), references, false);
    }

    /**
     * Emits about 1 MiB: first branches over every distance from 0 to 300 bytes, forward and
     * backward, then a random mix of instructions, labels, branches (half of them near the rel8
     * boundary, the others up to the whole function away), calls, RIP-relative references to
     * labels and to constants, and optionally alignment of some labels.
     */
    private List<Reference> assembleMebibyteFunction(Random random, boolean alignSomeLabels) {
        List<Reference> references = new ArrayList<>();
        for (int distance = 0; distance <= 300; distance++) {
            Label forward = asm.newLabel();
            references.add(branch(Kind.JMP, forward, null));
            fill(distance);
            asm.bind(forward);
            Label backward = asm.newLabel();
            asm.bind(backward);
            fill(distance);
            references.add(branch(Kind.JCC, backward, ConditionCode.values()[distance % 16]));
        }

        List<Label> bound = new ArrayList<>();
        List<Integer> boundAt = new ArrayList<>();
        record Pending(int bindAt, Label label) {
        }
        PriorityQueue<Pending> pending = new PriorityQueue<>((a, b) -> Integer.compare(a.bindAt, b.bindAt));
        int size = 1 << 20;
        while (asm.buffer().offset() < size || !pending.isEmpty()) {
            int offset = asm.buffer().offset();
            while (!pending.isEmpty() && pending.peek().bindAt <= offset) {
                Label label = pending.poll().label;
                if (alignSomeLabels && random.nextInt(8) == 0) {
                    asm.align(1 << random.nextInt(7));
                }
                asm.bind(label);
                bound.add(label);
                boundAt.add(asm.buffer().offset());
            }
            int choice = random.nextInt(100);
            if (choice < 40 || offset >= size) {
                emitOrdinaryInstruction(random);
            } else if (choice < 50) {
                Label label = asm.newLabel();
                asm.bind(label);
                bound.add(label);
                boundAt.add(offset);
            } else {
                int distance = distance(random);
                Label target;
                if (random.nextBoolean() && !bound.isEmpty()) {
                    target = bound.get(lastBoundAtOrBefore(boundAt, offset - distance));
                } else {
                    target = asm.newLabel();
                    pending.add(new Pending(offset + distance, target));
                }
                Kind kind = choice < 75 ? Kind.JCC : choice < 92 ? Kind.JMP : choice < 96 ? Kind.CALL : Kind.LEA;
                references.add(branch(kind, target, ConditionCode.values()[random.nextInt(16)]));
            }
            if (random.nextInt(50) == 0) {
                long constant = random.nextInt(64); // few distinct values: deduplication is exercised
                references.add(new Reference(Kind.CONSTANT_LOAD, asm.buffer().offset(), asm.buffer().constant64(constant), null, constant));
                asm.movsd(Xmm.XMM0, Amode.rip(asm.buffer().constant64(constant)));
            }
        }
        assertThat(asm.buffer().offset()).isGreaterThanOrEqualTo(size);
        return references;
    }

    private static int distance(Random random) {
        return switch (random.nextInt(4)) {
            case 0, 1 -> 100 + random.nextInt(60); // around the rel8 boundary
            case 2 -> random.nextInt(1 << 16);
            default -> (int) Math.pow(2, random.nextDouble() * 20); // up to the whole function
        };
    }

    private static int lastBoundAtOrBefore(List<Integer> boundAt, int offset) {
        int low = 0;
        int high = boundAt.size() - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (boundAt.get(middle) <= offset) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }

    private Reference branch(Kind kind, Label target, ConditionCode cc) {
        int offset = asm.buffer().offset();
        switch (kind) {
            case JMP -> asm.jmp(target);
            case JCC -> asm.jcc(cc, target);
            case CALL -> asm.call(target);
            case LEA -> asm.lea(S64, RAX, Amode.rip(target));
            default -> throw new IllegalArgumentException(kind.toString());
        }
        return new Reference(kind, offset, target, cc, 0);
    }

    private void emitOrdinaryInstruction(Random random) {
        switch (random.nextInt(6)) {
            case 0 -> asm.nop(1 + random.nextInt(15));
            case 1 -> asm.add(S32, RAX, random.nextInt());
            case 2 -> asm.mov(S64, Gpr.of(random.nextInt(16)), Amode.baseDisp(Gpr.of(random.nextInt(16)), random.nextInt(256)));
            case 3 -> asm.cmp(S64, RCX, Gpr.of(random.nextInt(16)));
            case 4 -> asm.mov(S64, RAX, random.nextLong());
            default -> asm.imul(S32, RAX, RCX, random.nextInt(1000));
        }
    }

    /** Decodes every reference from the final bytes and checks it lands on its target. */
    private static void verify(AssembledCode code, List<Reference> references, boolean expectShortestForms) {
        byte[] bytes = code.code();
        int shortBranches = 0;
        int longBranches = 0;
        for (Reference reference : references) {
            int start = code.finalOffset(reference.emissionOffset());
            int target = code.labelOffset(reference.target());
            int opcode = bytes[start] & 0xFF;
            int end;
            int displacement;
            boolean isShort = false;
            switch (reference.kind()) {
                case JMP -> {
                    isShort = opcode == 0xEB;
                    assertThat(opcode).isIn(0xEB, 0xE9);
                    end = start + (isShort ? 2 : 5);
                    displacement = isShort ? bytes[start + 1] : int32(bytes, start + 1);
                }
                case JCC -> {
                    int cc = reference.cc().encoding();
                    isShort = opcode == 0x70 + cc;
                    if (!isShort) {
                        assertThat(opcode).isEqualTo(0x0F);
                        assertThat(bytes[start + 1] & 0xFF).isEqualTo(0x80 + cc);
                    }
                    end = start + (isShort ? 2 : 6);
                    displacement = isShort ? bytes[start + 1] : int32(bytes, start + 2);
                }
                case CALL -> {
                    assertThat(opcode).isEqualTo(0xE8);
                    end = start + 5;
                    displacement = int32(bytes, start + 1);
                }
                case LEA -> {
                    assertThat(opcode).isEqualTo(0x48);
                    assertThat(bytes[start + 2] & 0xFF).isEqualTo(0x05);
                    end = start + 7;
                    displacement = int32(bytes, start + 3);
                }
                case CONSTANT_LOAD -> {
                    assertThat(opcode).isEqualTo(0xF2);
                    end = start + 8;
                    displacement = int32(bytes, start + 4);
                    assertThat(target).isGreaterThanOrEqualTo(code.constantPoolOffset());
                    assertThat(target % 16).isZero();
                    assertThat(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(target)).isEqualTo(reference.constant());
                }
                default -> throw new AssertionError(reference);
            }
            assertThat(end + displacement).as("%s emitted at %d, now at %d", reference, reference.emissionOffset(), start)
                    .isEqualTo(target);
            if (reference.kind() == Kind.JMP || reference.kind() == Kind.JCC) {
                if (isShort) {
                    shortBranches++;
                } else {
                    longBranches++;
                    if (expectShortestForms) {
                        // Would the 2-byte form, in this very layout, have reached the target?
                        int shortDisplacement = displacement >= 0 ? displacement : displacement + (end - start) - 2;
                        assertThat(shortDisplacement == (byte) shortDisplacement).as("%s could be short", reference).isFalse();
                    }
                }
            }
        }
        assertThat(code.instructionsSize()).isGreaterThan(900_000);
        assertThat(shortBranches).isGreaterThan(1000);
        assertThat(longBranches).isGreaterThan(1000);
    }
}
