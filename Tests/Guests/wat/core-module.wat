;; The smallest core module: a `_start` that returns. Runs as a WASI preview 1 command (status 0);
;; refused where a component is expected (-P component=).
(module (func (export "_start")))
