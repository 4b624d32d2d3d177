package dev.windlass.winch.wasm;

import static dev.windlass.winch.wasm.TestModules.singleFunction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FunctionValidatorTest {

    private static final int I32 = 0x7F;
    private static final int I64 = 0x7E;
    private static final int[] NONE = {};

    private static void validate(byte[] bytes) {
        ModuleValidator.validate(ModuleDecoder.decode(bytes, WasmFeatures.defaults()));
    }

    @Test
    void theCodeGeneratorCanPullOneValidatedOperatorAtATime() {
        // (param i32) (result i32): local.get 0; i32.const 5; i32.add; end
        byte[] bytes = singleFunction(new int[] {I32}, new int[] {I32}, 0x20, 0x00, 0x41, 0x05, 0x6A, 0x0B);
        WasmModule m = ModuleDecoder.decode(bytes, WasmFeatures.defaults());
        ModuleValidator.validateModuleLevel(m);
        FunctionValidator v = FunctionValidator.begin(m, m.bodies().getFirst());
        List<String> seen = new ArrayList<>();
        while (v.hasNext()) {
            Opcode op = v.next();
            seen.add(op.text() + "/" + v.operandStackHeight());
            if (op == Opcode.I32_CONST) {
                assertThat(v.reader().i32Value()).isEqualTo(5);
                assertThat(v.operandType(0)).isEqualTo(ValType.I32);
            }
        }
        assertThat(seen).containsExactly("local.get/1", "i32.const/2", "i32.add/1", "end/0");
        assertThat(v.localCount()).isEqualTo(1);
    }

    @Test
    void typeMismatchNamesTheOffsetAndFunction() {
        // (result i32): i64.const 0; end
        byte[] bytes = singleFunction(NONE, new int[] {I32}, 0x42, 0x00, 0x0B);
        assertThatThrownBy(() -> validate(bytes)).isInstanceOfSatisfying(WasmInvalidException.class, e -> {
            assertThat(e.reason()).startsWith("type mismatch");
            assertThat(e.functionIndex()).hasValue(0);
            assertThat(e.offset()).isPositive();
        });
    }

    @Test
    void codeAfterUnreachableIsTypedAgainstAPolymorphicStack() {
        // (result i32): unreachable; i32.add; end  -- valid: operands come from the polymorphic stack
        validate(singleFunction(NONE, new int[] {I32}, 0x00, 0x6A, 0x0B));
        // but a concrete mismatch is still caught: unreachable; i64.const 0; i32.add
        assertThatThrownBy(() -> validate(singleFunction(NONE, new int[] {I32}, 0x00, 0x42, 0x00, 0x6A, 0x0B)))
                .isInstanceOf(WasmInvalidException.class);
    }

    @Test
    void brTableTargetsMustAgreeInArity() {
        // block (result i32) ; block ; i32.const 0 ; br_table 0 1 ; end ; i32.const 1 ; end
        byte[] bytes = singleFunction(NONE, new int[] {I32},
                0x02, I32, 0x02, 0x40, 0x41, 0x00, 0x0E, 0x01, 0x00, 0x01, 0x0B, 0x41, 0x01, 0x0B, 0x0B);
        assertThatThrownBy(() -> validate(bytes)).isInstanceOf(WasmInvalidException.class)
                .hasMessageContaining("arities");
    }

    @Test
    void aBranchTargetBeyondTwoToThe31IsAnUnknownLabelNotAWrappedIndex() {
        // br_table [4294967295] default 0 inside the function block.
        byte[] bytes = singleFunction(NONE, NONE, 0x41, 0x00, 0x0E, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00, 0x0B);
        assertThatThrownBy(() -> validate(bytes)).isInstanceOf(WasmInvalidException.class)
                .hasMessageStartingWith("unknown label ");
    }

    @Test
    void aBranchTableRepeatingOneTargetIsCheckedLikeOneNamingItOnce() {
        // block (result i32) i32.const 1 i32.const 0 br_table [0 0 0 0 T] 0 end drop, in a function
        // without results: T = 1 (the function) has another arity than the block.
        byte[] bad = singleFunction(NONE, NONE, 0x02, 0x7F, 0x41, 0x01, 0x41, 0x00,
                0x0E, 0x05, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x0B, 0x1A, 0x0B);
        byte[] good = singleFunction(NONE, NONE, 0x02, 0x7F, 0x41, 0x01, 0x41, 0x00,
                0x0E, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0B, 0x1A, 0x0B);
        validate(good);
        assertThatThrownBy(() -> validate(bad)).isInstanceOf(WasmInvalidException.class)
                .hasMessageContaining("arities");
    }

    @Test
    void multiValueBlocksTakeAndReturnSeveralValues() {
        // type 1: [i32 i32] -> [i64]? use (result i32): i32.const 1; i32.const 2; block (type [i32 i32]->[i32]) i32.add end
        byte[] type = TestModules.concat(TestModules.raw(2, 0x60, 0, 1, I32, 0x60, 2, I32, I32, 1, I32));
        byte[] body = TestModules.raw(0, 0x41, 1, 0x41, 2, 0x02, 0x01, 0x6A, 0x0B, 0x0B);
        byte[] bytes = TestModules.module().section(1, type).section(3, 1, 0)
                .section(10, TestModules.concat(TestModules.raw(1), TestModules.u32(body.length), body)).build();
        validate(bytes);
    }

    @Test
    void memoryAccessesCheckAlignmentAndMemoryIndex() {
        // i32.const 0; i32.load align=2^3 (too large); drop; end
        assertThatThrownBy(() -> validate(singleFunction(NONE, NONE, 0x41, 0, 0x28, 0x03, 0x00, 0x1A, 0x0B)))
                .hasMessageContaining("alignment must not be larger than natural");
        // i32.const 0; i32.load memory 1 (multi-memory form); drop; end -- only memory 0 exists
        assertThatThrownBy(() -> validate(singleFunction(NONE, NONE, 0x41, 0, 0x28, 0x42, 0x01, 0x00, 0x1A, 0x0B)))
                .hasMessageContaining("unknown memory 1");
    }

    @Test
    void simdLaneIndicesAreBounded() {
        // v128.const 0..; i32x4.extract_lane 4; drop; end
        int[] code = new int[2 + 16 + 3 + 2];
        int n = 0;
        code[n++] = 0xFD;
        code[n++] = 12;
        n += 16;
        code[n++] = 0xFD;
        code[n++] = 27;
        code[n++] = 4;
        code[n++] = 0x1A;
        code[n] = 0x0B;
        assertThatThrownBy(() -> validate(singleFunction(NONE, NONE, code)))
                .hasMessageContaining("invalid lane index");
    }

    @Test
    void malformedBeatsInvalidAsInTheSpec() {
        // i64.const 0 (type error for the result) followed by an illegal opcode 0xFF: malformed wins
        byte[] bytes = singleFunction(NONE, new int[] {I32}, 0x42, 0x00, 0xFF, 0x0B);
        assertThatThrownBy(() -> validate(bytes)).isInstanceOf(WasmMalformedException.class)
                .hasMessageContaining("illegal opcode");
    }

    @Test
    void tailCallsNeedTheirFeature() {
        byte[] bytes = singleFunction(NONE, NONE, 0x12, 0x00, 0x0B); // return_call 0
        assertThatThrownBy(() -> validate(bytes)).isInstanceOf(WasmMalformedException.class);
        ModuleValidator.validate(ModuleDecoder.decode(bytes, WasmFeatures.wasm2().with(WasmFeatures.Feature.TAIL_CALL)));
    }

    @Test
    void tooManyLocalsIsAnImplementationLimit() {
        // one run of 50,001 i64 locals
        int[] locals = {1, 0xD1, 0x86, 0x03, I64};
        assertThatThrownBy(() -> validate(TestModules.singleFunctionWithLocals(NONE, NONE, locals, 0x0B)))
                .isInstanceOf(WasmInvalidException.class).hasMessageContaining("too many locals");
    }

    @Test
    void refFuncNeedsADeclaredReference() {
        byte[] bytes = singleFunction(NONE, NONE, 0xD2, 0x00, 0x1A, 0x0B); // ref.func 0; drop
        assertThatThrownBy(() -> validate(bytes)).hasMessageContaining("undeclared function reference");
    }

    @Test
    void operandStackMayHoldExactlyTheLimitButNotOneMore() {
        int limit = ImplementationLimits.MAX_OPERAND_STACK_HEIGHT;
        validate(TestModules.singleFunction(NONE, NONE, pushThenDrop(limit)));
        assertThatThrownBy(() -> validate(TestModules.singleFunction(NONE, NONE, pushThenDrop(limit + 1))))
                .isInstanceOf(WasmInvalidException.class)
                .hasMessageContaining("operand stack exceeds the limit of " + limit);
    }

    @Test
    void blocksMayNestExactlyTheLimitButNotOneDeeper() {
        int limit = ImplementationLimits.MAX_CONTROL_DEPTH;
        validate(TestModules.singleFunction(NONE, NONE, nestedBlocks(limit)));
        assertThatThrownBy(() -> validate(TestModules.singleFunction(NONE, NONE, nestedBlocks(limit + 1))))
                .isInstanceOf(WasmInvalidException.class)
                .hasMessageContaining("nest deeper than the limit of " + limit);
    }

    /** {@return code that opens {@code n} empty blocks, one inside the other, closes them, and ends} */
    private static int[] nestedBlocks(int n) {
        int[] code = new int[3 * n + 1];
        for (int i = 0; i < n; i++) {
            code[2 * i] = 0x02; // block
            code[2 * i + 1] = 0x40; // of type []
            code[2 * n + i] = 0x0B; // end
        }
        code[3 * n] = 0x0B;
        return code;
    }

    /** {@return code that pushes {@code n} i32 constants, drops them all, and ends} */
    private static int[] pushThenDrop(int n) {
        int[] code = new int[3 * n + 1];
        for (int i = 0; i < n; i++) {
            code[2 * i] = 0x41; // i32.const 0
            code[2 * n + i] = 0x1A; // drop
        }
        code[3 * n] = 0x0B;
        return code;
    }
}
