package dev.windlass.winch.disas;

/**
 * A piece of a compiled module's code that is listed on its own: a function, or shared code such
 * as the trap handler.
 *
 * @param title  the listing's heading, and the name a call to it is shown with
 * @param start  module offset of its first byte
 * @param end    module offset after its last byte, constant pool included
 * @param shared whether it is shared code, whose alignment padding (int3) runs up to {@code end}
 */
record CodeRegion(String title, int start, int end, boolean shared) {

    boolean contains(int offset) {
        return offset >= start && offset < end;
    }
}
