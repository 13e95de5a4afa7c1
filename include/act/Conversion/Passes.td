//===- Passes.td - act conversion passes ----------------------*- tablegen -*-===//

#ifndef ACT_CONVERSION_PASSES_TD
#define ACT_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertActToArith : Pass<"convert-act-to-arith"> {
  let summary = "Lower scalar and vector act ops to arith and math ops";
  let description = [{
    Rewrites every act op on a float scalar or vector into `arith` and `math`
    ops that compute exactly the formula of `docs/semantics.md`: IEEE
    `maximumf`/`minimumf` for `nan_mode = propagate`, `maxnumf`/`minnumf` for
    `ignore`, `math.expm1`/`math.log1p`/`math.erfc` where the formula has them,
    and explicit selects for the infinite inputs whose limit the formula alone
    would turn into NaN (silu, gelu, mish, hard_swish, softsign at -Inf/±Inf).

    `f16` and `bf16` operands are extended to `f32`, computed there and
    truncated once, matching the reference and the constant folder. Attribute
    values are rounded to the computation type first. No `fastmath` flags are
    set, so LLVM may not contract a multiply and add into an FMA.

    Act ops on tensors are left alone: they reach this pass inside
    `linalg.generic` bodies after `--convert-act-to-linalg`.

    An op whose input is known to be NaN, +0.0 or positive (the result of
    a NaN-propagating `relu`, of a `clip` with a lower bound >= 0, of
    `sigmoid`, of `gelu`/`silu`/`mish` of such a value, an
    `arith.maximumf` with a constant >= +0.0, `math.absf`) uses that: a
    `clip` drops its lower bound when it is <= 0 (bit-identical), and with
    `fast` an f32 `gelu` takes a non-negative form, x - x * exp(q(x)) with
    a polynomial q, no erfc and no division (at most 2 ulp from the
    reference, docs/semantics.md).

    ```mlir
    %y = act.relu %x : vector<8xf32>
    // becomes
    %zero = arith.constant dense<0.000000e+00> : vector<8xf32>
    %y = arith.maximumf %x, %zero : vector<8xf32>
    ```
  }];
  let options = [
    Option<"fast", "fast", "bool", /*default=*/"false",
           "Compute the transcendental ops in f32 (f64 for f64 operands) "
           "instead of f64, so that act-approximate-math's polynomial "
           "approximations apply to whole vectors; accuracy per op in "
           "docs/semantics.md">,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect"];
}

def ActApproximateMath : Pass<"act-approximate-math"> {
  let summary = "Replace f32 math functions by upstream's polynomial "
                "approximations";
  let description = [{
    Applies MLIR's `populateMathPolynomialApproximationPatterns` to every
    f32 (and f16/bf16, through f32) `math.exp`, `math.expm1`, `math.log`,
    `math.log1p`, `math.tanh`, `math.erf`, `math.erfc` and the other
    functions it covers, on scalars and vectors: branch-free arith code that
    vectorizes, instead of one libm call per element. f64 functions are left
    for libm. `act-lower-to-cpu{fast-math=true}` runs it after
    `convert-act-to-arith{fast=true}`; the measured error of each act op on
    that path is in docs/semantics.md.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::vector::VectorDialect",
                           "::mlir::LLVM::LLVMDialect"];
}

def ActVectorizeElementwise : Pass<"act-vectorize-elementwise"> {
  let summary = "Vectorize elementwise linalg.generic ops on buffers into "
                "blocked loops of vectors";
  let description = [{
    Every `linalg.generic` on buffers whose loops are all parallel, whose
    one output is written through the identity map and whose inputs are
    read through projected permutations (elementwise ops, broadcasts,
    transposes, the elementwise chains `--act-fuse` and
    `linalg-fuse-elementwise-ops` build), of any static or dynamic shape,
    becomes:

    - an `scf.forall` (parallel with threads) over its outer dimensions and
      blocks of `block-size` elements of the innermost one; identity maps
      over buffers with the identity layout are first collapsed to one
      dimension, so a block spans rows;
    - in each block, an `scf.for` of full vectors of `vector-size`
      elements: contiguous operands read with `vector.load`, operands that
      do not vary along the vector read once as scalars and broadcast,
      strided ones with a `vector.transfer_read`; the payload cloned on
      vectors (act ops become act ops on vectors, which
      `convert-act-to-arith` lowers; ops on values that do not vary stay
      scalar); one `vector.store`;
    - then one vector masked to the rest of the block (`vector.maskedload`
      / `vector.maskedstore`), if the size can leave one.

    A contiguous result of a static size of at least `nontemporal-bytes` is
    written with non-temporal stores (`vector.store {nontemporal = true}`,
    aligned to the vector's size: a masked head vector first reaches that
    alignment): a result that large does not stay in cache, and these
    stores do not read each line before writing it; each full vector then
    also prefetches its contiguous inputs `prefetch-bytes` ahead
    (`memref.prefetch`), which one core's out-of-order window and hardware
    prefetchers do not reach on their own. A generic with a
    payload op that cannot take vectors (not elementwise-mappable, or with
    regions) or a `linalg.index` is left alone. Runs after bufferization;
    `act-lower-to-cpu{fast-math=true}` runs it.
  }];
  let options = [
    Option<"vectorSize", "vector-size", "int64_t", /*default=*/"16",
           "Elements per vector (16 f32: one AVX-512 register)">,
    Option<"blockSize", "block-size", "int64_t", /*default=*/"4096",
           "Elements of the innermost dimension per parallel iteration (a "
           "positive multiple of vector-size)">,
    Option<"nontemporalBytes", "nontemporal-bytes", "int64_t",
           /*default=*/"4194304",
           "Write a contiguous result of a static size of at least this "
           "many bytes with aligned non-temporal stores (0: never)">,
    Option<"prefetchBytes", "prefetch-bytes", "int64_t", /*default=*/"4096",
           "With non-temporal stores, prefetch the contiguous inputs this "
           "many bytes ahead of each full vector (0: no prefetch)">,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect"];
}

def ConvertActToLinalg : Pass<"convert-act-to-linalg"> {
  let summary = "Rewrite act ops on ranked tensors into linalg.generic";
  let description = [{
    Turns each act op on a ranked tensor into a `linalg.generic` with
    parallel iterators whose body applies the same act op to scalars, writing
    into a `tensor.empty` of the result's shape (dynamic sizes taken from the
    input with `tensor.dim`). `act.prelu`'s slope gets a broadcasting indexing
    map (ONNX unidirectional broadcast: right-aligned, size-1 dimensions
    repeat), which upstream `--convert-elementwise-to-linalg` cannot express.
    Scalar and vector act ops are left for `--convert-act-to-arith`.

    ```mlir
    %y = act.relu %x : tensor<4x8xf32>
    // becomes
    %init = tensor.empty() : tensor<4x8xf32>
    %y = linalg.generic {indexing_maps = [#id, #id],
                         iterator_types = ["parallel", "parallel"]}
        ins(%x : tensor<4x8xf32>) outs(%init : tensor<4x8xf32>) {
    ^bb0(%in: f32, %out: f32):
      %r = act.relu %in : f32
      linalg.yield %r : f32
    } -> tensor<4x8xf32>
    ```
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

def ExpandBF16Casts : Pass<"act-expand-bf16-casts"> {
  let summary = "Expand arith.extf/truncf between f32 and bf16 into integer ops";
  let description = [{
    Rewrites `arith.extf` from `bf16` and `arith.truncf` to `bf16` into shifts
    and integer adds (round to nearest even, NaN kept quiet), using upstream's
    `populateExpandBFloat16Patterns` and nothing else of `arith-expand`.

    Why: the LLVM x86 backend lowers an `fptrunc float to bfloat` to a call to
    `__truncsfbf2`, which Debian 12's libgcc (GCC 12) does not provide, so
    JIT-compiled or linked code that truncates to bf16 fails to resolve the
    symbol. `act-lower-to-cpu` runs this pass before the LLVM conversions.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect"];
}

def ConvertActFusedMatmulToVector
    : Pass<"convert-act-fused-matmul-to-vector"> {
  let summary = "Rewrite act.fused_matmul into a register-tiled vector kernel";
  let description = [{
    Tiles every `act.fused_matmul` into register tiles of `tile-m` rows and
    `tile-n` columns (batch dimensions one at a time, the whole reduction in
    each tile) and rewrites each tile into vector code on tensors: `tile-m`
    accumulator vectors of `tile-n` accumulator elements live across the
    reduction loop (marked `act.register_tile`), each step loads one row of
    B as a vector and, per accumulator row, broadcasts one element of A and
    multiplies and adds (`vector.fma` with `contract`, else `arith.mulf` then
    `arith.addf`, which rounds exactly as the reference lowering does). The
    epilogue is applied to the accumulator vectors, its bias and extra
    operands read as vectors (broadcast where they do not vary along N), and
    each row is stored once with a masked `vector.transfer_write`. Edge tiles
    of any size are masked, so M, N and K need not divide the tile.

    With `pack`, a rank-2 B that several row tiles read is first packed into
    panels `tensor<ceil(N / tile-n) x K x tile-n>` (a constant B at compile
    time), so each step's row of B is one contiguous in-bounds load, and the
    column tiles iterate outside the row tiles. With fewer rows than
    `tile-m` (a GEMV), the tile has that many rows and proportionally more
    columns, so B streams through once; a constant B is packed even then.
    The packed rows of A are processed in blocks sized by `block-bytes`, of
    equal size and as many as `threads` or a multiple of it. When the
    result holds the accumulator type, the reduction is blocked into
    `tile-k` steps (partial sums kept in the result between blocks, the
    epilogue in the last block).

    `act.fused_conv2d` goes through the same kernel without im2col: NHWC
    tiles of (output row, `tile-m` output columns, `tile-n` channels) with
    the reduction over (kh, kw, c) and one contiguous HWCF filter vector per
    step; NCHW tiles of (`tile-m` channels, output row, `tile-n` output
    columns) with the reduction over (c, kh, kw), one vector of an input row
    per step (a strided slice when the stride is > 1) and one broadcast
    filter element per channel. Both sum in the reference's order.

    ```mlir
    %r = act.fused_matmul ins(%a, %b : tensor<64x32xf32>, tensor<32x48xf32>) ...
    // becomes, per 8x16 tile:
    %acc:8 = scf.for %k = %c0 to %c32 step %c1 iter_args(...) -> (vector<16xf32>, ...) {
      %row = vector.transfer_read %b_tile[%k, %c0], %pad : tensor<32x?xf32>, vector<16xf32>
      %a0 = tensor.extract %a_tile[%m0, %k] : tensor<?x32xf32>
      %s0 = vector.broadcast %a0 : f32 to vector<16xf32>
      %f0 = vector.fma %s0, %row, %acc0 : vector<16xf32>
      ...
    } {act.register_tile = array<i64: 8, 16>}
    ```
  }];
  let options = [
    Option<"target", "target", "std::string", /*default=*/"\"auto\"",
           "Vector ISA the register tile is sized for: avx512 (6x64), avx2 "
           "(6x16), generic (4x8), or auto (the host's)">,
    Option<"tileM", "tile-m", "int64_t", /*default=*/"0",
           "Rows of the register tile (accumulator vectors); 0: the "
           "target's">,
    Option<"tileN", "tile-n", "int64_t", /*default=*/"0",
           "Columns of the register tile (the vector length, in accumulator "
           "elements); 0: the target's">,
    Option<"tileK", "tile-k", "int64_t", /*default=*/"0",
           "With pack: steps of the reduction per block (the partial sums "
           "stay in the result between blocks, the epilogue runs in the "
           "last; only when the result has the accumulator type); 0: "
           "blocks of half the host's L2 cache of the B panel">,
    Option<"contract", "contract", "bool", /*default=*/"true",
           "Accumulate with vector.fma (one rounding per step) instead of a "
           "multiply and an add (the reference lowering's roundings)">,
    Option<"pack", "pack", "bool", /*default=*/"true",
           "Pack B into panels of tile-n columns (K x tile-n each, "
           "contiguous, zero-padded; at compile time for a constant B) when "
           "more than one row tile reads it, and iterate the row tiles "
           "inside the column tiles">,
    Option<"blockBytes", "block-bytes", "int64_t", /*default=*/"0",
           "With pack: rows of A are processed in blocks of about this many "
           "bytes, each swept by every panel of B; the blocks are what "
           "threads share out. 0: half of the host's L2 cache "
           "(sysconf(_SC_LEVEL2_CACHE_SIZE), 2 MiB if unknown)">,
    Option<"threads", "threads", "int64_t", /*default=*/"1",
           "Threads the row blocks are shared among (scf.forall iterations "
           "become OpenMP work): the blocks are of equal size and their "
           "count a multiple of this">,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::tensor::TensorDialect",
                           "::mlir::vector::VectorDialect",
                           "::mlir::affine::AffineDialect"];
}

#endif // ACT_CONVERSION_PASSES_TD
