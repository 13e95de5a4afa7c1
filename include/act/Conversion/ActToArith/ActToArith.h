//===- ActToArith.h - act to arith/math conversion ---------------*- C++ -*-===//

#ifndef ACT_CONVERSION_ACTTOARITH_ACTTOARITH_H
#define ACT_CONVERSION_ACTTOARITH_ACTTOARITH_H

#include "mlir/Pass/Pass.h"

namespace mlir {
class RewritePatternSet;

namespace act {

#define GEN_PASS_DECL_CONVERTACTTOARITH
#define GEN_PASS_DECL_EXPANDBF16CASTS
#include "act/Conversion/Passes.h.inc"

/// Adds patterns that rewrite act ops on float scalars and vectors into
/// arith and math ops with the semantics of docs/semantics.md. Ops on
/// tensors do not match.
void populateActToArithConversionPatterns(RewritePatternSet &patterns);

} // namespace act
} // namespace mlir

#endif // ACT_CONVERSION_ACTTOARITH_ACTTOARITH_H
