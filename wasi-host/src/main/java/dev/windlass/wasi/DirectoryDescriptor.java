package dev.windlass.wasi;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A descriptor of an open directory: a capability for the paths beneath it. A preopened one
 * also has the name the guest discovers it by ({@code fd_prestat_dir_name}).
 */
final class DirectoryDescriptor extends Descriptor {

    private final DirectoryHandle directory;
    private final byte[] preopenName;
    private List<DirectoryEntryInfo> listing;

    DirectoryDescriptor(DirectoryHandle directory, long rightsBase, long rightsInheriting, String preopenName) {
        super(rightsBase, rightsInheriting, 0);
        this.directory = directory;
        this.preopenName = preopenName == null ? null : preopenName.getBytes(StandardCharsets.UTF_8);
    }

    /** {@return the directory, once the descriptor has every right in {@code rights}} */
    DirectoryHandle directory(long rights) {
        require(rights);
        return directory;
    }

    /**
     * {@return the entries for an {@code fd_readdir} from {@code cookie}}: read afresh at
     * cookie 0, else the listing the previous call read, so that a guest paging through a large
     * directory with a small buffer reads it once, and its cookies keep their meaning.
     */
    List<DirectoryEntryInfo> listing(long cookie) {
        require(Rights.FD_READDIR);
        if (cookie == 0 || listing == null) {
            listing = directory.entries();
        }
        return listing;
    }

    /** {@return the guest name of a preopened directory, or null} */
    byte[] preopenName() {
        return preopenName;
    }

    @Override
    Filetype filetype() {
        return Filetype.DIRECTORY;
    }

    @Override
    void close() {
        directory.close();
    }
}
