;; boom() executes `unreachable`: a trap.
(component
  (core module $m (func (export "boom") unreachable))
  (core instance $i (instantiate $m))
  (func (export "boom") (canon lift (core func $i "boom"))))
