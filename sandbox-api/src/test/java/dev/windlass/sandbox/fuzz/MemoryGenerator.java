package dev.windlass.sandbox.fuzz;

import dev.windlass.winch.wasm.Immediate;
import dev.windlass.winch.wasm.Opcode;
import dev.windlass.winch.wasm.ValType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Loads and stores of every width, their addresses aimed at the two windows of the first page
 * ({@link ModulePlan#WINDOW} bytes at its start and at its end) and, now and then, just past
 * the end of memory, with offsets that sometimes carry an access out of bounds; and
 * {@code memory.grow}, which moves that end.
 */
final class MemoryGenerator extends GeneratorPart {

    private static final Map<ValType, List<Opcode>> LOADS = new EnumMap<>(ValType.class);
    private static final List<Opcode> STORES = new ArrayList<>();

    static {
        for (Opcode op : Opcode.values()) {
            if (op.immediate() != Immediate.MEMARG || op.prefix() != 0 || !op.hasFixedSignature()) {
                continue;
            }
            if (op.resultCount() == 1) {
                LOADS.computeIfAbsent(op.result(0), t -> new ArrayList<>()).add(op);
            } else {
                STORES.add(op);
            }
        }
    }

    MemoryGenerator(BodyGenerator g) {
        super(g);
    }

    void load(ValType type, int depth) {
        Opcode op = s.pick(LOADS.get(type));
        address(op, depth - 1);
        s.emit(op);
        memarg(op);
    }

    /** A store of a value with no NaN in it: a NaN's bits are Wasm's to choose, and loads would read them. */
    void store(int depth) {
        Opcode op = s.pick(STORES);
        address(op, depth - 1);
        g.expressions.valueWithoutNaN(op.param(0), depth - 1);
        s.emit(op);
        memarg(op);
    }

    /** {@code memory.grow} by 0 or 1 page (the maximum is 2), its result used up. */
    void grow(int depth) {
        s.emitConstant(ValType.I32, s.chance(70) ? 1 : 0);
        s.emit(Opcode.MEMORY_GROW);
        s.code.u8(0);
        g.expressions.useUp(List.of(ValType.I32));
    }

    private void address(Opcode access, int depth) {
        int bytes = 1 << access.naturalAlignmentLog2();
        int window = ModulePlan.WINDOW;
        int pick = s.random.nextInt(100);
        if (pick < 30 || depth <= 0) {
            s.emitConstant(ValType.I32, s.random.nextInt(window - bytes + 1));
        } else if (pick < 45) {
            s.emitConstant(ValType.I32, ModulePlan.PAGE - bytes - s.random.nextInt(window) + (s.chance(5) ? bytes : 0));
        } else if (pick < 65) {
            g.expressions.value(ValType.I32, depth);
            s.emitConstant(ValType.I32, window - 8);
            s.emit(Opcode.I32_AND);
        } else if (pick < 80) {
            // An i64 computed with junk above bit 31, wrapped: only its low half may address.
            g.expressions.value(ValType.I64, depth);
            s.emitConstant(ValType.I64, window - 8);
            s.emit(Opcode.I64_AND);
            s.emitConstant(ValType.I64, s.random.nextLong() & 0xFFFF_FFFF_0000_0000L);
            s.emit(Opcode.I64_OR);
            s.emit(Opcode.I32_WRAP_I64);
        } else if (pick < 95) {
            // The end of memory as it is now (after any growth), less up to a window.
            s.emit(Opcode.MEMORY_SIZE);
            s.code.u8(0);
            s.emitConstant(ValType.I32, 16);
            s.emit(Opcode.I32_SHL);
            g.expressions.value(ValType.I32, depth);
            s.emitConstant(ValType.I32, window - 1);
            s.emit(Opcode.I32_AND);
            s.emitConstant(ValType.I32, bytes);
            s.emit(Opcode.I32_ADD);
            s.emit(Opcode.I32_SUB);
        } else {
            g.expressions.value(ValType.I32, depth);
        }
    }

    /** Alignment up to the natural one; an offset of 0 mostly, sometimes small, rarely out of bounds on its own. */
    private void memarg(Opcode access) {
        int natural = access.naturalAlignmentLog2();
        s.code.u32(s.random.nextInt(natural + 1));
        int pick = s.random.nextInt(100);
        long offset = pick < 80 ? 0 : pick < 97 ? s.random.nextInt(8) : s.pick(List.of(65536L, 0xFFFF_FFF0L, 1L << 31));
        s.code.u32(offset);
    }
}
