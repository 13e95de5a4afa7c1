//===- ActToLinalg.h - act on tensors to linalg.generic ----------*- C++ -*-===//

#ifndef ACT_CONVERSION_ACTTOLINALG_ACTTOLINALG_H
#define ACT_CONVERSION_ACTTOLINALG_ACTTOLINALG_H

#include "mlir/Pass/Pass.h"

namespace mlir {
class RewritePatternSet;

namespace act {

#define GEN_PASS_DECL_CONVERTACTTOLINALG
#include "act/Conversion/Passes.h.inc"

/// Adds a pattern that rewrites every act op on a ranked tensor into a
/// parallel linalg.generic applying the op to scalars (prelu's slope with a
/// broadcasting indexing map).
void populateActToLinalgConversionPatterns(RewritePatternSet &patterns);

} // namespace act
} // namespace mlir

#endif // ACT_CONVERSION_ACTTOLINALG_ACTTOLINALG_H
