;; A WASI command that never ends: for --fuel and --timeout.
(module $spin
  (memory (export "memory") 1)
  (func $spin (export "_start") (loop $forever (br $forever))))
