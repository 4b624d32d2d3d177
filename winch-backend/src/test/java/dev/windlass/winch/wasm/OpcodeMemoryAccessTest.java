package dev.windlass.winch.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OpcodeMemoryAccessTest {

    /** {@code i64.load32_s}: type, load or store, optional width in bits, optional signedness. */
    private static final Pattern SCALAR_ACCESS = Pattern.compile("([if](?:32|64))\\.(load|store)(8|16|32)?(?:_([su]))?");

    @Test
    void everyScalarLoadAndStoreHasTheWidthExtensionAndTypeItsNameSays() {
        List<Opcode> accesses = Arrays.stream(Opcode.values())
                .filter(op -> op.immediate() == Immediate.MEMARG && SCALAR_ACCESS.matcher(op.text()).matches())
                .toList();
        assertThat(accesses).hasSize(23);
        for (Opcode op : accesses) {
            Matcher m = SCALAR_ACCESS.matcher(op.text());
            assertThat(m.matches()).isTrue();
            ValType type = ValType.valueOf(m.group(1).toUpperCase(java.util.Locale.ROOT));
            int bytes = m.group(3) != null ? Integer.parseInt(m.group(3)) / 8 : type == ValType.I32 || type == ValType.F32 ? 4 : 8;
            assertThat(op.accessType()).as(op.text()).isEqualTo(type);
            assertThat(op.accessBytes()).as(op.text()).isEqualTo(bytes);
            assertThat(op.signExtends()).as(op.text()).isEqualTo("s".equals(m.group(4)));
        }
    }

    @Test
    void operatorsWithoutAScalarMemargHaveNoAccess() {
        assertThat(Opcode.I32_ADD.accessBytes()).isEqualTo(-1);
        assertThat(Opcode.I32_ADD.signExtends()).isFalse();
        assertThat(Opcode.V128_LOAD.accessBytes()).isEqualTo(16);
        assertThat(Opcode.V128_LOAD.accessType()).isEqualTo(ValType.V128);
        assertThatThrownBy(Opcode.V128_LOAD8_LANE::accessType).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(Opcode.MEMORY_SIZE::accessType).isInstanceOf(IllegalStateException.class);
    }
}
