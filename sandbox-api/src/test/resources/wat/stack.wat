;; Recursion, for StackOverflowTest.
(module
  (import "env" "reenter" (func $reenter (param i32) (result i32)))
  (import "env" "probe" (func $probe (param i32)))

  ;; the depth the last recursion reached
  (global $deepest (export "deepest") (mut i32) (i32.const 0))

  ;; never stops
  (func $recurse (export "recurse") (param $n i32) (result i32)
    (global.set $deepest (local.get $n))
    (i32.add (i32.const 1) (call $recurse (i32.add (local.get $n) (i32.const 1)))))

  ;; never stops, and calls the host at every level, so also just above the stack limit
  (func $recurse_probing (export "recurse_probing") (param $n i32) (result i32)
    (global.set $deepest (local.get $n))
    (call $probe (local.get $n))
    (i32.add (i32.const 1) (call $recurse_probing (i32.add (local.get $n) (i32.const 1)))))

  ;; returns n after recursing n deep
  (func $depth (export "depth") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $depth (i32.sub (local.get $n) (i32.const 1)))))))

  ;; n levels of Wasm -> host -> Wasm, then unbounded recursion
  (func $reenter_then_recurse (export "reenter_then_recurse") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (call $recurse (i32.const 0)))
      (else (call $reenter (i32.sub (local.get $n) (i32.const 1))))))
)
