package dev.windlass.winch.codegen;

import static dev.windlass.winch.wasm.TestModules.singleFunction;
import static dev.windlass.winch.wasm.TestModules.singleFunctionWithLocals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.windlass.winch.vm.MemoryStrategy;
import dev.windlass.winch.vm.Metering;
import dev.windlass.winch.vm.VmOffsets;
import dev.windlass.winch.wasm.ModuleDecoder;
import dev.windlass.winch.wasm.ModuleValidator;
import dev.windlass.winch.wasm.UnsupportedFeatureException;
import dev.windlass.winch.wasm.WasmFeatures;
import dev.windlass.winch.wasm.WasmModule;
import org.junit.jupiter.api.Test;

/** What the generator asks of the MacroAssembler, checked on a recording one. */
class FunctionCompilerTest {

    private static final int I32 = 0x7F;
    private static final int[] NONE = {};
    /** Four integer registers, r0-r3, so that tests can run out of them. */
    private static final RegSet FOUR = new RegSet(0b1111, 0b1111);

    private static String compile(byte[] bytes) {
        WasmModule module = ModuleDecoder.decode(bytes, WasmFeatures.defaults());
        ModuleValidator.validateModuleLevel(module);
        RecordingMacroAssembler recorder = new RecordingMacroAssembler();
        FunctionCompiler.compile(module, module.bodies().get(0), new VmOffsets(0, 1, 0, 0), recorder.masm, FOUR,
                Metering.NONE, MemoryStrategy.EXPLICIT_CHECKS);
        return recorder.text();
    }

    @Test
    void localReadsStayLazyUntilAnInstructionNeedsThem() {
        // (param i32 i32) (result i32) local.get 0 local.get 1 i32.add
        String trace = compile(singleFunction(new int[] {I32, I32}, new int[] {I32}, 0x20, 0x00, 0x20, 0x01, 0x6A, 0x0B));

        assertThat(trace).isEqualTo("""
                prologue
                loadFrame r0, 24, S32
                loadFrame r1, 16, S32
                intBinary ADD, r1, r0, S32
                storeFrame 16, r1, S32
                epilogueAndReturn
                finishFrame 16""");
    }

    @Test
    void constantsAreFoldedAndImmediatesUsed() {
        // (result i32) i32.const 2 i32.const 3 i32.add ; (param i32) local.get 0 i32.const 7 i32.sub
        assertThat(compile(singleFunction(NONE, new int[] {I32}, 0x41, 0x02, 0x41, 0x03, 0x6A, 0x0B)))
                .contains("storeFrameConstant 16, 5, S32");
        assertThat(compile(singleFunction(new int[] {I32}, new int[] {I32}, 0x20, 0x00, 0x41, 0x07, 0x6B, 0x0B)))
                .contains("intBinaryImmediate SUB, r0, 7, S32");
    }

    @Test
    void runningOutOfRegistersSpillsTheBottomMostValue() {
        // five parameters summed right to left: five live values need a spill with four registers
        int[] five = {I32, I32, I32, I32, I32};
        String trace = compile(singleFunction(five, new int[] {I32},
                0x20, 0x00, 0x20, 0x01, 0x20, 0x02, 0x20, 0x03, 0x20, 0x04,
                0x41, 0x01, 0x6A, 0x6A, 0x6A, 0x6A, 0x6A, 0x0B));

        assertThat(trace).doesNotContain("Exception");
        assertThat(trace.lines().filter(l -> l.startsWith("intBinary"))).hasSize(5);
    }

    @Test
    void settingALocalFirstMaterializesEarlierReadsOfIt() {
        // (param i32) (result i32) local.get 0 ; i32.const 9 ; local.set 0 ; — the read must see the old value
        String trace = compile(singleFunction(new int[] {I32}, new int[] {I32},
                0x20, 0x00, 0x41, 0x09, 0x21, 0x00, 0x0B));

        assertThat(trace).containsSubsequence("loadFrame r0, 16, S32", "storeFrameConstant 16, 9, S32",
                "storeFrame 16, r0, S32");
    }

    @Test
    void aBlockResultReachedByABranchAndByFallingThroughLandsInOneSlot() {
        // (param i32) (result i32) block (result i32) i32.const 1 local.get 0 br_if 0 drop i32.const 2 end
        String trace = compile(singleFunction(new int[] {I32}, new int[] {I32},
                0x02, I32, 0x41, 0x01, 0x20, 0x00, 0x0D, 0x00, 0x1A, 0x41, 0x02, 0x0B, 0x0B));

        assertThat(trace).containsSubsequence(
                "compareImmediate r0, 0, S32", "branchIf EQ", "storeFrameConstant -16, 1, S32", "jump",
                "storeFrameConstant -16, 2, S32", "bind", "copyFrame 16, -16, S32", "epilogueAndReturn");
    }

    @Test
    void loopsKeepTheirHeadState() {
        // (param i32) (local i32) loop local.get 0 i32.const 1 i32.sub local.tee 0 br_if 0 end
        String trace = compile(singleFunctionWithLocals(new int[] {I32}, NONE, new int[] {1, 1, I32},
                0x03, 0x40, 0x20, 0x00, 0x41, 0x01, 0x6B, 0x22, 0x00, 0x0D, 0x00, 0x0B, 0x0B));

        assertThat(trace).containsSubsequence("zeroFrameSlots -16, 1", "bind", "loadFrame r0, 16, S32",
                "intBinaryImmediate SUB, r0, 1, S32", "storeFrame 16, r0, S32", "compareImmediate r0, 0, S32",
                "branchIf NE");
    }

    @Test
    void anOperatorNotImplementedYetFailsCompilationByName() {
        // v128.const 0 drop: SIMD is the next milestone
        assertThatThrownBy(() -> compile(singleFunction(NONE, NONE,
                0xFD, 0x0C, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x1A, 0x0B)))
                .isInstanceOf(UnsupportedFeatureException.class)
                .hasMessageStartingWith("operator v128.const is not supported yet (function 0");
    }
}
