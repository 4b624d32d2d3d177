;; A tiny workload in the shape of the Sightglass ones: bench.start, some work, bench.end, its
;; argv[0] and a line on stdout; exits with the number of arguments beyond argv[0].
(module $bench
  (import "bench" "start" (func $start))
  (import "bench" "end" (func $end))
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 100) " done\n")
  ;; 0: argc; 4: argv buffer size; 8: iovecs (2); 24: written; 32: argv pointers; 256: argv text
  (func (export "_start")
    (local $i i32) (local $sum i32)
    (call $start)
    (loop $work
      (local.set $sum (i32.add (local.get $sum) (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $work (i32.lt_u (local.get $i) (i32.const 1000000))))
    (call $end)
    (drop (call $args_sizes_get (i32.const 0) (i32.const 4)))
    (drop (call $args_get (i32.const 32) (i32.const 256)))
    ;; print argv[0] (its length: the buffer size of one argument minus its NUL) and " done\n"
    (i32.store (i32.const 8) (i32.load (i32.const 32)))
    (i32.store (i32.const 12) (i32.sub (i32.load (i32.const 4)) (i32.const 1)))
    (i32.store (i32.const 16) (i32.const 100))
    (i32.store (i32.const 20) (i32.const 6))
    (if (i32.eq (i32.load (i32.const 0)) (i32.const 1))
      (then (drop (call $fd_write (i32.const 1) (i32.const 8) (i32.const 2) (i32.const 24)))))
    (call $proc_exit (i32.sub (i32.load (i32.const 0)) (i32.const 1)))))
