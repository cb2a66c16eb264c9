;; A core module importing something besides WASI preview 1: refused by name (plugins serve
;; components only).
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func (param i32)))
  (import "env" "log" (func (param i32)))
  (func (export "_start")))
