;; A host function doing work for the guest, for HostCheckpointTest: env.work(n) works n rounds.
(module
  (import "env" "work" (func $work (param i32)))
  (func (export "run") (param i32) (call $work (local.get 0))))
