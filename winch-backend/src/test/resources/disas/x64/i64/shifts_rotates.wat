;; i64 shifts and rotates by a variable count (cl) and by a constant (masked to 6 bits).
(module
  (func $shl (param i64 i64) (result i64) (i64.shl (local.get 0) (local.get 1)))
  (func $shr_s (param i64 i64) (result i64) (i64.shr_s (local.get 0) (local.get 1)))
  (func $shr_u (param i64 i64) (result i64) (i64.shr_u (local.get 0) (local.get 1)))
  (func $rotl (param i64 i64) (result i64) (i64.rotl (local.get 0) (local.get 1)))
  (func $rotr (param i64 i64) (result i64) (i64.rotr (local.get 0) (local.get 1)))
  (func $shr_u_const (param i64) (result i64) (i64.shr_u (local.get 0) (i64.const 67))))
