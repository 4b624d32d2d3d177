package dev.windlass.winch.wasm;

import java.util.Arrays;
import java.util.List;

/**
 * Validates a function body one operator at a time: the algorithm of the spec's validation
 * appendix, with an operand stack, a control stack, and the polymorphic stack after
 * {@code unreachable}, {@code br}, {@code br_table}, {@code return} and tail calls.
 *
 * <p>The code generator drives it, so that decoding, validation and code generation happen in
 * one pass over the bytes (the design of wasmparser's {@code FuncValidator}):
 *
 * <pre>{@code
 * FunctionValidator v = FunctionValidator.begin(module, body);
 * OperatorReader ops = v.reader();
 * while (v.hasNext()) {
 *     Opcode op = v.next();          // decoded and validated; immediates in ops
 *     codegen.emit(op, ops, v);      // may ask v for operand types and control frames
 * }
 * }</pre>
 *
 * <p>Errors are {@link WasmInvalidException} (or {@link WasmMalformedException} for decoding)
 * naming the operator's offset and the function index. A validator is single-use and not
 * thread-safe; validate bodies in parallel with one validator each.
 */
public final class FunctionValidator {

    /** The kinds of control frame. */
    public enum FrameKind { FUNCTION, BLOCK, LOOP, IF, ELSE }

    private static final FuncType[] SINGLE_RESULT = new FuncType[ValType.values().length];

    static {
        for (ValType t : ValType.values()) {
            SINGLE_RESULT[t.ordinal()] = new FuncType(List.of(), List.of(t));
        }
    }

    private final WasmModule module;
    private final WasmReader localsReader;
    private final ValType[][] paramArrays;
    private final ValType[][] resultArrays;
    private final OperatorReader ops;
    private int functionIndex;
    private FuncType functionType;
    private ValType[] locals;

    // The operand stack; null stands for the unknown type of the polymorphic stack.
    private ValType[] operands = new ValType[16];
    private int operandCount;

    private Frame[] frames = new Frame[8];
    private int frameCount;

    private ValType[] scratch = new ValType[8];
    /** The innermost frame's height, kept in a field for {@link #popValues(ValType[])}'s fast path. */
    private int floor;

    private FunctionValidator(WasmModule module) {
        this.module = module;
        this.paramArrays = new ValType[module.types().size()][];
        this.resultArrays = new ValType[module.types().size()][];
        this.localsReader = new WasmReader(module.rawBytes(), 0, 0);
        this.ops = module.codeReader();
    }

    /** Starts on {@code body}: decodes its locals; the stacks start empty. */
    private void start(FunctionBody body) {
        functionIndex = body.functionIndex();
        functionType = module.functionType(functionIndex);
        localsReader.reset(body.offset(), body.end());
        try {
            locals = LocalsDecoder.decode(localsReader, functionType.params(), functionIndex);
        } catch (WasmMalformedException e) {
            throw e.inFunction(functionIndex);
        }
        ops.restart(localsReader.position(), body.end());
        operandCount = 0;
        frameCount = 0;
        floor = 0;
        pushFrame(FrameKind.FUNCTION, functionType);
    }

    /**
     * Validates {@code bodies} one after the other with one validator, whose stacks and readers
     * are reused: no allocation per function but the locals.
     */
    static void validateAll(WasmModule module, Iterable<FunctionBody> bodies) {
        FunctionValidator validator = new FunctionValidator(module);
        for (FunctionBody body : bodies) {
            ModuleValidator.checkBodySize(body);
            validator.start(body);
            validator.validateAll();
        }
    }

    /**
     * Starts validating a body: decodes its local declarations.
     *
     * @param module a module whose module-level rules hold (see {@link ModuleValidator})
     * @param body   one of its bodies
     * @return a validator positioned at the first operator
     */
    public static FunctionValidator begin(WasmModule module, FunctionBody body) {
        FunctionValidator validator = new FunctionValidator(module);
        validator.start(body);
        return validator;
    }

    /** Validates the whole body. */
    public void validateAll() {
        while (hasNext()) {
            next();
        }
    }

    /** {@return the reader whose accessors describe the operator last returned by {@link #next()}} */
    public OperatorReader reader() {
        return ops;
    }

    /** {@return whether operators remain: the function's final {@code end} has not been read} */
    public boolean hasNext() {
        return frameCount > 0;
    }

    /**
     * Reads and validates the next operator.
     *
     * @return the operator; its immediates are in {@link #reader()}
     * @throws WasmMalformedException if the bytes do not decode
     * @throws WasmInvalidException   if the operator is ill-typed here
     */
    public Opcode next() {
        Opcode op;
        try {
            op = ops.next();
        } catch (WasmMalformedException e) {
            throw e.inFunction(functionIndex);
        }
        if (op == Opcode.LOCAL_GET) { // the most common operators: no dispatch
            pushValue(local(ops.index()));
            return op;
        }
        if (op == Opcode.I32_CONST) {
            pushValue(ValType.I32);
            return op;
        }
        if (op == Opcode.LOCAL_SET) {
            popValue(local(ops.index()));
            return op;
        }
        if (op == Opcode.LOCAL_TEE) {
            ValType t = local(ops.index());
            popValue(t);
            pushValue(t);
            return op;
        }
        Immediate immediate = op.immediate();
        if (immediate == Immediate.MEMARG || immediate == Immediate.MEMARG_LANE) {
            MemoryAndTableRules.validateMemoryAccess(op, this);
        } else if (op.hasFixedSignature()) {
            if (immediate == Immediate.LANE || immediate == Immediate.SHUFFLE) {
                checkLanes(op);
            }
            popValues(op.params());
            pushValues(op.results());
        } else {
            validateSpecial(op);
        }
        if (frameCount == 0 && !ops.atEnd()) {
            throw new WasmMalformedException("operators remaining after end of function", ops.position(), functionIndex);
        }
        return op;
    }

    // ---- Introspection for the code generator ----

    /** {@return the index of the function being validated} */
    public int functionIndex() {
        return functionIndex;
    }

    /** {@return the number of locals, parameters included} */
    public int localCount() {
        return locals.length;
    }

    /** {@return the type of a local (parameters first)} */
    public ValType localType(int index) {
        return locals[index];
    }

    /** {@return the number of operands on the stack} */
    public int operandStackHeight() {
        return operandCount;
    }

    /** {@return the type of the operand {@code depth} places below the top (0 = top), or null if unknown} */
    public ValType operandType(int depth) {
        return operands[operandCount - 1 - depth];
    }

    /** {@return the number of open control frames, the function's own included} */
    public int controlStackHeight() {
        return frameCount;
    }

    /** {@return the kind of the control frame {@code depth} places below the innermost (0)} */
    public FrameKind frameKind(int depth) {
        return frames[frameCount - 1 - depth].kind;
    }

    /** {@return the block type of the control frame {@code depth} places below the innermost (0)} */
    public FuncType frameType(int depth) {
        return frames[frameCount - 1 - depth].type;
    }

    /** {@return whether the code after the last operator is unreachable} */
    public boolean isUnreachable() {
        return frameCount > 0 && frames[frameCount - 1].unreachable;
    }

    // ---- Operators without a fixed signature ----

    private void validateSpecial(Opcode op) {
        switch (op) {
            case UNREACHABLE -> markUnreachable();
            case BLOCK, LOOP -> {
                FuncType type = blockType();
                popValues(type.params());
                pushFrame(op == Opcode.BLOCK ? FrameKind.BLOCK : FrameKind.LOOP, type);
            }
            case IF -> {
                FuncType type = blockType();
                popValue(ValType.I32);
                popValues(type.params());
                pushFrame(FrameKind.IF, type);
            }
            case ELSE -> {
                Frame frame = frames[frameCount - 1];
                if (frame.kind != FrameKind.IF) {
                    throw new WasmMalformedException("END opcode expected", ops.offset(), functionIndex);
                }
                popFrame();
                pushFrame(FrameKind.ELSE, frame.type);
            }
            case END -> {
                Frame frame = frames[frameCount - 1];
                if (frame.kind == FrameKind.IF && !frame.type.params().equals(frame.type.results())) {
                    // An if without else has an implicit else that passes its parameters through.
                    throw invalid("type mismatch: if without else must have matching parameter and result types");
                }
                popFrame();
                if (frameCount > 0) {
                    pushValues(frame.type.results());
                }
            }
            case BR -> {
                popValues(labelTypes(label(ops.index())));
                markUnreachable();
            }
            case BR_IF -> {
                popValue(ValType.I32);
                List<ValType> types = labelTypes(label(ops.index()));
                popValues(types);
                pushValues(types);
            }
            case BR_TABLE -> validateBranchTable();
            case RETURN -> {
                popValues(functionType.results());
                markUnreachable();
            }
            case CALL -> callFunction(ops.index());
            case CALL_INDIRECT -> call(indirectCallType());
            case RETURN_CALL -> returnCall(function(ops.index()));
            case RETURN_CALL_INDIRECT -> returnCall(indirectCallType());
            case DROP -> popValue(null);
            case SELECT -> validateSelect(null);
            case SELECT_TYPED -> {
                if (ops.selectTypeCount() != 1) {
                    throw invalid("invalid result arity");
                }
                validateSelect(ops.selectType());
            }
            case LOCAL_GET -> pushValue(local(ops.index()));
            case LOCAL_SET -> popValue(local(ops.index()));
            case LOCAL_TEE -> {
                ValType t = local(ops.index());
                popValue(t);
                pushValue(t);
            }
            case GLOBAL_GET -> pushValue(global(ops.index()).valType());
            case GLOBAL_SET -> {
                GlobalType g = global(ops.index());
                if (!g.mutable()) {
                    throw invalid("global is immutable");
                }
                popValue(g.valType());
            }
            case REF_NULL -> pushValue(ops.refType());
            case REF_IS_NULL -> {
                ValType t = popValue(null);
                if (t != null && !t.isReference()) {
                    throw invalid("type mismatch: ref.is_null expects a reference, got " + t);
                }
                pushValue(ValType.I32);
            }
            case REF_FUNC -> {
                int f = ops.index();
                function(f);
                if (!module.isDeclaredFunctionReference(f)) {
                    throw invalid("undeclared function reference");
                }
                pushValue(ValType.FUNCREF);
            }
            default -> {
                if (!MemoryAndTableRules.validate(op, this)) {
                    throw new IllegalStateException("no validation rule for " + op);
                }
            }
        }
    }

    void checkLanes(Opcode op) {
        int lanes = op.laneCount();
        if (op.immediate() == Immediate.SHUFFLE) {
            for (int i = 0; i < 16; i++) {
                if (ops.vectorByte(i) >= lanes) {
                    throw invalid("invalid lane index " + ops.vectorByte(i));
                }
            }
        } else if (ops.lane() >= lanes) {
            throw invalid("invalid lane index " + ops.lane());
        }
    }

    private FuncType blockType() {
        int typeIndex = ops.blockTypeIndex();
        if (typeIndex >= 0) {
            if (typeIndex >= module.types().size()) {
                throw invalid("unknown type " + typeIndex);
            }
            return module.types().get(typeIndex);
        }
        ValType t = ops.blockValType();
        return t == null ? FuncType.EMPTY : SINGLE_RESULT[t.ordinal()];
    }

    private void validateBranchTable() {
        popValue(ValType.I32);
        List<ValType> defaultTypes = labelTypes(label(ops.branchDefault()));
        int arity = defaultTypes.size();
        // A target's check depends only on its label, so each distinct depth is checked once:
        // otherwise a table of millions of entries naming a label of 1,000 types costs 10^9 steps.
        int stamp = ++branchTableStamp;
        if (branchTableSeen.length < frameCount) {
            branchTableSeen = Arrays.copyOf(branchTableSeen, Math.max(frameCount, branchTableSeen.length * 2));
        }
        for (int i = 0; i < ops.branchTargetCount(); i++) {
            int depth = ops.branchTarget(i);
            List<ValType> types = labelTypes(label(depth));
            if (branchTableSeen[depth] == stamp) {
                continue;
            }
            branchTableSeen[depth] = stamp;
            if (types.size() != arity) {
                throw invalid("type mismatch: br_table targets have different arities");
            }
            // Check the operands against this target without consuming them.
            int n = types.size();
            ValType[] popped = scratch(n);
            for (int j = n - 1; j >= 0; j--) {
                popped[j] = popValue(types.get(j));
            }
            for (int j = 0; j < n; j++) {
                pushValue(popped[j]);
            }
        }
        popValues(defaultTypes);
        markUnreachable();
    }

    private int[] branchTableSeen = new int[16];
    private int branchTableStamp;

    private ValType[] scratch(int n) {
        if (scratch.length < n) {
            scratch = new ValType[Math.max(n, scratch.length * 2)];
        }
        return scratch;
    }

    private void validateSelect(ValType declared) {
        popValue(ValType.I32);
        if (declared != null) {
            popValue(declared);
            popValue(declared);
            pushValue(declared);
            return;
        }
        ValType t1 = popValue(null);
        ValType t2 = popValue(null);
        if ((t1 != null && t1.isReference()) || (t2 != null && t2.isReference())) {
            throw invalid("type mismatch: select without a type needs numeric or vector operands");
        }
        if (t1 != null && t2 != null && t1 != t2) {
            throw invalid("type mismatch: select operands are " + t2 + " and " + t1);
        }
        pushValue(t1 != null ? t1 : t2);
    }

    private FuncType indirectCallType() {
        TableType table = table(ops.index2());
        if (table.elementType() != ValType.FUNCREF) {
            throw invalid("type mismatch: call_indirect needs a funcref table");
        }
        int typeIndex = ops.index();
        if (typeIndex >= module.types().size()) {
            throw invalid("unknown type " + typeIndex);
        }
        popValue(table.indexType());
        return module.types().get(typeIndex);
    }

    /** {@code call}: the callee's signature as arrays, made once per type for the module. */
    private void callFunction(int index) {
        function(index); // checks the index
        int type = module.functionTypeIndex(index);
        ValType[] params = paramArrays[type];
        if (params == null) {
            FuncType callee = module.types().get(type);
            params = paramArrays[type] = callee.params().toArray(ValType[]::new);
            resultArrays[type] = callee.results().toArray(ValType[]::new);
        }
        popValues(params);
        pushValues(resultArrays[type]);
    }

    private void call(FuncType callee) {
        popValues(callee.params());
        pushValues(callee.results());
    }

    private void returnCall(FuncType callee) {
        if (!callee.results().equals(functionType.results())) {
            throw invalid("type mismatch: tail call results " + callee.results()
                    + " differ from the function's " + functionType.results());
        }
        popValues(callee.params());
        markUnreachable();
    }

    // ---- Index lookups, shared with MemoryAndTableRules ----

    FuncType function(int index) {
        if (index >= module.functionCount()) {
            throw invalid("unknown function " + index);
        }
        return module.functionType(index);
    }

    TableType table(int index) {
        if (index >= module.tables().size()) {
            throw invalid("unknown table " + index);
        }
        return module.tables().get(index);
    }

    MemoryType memory(int index) {
        if (index >= module.memories().size()) {
            throw invalid("unknown memory " + index);
        }
        return module.memories().get(index);
    }

    private GlobalType global(int index) {
        if (index >= module.globalTypes().size()) {
            throw invalid("unknown global " + index);
        }
        return module.globalTypes().get(index);
    }

    private ValType local(int index) {
        if (index >= locals.length) {
            throw invalid("unknown local " + index);
        }
        return locals[index];
    }

    private Frame label(int depth) {
        if (depth < 0 || depth >= frameCount) {
            throw invalid("unknown label " + Integer.toUnsignedString(depth));
        }
        return frames[frameCount - 1 - depth];
    }

    private static List<ValType> labelTypes(Frame frame) {
        return frame.kind == FrameKind.LOOP ? frame.type.params() : frame.type.results();
    }

    WasmModule module() {
        return module;
    }

    OperatorReader ops() {
        return ops;
    }

    WasmInvalidException invalid(String reason) {
        return new WasmInvalidException(reason, ops.offset(), functionIndex);
    }

    // ---- The operand and control stacks (the spec's appendix algorithm) ----

    void pushValue(ValType t) {
        if (operandCount == operands.length) {
            growOperands();
        }
        operands[operandCount++] = t;
    }

    private void growOperands() {
        if (operandCount >= ImplementationLimits.MAX_OPERAND_STACK_HEIGHT) {
            throw invalid("operand stack exceeds the limit of " + ImplementationLimits.MAX_OPERAND_STACK_HEIGHT + " values");
        }
        operands = Arrays.copyOf(operands, Math.min(operandCount * 2, ImplementationLimits.MAX_OPERAND_STACK_HEIGHT));
    }

    private void pushValues(List<ValType> types) {
        for (int i = 0, n = types.size(); i < n; i++) {
            pushValue(types.get(i));
        }
    }

    void pushValues(ValType[] types) {
        int n = types.length;
        if (operandCount + n > operands.length) {
            for (ValType t : types) {
                pushValue(t);
            }
            return;
        }
        System.arraycopy(types, 0, operands, operandCount, n);
        operandCount += n;
    }

    /**
     * Pops an operand, checking it against {@code expected} unless that is null; returns the
     * operand's type, or null if it came from the polymorphic stack.
     */
    ValType popValue(ValType expected) {
        if (operandCount == floor) {
            return popAtFloor(expected);
        }
        ValType actual = operands[--operandCount];
        if (actual != expected && expected != null && actual != null) {
            throw mismatch(expected, actual);
        }
        return actual;
    }

    /** A pop at the innermost frame's floor: the polymorphic stack's unknown type, or an error. */
    private ValType popAtFloor(ValType expected) {
        if (frames[frameCount - 1].unreachable) {
            return null;
        }
        throw invalid(expected == null ? "type mismatch: operand stack is empty"
                : "type mismatch: expected " + expected + " but the operand stack is empty");
    }

    private WasmInvalidException mismatch(ValType expected, ValType actual) {
        return invalid("type mismatch: expected " + expected + ", got " + actual);
    }

    private void popValues(List<ValType> types) {
        for (int i = types.size() - 1; i >= 0; i--) {
            popValue(types.get(i));
        }
    }

    /**
     * Pops operands of {@code types} (never null). The common case, all of them above the
     * innermost frame's floor and of the expected types, is checked in one pass; anything else
     * goes through {@link #popValue}, which reports the exact error.
     */
    void popValues(ValType[] types) {
        int n = types.length;
        int base = operandCount - n;
        if (base >= floor) {
            int i = n - 1;
            while (i >= 0) {
                ValType actual = operands[base + i];
                if (actual != types[i] && actual != null) {
                    break;
                }
                i--;
            }
            if (i < 0) {
                operandCount = base;
                return;
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            popValue(types[i]);
        }
    }

    private void pushFrame(FrameKind kind, FuncType type) {
        if (frameCount > ImplementationLimits.MAX_CONTROL_DEPTH) {
            throw invalid("blocks, loops and ifs nest deeper than the limit of " + ImplementationLimits.MAX_CONTROL_DEPTH);
        }
        if (frameCount == frames.length) {
            frames = Arrays.copyOf(frames, frameCount * 2);
        }
        Frame frame = frames[frameCount];
        if (frame == null) {
            frame = frames[frameCount] = new Frame();
        }
        frame.kind = kind;
        frame.type = type;
        frame.height = operandCount;
        frame.unreachable = false;
        frameCount++;
        floor = operandCount;
        if (kind != FrameKind.FUNCTION) {
            pushValues(type.params()); // a function's parameters are locals, not operands
        }
    }

    private void popFrame() {
        Frame frame = frames[frameCount - 1];
        popValues(frame.type.results());
        if (operandCount != frame.height) {
            throw invalid("type mismatch: " + (operandCount - frame.height) + " values left on the stack at the end of the block");
        }
        frameCount--;
        floor = frameCount > 0 ? frames[frameCount - 1].height : 0;
    }

    private void markUnreachable() {
        Frame frame = frames[frameCount - 1];
        operandCount = frame.height;
        frame.unreachable = true;
    }

    /** One entry of the control stack; pooled, since blocks come and go all the time. */
    private static final class Frame {
        FrameKind kind;
        FuncType type;
        int height;
        boolean unreachable;
    }
}
