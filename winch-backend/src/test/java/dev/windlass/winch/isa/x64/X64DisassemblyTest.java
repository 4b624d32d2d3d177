package dev.windlass.winch.isa.x64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.windlass.winch.isa.AssembledCode;
import dev.windlass.winch.isa.Label;
import dev.windlass.winch.isa.x64.CaseList.Case;
import dev.windlass.winch.isa.x64.IntelSyntax.Placement;
import dev.windlass.winch.testing.Objdump;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every emitter method, across all sixteen registers of each class, every operand size and every
 * addressing quirk, assembled into one function and disassembled by GNU objdump: each
 * instruction's text must equal the one {@link IntelSyntax} builds from the operands.
 */
class X64DisassemblyTest {

    private static final int MINIMUM_DISTINCT_INSTANCES = 1_500;

    @Test
    void everyInstructionFormDisassemblesAsExpected() throws Exception {
        Path objdump = Objdump.locate();
        X64Assembler asm = X64Assembler.create(Target.of(CpuFeature.values()));
        CaseList cases = new CaseList(asm);
        IntegerCases.addTo(cases);
        FloatAndControlCases.addTo(cases);

        List<Case> all = cases.cases;
        int[] emissionOffsets = new int[all.size() + 1];
        for (int i = 0; i < all.size(); i++) {
            emissionOffsets[i] = asm.buffer().offset();
            all.get(i).emit().accept(asm);
        }
        emissionOffsets[all.size()] = asm.buffer().offset();
        AssembledCode code = asm.buffer().finish();
        byte[] bytes = code.code();
        List<Objdump.Line> lines = Objdump.disassemble(objdump, bytes, code.instructionsSize());

        Set<String> distinct = new HashSet<>();
        for (int i = 0; i < all.size(); i++) {
            int start = code.finalOffset(emissionOffsets[i]);
            int end = i + 1 == all.size() ? code.instructionsSize() : code.finalOffset(emissionOffsets[i + 1]);
            String expected = all.get(i).expected().apply(placement(code, start, end));
            String encoding = HexFormat.ofDelimiter(" ").formatHex(bytes, start, end);
            if (i >= lines.size()) {
                fail("objdump decoded only " + lines.size() + " instructions; missing #" + i + " " + expected);
            }
            Objdump.Line actual = lines.get(i);
            if (actual.offset() != start || !actual.text().equals(expected)) {
                fail("instruction #%d at 0x%x [%s]%n  expected: %s%n  objdump:  %s%n  context:  %s".formatted(
                        i, start, encoding, expected, actual, lines.subList(Math.max(0, i - 2), Math.min(lines.size(), i + 3))));
            }
            distinct.add(expected + " | " + encoding);
        }
        assertThat(lines).hasSize(all.size());
        System.out.printf("X64DisassemblyTest: %d distinct instruction instances checked against objdump (%d emitted, %d bytes)%n",
                distinct.size(), all.size(), code.instructionsSize());
        assertThat(distinct.size()).isGreaterThanOrEqualTo(MINIMUM_DISTINCT_INSTANCES);
    }

    private static Placement placement(AssembledCode code, int start, int end) {
        return new Placement() {
            @Override
            public int start() {
                return start;
            }

            @Override
            public int end() {
                return end;
            }

            @Override
            public int labelOffset(Label label) {
                return code.labelOffset(label);
            }
        };
    }
}
