;; A memory hog: "hog" grows its memory one 64 KiB page at a time until memory.grow fails
;; (returns -1) or it holds 65,536 pages (4 GiB), and returns how many pages it has then.
;; Under a memory limit the growth fails at the limit: the guest sees -1, the host is unharmed.
(module
  (memory (export "memory") 1)
  (func (export "hog") (result i32)
    (block $done
      (loop $more
        (br_if $done (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
        (br_if $more (i32.lt_u (memory.size) (i32.const 65536)))))
    (memory.size)))
