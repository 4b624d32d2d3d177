;; TrapBoundsTest: a recursion that traps at its bottom, and a re-entry through the host.
;; The test gives $down a name of 4 MiB (a name section appended in Java), so this one is
;; compiled without --debug-names: `wat2wasm deep_trap.wat`.
(module
  (import "env" "reenter" (func $reenter (param i32) (result i32)))
  ;; down(n): n more frames of itself, then unreachable
  (func $down (export "down") (param i32) (result i32)
    (if (result i32) (local.get 0)
      (then (call $down (i32.sub (local.get 0) (i32.const 1))))
      (else (unreachable))))
  ;; through_host(n): asks the host to call through_host(n - 1); traps at 0
  (func $through_host (export "through_host") (param i32) (result i32)
    (if (result i32) (local.get 0)
      (then (call $reenter (i32.sub (local.get 0) (i32.const 1))))
      (else (unreachable)))))
