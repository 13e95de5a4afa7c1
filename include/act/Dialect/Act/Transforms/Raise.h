//===- Raise.h - Recognise decomposed activations ---------------*- C++ -*-===//
//
// Patterns that rewrite decomposed activation functions (arith/math chains,
// TOSA graphs, linalg elementwise ops and generic bodies) into act ops. The
// contract they follow is in docs/semantics.md, section "Raising".
//
//===----------------------------------------------------------------------===//

#ifndef ACT_DIALECT_ACT_TRANSFORMS_RAISE_H
#define ACT_DIALECT_ACT_TRANSFORMS_RAISE_H

namespace mlir {
class RewritePatternSet;

namespace act {

/// Adds the patterns of `--act-raise` to `patterns`: one that raises an
/// activation computed by arith, math, TOSA or elementwise linalg ops into the
/// equivalent act op, and one that replaces a linalg.generic whose body is a
/// single unary act op on its input by that act op on the tensor.
void populateActRaisePatterns(RewritePatternSet &patterns);

} // namespace act
} // namespace mlir

#endif // ACT_DIALECT_ACT_TRANSFORMS_RAISE_H
