;; Backtraces, for BacktraceTest: a module named "plugin" (wat2wasm --debug-names).
;; level1 calls level2 ... level10, which divides by its argument: 0 traps 10 calls deep.
;; Every body holds exactly one call (0x10) and the divide (0x6e) only in level10, so the test
;; finds the offsets in the binary. Function indices stay below 16 (0x10).
(module $plugin
  (import "env" "fail" (func $fail))
  (import "env" "reenter" (func $reenter (param i32) (result i32)))
  (func $level1 (export "level1") (param $n i32) (result i32)
    (i32.add (i32.const 1) (call $level2 (local.get $n))))
  (func $level2 (param $n i32) (result i32)
    (i32.add (i32.const 1) (call $level3 (local.get $n))))
  (func $level3 (param $n i32) (result i32)
    (i32.add (i32.const 1) (call $level4 (local.get $n))))
  (func $level4 (param $n i32) (result i32)
    (i32.add (i32.const 1) (call $level5 (local.get $n))))
  (func $level5 (param $n i32) (result i32)
    (i32.add (i32.const 1) (call $level6 (local.get $n))))
  (func $level6 (param $n i32) (result i32)
    (i32.add (i32.const 1) (call $level7 (local.get $n))))
  (func $level7 (param $n i32) (result i32)
    (i32.add (i32.const 1) (call $level8 (local.get $n))))
  (func $level8 (param $n i32) (result i32)
    (i32.add (i32.const 1) (call $level9 (local.get $n))))
  (func $level9 (param $n i32) (result i32)
    (i32.add (i32.const 1) (call $level10 (local.get $n))))
  (func $level10 (param $n i32) (result i32)
    (i32.div_u (i32.const 100) (local.get $n)))

  ;; calls_host -> via_host -> env.fail (a host function that throws)
  (func $calls_host (export "calls_host")
    (call $via_host))
  (func $via_host
    (call $fail))

  ;; never stops
  (func $recurse (export "recurse") (param $n i32) (result i32)
    (i32.add (i32.const 1) (call $recurse (local.get $n))))

  ;; outer -> env.reenter (the host calls level1 again)
  (func $outer (export "outer") (param $n i32) (result i32)
    (call $reenter (local.get $n)))
)
