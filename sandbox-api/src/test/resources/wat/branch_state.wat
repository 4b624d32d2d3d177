;; Conditional branches whose lowering once changed the compile-time state of the path that does
;; not branch (issue 14): each function's fall-through path must see its values where they are.
(module
  (memory (export "memory") 1 1)

  ;; br_if to the function body (a conditional return) carrying a lazy local read: 5, 0 -> 6
  (func (export "br_if_return") (param i32 i32) (result i32)
    (i32.add (br_if 0 (local.get 0) (local.get 1)) (i32.const 1)))

  ;; the same inside a block, which was always right: 5, 0 -> 6
  (func (export "br_if_block") (param i32 i32) (result i32)
    (block (result i32)
      (i32.add (br_if 1 (local.get 0) (local.get 1)) (i32.const 1))))

  ;; br_table with one target inside and the function body: 5, 0 -> 5
  (func (export "br_table_depths") (param i32 i32) (result i32)
    (block (result i32) (block (result i32) (block (result i32) (block (result i32)
    (block (result i32) (block (result i32) (block (result i32) (block (result i32)
    (block (result i32) (block (result i32) (block (result i32) (block (result i32)
    (block (result i32) (block (result i32) (block (result i32) (block (result i32)
      (br_table 1 16 (local.get 0) (local.get 1)))))))))))))))))))

  ;; br_table whose every stub returns lazy reads of params in swapped order: a, b, k -> the
  ;; pair, rotated by the path taken
  (func (export "br_table_returns") (param i32 i32 i32) (result i32 i32)
    (local.get 1) (local.get 0)
    (br_table 0 0 0 (local.get 2)))

  ;; a condition computed from a register that held -8 (i64.rem_s's quotient) before the
  ;; not-taken br_if: the load must read address p + 4, not 4 bytes below the memory
  (func (export "peek") (param $p i32) (result i32)
    local.get $p
    i64.const -8  i64.const 1  i64.rem_s
    i32.wrap_i64
    br_if 0
    i32.load offset=4)

  ;; the store counterpart: writes v at p, never 8 bytes below the memory; returns 1
  (func (export "poke") (param $p i32) (param $v i64) (result i32)
    local.get $p
    i64.const -8  i64.const 1  i64.rem_s
    i32.wrap_i64
    br_if 0
    local.get $v
    i64.store
    i32.const 1)

  (func $clobber (result f64) (f64.const -1.5))

  ;; a float param returned by a conditional return after a call that clobbered every register:
  ;; x, 0 -> x + 1 (never a register the function did not write)
  (func (export "float_after_call") (param $x f64) (param $c i32) (result f64)
    (drop (call $clobber))
    (f64.add (br_if 0 (local.get $x) (local.get $c)) (f64.const 1)))

  ;; several params returned, swapped, by a conditional return: a, b, 0 -> b + 10, a + 20
  (func (export "swap_return") (param $a i64) (param $b i64) (param $c i32) (result i64 i64)
    (local.get $b) (local.get $a)
    (br_if 0 (local.get $c))
    (i64.const 20) (i64.add)
    (local.set $a)
    (i64.const 10) (i64.add)
    (local.get $a))

  ;; an i32 result made by i32.wrap_i64, whose register may keep the i64's upper half:
  ;; Func.call must return 5 and -1 (sign-extended), never 0x1_0000_0005
  (func (export "wrapped") (param i64) (result i32 f32)
    (i32.wrap_i64 (local.get 0))
    (f32.reinterpret_i32 (i32.wrap_i64 (local.get 0))))
)
