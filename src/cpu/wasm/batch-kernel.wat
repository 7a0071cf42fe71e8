;; The CPU's inner loop in WebAssembly SIMD: the twin of src/cpu/batch-kernel.ts (the
;; float64 reference), reading the dataset straight from the shared memory the workers
;; hold it in. Assembled by scripts/build-wasm.mjs into batch-kernel-bytes.ts.
;;
;; Each worker owns a slot of SLOT_BYTES at the start of the memory (its `init` says
;; which): row addresses of a block, the block's float32 gradient sums, the weights as
;; float32 and the float64 sums. Rows go through in blocks of up to 256, four at a time:
;; z = b + w·x with float32 lanes over the features (the four partial vectors added
;; across by one transpose), then a, f'(z), dJ/dz and the loss for the four rows in the
;; four lanes of one vector, then Σ dJ/dz · x for the four rows, reading their features
;; again while they are in L1: one pass over the block instead of z first and the
;; gradient after, which measured the same (one thread, n = 2^22, d = 8, the two
;; interleaved, fastest of 20: 25.2-25.7 against 25.2-28.2 ms for identity + mse) and
;; needs no buffer of dJ/dz.
;;
;; Contiguous rows with d = 8 and identity + mse or sigmoid + bce (the benchmark's cases)
;; take $block8: the same arithmetic with the row addresses as constant offsets, the
;; weights and gradient sums in registers, no call and no mask, eight rows an iteration.
;; One thread, n = 2^22, d = 8, fastest of 15, interleaved runs on this shared 2-core
;; machine: identity + mse 24.1-27.6 -> 17.4-17.8 ms, sigmoid + bce 40-41 -> 23.3-24.2
;; ms, where a plain read of the same 151 MB takes 11-12 ms. With the rows in L2 the d = 8
;; block takes 6.5 ms (mse) and 15.5 ms (bce): mse is now bound by the stream from memory
;; (its compute overlaps it only in part), bce still by its instructions (about 40 a row,
;; a fifth of them loads of constants and spills). In Chromium, 2 workers, n = 2^24
;; (npm run bench, n16777216-full): mse 29.3 ms an epoch, 0.84 of the 24.5 GB/s read
;; ceiling (was 57.8 ms, 0.44), bce 48.1 ms, 0.51 (was 85.4 ms, 0.30).
;; Sums are float32 within a block and added into float64 at the end of each block, so
;; the rounding error grows with the block (256 rows), not with the batch.
;;
;; Features are read four at a time from unaligned row addresses; the weights' lanes past
;; d are zero, so the lanes that fall on the label or the next row add nothing to z, and
;; the gradient's lanes past d are never read back. The dataset must therefore be
;; followed by 12 readable bytes (the pool allocates 16).
;;
;; exp (for tanh, sigmoid and cross-entropy) is vectorised: e^x = 2^n e^r with
;; |r| <= ln2/2 and e^r = 1 + r + r² P(r), P of degree 4; log1p(t) for t in [0, 1] is
;; 2 atanh(s), s = t / (2 + t) <= 1/3, as 2 s + 2 s s² Q(s²), Q of degree 3. P and Q
;; were fitted for the least largest relative error (Lawson's iteration on 4000 points,
;; in float64: 3.1e-9 for exp, 4.5e-9 for log1p, against 5e-9 and 1.4e-8 for the Taylor
;; series to r^7 and s^13 they replace, with two and five operations fewer). They go by
;; Estrin's scheme (pairs of terms, then powers r², r⁴) rather than Horner's, a chain of
;; about half the latency, with the leading 1 (or 2 s) added last so its rounding stays
;; that of one addition. Measured against float64 (test/unit/wasm-kernel.test.ts): exp
;; within 9.8e-8 relative, log1p within 1.5e-7 (the Taylor versions by Horner: 9.2e-8,
;; 2.2e-7), each sample's dJ/dz and loss within 4.6e-7 (1 + |value|).
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; Layout of a slot, in bytes from its start.
  (global (export "SLOT_BYTES") i32 (i32.const 32768))
  (global $ROWS (export "ROWS") i32 (i32.const 0))              ;; 260 i32: row indices in, addresses after
  (global $ACC i32 (i32.const 1088))                            ;; 1028 f32: the block's Σ dJ/dz · x_j
  (global $WEIGHTS (export "WEIGHTS") i32 (i32.const 5200))     ;; 1028 f32: w, zero past d
  (global $SUMS (export "SUMS") i32 (i32.const 9312))           ;; 1028 f64: Σ dJ/dz · x_j
  (global $SUM_BIAS (export "SUM_BIAS") i32 (i32.const 17536))  ;; f64: Σ dJ/dz
  (global $SUM_LOSS (export "SUM_LOSS") i32 (i32.const 17544))  ;; f64: Σ loss
  (global (export "MAX_BLOCK") i32 (i32.const 256))

  ;; Start of this worker's slot.
  (global $slot (mut i32) (i32.const 0))

  (func (export "init") (param $slot i32)
    (global.set $slot (local.get $slot)))

  ;; Rows [first, first + count) of the dataset whose row 0 is at byte `base`.
  (func (export "sumRows") (param $base i32) (param $d i32) (param $first i32) (param $count i32)
    (param $bias f32) (param $act i32) (param $loss i32)
    (local $stride i32) (local $addr i32) (local $n i32) (local $i i32) (local $rows i32)
    (local.set $stride (i32.shl (i32.add (local.get $d) (i32.const 1)) (i32.const 2)))
    (local.set $rows (global.get $slot))
    (local.set $addr (i32.add (local.get $base) (i32.mul (local.get $first) (local.get $stride))))
    ;; d = 8 with identity + squared error or with cross-entropy: blocks of a multiple of
    ;; eight rows by $block8, touching lines 1 KiB ahead while that stays within these rows;
    ;; the last 0..7 rows (and every other case) by the generic $block below.
    (if (i32.and (i32.eq (local.get $d) (i32.const 8))
          (i32.or (i32.eq (local.get $loss) (i32.const 1)) (i32.eqz (i32.or (local.get $act) (local.get $loss)))))
      (then
        (block $whole
          (loop $blocks8
            (local.set $n (i32.and (select (local.get $count) (i32.const 256) (i32.lt_s (local.get $count) (i32.const 256))) (i32.const -8)))
            (br_if $whole (i32.le_s (local.get $n) (i32.const 0)))
            (call $block8 (local.get $addr) (local.get $n) (local.get $bias) (local.get $loss)
              ;; 1 KiB ahead while the rows after this block (count - n of them) hold the
              ;; touched lines: 1024 + 320 bytes (compared as a difference: no wrapping).
              (select (i32.const 1024) (i32.const 0)
                (i32.ge_u (i32.mul (i32.sub (local.get $count) (local.get $n)) (i32.const 36)) (i32.const 1344))))
            (local.set $addr (i32.add (local.get $addr) (i32.mul (local.get $n) (i32.const 36))))
            (local.set $count (i32.sub (local.get $count) (local.get $n)))
            (br $blocks8)))))
    (block $done
      (loop $blocks
        (br_if $done (i32.le_s (local.get $count) (i32.const 0)))
        (local.set $n (select (local.get $count) (i32.const 256) (i32.lt_s (local.get $count) (i32.const 256))))
        (local.set $i (i32.const 0))
        (loop $fill
          (i32.store (i32.add (local.get $rows) (i32.shl (local.get $i) (i32.const 2))) (local.get $addr))
          (local.set $addr (i32.add (local.get $addr) (local.get $stride)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $fill (i32.lt_s (local.get $i) (local.get $n))))
        (call $block (local.get $n) (local.get $d) (local.get $bias) (local.get $act) (local.get $loss))
        (local.set $count (i32.sub (local.get $count) (local.get $n)))
        (br $blocks))))

  ;; n rows (a multiple of eight, 8..256) of d = 8 from byte p on, contiguous, with identity
  ;; + squared error (loss 0) or sigmoid + cross-entropy (loss 1), two quads an iteration.
  ;; The rows of a quad lie at p + 36 r, so their addresses are constant offsets; the weights
  ;; and the block's float32 gradient sums stay in registers, x is read again from L1 for
  ;; the gradient rather than held (too many live vectors for the 16 registers), and exp and
  ;; log1p are written out (a call would spill every vector register). Each iteration also
  ;; loads one word of each cache line `ahead` bytes on (0: none; the caller keeps it within
  ;; the rows), so more of the stream is in flight: 7% faster for identity + mse.
  (func $block8 (param $p i32) (param $n i32) (param $bias f32) (param $loss i32) (param $ahead i32)
    (local $end i32) (local $o i32)
    (local $w0 v128) (local $w1 v128) (local $b v128) (local $g0 v128) (local $g1 v128)
    (local $sumB v128) (local $sumL v128)
    (local $q0 v128) (local $q1 v128) (local $q2 v128) (local $q3 v128)
    (local $z v128) (local $y v128) (local $dz v128) (local $l v128)
    (local $t v128) (local $v v128) (local $e v128) (local $r v128)
    (local.set $o (i32.add (global.get $slot) (global.get $WEIGHTS)))
    (local.set $w0 (v128.load (local.get $o)))
    (local.set $w1 (v128.load offset=16 (local.get $o)))
    (local.set $b (f32x4.splat (local.get $bias)))
    (local.set $end (i32.add (local.get $p) (i32.mul (local.get $n) (i32.const 36))))
    (if (i32.eq (local.get $loss) (i32.const 1))
      (then
        (loop $bce
          ;; Touch the five cache lines `ahead` bytes on: more of the stream in flight at once.
          (drop (i32.load (i32.add (local.get $p) (local.get $ahead))))
          (drop (i32.load offset=64 (i32.add (local.get $p) (local.get $ahead))))
          (drop (i32.load offset=128 (i32.add (local.get $p) (local.get $ahead))))
          (drop (i32.load offset=192 (i32.add (local.get $p) (local.get $ahead))))
          (drop (i32.load offset=256 (i32.add (local.get $p) (local.get $ahead))))
          (local.set $q0 (f32x4.add (f32x4.mul (local.get $w0) (v128.load (local.get $p))) (f32x4.mul (local.get $w1) (v128.load offset=16 (local.get $p)))))
          (local.set $q1 (f32x4.add (f32x4.mul (local.get $w0) (v128.load offset=36 (local.get $p))) (f32x4.mul (local.get $w1) (v128.load offset=52 (local.get $p)))))
          (local.set $q2 (f32x4.add (f32x4.mul (local.get $w0) (v128.load offset=72 (local.get $p))) (f32x4.mul (local.get $w1) (v128.load offset=88 (local.get $p)))))
          (local.set $q3 (f32x4.add (f32x4.mul (local.get $w0) (v128.load offset=108 (local.get $p))) (f32x4.mul (local.get $w1) (v128.load offset=124 (local.get $p)))))
          (local.set $q0 (f32x4.add
            (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $q0) (local.get $q1))
            (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $q0) (local.get $q1))))
          (local.set $q2 (f32x4.add
            (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $q2) (local.get $q3))
            (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $q2) (local.get $q3))))
          (local.set $z (f32x4.add (local.get $b) (f32x4.add
            (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $q0) (local.get $q2))
            (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $q0) (local.get $q2)))))
          (local.set $y (v128.load32_lane offset=140 3 (local.get $p) (v128.load32_lane offset=104 2 (local.get $p)
            (v128.load32_lane offset=68 1 (local.get $p) (v128.load32_zero offset=32 (local.get $p))))))
          ;; Sigmoid + cross-entropy, as $gradientAndLoss: t = e^-|z| ($expNeg), then
          ;; dJ/dz = sigmoid(z) - y and loss = max(z, 0) + log1p(t) - y z ($log1p).
          (local.set $v (f32x4.pmin (f32x4.abs (local.get $z)) (v128.const f32x4 87.3 87.3 87.3 87.3)))
          ;; m = round(x / ln 2), to nearest even, by adding 1.5 * 2^23 (whose ulp is 1).
          (local.set $e (f32x4.add (f32x4.mul (local.get $v) (v128.const f32x4 1.44269504 1.44269504 1.44269504 1.44269504)) (v128.const f32x4 12582912 12582912 12582912 12582912)))
          (local.set $r (f32x4.sub (local.get $e) (v128.const f32x4 12582912 12582912 12582912 12582912)))
          ;; -r = x - m ln2, with ln2 split in two so m ln2's rounding does not reach r; the
          ;; polynomial takes -r (odd coefficients negated), the same arithmetic as in r.
          (local.set $r (f32x4.sub
            (f32x4.sub (local.get $v) (f32x4.mul (local.get $r) (v128.const f32x4 0.693359375 0.693359375 0.693359375 0.693359375)))
            (f32x4.mul (local.get $r) (v128.const f32x4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4))))
          (local.set $q0 (f32x4.mul (local.get $r) (local.get $r)))
          (local.set $q1 (f32x4.mul (local.get $q0) (local.get $q0)))
          (local.set $t (f32x4.add (v128.const f32x4 1 1 1 1)
            (f32x4.add (f32x4.sub (f32x4.mul (local.get $q0) (f32x4.add (v128.const f32x4 0.49999994 0.49999994 0.49999994 0.49999994) (f32x4.mul (local.get $r) (v128.const f32x4 -0.16666520 -0.16666520 -0.16666520 -0.16666520)))) (local.get $r))
              (f32x4.mul (local.get $q1) (f32x4.add (f32x4.add (v128.const f32x4 0.041668393 0.041668393 0.041668393 0.041668393) (f32x4.mul (local.get $r) (v128.const f32x4 -0.0083687482 -0.0083687482 -0.0083687482 -0.0083687482))) (f32x4.mul (local.get $q0) (v128.const f32x4 0.0013814543 0.0013814543 0.0013814543 0.0013814543)))))))
          ;; 2^n = 2^-m: 127 - m in the exponent bits (m is in the low bits of 1.5 * 2^23 + m).
          (local.set $t (f32x4.mul (local.get $t)
            (i32x4.sub (v128.const i32x4 0x3f800000 0x3f800000 0x3f800000 0x3f800000) (i32x4.shl (local.get $e) (i32.const 23)))))
          (local.set $dz (f32x4.sub (f32x4.div
            (v128.bitselect (v128.const f32x4 1 1 1 1) (local.get $t) (f32x4.ge (local.get $z) (v128.const f32x4 0 0 0 0)))
            (f32x4.add (v128.const f32x4 1 1 1 1) (local.get $t))) (local.get $y)))
          (local.set $v (f32x4.div (local.get $t) (f32x4.add (v128.const f32x4 2 2 2 2) (local.get $t))))
          (local.set $r (f32x4.mul (local.get $v) (local.get $v)))
          (local.set $q0 (f32x4.mul (local.get $r) (local.get $r)))
          (local.set $e (f32x4.mul (local.get $r) (f32x4.add
              (f32x4.add (v128.const f32x4 0.33333209 0.33333209 0.33333209 0.33333209) (f32x4.mul (local.get $r) (v128.const f32x4 0.20010765 0.20010765 0.20010765 0.20010765)))
              (f32x4.mul (local.get $q0) (f32x4.add (v128.const f32x4 0.14000887 0.14000887 0.14000887 0.14000887) (f32x4.mul (local.get $r) (v128.const f32x4 0.14006078 0.14006078 0.14006078 0.14006078)))))))
          (local.set $l (f32x4.sub
            (f32x4.add (f32x4.pmax (local.get $z) (v128.const f32x4 0 0 0 0)) (f32x4.add (f32x4.add (local.get $v) (local.get $v)) (f32x4.mul (f32x4.add (local.get $v) (local.get $v)) (local.get $e))))
            (f32x4.mul (local.get $y) (local.get $z))))
          (local.set $sumB (f32x4.add (local.get $sumB) (local.get $dz)))
          (local.set $sumL (f32x4.add (local.get $sumL) (local.get $l)))
          (local.set $q0 (i8x16.shuffle 0 1 2 3 0 1 2 3 0 1 2 3 0 1 2 3 (local.get $dz) (local.get $dz)))
          (local.set $q1 (i8x16.shuffle 4 5 6 7 4 5 6 7 4 5 6 7 4 5 6 7 (local.get $dz) (local.get $dz)))
          (local.set $q2 (i8x16.shuffle 8 9 10 11 8 9 10 11 8 9 10 11 8 9 10 11 (local.get $dz) (local.get $dz)))
          (local.set $q3 (i8x16.shuffle 12 13 14 15 12 13 14 15 12 13 14 15 12 13 14 15 (local.get $dz) (local.get $dz)))
          (local.set $g0 (f32x4.add (local.get $g0) (f32x4.add
            (f32x4.add (f32x4.mul (local.get $q0) (v128.load (local.get $p))) (f32x4.mul (local.get $q1) (v128.load offset=36 (local.get $p))))
            (f32x4.add (f32x4.mul (local.get $q2) (v128.load offset=72 (local.get $p))) (f32x4.mul (local.get $q3) (v128.load offset=108 (local.get $p)))))))
          (local.set $g1 (f32x4.add (local.get $g1) (f32x4.add
            (f32x4.add (f32x4.mul (local.get $q0) (v128.load offset=16 (local.get $p))) (f32x4.mul (local.get $q1) (v128.load offset=52 (local.get $p))))
            (f32x4.add (f32x4.mul (local.get $q2) (v128.load offset=88 (local.get $p))) (f32x4.mul (local.get $q3) (v128.load offset=124 (local.get $p)))))))
          ;; The second quad, 144 bytes on: the same.
          (local.set $q0 (f32x4.add (f32x4.mul (local.get $w0) (v128.load offset=144 (local.get $p))) (f32x4.mul (local.get $w1) (v128.load offset=160 (local.get $p)))))
          (local.set $q1 (f32x4.add (f32x4.mul (local.get $w0) (v128.load offset=180 (local.get $p))) (f32x4.mul (local.get $w1) (v128.load offset=196 (local.get $p)))))
          (local.set $q2 (f32x4.add (f32x4.mul (local.get $w0) (v128.load offset=216 (local.get $p))) (f32x4.mul (local.get $w1) (v128.load offset=232 (local.get $p)))))
          (local.set $q3 (f32x4.add (f32x4.mul (local.get $w0) (v128.load offset=252 (local.get $p))) (f32x4.mul (local.get $w1) (v128.load offset=268 (local.get $p)))))
          (local.set $q0 (f32x4.add
            (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $q0) (local.get $q1))
            (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $q0) (local.get $q1))))
          (local.set $q2 (f32x4.add
            (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $q2) (local.get $q3))
            (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $q2) (local.get $q3))))
          (local.set $z (f32x4.add (local.get $b) (f32x4.add
            (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $q0) (local.get $q2))
            (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $q0) (local.get $q2)))))
          (local.set $y (v128.load32_lane offset=284 3 (local.get $p) (v128.load32_lane offset=248 2 (local.get $p)
            (v128.load32_lane offset=212 1 (local.get $p) (v128.load32_zero offset=176 (local.get $p))))))
          (local.set $v (f32x4.pmin (f32x4.abs (local.get $z)) (v128.const f32x4 87.3 87.3 87.3 87.3)))
          (local.set $e (f32x4.add (f32x4.mul (local.get $v) (v128.const f32x4 1.44269504 1.44269504 1.44269504 1.44269504)) (v128.const f32x4 12582912 12582912 12582912 12582912)))
          (local.set $r (f32x4.sub (local.get $e) (v128.const f32x4 12582912 12582912 12582912 12582912)))
          (local.set $r (f32x4.sub
            (f32x4.sub (local.get $v) (f32x4.mul (local.get $r) (v128.const f32x4 0.693359375 0.693359375 0.693359375 0.693359375)))
            (f32x4.mul (local.get $r) (v128.const f32x4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4))))
          (local.set $q0 (f32x4.mul (local.get $r) (local.get $r)))
          (local.set $q1 (f32x4.mul (local.get $q0) (local.get $q0)))
          (local.set $t (f32x4.add (v128.const f32x4 1 1 1 1)
            (f32x4.add (f32x4.sub (f32x4.mul (local.get $q0) (f32x4.add (v128.const f32x4 0.49999994 0.49999994 0.49999994 0.49999994) (f32x4.mul (local.get $r) (v128.const f32x4 -0.16666520 -0.16666520 -0.16666520 -0.16666520)))) (local.get $r))
              (f32x4.mul (local.get $q1) (f32x4.add (f32x4.add (v128.const f32x4 0.041668393 0.041668393 0.041668393 0.041668393) (f32x4.mul (local.get $r) (v128.const f32x4 -0.0083687482 -0.0083687482 -0.0083687482 -0.0083687482))) (f32x4.mul (local.get $q0) (v128.const f32x4 0.0013814543 0.0013814543 0.0013814543 0.0013814543)))))))
          (local.set $t (f32x4.mul (local.get $t)
            (i32x4.sub (v128.const i32x4 0x3f800000 0x3f800000 0x3f800000 0x3f800000) (i32x4.shl (local.get $e) (i32.const 23)))))
          (local.set $dz (f32x4.sub (f32x4.div
            (v128.bitselect (v128.const f32x4 1 1 1 1) (local.get $t) (f32x4.ge (local.get $z) (v128.const f32x4 0 0 0 0)))
            (f32x4.add (v128.const f32x4 1 1 1 1) (local.get $t))) (local.get $y)))
          (local.set $v (f32x4.div (local.get $t) (f32x4.add (v128.const f32x4 2 2 2 2) (local.get $t))))
          (local.set $r (f32x4.mul (local.get $v) (local.get $v)))
          (local.set $q0 (f32x4.mul (local.get $r) (local.get $r)))
          (local.set $e (f32x4.mul (local.get $r) (f32x4.add
              (f32x4.add (v128.const f32x4 0.33333209 0.33333209 0.33333209 0.33333209) (f32x4.mul (local.get $r) (v128.const f32x4 0.20010765 0.20010765 0.20010765 0.20010765)))
              (f32x4.mul (local.get $q0) (f32x4.add (v128.const f32x4 0.14000887 0.14000887 0.14000887 0.14000887) (f32x4.mul (local.get $r) (v128.const f32x4 0.14006078 0.14006078 0.14006078 0.14006078)))))))
          (local.set $l (f32x4.sub
            (f32x4.add (f32x4.pmax (local.get $z) (v128.const f32x4 0 0 0 0)) (f32x4.add (f32x4.add (local.get $v) (local.get $v)) (f32x4.mul (f32x4.add (local.get $v) (local.get $v)) (local.get $e))))
            (f32x4.mul (local.get $y) (local.get $z))))
          (local.set $sumB (f32x4.add (local.get $sumB) (local.get $dz)))
          (local.set $sumL (f32x4.add (local.get $sumL) (local.get $l)))
          (local.set $q0 (i8x16.shuffle 0 1 2 3 0 1 2 3 0 1 2 3 0 1 2 3 (local.get $dz) (local.get $dz)))
          (local.set $q1 (i8x16.shuffle 4 5 6 7 4 5 6 7 4 5 6 7 4 5 6 7 (local.get $dz) (local.get $dz)))
          (local.set $q2 (i8x16.shuffle 8 9 10 11 8 9 10 11 8 9 10 11 8 9 10 11 (local.get $dz) (local.get $dz)))
          (local.set $q3 (i8x16.shuffle 12 13 14 15 12 13 14 15 12 13 14 15 12 13 14 15 (local.get $dz) (local.get $dz)))
          (local.set $g0 (f32x4.add (local.get $g0) (f32x4.add
            (f32x4.add (f32x4.mul (local.get $q0) (v128.load offset=144 (local.get $p))) (f32x4.mul (local.get $q1) (v128.load offset=180 (local.get $p))))
            (f32x4.add (f32x4.mul (local.get $q2) (v128.load offset=216 (local.get $p))) (f32x4.mul (local.get $q3) (v128.load offset=252 (local.get $p)))))))
          (local.set $g1 (f32x4.add (local.get $g1) (f32x4.add
            (f32x4.add (f32x4.mul (local.get $q0) (v128.load offset=160 (local.get $p))) (f32x4.mul (local.get $q1) (v128.load offset=196 (local.get $p))))
            (f32x4.add (f32x4.mul (local.get $q2) (v128.load offset=232 (local.get $p))) (f32x4.mul (local.get $q3) (v128.load offset=268 (local.get $p)))))))
          (local.set $p (i32.add (local.get $p) (i32.const 288)))
          (br_if $bce (i32.lt_u (local.get $p) (local.get $end)))))
      (else
        (loop $mse
          ;; Touch the five cache lines `ahead` bytes on: more of the stream in flight at once.
          (drop (i32.load (i32.add (local.get $p) (local.get $ahead))))
          (drop (i32.load offset=64 (i32.add (local.get $p) (local.get $ahead))))
          (drop (i32.load offset=128 (i32.add (local.get $p) (local.get $ahead))))
          (drop (i32.load offset=192 (i32.add (local.get $p) (local.get $ahead))))
          (drop (i32.load offset=256 (i32.add (local.get $p) (local.get $ahead))))
          (local.set $q0 (f32x4.add (f32x4.mul (local.get $w0) (v128.load (local.get $p))) (f32x4.mul (local.get $w1) (v128.load offset=16 (local.get $p)))))
          (local.set $q1 (f32x4.add (f32x4.mul (local.get $w0) (v128.load offset=36 (local.get $p))) (f32x4.mul (local.get $w1) (v128.load offset=52 (local.get $p)))))
          (local.set $q2 (f32x4.add (f32x4.mul (local.get $w0) (v128.load offset=72 (local.get $p))) (f32x4.mul (local.get $w1) (v128.load offset=88 (local.get $p)))))
          (local.set $q3 (f32x4.add (f32x4.mul (local.get $w0) (v128.load offset=108 (local.get $p))) (f32x4.mul (local.get $w1) (v128.load offset=124 (local.get $p)))))
          (local.set $q0 (f32x4.add
            (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $q0) (local.get $q1))
            (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $q0) (local.get $q1))))
          (local.set $q2 (f32x4.add
            (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $q2) (local.get $q3))
            (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $q2) (local.get $q3))))
          (local.set $z (f32x4.add (local.get $b) (f32x4.add
            (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $q0) (local.get $q2))
            (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $q0) (local.get $q2)))))
          (local.set $y (v128.load32_lane offset=140 3 (local.get $p) (v128.load32_lane offset=104 2 (local.get $p)
            (v128.load32_lane offset=68 1 (local.get $p) (v128.load32_zero offset=32 (local.get $p))))))
          ;; Identity + squared error: dJ/dz = 2 (z - y), loss = (z - y)².
          (local.set $l (f32x4.sub (local.get $z) (local.get $y)))
          (local.set $dz (f32x4.add (local.get $l) (local.get $l)))
          (local.set $l (f32x4.mul (local.get $l) (local.get $l)))
          (local.set $sumB (f32x4.add (local.get $sumB) (local.get $dz)))
          (local.set $sumL (f32x4.add (local.get $sumL) (local.get $l)))
          (local.set $q0 (i8x16.shuffle 0 1 2 3 0 1 2 3 0 1 2 3 0 1 2 3 (local.get $dz) (local.get $dz)))
          (local.set $q1 (i8x16.shuffle 4 5 6 7 4 5 6 7 4 5 6 7 4 5 6 7 (local.get $dz) (local.get $dz)))
          (local.set $q2 (i8x16.shuffle 8 9 10 11 8 9 10 11 8 9 10 11 8 9 10 11 (local.get $dz) (local.get $dz)))
          (local.set $q3 (i8x16.shuffle 12 13 14 15 12 13 14 15 12 13 14 15 12 13 14 15 (local.get $dz) (local.get $dz)))
          (local.set $g0 (f32x4.add (local.get $g0) (f32x4.add
            (f32x4.add (f32x4.mul (local.get $q0) (v128.load (local.get $p))) (f32x4.mul (local.get $q1) (v128.load offset=36 (local.get $p))))
            (f32x4.add (f32x4.mul (local.get $q2) (v128.load offset=72 (local.get $p))) (f32x4.mul (local.get $q3) (v128.load offset=108 (local.get $p)))))))
          (local.set $g1 (f32x4.add (local.get $g1) (f32x4.add
            (f32x4.add (f32x4.mul (local.get $q0) (v128.load offset=16 (local.get $p))) (f32x4.mul (local.get $q1) (v128.load offset=52 (local.get $p))))
            (f32x4.add (f32x4.mul (local.get $q2) (v128.load offset=88 (local.get $p))) (f32x4.mul (local.get $q3) (v128.load offset=124 (local.get $p)))))))
          ;; The second quad, 144 bytes on: the same.
          (local.set $q0 (f32x4.add (f32x4.mul (local.get $w0) (v128.load offset=144 (local.get $p))) (f32x4.mul (local.get $w1) (v128.load offset=160 (local.get $p)))))
          (local.set $q1 (f32x4.add (f32x4.mul (local.get $w0) (v128.load offset=180 (local.get $p))) (f32x4.mul (local.get $w1) (v128.load offset=196 (local.get $p)))))
          (local.set $q2 (f32x4.add (f32x4.mul (local.get $w0) (v128.load offset=216 (local.get $p))) (f32x4.mul (local.get $w1) (v128.load offset=232 (local.get $p)))))
          (local.set $q3 (f32x4.add (f32x4.mul (local.get $w0) (v128.load offset=252 (local.get $p))) (f32x4.mul (local.get $w1) (v128.load offset=268 (local.get $p)))))
          (local.set $q0 (f32x4.add
            (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $q0) (local.get $q1))
            (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $q0) (local.get $q1))))
          (local.set $q2 (f32x4.add
            (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $q2) (local.get $q3))
            (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $q2) (local.get $q3))))
          (local.set $z (f32x4.add (local.get $b) (f32x4.add
            (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $q0) (local.get $q2))
            (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $q0) (local.get $q2)))))
          (local.set $y (v128.load32_lane offset=284 3 (local.get $p) (v128.load32_lane offset=248 2 (local.get $p)
            (v128.load32_lane offset=212 1 (local.get $p) (v128.load32_zero offset=176 (local.get $p))))))
          (local.set $l (f32x4.sub (local.get $z) (local.get $y)))
          (local.set $dz (f32x4.add (local.get $l) (local.get $l)))
          (local.set $l (f32x4.mul (local.get $l) (local.get $l)))
          (local.set $sumB (f32x4.add (local.get $sumB) (local.get $dz)))
          (local.set $sumL (f32x4.add (local.get $sumL) (local.get $l)))
          (local.set $q0 (i8x16.shuffle 0 1 2 3 0 1 2 3 0 1 2 3 0 1 2 3 (local.get $dz) (local.get $dz)))
          (local.set $q1 (i8x16.shuffle 4 5 6 7 4 5 6 7 4 5 6 7 4 5 6 7 (local.get $dz) (local.get $dz)))
          (local.set $q2 (i8x16.shuffle 8 9 10 11 8 9 10 11 8 9 10 11 8 9 10 11 (local.get $dz) (local.get $dz)))
          (local.set $q3 (i8x16.shuffle 12 13 14 15 12 13 14 15 12 13 14 15 12 13 14 15 (local.get $dz) (local.get $dz)))
          (local.set $g0 (f32x4.add (local.get $g0) (f32x4.add
            (f32x4.add (f32x4.mul (local.get $q0) (v128.load offset=144 (local.get $p))) (f32x4.mul (local.get $q1) (v128.load offset=180 (local.get $p))))
            (f32x4.add (f32x4.mul (local.get $q2) (v128.load offset=216 (local.get $p))) (f32x4.mul (local.get $q3) (v128.load offset=252 (local.get $p)))))))
          (local.set $g1 (f32x4.add (local.get $g1) (f32x4.add
            (f32x4.add (f32x4.mul (local.get $q0) (v128.load offset=160 (local.get $p))) (f32x4.mul (local.get $q1) (v128.load offset=196 (local.get $p))))
            (f32x4.add (f32x4.mul (local.get $q2) (v128.load offset=232 (local.get $p))) (f32x4.mul (local.get $q3) (v128.load offset=268 (local.get $p)))))))
          (local.set $p (i32.add (local.get $p) (i32.const 288)))
          (br_if $mse (i32.lt_u (local.get $p) (local.get $end))))))
    ;; The block's float32 sums into float64.
    (local.set $o (i32.add (global.get $slot) (global.get $SUMS)))
    (v128.store (local.get $o) (f64x2.add (v128.load (local.get $o)) (f64x2.promote_low_f32x4 (local.get $g0))))
    (v128.store offset=16 (local.get $o) (f64x2.add (v128.load offset=16 (local.get $o))
      (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $g0) (local.get $g0)))))
    (v128.store offset=32 (local.get $o) (f64x2.add (v128.load offset=32 (local.get $o)) (f64x2.promote_low_f32x4 (local.get $g1))))
    (v128.store offset=48 (local.get $o) (f64x2.add (v128.load offset=48 (local.get $o))
      (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $g1) (local.get $g1)))))
    (local.set $o (i32.add (global.get $slot) (global.get $SUM_BIAS)))
    (f64.store (local.get $o) (f64.add (f64.load (local.get $o)) (call $across (local.get $sumB))))
    (local.set $o (i32.add (global.get $slot) (global.get $SUM_LOSS)))
    (f64.store (local.get $o) (f64.add (f64.load (local.get $o)) (call $across (local.get $sumL)))))

  ;; The rows whose indices are at ROWS[0 .. count), count <= 256 (a shuffled block).
  (func (export "sumListed") (param $base i32) (param $d i32) (param $count i32)
    (param $bias f32) (param $act i32) (param $loss i32)
    (local $stride i32) (local $p i32) (local $end i32)
    (local.set $stride (i32.shl (i32.add (local.get $d) (i32.const 1)) (i32.const 2)))
    (local.set $p (global.get $slot))
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $count) (i32.const 2))))
    (block $done
      (loop $convert
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (i32.store (local.get $p)
          (i32.add (local.get $base) (i32.mul (i32.load (local.get $p)) (local.get $stride))))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br $convert)))
    (if (i32.gt_s (local.get $count) (i32.const 0))
      (then (call $block (local.get $count) (local.get $d) (local.get $bias) (local.get $act) (local.get $loss)))))

  ;; One block of n rows (1..256) whose addresses are at ROWS, four rows at a time, in
  ;; one pass: the rows' features are read for z, then read again from L1 for the gradient.
  (func $block (param $n i32) (param $d i32) (param $bias f32) (param $act i32) (param $loss i32)
    (local $rows i32) (local $acc i32) (local $w i32) (local $sums i32)
    (local $i i32) (local $o i32) (local $chunkBytes i32) (local $labelOffset i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32)
    (local $p0 v128) (local $p1 v128) (local $p2 v128) (local $p3 v128) (local $wk v128)
    (local $z v128) (local $y v128) (local $dz v128) (local $l v128) (local $valid v128)
    (local $g0 v128) (local $g1 v128) (local $g2 v128) (local $g3 v128)
    (local $sumB v128) (local $sumL v128) (local $sum v128)
    (local.set $rows (global.get $slot))
    (local.set $acc (i32.add (global.get $slot) (global.get $ACC)))
    (local.set $w (i32.add (global.get $slot) (global.get $WEIGHTS)))
    (local.set $sums (i32.add (global.get $slot) (global.get $SUMS)))
    ;; Bytes of the features rounded up to whole vectors.
    (local.set $chunkBytes (i32.shl (i32.and (i32.add (local.get $d) (i32.const 3)) (i32.const -4)) (i32.const 2)))
    (local.set $labelOffset (i32.shl (local.get $d) (i32.const 2)))
    (local.set $o (i32.const 0))
    (loop $clear
      (v128.store (i32.add (local.get $acc) (local.get $o)) (v128.const f32x4 0 0 0 0))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br_if $clear (i32.lt_u (local.get $o) (local.get $chunkBytes))))
    ;; Pad the block to a multiple of four rows with its first row; their lanes are masked.
    (local.set $i (local.get $n))
    (block $padded
      (loop $pad
        (br_if $padded (i32.eqz (i32.and (local.get $i) (i32.const 3))))
        (i32.store (i32.add (local.get $rows) (i32.shl (local.get $i) (i32.const 2))) (i32.load (local.get $rows)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $pad)))
    (local.set $sumB (v128.const f32x4 0 0 0 0))
    (local.set $sumL (v128.const f32x4 0 0 0 0))
    (local.set $i (i32.const 0))
    (loop $quads
      (local.set $a0 (i32.load (i32.add (local.get $rows) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $a1 (i32.load offset=4 (i32.add (local.get $rows) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $a2 (i32.load offset=8 (i32.add (local.get $rows) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $a3 (i32.load offset=12 (i32.add (local.get $rows) (i32.shl (local.get $i) (i32.const 2)))))
      ;; z = b + w·x: float32 lanes over the features, one partial vector per row.
      (local.set $p0 (v128.const f32x4 0 0 0 0))
      (local.set $p1 (v128.const f32x4 0 0 0 0))
      (local.set $p2 (v128.const f32x4 0 0 0 0))
      (local.set $p3 (v128.const f32x4 0 0 0 0))
      (local.set $o (i32.const 0))
      (loop $forward
        (local.set $wk (v128.load (i32.add (local.get $w) (local.get $o))))
        (local.set $p0 (f32x4.add (local.get $p0) (f32x4.mul (local.get $wk) (v128.load (i32.add (local.get $a0) (local.get $o))))))
        (local.set $p1 (f32x4.add (local.get $p1) (f32x4.mul (local.get $wk) (v128.load (i32.add (local.get $a1) (local.get $o))))))
        (local.set $p2 (f32x4.add (local.get $p2) (f32x4.mul (local.get $wk) (v128.load (i32.add (local.get $a2) (local.get $o))))))
        (local.set $p3 (f32x4.add (local.get $p3) (f32x4.mul (local.get $wk) (v128.load (i32.add (local.get $a3) (local.get $o))))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br_if $forward (i32.lt_u (local.get $o) (local.get $chunkBytes))))
      ;; z of the four rows in four lanes: add each partial vector across, by a transpose.
      (local.set $p0 (f32x4.add
        (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $p0) (local.get $p1))
        (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $p0) (local.get $p1))))
      (local.set $p2 (f32x4.add
        (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $p2) (local.get $p3))
        (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $p2) (local.get $p3))))
      (local.set $z (f32x4.add (f32x4.splat (local.get $bias)) (f32x4.add
        (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $p0) (local.get $p2))
        (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $p0) (local.get $p2)))))
      (local.set $y (f32x4.replace_lane 3 (f32x4.replace_lane 2 (f32x4.replace_lane 1
        (f32x4.splat (f32.load (i32.add (local.get $a0) (local.get $labelOffset))))
        (f32.load (i32.add (local.get $a1) (local.get $labelOffset))))
        (f32.load (i32.add (local.get $a2) (local.get $labelOffset))))
        (f32.load (i32.add (local.get $a3) (local.get $labelOffset)))))
      (call $gradientAndLoss (local.get $z) (local.get $y) (local.get $act) (local.get $loss))
      (local.set $l)
      (local.set $dz)
      ;; Lanes of padding rows (i + lane >= n) count for nothing.
      (local.set $valid (i32x4.lt_s
        (i32x4.add (i32x4.splat (local.get $i)) (v128.const i32x4 0 1 2 3))
        (i32x4.splat (local.get $n))))
      (local.set $dz (v128.and (local.get $dz) (local.get $valid)))
      (local.set $sumB (f32x4.add (local.get $sumB) (local.get $dz)))
      (local.set $sumL (f32x4.add (local.get $sumL) (v128.and (local.get $l) (local.get $valid))))
      ;; Σ dJ/dz · x over the four rows, a vector of features at a time (rows still in L1).
      (local.set $g0 (i8x16.shuffle 0 1 2 3 0 1 2 3 0 1 2 3 0 1 2 3 (local.get $dz) (local.get $dz)))
      (local.set $g1 (i8x16.shuffle 4 5 6 7 4 5 6 7 4 5 6 7 4 5 6 7 (local.get $dz) (local.get $dz)))
      (local.set $g2 (i8x16.shuffle 8 9 10 11 8 9 10 11 8 9 10 11 8 9 10 11 (local.get $dz) (local.get $dz)))
      (local.set $g3 (i8x16.shuffle 12 13 14 15 12 13 14 15 12 13 14 15 12 13 14 15 (local.get $dz) (local.get $dz)))
      (local.set $o (i32.const 0))
      (loop $backward
        (v128.store (i32.add (local.get $acc) (local.get $o)) (f32x4.add
          (v128.load (i32.add (local.get $acc) (local.get $o)))
          (f32x4.add
            (f32x4.add
              (f32x4.mul (local.get $g0) (v128.load (i32.add (local.get $a0) (local.get $o))))
              (f32x4.mul (local.get $g1) (v128.load (i32.add (local.get $a1) (local.get $o)))))
            (f32x4.add
              (f32x4.mul (local.get $g2) (v128.load (i32.add (local.get $a2) (local.get $o))))
              (f32x4.mul (local.get $g3) (v128.load (i32.add (local.get $a3) (local.get $o))))))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br_if $backward (i32.lt_u (local.get $o) (local.get $chunkBytes))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br_if $quads (i32.lt_s (local.get $i) (local.get $n))))
    ;; The block's float32 sums into float64: ACC[j] at SUMS + 8 j.
    (local.set $o (i32.add (global.get $slot) (global.get $SUM_BIAS)))
    (f64.store (local.get $o) (f64.add (f64.load (local.get $o)) (call $across (local.get $sumB))))
    (local.set $o (i32.add (global.get $slot) (global.get $SUM_LOSS)))
    (f64.store (local.get $o) (f64.add (f64.load (local.get $o)) (call $across (local.get $sumL))))
    (local.set $o (i32.const 0))
    (loop $fold
      (local.set $sum (v128.load (i32.add (local.get $acc) (local.get $o))))
      (v128.store (i32.add (local.get $sums) (i32.shl (local.get $o) (i32.const 1)))
        (f64x2.add (v128.load (i32.add (local.get $sums) (i32.shl (local.get $o) (i32.const 1))))
          (f64x2.promote_low_f32x4 (local.get $sum))))
      (v128.store offset=16 (i32.add (local.get $sums) (i32.shl (local.get $o) (i32.const 1)))
        (f64x2.add (v128.load offset=16 (i32.add (local.get $sums) (i32.shl (local.get $o) (i32.const 1))))
          (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $sum) (local.get $sum)))))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br_if $fold (i32.lt_u (local.get $o) (local.get $chunkBytes)))))

  ;; The four lanes added, in float64.
  (func $across (param $v v128) (result f64)
    (local $s v128)
    (local.set $s (f64x2.add
      (f64x2.promote_low_f32x4 (local.get $v))
      (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)))))
    (f64.add (f64x2.extract_lane 0 (local.get $s)) (f64x2.extract_lane 1 (local.get $s))))

  ;; (dJ/dz, loss) of four samples. Activations: 0 identity, 1 relu, 2 tanh, 3 sigmoid,
  ;; 4 leakyRelu; losses: 0 mse, 1 bce (with sigmoid). src/cpu/wasm-kernel.ts maps the
  ;; names of src/engine/functions/ onto these numbers.
  (func $gradientAndLoss (param $z v128) (param $y v128) (param $act i32) (param $loss i32) (result v128 v128)
    (local $a v128) (local $slope v128) (local $t v128) (local $diff v128)
    (if (i32.eq (local.get $loss) (i32.const 1))
      (then
        ;; Cross-entropy from z: dJ/dz = sigmoid(z) - y, loss = softplus(z) - y z.
        (local.set $t (call $expNeg (f32x4.abs (local.get $z))))
        (return
          (f32x4.sub (call $sigmoidFrom (local.get $z) (local.get $t)) (local.get $y))
          (f32x4.sub
            (f32x4.add (f32x4.pmax (local.get $z) (v128.const f32x4 0 0 0 0)) (call $log1p (local.get $t)))
            (f32x4.mul (local.get $y) (local.get $z))))))
    (block $chosen
      (block $leaky
        (block $sigmoid
          (block $tanh
            (block $relu
              (block $identity
                (br_table $identity $relu $tanh $sigmoid $leaky (local.get $act)))
              (local.set $a (local.get $z))
              (local.set $slope (v128.const f32x4 1 1 1 1))
              (br $chosen))
            (local.set $t (f32x4.gt (local.get $z) (v128.const f32x4 0 0 0 0)))
            (local.set $a (v128.and (local.get $z) (local.get $t)))
            (local.set $slope (v128.and (v128.const f32x4 1 1 1 1) (local.get $t)))
            (br $chosen))
          ;; tanh |z| = (1 - t) / (1 + t) with t = e^-2|z|, the sign put back; f' = 4t / (1 + t)².
          (local.set $t (call $expNeg (f32x4.mul (v128.const f32x4 2 2 2 2) (f32x4.abs (local.get $z)))))
          (local.set $a (v128.or
            (f32x4.div (f32x4.sub (v128.const f32x4 1 1 1 1) (local.get $t)) (f32x4.add (v128.const f32x4 1 1 1 1) (local.get $t)))
            (v128.and (local.get $z) (v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000))))
          (local.set $diff (f32x4.add (v128.const f32x4 1 1 1 1) (local.get $t)))
          (local.set $slope (f32x4.div (f32x4.mul (v128.const f32x4 4 4 4 4) (local.get $t)) (f32x4.mul (local.get $diff) (local.get $diff))))
          (br $chosen))
        ;; sigmoid from t = e^-|z|; f' = t / (1 + t)².
        (local.set $t (call $expNeg (f32x4.abs (local.get $z))))
        (local.set $a (call $sigmoidFrom (local.get $z) (local.get $t)))
        (local.set $diff (f32x4.add (v128.const f32x4 1 1 1 1) (local.get $t)))
        (local.set $slope (f32x4.div (local.get $t) (f32x4.mul (local.get $diff) (local.get $diff))))
        (br $chosen))
      ;; Leaky ReLU: 1% below zero.
      (local.set $t (f32x4.gt (local.get $z) (v128.const f32x4 0 0 0 0)))
      (local.set $a (v128.bitselect (local.get $z) (f32x4.mul (local.get $z) (v128.const f32x4 0.01 0.01 0.01 0.01)) (local.get $t)))
      (local.set $slope (v128.bitselect (v128.const f32x4 1 1 1 1) (v128.const f32x4 0.01 0.01 0.01 0.01) (local.get $t))))
    ;; Squared error: dJ/dz = 2 (a - y) f'(z), loss = (a - y)².
    (local.set $diff (f32x4.sub (local.get $a) (local.get $y)))
    (f32x4.mul (f32x4.add (local.get $diff) (local.get $diff)) (local.get $slope))
    (f32x4.mul (local.get $diff) (local.get $diff)))

  ;; sigmoid(z) from t = e^-|z|: 1 / (1 + t) for z >= 0, t / (1 + t) below.
  (func $sigmoidFrom (param $z v128) (param $t v128) (result v128)
    (f32x4.div
      (v128.bitselect (v128.const f32x4 1 1 1 1) (local.get $t) (f32x4.ge (local.get $z) (v128.const f32x4 0 0 0 0)))
      (f32x4.add (v128.const f32x4 1 1 1 1) (local.get $t))))

  ;; e^-x for x >= 0 in each lane: e^-x = 2^n e^r, n = round(-x / ln 2), |r| <= ln2 / 2,
  ;; e^r = 1 + r + r² P(r) (fitted, 3.1e-9 relative before rounding). x is clamped to
  ;; 87.3 so 2^n stays a normal number (e^-87.3 = 1.2e-38, against 0).
  (func $expNeg (param $x v128) (result v128)
    (local $v v128) (local $n v128) (local $r v128) (local $r2 v128) (local $r4 v128) (local $p v128)
    (local.set $v (f32x4.pmin (local.get $x) (v128.const f32x4 87.3 87.3 87.3 87.3)))
    ;; m = round(x / ln 2), to nearest even, by adding 1.5 * 2^23 (whose ulp is 1).
    (local.set $n (f32x4.add (f32x4.mul (local.get $v) (v128.const f32x4 1.44269504 1.44269504 1.44269504 1.44269504)) (v128.const f32x4 12582912 12582912 12582912 12582912)))
    (local.set $r (f32x4.sub (local.get $n) (v128.const f32x4 12582912 12582912 12582912 12582912)))
    ;; -r = x - m ln2, with ln2 split in two so m ln2's rounding does not reach r; the
    ;; polynomial takes -r (odd coefficients negated), the same arithmetic as in r.
    (local.set $r (f32x4.sub
      (f32x4.sub (local.get $v) (f32x4.mul (local.get $r) (v128.const f32x4 0.693359375 0.693359375 0.693359375 0.693359375)))
      (f32x4.mul (local.get $r) (v128.const f32x4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4))))
    (local.set $r2 (f32x4.mul (local.get $r) (local.get $r)))
    (local.set $r4 (f32x4.mul (local.get $r2) (local.get $r2)))
    (local.set $p (f32x4.add (v128.const f32x4 1 1 1 1)
      (f32x4.add (f32x4.sub (f32x4.mul (local.get $r2) (f32x4.add (v128.const f32x4 0.49999994 0.49999994 0.49999994 0.49999994) (f32x4.mul (local.get $r) (v128.const f32x4 -0.16666520 -0.16666520 -0.16666520 -0.16666520)))) (local.get $r))
        (f32x4.mul (local.get $r4) (f32x4.add (f32x4.add (v128.const f32x4 0.041668393 0.041668393 0.041668393 0.041668393) (f32x4.mul (local.get $r) (v128.const f32x4 -0.0083687482 -0.0083687482 -0.0083687482 -0.0083687482))) (f32x4.mul (local.get $r2) (v128.const f32x4 0.0013814543 0.0013814543 0.0013814543 0.0013814543)))))))
    ;; 2^n = 2^-m: 127 - m in the exponent bits (m is in the low bits of 1.5 * 2^23 + m).
    (local.set $p (f32x4.mul (local.get $p)
      (i32x4.sub (v128.const i32x4 0x3f800000 0x3f800000 0x3f800000 0x3f800000) (i32x4.shl (local.get $n) (i32.const 23)))))
    (local.get $p))

  ;; log(1 + t) for t in [0, 1]: 2 atanh(s) with s = t / (2 + t) <= 1/3, as 2 s + 2 s s² Q(s²)
  ;; (Q fitted to the series 1/3 + s²/5 + s⁴/7 + ..., 4.5e-9 relative before rounding).
  (func $log1p (param $t v128) (result v128)
    (local $s v128) (local $s2 v128) (local $s4 v128) (local $p v128)
    (local.set $s (f32x4.div (local.get $t) (f32x4.add (v128.const f32x4 2 2 2 2) (local.get $t))))
    (local.set $s2 (f32x4.mul (local.get $s) (local.get $s)))
    (local.set $s4 (f32x4.mul (local.get $s2) (local.get $s2)))
    (local.set $p (f32x4.mul (local.get $s2) (f32x4.add
        (f32x4.add (v128.const f32x4 0.33333209 0.33333209 0.33333209 0.33333209) (f32x4.mul (local.get $s2) (v128.const f32x4 0.20010765 0.20010765 0.20010765 0.20010765)))
        (f32x4.mul (local.get $s4) (f32x4.add (v128.const f32x4 0.14000887 0.14000887 0.14000887 0.14000887) (f32x4.mul (local.get $s2) (v128.const f32x4 0.14006078 0.14006078 0.14006078 0.14006078)))))))
    (local.set $s (f32x4.add (local.get $s) (local.get $s)))
    (f32x4.add (local.get $s) (f32x4.mul (local.get $s) (local.get $p))))

  ;; For the tests (a function taking a v128 cannot be called from JavaScript): each
  ;; maps `count` float32 values at `at` (a multiple of four) in place.
  (func (export "testExpNeg") (param $at i32) (param $count i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $at) (i32.shl (local.get $count) (i32.const 2))))
    (loop $each
      (v128.store (local.get $at) (call $expNeg (v128.load (local.get $at))))
      (local.set $at (i32.add (local.get $at) (i32.const 16)))
      (br_if $each (i32.lt_u (local.get $at) (local.get $end)))))
  (func (export "testLog1p") (param $at i32) (param $count i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $at) (i32.shl (local.get $count) (i32.const 2))))
    (loop $each
      (v128.store (local.get $at) (call $log1p (v128.load (local.get $at))))
      (local.set $at (i32.add (local.get $at) (i32.const 16)))
      (br_if $each (i32.lt_u (local.get $at) (local.get $end)))))
  ;; z at `at` becomes dJ/dz and y at `labels` becomes the loss.
  (func (export "testGradientAndLoss") (param $at i32) (param $labels i32) (param $count i32) (param $act i32) (param $loss i32)
    (local $end i32) (local $dz v128) (local $l v128)
    (local.set $end (i32.add (local.get $at) (i32.shl (local.get $count) (i32.const 2))))
    (loop $each
      (call $gradientAndLoss (v128.load (local.get $at)) (v128.load (local.get $labels)) (local.get $act) (local.get $loss))
      (local.set $l)
      (local.set $dz)
      (v128.store (local.get $at) (local.get $dz))
      (v128.store (local.get $labels) (local.get $l))
      (local.set $at (i32.add (local.get $at) (i32.const 16)))
      (local.set $labels (i32.add (local.get $labels) (i32.const 16)))
      (br_if $each (i32.lt_u (local.get $at) (local.get $end)))))
)
