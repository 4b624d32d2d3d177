;; ref.null, ref.is_null and ref.func.
(module
  (elem declare func $target)
  (func $target)
  (func $null_func (result funcref) (ref.null func))
  (func $null_extern (result externref) (ref.null extern))
  (func $is_null (param externref) (result i32) (ref.is_null (local.get 0)))
  (func $func_ref (result funcref) (ref.func $target))
  (func $func_ref_is_null (result i32) (ref.is_null (ref.func $target))))
