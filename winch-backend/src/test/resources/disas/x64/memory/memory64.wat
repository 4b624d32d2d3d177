;; A 64-bit memory: i64 addresses, index + offset checked for carry before the length compare;
;; size and grow in i64.
(module
  (memory i64 1)
  (func $load (param i64) (result i64) (i64.load (local.get 0)))
  (func $load_offset (param i64) (result i32) (i32.load8_u offset=0xfffffff0 (local.get 0)))
  (func $store (param i64 f32) (f32.store offset=4 (local.get 0) (local.get 1)))
  (func $size (result i64) (memory.size))
  (func $grow (param i64) (result i64) (memory.grow (local.get 0)))
  (func $fill (param i64 i32 i64) (memory.fill (local.get 0) (local.get 1) (local.get 2))))
