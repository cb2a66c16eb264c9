;; A component importing a WASI 0.3 interface: the Wasmtime 50 C API cannot provide it, and run
;; must say so plainly instead of asking for a plugin.
(component
  (import "wasi:cli/environment@0.3.0" (instance
    (export "get-arguments" (func (result (list string))))))
  (core module $m (func (export "answer") (result i32) (i32.const 42)))
  (core instance $i (instantiate $m))
  (func (export "answer") (result u32) (canon lift (core func $i "answer"))))
