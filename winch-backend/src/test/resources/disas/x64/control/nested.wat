;; Nested control: a loop inside blocks inside an if, branching out several levels, with values
;; live across the branches.
(module
  (func $nested (param i32 i32) (result i32) (local i32)
    (if (result i32) (local.get 0)
      (then
        (block $exit (result i32)
          (loop $top
            (block $continue
              (br_if $continue (i32.and (local.get 2) (i32.const 1)))
              (drop (br_if $exit (i32.mul (local.get 2) (i32.const 3)) (i32.gt_u (local.get 2) (local.get 1)))))
            (local.set 2 (i32.add (local.get 2) (i32.const 1)))
            (br $top))
          (unreachable)))
      (else (i32.const -1)))))
