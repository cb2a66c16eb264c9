;; Plugin components, in a cycle with chain-top.wasm: imports wasmplug:chain/top and exports
;; wasmplug:chain/base, which chain-top imports.
(component
  (import "wasmplug:chain/top@0.1.0" (instance $top (export "answer" (func (result u32)))))
  (core func $top-answer (canon lower (func $top "answer")))
  (core module $m
    (import "top" "answer" (func $answer (result i32)))
    (func (export "answer") (result i32) (call $answer)))
  (core instance $i (instantiate $m (with "top" (instance (export "answer" (func $top-answer))))))
  (func $answer (result u32) (canon lift (core func $i "answer")))
  (instance $base (export "answer" (func $answer)))
  (export "wasmplug:chain/base@0.1.0" (instance $base)))
