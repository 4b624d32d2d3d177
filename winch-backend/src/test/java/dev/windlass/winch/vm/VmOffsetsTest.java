package dev.windlass.winch.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VmOffsetsTest {

    @Test
    void everyFieldIsAlignedAndNoTwoOverlap() {
        VmOffsets vm = new VmOffsets(3, 2, 1, 4);
        List<int[]> fields = new ArrayList<>(); // {offset, size}
        for (int header : new int[] {vm.runtimeAddress(), vm.builtinsAddress(), vm.typeIdsAddress()}) {
            fields.add(new int[] {header, 8});
        }
        for (int i = 0; i < 3; i++) {
            fields.add(new int[] {vm.importedFunctionCode(i), 8});
            fields.add(new int[] {vm.importedFunctionVmctx(i), 8});
        }
        for (int i = 0; i < 2; i++) {
            fields.add(new int[] {vm.memory(i), 16});
        }
        fields.add(new int[] {vm.table(0), 16});
        for (int i = 0; i < 4; i++) {
            fields.add(new int[] {vm.global(i), 16});
        }

        for (int[] f : fields) {
            assertThat(f[0] % Math.min(f[1], 8)).as("alignment of field at %d", f[0]).isZero();
            assertThat(f[0] + f[1]).isLessThanOrEqualTo(vm.size());
        }
        for (int a = 0; a < fields.size(); a++) {
            for (int b = a + 1; b < fields.size(); b++) {
                int[] x = fields.get(a);
                int[] y = fields.get(b);
                assertThat(x[0] + x[1] <= y[0] || y[0] + y[1] <= x[0])
                        .as("fields at %d and %d overlap", x[0], y[0]).isTrue();
            }
        }
        assertThat(vm.size()).isEqualTo(VmOffsets.HEADER_SIZE + 16 * (3 + 2 + 1 + 4));
        assertThat(vm.size() % 16).isZero();
    }

    @Test
    void theRuntimeBlockAddressComesFirst() {
        assertThat(new VmOffsets(0, 0, 0, 0).runtimeAddress()).isZero();
    }

    @Test
    void theRuntimeBlockFieldsAreAlignedAndDisjoint() {
        int[][] fields = {{RuntimeOffsets.STACK_LIMIT, 8}, {RuntimeOffsets.SAVED_ENTRY_RSP, 8},
            {RuntimeOffsets.TRAP_CODE, 4}, {RuntimeOffsets.TRAP_PC, 8}, {RuntimeOffsets.FUEL, 8},
            {RuntimeOffsets.EPOCH_DEADLINE, 8}, {RuntimeOffsets.EPOCH_COUNTER_ADDRESS, 8},
            {RuntimeOffsets.BACKTRACE_DEPTH, 8}, {RuntimeOffsets.BACKTRACE, 8 * RuntimeOffsets.BACKTRACE_CAPACITY},
            {RuntimeOffsets.STACK_FLOOR, 8}, {RuntimeOffsets.STACK_CEILING, 8}};
        for (int a = 0; a < fields.length; a++) {
            assertThat(fields[a][0] % Math.min(fields[a][1], 8)).as("aligned to its size, or 8").isZero();
            assertThat(fields[a][0] + fields[a][1]).isLessThanOrEqualTo(RuntimeOffsets.SIZE);
            for (int b = a + 1; b < fields.length; b++) {
                assertThat(fields[a][0] + fields[a][1] <= fields[b][0] || fields[b][0] + fields[b][1] <= fields[a][0])
                        .isTrue();
            }
        }
        assertThat(RuntimeOffsets.SIZE % 16).isZero();
    }

    @Test
    void indicesOutsideTheModuleAreRejected() {
        VmOffsets vm = new VmOffsets(0, 1, 0, 0);
        assertThat(vm.memory(0)).isEqualTo(VmOffsets.HEADER_SIZE);
        assertThatThrownBy(() -> vm.memory(1)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("memory 1 of 1");
        assertThatThrownBy(() -> vm.importedFunctionCode(0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> vm.global(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void absurdCountsAreRefusedNotWrapped() {
        assertThatThrownBy(() -> new VmOffsets(Integer.MAX_VALUE, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too large");
        assertThatThrownBy(() -> new VmOffsets(-1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
