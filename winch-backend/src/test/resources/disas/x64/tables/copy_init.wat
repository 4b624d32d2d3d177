;; table.copy between two tables, table.init from a passive element segment, elem.drop.
(module
  (table $a 10 funcref)
  (table $b 10 funcref)
  (elem $segment func $f $g)
  (func $f)
  (func $g)
  (func $copy (param i32 i32 i32) (table.copy $a $b (local.get 0) (local.get 1) (local.get 2)))
  (func $init (param i32) (table.init $a $segment (local.get 0) (i32.const 0) (i32.const 2)))
  (func $drop (elem.drop $segment)))
