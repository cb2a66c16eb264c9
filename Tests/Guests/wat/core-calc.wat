;; A core module without _start, for `--invoke` as Wasmtime does it: numbers in and out, an
;; endless loop (fuel, timeouts) and memory growth until it fails (max memory size).
(module
  (memory (export "memory") 1)
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "mul64") (param i64 i64) (result i64) (i64.mul (local.get 0) (local.get 1)))
  (func (export "half") (param f64) (result f64) (f64.div (local.get 0) (f64.const 2)))
  (func (export "pair") (result i32 i64) (i32.const 1) (i64.const 2))
  (func (export "spin") (loop $forever br $forever))
  (func (export "grow") (result i32)
    (block $full
      (loop $more
        (br_if $full (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
        (br $more)))
    memory.size))
