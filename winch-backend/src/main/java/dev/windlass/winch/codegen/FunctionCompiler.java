package dev.windlass.winch.codegen;

import dev.windlass.winch.compile.CodeOptions;
import dev.windlass.winch.compile.UnsupportedFeatureException;
import dev.windlass.winch.vm.MemoryStrategy;
import dev.windlass.winch.vm.VmOffsets;
import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.FunctionBody;
import dev.windlass.winch.wasm.FunctionValidator;
import dev.windlass.winch.wasm.Opcode;
import dev.windlass.winch.wasm.OperatorReader;
import dev.windlass.winch.wasm.ValType;
import dev.windlass.winch.wasm.WasmModule;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles one function in a single pass: it pulls each operator from the validator (which
 * checks it first), and lowers it through the {@link MacroAssembler}. The lowering is split by
 * kind of operator: {@link ControlLowering}, {@link IntegerLowering}, {@link VariableLowering},
 * {@link CallLowering}; fuel and epoch checks are {@link MeteringLowering}'s. This class only
 * dispatches.
 */
public final class FunctionCompiler {

    final WasmModule module;
    final VmOffsets vmOffsets;
    final MemoryStrategy memoryStrategy;
    final MacroAssembler masm;
    final FunctionValidator validator;
    final OperatorReader reader;
    final CodeGenContext context;
    final FrameLayout frame;
    final ControlLowering control;
    final IntegerLowering integers;
    final FloatLowering floats;
    final MemoryLowering memories;
    final TableLowering tables;
    final VariableLowering variables;
    final CallLowering calls;
    final MeteringLowering metering;
    /** The module offset of the body: where the prologue's checks (stack overflow) are reported. */
    private final int bodyOffset;

    private FunctionCompiler(WasmModule module, FunctionBody body, VmOffsets vmOffsets, MacroAssembler masm,
                             RegSet allocatable, CodeOptions options) {
        this.module = module;
        this.vmOffsets = vmOffsets;
        this.memoryStrategy = options.memoryStrategy();
        this.masm = masm;
        this.validator = FunctionValidator.begin(module, body);
        this.reader = validator.reader();
        FuncType type = module.functionType(body.functionIndex());
        List<ValType> locals = new ArrayList<>(validator.localCount());
        for (int i = 0; i < validator.localCount(); i++) {
            locals.add(validator.localType(i));
        }
        this.frame = new FrameLayout(type, locals);
        this.context = new CodeGenContext(masm, frame, allocatable);
        this.metering = new MeteringLowering(options.metering(), masm, context);
        this.control = new ControlLowering(this, type);
        this.integers = new IntegerLowering(this);
        this.floats = new FloatLowering(this);
        this.memories = new MemoryLowering(this);
        this.tables = new TableLowering(this);
        this.variables = new VariableLowering(this);
        this.calls = new CallLowering(this);
        this.bodyOffset = body.offset();
    }

    /**
     * Compiles {@code body} into {@code masm}'s buffer: prologue, body, out-of-line code.
     *
     * @param allocatable the registers values may be allocated to (the ISA's choice)
     * @throws UnsupportedFeatureException if the body uses an operator not implemented yet
     * @throws dev.windlass.winch.wasm.WasmException if the body is malformed or invalid
     */
    public static void compile(WasmModule module, FunctionBody body, VmOffsets vmOffsets, MacroAssembler masm,
                               RegSet allocatable) {
        compile(module, body, vmOffsets, masm, allocatable, CodeOptions.DEFAULT);
    }

    /**
     * Compiles {@code body} as {@link #compile(WasmModule, FunctionBody, VmOffsets, MacroAssembler, RegSet)}
     * does, with the fuel and epoch checks and the memory strategy {@code options} ask for.
     */
    public static void compile(WasmModule module, FunctionBody body, VmOffsets vmOffsets, MacroAssembler masm,
                               RegSet allocatable, CodeOptions options) {
        new FunctionCompiler(module, body, vmOffsets, masm, allocatable, options).compile();
    }

    private void compile() {
        masm.recordSourceOffset(bodyOffset);
        masm.prologue();
        if (frame.declaredLocalCount() > 0) {
            masm.zeroFrameSlots(frame.localOffset(frame.localCount() - 1), frame.declaredLocalCount());
        }
        metering.atFunctionEntry();
        while (validator.hasNext()) {
            Opcode op = validator.next();
            int offset = reader.offset();
            if (!control.reachable() && !ControlLowering.isStructural(op)) {
                continue;
            }
            masm.recordSourceOffset(offset);
            if (control.reachable()) {
                metering.account(op);
            }
            lower(op, offset);
        }
        masm.finishFrame(frame.frameSize());
    }

    private void lower(Opcode op, int offset) {
        switch (op) {
            case NOP -> { }
            case UNREACHABLE, BLOCK, LOOP, IF, ELSE, END, BR, BR_IF, BR_TABLE, RETURN -> control.lower(op);
            case DROP -> context.drop();
            case SELECT, SELECT_TYPED -> integers.select();
            case LOCAL_GET, LOCAL_SET, LOCAL_TEE, GLOBAL_GET, GLOBAL_SET -> variables.lower(op);
            case CALL -> calls.call(reader.index());
            case CALL_INDIRECT -> calls.callIndirect(reader.index(), reader.index2());
            default -> {
                if (!integers.lower(op) && !floats.lower(op) && !memories.lower(op) && !tables.lower(op)) {
                    throw new UnsupportedFeatureException(op.text(), validator.functionIndex(), offset);
                }
            }
        }
    }

    int functionIndex() {
        return validator.functionIndex();
    }

    /**
     * Refuses values this compiler cannot hold yet (vectors), naming the
     * operator that would have handled one.
     */
    void requireScalar(ValType type, String operator) {
        if (type == ValType.V128) {
            throw new UnsupportedFeatureException(operator + " of " + type, functionIndex(), reader.offset());
        }
    }
}
