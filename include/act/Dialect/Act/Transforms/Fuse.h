//===- Fuse.h - contraction + epilogue and elementwise fusion ----*- C++ -*-===//
//
// The rewrites behind --act-fuse, for pipelines that want them without the
// pass: a matmul or convolution followed by a bias add, activations and
// other elementwise ops becomes one act.fused_matmul / act.fused_conv2d, and
// a chain of elementwise ops containing act ops becomes one linalg.generic.
//
//===----------------------------------------------------------------------===//

#ifndef ACT_DIALECT_ACT_TRANSFORMS_FUSE_H
#define ACT_DIALECT_ACT_TRANSFORMS_FUSE_H

#include "llvm/ADT/DenseSet.h"

namespace mlir {
class Operation;
class RewritePatternSet;

namespace act {

/// Where the fusion patterns explain themselves. With `emitRemarks` set,
/// each fused group gets one `remark:` (what was fused, the bytes of
/// intermediate traffic saved) and each missed opportunity one `remark:`
/// with the reason, at the op that blocked it.
struct FusionReport {
  bool emitRemarks = false;
  /// Ops a missed-opportunity remark was already emitted for: the greedy
  /// driver may visit an op that fails to fuse more than once.
  llvm::DenseSet<Operation *> reported;
};

/// Patterns that replace a contraction (linalg.matmul, linalg.batch_matmul
/// and their transposed forms, linalg.generic matmuls, tosa.matmul,
/// linalg.conv_2d_nhwc_hwcf / nchw_fchw) and the chain of single-use
/// elementwise ops after it by one act.fused_matmul / act.fused_conv2d.
/// `report` may be null; it must outlive the pattern set.
void populateActFuseContractionPatterns(RewritePatternSet &patterns,
                                        FusionReport *report = nullptr);

/// Patterns that fuse a chain of two or more single-use elementwise ops on
/// tensors, at least one of them an act op, into one linalg.generic.
void populateActFuseElementwisePatterns(RewritePatternSet &patterns,
                                        FusionReport *report = nullptr);

} // namespace act
} // namespace mlir

#endif // ACT_DIALECT_ACT_TRANSFORMS_FUSE_H
