;; The guest of the plugin-component chain: imports wasmplug:chain/top; its answer() returns
;; top's answer (43 when chain-top.wasm serves it over chain-base.wasm).
(component
  (import "wasmplug:chain/top@0.1.0" (instance $top (export "answer" (func (result u32)))))
  (core func $top-answer (canon lower (func $top "answer")))
  (core module $m
    (import "top" "answer" (func $answer (result i32)))
    (func (export "answer") (result i32) (call $answer)))
  (core instance $i (instantiate $m (with "top" (instance (export "answer" (func $top-answer))))))
  (func (export "answer") (result u32) (canon lift (core func $i "answer"))))
