;; options: target=baseline
;; clz, ctz and popcnt on a CPU without lzcnt, tzcnt and popcnt: the bsr, bsf and SWAR fallbacks.
(module
  (func $clz (param i32) (result i32) (i32.clz (local.get 0)))
  (func $ctz (param i32) (result i32) (i32.ctz (local.get 0)))
  (func $popcnt (param i32) (result i32) (i32.popcnt (local.get 0))))
