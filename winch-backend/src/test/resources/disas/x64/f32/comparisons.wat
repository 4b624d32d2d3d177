;; f32 comparisons: false on unordered operands (ucomis sets PF), lt/le as gt/ge with the
;; operands swapped.
(module
  (func $eq (param f32 f32) (result i32) (f32.eq (local.get 0) (local.get 1)))
  (func $ne (param f32 f32) (result i32) (f32.ne (local.get 0) (local.get 1)))
  (func $lt (param f32 f32) (result i32) (f32.lt (local.get 0) (local.get 1)))
  (func $gt (param f32 f32) (result i32) (f32.gt (local.get 0) (local.get 1)))
  (func $le (param f32 f32) (result i32) (f32.le (local.get 0) (local.get 1)))
  (func $ge (param f32 f32) (result i32) (f32.ge (local.get 0) (local.get 1))))
