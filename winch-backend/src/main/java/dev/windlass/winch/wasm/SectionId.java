package dev.windlass.winch.wasm;

/**
 * The known sections, with their ids and the order non-custom sections must appear in (the
 * data count section, id 12, sits between the element and code sections).
 */
enum SectionId {
    CUSTOM(0, 0),
    TYPE(1, 1),
    IMPORT(2, 2),
    FUNCTION(3, 3),
    TABLE(4, 4),
    MEMORY(5, 5),
    GLOBAL(6, 6),
    EXPORT(7, 7),
    START(8, 8),
    ELEMENT(9, 9),
    DATA_COUNT(12, 10),
    CODE(10, 11),
    DATA(11, 12);

    private static final SectionId[] BY_ID = new SectionId[13];

    static {
        for (SectionId s : values()) {
            BY_ID[s.id] = s;
        }
    }

    final int id;
    final int order;

    SectionId(int id, int order) {
        this.id = id;
        this.order = order;
    }

    static SectionId fromId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
