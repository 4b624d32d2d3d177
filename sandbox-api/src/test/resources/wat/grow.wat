;; Grows its memory one page at a time until memory.grow fails; for MemoryLimitTest.
(module
  (memory (export "memory") 1)
  (func (export "grow_until_refused") (result i32)
    (local $grown i32)
    (block $refused
      (loop $again
        (br_if $refused (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
        (local.set $grown (i32.add (local.get $grown) (i32.const 1)))
        (br $again)))
    (local.get $grown))
  (func (export "touch_last") (result i32)
    (i32.store (i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const 4)) (i32.const 7))
    (i32.load (i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const 4))))
)
