;; Backtraces of a module without a name section, for BacktraceTest: compiled WITHOUT
;; --debug-names (wat2wasm backtrace_anonymous.wat -o backtrace_anonymous.wasm).
(module
  (func (export "first") (param i32) (result i32)
    (i32.add (i32.const 1) (call 1 (local.get 0))))
  (func (param i32) (result i32)
    (i32.add (i32.const 1) (call 2 (local.get 0))))
  (func (param i32) (result i32)
    (i32.rem_s (i32.const 7) (local.get 0)))
)
