//===- ElementwiseView.h - Elementwise ops seen alike -----------*- C++ -*-===//
//
// act-raise matches each activation once, over a "Node" that normalises the
// arith, math, TOSA, act and single-op elementwise linalg spellings of the
// same elementwise operation. Private to lib/Dialect/Act/Transforms.
//
//===----------------------------------------------------------------------===//

#ifndef ACT_LIB_DIALECT_ACT_TRANSFORMS_ELEMENTWISEVIEW_H
#define ACT_LIB_DIALECT_ACT_TRANSFORMS_ELEMENTWISEVIEW_H

#include "act/Dialect/Act/IR/ActOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Value.h"

#include <limits>
#include <optional>
#include <utility>

namespace mlir {
namespace act {
namespace raise {

constexpr double kInf = std::numeric_limits<double>::infinity();

enum class Kind {
  Constant,
  Add,
  Sub,
  Mul,
  Div,
  Neg,
  Max,    // IEEE maximum: NaN propagates, -0.0 < +0.0
  MaxNum, // maxNum: the non-NaN operand wins
  Min,
  MinNum,
  Exp,
  Log,
  Log1p,
  Expm1,
  Tanh,
  Erf,
  Erfc,
  Abs,
  Reciprocal,
  Sigmoid,
  Softplus, // act.softplus with beta = 1
  Pow,
  Cmp,
  Select,
  Clamp, // tosa.clamp, act.clip, act.relu
};

/// One elementwise operation, whatever dialect spells it. For a linalg op the
/// operands are the op's input tensors (its body's block arguments mapped
/// back), so the matchers never look inside a single-op linalg body.
struct Node {
  Kind kind;
  /// The op that computes the node; recorded as part of a match.
  Operation *op = nullptr;
  SmallVector<Value, 3> operands;
  /// Kind::Constant.
  double constant = 0.0;
  /// Kind::Cmp, with the semantics of arith.cmpf.
  arith::CmpFPredicate predicate = arith::CmpFPredicate::AlwaysFalse;
  /// Kind::Clamp.
  double lo = -kInf, hi = kInf;
  NanMode nanMode = NanMode::propagate;
  /// Kind::Softplus.
  double threshold = 0.0;
};

/// The node computing `value`, if it is an op of the view or a constant.
std::optional<Node> getNode(Value value);
/// The node computing `value` if it is of kind `kind`.
std::optional<Node> getNode(Value value, Kind kind);

/// The value of a float constant: an arith.constant or tosa.const scalar or
/// splat, or a linalg.fill of one (both broadcast to any shape).
std::optional<double> getConstant(Value value);

bool isPositiveZero(double value);

/// Constants of the formula that are exactly representable (0.5, 1, 3, 6)
/// must be exact. Irrational ones (1/sqrt(2), sqrt(2/pi)) are accepted when
/// `value`, rounded to `type`, is the correctly rounded formula value or one
/// of its two neighbours: frameworks spell them with a few digits or compute
/// them as products of rounded constants.
bool isNearlyEqual(double value, double expected, FloatType type);

/// The ops a match consumes. A rewrite is only done when each of them is used
/// by the match alone: otherwise the act op would recompute what the
/// remaining users still need.
struct Match {
  SmallVector<Operation *> ops;
  /// A value the polynomial normaliser must not look through: the candidate
  /// input x when x is itself a sum or product (a bias add before GELU).
  Value atom;
  void record(const Node &node) {
    if (node.op)
      ops.push_back(node.op);
  }
};

/// Binds `x` on first use; later uses must name the same value.
bool bind(Value &x, Value value);

/// Splits the operands of a binary node into (non-constant, constant).
std::optional<std::pair<Value, double>> splitConstant(const Node &node);

} // namespace raise
} // namespace act
} // namespace mlir

#endif // ACT_LIB_DIALECT_ACT_TRANSFORMS_ELEMENTWISEVIEW_H
