package dev.windlass.winch.wasm;

/**
 * Decodes a function body without typing it, to find out whether it is malformed.
 *
 * <p>The spec decodes a whole module before validating any of it, so a module that is both
 * malformed and invalid is malformed. Windlass validates bodies while decoding them; when it
 * finds a module invalid, it scans the bodies with this class first, so that the error it
 * reports is the one the spec would.
 */
final class BodyScanner {

    private BodyScanner() {
    }

    /** @throws WasmMalformedException if the body does not decode */
    static void checkWellFormed(WasmModule module, FunctionBody body) {
        WasmReader in = new WasmReader(module.rawBytes(), body.offset(), body.end());
        try {
            int typeIndex = module.functionTypeIndex(body.functionIndex());
            // The scan runs on invalid modules too, whose type index may be out of range.
            java.util.List<ValType> params = typeIndex < module.types().size()
                    ? module.types().get(typeIndex).params() : java.util.List.of();
            LocalsDecoder.decode(in, params, body.functionIndex());
        } catch (WasmInvalidException tooManyLocals) {
            return; // well-formed but invalid; the validator reports it
        }
        OperatorReader ops = module.operators(body, in.position());
        // One bit per open block: whether it is an if that may still see an else.
        java.util.BitSet openIf = new java.util.BitSet();
        int depth = 1;
        while (depth > 0) {
            Opcode op;
            try {
                op = ops.next();
            } catch (WasmMalformedException e) {
                throw e.inFunction(body.functionIndex());
            }
            switch (op) {
                case BLOCK, LOOP -> openIf.clear(depth++);
                case IF -> openIf.set(depth++);
                case ELSE -> {
                    if (!openIf.get(depth - 1)) {
                        throw new WasmMalformedException("END opcode expected", ops.offset(), body.functionIndex());
                    }
                    openIf.clear(depth - 1);
                }
                case END -> depth--;
                default -> { }
            }
        }
        if (!ops.atEnd()) {
            throw new WasmMalformedException("operators remaining after end of function", ops.position(), body.functionIndex());
        }
    }
}
