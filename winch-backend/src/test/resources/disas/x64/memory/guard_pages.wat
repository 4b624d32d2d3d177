;; options: memory=guard
;; The same kinds of access as loads.wat and stores.wat with guard pages: no compare, the index
;; zero-extended, and the access itself recorded as the trap site.
(module
  (memory 1)
  (func $i32_load (param i32) (result i32) (i32.load (local.get 0)))
  (func $i64_load8_s (param i32) (result i64) (i64.load8_s offset=3 (local.get 0)))
  (func $f64_load (param i32) (result f64) (f64.load offset=16 (local.get 0)))
  (func $large_offset (param i32) (result i32) (i32.load offset=0xfffffff0 (local.get 0)))
  (func $i32_store16 (param i32 i32) (i32.store16 offset=6 (local.get 0) (local.get 1)))
  (func $f32_store (param i32 f32) (f32.store (local.get 0) (local.get 1)))
  (func $constant_address (result i32) (i32.load (i32.const 1024))))
