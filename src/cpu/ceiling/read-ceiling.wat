;; The CPU's memory-read ceiling for the benchmark (read-ceiling.ts), for the benchmark and the scaling panel: each worker
;; reads its share of a shared memory as fast as WebAssembly SIMD allows, doing nothing
;; with the bytes but adding them, so an epoch of training is held against the bytes
;; this machine can read. Assembled by scripts/build-wasm.mjs into read-ceiling-bytes.ts.
(module
  (import "env" "memory" (memory 1 65536 shared))
  ;; Σ of the float32 values in bytes [from, to) (a multiple of 64 apart), four vectors in
  ;; flight; returned so that no engine may skip the loads.
  (func (export "readSum") (param $from i32) (param $to i32) (result f32)
    (local $a v128) (local $b v128) (local $c v128) (local $d v128)
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $from) (local.get $to)))
        (local.set $a (f32x4.add (local.get $a) (v128.load (local.get $from))))
        (local.set $b (f32x4.add (local.get $b) (v128.load offset=16 (local.get $from))))
        (local.set $c (f32x4.add (local.get $c) (v128.load offset=32 (local.get $from))))
        (local.set $d (f32x4.add (local.get $d) (v128.load offset=48 (local.get $from))))
        (local.set $from (i32.add (local.get $from) (i32.const 64)))
        (br $each)))
    (local.set $a (f32x4.add (f32x4.add (local.get $a) (local.get $b)) (f32x4.add (local.get $c) (local.get $d))))
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $a)) (f32x4.extract_lane 1 (local.get $a)))
      (f32.add (f32x4.extract_lane 2 (local.get $a)) (f32x4.extract_lane 3 (local.get $a)))))
)
