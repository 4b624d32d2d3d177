package dev.windlass.wasi;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The functions about the process: arguments, environment, clocks, randomness, exit. */
final class ProcessCalls {

    static final int CLOCK_REALTIME = 0;
    static final int CLOCK_MONOTONIC = 1;
    static final int CLOCK_PROCESS_CPUTIME = 2;
    static final int CLOCK_THREAD_CPUTIME = 3;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final List<byte[]> args;
    private final List<byte[]> env;
    private final Random random;

    ProcessCalls(WasiConfig config) {
        this.args = nulTerminated(config.args());
        List<String> variables = new ArrayList<>();
        config.env().forEach((name, value) -> variables.add(name + "=" + value));
        this.env = nulTerminated(variables);
        this.random = config.random();
    }

    private static List<byte[]> nulTerminated(List<String> strings) {
        return strings.stream().map(s -> (s + "\0").getBytes(StandardCharsets.UTF_8)).toList();
    }

    Errno argsSizesGet(GuestMemory memory, int countPointer, int sizePointer) {
        return sizes(memory, args, countPointer, sizePointer);
    }

    Errno argsGet(GuestMemory memory, int pointers, int buffer) {
        return strings(memory, args, pointers, buffer);
    }

    Errno environSizesGet(GuestMemory memory, int countPointer, int sizePointer) {
        return sizes(memory, env, countPointer, sizePointer);
    }

    Errno environGet(GuestMemory memory, int pointers, int buffer) {
        return strings(memory, env, pointers, buffer);
    }

    private static Errno sizes(GuestMemory memory, List<byte[]> strings, int countPointer, int sizePointer) {
        memory.setU32(countPointer, strings.size());
        memory.setU32(sizePointer, strings.stream().mapToInt(s -> s.length).sum());
        return Errno.SUCCESS;
    }

    /**
     * The layout C's {@code argv} expects: a pointer per string, the strings one after another.
     * Both areas are checked whole before anything is written (EFAULT, nothing written, if
     * either does not fit in memory): the cursor never wraps around the address space.
     */
    private static Errno strings(GuestMemory memory, List<byte[]> strings, int pointers, int buffer) {
        long total = 0;
        for (byte[] string : strings) {
            total += string.length;
        }
        memory.check(pointers, 4L * strings.size());
        long at = memory.check(buffer, total);
        for (int i = 0; i < strings.size(); i++) {
            memory.setU32(pointers + 4 * i, (int) at);
            memory.write((int) at, strings.get(i));
            at += strings.get(i).length;
        }
        return Errno.SUCCESS;
    }

    Errno clockResGet(GuestMemory memory, int clock, int resultPointer) {
        long resolution = switch (clock) {
            case CLOCK_REALTIME -> 1_000; // Instant.now() is microsecond-precise on Linux
            case CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME, CLOCK_THREAD_CPUTIME -> 1;
            default -> throw new WasiError(Errno.EINVAL);
        };
        memory.setU64(resultPointer, resolution);
        return Errno.SUCCESS;
    }

    Errno clockTimeGet(GuestMemory memory, int clock, int resultPointer) {
        memory.setU64(resultPointer, now(clock));
        return Errno.SUCCESS;
    }

    /** {@return clock {@code clock}'s time in nanoseconds} @throws WasiError EINVAL for an unknown clock */
    static long now(int clock) {
        return switch (clock) {
            case CLOCK_REALTIME -> {
                Instant now = Instant.now();
                yield now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }
            case CLOCK_MONOTONIC -> System.nanoTime();
            case CLOCK_PROCESS_CPUTIME -> ProcessHandle.current().info().totalCpuDuration()
                    .map(java.time.Duration::toNanos).orElseThrow(() -> new WasiError(Errno.ENOTSUP));
            case CLOCK_THREAD_CPUTIME -> THREADS.getCurrentThreadCpuTime();
            default -> throw new WasiError(Errno.EINVAL);
        };
    }

    /** Fills the buffer in {@link HostWork#CHUNK} pieces, each charged before it is made. */
    Errno randomGet(GuestMemory memory, int buffer, int length) {
        var target = memory.slice(buffer, length);
        byte[] chunk = new byte[(int) Math.min(target.byteSize(), HostWork.CHUNK)];
        for (long done = 0; done < target.byteSize(); done += chunk.length) {
            int n = (int) Math.min(chunk.length, target.byteSize() - done);
            memory.work().bytes(n);
            random.nextBytes(chunk);
            java.lang.foreign.MemorySegment.copy(chunk, 0, target, java.lang.foreign.ValueLayout.JAVA_BYTE, done, n);
        }
        return Errno.SUCCESS;
    }

    static Errno schedYield() {
        Thread.yield();
        return Errno.SUCCESS;
    }
}
