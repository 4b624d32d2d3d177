package dev.windlass.nativemem;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Signal actions through libc's {@code sigaction}, for installing a handler in front of the
 * JVM's own (glibc x86-64 {@code struct sigaction}: 152 bytes, handler at 0, mask at 8,
 * flags at 136, restorer at 144; {@code PANAMA-FACTS.md}, "Traps with signals").
 *
 * <p>The default symbol lookup binds glibc's {@code sigaction} even when libjsig is preloaded,
 * so an installed handler really sits in front of HotSpot's and must chain to it.
 */
public final class Signals {

    public static final int SIGBUS = 7;
    public static final int SIGSEGV = 11;

    public static final int SA_SIGINFO = 0x4;
    public static final int SA_ONSTACK = 0x0800_0000;
    public static final int SA_RESETHAND = 0x8000_0000;
    /** {@code sa_handler} values that are not functions. */
    public static final long SIG_DFL = 0;
    public static final long SIG_IGN = 1;

    static final long SIGACTION_SIZE = 152;
    private static final long HANDLER = 0;
    private static final long MASK = 8;
    private static final int MASK_SIZE = 128;
    private static final long FLAGS = 136;

    /** A {@code struct sigaction} with SIG_DFL, no flags and an empty mask; never freed. */
    private static final MemorySegment DEFAULT_ACTION = Arena.global().allocate(SIGACTION_SIZE, 16);

    private Signals() {
    }

    /**
     * A signal action as read from the kernel.
     *
     * @param handler {@code sa_handler} / {@code sa_sigaction}: a function, or SIG_DFL / SIG_IGN
     * @param flags   {@code sa_flags}
     * @param mask    the 128 bytes of {@code sa_mask}
     */
    public record Action(long handler, int flags, byte[] mask) {

        /** {@return whether the handler is SIG_DFL or SIG_IGN, not a function to chain to} */
        public boolean isDefaultOrIgnore() {
            return handler == SIG_DFL || handler == SIG_IGN;
        }
    }

    /** {@return the action currently installed for {@code signal}} */
    public static Action current(int signal) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment old = arena.allocate(SIGACTION_SIZE, 16);
            LibC.sigaction(signal, MemorySegment.NULL, old);
            return new Action(old.get(JAVA_LONG, HANDLER), old.get(JAVA_INT, FLAGS),
                    old.asSlice(MASK, MASK_SIZE).toArray(JAVA_BYTE));
        }
    }

    /**
     * Installs {@code handler} (a three-argument {@code sa_sigaction}) for {@code signal}, with
     * the mask of {@code previous} and its flags plus SA_SIGINFO and SA_ONSTACK, minus
     * SA_RESETHAND: the handler runs under the same conditions as the one it chains to.
     *
     * @throws NativeMemoryException if {@code sigaction} fails
     */
    public static void install(int signal, long handler, Action previous) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment action = arena.allocate(SIGACTION_SIZE, 16);
            action.set(JAVA_LONG, HANDLER, handler);
            MemorySegment.copy(MemorySegment.ofArray(previous.mask()), 0, action, MASK, MASK_SIZE);
            action.set(JAVA_INT, FLAGS, (previous.flags() | SA_SIGINFO | SA_ONSTACK) & ~SA_RESETHAND);
            LibC.sigaction(signal, action, MemorySegment.NULL);
        }
    }

    /** {@return the address of libc's {@code sigaction}}, for machine code that calls it */
    public static long sigactionAddress() {
        return LibC.SIGACTION_SYMBOL.address();
    }

    /** {@return the address of a permanent {@code struct sigaction} that restores the default action} */
    public static long defaultActionAddress() {
        return DEFAULT_ACTION.address();
    }
}
