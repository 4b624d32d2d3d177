;; A conditional return from the function body: br_if to the function's own depth, with and
;; without a result. Known to miscompile at the time of writing (issue 14): this listing
;; changes when that is fixed.
(module
  (func $early_exit (param i32) (result i32)
    (br_if 0 (i32.const 1) (local.get 0))
    (drop)
    (i32.const 2))
  (func $early_exit_void (param i32) (local i32)
    (br_if 0 (local.get 0))
    (local.set 1 (i32.const 3)))
  (func $nested_to_body (param i32) (result i32)
    (block
      (br_if 1 (i32.const 9) (local.get 0))
      (drop))
    (i32.const 4))
  ;; values below the branch's own: only the top one is the function's result
  (func $value_below (param i32 i32) (result i32)
    (i32.add (local.get 1) (i32.const 5))
    (br_if 0 (i32.mul (local.get 0) (local.get 1)) (local.get 0))
    (i32.add))
  ;; from inside an if, with the condition a comparison
  (func $from_if (param i32 i32) (result i32)
    (if (i32.lt_s (local.get 0) (local.get 1))
      (then (br_if 1 (local.get 1) (local.get 0)) (drop)))
    (local.get 0))
  ;; from inside a loop
  (func $from_loop (param i32) (result i32)
    (loop $double
      (drop (br_if 1 (local.get 0) (i32.gt_u (local.get 0) (i32.const 100))))
      (local.set 0 (i32.mul (local.get 0) (i32.const 2)))
      (br $double))
    (i32.const 0)))
