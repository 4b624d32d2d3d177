;; br_table whose targets are blocks at several depths, carrying a value. Known to miscompile
;; at the time of writing (issue 14): this listing changes when that is fixed.
(module
  (func $several_depths (param i32 i32) (result i32)
    (block $outer (result i32)
      (block $middle (result i32)
        (block $inner (result i32)
          (br_table $inner $middle $outer $middle (local.get 1) (local.get 0)))
        (i32.add (i32.const 10)))
      (i32.add (i32.const 20))))
  (func $to_function_body (param i32) (result i32)
    (block $b (result i32)
      (br_table $b 0 1 (i32.const 7) (local.get 0))))
  ;; the targets' results land at different value-stack heights: $a has one value below it,
  ;; $b two
  (func $different_heights (param i32) (result i32)
    (i32.const 1)
    (block $a (result i32)
      (i32.const 2)
      (block $b (result i32)
        (br_table $a $b (i32.mul (local.get 0) (i32.const 42)) (local.get 0)))
      (i32.add))
    (i32.add))
  ;; a loop, a block and the function body (no values): back edge, forward edge and return
  (func $loop_block_and_body (param i32) (local i32)
    (loop $again
      (local.set 1 (i32.add (local.get 1) (i32.const 1)))
      (block $next
        (br_table $again $next 2 (local.get 0)))
      (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
      (br $again))))
