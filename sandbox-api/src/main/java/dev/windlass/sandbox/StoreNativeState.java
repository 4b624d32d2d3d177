package dev.windlass.sandbox;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;

/**
 * What a store must give back even if it is dropped without {@link Store#close()}: its native
 * blocks, its entries in the builtins' registry, and the arena of the views of linear memory it
 * gave the host. Run once, by {@code close()} or by the Cleaner once the store is unreachable
 * (no code of it can be running then). It holds no reference to the store; linear memories and
 * modules have Cleaners of their own.
 *
 * <p><b>Host views.</b> {@link Memory#segment()} hands out segments of an arena made at the
 * first such call: shared for a shared store, confined for a confined one (whose close then
 * costs well under a microsecond instead of a handshake with every thread). Closing it makes
 * every view fail before the memory goes to another tenant. The Cleaner thread cannot close a
 * confined arena; it leaves it open, and each memory the views reach stays mapped as long as
 * the arena is reachable ({@link Memory#segment()} ties the memory to it).
 */
final class StoreNativeState implements Runnable {

    final NativeBlocks blocks = new NativeBlocks();
    private final boolean confined;
    private final List<Long> contexts = new ArrayList<>();
    private Arena hostViews;
    private boolean hostViewsClosed;

    StoreNativeState(boolean confined) {
        this.confined = confined;
    }

    synchronized void addContext(long context) {
        contexts.add(context);
    }

    /** {@return the arena of host views, made at the first call} */
    synchronized Arena hostViews() {
        if (hostViewsClosed) {
            throw new IllegalStateException("store is closed");
        }
        if (hostViews == null) {
            hostViews = confined ? Arena.ofConfined() : Arena.ofShared();
        }
        return hostViews;
    }

    /** Closes the arena of host views, if there is one and this thread may close it: every view fails from now on. */
    void closeHostViews() {
        Arena views;
        synchronized (this) {
            hostViewsClosed = true;
            views = hostViews;
            hostViews = null;
        }
        if (views != null) {
            try {
                views.close();
            } catch (WrongThreadException e) {
                // A confined store reclaimed by the Cleaner: see the class comment.
            }
        }
    }

    @Override
    public void run() {
        List<Long> registered;
        synchronized (this) {
            registered = new ArrayList<>(contexts);
            contexts.clear();
        }
        for (long context : registered) {
            RuntimeBuiltins.unregister(context);
        }
        closeHostViews();
        blocks.free();
    }
}
