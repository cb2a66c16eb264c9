;; Plugin components, chained: exports wasmplug:chain/base with answer() -> u32 (42).
;; chain-top.wasm imports it; chain-guest.wasm imports chain-top's export.
(component
  (core module $m (func (export "answer") (result i32) i32.const 42))
  (core instance $i (instantiate $m))
  (func $answer (result u32) (canon lift (core func $i "answer")))
  (instance $base (export "answer" (func $answer)))
  (export "wasmplug:chain/base@0.1.0" (instance $base)))
