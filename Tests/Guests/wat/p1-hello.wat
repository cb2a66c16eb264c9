;; A WASI preview 1 command in WAT: writes a line to stdout with fd_write, then proc_exit(3).
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  ;; An iovec at 0 pointing at the text at 16; fd_write stores the count written at 8.
  (data (i32.const 0) "\10\00\00\00\19\00\00\00")
  (data (i32.const 16) "hello from a core module\n")
  (func (export "_start")
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
    (call $proc_exit (i32.const 3))))
