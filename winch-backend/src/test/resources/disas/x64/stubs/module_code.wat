;; options: stubs
;; The shared code of a module: the trap handler, the host adapter (internal convention to the
;; host's upcall) and one entry trampoline per (params, results) shape.
(module
  (import "env" "host" (func $host (param i32)))
  (func $no_params)
  (func $two_params (param i32 i64) (result f64) (f64.const 0))
  (func $same_shape (param f32 f32) (result i32) (i32.const 0))
  (func $several_results (result i32 i32 i32) (i32.const 1) (i32.const 2) (i32.const 3)))
