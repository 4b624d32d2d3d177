;; A function with several results, and a caller that takes them from the outgoing area.
(module
  (func $divmod (param i32 i32) (result i32 i32)
    (i32.div_u (local.get 0) (local.get 1))
    (i32.rem_u (local.get 0) (local.get 1)))
  (func $mixed (result i64 f32 i32)
    (i64.const 1) (f32.const 2) (i32.const 3))
  (func $caller (param i32 i32) (result i32)
    (call $divmod (local.get 0) (local.get 1))
    (i32.add)))
