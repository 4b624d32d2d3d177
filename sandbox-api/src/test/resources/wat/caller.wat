;; HostFunctionTest: a host function reads and writes its caller's memory.
(module
  (import "host" "greet" (func $greet (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "hello")
  ;; Passes the string at 16 to the host, which writes its length at 0 and returns it plus one.
  (func (export "run") (result i32)
    (i32.add (call $greet (i32.const 16) (i32.const 5)) (i32.load (i32.const 0)))))
