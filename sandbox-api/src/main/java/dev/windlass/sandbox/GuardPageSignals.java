package dev.windlass.sandbox;

import dev.windlass.nativemem.CodeSegment;
import dev.windlass.nativemem.Signals;
import dev.windlass.winch.compile.SignalHandlerCode;

/**
 * Installs, once per process and only when the first guard-page memory is made, the machine-code
 * SIGSEGV and SIGBUS handlers of {@link SignalHandlerCode} in front of the handlers in place (the
 * JVM's). A fault in code registered in {@link CodeRangeTable} becomes a MEMORY_OUT_OF_BOUNDS
 * trap; every other fault goes to the previous handler as if we were not there.
 *
 * <p>The handlers' code is never unmapped: a signal may arrive at any time.
 */
final class GuardPageSignals {

    private GuardPageSignals() {
    }

    /** Installs the handlers if they are not yet; thread-safe (class initialization runs once). */
    static void ensureInstalled() {
        Installed.touch();
    }

    /** {@return whether the handlers are installed} (without installing them) */
    static boolean installed() {
        return Installed.done;
    }

    private static final class Installed {
        static volatile boolean done;
        private static final CodeSegment HANDLERS = install();

        static void touch() {
            if (HANDLERS == null) {
                throw new AssertionError();
            }
        }

        private static CodeSegment install() {
            Signals.Action segv = Signals.current(Signals.SIGSEGV);
            Signals.Action bus = Signals.current(Signals.SIGBUS);
            byte[] segvCode = code(segv);
            byte[] busCode = code(bus);
            int busOffset = (segvCode.length + 15) & ~15;
            byte[] both = new byte[busOffset + busCode.length];
            java.util.Arrays.fill(both, (byte) 0xCC);
            System.arraycopy(segvCode, 0, both, 0, segvCode.length);
            System.arraycopy(busCode, 0, both, busOffset, busCode.length);
            CodeSegment handlers = CodeSegment.load(both);
            Signals.install(Signals.SIGSEGV, handlers.address(), segv);
            Signals.install(Signals.SIGBUS, handlers.address() + busOffset, bus);
            done = true;
            return handlers;
        }

        private static byte[] code(Signals.Action previous) {
            return previous.isDefaultOrIgnore()
                    ? SignalHandlerCode.resettingToDefault(CodeRangeTable.address(), Signals.sigactionAddress(),
                            Signals.defaultActionAddress())
                    : SignalHandlerCode.chaining(CodeRangeTable.address(), previous.handler());
        }
    }
}
