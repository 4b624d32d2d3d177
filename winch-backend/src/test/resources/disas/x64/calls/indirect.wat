;; call_indirect: the table bounds check, the null check and the signature check (canonical type
;; ids), then the call through the function reference.
(module
  (type $binary (func (param i32 i32) (result i32)))
  (type $unary (func (param i32) (result i32)))
  (table 4 funcref)
  (elem (i32.const 0) $add $neg)
  (func $add (type $binary) (i32.add (local.get 0) (local.get 1)))
  (func $neg (type $unary) (i32.sub (i32.const 0) (local.get 0)))
  (func $dispatch (param i32 i32 i32) (result i32)
    (call_indirect (type $binary) (local.get 1) (local.get 2) (local.get 0))))
