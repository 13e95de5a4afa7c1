//===- ActToArith.h - act to arith/math conversion ---------------*- C++ -*-===//

#ifndef ACT_CONVERSION_ACTTOARITH_ACTTOARITH_H
#define ACT_CONVERSION_ACTTOARITH_ACTTOARITH_H

#include "mlir/Pass/Pass.h"

namespace mlir {
class RewritePatternSet;

namespace act {

#define GEN_PASS_DECL_CONVERTACTTOARITH
#define GEN_PASS_DECL_EXPANDBF16CASTS
#define GEN_PASS_DECL_ACTAPPROXIMATEMATH
#include "act/Conversion/Passes.h.inc"

/// Adds patterns that rewrite act ops on float scalars and vectors into
/// arith and math ops with the semantics of docs/semantics.md. Ops on
/// tensors do not match. With `fast`, transcendental ops are computed in
/// f32 (f64 for f64) instead of f64, for math's polynomial approximations
/// (`act-approximate-math`) to vectorize; their accuracy is in
/// docs/semantics.md.
void populateActToArithConversionPatterns(RewritePatternSet &patterns,
                                          bool fast = false);

} // namespace act
} // namespace mlir

#endif // ACT_CONVERSION_ACTTOARITH_ACTTOARITH_H
