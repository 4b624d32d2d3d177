package dev.windlass.wasi;

import java.io.IOException;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code poll_oneoff}: waits until one subscription is ready and reports every ready one. A
 * file is always ready (to read: the bytes after its position). A stream is always ready (an output accepts bytes, an input reports how many it has buffered,
 * even 0: reading will not fail); clocks are ready when their deadline passes. With no stream
 * subscriptions, the call sleeps until the earliest deadline.
 *
 * <pre>
 *   event (32 bytes): userdata u64 at 0, error u16 at 8, type u8 at 10,
 *                     fd_readwrite nbytes u64 at 16, flags u16 at 24
 * </pre>
 */
final class PollCalls {

    private static final int EVENT_SIZE = 32;
    private static final int EVENTTYPE_CLOCK = 0;
    private static final int EVENTTYPE_FD_READ = 1;
    private static final int EVENTTYPE_FD_WRITE = 2;
    private static final int SUBCLOCKFLAG_ABSTIME = 1;

    private final FdTable fds;
    private final WasiAbi abi;

    PollCalls(FdTable fds, WasiAbi abi) {
        this.fds = fds;
        this.abi = abi;
    }

    Errno pollOneoff(GuestMemory memory, int in, int out, int count, int eventsPointer) throws IOException {
        if (count == 0) {
            throw new WasiError(Errno.EINVAL);
        }
        int size = abi.subscriptionSize();
        memory.check(in, Integer.toUnsignedLong(count) * size);
        memory.check(out, Integer.toUnsignedLong(count) * EVENT_SIZE);
        long start = System.nanoTime(); // every relative timeout counts from here
        long earliestDeadline = Long.MAX_VALUE;
        int events = 0;
        for (int i = 0; i < count; i++) {
            int subscription = in + i * size;
            int type = memory.u8(subscription + 8);
            if (type == EVENTTYPE_CLOCK) {
                earliestDeadline = Math.min(earliestDeadline, deadline(memory, subscription, start));
            } else if (type == EVENTTYPE_FD_READ || type == EVENTTYPE_FD_WRITE) {
                events += streamEvent(memory, subscription, type, out + events * EVENT_SIZE);
            } else {
                throw new WasiError(Errno.EINVAL);
            }
        }
        if (events == 0) {
            sleepUntil(earliestDeadline, memory.work());
        }
        long now = System.nanoTime();
        for (int i = 0; i < count; i++) {
            int subscription = in + i * size;
            if (memory.u8(subscription + 8) == EVENTTYPE_CLOCK && deadline(memory, subscription, start) - now <= 0) {
                event(memory, out + events * EVENT_SIZE, memory.u64(subscription), Errno.SUCCESS, EVENTTYPE_CLOCK, 0);
                events++;
            }
        }
        memory.setU32(eventsPointer, events);
        return Errno.SUCCESS;
    }

    /** {@return the System.nanoTime() at which a clock subscription fires, a relative one counted from {@code start}} */
    private long deadline(GuestMemory memory, int subscription, long start) {
        int fields = subscription + abi.clockFieldsOffset();
        int clock = memory.u32(fields);
        long timeout = memory.u64(fields + 8);
        boolean absolute = (memory.u16(fields + 24) & SUBCLOCKFLAG_ABSTIME) != 0;
        long relative = absolute ? timeout - ProcessCalls.now(clock) : timeout;
        if (relative <= 0) {
            return start;
        }
        return start + Math.min(relative, Long.MAX_VALUE / 4);
    }

    /**
     * Writes the event of an fd subscription; {@return 1}. A regular file is always ready, as
     * in Wasmtime: to read, with the bytes left after its position; to write, with 0.
     */
    private int streamEvent(GuestMemory memory, int subscription, int type, int event) throws IOException {
        long userdata = memory.u64(subscription);
        int fd = memory.u32(subscription + 16);
        long ready;
        try {
            Descriptor descriptor = fds.get(fd);
            descriptor.require(Rights.POLL_FD_READWRITE);
            ready = switch (descriptor) {
                case StdioStream stream -> type == EVENTTYPE_FD_READ && stream.isInput() ? stream.available() : 0;
                case FileDescriptor file -> type == EVENTTYPE_FD_READ ? file.file(0).readableBytes() : 0;
                default -> throw new WasiError(Errno.EBADF); // a directory is never ready
            };
        } catch (WasiError e) {
            event(memory, event, userdata, e.errno(), type, 0);
            return 1;
        }
        event(memory, event, userdata, Errno.SUCCESS, type, ready);
        return 1;
    }

    private static void event(GuestMemory memory, int event, long userdata, Errno error, int type, long bytes) {
        memory.zero(event, EVENT_SIZE);
        memory.setU64(event, userdata);
        memory.setU16(event + 8, error.code());
        memory.setU8(event + 10, type);
        memory.setU64(event + 16, bytes);
    }

    /**
     * Sleeps until {@code deadline} (a System.nanoTime()), in steps of at most
     * {@link HostWork#SLEEP_STEP_NANOS}, checking the store's deadlines after each: a guest's
     * long sleep ends with INTERRUPT when the store's timeout or epoch deadline passes.
     */
    private static void sleepUntil(long deadline, HostWork work) {
        if (deadline == Long.MAX_VALUE) {
            throw new WasiError(Errno.EINVAL); // nothing could ever wake the guest
        }
        work.check();
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(Math.min(left, HostWork.SLEEP_STEP_NANOS));
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new WasiError(Errno.EINTR);
            }
            work.check();
        }
    }
}
