;; options: target=baseline
;; i64 clz, ctz and popcnt without lzcnt, tzcnt and popcnt (the SWAR popcount loads its masks
;; from the constant pool).
(module
  (func $clz (param i64) (result i64) (i64.clz (local.get 0)))
  (func $ctz (param i64) (result i64) (i64.ctz (local.get 0)))
  (func $popcnt (param i64) (result i64) (i64.popcnt (local.get 0))))
