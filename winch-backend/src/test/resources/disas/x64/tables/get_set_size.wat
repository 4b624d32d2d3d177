;; table.get and table.set inline (bounds check against the table's current size), table.size.
(module
  (table $funcs 8 funcref)
  (table $refs 4 externref)
  (func $get (param i32) (result funcref) (table.get $funcs (local.get 0)))
  (func $set (param i32 funcref) (table.set $funcs (local.get 0) (local.get 1)))
  (func $get_extern (param i32) (result externref) (table.get $refs (local.get 0)))
  (func $set_extern (param i32 externref) (table.set $refs (local.get 0) (local.get 1)))
  (func $size (result i32) (table.size $refs)))
