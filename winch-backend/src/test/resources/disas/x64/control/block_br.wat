;; Blocks left by br and br_if, with and without a result.
(module
  (func $br_out (param i32) (result i32)
    (block $out (result i32)
      (br $out (i32.add (local.get 0) (i32.const 1)))))
  (func $br_if_result (param i32 i32) (result i32)
    (block $out (result i32)
      (drop (br_if $out (local.get 0) (local.get 1)))
      (i32.const 99)))
  (func $br_if_no_result (param i32) (result i32) (local i32)
    (block $skip
      (br_if $skip (i32.eqz (local.get 0)))
      (local.set 1 (i32.const 7)))
    (local.get 1)))
