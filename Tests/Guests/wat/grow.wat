;; grow() grows its memory one 64 KiB page at a time until memory.grow fails, and returns
;; the page count reached: for --max-memory.
(component
  (core module $m
    (memory (export "memory") 1)
    (func (export "grow") (result i32)
      (block $full
        (loop $more
          (br_if $full (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
          (br $more)))
      memory.size))
  (core instance $i (instantiate $m))
  (func (export "grow") (result u32) (canon lift (core func $i "grow"))))
