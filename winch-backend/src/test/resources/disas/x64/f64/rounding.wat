;; f64 ceil, floor, trunc and nearest with SSE4.1's round instruction (the default target has it;
;; without SSE4.1 they are not compiled yet).
(module
  (func $ceil (param f64) (result f64) (f64.ceil (local.get 0)))
  (func $floor (param f64) (result f64) (f64.floor (local.get 0)))
  (func $trunc (param f64) (result f64) (f64.trunc (local.get 0)))
  (func $nearest (param f64) (result f64) (f64.nearest (local.get 0))))
