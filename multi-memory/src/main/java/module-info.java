/**
 * Linear memories for Wasm instances: address-space reservations grown in place, read and
 * written by generated code through a {base, length} pair and by the host through bounded views.
 */
module dev.windlass.memory {
    requires dev.windlass.nativemem;

    exports dev.windlass.memory;
}
