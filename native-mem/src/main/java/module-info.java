/**
 * The native side of Windlass, through the FFM API only (no JNI): libc memory mappings with
 * explicit protections, executable code segments (W^X, guard pages), thread stack bounds, and
 * the one downcall through which all generated code is entered.
 */
module dev.windlass.nativemem {
    exports dev.windlass.nativemem;
}
