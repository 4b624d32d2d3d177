package dev.windlass.wasi;

/** A descriptor of an open file (anything but a directory) of a backend. */
final class FileDescriptor extends Descriptor {

    private final FileHandle file;

    FileDescriptor(FileHandle file, long rightsBase, long rightsInheriting, int flags) {
        super(rightsBase, rightsInheriting, flags);
        this.file = file;
    }

    /** {@return the file, once the descriptor has every right in {@code rights}} */
    FileHandle file(long rights) {
        require(rights);
        return file;
    }

    @Override
    Filetype filetype() {
        return file.filetype();
    }

    @Override
    void close() {
        file.close();
    }
}
