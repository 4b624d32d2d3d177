;; An Extism plugin (it imports extism:host/env) whose export "spin" never returns.
(module
  (import "extism:host/env" "input_length" (func $input_length (result i64)))
  (func (export "spin") (result i32)
    (loop $forever (br $forever))
    (i32.const 0)))
