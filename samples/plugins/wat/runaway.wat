;; A runaway plugin: "spin" never returns. Only the host's timeout or fuel can stop it.
(module
  (func (export "spin") (result i32)
    (local $n i32)
    (loop $forever
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $forever))
    (local.get $n)))
