package dev.windlass.wasi;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A file of the java.nio backend: a {@link FileChannel} this object owns. Java has no append
 * mode that can be switched on an open channel, so append is done here: each write goes to
 * the current end, as {@code O_APPEND} makes Linux do (positional writes included).
 */
final class NioFile implements FileHandle {

    private final FileChannel channel;
    /** Where the file was opened; stat and set_times go through it (java.nio has no fstat). */
    private final Path path;
    private boolean append;

    NioFile(FileChannel channel, Path path, boolean append) {
        this.channel = channel;
        this.path = path;
        this.append = append;
    }

    private interface ChannelCall<T> {
        T apply() throws IOException;
    }

    private static <T> T io(ChannelCall<T> call) {
        try {
            return call.apply();
        } catch (java.nio.channels.NonReadableChannelException | java.nio.channels.NonWritableChannelException
                 | java.nio.channels.ClosedChannelException e) {
            throw new WasiError(Errno.EBADF);
        } catch (IOException | RuntimeException e) {
            if (e instanceof WasiError w) {
                throw w;
            }
            throw NioErrors.toWasi(e);
        }
    }

    @Override
    public Filetype filetype() {
        return Filetype.REGULAR_FILE;
    }

    @Override
    public long read(MemorySegment into) {
        return io(() -> Math.max(0, channel.read(into.asByteBuffer())));
    }

    @Override
    public long write(MemorySegment from) {
        return io(() -> {
            if (append) {
                channel.position(channel.size());
            }
            return (long) channel.write(from.asByteBuffer());
        });
    }

    @Override
    public long readAt(MemorySegment into, long offset) {
        return io(() -> Math.max(0, channel.read(into.asByteBuffer(), offset)));
    }

    @Override
    public long writeAt(MemorySegment from, long offset) {
        return io(() -> (long) channel.write(from.asByteBuffer(), append ? channel.size() : offset));
    }

    @Override
    public long seek(long offset, int whence) {
        return io(() -> {
            long base = switch (whence) {
                case WasiAbi.WHENCE_SET -> 0;
                case WasiAbi.WHENCE_CUR -> channel.position();
                default -> channel.size();
            };
            long target = base + offset;
            if (offset > 0 && target < base || target < 0) {
                throw new WasiError(Errno.EINVAL);
            }
            channel.position(target);
            return target;
        });
    }

    @Override
    public void setSize(long size) {
        io(() -> {
            long current = channel.size();
            if (size < current) {
                channel.truncate(size);
            } else if (size > current) {
                channel.write(ByteBuffer.allocate(1), size - 1);
            }
            return null;
        });
    }

    @Override
    public void allocate(long offset, long length) {
        if (offset < 0 || length <= 0 || offset + length < 0) {
            throw new WasiError(Errno.EINVAL);
        }
        io(() -> {
            if (offset + length > channel.size()) {
                channel.write(ByteBuffer.allocate(1), offset + length - 1);
            }
            return null;
        });
    }

    @Override
    public void advise(long offset, long length, int advice) {
        if (offset < 0 || length < 0) {
            throw new WasiError(Errno.EINVAL);
        }
        // nothing to advise an in-memory or foreign file system about
    }

    @Override
    public void setFlags(boolean append, boolean nonblocking) {
        this.append = append;
    }

    @Override
    public long readableBytes() {
        try {
            return Math.max(0, channel.size() - channel.position());
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public Filestat stat() {
        return io(() -> {
            long size = channel.size();
            try {
                Filestat stat = NioAttributes.filestat(path);
                return new Filestat(stat.device(), stat.inode(), Filetype.REGULAR_FILE, stat.links(), size,
                        stat.accessTime(), stat.modificationTime(), stat.changeTime());
            } catch (IOException e) {
                return new Filestat(0, 0, Filetype.REGULAR_FILE, 0, size, 0, 0, 0); // unlinked since
            }
        });
    }

    @Override
    public void setTimes(TimeChange access, TimeChange modification) {
        io(() -> {
            NioAttributes.setTimes(path, access, modification);
            return null;
        });
    }

    @Override
    public void sync(boolean dataOnly) {
        io(() -> {
            channel.force(!dataOnly);
            return null;
        });
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing the guest could do about it
        }
    }
}
