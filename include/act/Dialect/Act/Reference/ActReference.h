//===- ActReference.h - Scalar reference of every act op --------*- C++ -*-===//
//
// The one scalar implementation of the act ops' semantics. The constant
// folder evaluates through it, and every numerical test compares against it,
// so a formula lives here and nowhere else. It has no MLIR dependency.
//
// Precision contract (see docs/semantics.md):
//  - Attribute values are first rounded to the evaluation type T.
//  - Piecewise-linear ops (relu, leaky_relu, prelu, thresholded_relu, clip,
//    hard_sigmoid, hard_swish) round every step in T, exactly as the lowered
//    code does, so folder and generated code agree bit for bit.
//  - Transcendental ops are evaluated in a wider type (double for float,
//    long double for double) and rounded once, so they serve as the accurate
//    baseline that lowered code is measured against in ULPs.
//  - f16 and bf16 are evaluated as float and rounded once at the end.
//
//===----------------------------------------------------------------------===//

#ifndef ACT_DIALECT_ACT_REFERENCE_ACTREFERENCE_H
#define ACT_DIALECT_ACT_REFERENCE_ACTREFERENCE_H

#include <cstdint>

namespace mlir {
namespace act {
namespace reference {

enum class Kind : uint8_t {
  Relu,
  LeakyRelu,
  PRelu,
  ThresholdedRelu,
  Clip,
  HardSigmoid,
  HardSwish,
  Elu,
  Selu,
  Celu,
  Softplus,
  Mish,
  Gelu,
  GeluTanh,
  Silu,
  Sigmoid,
  Tanh,
  Softsign,
};

/// How a max/min-based op treats a NaN input: `Propagate` returns NaN,
/// `Ignore` returns the clamp bound (IEEE-754 maxNum/minNum).
enum class NanMode : uint8_t { Propagate, Ignore };

/// One activation function with its attribute values. Fields an op does not
/// use are ignored; `min`/`max` are clip's bounds, `threshold` softplus's.
struct Activation {
  Kind kind = Kind::Relu;
  double alpha = 0.0;
  double beta = 0.0;
  double gamma = 0.0;
  double min = 0.0;
  double max = 0.0;
  double threshold = 0.0;
  NanMode nanMode = NanMode::Propagate;
};

/// Evaluates `act` at `x`. `slope` is prelu's second operand and is ignored
/// by every other op.
float evaluate(const Activation &act, float x, float slope = 0.0f);
double evaluate(const Activation &act, double x, double slope = 0.0);

/// True for the ops whose lowering must match the reference bit for bit.
bool isPiecewiseLinear(Kind kind);

/// The op mnemonic, e.g. "leaky_relu" ("gelu" for both GELU kinds).
const char *getMnemonic(Kind kind);

/// IEEE-754 maximum / minimum: NaN if either operand is NaN, -0.0 < +0.0.
float maximum(float a, float b);
double maximum(double a, double b);
float minimum(float a, float b);
double minimum(double a, double b);

} // namespace reference
} // namespace act
} // namespace mlir

#endif // ACT_DIALECT_ACT_REFERENCE_ACTREFERENCE_H
