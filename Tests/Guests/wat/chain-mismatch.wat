;; A plugin component whose wasmplug:chain/top export does not match what chain-guest.wasm
;; imports: answer() returns u64 here, u32 there.
(component
  (core module $m (func (export "answer") (result i64) i64.const 7))
  (core instance $i (instantiate $m))
  (func $answer (result u64) (canon lift (core func $i "answer")))
  (instance $top (export "answer" (func $answer)))
  (export "wasmplug:chain/top@0.1.0" (instance $top)))
