package dev.windlass.winch.wasm;

import java.util.Map;
import java.util.Optional;

/**
 * The names the custom section {@code "name"} gives to the module, its functions and their
 * locals. A malformed name section never makes a module fail: what could be read is kept, as in
 * the spec's appendix (custom sections are not validated).
 */
public final class NameSection {

    static final NameSection EMPTY = new NameSection(null, Map.of(), Map.of());

    private final String moduleName;
    private final Map<Integer, String> functionNames;
    private final Map<Integer, Map<Integer, String>> localNames;

    NameSection(String moduleName, Map<Integer, String> functionNames, Map<Integer, Map<Integer, String>> localNames) {
        this.moduleName = moduleName;
        this.functionNames = Map.copyOf(functionNames);
        this.localNames = Map.copyOf(localNames);
    }

    /** {@return the module's name, if the section gives one} */
    public Optional<String> moduleName() {
        return Optional.ofNullable(moduleName);
    }

    /** {@return the name of a function (imported or defined), if the section gives one} */
    public Optional<String> functionName(int functionIndex) {
        return Optional.ofNullable(functionNames.get(functionIndex));
    }

    /** {@return the name of a local (parameters first) of a function, if the section gives one} */
    public Optional<String> localName(int functionIndex, int localIndex) {
        Map<Integer, String> locals = localNames.get(functionIndex);
        return locals == null ? Optional.empty() : Optional.ofNullable(locals.get(localIndex));
    }

    /** {@return every function name, by function index} */
    public Map<Integer, String> functionNames() {
        return functionNames;
    }
}
