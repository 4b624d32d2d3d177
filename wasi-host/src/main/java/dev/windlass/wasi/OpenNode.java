package dev.windlass.wasi;

/**
 * Something a backend opened for a descriptor: a {@link FileHandle} or a
 * {@link DirectoryHandle}. Failures are {@link WasiError}s with the errno the guest gets.
 */
interface OpenNode {

    Filestat stat();

    /** Changes the times; a null change leaves that time alone. */
    void setTimes(TimeChange access, TimeChange modification);

    /** {@code fsync}, or {@code fdatasync} when {@code dataOnly}. */
    void sync(boolean dataOnly);

    /** Releases what the node holds (a host descriptor, a channel); later calls do nothing. */
    void close();
}
