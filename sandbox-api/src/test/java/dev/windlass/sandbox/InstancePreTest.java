package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.ValType;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstancePreTest {

    private static final FuncType GREET = new FuncType(List.of(ValType.I32, ValType.I32), List.of(ValType.I32));

    @Test
    void oneResolutionServesManyStoresAndLaterDefinitionsDoNotChangeIt() {
        Engine engine = Engine.create();
        Linker linker = new Linker().define("host", "greet", GREET, call -> call.setI32(0, 1));
        InstancePre pre = linker.instantiatePre(TestModules.compile(engine, "caller"));
        linker.allowShadowing(true).define("host", "greet", GREET, call -> call.setI32(0, 100));

        for (int i = 0; i < 50; i++) {
            try (Store store = Store.create(engine)) {
                Instance instance = pre.instantiate(store);
                assertThat(instance.func("run").orElseThrow().callI32()).isEqualTo(1); // memory[0] is 0
                assertThat(instance.module()).isSameAs(pre.module());
            }
        }
    }

    @Test
    void unresolvableImportsFailAtPreparation() {
        Engine engine = Engine.create();
        Module caller = TestModules.compile(engine, "caller");

        assertThatThrownBy(() -> new Linker().instantiatePre(caller)).isInstanceOf(LinkException.class)
                .hasMessageContaining("unknown import").hasMessageContaining("host.greet");
        assertThatThrownBy(() -> new Linker().define("host", "greet", FuncType.EMPTY, call -> { })
                .instantiatePre(caller)).isInstanceOf(LinkException.class).hasMessageContaining("incompatible");
    }

    @Test
    void aStoreBoundDefinitionLinksOnlyIntoItsStore() {
        Engine engine = Engine.create();
        try (Store owner = Store.create(engine); Store other = Store.create(engine)) {
            Instance lib = TestModules.instantiate(owner, "lib");
            InstancePre pre = new Linker().instance("lib", lib).instantiatePre(TestModules.compile(engine, "user"));

            assertThat(pre.instantiate(owner).func("triple_plus_one").orElseThrow().callI32(5)).isEqualTo(16);
            assertThatThrownBy(() -> pre.instantiate(other)).isInstanceOf(LinkException.class)
                    .hasMessageContaining("another store");
        }
    }
}
