;; SoakTest: right answers, traps of every kind, and re-entry through the host.
(module
  (import "env" "reenter" (func $reenter (param i32) (result i32)))
  (memory (export "memory") 1)
  ;; fib(n), iteratively
  (func (export "fib") (param $n i32) (result i32) (local $a i32) (local $b i32) (local $t i32)
    (local.set $b (i32.const 1))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $t (i32.add (local.get $a) (local.get $b)))
        (local.set $a (local.get $b))
        (local.set $b (local.get $t))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $a))
  ;; never ends: a timeout stops it
  (func (export "spin") (loop $forever (br $forever)))
  (func (export "trap") (unreachable))
  ;; never ends either: the stack limit stops it
  (func $recurse (export "recurse") (param i32) (result i32)
    (i32.add (i32.const 1) (call $recurse (local.get 0))))
  ;; n levels of Wasm -> host -> Wasm, then 7: returns n + 7
  (func (export "nest") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 7))
      (else (i32.add (i32.const 1) (call $reenter (i32.sub (local.get $n) (i32.const 1))))))))
