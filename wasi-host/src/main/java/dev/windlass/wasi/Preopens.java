package dev.windlass.wasi;

import java.nio.file.FileSystems;
import java.nio.file.Path;

/**
 * Opens a {@link WasiConfig.Preopen} as the descriptor the guest finds at fd 3 and on: the host
 * backend for a directory of the default file system (Linux), the java.nio backend for any
 * other file system. A read-only preopen has no right that changes anything, and its backend
 * refuses changes too (EROFS), should a right ever slip through.
 */
final class Preopens {

    private static final boolean LINUX = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT)
            .startsWith("linux");

    private Preopens() {
    }

    static DirectoryDescriptor open(WasiConfig.Preopen preopen, boolean kernelResolution) {
        Path host = preopen.host();
        DirectoryHandle directory = host.getFileSystem() == FileSystems.getDefault() && LINUX
                ? HostDirectory.open(host, preopen.readOnly(), kernelResolution)
                : NioDirectory.open(host, preopen.readOnly());
        long base = Rights.DIRECTORY_BASE;
        long inheriting = Rights.DIRECTORY_INHERITING;
        if (preopen.readOnly()) {
            base = Rights.readOnly(base);
            inheriting = Rights.readOnly(inheriting);
        }
        return new DirectoryDescriptor(directory, base, inheriting, preopen.guestPath());
    }
}
