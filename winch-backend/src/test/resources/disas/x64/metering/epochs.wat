;; options: epochs
;; Epochs: a loop header compares the engine's epoch with the store's deadline; the function
;; entry relies on the prologue's stack-limit check, which the runtime makes fail.
(module
  (func $loop (param i32) (result i32)
    (loop $again
      (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
      (br_if $again (local.get 0)))
    (local.get 0))
  (func $straight_line (param i32) (result i32)
    (i32.add (local.get 0) (i32.const 1))))
