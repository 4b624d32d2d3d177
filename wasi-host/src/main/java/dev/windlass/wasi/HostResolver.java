package dev.windlass.wasi;

import dev.windlass.nativemem.FileStatus;
import dev.windlass.nativemem.LinuxFiles;
import dev.windlass.nativemem.SyscallException;
import java.nio.charset.StandardCharsets;

/**
 * How the host backend turns a guest path into a descriptor beneath a directory descriptor,
 * race-free: the kernel's {@code openat2(RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS)} when it has
 * it, else {@link Walk}, a {@link BeneathWalk} over {@code O_PATH | O_NOFOLLOW} descriptors
 * (every directory entered is held open, every name is opened without following, so a name
 * swapped for a symbolic link mid-way is never followed). EXDEV from openat2 (an escape) is
 * ENOTCAPABLE, as the walk reports it.
 */
abstract sealed class HostResolver {

    private static final long RESOLVE = LinuxFiles.RESOLVE_BENEATH | LinuxFiles.RESOLVE_NO_MAGICLINKS;
    /** openat2 gives EAGAIN when a rename raced with a ".." lookup; it is safe to retry. */
    private static final int RETRIES = 16;
    private static final HostResolver KERNEL = new Kernel();
    private static final HostResolver WALK = new Walk();
    private static volatile Boolean kernelSupported;

    /** {@return the kernel's resolution if it has openat2, else the walk} (or the walk alone when asked) */
    static HostResolver select(boolean preferKernel) {
        if (!preferKernel) {
            return WALK;
        }
        Boolean supported = kernelSupported;
        if (supported == null) {
            try {
                LinuxFiles.close(LinuxFiles.openat2(LinuxFiles.AT_FDCWD, ".", LinuxFiles.O_PATH, 0, 0));
                supported = true;
            } catch (SyscallException e) {
                supported = e.errno() != LinuxFiles.ENOSYS;
            }
            kernelSupported = supported;
        }
        return supported ? KERNEL : WALK;
    }

    /**
     * {@return a new descriptor for {@code path} beneath {@code directory}} opened with
     * {@code flags}; a symbolic link as the last component is followed only if {@code follow}
     * (or the path ends in a slash).
     */
    abstract int open(int directory, String path, int flags, int mode, boolean follow);

    /** {@return an O_PATH descriptor of the directory that holds {@code path}'s last component} */
    int openParent(int directory, GuestPath path) {
        return open(directory, path.parent(), LinuxFiles.O_PATH | LinuxFiles.O_DIRECTORY, 0, true);
    }

    private static final class Kernel extends HostResolver {
        @Override
        int open(int directory, String path, int flags, int mode, boolean follow) {
            GuestPath.check(path);
            int all = flags | (follow ? 0 : LinuxFiles.O_NOFOLLOW);
            for (int attempt = 0; ; attempt++) {
                try {
                    return LinuxFiles.openat2(directory, path, all, mode, RESOLVE);
                } catch (SyscallException e) {
                    if (e.errno() == LinuxFiles.EXDEV) {
                        throw new WasiError(Errno.ENOTCAPABLE);
                    }
                    if (e.errno() != 11 || attempt >= RETRIES) {
                        throw HostErrors.toWasi(e);
                    }
                }
            }
        }
    }

    static final class Walk extends HostResolver {
        private final BeneathWalk<Integer> walk = new BeneathWalk<>() {
            @Override
            Kind look(Integer directory, String name) {
                try {
                    FileStatus status = LinuxFiles.fstatat(directory, name, LinuxFiles.AT_SYMLINK_NOFOLLOW);
                    return status.isSymbolicLink() ? Kind.SYMLINK : status.isDirectory() ? Kind.DIRECTORY : Kind.OTHER;
                } catch (SyscallException e) {
                    if (e.errno() == LinuxFiles.ENOENT) {
                        return Kind.MISSING;
                    }
                    throw HostErrors.toWasi(e);
                }
            }

            @Override
            Integer enter(Integer directory, String name) {
                try {
                    return LinuxFiles.openat(directory, name,
                            LinuxFiles.O_PATH | LinuxFiles.O_DIRECTORY | LinuxFiles.O_NOFOLLOW, 0);
                } catch (SyscallException e) {
                    throw HostErrors.toWasi(e);
                }
            }

            @Override
            String readLink(Integer directory, String name) {
                try {
                    return new String(LinuxFiles.readlinkat(directory, name), StandardCharsets.UTF_8);
                } catch (SyscallException e) {
                    throw HostErrors.toWasi(e);
                }
            }

            @Override
            void release(Integer directory) {
                closeQuietly(directory);
            }
        };

        @Override
        int open(int directory, String path, int flags, int mode, boolean follow) {
            BeneathWalk.Location<Integer> location = walk.walk(directory, path, follow);
            try {
                // The walk resolved every link it was asked to; O_NOFOLLOW makes sure a link
                // swapped in since is refused (ELOOP), not followed.
                // A trailing slash would make the kernel follow a link despite O_NOFOLLOW: it is
                // taken off, and O_DIRECTORY asks for what it meant.
                String name = location.bareName();
                int directoryFlag = location.trailingSlash() ? LinuxFiles.O_DIRECTORY : 0;
                return LinuxFiles.openat(location.directory(), name, flags | directoryFlag | LinuxFiles.O_NOFOLLOW,
                        mode);
            } catch (SyscallException e) {
                throw HostErrors.toWasi(e);
            } finally {
                if (location.owned()) {
                    closeQuietly(location.directory());
                }
            }
        }
    }

    static void closeQuietly(int fd) {
        try {
            LinuxFiles.close(fd);
        } catch (SyscallException ignored) {
            // close(2) releases the descriptor even when it reports an error
        }
    }
}
