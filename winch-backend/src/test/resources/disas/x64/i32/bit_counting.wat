;; clz, ctz and popcnt with lzcnt, tzcnt and popcnt available (the default target).
(module
  (func $clz (param i32) (result i32) (i32.clz (local.get 0)))
  (func $ctz (param i32) (result i32) (i32.ctz (local.get 0)))
  (func $popcnt (param i32) (result i32) (i32.popcnt (local.get 0)))
  (func $eqz (param i32) (result i32) (i32.eqz (local.get 0))))
