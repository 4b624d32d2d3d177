;; Calls to imported (host) functions go through the context: the callee's code address and its
;; own context from the import's slot.
(module
  (import "env" "log" (func $log (param i32 f64)))
  (import "env" "now" (func $now (result i64)))
  (func $call_log (param i32)
    (call $log (local.get 0) (f64.const 0.5)))
  (func $call_now (result i64)
    (i64.add (call $now) (i64.const 1))))
