package dev.windlass.winch.wasm;

import dev.windlass.winch.wasm.WasmFeatures.Feature;

/**
 * Every operator of Wasm 2.0 plus tail calls: its encoding, its text name, the shape of its
 * immediates and, for the many operators whose typing is fixed, its signature.
 *
 * <p>The table drives both decoding ({@link OperatorReader}) and validation: an operator with a
 * {@linkplain #hasFixedSignature() fixed signature} pops {@link #params()} and pushes
 * {@link #results()}, and needs no code of its own in the validator. For memory accesses the
 * signature leaves out the address, whose type depends on the memory (i32 or i64).
 */
public enum Opcode {
    // Control
    UNREACHABLE(0x00, "unreachable", Immediate.NONE),
    NOP(0x01, "nop", ":"),
    BLOCK(0x02, "block", Immediate.BLOCK_TYPE),
    LOOP(0x03, "loop", Immediate.BLOCK_TYPE),
    IF(0x04, "if", Immediate.BLOCK_TYPE),
    ELSE(0x05, "else", Immediate.NONE),
    END(0x0B, "end", Immediate.NONE),
    BR(0x0C, "br", Immediate.LABEL),
    BR_IF(0x0D, "br_if", Immediate.LABEL),
    BR_TABLE(0x0E, "br_table", Immediate.BR_TABLE),
    RETURN(0x0F, "return", Immediate.NONE),
    CALL(0x10, "call", Immediate.FUNC),
    CALL_INDIRECT(0x11, "call_indirect", Immediate.CALL_INDIRECT),
    RETURN_CALL(0x12, "return_call", Immediate.FUNC, Feature.TAIL_CALL),
    RETURN_CALL_INDIRECT(0x13, "return_call_indirect", Immediate.CALL_INDIRECT, Feature.TAIL_CALL),

    // Parametric
    DROP(0x1A, "drop", Immediate.NONE),
    SELECT(0x1B, "select", Immediate.NONE),
    SELECT_TYPED(0x1C, "select", Immediate.SELECT_TYPES),

    // Variables
    LOCAL_GET(0x20, "local.get", Immediate.LOCAL),
    LOCAL_SET(0x21, "local.set", Immediate.LOCAL),
    LOCAL_TEE(0x22, "local.tee", Immediate.LOCAL),
    GLOBAL_GET(0x23, "global.get", Immediate.GLOBAL),
    GLOBAL_SET(0x24, "global.set", Immediate.GLOBAL),

    // Tables
    TABLE_GET(0x25, "table.get", Immediate.TABLE),
    TABLE_SET(0x26, "table.set", Immediate.TABLE),

    // Memory
    I32_LOAD(0x28, "i32.load", Immediate.MEMARG, 2, ":i"),
    I64_LOAD(0x29, "i64.load", Immediate.MEMARG, 3, ":l"),
    F32_LOAD(0x2A, "f32.load", Immediate.MEMARG, 2, ":f"),
    F64_LOAD(0x2B, "f64.load", Immediate.MEMARG, 3, ":d"),
    I32_LOAD8_S(0x2C, "i32.load8_s", Immediate.MEMARG, 0, ":i", Extension.SIGN),
    I32_LOAD8_U(0x2D, "i32.load8_u", Immediate.MEMARG, 0, ":i"),
    I32_LOAD16_S(0x2E, "i32.load16_s", Immediate.MEMARG, 1, ":i", Extension.SIGN),
    I32_LOAD16_U(0x2F, "i32.load16_u", Immediate.MEMARG, 1, ":i"),
    I64_LOAD8_S(0x30, "i64.load8_s", Immediate.MEMARG, 0, ":l", Extension.SIGN),
    I64_LOAD8_U(0x31, "i64.load8_u", Immediate.MEMARG, 0, ":l"),
    I64_LOAD16_S(0x32, "i64.load16_s", Immediate.MEMARG, 1, ":l", Extension.SIGN),
    I64_LOAD16_U(0x33, "i64.load16_u", Immediate.MEMARG, 1, ":l"),
    I64_LOAD32_S(0x34, "i64.load32_s", Immediate.MEMARG, 2, ":l", Extension.SIGN),
    I64_LOAD32_U(0x35, "i64.load32_u", Immediate.MEMARG, 2, ":l"),
    I32_STORE(0x36, "i32.store", Immediate.MEMARG, 2, "i:"),
    I64_STORE(0x37, "i64.store", Immediate.MEMARG, 3, "l:"),
    F32_STORE(0x38, "f32.store", Immediate.MEMARG, 2, "f:"),
    F64_STORE(0x39, "f64.store", Immediate.MEMARG, 3, "d:"),
    I32_STORE8(0x3A, "i32.store8", Immediate.MEMARG, 0, "i:"),
    I32_STORE16(0x3B, "i32.store16", Immediate.MEMARG, 1, "i:"),
    I64_STORE8(0x3C, "i64.store8", Immediate.MEMARG, 0, "l:"),
    I64_STORE16(0x3D, "i64.store16", Immediate.MEMARG, 1, "l:"),
    I64_STORE32(0x3E, "i64.store32", Immediate.MEMARG, 2, "l:"),
    MEMORY_SIZE(0x3F, "memory.size", Immediate.MEMORY),
    MEMORY_GROW(0x40, "memory.grow", Immediate.MEMORY),

    // Constants
    I32_CONST(0x41, "i32.const", Immediate.I32, ":i"),
    I64_CONST(0x42, "i64.const", Immediate.I64, ":l"),
    F32_CONST(0x43, "f32.const", Immediate.F32, ":f"),
    F64_CONST(0x44, "f64.const", Immediate.F64, ":d"),

    // Comparisons
    I32_EQZ(0x45, "i32.eqz", "i:i"),
    I32_EQ(0x46, "i32.eq", "ii:i"),
    I32_NE(0x47, "i32.ne", "ii:i"),
    I32_LT_S(0x48, "i32.lt_s", "ii:i"),
    I32_LT_U(0x49, "i32.lt_u", "ii:i"),
    I32_GT_S(0x4A, "i32.gt_s", "ii:i"),
    I32_GT_U(0x4B, "i32.gt_u", "ii:i"),
    I32_LE_S(0x4C, "i32.le_s", "ii:i"),
    I32_LE_U(0x4D, "i32.le_u", "ii:i"),
    I32_GE_S(0x4E, "i32.ge_s", "ii:i"),
    I32_GE_U(0x4F, "i32.ge_u", "ii:i"),
    I64_EQZ(0x50, "i64.eqz", "l:i"),
    I64_EQ(0x51, "i64.eq", "ll:i"),
    I64_NE(0x52, "i64.ne", "ll:i"),
    I64_LT_S(0x53, "i64.lt_s", "ll:i"),
    I64_LT_U(0x54, "i64.lt_u", "ll:i"),
    I64_GT_S(0x55, "i64.gt_s", "ll:i"),
    I64_GT_U(0x56, "i64.gt_u", "ll:i"),
    I64_LE_S(0x57, "i64.le_s", "ll:i"),
    I64_LE_U(0x58, "i64.le_u", "ll:i"),
    I64_GE_S(0x59, "i64.ge_s", "ll:i"),
    I64_GE_U(0x5A, "i64.ge_u", "ll:i"),
    F32_EQ(0x5B, "f32.eq", "ff:i"),
    F32_NE(0x5C, "f32.ne", "ff:i"),
    F32_LT(0x5D, "f32.lt", "ff:i"),
    F32_GT(0x5E, "f32.gt", "ff:i"),
    F32_LE(0x5F, "f32.le", "ff:i"),
    F32_GE(0x60, "f32.ge", "ff:i"),
    F64_EQ(0x61, "f64.eq", "dd:i"),
    F64_NE(0x62, "f64.ne", "dd:i"),
    F64_LT(0x63, "f64.lt", "dd:i"),
    F64_GT(0x64, "f64.gt", "dd:i"),
    F64_LE(0x65, "f64.le", "dd:i"),
    F64_GE(0x66, "f64.ge", "dd:i"),

    // Integer arithmetic
    I32_CLZ(0x67, "i32.clz", "i:i"),
    I32_CTZ(0x68, "i32.ctz", "i:i"),
    I32_POPCNT(0x69, "i32.popcnt", "i:i"),
    I32_ADD(0x6A, "i32.add", "ii:i"),
    I32_SUB(0x6B, "i32.sub", "ii:i"),
    I32_MUL(0x6C, "i32.mul", "ii:i"),
    I32_DIV_S(0x6D, "i32.div_s", "ii:i"),
    I32_DIV_U(0x6E, "i32.div_u", "ii:i"),
    I32_REM_S(0x6F, "i32.rem_s", "ii:i"),
    I32_REM_U(0x70, "i32.rem_u", "ii:i"),
    I32_AND(0x71, "i32.and", "ii:i"),
    I32_OR(0x72, "i32.or", "ii:i"),
    I32_XOR(0x73, "i32.xor", "ii:i"),
    I32_SHL(0x74, "i32.shl", "ii:i"),
    I32_SHR_S(0x75, "i32.shr_s", "ii:i"),
    I32_SHR_U(0x76, "i32.shr_u", "ii:i"),
    I32_ROTL(0x77, "i32.rotl", "ii:i"),
    I32_ROTR(0x78, "i32.rotr", "ii:i"),
    I64_CLZ(0x79, "i64.clz", "l:l"),
    I64_CTZ(0x7A, "i64.ctz", "l:l"),
    I64_POPCNT(0x7B, "i64.popcnt", "l:l"),
    I64_ADD(0x7C, "i64.add", "ll:l"),
    I64_SUB(0x7D, "i64.sub", "ll:l"),
    I64_MUL(0x7E, "i64.mul", "ll:l"),
    I64_DIV_S(0x7F, "i64.div_s", "ll:l"),
    I64_DIV_U(0x80, "i64.div_u", "ll:l"),
    I64_REM_S(0x81, "i64.rem_s", "ll:l"),
    I64_REM_U(0x82, "i64.rem_u", "ll:l"),
    I64_AND(0x83, "i64.and", "ll:l"),
    I64_OR(0x84, "i64.or", "ll:l"),
    I64_XOR(0x85, "i64.xor", "ll:l"),
    I64_SHL(0x86, "i64.shl", "ll:l"),
    I64_SHR_S(0x87, "i64.shr_s", "ll:l"),
    I64_SHR_U(0x88, "i64.shr_u", "ll:l"),
    I64_ROTL(0x89, "i64.rotl", "ll:l"),
    I64_ROTR(0x8A, "i64.rotr", "ll:l"),

    // Float arithmetic
    F32_ABS(0x8B, "f32.abs", "f:f"),
    F32_NEG(0x8C, "f32.neg", "f:f"),
    F32_CEIL(0x8D, "f32.ceil", "f:f"),
    F32_FLOOR(0x8E, "f32.floor", "f:f"),
    F32_TRUNC(0x8F, "f32.trunc", "f:f"),
    F32_NEAREST(0x90, "f32.nearest", "f:f"),
    F32_SQRT(0x91, "f32.sqrt", "f:f"),
    F32_ADD(0x92, "f32.add", "ff:f"),
    F32_SUB(0x93, "f32.sub", "ff:f"),
    F32_MUL(0x94, "f32.mul", "ff:f"),
    F32_DIV(0x95, "f32.div", "ff:f"),
    F32_MIN(0x96, "f32.min", "ff:f"),
    F32_MAX(0x97, "f32.max", "ff:f"),
    F32_COPYSIGN(0x98, "f32.copysign", "ff:f"),
    F64_ABS(0x99, "f64.abs", "d:d"),
    F64_NEG(0x9A, "f64.neg", "d:d"),
    F64_CEIL(0x9B, "f64.ceil", "d:d"),
    F64_FLOOR(0x9C, "f64.floor", "d:d"),
    F64_TRUNC(0x9D, "f64.trunc", "d:d"),
    F64_NEAREST(0x9E, "f64.nearest", "d:d"),
    F64_SQRT(0x9F, "f64.sqrt", "d:d"),
    F64_ADD(0xA0, "f64.add", "dd:d"),
    F64_SUB(0xA1, "f64.sub", "dd:d"),
    F64_MUL(0xA2, "f64.mul", "dd:d"),
    F64_DIV(0xA3, "f64.div", "dd:d"),
    F64_MIN(0xA4, "f64.min", "dd:d"),
    F64_MAX(0xA5, "f64.max", "dd:d"),
    F64_COPYSIGN(0xA6, "f64.copysign", "dd:d"),

    // Conversions
    I32_WRAP_I64(0xA7, "i32.wrap_i64", "l:i"),
    I32_TRUNC_F32_S(0xA8, "i32.trunc_f32_s", "f:i"),
    I32_TRUNC_F32_U(0xA9, "i32.trunc_f32_u", "f:i"),
    I32_TRUNC_F64_S(0xAA, "i32.trunc_f64_s", "d:i"),
    I32_TRUNC_F64_U(0xAB, "i32.trunc_f64_u", "d:i"),
    I64_EXTEND_I32_S(0xAC, "i64.extend_i32_s", "i:l"),
    I64_EXTEND_I32_U(0xAD, "i64.extend_i32_u", "i:l"),
    I64_TRUNC_F32_S(0xAE, "i64.trunc_f32_s", "f:l"),
    I64_TRUNC_F32_U(0xAF, "i64.trunc_f32_u", "f:l"),
    I64_TRUNC_F64_S(0xB0, "i64.trunc_f64_s", "d:l"),
    I64_TRUNC_F64_U(0xB1, "i64.trunc_f64_u", "d:l"),
    F32_CONVERT_I32_S(0xB2, "f32.convert_i32_s", "i:f"),
    F32_CONVERT_I32_U(0xB3, "f32.convert_i32_u", "i:f"),
    F32_CONVERT_I64_S(0xB4, "f32.convert_i64_s", "l:f"),
    F32_CONVERT_I64_U(0xB5, "f32.convert_i64_u", "l:f"),
    F32_DEMOTE_F64(0xB6, "f32.demote_f64", "d:f"),
    F64_CONVERT_I32_S(0xB7, "f64.convert_i32_s", "i:d"),
    F64_CONVERT_I32_U(0xB8, "f64.convert_i32_u", "i:d"),
    F64_CONVERT_I64_S(0xB9, "f64.convert_i64_s", "l:d"),
    F64_CONVERT_I64_U(0xBA, "f64.convert_i64_u", "l:d"),
    F64_PROMOTE_F32(0xBB, "f64.promote_f32", "f:d"),
    I32_REINTERPRET_F32(0xBC, "i32.reinterpret_f32", "f:i"),
    I64_REINTERPRET_F64(0xBD, "i64.reinterpret_f64", "d:l"),
    F32_REINTERPRET_I32(0xBE, "f32.reinterpret_i32", "i:f"),
    F64_REINTERPRET_I64(0xBF, "f64.reinterpret_i64", "l:d"),

    // Sign extension
    I32_EXTEND8_S(0xC0, "i32.extend8_s", "i:i"),
    I32_EXTEND16_S(0xC1, "i32.extend16_s", "i:i"),
    I64_EXTEND8_S(0xC2, "i64.extend8_s", "l:l"),
    I64_EXTEND16_S(0xC3, "i64.extend16_s", "l:l"),
    I64_EXTEND32_S(0xC4, "i64.extend32_s", "l:l"),

    // References
    REF_NULL(0xD0, "ref.null", Immediate.REF_TYPE),
    REF_IS_NULL(0xD1, "ref.is_null", Immediate.NONE),
    REF_FUNC(0xD2, "ref.func", Immediate.FUNC),

    // 0xFC prefix: saturating truncation, bulk memory, tables
    I32_TRUNC_SAT_F32_S(fc(0), "i32.trunc_sat_f32_s", "f:i"),
    I32_TRUNC_SAT_F32_U(fc(1), "i32.trunc_sat_f32_u", "f:i"),
    I32_TRUNC_SAT_F64_S(fc(2), "i32.trunc_sat_f64_s", "d:i"),
    I32_TRUNC_SAT_F64_U(fc(3), "i32.trunc_sat_f64_u", "d:i"),
    I64_TRUNC_SAT_F32_S(fc(4), "i64.trunc_sat_f32_s", "f:l"),
    I64_TRUNC_SAT_F32_U(fc(5), "i64.trunc_sat_f32_u", "f:l"),
    I64_TRUNC_SAT_F64_S(fc(6), "i64.trunc_sat_f64_s", "d:l"),
    I64_TRUNC_SAT_F64_U(fc(7), "i64.trunc_sat_f64_u", "d:l"),
    MEMORY_INIT(fc(8), "memory.init", Immediate.MEMORY_INIT),
    DATA_DROP(fc(9), "data.drop", Immediate.DATA),
    MEMORY_COPY(fc(10), "memory.copy", Immediate.MEMORY_COPY),
    MEMORY_FILL(fc(11), "memory.fill", Immediate.MEMORY),
    TABLE_INIT(fc(12), "table.init", Immediate.TABLE_INIT),
    ELEM_DROP(fc(13), "elem.drop", Immediate.ELEM),
    TABLE_COPY(fc(14), "table.copy", Immediate.TABLE_COPY),
    TABLE_GROW(fc(15), "table.grow", Immediate.TABLE),
    TABLE_SIZE(fc(16), "table.size", Immediate.TABLE),
    TABLE_FILL(fc(17), "table.fill", Immediate.TABLE),

    // 0xFD prefix: fixed-width SIMD
    V128_LOAD(fd(0), "v128.load", Immediate.MEMARG, 4, ":v"),
    V128_LOAD8X8_S(fd(1), "v128.load8x8_s", Immediate.MEMARG, 3, ":v"),
    V128_LOAD8X8_U(fd(2), "v128.load8x8_u", Immediate.MEMARG, 3, ":v"),
    V128_LOAD16X4_S(fd(3), "v128.load16x4_s", Immediate.MEMARG, 3, ":v"),
    V128_LOAD16X4_U(fd(4), "v128.load16x4_u", Immediate.MEMARG, 3, ":v"),
    V128_LOAD32X2_S(fd(5), "v128.load32x2_s", Immediate.MEMARG, 3, ":v"),
    V128_LOAD32X2_U(fd(6), "v128.load32x2_u", Immediate.MEMARG, 3, ":v"),
    V128_LOAD8_SPLAT(fd(7), "v128.load8_splat", Immediate.MEMARG, 0, ":v"),
    V128_LOAD16_SPLAT(fd(8), "v128.load16_splat", Immediate.MEMARG, 1, ":v"),
    V128_LOAD32_SPLAT(fd(9), "v128.load32_splat", Immediate.MEMARG, 2, ":v"),
    V128_LOAD64_SPLAT(fd(10), "v128.load64_splat", Immediate.MEMARG, 3, ":v"),
    V128_STORE(fd(11), "v128.store", Immediate.MEMARG, 4, "v:"),
    V128_CONST(fd(12), "v128.const", Immediate.V128, ":v"),
    I8X16_SHUFFLE(fd(13), "i8x16.shuffle", Immediate.SHUFFLE, "vv:v"),
    I8X16_SWIZZLE(fd(14), "i8x16.swizzle", "vv:v"),
    I8X16_SPLAT(fd(15), "i8x16.splat", "i:v"),
    I16X8_SPLAT(fd(16), "i16x8.splat", "i:v"),
    I32X4_SPLAT(fd(17), "i32x4.splat", "i:v"),
    I64X2_SPLAT(fd(18), "i64x2.splat", "l:v"),
    F32X4_SPLAT(fd(19), "f32x4.splat", "f:v"),
    F64X2_SPLAT(fd(20), "f64x2.splat", "d:v"),
    I8X16_EXTRACT_LANE_S(fd(21), "i8x16.extract_lane_s", Immediate.LANE, "v:i"),
    I8X16_EXTRACT_LANE_U(fd(22), "i8x16.extract_lane_u", Immediate.LANE, "v:i"),
    I8X16_REPLACE_LANE(fd(23), "i8x16.replace_lane", Immediate.LANE, "vi:v"),
    I16X8_EXTRACT_LANE_S(fd(24), "i16x8.extract_lane_s", Immediate.LANE, "v:i"),
    I16X8_EXTRACT_LANE_U(fd(25), "i16x8.extract_lane_u", Immediate.LANE, "v:i"),
    I16X8_REPLACE_LANE(fd(26), "i16x8.replace_lane", Immediate.LANE, "vi:v"),
    I32X4_EXTRACT_LANE(fd(27), "i32x4.extract_lane", Immediate.LANE, "v:i"),
    I32X4_REPLACE_LANE(fd(28), "i32x4.replace_lane", Immediate.LANE, "vi:v"),
    I64X2_EXTRACT_LANE(fd(29), "i64x2.extract_lane", Immediate.LANE, "v:l"),
    I64X2_REPLACE_LANE(fd(30), "i64x2.replace_lane", Immediate.LANE, "vl:v"),
    F32X4_EXTRACT_LANE(fd(31), "f32x4.extract_lane", Immediate.LANE, "v:f"),
    F32X4_REPLACE_LANE(fd(32), "f32x4.replace_lane", Immediate.LANE, "vf:v"),
    F64X2_EXTRACT_LANE(fd(33), "f64x2.extract_lane", Immediate.LANE, "v:d"),
    F64X2_REPLACE_LANE(fd(34), "f64x2.replace_lane", Immediate.LANE, "vd:v"),
    I8X16_EQ(fd(35), "i8x16.eq", "vv:v"),
    I8X16_NE(fd(36), "i8x16.ne", "vv:v"),
    I8X16_LT_S(fd(37), "i8x16.lt_s", "vv:v"),
    I8X16_LT_U(fd(38), "i8x16.lt_u", "vv:v"),
    I8X16_GT_S(fd(39), "i8x16.gt_s", "vv:v"),
    I8X16_GT_U(fd(40), "i8x16.gt_u", "vv:v"),
    I8X16_LE_S(fd(41), "i8x16.le_s", "vv:v"),
    I8X16_LE_U(fd(42), "i8x16.le_u", "vv:v"),
    I8X16_GE_S(fd(43), "i8x16.ge_s", "vv:v"),
    I8X16_GE_U(fd(44), "i8x16.ge_u", "vv:v"),
    I16X8_EQ(fd(45), "i16x8.eq", "vv:v"),
    I16X8_NE(fd(46), "i16x8.ne", "vv:v"),
    I16X8_LT_S(fd(47), "i16x8.lt_s", "vv:v"),
    I16X8_LT_U(fd(48), "i16x8.lt_u", "vv:v"),
    I16X8_GT_S(fd(49), "i16x8.gt_s", "vv:v"),
    I16X8_GT_U(fd(50), "i16x8.gt_u", "vv:v"),
    I16X8_LE_S(fd(51), "i16x8.le_s", "vv:v"),
    I16X8_LE_U(fd(52), "i16x8.le_u", "vv:v"),
    I16X8_GE_S(fd(53), "i16x8.ge_s", "vv:v"),
    I16X8_GE_U(fd(54), "i16x8.ge_u", "vv:v"),
    I32X4_EQ(fd(55), "i32x4.eq", "vv:v"),
    I32X4_NE(fd(56), "i32x4.ne", "vv:v"),
    I32X4_LT_S(fd(57), "i32x4.lt_s", "vv:v"),
    I32X4_LT_U(fd(58), "i32x4.lt_u", "vv:v"),
    I32X4_GT_S(fd(59), "i32x4.gt_s", "vv:v"),
    I32X4_GT_U(fd(60), "i32x4.gt_u", "vv:v"),
    I32X4_LE_S(fd(61), "i32x4.le_s", "vv:v"),
    I32X4_LE_U(fd(62), "i32x4.le_u", "vv:v"),
    I32X4_GE_S(fd(63), "i32x4.ge_s", "vv:v"),
    I32X4_GE_U(fd(64), "i32x4.ge_u", "vv:v"),
    F32X4_EQ(fd(65), "f32x4.eq", "vv:v"),
    F32X4_NE(fd(66), "f32x4.ne", "vv:v"),
    F32X4_LT(fd(67), "f32x4.lt", "vv:v"),
    F32X4_GT(fd(68), "f32x4.gt", "vv:v"),
    F32X4_LE(fd(69), "f32x4.le", "vv:v"),
    F32X4_GE(fd(70), "f32x4.ge", "vv:v"),
    F64X2_EQ(fd(71), "f64x2.eq", "vv:v"),
    F64X2_NE(fd(72), "f64x2.ne", "vv:v"),
    F64X2_LT(fd(73), "f64x2.lt", "vv:v"),
    F64X2_GT(fd(74), "f64x2.gt", "vv:v"),
    F64X2_LE(fd(75), "f64x2.le", "vv:v"),
    F64X2_GE(fd(76), "f64x2.ge", "vv:v"),
    V128_NOT(fd(77), "v128.not", "v:v"),
    V128_AND(fd(78), "v128.and", "vv:v"),
    V128_ANDNOT(fd(79), "v128.andnot", "vv:v"),
    V128_OR(fd(80), "v128.or", "vv:v"),
    V128_XOR(fd(81), "v128.xor", "vv:v"),
    V128_BITSELECT(fd(82), "v128.bitselect", "vvv:v"),
    V128_ANY_TRUE(fd(83), "v128.any_true", "v:i"),
    V128_LOAD8_LANE(fd(84), "v128.load8_lane", Immediate.MEMARG_LANE, 0, "v:v"),
    V128_LOAD16_LANE(fd(85), "v128.load16_lane", Immediate.MEMARG_LANE, 1, "v:v"),
    V128_LOAD32_LANE(fd(86), "v128.load32_lane", Immediate.MEMARG_LANE, 2, "v:v"),
    V128_LOAD64_LANE(fd(87), "v128.load64_lane", Immediate.MEMARG_LANE, 3, "v:v"),
    V128_STORE8_LANE(fd(88), "v128.store8_lane", Immediate.MEMARG_LANE, 0, "v:"),
    V128_STORE16_LANE(fd(89), "v128.store16_lane", Immediate.MEMARG_LANE, 1, "v:"),
    V128_STORE32_LANE(fd(90), "v128.store32_lane", Immediate.MEMARG_LANE, 2, "v:"),
    V128_STORE64_LANE(fd(91), "v128.store64_lane", Immediate.MEMARG_LANE, 3, "v:"),
    V128_LOAD32_ZERO(fd(92), "v128.load32_zero", Immediate.MEMARG, 2, ":v"),
    V128_LOAD64_ZERO(fd(93), "v128.load64_zero", Immediate.MEMARG, 3, ":v"),
    F32X4_DEMOTE_F64X2_ZERO(fd(94), "f32x4.demote_f64x2_zero", "v:v"),
    F64X2_PROMOTE_LOW_F32X4(fd(95), "f64x2.promote_low_f32x4", "v:v"),
    I8X16_ABS(fd(96), "i8x16.abs", "v:v"),
    I8X16_NEG(fd(97), "i8x16.neg", "v:v"),
    I8X16_POPCNT(fd(98), "i8x16.popcnt", "v:v"),
    I8X16_ALL_TRUE(fd(99), "i8x16.all_true", "v:i"),
    I8X16_BITMASK(fd(100), "i8x16.bitmask", "v:i"),
    I8X16_NARROW_I16X8_S(fd(101), "i8x16.narrow_i16x8_s", "vv:v"),
    I8X16_NARROW_I16X8_U(fd(102), "i8x16.narrow_i16x8_u", "vv:v"),
    F32X4_CEIL(fd(103), "f32x4.ceil", "v:v"),
    F32X4_FLOOR(fd(104), "f32x4.floor", "v:v"),
    F32X4_TRUNC(fd(105), "f32x4.trunc", "v:v"),
    F32X4_NEAREST(fd(106), "f32x4.nearest", "v:v"),
    I8X16_SHL(fd(107), "i8x16.shl", "vi:v"),
    I8X16_SHR_S(fd(108), "i8x16.shr_s", "vi:v"),
    I8X16_SHR_U(fd(109), "i8x16.shr_u", "vi:v"),
    I8X16_ADD(fd(110), "i8x16.add", "vv:v"),
    I8X16_ADD_SAT_S(fd(111), "i8x16.add_sat_s", "vv:v"),
    I8X16_ADD_SAT_U(fd(112), "i8x16.add_sat_u", "vv:v"),
    I8X16_SUB(fd(113), "i8x16.sub", "vv:v"),
    I8X16_SUB_SAT_S(fd(114), "i8x16.sub_sat_s", "vv:v"),
    I8X16_SUB_SAT_U(fd(115), "i8x16.sub_sat_u", "vv:v"),
    F64X2_CEIL(fd(116), "f64x2.ceil", "v:v"),
    F64X2_FLOOR(fd(117), "f64x2.floor", "v:v"),
    I8X16_MIN_S(fd(118), "i8x16.min_s", "vv:v"),
    I8X16_MIN_U(fd(119), "i8x16.min_u", "vv:v"),
    I8X16_MAX_S(fd(120), "i8x16.max_s", "vv:v"),
    I8X16_MAX_U(fd(121), "i8x16.max_u", "vv:v"),
    F64X2_TRUNC(fd(122), "f64x2.trunc", "v:v"),
    I8X16_AVGR_U(fd(123), "i8x16.avgr_u", "vv:v"),
    I16X8_EXTADD_PAIRWISE_I8X16_S(fd(124), "i16x8.extadd_pairwise_i8x16_s", "v:v"),
    I16X8_EXTADD_PAIRWISE_I8X16_U(fd(125), "i16x8.extadd_pairwise_i8x16_u", "v:v"),
    I32X4_EXTADD_PAIRWISE_I16X8_S(fd(126), "i32x4.extadd_pairwise_i16x8_s", "v:v"),
    I32X4_EXTADD_PAIRWISE_I16X8_U(fd(127), "i32x4.extadd_pairwise_i16x8_u", "v:v"),
    I16X8_ABS(fd(128), "i16x8.abs", "v:v"),
    I16X8_NEG(fd(129), "i16x8.neg", "v:v"),
    I16X8_Q15MULR_SAT_S(fd(130), "i16x8.q15mulr_sat_s", "vv:v"),
    I16X8_ALL_TRUE(fd(131), "i16x8.all_true", "v:i"),
    I16X8_BITMASK(fd(132), "i16x8.bitmask", "v:i"),
    I16X8_NARROW_I32X4_S(fd(133), "i16x8.narrow_i32x4_s", "vv:v"),
    I16X8_NARROW_I32X4_U(fd(134), "i16x8.narrow_i32x4_u", "vv:v"),
    I16X8_EXTEND_LOW_I8X16_S(fd(135), "i16x8.extend_low_i8x16_s", "v:v"),
    I16X8_EXTEND_HIGH_I8X16_S(fd(136), "i16x8.extend_high_i8x16_s", "v:v"),
    I16X8_EXTEND_LOW_I8X16_U(fd(137), "i16x8.extend_low_i8x16_u", "v:v"),
    I16X8_EXTEND_HIGH_I8X16_U(fd(138), "i16x8.extend_high_i8x16_u", "v:v"),
    I16X8_SHL(fd(139), "i16x8.shl", "vi:v"),
    I16X8_SHR_S(fd(140), "i16x8.shr_s", "vi:v"),
    I16X8_SHR_U(fd(141), "i16x8.shr_u", "vi:v"),
    I16X8_ADD(fd(142), "i16x8.add", "vv:v"),
    I16X8_ADD_SAT_S(fd(143), "i16x8.add_sat_s", "vv:v"),
    I16X8_ADD_SAT_U(fd(144), "i16x8.add_sat_u", "vv:v"),
    I16X8_SUB(fd(145), "i16x8.sub", "vv:v"),
    I16X8_SUB_SAT_S(fd(146), "i16x8.sub_sat_s", "vv:v"),
    I16X8_SUB_SAT_U(fd(147), "i16x8.sub_sat_u", "vv:v"),
    F64X2_NEAREST(fd(148), "f64x2.nearest", "v:v"),
    I16X8_MUL(fd(149), "i16x8.mul", "vv:v"),
    I16X8_MIN_S(fd(150), "i16x8.min_s", "vv:v"),
    I16X8_MIN_U(fd(151), "i16x8.min_u", "vv:v"),
    I16X8_MAX_S(fd(152), "i16x8.max_s", "vv:v"),
    I16X8_MAX_U(fd(153), "i16x8.max_u", "vv:v"),
    I16X8_AVGR_U(fd(155), "i16x8.avgr_u", "vv:v"),
    I16X8_EXTMUL_LOW_I8X16_S(fd(156), "i16x8.extmul_low_i8x16_s", "vv:v"),
    I16X8_EXTMUL_HIGH_I8X16_S(fd(157), "i16x8.extmul_high_i8x16_s", "vv:v"),
    I16X8_EXTMUL_LOW_I8X16_U(fd(158), "i16x8.extmul_low_i8x16_u", "vv:v"),
    I16X8_EXTMUL_HIGH_I8X16_U(fd(159), "i16x8.extmul_high_i8x16_u", "vv:v"),
    I32X4_ABS(fd(160), "i32x4.abs", "v:v"),
    I32X4_NEG(fd(161), "i32x4.neg", "v:v"),
    I32X4_ALL_TRUE(fd(163), "i32x4.all_true", "v:i"),
    I32X4_BITMASK(fd(164), "i32x4.bitmask", "v:i"),
    I32X4_EXTEND_LOW_I16X8_S(fd(167), "i32x4.extend_low_i16x8_s", "v:v"),
    I32X4_EXTEND_HIGH_I16X8_S(fd(168), "i32x4.extend_high_i16x8_s", "v:v"),
    I32X4_EXTEND_LOW_I16X8_U(fd(169), "i32x4.extend_low_i16x8_u", "v:v"),
    I32X4_EXTEND_HIGH_I16X8_U(fd(170), "i32x4.extend_high_i16x8_u", "v:v"),
    I32X4_SHL(fd(171), "i32x4.shl", "vi:v"),
    I32X4_SHR_S(fd(172), "i32x4.shr_s", "vi:v"),
    I32X4_SHR_U(fd(173), "i32x4.shr_u", "vi:v"),
    I32X4_ADD(fd(174), "i32x4.add", "vv:v"),
    I32X4_SUB(fd(177), "i32x4.sub", "vv:v"),
    I32X4_MUL(fd(181), "i32x4.mul", "vv:v"),
    I32X4_MIN_S(fd(182), "i32x4.min_s", "vv:v"),
    I32X4_MIN_U(fd(183), "i32x4.min_u", "vv:v"),
    I32X4_MAX_S(fd(184), "i32x4.max_s", "vv:v"),
    I32X4_MAX_U(fd(185), "i32x4.max_u", "vv:v"),
    I32X4_DOT_I16X8_S(fd(186), "i32x4.dot_i16x8_s", "vv:v"),
    I32X4_EXTMUL_LOW_I16X8_S(fd(188), "i32x4.extmul_low_i16x8_s", "vv:v"),
    I32X4_EXTMUL_HIGH_I16X8_S(fd(189), "i32x4.extmul_high_i16x8_s", "vv:v"),
    I32X4_EXTMUL_LOW_I16X8_U(fd(190), "i32x4.extmul_low_i16x8_u", "vv:v"),
    I32X4_EXTMUL_HIGH_I16X8_U(fd(191), "i32x4.extmul_high_i16x8_u", "vv:v"),
    I64X2_ABS(fd(192), "i64x2.abs", "v:v"),
    I64X2_NEG(fd(193), "i64x2.neg", "v:v"),
    I64X2_ALL_TRUE(fd(195), "i64x2.all_true", "v:i"),
    I64X2_BITMASK(fd(196), "i64x2.bitmask", "v:i"),
    I64X2_EXTEND_LOW_I32X4_S(fd(199), "i64x2.extend_low_i32x4_s", "v:v"),
    I64X2_EXTEND_HIGH_I32X4_S(fd(200), "i64x2.extend_high_i32x4_s", "v:v"),
    I64X2_EXTEND_LOW_I32X4_U(fd(201), "i64x2.extend_low_i32x4_u", "v:v"),
    I64X2_EXTEND_HIGH_I32X4_U(fd(202), "i64x2.extend_high_i32x4_u", "v:v"),
    I64X2_SHL(fd(203), "i64x2.shl", "vi:v"),
    I64X2_SHR_S(fd(204), "i64x2.shr_s", "vi:v"),
    I64X2_SHR_U(fd(205), "i64x2.shr_u", "vi:v"),
    I64X2_ADD(fd(206), "i64x2.add", "vv:v"),
    I64X2_SUB(fd(209), "i64x2.sub", "vv:v"),
    I64X2_MUL(fd(213), "i64x2.mul", "vv:v"),
    I64X2_EQ(fd(214), "i64x2.eq", "vv:v"),
    I64X2_NE(fd(215), "i64x2.ne", "vv:v"),
    I64X2_LT_S(fd(216), "i64x2.lt_s", "vv:v"),
    I64X2_GT_S(fd(217), "i64x2.gt_s", "vv:v"),
    I64X2_LE_S(fd(218), "i64x2.le_s", "vv:v"),
    I64X2_GE_S(fd(219), "i64x2.ge_s", "vv:v"),
    I64X2_EXTMUL_LOW_I32X4_S(fd(220), "i64x2.extmul_low_i32x4_s", "vv:v"),
    I64X2_EXTMUL_HIGH_I32X4_S(fd(221), "i64x2.extmul_high_i32x4_s", "vv:v"),
    I64X2_EXTMUL_LOW_I32X4_U(fd(222), "i64x2.extmul_low_i32x4_u", "vv:v"),
    I64X2_EXTMUL_HIGH_I32X4_U(fd(223), "i64x2.extmul_high_i32x4_u", "vv:v"),
    F32X4_ABS(fd(224), "f32x4.abs", "v:v"),
    F32X4_NEG(fd(225), "f32x4.neg", "v:v"),
    F32X4_SQRT(fd(227), "f32x4.sqrt", "v:v"),
    F32X4_ADD(fd(228), "f32x4.add", "vv:v"),
    F32X4_SUB(fd(229), "f32x4.sub", "vv:v"),
    F32X4_MUL(fd(230), "f32x4.mul", "vv:v"),
    F32X4_DIV(fd(231), "f32x4.div", "vv:v"),
    F32X4_MIN(fd(232), "f32x4.min", "vv:v"),
    F32X4_MAX(fd(233), "f32x4.max", "vv:v"),
    F32X4_PMIN(fd(234), "f32x4.pmin", "vv:v"),
    F32X4_PMAX(fd(235), "f32x4.pmax", "vv:v"),
    F64X2_ABS(fd(236), "f64x2.abs", "v:v"),
    F64X2_NEG(fd(237), "f64x2.neg", "v:v"),
    F64X2_SQRT(fd(239), "f64x2.sqrt", "v:v"),
    F64X2_ADD(fd(240), "f64x2.add", "vv:v"),
    F64X2_SUB(fd(241), "f64x2.sub", "vv:v"),
    F64X2_MUL(fd(242), "f64x2.mul", "vv:v"),
    F64X2_DIV(fd(243), "f64x2.div", "vv:v"),
    F64X2_MIN(fd(244), "f64x2.min", "vv:v"),
    F64X2_MAX(fd(245), "f64x2.max", "vv:v"),
    F64X2_PMIN(fd(246), "f64x2.pmin", "vv:v"),
    F64X2_PMAX(fd(247), "f64x2.pmax", "vv:v"),
    I32X4_TRUNC_SAT_F32X4_S(fd(248), "i32x4.trunc_sat_f32x4_s", "v:v"),
    I32X4_TRUNC_SAT_F32X4_U(fd(249), "i32x4.trunc_sat_f32x4_u", "v:v"),
    F32X4_CONVERT_I32X4_S(fd(250), "f32x4.convert_i32x4_s", "v:v"),
    F32X4_CONVERT_I32X4_U(fd(251), "f32x4.convert_i32x4_u", "v:v"),
    I32X4_TRUNC_SAT_F64X2_S_ZERO(fd(252), "i32x4.trunc_sat_f64x2_s_zero", "v:v"),
    I32X4_TRUNC_SAT_F64X2_U_ZERO(fd(253), "i32x4.trunc_sat_f64x2_u_zero", "v:v"),
    F64X2_CONVERT_LOW_I32X4_S(fd(254), "f64x2.convert_low_i32x4_s", "v:v"),
    F64X2_CONVERT_LOW_I32X4_U(fd(255), "f64x2.convert_low_i32x4_u", "v:v");

    /** The prefix byte of the saturating-truncation, bulk-memory and table operators. */
    public static final int PREFIX_FC = 0xFC;
    /** The prefix byte of the SIMD operators. */
    public static final int PREFIX_FD = 0xFD;

    private final int prefix;
    private final int code;
    private final String text;
    private final Immediate immediate;
    private final Feature feature;
    private final int alignLog2;
    private final ValType[] params;
    private final ValType[] results;
    private final Extension extension;

    /** How a load narrower than its result type fills the upper bits. */
    private enum Extension {
        /** With zeros, or there are none to fill (full-width loads, stores, every other operator). */
        ZERO,
        /** With copies of the loaded value's sign bit. */
        SIGN
    }

    Opcode(int encoded, String text, String signature) {
        this(encoded, text, Immediate.NONE, null, -1, signature);
    }

    Opcode(int encoded, String text, Immediate immediate) {
        this(encoded, text, immediate, null, -1, null);
    }

    Opcode(int encoded, String text, Immediate immediate, Feature feature) {
        this(encoded, text, immediate, feature, -1, null);
    }

    Opcode(int encoded, String text, Immediate immediate, String signature) {
        this(encoded, text, immediate, null, -1, signature);
    }

    Opcode(int encoded, String text, Immediate immediate, int alignLog2, String signature) {
        this(encoded, text, immediate, null, alignLog2, signature);
    }

    Opcode(int encoded, String text, Immediate immediate, int alignLog2, String signature, Extension extension) {
        this(encoded, text, immediate, null, alignLog2, signature, extension);
    }

    Opcode(int encoded, String text, Immediate immediate, Feature feature, int alignLog2, String signature) {
        this(encoded, text, immediate, feature, alignLog2, signature, Extension.ZERO);
    }

    Opcode(int encoded, String text, Immediate immediate, Feature feature, int alignLog2, String signature,
           Extension extension) {
        this.extension = extension;
        this.prefix = encoded >>> 16;
        this.code = encoded & 0xFFFF;
        this.text = text;
        this.immediate = immediate;
        this.feature = feature;
        this.alignLog2 = alignLog2;
        if (signature == null) {
            this.params = null;
            this.results = null;
        } else {
            int colon = signature.indexOf(':');
            this.params = parseTypes(signature.substring(0, colon));
            this.results = parseTypes(signature.substring(colon + 1));
        }
    }

    private static int fc(int subOpcode) {
        return PREFIX_FC << 16 | subOpcode;
    }

    private static int fd(int subOpcode) {
        return PREFIX_FD << 16 | subOpcode;
    }

    private static ValType[] parseTypes(String letters) {
        ValType[] types = new ValType[letters.length()];
        for (int i = 0; i < types.length; i++) {
            types[i] = switch (letters.charAt(i)) {
                case 'i' -> ValType.I32;
                case 'l' -> ValType.I64;
                case 'f' -> ValType.F32;
                case 'd' -> ValType.F64;
                case 'v' -> ValType.V128;
                default -> throw new IllegalArgumentException(letters);
            };
        }
        return types;
    }

    /** {@return the prefix byte (0xFC or 0xFD), or 0 for a one-byte opcode} */
    public int prefix() {
        return prefix;
    }

    /** {@return the opcode byte, or the sub-opcode after a prefix} */
    public int code() {
        return code;
    }

    /** {@return the name in the text format, e.g. {@code "i32.add"}} */
    public String text() {
        return text;
    }

    /** {@return the shape of the immediates that follow the opcode} */
    public Immediate immediate() {
        return immediate;
    }

    /** {@return the proposal this operator belongs to, or {@code null} for Wasm 2.0} */
    public Feature feature() {
        return feature;
    }

    /**
     * {@return log2 of the bytes a memory access touches (its natural alignment), or -1 if this
     * operator does not access memory through a memarg}
     */
    public int naturalAlignmentLog2() {
        return alignLog2;
    }

    /**
     * {@return the bytes a memory access through a memarg touches (1, 2, 4, 8 or 16), or -1 if
     * this operator has no memarg}
     */
    public int accessBytes() {
        return alignLog2 < 0 ? -1 : 1 << alignLog2;
    }

    /**
     * {@return whether this scalar load sign-extends the {@link #accessBytes()} it reads to its
     * result type} ({@code i32.load8_s}, {@code i64.load32_s}, ...); false for every other
     * operator, whose narrow loads zero-extend
     */
    public boolean signExtends() {
        return extension == Extension.SIGN;
    }

    /**
     * {@return the type of the value a load pushes or a store pops}, from the fixed signature
     * (which leaves out the address)
     *
     * @throws IllegalStateException if this operator is not a load or store with a plain memarg
     */
    public ValType accessType() {
        if (immediate != Immediate.MEMARG || params == null) {
            throw new IllegalStateException(text + " is not a load or store with a plain memarg");
        }
        return results.length == 1 ? results[0] : params[0];
    }

    /** {@return the number of lanes a lane immediate indexes, or 0 if there is no lane immediate} */
    public int laneCount() {
        return switch (immediate) {
            case MEMARG_LANE -> 16 >> alignLog2;
            case SHUFFLE -> 32;
            case LANE -> switch (text.substring(0, 5)) {
                case "i8x16" -> 16;
                case "i16x8" -> 8;
                case "i32x4", "f32x4" -> 4;
                default -> 2;
            };
            default -> 0;
        };
    }

    /** {@return whether the operand and result types are fixed ({@link #params()}, {@link #results()})} */
    public boolean hasFixedSignature() {
        return params != null;
    }

    /** {@return the operand types (excluding a memory address); valid only with a fixed signature} */
    ValType[] params() {
        return params;
    }

    /** {@return the result types; valid only with a fixed signature} */
    ValType[] results() {
        return results;
    }

    /** {@return the number of operand types of a fixed signature} */
    public int paramCount() {
        return params.length;
    }

    /** {@return operand type {@code i} of a fixed signature} */
    public ValType param(int i) {
        return params[i];
    }

    /** {@return the number of result types of a fixed signature} */
    public int resultCount() {
        return results.length;
    }

    /** {@return result type {@code i} of a fixed signature} */
    public ValType result(int i) {
        return results[i];
    }

    @Override
    public String toString() {
        return text;
    }

    /** Decoding tables: one per opcode space. */
    static final class Tables {
        static final Opcode[] SINGLE = new Opcode[256];
        static final Opcode[] FC = new Opcode[32];
        static final Opcode[] FD = new Opcode[256];

        static {
            for (Opcode op : values()) {
                switch (op.prefix) {
                    case 0 -> SINGLE[op.code] = op;
                    case PREFIX_FC -> FC[op.code] = op;
                    case PREFIX_FD -> FD[op.code] = op;
                    default -> throw new AssertionError(op);
                }
            }
        }

        private Tables() {
        }
    }
}
