;; RunCommandTest: a memory of 2 GiB from the start, past the default store limit, that grows by
;; what it is asked.
(module
  (memory 32768)
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))
