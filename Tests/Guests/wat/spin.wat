;; spin() never returns: for --fuel and --timeout.
(component
  (core module $m (func (export "spin") (loop $forever br $forever)))
  (core instance $i (instantiate $m))
  (func (export "spin") (canon lift (core func $i "spin"))))
