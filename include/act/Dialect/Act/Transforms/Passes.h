//===- Passes.h - act dialect transformation passes --------------*- C++ -*-===//

#ifndef ACT_DIALECT_ACT_TRANSFORMS_PASSES_H
#define ACT_DIALECT_ACT_TRANSFORMS_PASSES_H

#include "mlir/Pass/Pass.h"

namespace mlir {
class RewritePatternSet;

namespace act {

/// memref.copy between memrefs that are not both contiguous row-major
/// becomes linalg.copy (loops LLVM vectorizes, instead of the runtime's
/// element-by-element memrefCopy).
void populateActExpandStridedCopyPatterns(RewritePatternSet &patterns);

/// A multi-dimensional scf.parallel without reductions keeps its outer
/// dimensions and runs the innermost as an scf.for in its body.
void populateActSerializeInnermostParallelDimPatterns(
    RewritePatternSet &patterns);

#define GEN_PASS_DECL
#include "act/Dialect/Act/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "act/Dialect/Act/Transforms/Passes.h.inc"

} // namespace act
} // namespace mlir

#endif // ACT_DIALECT_ACT_TRANSFORMS_PASSES_H
