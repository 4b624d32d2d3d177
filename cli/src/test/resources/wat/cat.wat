;; A WASI command that prints the file "hello.txt" of its first preopen (fd 3), then tries to
;; create "new.txt" there; it exits with 0 if that worked, else with the errno of path_open.
(module $cat
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "hello.txt")
  (data (i32.const 80) "new.txt")
  ;; 0: iovec {buf 1024, len 1024}; 8: fd; 12: bytes read; 16: bytes written
  (func (export "_start")
    (local $errno i32)
    ;; path_open(3, 0, "hello.txt", oflags 0, rights FD_READ, 0, fdflags 0, &fd)
    (local.set $errno (call $path_open (i32.const 3) (i32.const 0) (i32.const 64) (i32.const 9)
      (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 8)))
    (if (local.get $errno) (then (call $proc_exit (i32.add (i32.const 100) (local.get $errno)))))
    (i32.store (i32.const 0) (i32.const 1024))
    (i32.store (i32.const 4) (i32.const 1024))
    (local.set $errno (call $fd_read (i32.load (i32.const 8)) (i32.const 0) (i32.const 1) (i32.const 12)))
    (if (local.get $errno) (then (call $proc_exit (i32.add (i32.const 100) (local.get $errno)))))
    (i32.store (i32.const 4) (i32.load (i32.const 12)))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 16)))
    ;; path_open(3, 0, "new.txt", O_CREAT, FD_WRITE, 0, 0, &fd)
    (local.set $errno (call $path_open (i32.const 3) (i32.const 0) (i32.const 80) (i32.const 7)
      (i32.const 1) (i64.const 64) (i64.const 0) (i32.const 0) (i32.const 8)))
    (call $proc_exit (local.get $errno))))
