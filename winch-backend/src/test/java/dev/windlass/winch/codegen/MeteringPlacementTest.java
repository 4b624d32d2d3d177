package dev.windlass.winch.codegen;

import static dev.windlass.winch.wasm.TestModules.singleFunctionWithLocals;
import static org.assertj.core.api.Assertions.assertThat;

import dev.windlass.winch.vm.MemoryStrategy;
import dev.windlass.winch.vm.Metering;
import dev.windlass.winch.vm.VmOffsets;
import dev.windlass.winch.wasm.ModuleDecoder;
import dev.windlass.winch.wasm.ModuleValidator;
import dev.windlass.winch.wasm.WasmFeatures;
import dev.windlass.winch.wasm.WasmModule;
import org.junit.jupiter.api.Test;

/**
 * Where {@link MeteringLowering} puts fuel charges and epoch checks, on a recording
 * MacroAssembler: one charge per straight-line run (with the run's cost) before each branch,
 * label and return; epoch checks after the prologue and at loop headers; nothing when off.
 */
class MeteringPlacementTest {

    private static final int I32 = 0x7F;
    private static final RegSet FOUR = new RegSet(0b1111, 0b1111);

    /**
     * (param $n i32) (result i32) (local $i i32):
     * block loop [local.get $i, local.get $n, i32.ge_u, br_if 1] [local.get $i, i32.const 1,
     * i32.add, local.set $i, br 0] end end [local.get $i] end
     */
    private static final byte[] COUNT = singleFunctionWithLocals(new int[] {I32}, new int[] {I32},
            new int[] {1, 1, I32},
            0x02, 0x40, 0x03, 0x40,
            0x20, 0x01, 0x20, 0x00, 0x4F, 0x0D, 0x01,
            0x20, 0x01, 0x41, 0x01, 0x6A, 0x21, 0x01, 0x0C, 0x00,
            0x0B, 0x0B,
            0x20, 0x01, 0x0B);

    /**
     * (param i32) (result i32): local.get 0, if (result i32) [i32.const 1, nop] else [i32.const 2,
     * i32.const 3, drop] end, local.get 0, i32.add, return, end
     */
    private static final byte[] IF_ELSE = singleFunctionWithLocals(new int[] {I32}, new int[] {I32}, new int[] {0},
            0x20, 0x00, 0x04, I32, 0x41, 0x01, 0x01, 0x05, 0x41, 0x02, 0x41, 0x03, 0x1A, 0x0B,
            0x20, 0x00, 0x6A, 0x0F, 0x0B);

    private static String compile(byte[] bytes, Metering metering) {
        WasmModule module = ModuleDecoder.decode(bytes, WasmFeatures.defaults());
        ModuleValidator.validateModuleLevel(module);
        RecordingMacroAssembler recorder = new RecordingMacroAssembler();
        FunctionCompiler.compile(module, module.bodies().get(0), new VmOffsets(0, 1, 0, 0), recorder.masm, FOUR, metering,
                MemoryStrategy.EXPLICIT_CHECKS);
        return recorder.text();
    }

    @Test
    void eachRunIsChargedOnceWithItsCostBeforeItsBranch() {
        String trace = compile(COUNT, new Metering(true, false));

        assertThat(trace.lines().filter(l -> l.startsWith("consumeFuel"))).containsExactly(
                "consumeFuel 4", "consumeFuel 5", "consumeFuel 1");
        assertThat(trace).containsSubsequence("consumeFuel 4", "compareImmediate", "branchIf NE",
                "consumeFuel 5", "jump", "consumeFuel 1", "epilogueAndReturn");
    }

    @Test
    void theIfIsChargedBeforeItsTestAndEachArmBeforeItsLabel() {
        String trace = compile(IF_ELSE, new Metering(true, false));

        // local.get + if = 2; then arm: i32.const = 1 (nop free); else arm: 2 (drop free);
        // after the if: local.get, i32.add = 2 (return free)
        assertThat(trace.lines().filter(l -> l.startsWith("consumeFuel"))).containsExactly(
                "consumeFuel 2", "consumeFuel 1", "consumeFuel 2", "consumeFuel 2");
        assertThat(trace).containsSubsequence("consumeFuel 2", "compareImmediate", "branchIf EQ",
                "consumeFuel 1", "jump", "bind", "consumeFuel 2", "bind", "consumeFuel 2", "epilogueAndReturn");
    }

    @Test
    void epochsAreCheckedAtTheLoopHeaderAndFunctionEntriesThroughTheStackLimit() {
        String trace = compile(COUNT, new Metering(false, true));

        // The prologue's stack check is the function entry's epoch check (the runtime moves the limit).
        assertThat(trace.lines().filter(l -> l.startsWith("checkEpoch"))).hasSize(1);
        assertThat(trace).containsSubsequence("prologue", "bind", "checkEpoch", "compareImmediate");
        assertThat(trace).doesNotContain("consumeFuel");
    }

    @Test
    void withMeteringOffNothingIsEmittedForIt() {
        for (byte[] function : new byte[][] {COUNT, IF_ELSE}) {
            String off = compile(function, Metering.NONE);

            assertThat(off).doesNotContain("consumeFuel").doesNotContain("checkEpoch");
            String fuelOn = compile(function, new Metering(true, false));
            assertThat(fuelOn.lines().filter(l -> !l.startsWith("consumeFuel")).toList())
                    .as("fuel adds its charges and changes nothing else")
                    .isEqualTo(off.lines().toList());
        }
    }
}
