;; gonn's SIMD kernel module (kernels.wasm): f32x4 kernels that work in the
;; engine's own linear memory, which they import as engine.memory. The host
;; instantiates this module after the engine, on the engine's exported
;; memory, and forwards the engine's gonn_kernels imports here (docs/abi.md,
;; "Kernels").
;;
;; Every kernel keeps the arithmetic of its Go twin bit for bit
;; (docs/determinism.md): one f32x4.mul, then one f32x4.add, per product,
;; in the Go loops' order; never relaxed-SIMD, never a fused multiply-add.
;;
;; Assembled with wabt (tests/wabt): wasm/kernels/wasm_test.go proves the
;; committed kernels.wasm current, and -update rewrites it.
(module
  (import "engine" "memory" (memory 0))

  ;; gemm computes C = op(A)·op(B), or C += op(A)·op(B) when accumulate is
  ;; 1: tensor.Gemm's contract (nn/tensor/gemm.go). C is (m, n) row-major,
  ;; op(A) is (m, k) (A is (m, k), or (k, m) when transA), op(B) is (k, n)
  ;; (B is (k, n), or (n, k) when transB). Every element of C is
  ;;
  ;;   c = c0 + float32(a(i,0)·b(0,j)) + float32(a(i,1)·b(1,j)) + …
  ;;
  ;; added one product at a time in increasing k, c0 being 0 or the old C.
  ;; a, b and c are byte addresses of float32 arrays; m, n ≥ 1 and k ≥ 0.
  ;;
  ;; scratch is memory the caller owns, 4·(8·⌈n/8⌉·k + 4·⌈m/4⌉·k + 32)
  ;; bytes: op(B) packed in panels of 8 columns, op(A) packed in blocks of
  ;; 4 rows, then one 4×8 tile of C.
  ;;
  ;; C is computed in 4×8 tiles, eight f32x4 sums held in registers while p
  ;; runs. The lanes of an f32x4 are 4 neighbouring columns j, so each lane
  ;; runs the scalar sum above: vectorising across j keeps the order of k.
  ;; Tiles go chunk of rows by chunk (64 rows of packed A stay in cache),
  ;; panel by panel within a chunk (one panel of B stays in cache while the
  ;; chunk's blocks stream past it).
  (func (export "gemm")
    (param $transA i32) (param $transB i32) (param $m i32) (param $n i32) (param $k i32)
    (param $a i32) (param $b i32) (param $c i32) (param $accumulate i32) (param $scratch i32)
    (local $packedA i32)    ;; op(A) in blocks of 4 rows
    (local $tile i32)       ;; a 4×8 tile for the edges of C
    (local $blockBytes i32) ;; one packed block of A: k rows of 4 floats
    (local $panelBytes i32) ;; one packed panel of B: k rows of 8 floats
    (local $ldc i32)        ;; bytes from C[i, j] to C[i+1, j]
    (local $j i32)          ;; first column of the panel
    (local $cols i32)       ;; columns of C in the panel: 1 … 8
    (local $pb i32)         ;; the packed panel
    (local $i i32)          ;; first row of the block
    (local $rows i32)       ;; rows of C in the block: 1 … 4
    (local $pa i32)         ;; the packed block
    (local $pc i32)         ;; C[i, j]
    (local $chunk i32)      ;; first row of the chunk
    (local $chunkEnd i32)   ;; its end: chunk + 64, or m
    ;; A few rows of C (one example at inference) with B as it lies:
    ;; packing would copy all of B for them and compute 4 rows anyway.
    (if (i32.and (i32.lt_s (local.get $m) (global.get $fewRows)) (i32.eqz (local.get $transB)))
      (then
        (call $gemmFewRows (local.get $transA) (local.get $m) (local.get $n) (local.get $k)
          (local.get $a) (local.get $b) (local.get $c) (local.get $accumulate))
        (return)))
    (local.set $panelBytes (i32.shl (local.get $k) (i32.const 5)))
    (local.set $blockBytes (i32.shl (local.get $k) (i32.const 4)))
    (local.set $packedA (i32.add (local.get $scratch)
      (i32.mul (local.get $panelBytes) (i32.shr_u (i32.add (local.get $n) (i32.const 7)) (i32.const 3)))))
    (local.set $tile (i32.add (local.get $packedA)
      (i32.mul (local.get $blockBytes) (i32.shr_u (i32.add (local.get $m) (i32.const 3)) (i32.const 2)))))
    (local.set $ldc (i32.shl (local.get $n) (i32.const 2)))
    (call $packB (local.get $transB) (local.get $n) (local.get $k) (local.get $b) (local.get $scratch))
    (call $packA (local.get $transA) (local.get $m) (local.get $k) (local.get $a) (local.get $packedA))

    (local.set $chunk (i32.const 0))
    ;; Chunk by chunk of rows, panel by panel (8 columns of C), block by
    ;; block (4 rows).
    (loop $chunks
      (local.set $chunkEnd (call $min (i32.add (local.get $chunk) (global.get $chunkRows)) (local.get $m)))
      (local.set $pb (local.get $scratch))
      (local.set $j (i32.const 0))
      (loop $panel
        (local.set $cols (call $min (i32.const 8) (i32.sub (local.get $n) (local.get $j))))
        (local.set $pa (i32.add (local.get $packedA)
          (i32.mul (i32.shr_u (local.get $chunk) (i32.const 2)) (local.get $blockBytes))))
        (local.set $i (local.get $chunk))
        (loop $block
          (local.set $rows (call $min (i32.const 4) (i32.sub (local.get $m) (local.get $i))))
          (local.set $pc (i32.add (local.get $c)
            (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 2))))
          (if (i32.and (i32.eq (local.get $rows) (i32.const 4)) (i32.eq (local.get $cols) (i32.const 8)))
            (then
              (call $kernel4x8 (local.get $pa) (local.get $pb) (local.get $k)
                (local.get $pc) (local.get $ldc) (local.get $accumulate)))
            (else
              ;; An edge of C: compute a whole tile, keep rows × cols of it.
              (if (local.get $accumulate)
                (then (call $copyRows (local.get $pc) (local.get $ldc)
                        (local.get $tile) (i32.const 32) (local.get $rows) (local.get $cols))))
              (call $kernel4x8 (local.get $pa) (local.get $pb) (local.get $k)
                (local.get $tile) (i32.const 32) (local.get $accumulate))
              (call $copyRows (local.get $tile) (i32.const 32)
                (local.get $pc) (local.get $ldc) (local.get $rows) (local.get $cols))))
          (local.set $pa (i32.add (local.get $pa) (local.get $blockBytes)))
          (local.set $i (i32.add (local.get $i) (i32.const 4)))
          (br_if $block (i32.lt_s (local.get $i) (local.get $chunkEnd))))
        (local.set $pb (i32.add (local.get $pb) (local.get $panelBytes)))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br_if $panel (i32.lt_s (local.get $j) (local.get $n))))
      (local.set $chunk (local.get $chunkEnd))
      (br_if $chunks (i32.lt_s (local.get $chunk) (local.get $m)))))

  ;; chunkRows is how many rows of C one pass over the panels of B takes:
  ;; a multiple of 4, so that chunks hold whole blocks.
  (global $chunkRows i32 (i32.const 64))

  ;; fewRows: products with fewer rows of C than this (and B not
  ;; transposed) take $gemmFewRows: less than one block of 4 rows.
  (global $fewRows i32 (i32.const 4))

  ;; gemmFewRows is gemm for m < 4 and B (k, n) as it lies, unpacked: 4
  ;; rows of B at a time, each row of C takes a(i,p)·B[p, ·] + … +
  ;; a(i,p+3)·B[p+3, ·] ($addScaledRows4), so B streams from memory once,
  ;; in its own order, whatever m is (the 4 rows stay in cache for the
  ;; other rows of C), and each element of C is loaded and stored once per
  ;; 4 products; the last k mod 4 rows of B go one at a time
  ;; ($addScaledRow). Rows of C sit in memory as the running sums: each
  ;; element still adds its products one at a time in increasing p, from
  ;; 0 (+0.0) or its old value.
  (func $gemmFewRows (param $transA i32) (param $m i32) (param $n i32) (param $k i32)
    (param $a i32) (param $b i32) (param $c i32) (param $accumulate i32)
    (local $ldb i32)   ;; bytes from B[p, j] to B[p+1, j], and from C[i, j] to C[i+1, j]
    (local $rowStep i32) ;; bytes from op(A)[i, p] to op(A)[i+1, p]
    (local $pStep i32)   ;; bytes from op(A)[i, p] to op(A)[i, p+1]
    (local $end i32)     ;; the end of B
    (local $end4 i32)    ;; the end of B's first 4·⌊k/4⌋ rows
    (local $i i32) (local $pa i32) (local $pc i32)
    (local.set $ldb (i32.shl (local.get $n) (i32.const 2)))
    (local.set $rowStep (select (i32.const 4) (i32.shl (local.get $k) (i32.const 2)) (local.get $transA)))
    (local.set $pStep (select (i32.shl (local.get $m) (i32.const 2)) (i32.const 4) (local.get $transA)))
    (if (i32.eqz (local.get $accumulate))
      (then (memory.fill (local.get $c) (i32.const 0) (i32.mul (local.get $m) (local.get $ldb)))))
    (local.set $end (i32.add (local.get $b) (i32.mul (local.get $k) (local.get $ldb))))
    (local.set $end4 (i32.add (local.get $b) (i32.mul (i32.and (local.get $k) (i32.const -4)) (local.get $ldb))))
    (block $done4
      (loop $p4
        (br_if $done4 (i32.ge_u (local.get $b) (local.get $end4)))
        (local.set $i (i32.const 0))
        (local.set $pa (local.get $a))
        (local.set $pc (local.get $c))
        (loop $row
          (call $addScaledRows4 (local.get $pc)
            (f32.load (local.get $pa))
            (f32.load (i32.add (local.get $pa) (local.get $pStep)))
            (f32.load (i32.add (local.get $pa) (i32.shl (local.get $pStep) (i32.const 1))))
            (f32.load (i32.add (local.get $pa) (i32.mul (local.get $pStep) (i32.const 3))))
            (local.get $b) (local.get $ldb) (local.get $n))
          (local.set $pa (i32.add (local.get $pa) (local.get $rowStep)))
          (local.set $pc (i32.add (local.get $pc) (local.get $ldb)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $row (i32.lt_s (local.get $i) (local.get $m))))
        (local.set $a (i32.add (local.get $a) (i32.shl (local.get $pStep) (i32.const 2))))
        (local.set $b (i32.add (local.get $b) (i32.shl (local.get $ldb) (i32.const 2))))
        (br $p4)))
    (block $done
      (loop $p
        (br_if $done (i32.ge_u (local.get $b) (local.get $end)))
        (local.set $i (i32.const 0))
        (local.set $pa (local.get $a))
        (local.set $pc (local.get $c))
        (loop $row
          (call $addScaledRow (local.get $pc) (f32.load (local.get $pa)) (local.get $b) (local.get $n))
          (local.set $pa (i32.add (local.get $pa) (local.get $rowStep)))
          (local.set $pc (i32.add (local.get $pc) (local.get $ldb)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $row (i32.lt_s (local.get $i) (local.get $m))))
        (local.set $a (i32.add (local.get $a) (local.get $pStep)))
        (local.set $b (i32.add (local.get $b) (local.get $ldb)))
        (br $p))))

  ;; addScaledRows4 adds 4 scaled rows of B, ldb bytes apart from brow, to
  ;; crow: crow[j] = crow[j] + float32(s0·B0[j]) + float32(s1·B1[j]) +
  ;; float32(s2·B2[j]) + float32(s3·B3[j]), left to right, for j < n: 8
  ;; columns at a time, then 4, then one.
  (func $addScaledRows4 (param $crow i32) (param $s0 f32) (param $s1 f32) (param $s2 f32) (param $s3 f32)
    (param $brow i32) (param $ldb i32) (param $n i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local $b1 i32) (local $b2 i32) (local $b3 i32)   ;; byte offsets of B1, B2, B3 from B0
    (local $end i32) (local $end8 i32) (local $end4 i32)
    (local $x v128) (local $y v128) (local $f f32)
    (local.set $v0 (f32x4.splat (local.get $s0)))
    (local.set $v1 (f32x4.splat (local.get $s1)))
    (local.set $v2 (f32x4.splat (local.get $s2)))
    (local.set $v3 (f32x4.splat (local.get $s3)))
    (local.set $b1 (local.get $ldb))
    (local.set $b2 (i32.shl (local.get $ldb) (i32.const 1)))
    (local.set $b3 (i32.mul (local.get $ldb) (i32.const 3)))
    (local.set $end (i32.add (local.get $crow) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $end8 (i32.add (local.get $crow) (i32.shl (i32.and (local.get $n) (i32.const -8)) (i32.const 2))))
    (local.set $end4 (i32.add (local.get $crow) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done8
      (loop $by8
        (br_if $done8 (i32.ge_u (local.get $crow) (local.get $end8)))
        (local.set $x (f32x4.add (v128.load (local.get $crow))
          (f32x4.mul (local.get $v0) (v128.load (local.get $brow)))))
        (local.set $y (f32x4.add (v128.load offset=16 (local.get $crow))
          (f32x4.mul (local.get $v0) (v128.load offset=16 (local.get $brow)))))
        (local.set $x (f32x4.add (local.get $x)
          (f32x4.mul (local.get $v1) (v128.load (i32.add (local.get $brow) (local.get $b1))))))
        (local.set $y (f32x4.add (local.get $y)
          (f32x4.mul (local.get $v1) (v128.load offset=16 (i32.add (local.get $brow) (local.get $b1))))))
        (local.set $x (f32x4.add (local.get $x)
          (f32x4.mul (local.get $v2) (v128.load (i32.add (local.get $brow) (local.get $b2))))))
        (local.set $y (f32x4.add (local.get $y)
          (f32x4.mul (local.get $v2) (v128.load offset=16 (i32.add (local.get $brow) (local.get $b2))))))
        (v128.store (local.get $crow) (f32x4.add (local.get $x)
          (f32x4.mul (local.get $v3) (v128.load (i32.add (local.get $brow) (local.get $b3))))))
        (v128.store offset=16 (local.get $crow) (f32x4.add (local.get $y)
          (f32x4.mul (local.get $v3) (v128.load offset=16 (i32.add (local.get $brow) (local.get $b3))))))
        (local.set $crow (i32.add (local.get $crow) (i32.const 32)))
        (local.set $brow (i32.add (local.get $brow) (i32.const 32)))
        (br $by8)))
    (block $done4
      (loop $by4
        (br_if $done4 (i32.ge_u (local.get $crow) (local.get $end4)))
        (local.set $x (f32x4.add (v128.load (local.get $crow))
          (f32x4.mul (local.get $v0) (v128.load (local.get $brow)))))
        (local.set $x (f32x4.add (local.get $x)
          (f32x4.mul (local.get $v1) (v128.load (i32.add (local.get $brow) (local.get $b1))))))
        (local.set $x (f32x4.add (local.get $x)
          (f32x4.mul (local.get $v2) (v128.load (i32.add (local.get $brow) (local.get $b2))))))
        (v128.store (local.get $crow) (f32x4.add (local.get $x)
          (f32x4.mul (local.get $v3) (v128.load (i32.add (local.get $brow) (local.get $b3))))))
        (local.set $crow (i32.add (local.get $crow) (i32.const 16)))
        (local.set $brow (i32.add (local.get $brow) (i32.const 16)))
        (br $by4)))
    (block $done1
      (loop $by1
        (br_if $done1 (i32.ge_u (local.get $crow) (local.get $end)))
        (local.set $f (f32.add (f32.load (local.get $crow))
          (f32.mul (local.get $s0) (f32.load (local.get $brow)))))
        (local.set $f (f32.add (local.get $f)
          (f32.mul (local.get $s1) (f32.load (i32.add (local.get $brow) (local.get $b1))))))
        (local.set $f (f32.add (local.get $f)
          (f32.mul (local.get $s2) (f32.load (i32.add (local.get $brow) (local.get $b2))))))
        (f32.store (local.get $crow) (f32.add (local.get $f)
          (f32.mul (local.get $s3) (f32.load (i32.add (local.get $brow) (local.get $b3))))))
        (local.set $crow (i32.add (local.get $crow) (i32.const 4)))
        (local.set $brow (i32.add (local.get $brow) (i32.const 4)))
        (br $by1))))

  ;; addScaledRow sets crow[j] = crow[j] + float32(s·brow[j]) for j < n:
  ;; 16 columns at a time, then 4, then one (f32x4 lanes round as f32).
  (func $addScaledRow (param $crow i32) (param $s f32) (param $brow i32) (param $n i32)
    (local $sv v128) (local $end i32) (local $end16 i32) (local $end4 i32)
    (local.set $sv (f32x4.splat (local.get $s)))
    (local.set $end (i32.add (local.get $crow) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $end16 (i32.add (local.get $crow) (i32.shl (i32.and (local.get $n) (i32.const -16)) (i32.const 2))))
    (local.set $end4 (i32.add (local.get $crow) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done16
      (loop $by16
        (br_if $done16 (i32.ge_u (local.get $crow) (local.get $end16)))
        (v128.store (local.get $crow) (f32x4.add (v128.load (local.get $crow))
          (f32x4.mul (local.get $sv) (v128.load (local.get $brow)))))
        (v128.store offset=16 (local.get $crow) (f32x4.add (v128.load offset=16 (local.get $crow))
          (f32x4.mul (local.get $sv) (v128.load offset=16 (local.get $brow)))))
        (v128.store offset=32 (local.get $crow) (f32x4.add (v128.load offset=32 (local.get $crow))
          (f32x4.mul (local.get $sv) (v128.load offset=32 (local.get $brow)))))
        (v128.store offset=48 (local.get $crow) (f32x4.add (v128.load offset=48 (local.get $crow))
          (f32x4.mul (local.get $sv) (v128.load offset=48 (local.get $brow)))))
        (local.set $crow (i32.add (local.get $crow) (i32.const 64)))
        (local.set $brow (i32.add (local.get $brow) (i32.const 64)))
        (br $by16)))
    (block $done4
      (loop $by4
        (br_if $done4 (i32.ge_u (local.get $crow) (local.get $end4)))
        (v128.store (local.get $crow) (f32x4.add (v128.load (local.get $crow))
          (f32x4.mul (local.get $sv) (v128.load (local.get $brow)))))
        (local.set $crow (i32.add (local.get $crow) (i32.const 16)))
        (local.set $brow (i32.add (local.get $brow) (i32.const 16)))
        (br $by4)))
    (block $done1
      (loop $by1
        (br_if $done1 (i32.ge_u (local.get $crow) (local.get $end)))
        (f32.store (local.get $crow) (f32.add (f32.load (local.get $crow))
          (f32.mul (local.get $s) (f32.load (local.get $brow)))))
        (local.set $crow (i32.add (local.get $crow) (i32.const 4)))
        (local.set $brow (i32.add (local.get $brow) (i32.const 4)))
        (br $by1))))

  (func $min (param $x i32) (param $y i32) (result i32)
    (select (local.get $x) (local.get $y) (i32.lt_s (local.get $x) (local.get $y))))

  ;; packB copies op(B) (k, n) to dst in panels of 8 columns: panel q holds,
  ;; for each p, the 8 floats op(B)[p, 8q … 8q+7], zero past column n.
  ;; Floats are copied as bits. Whole panels go by f32x4: 8 floats of a row
  ;; of B (B is (k, n), $packRows), or 8 rows of B transposed (B is (n, k),
  ;; $packPanelT); the last, narrow panel column of op(B) by column.
  (func $packB (param $transB i32) (param $n i32) (param $k i32) (param $b i32) (param $dst i32)
    (local $j i32) (local $cols i32) (local $col i32)
    (local.set $j (i32.const 0))
    (loop $panel
      (local.set $cols (call $min (i32.const 8) (i32.sub (local.get $n) (local.get $j))))
      (if (i32.and (i32.eqz (local.get $transB)) (i32.eq (local.get $cols) (i32.const 8)))
        (then (call $packRows (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2)))
                (i32.shl (local.get $n) (i32.const 2)) (local.get $k) (local.get $dst)))
        (else (if (i32.eq (local.get $cols) (i32.const 8))
        (then (call $packPanelT (i32.add (local.get $b) (i32.shl (i32.mul (local.get $j) (local.get $k)) (i32.const 2)))
                (local.get $k) (local.get $dst)))
        (else
          ;; Column by column: op(B)[·, j+col] is k floats step bytes apart.
          (local.set $col (i32.const 0))
          (loop $column
            (call $packColumn
              (i32.add (local.get $b) (i32.shl
                (select (i32.mul (i32.add (local.get $j) (local.get $col)) (local.get $k))
                        (i32.add (local.get $j) (local.get $col)) (local.get $transB))
                (i32.const 2)))
              (select (i32.const 4) (i32.shl (local.get $n) (i32.const 2)) (local.get $transB))
              (local.get $k) (i32.add (local.get $dst) (i32.shl (local.get $col) (i32.const 2))) (i32.const 32)
              (i32.lt_s (local.get $col) (local.get $cols)))
            (local.set $col (i32.add (local.get $col) (i32.const 1)))
            (br_if $column (i32.lt_s (local.get $col) (i32.const 8))))))))
      (local.set $dst (i32.add (local.get $dst) (i32.shl (local.get $k) (i32.const 5))))
      (local.set $j (i32.add (local.get $j) (i32.const 8)))
      (br_if $panel (i32.lt_s (local.get $j) (local.get $n)))))

  ;; packA copies op(A) (m, k) to dst in blocks of 4 rows: block r holds,
  ;; for each p, the 4 floats op(A)[4r … 4r+3, p], zero past row m, so the
  ;; kernel loads the 4 rows' values of one p at once. Whole blocks go by
  ;; f32x4 ($packBlock, $packBlockT); the rows of a last, partial block
  ;; one float at a time.
  (func $packA (param $transA i32) (param $m i32) (param $k i32) (param $a i32) (param $dst i32)
    (local $i i32) (local $padded i32) (local $blockBytes i32)
    (local.set $blockBytes (i32.shl (local.get $k) (i32.const 4)))
    (local.set $i (i32.const 0))
    (block $wholeDone
      (loop $whole
        (br_if $wholeDone (i32.gt_s (i32.add (local.get $i) (i32.const 4)) (local.get $m)))
        (if (local.get $transA)
          (then (call $packBlockT (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 2)))
                  (i32.shl (local.get $m) (i32.const 2)) (local.get $k) (local.get $dst)))
          (else (call $packBlock (i32.add (local.get $a) (i32.shl (i32.mul (local.get $i) (local.get $k)) (i32.const 2)))
                  (local.get $k) (local.get $dst))))
        (local.set $dst (i32.add (local.get $dst) (local.get $blockBytes)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $whole)))
    (if (i32.ge_s (local.get $i) (local.get $m)) (then (return)))
    (local.set $padded (i32.and (i32.add (local.get $m) (i32.const 3)) (i32.const -4)))
    (loop $row
      ;; Row i of op(A) is k floats step bytes apart; in its block (at dst)
      ;; it is lane i mod 4 of every 16 bytes.
      (call $packColumn
        (i32.add (local.get $a) (i32.shl
          (select (local.get $i) (i32.mul (local.get $i) (local.get $k)) (local.get $transA))
          (i32.const 2)))
        (select (i32.shl (local.get $m) (i32.const 2)) (i32.const 4) (local.get $transA))
        (local.get $k)
        (i32.add (local.get $dst) (i32.shl (i32.and (local.get $i) (i32.const 3)) (i32.const 2)))
        (i32.const 16)
        (i32.lt_s (local.get $i) (local.get $m)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      ;; Up to the end of the last block: its missing rows are zeros.
      (br_if $row (i32.lt_s (local.get $i) (local.get $padded)))))

  ;; packBlock packs 4 whole rows of A (m, k), row-major from src, into one
  ;; block at dst: 4 columns p … p+3 at a time by $transpose4, then the
  ;; last k mod 4 columns one float at a time.
  (func $packBlock (param $src i32) (param $k i32) (param $dst i32)
    (local $lda i32) (local $end4 i32) (local $r i32)
    (local.set $lda (i32.shl (local.get $k) (i32.const 2)))
    (local.set $end4 (i32.add (local.get $dst) (i32.shl (i32.and (local.get $k) (i32.const -4)) (i32.const 4))))
    (block $done4
      (loop $by4
        (br_if $done4 (i32.ge_u (local.get $dst) (local.get $end4)))
        (call $transpose4 (local.get $src) (local.get $lda) (local.get $dst) (i32.const 16))
        (local.set $src (i32.add (local.get $src) (i32.const 16)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 64)))
        (br $by4)))
    (loop $row
      (call $packColumn (i32.add (local.get $src) (i32.mul (local.get $r) (local.get $lda))) (i32.const 4)
        (i32.and (local.get $k) (i32.const 3))
        (i32.add (local.get $dst) (i32.shl (local.get $r) (i32.const 2))) (i32.const 16) (i32.const 1))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br_if $row (i32.lt_u (local.get $r) (i32.const 4)))))

  ;; packPanelT packs 8 whole columns of op(B) = Bᵀ, B (n, k) row-major
  ;; from src = B[j, 0], into one panel at dst: op(B)[p, j … j+7] is
  ;; B[j … j+7, p]. 4 values of p at a time, the 8 rows as two $transpose4
  ;; (the panel's left and right halves), then the last k mod 4 one float
  ;; at a time.
  (func $packPanelT (param $src i32) (param $k i32) (param $dst i32)
    (local $ldb i32) (local $end4 i32) (local $r i32)
    (local.set $ldb (i32.shl (local.get $k) (i32.const 2)))
    (local.set $end4 (i32.add (local.get $dst) (i32.shl (i32.and (local.get $k) (i32.const -4)) (i32.const 5))))
    (block $done4
      (loop $by4
        (br_if $done4 (i32.ge_u (local.get $dst) (local.get $end4)))
        (call $transpose4 (local.get $src) (local.get $ldb) (local.get $dst) (i32.const 32))
        (call $transpose4 (i32.add (local.get $src) (i32.shl (local.get $ldb) (i32.const 2))) (local.get $ldb)
          (i32.add (local.get $dst) (i32.const 16)) (i32.const 32))
        (local.set $src (i32.add (local.get $src) (i32.const 16)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 128)))
        (br $by4)))
    (loop $row
      (call $packColumn (i32.add (local.get $src) (i32.mul (local.get $r) (local.get $ldb))) (i32.const 4)
        (i32.and (local.get $k) (i32.const 3))
        (i32.add (local.get $dst) (i32.shl (local.get $r) (i32.const 2))) (i32.const 32) (i32.const 1))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br_if $row (i32.lt_u (local.get $r) (i32.const 8)))))

  ;; transpose4 reads 4 rows of 4 floats, rows srcStride bytes apart from
  ;; src, one f32x4 each, and writes their columns, dstStride bytes apart
  ;; from dst: a 4×4 transpose by shuffles, floats moved as bits.
  (func $transpose4 (param $src i32) (param $srcStride i32) (param $dst i32) (param $dstStride i32)
    (local $r0 v128) (local $r1 v128) (local $r2 v128) (local $r3 v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local.set $r0 (v128.load (local.get $src)))
    (local.set $r1 (v128.load (i32.add (local.get $src) (local.get $srcStride))))
    (local.set $r2 (v128.load (i32.add (local.get $src) (i32.shl (local.get $srcStride) (i32.const 1)))))
    (local.set $r3 (v128.load (i32.add (local.get $src) (i32.mul (local.get $srcStride) (i32.const 3)))))
    ;; t0 = (r0[0], r1[0], r0[1], r1[1]), t1 = the same of r2, r3;
    ;; t2, t3 = lanes 2 and 3 alike.
    (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r0) (local.get $r1)))
    (local.set $t1 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r2) (local.get $r3)))
    (local.set $t2 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r0) (local.get $r1)))
    (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r2) (local.get $r3)))
    ;; column q: (r0[q], r1[q], r2[q], r3[q])
    (v128.store (local.get $dst)
      (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t1)))
    (local.set $dst (i32.add (local.get $dst) (local.get $dstStride)))
    (v128.store (local.get $dst)
      (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t1)))
    (local.set $dst (i32.add (local.get $dst) (local.get $dstStride)))
    (v128.store (local.get $dst)
      (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t2) (local.get $t3)))
    (local.set $dst (i32.add (local.get $dst) (local.get $dstStride)))
    (v128.store (local.get $dst)
      (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t2) (local.get $t3))))

  ;; packBlockT packs 4 whole rows of op(A) = Aᵀ, A (k, m) from src = A[0, i]
  ;; with rows lda bytes apart, into one block at dst: op(A)[i … i+3, p]
  ;; is A[p, i … i+3], one f32x4 copied as bits.
  (func $packBlockT (param $src i32) (param $lda i32) (param $k i32) (param $dst i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $dst) (i32.shl (local.get $k) (i32.const 4))))
    (block $done
      (loop $p
        (br_if $done (i32.ge_u (local.get $dst) (local.get $end)))
        (v128.store (local.get $dst) (v128.load (local.get $src)))
        (local.set $src (i32.add (local.get $src) (local.get $lda)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (br $p))))

  ;; packRows copies k rows of 8 contiguous floats, rows stride bytes apart
  ;; from src, to one panel at dst.
  (func $packRows (param $src i32) (param $stride i32) (param $k i32) (param $dst i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $dst) (i32.shl (local.get $k) (i32.const 5))))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $dst) (local.get $end)))
        (v128.store (local.get $dst) (v128.load (local.get $src)))
        (v128.store offset=16 (local.get $dst) (v128.load offset=16 (local.get $src)))
        (local.set $src (i32.add (local.get $src) (local.get $stride)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
        (br $row))))

  ;; packColumn writes k floats dstStride bytes apart from dst: the k floats
  ;; step bytes apart from src if present, else zeros (src is not read).
  (func $packColumn (param $src i32) (param $step i32) (param $k i32) (param $dst i32)
    (param $dstStride i32) (param $present i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $dst) (i32.mul (local.get $k) (local.get $dstStride))))
    (block $done
      (loop $p
        (br_if $done (i32.ge_u (local.get $dst) (local.get $end)))
        (i32.store (local.get $dst)
          (if (result i32) (local.get $present)
            (then (i32.load (local.get $src)))
            (else (i32.const 0))))
        (local.set $src (i32.add (local.get $src) (local.get $step)))
        (local.set $dst (i32.add (local.get $dst) (local.get $dstStride)))
        (br $p))))

  ;; copyRows copies a rows × cols block of floats (as bits) from src to
  ;; dst, whose rows are srcStride and dstStride bytes apart.
  (func $copyRows (param $src i32) (param $srcStride i32) (param $dst i32) (param $dstStride i32)
    (param $rows i32) (param $cols i32)
    (local $col i32)
    (loop $row
      (local.set $col (i32.const 0))
      (loop $column
        (i32.store (i32.add (local.get $dst) (i32.shl (local.get $col) (i32.const 2)))
          (i32.load (i32.add (local.get $src) (i32.shl (local.get $col) (i32.const 2)))))
        (local.set $col (i32.add (local.get $col) (i32.const 1)))
        (br_if $column (i32.lt_s (local.get $col) (local.get $cols))))
      (local.set $src (i32.add (local.get $src) (local.get $srcStride)))
      (local.set $dst (i32.add (local.get $dst) (local.get $dstStride)))
      (local.set $rows (i32.sub (local.get $rows) (i32.const 1)))
      (br_if $row (local.get $rows))))

  ;; kernel4x8 computes the 4×8 tile of C at pc (rows ldc bytes apart) from
  ;; a packed block of op(A) (pa) and a packed panel of op(B) (pb), in
  ;; eight f32x4 sums: for p = 0 … k-1, with a_r = op(A)[i+r, p],
  ;;
  ;;   c_r,0..3 += a_r · panel[p, 0..3]   c_r,4..7 += a_r · panel[p, 4..7]
  ;;
  ;; each as f32x4.mul then f32x4.add. Each a_r comes in spread over 4
  ;; lanes by one v128.load32_splat (in V8 about 25% faster than one load
  ;; and four shuffles; wazero runs it at half speed, and the browser is
  ;; what counts). The sums start at 0 (+0.0, as the Go loops' do) or at C.
  (func $kernel4x8 (param $pa i32) (param $pb i32) (param $k i32)
    (param $pc i32) (param $ldc i32) (param $accumulate i32)
    (local $end i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $b0 v128) (local $b1 v128) (local $ar v128)
    (if (local.get $accumulate)
      (then
        (local.set $c00 (v128.load (local.get $pc)))
        (local.set $c01 (v128.load offset=16 (local.get $pc)))
        (local.set $c10 (v128.load (i32.add (local.get $pc) (local.get $ldc))))
        (local.set $c11 (v128.load offset=16 (i32.add (local.get $pc) (local.get $ldc))))
        (local.set $c20 (v128.load (i32.add (local.get $pc) (i32.shl (local.get $ldc) (i32.const 1)))))
        (local.set $c21 (v128.load offset=16 (i32.add (local.get $pc) (i32.shl (local.get $ldc) (i32.const 1)))))
        (local.set $c30 (v128.load (i32.add (local.get $pc) (i32.mul (local.get $ldc) (i32.const 3)))))
        (local.set $c31 (v128.load offset=16 (i32.add (local.get $pc) (i32.mul (local.get $ldc) (i32.const 3)))))))
    ;; The block ends k rows of 16 bytes after pa.
    (local.set $end (i32.add (local.get $pa) (i32.shl (local.get $k) (i32.const 4))))
    (block $done
      (loop $p
        (br_if $done (i32.ge_u (local.get $pa) (local.get $end)))
        (local.set $b0 (v128.load (local.get $pb)))
        (local.set $b1 (v128.load offset=16 (local.get $pb)))
        (local.set $ar (v128.load32_splat (local.get $pa)))
        (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $ar) (local.get $b0))))
        (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $ar) (local.get $b1))))
        (local.set $ar (v128.load32_splat offset=4 (local.get $pa)))
        (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $ar) (local.get $b0))))
        (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $ar) (local.get $b1))))
        (local.set $ar (v128.load32_splat offset=8 (local.get $pa)))
        (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $ar) (local.get $b0))))
        (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $ar) (local.get $b1))))
        (local.set $ar (v128.load32_splat offset=12 (local.get $pa)))
        (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $ar) (local.get $b0))))
        (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $ar) (local.get $b1))))
        (local.set $pa (i32.add (local.get $pa) (i32.const 16)))
        (local.set $pb (i32.add (local.get $pb) (i32.const 32)))
        (br $p)))
    (v128.store (local.get $pc) (local.get $c00))
    (v128.store offset=16 (local.get $pc) (local.get $c01))
    (local.set $pc (i32.add (local.get $pc) (local.get $ldc)))
    (v128.store (local.get $pc) (local.get $c10))
    (v128.store offset=16 (local.get $pc) (local.get $c11))
    (local.set $pc (i32.add (local.get $pc) (local.get $ldc)))
    (v128.store (local.get $pc) (local.get $c20))
    (v128.store offset=16 (local.get $pc) (local.get $c21))
    (local.set $pc (i32.add (local.get $pc) (local.get $ldc)))
    (v128.store (local.get $pc) (local.get $c30))
    (v128.store offset=16 (local.get $pc) (local.get $c31)))

  ;; adam is one Adam step on n weights: nn/optimizers' AdamUpdate, the
  ;; loop of Adam.Apply without AMSGrad. For each i, every operation
  ;; rounded to float32, in this order:
  ;;
  ;;   m[i] = m[i] + (g[i] − m[i])·c1
  ;;   v[i] = v[i] + (g[i]·g[i] − v[i])·c2
  ;;   w[i] = w[i] − (m[i]·alpha) / (sqrt(v[i]) + eps)
  ;;
  ;; (f32 sqrt is correctly rounded, as Go's float32(math.Sqrt(float64(v)))
  ;; is.) w, g, m and v are byte addresses of float32 arrays; 4 weights at
  ;; a time, then one.
  (func (export "adam") (param $w i32) (param $g i32) (param $m i32) (param $v i32) (param $n i32)
    (param $c1 f32) (param $c2 f32) (param $alpha f32) (param $eps f32)
    (local $end i32) (local $end4 i32)
    (local $c1v v128) (local $c2v v128) (local $alphav v128) (local $epsv v128)
    (local $gv v128) (local $mv v128) (local $vv v128)
    (local $gs f32) (local $ms f32) (local $vs f32)
    (local.set $c1v (f32x4.splat (local.get $c1)))
    (local.set $c2v (f32x4.splat (local.get $c2)))
    (local.set $alphav (f32x4.splat (local.get $alpha)))
    (local.set $epsv (f32x4.splat (local.get $eps)))
    (local.set $end (i32.add (local.get $w) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $end4 (i32.add (local.get $w) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done4
      (loop $by4
        (br_if $done4 (i32.ge_u (local.get $w) (local.get $end4)))
        (local.set $gv (v128.load (local.get $g)))
        (local.set $mv (v128.load (local.get $m)))
        (local.set $mv (f32x4.add (local.get $mv)
          (f32x4.mul (f32x4.sub (local.get $gv) (local.get $mv)) (local.get $c1v))))
        (v128.store (local.get $m) (local.get $mv))
        (local.set $vv (v128.load (local.get $v)))
        (local.set $vv (f32x4.add (local.get $vv)
          (f32x4.mul (f32x4.sub (f32x4.mul (local.get $gv) (local.get $gv)) (local.get $vv)) (local.get $c2v))))
        (v128.store (local.get $v) (local.get $vv))
        (v128.store (local.get $w) (f32x4.sub (v128.load (local.get $w))
          (f32x4.div (f32x4.mul (local.get $mv) (local.get $alphav))
            (f32x4.add (f32x4.sqrt (local.get $vv)) (local.get $epsv)))))
        (local.set $w (i32.add (local.get $w) (i32.const 16)))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $m (i32.add (local.get $m) (i32.const 16)))
        (local.set $v (i32.add (local.get $v) (i32.const 16)))
        (br $by4)))
    (block $done1
      (loop $by1
        (br_if $done1 (i32.ge_u (local.get $w) (local.get $end)))
        (local.set $gs (f32.load (local.get $g)))
        (local.set $ms (f32.load (local.get $m)))
        (local.set $ms (f32.add (local.get $ms)
          (f32.mul (f32.sub (local.get $gs) (local.get $ms)) (local.get $c1))))
        (f32.store (local.get $m) (local.get $ms))
        (local.set $vs (f32.load (local.get $v)))
        (local.set $vs (f32.add (local.get $vs)
          (f32.mul (f32.sub (f32.mul (local.get $gs) (local.get $gs)) (local.get $vs)) (local.get $c2))))
        (f32.store (local.get $v) (local.get $vs))
        (f32.store (local.get $w) (f32.sub (f32.load (local.get $w))
          (f32.div (f32.mul (local.get $ms) (local.get $alpha))
            (f32.add (f32.sqrt (local.get $vs)) (local.get $eps)))))
        (local.set $w (i32.add (local.get $w) (i32.const 4)))
        (local.set $g (i32.add (local.get $g) (i32.const 4)))
        (local.set $m (i32.add (local.get $m) (i32.const 4)))
        (local.set $v (i32.add (local.get $v) (i32.const 4)))
        (br $by1))))

  ;; relu sets y[i] = x[i] where x[i] > 0, else +0, for i < n: nn/ag's
  ;; branch-free ReLU (x's bits and-ed with the mask of x > 0, which is
  ;; false for ±0 and NaN). y may be x.
  (func (export "relu") (param $y i32) (param $x i32) (param $n i32)
    (local $end i32) (local $end4 i32) (local $zero v128) (local $v v128) (local $s f32)
    (local.set $zero (v128.const i32x4 0 0 0 0))
    (local.set $end (i32.add (local.get $y) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $end4 (i32.add (local.get $y) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done4
      (loop $by4
        (br_if $done4 (i32.ge_u (local.get $y) (local.get $end4)))
        (local.set $v (v128.load (local.get $x)))
        (v128.store (local.get $y) (v128.and (local.get $v) (f32x4.gt (local.get $v) (local.get $zero))))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (br $by4)))
    (block $done1
      (loop $by1
        (br_if $done1 (i32.ge_u (local.get $y) (local.get $end)))
        (local.set $s (f32.load (local.get $x)))
        (f32.store (local.get $y) (select (local.get $s) (f32.const 0) (f32.gt (local.get $s) (f32.const 0))))
        (local.set $y (i32.add (local.get $y) (i32.const 4)))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (br $by1))))

  ;; relu_backward sets dx[i] = dx[i] + dout[i] where x[i] > 0, and leaves
  ;; dx[i] as it is elsewhere, for i < n: the backward pass of relu.
  (func (export "relu_backward") (param $dx i32) (param $dout i32) (param $x i32) (param $n i32)
    (local $end i32) (local $end4 i32) (local $zero v128) (local $d v128) (local $s f32)
    (local.set $zero (v128.const i32x4 0 0 0 0))
    (local.set $end (i32.add (local.get $dx) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $end4 (i32.add (local.get $dx) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done4
      (loop $by4
        (br_if $done4 (i32.ge_u (local.get $dx) (local.get $end4)))
        (local.set $d (v128.load (local.get $dx)))
        (v128.store (local.get $dx) (v128.bitselect
          (f32x4.add (local.get $d) (v128.load (local.get $dout)))
          (local.get $d)
          (f32x4.gt (v128.load (local.get $x)) (local.get $zero))))
        (local.set $dx (i32.add (local.get $dx) (i32.const 16)))
        (local.set $dout (i32.add (local.get $dout) (i32.const 16)))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (br $by4)))
    (block $done1
      (loop $by1
        (br_if $done1 (i32.ge_u (local.get $dx) (local.get $end)))
        (if (f32.gt (f32.load (local.get $x)) (f32.const 0))
          (then (f32.store (local.get $dx) (f32.add (f32.load (local.get $dx)) (f32.load (local.get $dout))))))
        (local.set $dx (i32.add (local.get $dx) (i32.const 4)))
        (local.set $dout (i32.add (local.get $dout) (i32.const 4)))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (br $by1))))

  ;; add_runs adds count runs of n floats: for r = 0 … count−1 in order,
  ;; dst_r[j] = dst_r[j] + src_r[j] for j < n, where dst_r = dst +
  ;; r·dstStride and src_r = src + r·srcStride (strides in bytes; runs of
  ;; dst may overlap, dstStride 0 sums every src run into one). One run is
  ;; nn/ag's addInto; the runs are col2im's and a bias gradient's sums.
  (func (export "add_runs") (param $dst i32) (param $dstStride i32) (param $src i32) (param $srcStride i32)
    (param $n i32) (param $count i32)
    (local $d i32) (local $s i32) (local $end i32) (local $end4 i32) (local $bytes i32) (local $bytes4 i32)
    (local.set $bytes (i32.shl (local.get $n) (i32.const 2)))
    (local.set $bytes4 (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (block $runsDone
      (loop $runs
        (br_if $runsDone (i32.le_s (local.get $count) (i32.const 0)))
        (local.set $d (local.get $dst))
        (local.set $s (local.get $src))
        (local.set $end (i32.add (local.get $d) (local.get $bytes)))
        (local.set $end4 (i32.add (local.get $d) (local.get $bytes4)))
        (block $done4
          (loop $by4
            (br_if $done4 (i32.ge_u (local.get $d) (local.get $end4)))
            (v128.store (local.get $d) (f32x4.add (v128.load (local.get $d)) (v128.load (local.get $s))))
            (local.set $d (i32.add (local.get $d) (i32.const 16)))
            (local.set $s (i32.add (local.get $s) (i32.const 16)))
            (br $by4)))
        (block $done1
          (loop $by1
            (br_if $done1 (i32.ge_u (local.get $d) (local.get $end)))
            (f32.store (local.get $d) (f32.add (f32.load (local.get $d)) (f32.load (local.get $s))))
            (local.set $d (i32.add (local.get $d) (i32.const 4)))
            (local.set $s (i32.add (local.get $s) (i32.const 4)))
            (br $by1)))
        (local.set $dst (i32.add (local.get $dst) (local.get $dstStride)))
        (local.set $src (i32.add (local.get $src) (local.get $srcStride)))
        (local.set $count (i32.sub (local.get $count) (i32.const 1)))
        (br $runs))))

  ;; copy_runs copies count runs of n floats: for r = 0 … count−1, dst_r[j]
  ;; = src_r[j] for j < n, where dst_r = dst + r·dstStride and src_r = src +
  ;; r·srcStride (strides in bytes; runs must not overlap). The bits move
  ;; as they are, NaN payloads too. The runs are im2col's: one kernel row
  ;; of the receptive fields of neighbouring output pixels.
  (func (export "copy_runs") (param $dst i32) (param $dstStride i32) (param $src i32) (param $srcStride i32)
    (param $n i32) (param $count i32)
    (local $d i32) (local $s i32) (local $end i32) (local $end4 i32) (local $bytes i32) (local $bytes4 i32)
    (local.set $bytes (i32.shl (local.get $n) (i32.const 2)))
    (local.set $bytes4 (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (block $runsDone
      (loop $runs
        (br_if $runsDone (i32.le_s (local.get $count) (i32.const 0)))
        (local.set $d (local.get $dst))
        (local.set $s (local.get $src))
        (local.set $end (i32.add (local.get $d) (local.get $bytes)))
        (local.set $end4 (i32.add (local.get $d) (local.get $bytes4)))
        (block $done4
          (loop $by4
            (br_if $done4 (i32.ge_u (local.get $d) (local.get $end4)))
            (v128.store (local.get $d) (v128.load (local.get $s)))
            (local.set $d (i32.add (local.get $d) (i32.const 16)))
            (local.set $s (i32.add (local.get $s) (i32.const 16)))
            (br $by4)))
        (block $done1
          (loop $by1
            (br_if $done1 (i32.ge_u (local.get $d) (local.get $end)))
            (i32.store (local.get $d) (i32.load (local.get $s)))
            (local.set $d (i32.add (local.get $d) (i32.const 4)))
            (local.set $s (i32.add (local.get $s) (i32.const 4)))
            (br $by1)))
        (local.set $dst (i32.add (local.get $dst) (local.get $dstStride)))
        (local.set $src (i32.add (local.get $src) (local.get $srcStride)))
        (local.set $count (i32.sub (local.get $count) (i32.const 1)))
        (br $runs))))

  ;; max_pool takes the maximum of count windows of kh×kw pixels of n
  ;; channels: window w's pixel (y, x) holds its n channels at src +
  ;; w·winStride + y·rowStride + x·4n (strides in bytes; the channels of
  ;; neighbouring pixels are neighbours), and dst + 4·w·n receives the
  ;; window's n maxima. Channel j's maximum is nn/ag's: the window's first
  ;; pixel, replaced by each later one, in row-major window order, that is
  ;; greater, or a NaN over a number. The first pixel is compared with
  ;; itself too, which never replaces it (v > v is false, and a NaN b is
  ;; not b == b), so every pixel takes the same loop.
  (func (export "max_pool") (param $dst i32) (param $src i32) (param $n i32) (param $kh i32) (param $kw i32)
    (param $rowStride i32) (param $winStride i32) (param $count i32)
    (local $pixStride i32) (local $j i32) (local $n4 i32) (local $p i32) (local $row i32) (local $y i32) (local $x i32)
    (local $b v128) (local $v v128) (local $bs f32) (local $vs f32)
    (local.set $pixStride (i32.shl (local.get $n) (i32.const 2)))
    (local.set $n4 (i32.and (local.get $n) (i32.const -4)))
    (block $windowsDone
      (loop $windows
        (br_if $windowsDone (i32.le_s (local.get $count) (i32.const 0)))
        ;; four channels at a time
        (local.set $j (i32.const 0))
        (block $done4
          (loop $by4
            (br_if $done4 (i32.ge_u (local.get $j) (local.get $n4)))
            (local.set $row (i32.add (local.get $src) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $b (v128.load (local.get $row)))
            (local.set $y (local.get $kh))
            (loop $rows
              (local.set $p (local.get $row))
              (local.set $x (local.get $kw))
              (loop $cols
                (local.set $v (v128.load (local.get $p)))
                (local.set $b (v128.bitselect (local.get $v) (local.get $b)
                  (v128.or (f32x4.gt (local.get $v) (local.get $b))
                    (v128.and (f32x4.ne (local.get $v) (local.get $v)) (f32x4.eq (local.get $b) (local.get $b))))))
                (local.set $p (i32.add (local.get $p) (local.get $pixStride)))
                (local.set $x (i32.sub (local.get $x) (i32.const 1)))
                (br_if $cols (i32.gt_s (local.get $x) (i32.const 0))))
              (local.set $row (i32.add (local.get $row) (local.get $rowStride)))
              (local.set $y (i32.sub (local.get $y) (i32.const 1)))
              (br_if $rows (i32.gt_s (local.get $y) (i32.const 0))))
            (v128.store (i32.add (local.get $dst) (i32.shl (local.get $j) (i32.const 2))) (local.get $b))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $by4)))
        ;; the channels left, one at a time
        (block $done1
          (loop $by1
            (br_if $done1 (i32.ge_u (local.get $j) (local.get $n)))
            (local.set $row (i32.add (local.get $src) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $bs (f32.load (local.get $row)))
            (local.set $y (local.get $kh))
            (loop $rows1
              (local.set $p (local.get $row))
              (local.set $x (local.get $kw))
              (loop $cols1
                (local.set $vs (f32.load (local.get $p)))
                (if (i32.or (f32.gt (local.get $vs) (local.get $bs))
                      (i32.and (f32.ne (local.get $vs) (local.get $vs)) (f32.eq (local.get $bs) (local.get $bs))))
                  (then (local.set $bs (local.get $vs))))
                (local.set $p (i32.add (local.get $p) (local.get $pixStride)))
                (local.set $x (i32.sub (local.get $x) (i32.const 1)))
                (br_if $cols1 (i32.gt_s (local.get $x) (i32.const 0))))
              (local.set $row (i32.add (local.get $row) (local.get $rowStride)))
              (local.set $y (i32.sub (local.get $y) (i32.const 1)))
              (br_if $rows1 (i32.gt_s (local.get $y) (i32.const 0))))
            (f32.store (i32.add (local.get $dst) (i32.shl (local.get $j) (i32.const 2))) (local.get $bs))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $by1)))
        (local.set $dst (i32.add (local.get $dst) (local.get $pixStride)))
        (local.set $src (i32.add (local.get $src) (local.get $winStride)))
        (local.set $count (i32.sub (local.get $count) (i32.const 1)))
        (br $windows))))

  ;; max_pool_arg is max_pool that also writes where each maximum came
  ;; from: arg + 4·(w·n + j) receives the i32 base + (the maximum's byte
  ;; address − src)/4, its index in the caller's input when src is that
  ;; input's element base. The index moves with the value it names.
  (func (export "max_pool_arg") (param $dst i32) (param $arg i32) (param $base i32) (param $src i32) (param $n i32)
    (param $kh i32) (param $kw i32) (param $rowStride i32) (param $winStride i32) (param $count i32)
    (local $pixStride i32) (local $j i32) (local $n4 i32) (local $p i32) (local $row i32) (local $y i32) (local $x i32)
    (local $b v128) (local $v v128) (local $m v128) (local $from v128) (local $idx v128) (local $lanes v128)
    (local $bs f32) (local $vs f32) (local $froms i32) (local $i i32) (local $rowI i32) (local $start i32)
    (local.set $pixStride (i32.shl (local.get $n) (i32.const 2)))
    (local.set $n4 (i32.and (local.get $n) (i32.const -4)))
    (local.set $lanes (v128.const i32x4 0 1 2 3))
    (local.set $start (local.get $src))
    (block $windowsDone
      (loop $windows
        (br_if $windowsDone (i32.le_s (local.get $count) (i32.const 0)))
        (local.set $j (i32.const 0))
        (block $done4
          (loop $by4
            (br_if $done4 (i32.ge_u (local.get $j) (local.get $n4)))
            (local.set $row (i32.add (local.get $src) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $b (v128.load (local.get $row)))
            (local.set $from (i32x4.add (i32x4.splat (i32.add (local.get $base)
              (i32.shr_u (i32.sub (local.get $row) (local.get $start)) (i32.const 2)))) (local.get $lanes)))
            (local.set $y (local.get $kh))
            (loop $rows
              (local.set $p (local.get $row))
              (local.set $x (local.get $kw))
              (loop $cols
                (local.set $v (v128.load (local.get $p)))
                (local.set $m (v128.or (f32x4.gt (local.get $v) (local.get $b))
                  (v128.and (f32x4.ne (local.get $v) (local.get $v)) (f32x4.eq (local.get $b) (local.get $b)))))
                (local.set $idx (i32x4.add (i32x4.splat (i32.add (local.get $base)
                  (i32.shr_u (i32.sub (local.get $p) (local.get $start)) (i32.const 2)))) (local.get $lanes)))
                (local.set $b (v128.bitselect (local.get $v) (local.get $b) (local.get $m)))
                (local.set $from (v128.bitselect (local.get $idx) (local.get $from) (local.get $m)))
                (local.set $p (i32.add (local.get $p) (local.get $pixStride)))
                (local.set $x (i32.sub (local.get $x) (i32.const 1)))
                (br_if $cols (i32.gt_s (local.get $x) (i32.const 0))))
              (local.set $row (i32.add (local.get $row) (local.get $rowStride)))
              (local.set $y (i32.sub (local.get $y) (i32.const 1)))
              (br_if $rows (i32.gt_s (local.get $y) (i32.const 0))))
            (v128.store (i32.add (local.get $dst) (i32.shl (local.get $j) (i32.const 2))) (local.get $b))
            (v128.store (i32.add (local.get $arg) (i32.shl (local.get $j) (i32.const 2))) (local.get $from))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $by4)))
        (block $done1
          (loop $by1
            (br_if $done1 (i32.ge_u (local.get $j) (local.get $n)))
            (local.set $row (i32.add (local.get $src) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $bs (f32.load (local.get $row)))
            (local.set $froms (i32.add (local.get $base) (i32.shr_u (i32.sub (local.get $row) (local.get $start)) (i32.const 2))))
            (local.set $y (local.get $kh))
            (loop $rows1
              (local.set $p (local.get $row))
              (local.set $x (local.get $kw))
              (loop $cols1
                (local.set $vs (f32.load (local.get $p)))
                (if (i32.or (f32.gt (local.get $vs) (local.get $bs))
                      (i32.and (f32.ne (local.get $vs) (local.get $vs)) (f32.eq (local.get $bs) (local.get $bs))))
                  (then
                    (local.set $bs (local.get $vs))
                    (local.set $froms (i32.add (local.get $base) (i32.shr_u (i32.sub (local.get $p) (local.get $start)) (i32.const 2))))))
                (local.set $p (i32.add (local.get $p) (local.get $pixStride)))
                (local.set $x (i32.sub (local.get $x) (i32.const 1)))
                (br_if $cols1 (i32.gt_s (local.get $x) (i32.const 0))))
              (local.set $row (i32.add (local.get $row) (local.get $rowStride)))
              (local.set $y (i32.sub (local.get $y) (i32.const 1)))
              (br_if $rows1 (i32.gt_s (local.get $y) (i32.const 0))))
            (f32.store (i32.add (local.get $dst) (i32.shl (local.get $j) (i32.const 2))) (local.get $bs))
            (i32.store (i32.add (local.get $arg) (i32.shl (local.get $j) (i32.const 2))) (local.get $froms))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $by1)))
        (local.set $dst (i32.add (local.get $dst) (local.get $pixStride)))
        (local.set $arg (i32.add (local.get $arg) (local.get $pixStride)))
        (local.set $src (i32.add (local.get $src) (local.get $winStride)))
        (local.set $count (i32.sub (local.get $count) (i32.const 1)))
        (br $windows))))
)
