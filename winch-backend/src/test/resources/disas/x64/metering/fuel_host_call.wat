;; options: fuel
;; Around a host call the fuel register is written back to the store and reloaded after it.
(module
  (import "env" "host" (func $host (param i32) (result i32)))
  (func $call_host (param i32) (result i32)
    (call $host (i32.add (local.get 0) (i32.const 1)))))
