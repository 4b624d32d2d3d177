;; options: stubs fuel
;; The shared code with fuel on: the entry trampoline loads the fuel register from the store and
;; writes it back; the trap handler and the host adapter save it too.
(module
  (import "env" "host" (func $host (param i32)))
  (func $f (param i32) (call $host (local.get 0))))
