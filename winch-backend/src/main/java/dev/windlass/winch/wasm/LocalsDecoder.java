package dev.windlass.winch.wasm;

import java.util.List;

/**
 * Decodes the local declarations at the head of a function body: runs of (count, type).
 * A total above 2^32 - 1 is malformed, as in the spec; above {@link
 * ImplementationLimits#MAX_LOCALS} it is an implementation limit (invalid).
 */
final class LocalsDecoder {

    private LocalsDecoder() {
    }

    /**
     * Reads the declarations and returns the types of all locals, parameters first; leaves the
     * reader at the first operator.
     */
    static ValType[] decode(WasmReader in, List<ValType> params, int functionIndex) {
        int start = in.position();
        int runs = in.vectorLength(2);
        long total = 0;
        int[] counts = new int[runs];
        ValType[] types = new ValType[runs];
        for (int i = 0; i < runs; i++) {
            int countOffset = in.position();
            long count = in.u32() & 0xFFFF_FFFFL;
            total += count;
            if (total > 0xFFFF_FFFFL) {
                throw new WasmMalformedException("too many locals", countOffset, functionIndex);
            }
            counts[i] = (int) Math.min(count, Integer.MAX_VALUE);
            types[i] = OperatorReader.readValType(in);
        }
        if (total + params.size() > ImplementationLimits.MAX_LOCALS) {
            throw new WasmInvalidException("too many locals: " + (total + params.size())
                    + " exceeds the limit of " + ImplementationLimits.MAX_LOCALS, start, functionIndex);
        }
        ValType[] locals = new ValType[params.size() + (int) total];
        int n = 0;
        for (ValType p : params) {
            locals[n++] = p;
        }
        for (int i = 0; i < runs; i++) {
            for (int j = 0; j < counts[i]; j++) {
                locals[n++] = types[i];
            }
        }
        return locals;
    }
}
