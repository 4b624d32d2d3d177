;; StoreLimitsTest: one memory and one table, grown from Wasm.
(module
  (memory (export "memory") 1)
  (table (export "table") 1 funcref)
  (func (export "grow_memory") (param i32) (result i32)
    (memory.grow (local.get 0)))
  (func (export "grow_table") (param i32) (result i32)
    (table.grow 0 (ref.null func) (local.get 0)))
  ;; Grows one page at a time until memory.grow says -1; returns how many pages it added.
  (func (export "grow_until_refused") (result i32) (local $added i32)
    (block $refused
      (loop $next
        (br_if $refused (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
        (local.set $added (i32.add (local.get $added) (i32.const 1)))
        (br $next)))
    (local.get $added)))
