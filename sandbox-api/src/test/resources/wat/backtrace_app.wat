;; An application module named "app" calling into "plugin" (backtrace.wat), for BacktraceTest:
;; frames of two modules in one backtrace.
(module $app
  (import "plugin" "level1" (func $level1 (param i32) (result i32)))
  (func $main (export "main") (param $n i32) (result i32)
    (i32.add (i32.const 1) (call $level1 (local.get $n))))
)
