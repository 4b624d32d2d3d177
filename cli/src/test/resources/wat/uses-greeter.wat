;; Imports the --preload'ed greeter's exports.
(module $uses_greeter
  (import "greeter" "double" (func $double (param i32) (result i32)))
  (import "greeter" "calls" (func $calls (result i32)))
  (func (export "quadruple") (param i32) (result i32) (call $double (call $double (local.get 0))))
  (func (export "greeter_calls") (result i32) (call $calls)))
