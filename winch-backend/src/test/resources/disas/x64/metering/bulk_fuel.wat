;; options: fuel
;; Bulk operations pay for their length before the builtin call: a register length is shifted
;; (bytes / 64, elements / 8) and subtracted from r15; a constant length is charged as an immediate.
(module
  (memory 1)
  (table $t 16 funcref)
  (func $fill (param $length i32)
    (memory.fill (i32.const 0) (i32.const 7) (local.get $length)))
  (func $fill_constant
    (memory.fill (i32.const 0) (i32.const 7) (i32.const 6400)))
  (func $table_fill (param $length i32)
    (table.fill $t (i32.const 0) (ref.null func) (local.get $length))))
