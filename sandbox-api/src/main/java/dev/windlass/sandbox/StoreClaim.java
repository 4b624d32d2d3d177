package dev.windlass.sandbox;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Which thread may use a store now, and whether it is closed: the one-thread-at-a-time rule of
 * {@link Store}, as a small state machine.
 *
 * <pre>
 *   free --claim (CAS)--> owned by T --release--> free         (a shared store)
 *   owned by its creator, forever                               (a confined store)
 *   owned --close--> closed: every later claim or entry fails
 * </pre>
 *
 * A thread owns the store while it is inside a call ({@link #enter}/{@link #exit}, nested for
 * re-entry from host functions: {@code depth}) or a host operation ({@link #beginAccess}); the
 * owner goes on without any atomic operation. A call made inside a host operation leaves the
 * claim to that operation ({@code accessClaim}).
 */
final class StoreClaim {

    private static final VarHandle OWNER;

    static {
        try {
            OWNER = MethodHandles.lookup().findVarHandle(StoreClaim.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The only thread that may use a confined store; null for a shared one. */
    private final Thread confinedTo;
    private volatile Thread owner;
    /** How many calls of the owner are inside the store (host functions re-enter). */
    private int depth;
    /** Whether a host operation ({@link #beginAccess}) holds the claim, so that a call made inside it does not release it. */
    private boolean accessClaim;
    private volatile boolean closed;

    StoreClaim(Thread confinedTo) {
        this.confinedTo = confinedTo;
        this.owner = confinedTo;
    }

    boolean isConfined() {
        return confinedTo != null;
    }

    boolean isClosed() {
        return closed;
    }

    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("store is closed");
        }
    }

    /**
     * Marks the calling thread as inside the store, claiming it if another thread may hold it.
     *
     * @return whether this is the thread's outermost call, which must end with {@link #releaseCall}
     *         (also when setting it up fails)
     * @throws IllegalStateException if the store is closed, in use by another thread, or confined to another
     */
    boolean enter() {
        Thread current = Thread.currentThread();
        if (owner != current) {
            claim(current); // a shared store between calls; a confined store never gets here from its thread
        }
        if (depth++ == 0) {
            if (closed) { // checked once the claim is held: close() claims the store too
                releaseCall();
                throw new IllegalStateException("store is closed");
            }
            return true;
        }
        return false;
    }

    /** {@return how many calls of the owning thread are inside the store now}; read only by the owner */
    int depth() {
        return depth;
    }

    /** {@return whether the call leaving now was the outermost}; then {@link #releaseCall} must follow */
    boolean exit() {
        return --depth == 0;
    }

    /** Ends the outermost call (or one whose set-up failed): gives the store up unless a host operation holds it. */
    void releaseCall() {
        depth = 0;
        if (!accessClaim) {
            release();
        }
    }

    /**
     * Claims the store for a host operation, as a call does: a thread already inside the store
     * goes on, another thread takes the claim or fails, so no such operation overlaps a close.
     *
     * @return whether this call took the claim, to pass to {@link #endAccess}
     * @throws IllegalStateException if the store is closed, in use by another thread, or confined to another
     */
    boolean beginAccess() {
        Thread current = Thread.currentThread();
        boolean claimed = false;
        if (owner != current) {
            claim(current);
            claimed = true;
            accessClaim = true;
        }
        if (closed) {
            endAccess(claimed);
            throw new IllegalStateException("store is closed");
        }
        return claimed;
    }

    /** Ends what {@link #beginAccess} began. */
    void endAccess(boolean claimed) {
        if (claimed) {
            accessClaim = false;
            release();
        }
    }

    /**
     * Claims the store to close it: no thread can be inside while it is freed, and none can
     * enter afterwards (entries check {@link #isClosed} again once they hold the claim). Ends
     * with {@link #closeClaimed}.
     *
     * @throws IllegalStateException if a thread is inside, or the store is confined to another thread
     */
    void claimForClose() {
        if (confinedTo != null) {
            if (Thread.currentThread() != confinedTo) {
                throw new IllegalStateException("store is confined to thread " + confinedTo.getName());
            }
            if (depth > 0) {
                throw new IllegalStateException("store is in use");
            }
        } else if (!OWNER.compareAndSet(this, null, Thread.currentThread())) {
            throw new IllegalStateException("store is in use");
        }
    }

    /** Marks the store closed; the closing thread holds the claim. */
    void markClosed() {
        closed = true;
    }

    /** Gives up the claim {@link #claimForClose} took. */
    void closeClaimed() {
        release();
    }

    /** Claims a shared store for {@code current}: one atomic compare-and-set, so two racing threads cannot both win. */
    private void claim(Thread current) {
        if (confinedTo != null) {
            throw new IllegalStateException("store is confined to thread " + confinedTo.getName());
        }
        if (!OWNER.compareAndSet(this, null, current)) {
            Thread user = owner;
            throw new IllegalStateException(closed ? "store is closed" : "store is in use by thread "
                    + (user == null ? "(unknown)" : user.getName()) + "; a store is used by one thread at a time");
        }
    }

    /** Gives a shared store up; a confined store stays its thread's. */
    private void release() {
        if (confinedTo == null) {
            // Release: what this thread did to the store happens-before the next owner's claim.
            OWNER.setRelease(this, null);
        }
    }
}
