;; Control flow, calls, recursion and globals, for ControlFlowTest.
(module
  (global $counter (export "counter") (mut i32) (i32.const 5))
  (global $big (export "big") (mut i64) (i64.const 0x123456789abcdef0))
  (global $answer (export "answer") i32 (i32.const 42))

  (func $block_result (export "block_result") (param $x i32) (result i32)
    (block (result i32) (i32.add (local.get $x) (i32.const 1))))

  ;; x=0 -> 100, x=1 -> 210, x=2 -> 311, otherwise 411
  (func $nested_br_if (export "nested_br_if") (param $x i32) (result i32)
    (block $outer (result i32)
      (block $mid (result i32)
        (block $inner (result i32)
          (br_if $outer (i32.const 100) (i32.eq (local.get $x) (i32.const 0)))
          drop
          (br_if $mid (i32.const 200) (i32.eq (local.get $x) (i32.const 1)))
          drop
          (br_if $inner (i32.const 300) (i32.eq (local.get $x) (i32.const 2)))
          drop
          (i32.const 400))
        (i32.add (i32.const 1)))
      (i32.add (i32.const 10))))

  ;; same as nested_br_if with br inside ifs: x=0 -> 100, 1 -> 210, 2 -> 311, otherwise 411
  (func $nested_br (export "nested_br") (param $x i32) (result i32)
    (block $outer (result i32)
      (block $mid (result i32)
        (block $inner (result i32)
          (if (i32.eq (local.get $x) (i32.const 0)) (then (br $outer (i32.const 100))))
          (if (i32.eq (local.get $x) (i32.const 1)) (then (br $mid (i32.const 200))))
          (if (i32.eq (local.get $x) (i32.const 2)) (then (br $inner (i32.const 300))))
          (i32.const 400))
        (i32.add (i32.const 1)))
      (i32.add (i32.const 10))))

  ;; values below the block survive a branch out of it: (x + 3) * (x != 0 ? 7 : 9)
  (func $br_with_values_below (export "br_with_values_below") (param $x i32) (result i32)
    (i32.mul
      (i32.add (local.get $x) (i32.const 3))
      (block (result i32)
        (br_if 0 (i32.const 7) (local.get $x))
        drop
        (i32.const 9))))

  (func $sum (export "sum") (param $n i32) (result i32) (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $acc))

  (func $sum64 (export "sum64") (param $n i64) (result i64) (local $acc i64)
    (loop $next
      (local.set $acc (i64.add (local.get $acc) (local.get $n)))
      (local.tee $n (i64.sub (local.get $n) (i64.const 1)))
      (br_if $next (i64.gt_s (i64.const 0)))
    )
    (local.get $acc))

  ;; a loop with a parameter and a result: counts x down to 0, returning the number of steps
  (func $loop_params (export "loop_params") (param $x i32) (result i32) (local $steps i32)
    (local.get $x)
    (loop $l (param i32) (result i32)
      (local.set $steps (i32.add (local.get $steps) (i32.const 1)))
      (i32.sub (i32.const 1))
      (local.tee $x)
      (br_if $l (i32.gt_s (local.get $x) (i32.const 0))))
    drop
    (local.get $steps))

  ;; number of pairs (i, j) with 0 <= j < i < n
  (func $nested_loops (export "nested_loops") (param $n i32) (result i32) (local $i i32) (local $j i32) (local $count i32)
    (block $done_i
      (loop $loop_i
        (br_if $done_i (i32.ge_s (local.get $i) (local.get $n)))
        (local.set $j (i32.const 0))
        (block $done_j
          (loop $loop_j
            (br_if $done_j (i32.ge_s (local.get $j) (local.get $i)))
            (local.set $count (i32.add (local.get $count) (i32.const 1)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $loop_j)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $loop_i)))
    (local.get $count))

  (func $fib_iter (export "fib_iter") (param $n i32) (result i64) (local $a i64) (local $b i64) (local $t i64)
    (local.set $b (i64.const 1))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $t (i64.add (local.get $a) (local.get $b)))
        (local.set $a (local.get $b))
        (local.set $b (local.get $t))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $a))

  (func $sign (export "sign") (param $x i64) (result i32)
    (if (result i32) (i64.lt_s (local.get $x) (i64.const 0))
      (then (i32.const -1))
      (else (if (result i32) (i64.eqz (local.get $x)) (then (i32.const 0)) (else (i32.const 1))))))

  ;; an if without else: x < 10 ? x * 2 : x
  (func $if_no_else (export "if_no_else") (param $x i32) (result i32)
    (if (i32.lt_s (local.get $x) (i32.const 10))
      (then (local.set $x (i32.mul (local.get $x) (i32.const 2)))))
    (local.get $x))

  ;; x in 0..7 -> 100 + x * x, otherwise -1
  (func $switch (export "switch") (param $x i32) (result i32)
    (block $default
      (block $c7 (block $c6 (block $c5 (block $c4 (block $c3 (block $c2 (block $c1 (block $c0
        (br_table $c0 $c1 $c2 $c3 $c4 $c5 $c6 $c7 $default (local.get $x)))
        (return (i32.const 100)))
        (return (i32.const 101)))
        (return (i32.const 104)))
        (return (i32.const 109)))
        (return (i32.const 116)))
        (return (i32.const 125)))
        (return (i32.const 136)))
        (return (i32.const 149)))
    (i32.const -1))

  ;; br_table carrying a value: x=0 -> 43, x=1 -> 42, x=2 -> 43, otherwise (default, outer) 42
  (func $br_table_value (export "br_table_value") (param $x i32) (result i32)
    (block $outer (result i32)
      (block $inner (result i32)
        (br_table $inner $outer $inner $outer (i32.const 42) (local.get $x)))
      (i32.add (i32.const 1))))

  ;; a 40-entry table whose targets repeat: x in 0..39 -> x % 3, otherwise 3
  (func $br_table_wide (export "br_table_wide") (param $x i32) (result i32)
    (block $d (block $b2 (block $b1 (block $b0
      (br_table $b0 $b1 $b2 $b0 $b1 $b2 $b0 $b1 $b2 $b0 $b1 $b2 $b0 $b1 $b2 $b0 $b1 $b2 $b0 $b1
                $b2 $b0 $b1 $b2 $b0 $b1 $b2 $b0 $b1 $b2 $b0 $b1 $b2 $b0 $b1 $b2 $b0 $b1 $b2 $b0
                $d (local.get $x)))
      (return (i32.const 0)))
      (return (i32.const 1)))
      (return (i32.const 2)))
    (i32.const 3))

  ;; multi-value functions and blocks
  (func $divmod (export "divmod") (param $a i32) (param $b i32) (result i32 i32)
    (i32.div_u (local.get $a) (local.get $b))
    (i32.rem_u (local.get $a) (local.get $b)))

  (func $rotate3 (export "rotate3") (param i64 i64 i64) (result i64 i64 i64)
    (local.get 1) (local.get 2) (local.get 0))

  (func $mixed (export "mixed") (param $x i32) (result i32 i64 i32)
    (i32.add (local.get $x) (i32.const 1))
    (i64.mul (i64.extend_i32_s (local.get $x)) (i64.const 0x100000000))
    (i32.sub (i32.const 0) (local.get $x)))

  ;; quotient * 1000 + remainder, through a call returning two values
  (func $divmod_user (export "divmod_user") (param $a i32) (param $b i32) (result i32)
    (call $divmod (local.get $a) (local.get $b))
    (local.set $b)
    (i32.mul (i32.const 1000))
    (local.get $b)
    i32.add)

  ;; a block with two params and two results, swapping them conditionally; returns a * 10 + b
  (func $block_params (export "block_params") (param $a i32) (param $b i32) (param $swap i32) (result i32)
    (local.get $a) (local.get $b)
    (block $blk (param i32 i32) (result i32 i32)
      (br_if $blk (i32.eqz (local.get $swap)))
      (local.set $a) (local.set $b)
      (local.get $a) (local.get $b))
    (local.set $b)
    (i32.mul (i32.const 10))
    (local.get $b)
    i32.add)

  ;; an if with two results: x != 0 -> (x, 2x) else (7, 8); returns first * 1000 + second
  (func $if_two_results (export "if_two_results") (param $x i32) (result i32) (local $second i32)
    (if (result i32 i32) (local.get $x)
      (then (local.get $x) (i32.shl (local.get $x) (i32.const 1)))
      (else (i32.const 7) (i32.const 8)))
    (local.set $second)
    (i32.mul (i32.const 1000))
    (local.get $second)
    i32.add)

  ;; return out of four levels of nesting, with values below on the stack
  (func $deep_return (export "deep_return") (param $x i32) (result i32)
    (i32.add (i32.const 1000)
      (block (result i32)
        (loop $l (result i32)
          (block (result i32)
            (i32.add (i32.const 55)
              (if (result i32) (local.get $x)
                (then (i32.add (i32.const 3) (block (result i32) (return (i32.mul (local.get $x) (i32.const 3))))))
                (else (i32.const 5)))))))))

  ;; 24 values live at once (more than there are registers), combined bottom-up
  (func $pressure (export "pressure") (param i32) (result i32)
    (i32.add (i32.mul (local.get 0) (i32.const 1)) (i32.const 1))
    (i32.add (i32.mul (local.get 0) (i32.const 2)) (i32.const 2))
    (i32.add (i32.mul (local.get 0) (i32.const 3)) (i32.const 3))
    (i32.add (i32.mul (local.get 0) (i32.const 4)) (i32.const 4))
    (i32.add (i32.mul (local.get 0) (i32.const 5)) (i32.const 5))
    (i32.add (i32.mul (local.get 0) (i32.const 6)) (i32.const 6))
    (i32.add (i32.mul (local.get 0) (i32.const 7)) (i32.const 7))
    (i32.add (i32.mul (local.get 0) (i32.const 8)) (i32.const 8))
    (i32.add (i32.mul (local.get 0) (i32.const 9)) (i32.const 9))
    (i32.add (i32.mul (local.get 0) (i32.const 10)) (i32.const 10))
    (i32.add (i32.mul (local.get 0) (i32.const 11)) (i32.const 11))
    (i32.add (i32.mul (local.get 0) (i32.const 12)) (i32.const 12))
    (i32.add (i32.mul (local.get 0) (i32.const 13)) (i32.const 13))
    (i32.add (i32.mul (local.get 0) (i32.const 14)) (i32.const 14))
    (i32.add (i32.mul (local.get 0) (i32.const 15)) (i32.const 15))
    (i32.add (i32.mul (local.get 0) (i32.const 16)) (i32.const 16))
    (i32.add (i32.mul (local.get 0) (i32.const 17)) (i32.const 17))
    (i32.add (i32.mul (local.get 0) (i32.const 18)) (i32.const 18))
    (i32.add (i32.mul (local.get 0) (i32.const 19)) (i32.const 19))
    (i32.add (i32.mul (local.get 0) (i32.const 20)) (i32.const 20))
    (i32.add (i32.mul (local.get 0) (i32.const 21)) (i32.const 21))
    (i32.add (i32.mul (local.get 0) (i32.const 22)) (i32.const 22))
    (i32.add (i32.mul (local.get 0) (i32.const 23)) (i32.const 23))
    (i32.add (i32.mul (local.get 0) (i32.const 24)) (i32.const 24))
    i32.xor
    i32.sub
    i32.add
    i32.and
    i32.sub
    i32.or
    i32.mul
    i32.xor
    i32.sub
    i32.add
    i32.and
    i32.sub
    i32.or
    i32.mul
    i32.xor
    i32.sub
    i32.add
    i32.and
    i32.sub
    i32.or
    i32.mul
    i32.xor
    i32.sub)

  (func $id64 (param i64) (result i64) (local.get 0))

  ;; 12 values live across a call, then 8 more
  (func $pressure_call (export "pressure_call") (param i64) (result i64)
    (i64.add (local.get 0) (i64.const 1000003))
    (i64.add (local.get 0) (i64.const 2000006))
    (i64.add (local.get 0) (i64.const 3000009))
    (i64.add (local.get 0) (i64.const 4000012))
    (i64.add (local.get 0) (i64.const 5000015))
    (i64.add (local.get 0) (i64.const 6000018))
    (i64.add (local.get 0) (i64.const 7000021))
    (i64.add (local.get 0) (i64.const 8000024))
    (i64.add (local.get 0) (i64.const 9000027))
    (i64.add (local.get 0) (i64.const 10000030))
    (i64.add (local.get 0) (i64.const 11000033))
    (i64.add (local.get 0) (i64.const 12000036))
    (call $id64 (local.get 0))
    (i64.mul (local.get 0) (i64.const 13))
    (i64.mul (local.get 0) (i64.const 14))
    (i64.mul (local.get 0) (i64.const 15))
    (i64.mul (local.get 0) (i64.const 16))
    (i64.mul (local.get 0) (i64.const 17))
    (i64.mul (local.get 0) (i64.const 18))
    (i64.mul (local.get 0) (i64.const 19))
    (i64.mul (local.get 0) (i64.const 20))
    i64.add
    i64.sub
    i64.add
    i64.sub
    i64.add
    i64.sub
    i64.add
    i64.sub
    i64.add
    i64.sub
    i64.add
    i64.sub
    i64.add
    i64.sub
    i64.add
    i64.sub
    i64.add
    i64.sub
    i64.add
    i64.sub)

  (func $fib (export "fib") (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)))
                     (call $fib (i32.sub (local.get $n) (i32.const 2)))))))

  (func $ackermann (export "ackermann") (param $m i64) (param $n i64) (result i64)
    (if (result i64) (i64.eqz (local.get $m))
      (then (i64.add (local.get $n) (i64.const 1)))
      (else (if (result i64) (i64.eqz (local.get $n))
        (then (call $ackermann (i64.sub (local.get $m) (i64.const 1)) (i64.const 1)))
        (else (call $ackermann (i64.sub (local.get $m) (i64.const 1))
                               (call $ackermann (local.get $m) (i64.sub (local.get $n) (i64.const 1)))))))))

  (func $is_even (export "is_even") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 1))
      (else (call $is_odd (i32.sub (local.get $n) (i32.const 1))))))

  (func $is_odd (export "is_odd") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 0))
      (else (call $is_even (i32.sub (local.get $n) (i32.const 1))))))

  ;; sum of p_i * (i + 1) over 12 mixed parameters (more than fit in registers)
  (func $many (export "many") (param i32 i64 i32 i64 i32 i64 i32 i64 i32 i64 i32 i64) (result i64)
    (i64.add (i64.add (i64.add (i64.add (i64.add (i64.add
      (i64.mul (i64.extend_i32_s (local.get 0)) (i64.const 1))
      (i64.mul (local.get 1) (i64.const 2)))
      (i64.add (i64.mul (i64.extend_i32_s (local.get 2)) (i64.const 3)) (i64.mul (local.get 3) (i64.const 4))))
      (i64.add (i64.mul (i64.extend_i32_s (local.get 4)) (i64.const 5)) (i64.mul (local.get 5) (i64.const 6))))
      (i64.add (i64.mul (i64.extend_i32_s (local.get 6)) (i64.const 7)) (i64.mul (local.get 7) (i64.const 8))))
      (i64.add (i64.mul (i64.extend_i32_s (local.get 8)) (i64.const 9)) (i64.mul (local.get 9) (i64.const 10))))
      (i64.add (i64.mul (i64.extend_i32_s (local.get 10)) (i64.const 11)) (i64.mul (local.get 11) (i64.const 12)))))

  ;; calls many(x + 0, x + 1, ..., x + 11), with a value live across the call
  (func $call_many (export "call_many") (param $x i32) (result i64)
    (i64.add (i64.const 1000000)
      (call $many
        (i32.add (local.get $x) (i32.const 0)) (i64.extend_i32_s (i32.add (local.get $x) (i32.const 1)))
        (i32.add (local.get $x) (i32.const 2)) (i64.extend_i32_s (i32.add (local.get $x) (i32.const 3)))
        (i32.add (local.get $x) (i32.const 4)) (i64.extend_i32_s (i32.add (local.get $x) (i32.const 5)))
        (i32.add (local.get $x) (i32.const 6)) (i64.extend_i32_s (i32.add (local.get $x) (i32.const 7)))
        (i32.add (local.get $x) (i32.const 8)) (i64.extend_i32_s (i32.add (local.get $x) (i32.const 9)))
        (i32.add (local.get $x) (i32.const 10)) (i64.extend_i32_s (i32.add (local.get $x) (i32.const 11))))))

  ;; 14 params returning 3 values, through the stack
  (func $many_multi (export "many_multi") (param i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64) (result i64 i64 i64)
    (local.get 13) (local.get 0) (i64.sub (local.get 6) (local.get 7)))

  (func $bump (export "bump") (param $delta i32) (result i32)
    (global.set $counter (i32.add (global.get $counter) (local.get $delta)))
    (global.get $counter))

  (func $get_big (export "get_big") (result i64) (global.get $big))
  (func $set_big (export "set_big") (param i64) (global.set $big (local.get 0)))
  (func $get_answer (export "get_answer") (result i32) (global.get $answer))

  ;; a local read before it is overwritten keeps the old value: x - 5
  (func $local_read_then_set (export "local_read_then_set") (param $x i32) (result i32)
    (local.get $x)
    (local.set $x (i32.const 5))
    (local.get $x)
    i32.sub)

  ;; the same for a global: old counter - 1, leaves counter = 1
  (func $global_read_then_set (export "global_read_then_set") (result i32)
    (global.get $counter)
    (global.set $counter (i32.const 1))
    (global.get $counter)
    i32.sub)

  ;; local.tee: (x + 1) * (x + 1) + old x
  (func $tee (export "tee") (param $x i32) (result i32) (local $y i32)
    (local.get $x)
    (local.tee $x (i32.add (local.get $x) (i32.const 1)))
    (local.get $x)
    i32.mul
    i32.add)

  ;; code after an unconditional br is unreachable but must compile: returns 1
  (func $dead_code (export "dead_code") (result i32)
    (block (result i32)
      (i32.const 1)
      (br 0)
      (i32.add)
      (drop)
      (i64.const 3)
      (drop)
      (i32.const 9)))

  ;; select driven by a computed condition inside a loop: sum over i < n of (i odd ? i : -i)
  (func $select_loop (export "select_loop") (param $n i32) (result i32) (local $i i32) (local $acc i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $acc (i32.add (local.get $acc)
          (select (local.get $i) (i32.sub (i32.const 0) (local.get $i)) (i32.and (local.get $i) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (local.get $acc))
)
