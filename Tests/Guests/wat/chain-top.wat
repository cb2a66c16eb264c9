;; Plugin components, chained: imports wasmplug:chain/base and exports wasmplug:chain/top,
;; whose answer() is base's answer plus 1.
(component
  (import "wasmplug:chain/base@0.1.0" (instance $base (export "answer" (func (result u32)))))
  (core func $base-answer (canon lower (func $base "answer")))
  (core module $m
    (import "base" "answer" (func $answer (result i32)))
    (func (export "answer") (result i32) (i32.add (call $answer) (i32.const 1))))
  (core instance $i (instantiate $m (with "base" (instance (export "answer" (func $base-answer))))))
  (func $answer (result u32) (canon lift (core func $i "answer")))
  (instance $top (export "answer" (func $answer)))
  (export "wasmplug:chain/top@0.1.0" (instance $top)))
