;; An Extism plugin, written against the extism:host/env kernel as the PDKs use it: exports
;; () -> i32 that read the input and set the output through the kernel, 0 for success.
(module $extism
  (import "extism:host/env" "input_length" (func $input_length (result i64)))
  (import "extism:host/env" "input_offset" (func $input_offset (result i64)))
  (import "extism:host/env" "input_load_u8" (func $input_load_u8 (param i64) (result i32)))
  (import "extism:host/env" "input_load_u64" (func $input_load_u64 (param i64) (result i64)))
  (import "extism:host/env" "alloc" (func $alloc (param i64) (result i64)))
  (import "extism:host/env" "free" (func $free (param i64)))
  (import "extism:host/env" "length" (func $length (param i64) (result i64)))
  (import "extism:host/env" "load_u8" (func $load_u8 (param i64) (result i32)))
  (import "extism:host/env" "load_u64" (func $load_u64 (param i64) (result i64)))
  (import "extism:host/env" "store_u8" (func $store_u8 (param i64 i32)))
  (import "extism:host/env" "store_u64" (func $store_u64 (param i64 i64)))
  (import "extism:host/env" "output_set" (func $output_set (param i64 i64)))
  (import "extism:host/env" "error_set" (func $error_set (param i64)))
  (import "extism:host/env" "config_get" (func $config_get (param i64) (result i64)))
  (import "extism:host/env" "var_get" (func $var_get (param i64) (result i64)))
  (import "extism:host/env" "var_set" (func $var_set (param i64 i64)))
  (import "extism:host/env" "log_info" (func $log_info (param i64)))
  (import "extism:host/env" "http_request" (func $http_request (param i64 i64) (result i64)))
  (memory (export "memory") 1)
  (data (i32.const 0) "it failed")
  (data (i32.const 16) "count")
  (data (i32.const 32) "hello log")

  ;; a new kernel block holding guest bytes [ptr, ptr + len)
  (func $to_kernel (param $ptr i32) (param $len i32) (result i64)
    (local $block i64) (local $i i32)
    (local.set $block (call $alloc (i64.extend_i32_u (local.get $len))))
    (block $done
      (loop $copy
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        (call $store_u8 (i64.add (local.get $block) (i64.extend_i32_u (local.get $i)))
                        (i32.load8_u (i32.add (local.get $ptr) (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $copy)))
    (local.get $block))

  (func (export "echo") (result i32)
    (local $n i64) (local $out i64) (local $i i64)
    (local.set $n (call $input_length))
    (local.set $out (call $alloc (local.get $n)))
    (block $words
      (loop $word
        (br_if $words (i64.gt_u (i64.add (local.get $i) (i64.const 8)) (local.get $n)))
        (call $store_u64 (i64.add (local.get $out) (local.get $i)) (call $input_load_u64 (local.get $i)))
        (local.set $i (i64.add (local.get $i) (i64.const 8)))
        (br $word)))
    (block $bytes
      (loop $byte
        (br_if $bytes (i64.ge_u (local.get $i) (local.get $n)))
        (call $store_u8 (i64.add (local.get $out) (local.get $i)) (call $input_load_u8 (local.get $i)))
        (local.set $i (i64.add (local.get $i) (i64.const 1)))
        (br $byte)))
    (call $output_set (local.get $out) (local.get $n))
    (i32.const 0))

  (func (export "fail") (result i32)
    (call $error_set (call $to_kernel (i32.const 0) (i32.const 9)))
    (i32.const 1))

  (func (export "silentFail") (result i32) (i32.const 7))

  ;; the config value whose key is the input, or an empty output
  (func (export "config") (result i32)
    (local $value i64)
    (local.set $value (call $config_get (call $input_offset)))
    (if (i64.ne (local.get $value) (i64.const 0))
      (then (call $output_set (local.get $value) (call $length (local.get $value)))))
    (i32.const 0))

  ;; var "count" (one byte) incremented; the output is its new value
  (func (export "count") (result i32)
    (local $key i64) (local $value i64) (local $n i32)
    (local.set $key (call $to_kernel (i32.const 16) (i32.const 5)))
    (local.set $value (call $var_get (local.get $key)))
    (if (i64.ne (local.get $value) (i64.const 0))
      (then (local.set $n (call $load_u8 (local.get $value)))))
    (local.set $value (call $alloc (i64.const 1)))
    (call $store_u8 (local.get $value) (i32.add (local.get $n) (i32.const 1)))
    (call $var_set (local.get $key) (local.get $value))
    (call $output_set (local.get $value) (i64.const 1))
    (i32.const 0))

  (func (export "log") (result i32)
    (call $log_info (call $to_kernel (i32.const 32) (i32.const 9)))
    (i32.const 0))

  ;; hostile
  (func (export "wildLoad") (result i32) (drop (call $load_u64 (i64.const 0x7fffffff00))) (i32.const 0))
  (func (export "wildStore") (result i32) (call $store_u8 (i64.const -1) (i32.const 1)) (i32.const 0))
  (func (export "wildOutput") (result i32) (call $output_set (i64.const 16) (i64.const 1000000)) (i32.const 0))
  (func (export "wildInput") (result i32) (drop (call $input_load_u64 (call $input_length))) (i32.const 0))
  (func (export "http") (result i32) (drop (call $http_request (i64.const 0) (i64.const 0))) (i32.const 0))
  (func (export "hog") (result i32)
    (call $output_set (i64.const 0) (i64.const 0))
    (if (i64.eqz (call $alloc (i64.const 0x10000000))) (then (return (i32.const 2))))
    (i32.const 0))
  (func (export "freeInput") (result i32)
    (call $free (call $input_offset))
    (i32.const 0))
)
