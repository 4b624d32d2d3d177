;; RunCommandTest: ten tables of 10 million elements (80 MB each), past the default store limit.
(module
  (table 10000000 funcref) (table 10000000 funcref) (table 10000000 funcref) (table 10000000 funcref)
  (table 10000000 funcref) (table 10000000 funcref) (table 10000000 funcref) (table 10000000 funcref)
  (table 10000000 funcref) (table 10000000 funcref)
  (func (export "size") (result i32) (table.size 9)))
