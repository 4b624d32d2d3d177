package dev.windlass.sandbox;

import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.ValType;
import java.util.List;

/**
 * {@code wat/refs.wat} instantiated in a store, its imports defined in Java: {@code env.pass}
 * returns its funcref argument (or what {@link #passResult} says), {@code env.keep} its
 * externref. For the reference tests.
 */
final class RefsFixture {

    static final FuncType PASS = new FuncType(List.of(ValType.EXTERNREF, ValType.FUNCREF), List.of(ValType.FUNCREF));
    static final FuncType KEEP = new FuncType(List.of(ValType.EXTERNREF), List.of(ValType.EXTERNREF));

    final Store store;
    final Instance instance;
    /** What {@code env.pass} sets as its result; null: its funcref argument. */
    Ref passResult;

    RefsFixture(Store store) {
        this.store = store;
        this.instance = new Linker()
                .define("env", "pass", PASS, call -> call.setRef(0, passResult != null ? passResult : call.ref(1)))
                .define("env", "keep", KEEP, call -> call.setRef(0, call.ref(0)))
                .instantiate(store, TestModules.compile(store.engine(), "refs"));
    }

    Func func(String name) {
        return instance.func(name).orElseThrow();
    }

    Table funcs() {
        return instance.table("funcs").orElseThrow();
    }

    Table externs() {
        return instance.table("externs").orElseThrow();
    }

    Global global(String name) {
        return instance.global(name).orElseThrow();
    }
}
