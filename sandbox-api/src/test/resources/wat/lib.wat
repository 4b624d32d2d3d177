;; A library instance whose exports another instance imports, for HostFunctionTest.
(module
  (global $count (export "count") (mut i32) (i32.const 0))
  (func $triple (export "triple") (param i32) (result i32)
    (global.set $count (i32.add (global.get $count) (i32.const 1)))
    (i32.mul (local.get 0) (i32.const 3)))
  (func $lib_divide (export "divide") (param i32 i32) (result i32)
    (i32.div_s (local.get 0) (local.get 1)))
)
