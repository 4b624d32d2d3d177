#!/usr/bin/env python3
"""Writes ../resources/wat/random.wat: seeded random integer programs (deep and wide
expressions, if/else, br_if and br_table blocks, bounded loops, local.tee, globals, calls with
values live across them), and random.expected: what the reference interpreter computes.

Regenerate with (from src/test/resources/wat):
  python3 ../../scripts/gen-random-wat.py && wat2wasm --debug-names random.wat -o random.wasm \
    && wasm-interp random.wasm --run-all-exports > random.expected
"""
import os
import random

# RANDOM_WAT_SEED / RANDOM_WAT_FUNCTIONS override these for ad-hoc fuzzing runs (not committed).
SEED = int(os.environ.get("RANDOM_WAT_SEED", 20261130))
FUNCTIONS = int(os.environ.get("RANDOM_WAT_FUNCTIONS", 160))
ARG_SETS = 3

rnd = random.Random(SEED)
I32_CONSTS = [0, 1, -1, 2, 3, 7, 31, 32, 33, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, -2147483648, 2147483647, -33]
I64_CONSTS = [0, 1, -1, 2, 3, 63, 64, 65, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000,
              -9223372036854775808, 9223372036854775807, -2147483648, 0x123456789abcdef]
BIN = ["add", "sub", "mul", "and", "or", "xor", "shl", "shr_s", "shr_u", "rotl", "rotr",
       "div_s", "div_u", "rem_s", "rem_u"]
SAFE_BIN = BIN[:11]
CMP = ["eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"]
UN = {"i32": ["clz", "ctz", "popcnt", "extend8_s", "extend16_s"],
      "i64": ["clz", "ctz", "popcnt", "extend8_s", "extend16_s", "extend32_s"]}


class Fn:
    def __init__(self):
        self.locals = []  # (name, type)
        self.loops = 0

    def new_local(self, ty):
        name = f"$l{len(self.locals)}"
        self.locals.append((name, ty))
        return name


def const(ty):
    if rnd.random() < 0.7:
        v = rnd.choice(I32_CONSTS if ty == "i32" else I64_CONSTS)
    else:
        v = rnd.getrandbits(32 if ty == "i32" else 64) - (2**31 if ty == "i32" else 2**63)
    return f"({ty}.const {v})"


def leaf(ty, fn):
    r = rnd.random()
    if r < 0.45:
        return f"(local.get ${ty}_p{rnd.randrange(2)})"
    if r < 0.6:
        return f"(local.get ${ty}_s{rnd.randrange(2)})"
    if r < 0.7:
        return f"(global.get $g_{ty})"
    return const(ty)


def divisor(ty, fn, depth):
    # mostly non-zero, sometimes anything (traps are part of the expected output)
    e = expr(ty, fn, depth)
    if rnd.random() < 0.9:
        return f"({ty}.or {e} ({ty}.const 1))"
    return e


def expr(ty, fn, depth):
    if depth <= 0 or rnd.random() < 0.12:
        return leaf(ty, fn)
    other = "i64" if ty == "i32" else "i32"
    r = rnd.random()
    d = depth - 1
    if r < 0.30:
        op = rnd.choice(BIN)
        a = expr(ty, fn, d)
        b = divisor(ty, fn, d) if op.startswith(("div", "rem")) else expr(ty, fn, d)
        if op == "div_s" and rnd.random() < 0.9:
            a = f"({ty}.shr_u {a} ({ty}.const 1))"  # no MIN / -1 overflow, mostly
        return f"({ty}.{op} {a} {b})"
    if r < 0.36:
        return f"({ty}.{rnd.choice(UN[ty])} {expr(ty, fn, d)})"
    if r < 0.42:
        if ty == "i32":
            c = rnd.random()
            if c < 0.4:
                return f"(i32.wrap_i64 {expr('i64', fn, d)})"
            if c < 0.7:
                return eqz(fn, d)
            t = rnd.choice(["i32", "i64"])
            return f"({t}.{rnd.choice(CMP)} {expr(t, fn, d)} {expr(t, fn, d)})"
        return f"(i64.extend_i32_{rnd.choice('su')} {expr('i32', fn, d)})"
    if r < 0.50:
        return f"(select {expr(ty, fn, d)} {expr(ty, fn, d)} {expr('i32', fn, d)})"
    if r < 0.57:
        return f"(if (result {ty}) {expr('i32', fn, d)} (then {expr(ty, fn, d)}) (else {expr(ty, fn, d)}))"
    if r < 0.62:
        return (f"(block (result {ty}) {expr(ty, fn, d)} {expr('i32', fn, d)} (br_if 0) (drop) "
                f"{expr(ty, fn, d)})")
    if r < 0.66:
        n = rnd.randrange(1, 5)
        targets = " ".join(str(rnd.randrange(2)) for _ in range(n))
        return (f"(block (result {ty}) ({ty}.xor (block (result {ty}) (br_table {targets} {rnd.randrange(2)} "
                f"{expr(ty, fn, d)} {expr('i32', fn, d)})) {const(ty)}))")
    if r < 0.71:
        return f"(local.tee ${ty}_s{rnd.randrange(2)} {expr(ty, fn, d)})"
    if r < 0.74:
        return f"(block (result {ty}) (global.set $g_{ty} {expr(ty, fn, d)}) (global.get $g_{ty}))"
    if r < 0.80:
        return f"(call $mix_{ty} {expr('i32', fn, d)} {expr('i64', fn, d)} {expr(ty, fn, d)})"
    if r < 0.86:
        # a right-deep chain: every operand stays live until the end
        n = rnd.randrange(6, 22)
        ops = [rnd.choice(SAFE_BIN) for _ in range(n - 1)]
        s = expr(ty, fn, 0)
        for op in ops:
            s = f"({ty}.{op} {expr(ty, fn, min(d, 2))} {s})"
        return s
    if r < 0.90 and fn.loops < 3:
        fn.loops += 1
        k = fn.new_local("i32")
        acc = fn.new_local(ty)
        body = expr(ty, fn, min(d, 3))
        return (f"(block (result {ty}) (local.set {k} (i32.and {expr('i32', fn, min(d, 2))} (i32.const 7))) "
                f"(local.set {acc} {expr(ty, fn, min(d, 2))}) "
                f"(block (loop "
                f"(br_if 1 (i32.eqz (local.get {k}))) "
                f"(local.set {acc} ({ty}.{rnd.choice(SAFE_BIN)} (local.get {acc}) {body})) "
                f"(local.set {k} (i32.sub (local.get {k}) (i32.const 1))) "
                f"(br 0))) (local.get {acc}))")
    return f"({ty}.{rnd.choice(SAFE_BIN)} {expr(ty, fn, d)} {expr(ty, fn, d)})"


def eqz(fn, d):
    t = rnd.choice(["i32", "i64"])
    return f"({t}.eqz {expr(t, fn, d)})"


out = [";; Generated by sandbox-api/src/test/scripts/gen-random-wat.py (seed %d); see its header." % SEED,
       "(module",
       "  (global $g_i32 (mut i32) (i32.const 12345))",
       "  (global $g_i64 (mut i64) (i64.const -987654321))",
       "  (func $mix_i32 (param i32 i64 i32) (result i32)",
       "    (i32.add (i32.mul (local.get 0) (i32.const 31)) (i32.xor (i32.wrap_i64 (local.get 1)) (local.get 2))))",
       "  (func $mix_i64 (param i32 i64 i64) (result i64)",
       "    (i64.sub (i64.rotl (local.get 1) (i64.extend_i32_u (local.get 0))) (local.get 2)))"]
for f in range(FUNCTIONS):
    fn = Fn()
    ty = "i64" if rnd.random() < 0.6 else "i32"
    body = expr(ty, fn, rnd.randrange(3, 8))
    extra = " ".join(f"(local {n} {t})" for n, t in fn.locals)
    out.append(f"  (func $f{f} (param $i32_p0 i32) (param $i64_p0 i64) (param $i32_p1 i32) (param $i64_p1 i64)"
               f" (result {ty}) (local $i32_s0 i32) (local $i32_s1 i32) (local $i64_s0 i64) (local $i64_s1 i64)"
               f" {extra}")
    out.append(f"    {body})")
    for a in range(ARG_SETS):
        args = f"{const('i32')} {const('i64')} {const('i32')} {const('i64')}"
        # globals are reset first, so every test export is independent of the order of calls
        out.append(f"  (func (export \"f{f}/{a}\") (result {ty})"
                   f" (global.set $g_i32 (i32.const 12345)) (global.set $g_i64 (i64.const -987654321))"
                   f" (call $f{f} {args}))")
out.append(")")
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "../resources/wat/random.wat"), "w") as f:
    f.write("\n".join(out) + "\n")
