package dev.windlass.wasi;

/** WASI's {@code filetype}, in ABI order ({@link #ordinal()} is the value the guest sees). */
enum Filetype {
    UNKNOWN,
    BLOCK_DEVICE,
    CHARACTER_DEVICE,
    DIRECTORY,
    REGULAR_FILE,
    SOCKET_DGRAM,
    SOCKET_STREAM,
    SYMBOLIC_LINK
}
