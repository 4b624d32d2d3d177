package dev.windlass.nativemem;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import org.junit.jupiter.api.Test;

class CodeSegmentTest {

    /** mov eax, 42; ret */
    private static final byte[] RETURN_42 = {(byte) 0xB8, 42, 0, 0, 0, (byte) 0xC3};

    /** lea rax, [rdi + rsi]; mov [rdx], rax; mov eax, 7; ret */
    private static final byte[] ARRAY_CALL_SUM = {
            0x48, (byte) 0x8D, 0x04, 0x37, 0x48, (byte) 0x89, 0x02, (byte) 0xB8, 7, 0, 0, 0, (byte) 0xC3};

    /** mov rax, rsp; ret */
    private static final byte[] READ_RSP = {0x48, (byte) 0x89, (byte) 0xE0, (byte) 0xC3};

    private static final MethodHandle CALL_INT = Linker.nativeLinker().downcallHandle(FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle CALL_LONG = Linker.nativeLinker().downcallHandle(FunctionDescriptor.of(JAVA_LONG));

    @Test
    void loadedCodeRuns() throws Throwable {
        try (CodeSegment code = CodeSegment.load(RETURN_42)) {
            assertThat((int) CALL_INT.invokeExact(code.entryPoint(0))).isEqualTo(42);
        }
    }

    @Test
    void codeIsReadExecuteBetweenTwoGuardPagesAndNeverWritable() {
        try (CodeSegment code = CodeSegment.load(RETURN_42)) {
            long page = VirtualMemory.pageSize();
            assertThat(ProcMaps.permissionsAt(code.address())).contains("r-xp");
            assertThat(ProcMaps.permissionsAt(code.address() - 1)).contains("---p");
            assertThat(ProcMaps.permissionsAt(code.address() + page)).contains("---p");
            assertThat(ProcMaps.regions()).noneMatch(r -> r.permissions().startsWith("rwx")
                    && code.address() >= r.start() && code.address() < r.end());
        }
    }

    @Test
    void theArrayCallEntryPassesContextCalleeAndArguments() {
        try (CodeSegment code = CodeSegment.load(ARRAY_CALL_SUM); Arena arena = Arena.ofConfined()) {
            MemorySegment slots = arena.allocate(JAVA_LONG, 4);
            int status = NativeEntry.call(code.entryPoint(0), 1000, 234, slots.address());
            assertThat(status).isEqualTo(7);
            assertThat(slots.get(JAVA_LONG, 0)).isEqualTo(1234);
        }
    }

    @Test
    void threadStackBoundsContainTheStackPointer() throws Throwable {
        try (CodeSegment code = CodeSegment.load(READ_RSP)) {
            long rsp = (long) CALL_LONG.invokeExact(code.entryPoint(0));
            assertThat(ThreadStack.current().contains(rsp)).isTrue();

            long[] seen = new long[2];
            Thread big = new Thread(null, () -> {
                try {
                    seen[0] = ThreadStack.current().size();
                    seen[1] = ThreadStack.current().contains((long) CALL_LONG.invokeExact(code.entryPoint(0))) ? 1 : 0;
                } catch (Throwable t) {
                    throw new AssertionError(t);
                }
            }, "big-stack", 64L << 20);
            big.start();
            big.join();
            assertThat(seen[0]).isGreaterThanOrEqualTo(64L << 20);
            assertThat(seen[1]).isEqualTo(1);
        }
    }

    @Test
    void closingUnmapsTheCodeAndLoadingManyDoesNotLeak() {
        CodeSegment first = CodeSegment.load(RETURN_42);
        long address = first.address();
        first.close();
        assertThat(ProcMaps.permissionsAt(address)).isEmpty();
        assertThatThrownBy(() -> first.entryPoint(0)).isInstanceOf(IllegalStateException.class);

        int before = ProcMaps.regions().size();
        for (int i = 0; i < 10_000; i++) {
            CodeSegment.load(RETURN_42).close();
        }
        assertThat(ProcMaps.regions().size()).isLessThanOrEqualTo(before + 2);
    }

    @Test
    void emptyCodeIsRejected() {
        assertThatThrownBy(() -> CodeSegment.load(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
