package dev.windlass.winch.wasm;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads the {@code "name"} custom section: the module name (subsection 0), function names (1)
 * and local names (2). Unknown subsections are skipped. Errors stop the parse silently and keep
 * what was read before them: names are debugging aids, not part of the program.
 */
final class NameSectionParser {

    private static final int MODULE_NAME = 0;
    private static final int FUNCTION_NAMES = 1;
    private static final int LOCAL_NAMES = 2;

    private String moduleName;
    private final Map<Integer, String> functionNames = new HashMap<>();
    private final Map<Integer, Map<Integer, String>> localNames = new HashMap<>();

    static NameSection parse(byte[] bytes, int offset, int size) {
        NameSectionParser parser = new NameSectionParser();
        try {
            parser.readSubsections(new WasmReader(bytes, offset, offset + size));
        } catch (WasmMalformedException ignored) {
            // Keep the names read so far.
        }
        return new NameSection(parser.moduleName, parser.functionNames, parser.localNames);
    }

    private void readSubsections(WasmReader in) {
        while (!in.atEnd()) {
            int id = in.u8();
            int size = in.vectorLength(1);
            int end = in.position() + size;
            WasmReader sub = new WasmReader(in.bytes(), in.position(), end);
            switch (id) {
                case MODULE_NAME -> moduleName = sub.name();
                case FUNCTION_NAMES -> readNameMap(sub, functionNames);
                case LOCAL_NAMES -> {
                    int count = sub.vectorLength(2);
                    for (int i = 0; i < count; i++) {
                        int function = sub.u32();
                        Map<Integer, String> locals = new HashMap<>();
                        readNameMap(sub, locals);
                        localNames.put(function, Map.copyOf(locals));
                    }
                }
                default -> { }
            }
            in.position(end);
        }
    }

    private static void readNameMap(WasmReader in, Map<Integer, String> into) {
        int count = in.vectorLength(2);
        for (int i = 0; i < count; i++) {
            int index = in.u32();
            into.put(index, in.name());
        }
    }
}
