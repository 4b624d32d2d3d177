;; f64 comparisons: false on unordered operands (ucomis sets PF), lt/le as gt/ge with the
;; operands swapped.
(module
  (func $eq (param f64 f64) (result i32) (f64.eq (local.get 0) (local.get 1)))
  (func $ne (param f64 f64) (result i32) (f64.ne (local.get 0) (local.get 1)))
  (func $lt (param f64 f64) (result i32) (f64.lt (local.get 0) (local.get 1)))
  (func $gt (param f64 f64) (result i32) (f64.gt (local.get 0) (local.get 1)))
  (func $le (param f64 f64) (result i32) (f64.le (local.get 0) (local.get 1)))
  (func $ge (param f64 f64) (result i32) (f64.ge (local.get 0) (local.get 1))))
