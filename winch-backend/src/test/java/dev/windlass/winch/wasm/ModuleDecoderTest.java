package dev.windlass.winch.wasm;

import static dev.windlass.winch.wasm.TestModules.concat;
import static dev.windlass.winch.wasm.TestModules.module;
import static dev.windlass.winch.wasm.TestModules.name;
import static dev.windlass.winch.wasm.TestModules.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModuleDecoderTest {

    private static WasmModule decode(byte[] bytes) {
        return ModuleDecoder.decode(bytes, WasmFeatures.defaults());
    }

    @Test
    void emptyModuleDecodesToNothing() {
        WasmModule m = decode(module().build());
        assertThat(m.types()).isEmpty();
        assertThat(m.functionCount()).isZero();
        assertThat(m.startFunction()).isEmpty();
        assertThat(m.dataCount()).isEmpty();
        assertThat(m.byteSize()).isEqualTo(8);
    }

    @Test
    void badMagicAndVersionAreMalformed() {
        assertThatThrownBy(() -> decode(raw(0x00, 0x61, 0x73)))
                .isInstanceOf(WasmMalformedException.class).hasMessageContaining("magic header not detected");
        assertThatThrownBy(() -> decode(raw(0x00, 0x61, 0x73, 0x6D, 0x02, 0, 0, 0)))
                .isInstanceOf(WasmMalformedException.class).hasMessageContaining("unknown binary version");
    }

    @Test
    void importsExportsAndIndexSpacesAreDecoded() {
        byte[] types = concat(raw(1, 0x60, 1, 0x7F, 1, 0x7E));
        byte[] imports = concat(raw(3),
                name("env"), name("f"), raw(0x00, 0x00),                 // func (type 0)
                name("env"), name("mem"), raw(0x02, 0x01, 0x01, 0x02),  // memory min 1 max 2
                name("env"), name("g"), raw(0x03, 0x7F, 0x01));         // global (mut i32)
        byte[] exports = concat(raw(1), name("f"), raw(0x00, 0x00));
        WasmModule m = decode(module().section(1, types).section(2, imports).section(7, exports).build());

        assertThat(m.imports()).extracting(Import::name).containsExactly("f", "mem", "g");
        assertThat(m.imports().get(0).type()).isEqualTo(new FuncTypeRef(0));
        assertThat(m.memories()).containsExactly(new MemoryType(Limits.between(1, 2), false, false));
        assertThat(m.globalTypes()).containsExactly(new GlobalType(ValType.I32, true));
        assertThat(m.importedFunctionCount()).isEqualTo(1);
        assertThat(m.functionType(0)).isEqualTo(new FuncType(List.of(ValType.I32), List.of(ValType.I64)));
        assertThat(m.exports()).containsExactly(new Export("f", ExternKind.FUNC, 0));
    }

    @Test
    void sectionsOutOfOrderAreMalformed() {
        byte[] bytes = module().section(3, 0).section(1, 0).build();
        assertThatThrownBy(() -> decode(bytes)).isInstanceOf(WasmMalformedException.class)
                .hasMessageContaining("unexpected content after last section");
    }

    @Test
    void sectionSizeMustMatchItsContents() {
        byte[] bytes = module().section(1, 0, 0x60).build(); // zero types, one byte left over
        assertThatThrownBy(() -> decode(bytes)).isInstanceOf(WasmMalformedException.class)
                .hasMessageContaining("section size mismatch");
    }

    @Test
    void customSectionsAreKeptInPlaceAndTheNameSectionIsParsed() {
        byte[] payload = concat(name("producers"), raw(1, 2, 3));
        byte[] names = concat(name("name"),
                raw(0), TestModules.u32(name("mod").length), name("mod"),                // module name
                raw(1), TestModules.u32(1 + 1 + name("main").length), raw(1, 0), name("main")); // function 0
        byte[] bytes = concat(TestModules.singleFunction(new int[0], new int[0], 0x0B),
                raw(0), TestModules.u32(payload.length), payload,
                raw(0), TestModules.u32(names.length), names);
        WasmModule m = decode(bytes);

        assertThat(m.customSections()).extracting(CustomSection::name).containsExactly("producers", "name");
        CustomSection producers = m.customSections().get(0);
        ByteBuffer data = m.bytes(producers.offset(), producers.size());
        assertThat(data.isReadOnly()).isTrue();
        assertThat(data.remaining()).isEqualTo(3);
        assertThat(data.get(2)).isEqualTo((byte) 3);
        assertThat(m.names().moduleName()).contains("mod");
        assertThat(m.names().functionName(0)).contains("main");
        assertThat(m.names().functionName(1)).isEmpty();
    }

    @Test
    void aBrokenNameSectionNeverFailsTheModule() {
        byte[] names = concat(name("name"), raw(1, 0x7F, 0x01)); // subsection claims 127 bytes
        byte[] bytes = concat(module().build(), raw(0), TestModules.u32(names.length), names);
        assertThat(decode(bytes).names().functionNames()).isEmpty();
    }

    @Test
    void memory64LimitsAreU64OnlyWithTheFeature() {
        byte[] memory = raw(1, 0x05, 0x80, 0x80, 0x80, 0x80, 0x10, 0x81, 0x80, 0x80, 0x80, 0x10); // i64 min 2^32 max 2^32+1
        byte[] bytes = module().section(5, memory).build();
        assertThatThrownBy(() -> decode(bytes)).isInstanceOf(WasmMalformedException.class);
        WasmModule m = ModuleDecoder.decode(bytes, WasmFeatures.defaults().with(WasmFeatures.Feature.MEMORY64));
        assertThat(m.memories().getFirst().is64()).isTrue();
        assertThat(m.memories().getFirst().limits()).isEqualTo(Limits.between(1L << 32, (1L << 32) + 1));
    }

    @Test
    void functionAndCodeSectionsMustAgree() {
        byte[] bytes = module().section(1, 1, 0x60, 0, 0).section(3, 2, 0, 0).section(10, 1, 2, 0, 0x0B).build();
        assertThatThrownBy(() -> decode(bytes)).isInstanceOf(WasmMalformedException.class)
                .hasMessageContaining("function and code section have inconsistent lengths");
    }

    @Test
    void elementSegmentsOfEveryEncodingAreDecoded() {
        byte[] elements = concat(raw(4),
                raw(0x00, 0x41, 0x00, 0x0B, 2, 0, 0),           // active, table 0, func indices
                raw(0x01, 0x00, 1, 0),                          // passive, elemkind, func indices
                raw(0x03, 0x00, 1, 0),                          // declarative
                raw(0x05, 0x70, 2, 0xD2, 0x00, 0x0B, 0xD0, 0x70, 0x0B)); // passive, expressions
        byte[] bytes = module().section(1, 1, 0x60, 0, 0).section(3, 1, 0).section(4, 1, 0x70, 0, 1)
                .section(9, elements).section(10, 1, 2, 0, 0x0B).build();
        WasmModule m = decode(bytes);
        assertThat(m.elementSegments()).extracting(ElementSegment::mode)
                .containsExactly(SegmentMode.ACTIVE, SegmentMode.PASSIVE, SegmentMode.DECLARATIVE, SegmentMode.PASSIVE);
        assertThat(m.elementSegments().get(0).size()).isEqualTo(2);
        assertThat(m.elementSegments().get(3).hasFunctionIndices()).isFalse();
        assertThat(m.isDeclaredFunctionReference(0)).isTrue();
        ModuleValidator.validate(m);
    }

    @Test
    void dataSegmentsAreNotCopied() {
        byte[] bytes = module().section(5, 1, 0, 1)
                .section(11, 1, 0x00, 0x41, 0x08, 0x0B, 3, 'a', 'b', 'c').build();
        WasmModule m = decode(bytes);
        DataSegment d = m.dataSegments().getFirst();
        assertThat(d.mode()).isEqualTo(SegmentMode.ACTIVE);
        assertThat(d.dataLength()).isEqualTo(3);
        assertThat(m.bytes(d.dataOffset(), d.dataLength()).get(0)).isEqualTo((byte) 'a');
    }
}
