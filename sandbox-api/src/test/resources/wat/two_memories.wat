;; StoreLimitsTest: two memories of one page whose growth shares the store's total.
(module
  (memory $a (export "a") 1)
  (memory $b (export "b") 1)
  (func (export "grow_a") (param i32) (result i32)
    (memory.grow $a (local.get 0)))
  (func (export "grow_b") (param i32) (result i32)
    (memory.grow $b (local.get 0))))
