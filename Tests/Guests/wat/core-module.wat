;; A core module, not a component: run must say so.
(module (func (export "_start")))
