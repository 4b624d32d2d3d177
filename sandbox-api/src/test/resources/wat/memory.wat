;; Uses a linear memory, which this build cannot compile or instantiate yet; for LinkingTest.
(module
  (memory 1)
  (func $load (export "load") (param i32) (result i32) (i32.load (local.get 0)))
)
