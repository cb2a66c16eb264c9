;; A hostile guest for the native plugin tests: each export sends the echo plugin's
;; wasmplug:test/host something invalid. Every one must trap in the engine or the host,
;; before the plugin sees it; `valid` shows the plugin still works afterwards. `hoard` makes a
;; counter and never drops it: the store's teardown must.
(component
  (import "wasmplug:test/host@0.1.0" (instance $host
    (export "counter" (type $counter (sub resource)))
    (export "[constructor]counter" (func (param "start" u32) (result (own $counter))))
    (export "counter-total" (func (param "c" (borrow $counter)) (result u32)))
    (export "echo-string" (func (param "v" string) (result string)))
    (type $color (enum "red" "green" "blue"))
    (export "color" (type $color-export (eq $color)))
    (export "echo-color" (func (param "v" $color-export) (result $color-export)))))
  (alias export $host "counter" (type $counter))

  (core module $libc
    (memory (export "memory") 1)
    (global $next (mut i32) (i32.const 4096))
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $start i32)
      (local.set $start (global.get $next))
      (global.set $next (i32.add (global.get $next) (local.get 3)))
      (local.get $start)))
  (core instance $libc (instantiate $libc))

  (core func $new (canon lower (func $host "[constructor]counter")))
  (core func $total (canon lower (func $host "counter-total")))
  (core func $echo (canon lower (func $host "echo-string") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $color (canon lower (func $host "echo-color")))
  (core func $drop (canon resource.drop $counter))

  (core module $m
    (import "libc" "memory" (memory 1))
    (import "host" "new" (func $new (param i32) (result i32)))
    (import "host" "total" (func $total (param i32) (result i32)))
    (import "host" "echo" (func $echo (param i32 i32 i32)))
    (import "host" "color" (func $color (param i32) (result i32)))
    (import "host" "drop" (func $drop (param i32)))
    (data (i32.const 16) "\ff\fe\fd")
    (func (export "out-of-bounds") (call $echo (i32.const 65530) (i32.const 100) (i32.const 64)))
    (func (export "huge-length") (call $echo (i32.const 16) (i32.const 0x7fffffff) (i32.const 64)))
    (func (export "invalid-utf8") (call $echo (i32.const 16) (i32.const 3) (i32.const 64)))
    (func (export "bad-discriminant") (result i32) (call $color (i32.const 7)))
    (func (export "forged-handle") (result i32) (call $total (i32.const 99)))
    (func (export "dropped-handle") (result i32)
      (local $handle i32)
      (local.set $handle (call $new (i32.const 1)))
      (call $drop (local.get $handle))
      (call $total (local.get $handle)))
    (func (export "valid") (result i32) (call $total (call $new (i32.const 41))))
    (func (export "hoard") (drop (call $new (i32.const 7)))))
  (core instance $i (instantiate $m
    (with "libc" (instance $libc))
    (with "host" (instance
      (export "new" (func $new)) (export "total" (func $total)) (export "echo" (func $echo))
      (export "color" (func $color)) (export "drop" (func $drop))))))

  (func (export "out-of-bounds") (canon lift (core func $i "out-of-bounds")))
  (func (export "huge-length") (canon lift (core func $i "huge-length")))
  (func (export "invalid-utf8") (canon lift (core func $i "invalid-utf8")))
  (func (export "bad-discriminant") (result u32) (canon lift (core func $i "bad-discriminant")))
  (func (export "forged-handle") (result u32) (canon lift (core func $i "forged-handle")))
  (func (export "dropped-handle") (result u32) (canon lift (core func $i "dropped-handle")))
  (func (export "valid") (result u32) (canon lift (core func $i "valid")))
  (func (export "hoard") (canon lift (core func $i "hoard"))))
