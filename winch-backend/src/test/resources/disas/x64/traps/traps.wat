;; Where the trap stubs go: out of line, after the function's code, each a call to the module's
;; trap handler recorded in the trap table with its trap code. Several sites of one kind.
(module
  (memory 1)
  (func $many_sites (param i32 i32) (result i32)
    (i32.add
      (i32.div_s (i32.load (local.get 0)) (local.get 1))
      (i32.rem_u (i32.load offset=4 (local.get 0)) (local.get 1))))
  (func $unreachable_only
    (unreachable))
  (func $trap_after_code (param i32) (result i32)
    (if (i32.gt_u (local.get 0) (i32.const 10)) (then (unreachable)))
    (i32.trunc_f64_s (f64.convert_i32_u (local.get 0)))))
