;; f32 ceil, floor, trunc and nearest with SSE4.1's round instruction (the default target has it;
;; without SSE4.1 they are not compiled yet).
(module
  (func $ceil (param f32) (result f32) (f32.ceil (local.get 0)))
  (func $floor (param f32) (result f32) (f32.floor (local.get 0)))
  (func $trunc (param f32) (result f32) (f32.trunc (local.get 0)))
  (func $nearest (param f32) (result f32) (f32.nearest (local.get 0))))
