;; i64 clz, ctz, popcnt and eqz with lzcnt, tzcnt and popcnt; the fallbacks for the baseline
;; target are in bit_counting_baseline.wat.
(module
  (func $clz (param i64) (result i64) (i64.clz (local.get 0)))
  (func $ctz (param i64) (result i64) (i64.ctz (local.get 0)))
  (func $popcnt (param i64) (result i64) (i64.popcnt (local.get 0)))
  (func $eqz (param i64) (result i32) (i64.eqz (local.get 0))))
