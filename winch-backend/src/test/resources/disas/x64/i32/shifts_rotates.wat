;; Shifts and rotates by a variable count (which must be in cl) and by a constant (an immediate,
;; masked to 5 bits by Wasm's semantics).
(module
  (func $shl (param i32 i32) (result i32) (i32.shl (local.get 0) (local.get 1)))
  (func $shr_s (param i32 i32) (result i32) (i32.shr_s (local.get 0) (local.get 1)))
  (func $shr_u (param i32 i32) (result i32) (i32.shr_u (local.get 0) (local.get 1)))
  (func $rotl (param i32 i32) (result i32) (i32.rotl (local.get 0) (local.get 1)))
  (func $rotr (param i32 i32) (result i32) (i32.rotr (local.get 0) (local.get 1)))
  (func $shl_const (param i32) (result i32) (i32.shl (local.get 0) (i32.const 35)))
  (func $rotr_const (param i32) (result i32) (i32.rotr (local.get 0) (i32.const 3)))
  ;; the count register is taken while another value holds it
  (func $shift_count_in_use (param i32 i32 i32) (result i32)
    (i32.add (i32.shl (local.get 0) (local.get 1)) (i32.shr_u (local.get 2) (local.get 0)))))
