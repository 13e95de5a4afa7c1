//===- ActToVector.h - act vector kernels ------------------------*- C++ -*-===//

#ifndef ACT_CONVERSION_ACTTOVECTOR_ACTTOVECTOR_H
#define ACT_CONVERSION_ACTTOVECTOR_ACTTOVECTOR_H

#include "mlir/Pass/Pass.h"

namespace mlir {
class RewriterBase;

namespace linalg {
class GenericOp;
} // namespace linalg

namespace act {
class FusedMatmulOp;
class FusedConv2DOp;

#define GEN_PASS_DECL_CONVERTACTFUSEDMATMULTOVECTOR
#define GEN_PASS_DECL_ACTVECTORIZEELEMENTWISE
#include "act/Conversion/Passes.h.inc"

/// The register tile of the vector kernel.
struct FusedMatmulVectorOptions {
  /// Rows of the register tile: one accumulator vector each.
  int64_t tileM = 8;
  /// Columns of the register tile: the vector length, in accumulator
  /// elements.
  int64_t tileN = 16;
  /// Use vector.fma for the accumulation (one rounding per step) instead of
  /// a separate multiply and add (bit-identical to the reference lowering).
  bool contract = true;
  /// With packing, the reduction is blocked into steps of tileK when the
  /// result holds the accumulator type: the partial sums stay in the
  /// result between blocks, the epilogue runs in the last.
  int64_t tileK = 256;
  /// Pack B into tileN-column panels (at compile time when it is constant)
  /// when several row tiles read it.
  bool pack = true;
  /// With packing, rows of A are processed in blocks of about this many
  /// bytes (sized for the L2 cache), each swept by every panel of B.
  int64_t blockBytes = 1024 * 1024;
  /// The threads the row blocks are shared among: their count is made a
  /// multiple of it.
  int64_t threads = 1;
};

/// The register tile for a vector ISA: `avx512` 6 x 64 f32 (24 of the 32
/// zmm registers hold accumulators, 4 the row of B), `avx2` 6 x 16 (12 of the 16 ymm
/// registers), `generic` 4 x 8 (128-bit vectors), `auto` the host's.
/// Fails on another name.
FailureOr<std::pair<int64_t, int64_t>> getRegisterTile(llvm::StringRef target);

/// Tiles `op` into tileM x tileN register tiles (the whole reduction each)
/// and rewrites each tile into vector code on tensors: the accumulator tile
/// in tileM vectors, one broadcast-multiply-add per row and reduction step,
/// the epilogue applied to the accumulator vectors, one masked store per
/// row. Edge tiles of any size are handled by masking. Fails (without
/// changing the IR) for a batched op.
LogicalResult lowerFusedMatmulToVector(RewriterBase &rewriter,
                                       FusedMatmulOp op,
                                       const FusedMatmulVectorOptions &options);

/// The same kernel for act.fused_conv2d, no im2col, the accumulators in
/// registers across the whole reduction. NHWC (HWCF filter): tiles of one
/// output row x tileM output columns x tileN channels, the reduction over
/// (kh, kw, c), one contiguous filter vector per step. NCHW (FCHW filter):
/// tiles of tileM channels x one output row x tileN output columns, the
/// reduction over (c, kh, kw), one vector of an input row per step (strided
/// with a stride > 1) and one broadcast filter element per channel.
LogicalResult lowerFusedConv2DToVector(RewriterBase &rewriter,
                                       FusedConv2DOp op,
                                       const FusedMatmulVectorOptions &options);

/// How act-vectorize-elementwise vectorizes an elementwise generic.
struct ElementwiseVectorOptions {
  /// Elements per vector.
  int64_t vectorSize = 16;
  /// Elements of the innermost dimension per parallel iteration (a
  /// multiple of vectorSize).
  int64_t blockSize = 4096;
  /// A contiguous result of a static size of at least this many bytes is
  /// written with aligned non-temporal stores; 0: never.
  int64_t nontemporalBytes = 4 * 1024 * 1024;
  /// With non-temporal stores, every full vector also prefetches each
  /// contiguous input this many bytes ahead; 0: no prefetch.
  int64_t prefetchBytes = 4096;
};

/// Success if `generic` is one vectorizeElementwise handles: on buffers,
/// every loop parallel, one output written through the identity map, the
/// inputs read through projected permutations (broadcasts, transposes),
/// no linalg.index, element types of whole bytes.
LogicalResult checkVectorizableElementwise(linalg::GenericOp generic);

/// Replaces an elementwise `generic` on buffers by an scf.forall over its
/// outer dimensions and blocks of `blockSize` elements of the innermost one
/// (identity maps on identity layouts are collapsed to one dimension
/// first). Each block is a loop of full vectors, in which the payload is
/// applied to vectors (elementwise-mappable ops: arith, math, act), then a
/// masked vector for the rest. With a result of at least
/// `nontemporalBytes`, a masked head first reaches the vector alignment,
/// the full vectors are aligned non-temporal stores, and their contiguous
/// inputs are prefetched `prefetchBytes` ahead. Fails without
/// changing the IR if the payload has an op that cannot take vectors.
LogicalResult vectorizeElementwise(RewriterBase &rewriter,
                                   linalg::GenericOp generic,
                                   const ElementwiseVectorOptions &options);

} // namespace act
} // namespace mlir

#endif // ACT_CONVERSION_ACTTOVECTOR_ACTTOVECTOR_H
