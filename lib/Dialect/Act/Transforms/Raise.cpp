//===- Raise.cpp - Raise decomposed activations into act ops --------------===//
//
// The matchers see arith/math ops (scalars in linalg bodies, vectors,
// tensors), TOSA ops and single-op elementwise linalg ops through one
// "elementwise view" (`Node`, ElementwiseView.h), so each activation is
// written once. Formulas that frameworks re-associate (GELU, SiLU, mish, ELU,
// the sigmoid denominator) are compared as polynomials over non-arithmetic
// "atoms" (Polynomial.h);
// piecewise-linear ones are matched in their exact rounding order, because
// the act op must then be bit-identical to the decomposed code. The contract
// is in docs/semantics.md, section "Raising".
//
//===----------------------------------------------------------------------===//

#include "act/Dialect/Act/Transforms/Raise.h"

#include "ElementwiseView.h"
#include "Polynomial.h"

#include "act/Dialect/Act/IR/ActDialect.h"
#include "act/Dialect/Act/IR/ActOps.h"
#include "act/Dialect/Act/Reference/ActReference.h"
#include "act/Dialect/Act/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <cmath>
#include <functional>
#include <limits>
#include <optional>

namespace mlir {
namespace act {
#define GEN_PASS_DEF_ACTRAISE
#include "act/Dialect/Act/Transforms/Passes.h.inc"
} // namespace act
} // namespace mlir

using namespace mlir;
using namespace mlir::act;
using namespace mlir::act::raise;

namespace {

//===----------------------------------------------------------------------===//
// Sub-matchers (building blocks shared by several activations)
//===----------------------------------------------------------------------===//

/// `1 + exp(c * x)` in any association, binding `x`.
bool isOnePlusExp(Value value, Value &x, double c, FloatType type,
                  Match &match) {
  std::optional<Poly> poly = flatten(value, match);
  if (!poly || poly->size() != 2 || poly->coefficient({}) != 1.0)
    return false;
  auto monomials = poly->monomialsOfDegree(1);
  if (monomials.size() != 1)
    return false;
  Value e = monomials.front().front();
  std::optional<Node> exp = getNode(e, Kind::Exp);
  if (!exp || poly->coefficient({e}) != 1.0)
    return false;
  match.record(*exp);
  return isScaledX(exp->operands[0], x, c, /*exact=*/true, type, match);
}

/// sigmoid(x): act.sigmoid, tosa.sigmoid, `1 / (1 + exp(-x))` and
/// `reciprocal(1 + exp(-x))`. Not `exp(x) / (1 + exp(x))`: it is NaN at
/// +Inf (Inf / Inf) where sigmoid is 1.
bool isSigmoid(Value value, Value &x, FloatType type, Match &match) {
  std::optional<Node> node = getNode(value);
  if (!node)
    return false;
  Value denominator;
  if (node->kind == Kind::Sigmoid) {
    match.record(*node);
    return bind(x, node->operands[0]);
  }
  if (node->kind == Kind::Reciprocal) {
    denominator = node->operands[0];
  } else if (node->kind == Kind::Div) {
    std::optional<double> numerator = getConstant(node->operands[0]);
    if (!numerator || *numerator != 1.0)
      return false;
    denominator = node->operands[1];
  } else {
    return false;
  }
  match.record(*node);
  return isOnePlusExp(denominator, x, -1.0, type, match);
}

// Above this x, log1p(exp(x)) rounds to x in the element type: it is
// x + log1p(exp(-x)), and exp(-x) is below half an ulp of x from x = 6.3
// (f16), 4.2 (bf16), 14.6 (f32) and 33.3 (f64) on. PyTorch's default 20 is
// therefore exact for f16/bf16/f32; f64 needs more, hence 40. With these
// thresholds act.softplus equals the rounded formula, and stays finite where
// exp(x) overflows (x > 88.7 in f32) and the formula gives +Inf.
double softplusThreshold(FloatType type) { return type.isF64() ? 40.0 : 20.0; }

/// softplus(x) with beta = 1: `log1p(exp(x))`, `log(1 + exp(x))`, or an
/// act.softplus whose linear branch starts where the formula rounds to x.
bool isSoftplus(Value value, Value &x, FloatType type, Match &match) {
  std::optional<Node> node = getNode(value);
  if (!node)
    return false;
  switch (node->kind) {
  case Kind::Softplus:
    if (node->threshold < softplusThreshold(type))
      return false;
    match.record(*node);
    return bind(x, node->operands[0]);
  case Kind::Log1p: {
    std::optional<Node> exp = getNode(node->operands[0], Kind::Exp);
    if (!exp)
      return false;
    match.record(*node);
    match.record(*exp);
    return isScaledX(exp->operands[0], x, 1.0, /*exact=*/true, type, match);
  }
  case Kind::Log:
    match.record(*node);
    return isOnePlusExp(node->operands[0], x, 1.0, type, match);
  default:
    return false;
  }
}

/// A clamp with known semantics: on non-NaN x, minimum(maximum(x, lo), hi)
/// with -0.0 < +0.0; on NaN, NaN (propagate) or lo (ignore, which also leaves
/// the sign of a zero result unspecified).
struct Clamp {
  Value x;
  double lo, hi;
  NanMode nanMode;
};

/// Recognises a clamp:
///  - tosa.clamp, act.clip, act.relu;
///  - maximumf(y, c) = clamp(y, c, +Inf, propagate), minimumf(y, c) =
///    clamp(y, -Inf, c, propagate), maxnumf(y, c) = clamp(y, c, +Inf, ignore);
///  - any of these applied to a clamp of the same mode, composed (two
///    monotone clamps compose into one with the outer one applied to the
///    inner bounds, exactly, NaN included);
///  - minnumf(y, c) only on an `ignore` clamp y: alone it maps NaN to c, the
///    upper bound, which no act.clip does.
/// Mixed modes are not composed: maxnumf then minimumf pins the zero sign
/// that maxnumf left free, and minimumf(maxnumf(NaN, lo), hi) is lo while
/// the propagate clip gives NaN.
std::optional<Clamp> matchClamp(Value value, Match &match) {
  std::optional<Node> node = getNode(value);
  if (!node)
    return std::nullopt;
  if (node->kind == Kind::Clamp) {
    if (std::isnan(node->lo) || std::isnan(node->hi) || node->lo > node->hi)
      return std::nullopt;
    match.record(*node);
    return Clamp{node->operands[0], node->lo, node->hi, node->nanMode};
  }

  bool isMax = node->kind == Kind::Max || node->kind == Kind::MaxNum;
  bool isMin = node->kind == Kind::Min || node->kind == Kind::MinNum;
  if (!isMax && !isMin)
    return std::nullopt;
  std::optional<std::pair<Value, double>> split = splitConstant(*node);
  if (!split || std::isnan(split->second))
    return std::nullopt;
  auto [y, c] = *split;
  NanMode mode = node->kind == Kind::Max || node->kind == Kind::Min
                     ? NanMode::propagate
                     : NanMode::ignore;
  double outerLo = isMax ? c : -kInf, outerHi = isMax ? kInf : c;

  // Compose with an inner clamp only when this op is its sole user; if the
  // inner clamp is shared, clamping its result is still a valid raise.
  size_t mark = match.ops.size();
  std::optional<Clamp> inner;
  if (y.hasOneUse())
    inner = matchClamp(y, match);
  if (inner && inner->nanMode == mode) {
    match.record(*node);
    auto outer = [&](double v) {
      return reference::minimum(reference::maximum(v, outerLo), outerHi);
    };
    return Clamp{inner->x, outer(inner->lo), outer(inner->hi), mode};
  }
  match.ops.truncate(mark);
  if (node->kind == Kind::MinNum)
    return std::nullopt;
  match.record(*node);
  return Clamp{y, outerLo, outerHi, mode};
}

/// A comparison of x against a constant, normalised to `x pred c`.
struct Comparison {
  Value x;
  double c;
  arith::CmpFPredicate predicate;
};

arith::CmpFPredicate swapOperands(arith::CmpFPredicate predicate) {
  using P = arith::CmpFPredicate;
  switch (predicate) {
  case P::OGT:
    return P::OLT;
  case P::OLT:
    return P::OGT;
  case P::OGE:
    return P::OLE;
  case P::OLE:
    return P::OGE;
  case P::UGT:
    return P::ULT;
  case P::ULT:
    return P::UGT;
  case P::UGE:
    return P::ULE;
  case P::ULE:
    return P::UGE;
  default:
    return predicate; // eq, ne, ord, uno, true, false are symmetric
  }
}

std::optional<Comparison> matchComparison(Value value, Match &match) {
  std::optional<Node> node = getNode(value, Kind::Cmp);
  if (!node)
    return std::nullopt;
  std::optional<double> rhs = getConstant(node->operands[1]);
  std::optional<double> lhs = getConstant(node->operands[0]);
  if (rhs && !lhs) {
    match.record(*node);
    return Comparison{node->operands[0], *rhs, node->predicate};
  }
  if (lhs && !rhs) {
    match.record(*node);
    return Comparison{node->operands[1], *lhs, swapOperands(node->predicate)};
  }
  return std::nullopt;
}

/// arith.cmpf's predicate on doubles (NaN compares unordered).
bool evaluate(arith::CmpFPredicate predicate, double a, double b) {
  using P = arith::CmpFPredicate;
  bool unordered = std::isnan(a) || std::isnan(b);
  switch (predicate) {
  case P::AlwaysFalse:
    return false;
  case P::OEQ:
    return !unordered && a == b;
  case P::OGT:
    return !unordered && a > b;
  case P::OGE:
    return !unordered && a >= b;
  case P::OLT:
    return !unordered && a < b;
  case P::OLE:
    return !unordered && a <= b;
  case P::ONE:
    return !unordered && a != b;
  case P::ORD:
    return !unordered;
  case P::UEQ:
    return unordered || a == b;
  case P::UGT:
    return unordered || a > b;
  case P::UGE:
    return unordered || a >= b;
  case P::ULT:
    return unordered || a < b;
  case P::ULE:
    return unordered || a <= b;
  case P::UNE:
    return unordered || a != b;
  case P::UNO:
    return unordered;
  case P::AlwaysTrue:
    return true;
  }
  llvm_unreachable("unknown predicate");
}

/// `select(x pred c, ...)` with one branch x: which branch it takes for x
/// below c, equal to c (both zeros when c is 0), above c and NaN.
struct Branches {
  Value x;
  Value other;
  double c;
  bool xBelow, xEqual, xAbove, xNaN;
};

std::optional<Branches> matchSelectOfX(Value value, Match &match) {
  std::optional<Node> node = getNode(value, Kind::Select);
  if (!node)
    return std::nullopt;
  std::optional<Comparison> cmp = matchComparison(node->operands[0], match);
  if (!cmp || !std::isfinite(cmp->c))
    return std::nullopt;
  Value onTrue = node->operands[1], onFalse = node->operands[2];
  bool xOnTrue = onTrue == cmp->x;
  if (!xOnTrue && onFalse != cmp->x)
    return std::nullopt;
  match.record(*node);
  auto takesX = [&](double v) {
    return evaluate(cmp->predicate, v, cmp->c) == xOnTrue;
  };
  return Branches{cmp->x,
                  xOnTrue ? onFalse : onTrue,
                  cmp->c,
                  takesX(std::nextafter(cmp->c, -kInf)),
                  takesX(cmp->c),
                  takesX(std::nextafter(cmp->c, kInf)),
                  takesX(std::numeric_limits<double>::quiet_NaN())};
}

//===----------------------------------------------------------------------===//
// Activation matchers
//===----------------------------------------------------------------------===//

/// A recognised activation: its input and how to build the act op.
struct Raised {
  Value x;
  std::function<Value(OpBuilder &, Location)> build;
};

using Matcher = std::function<std::optional<Raised>(Value, FloatType, Match &)>;

APFloat f64(double value) { return APFloat(value); }

/// relu, clip: maximumf/maxnumf/minimumf chains and tosa.clamp. A clamp to
/// [+0.0, +Inf] is relu; a -0.0 lower bound keeps -0.0 and is a clip.
std::optional<Raised> raiseClamp(Value root, FloatType, Match &match) {
  std::optional<Clamp> clamp = matchClamp(root, match);
  if (!clamp)
    return std::nullopt;
  Clamp c = *clamp;
  if (isPositiveZero(c.lo) && c.hi == kInf)
    return Raised{c.x, [c](OpBuilder &b, Location loc) {
                    return ReluOp::create(b, loc, c.x, c.nanMode).getResult();
                  }};
  return Raised{c.x, [c](OpBuilder &b, Location loc) {
                  return ClipOp::create(b, loc, c.x, f64(c.lo), f64(c.hi),
                                        c.nanMode)
                      .getResult();
                }};
}

/// relu and thresholded_relu as `select(x pred c, x, +0.0)` (either branch
/// order). Exact when x above c takes x, and x below or equal to c takes
/// +0.0 (at c = 0 "equal" is -0.0, which must give +0.0; that excludes
/// `x < 0 ? 0 : x` and `x >= 0 ? x : 0`). A NaN taking x is `propagate`,
/// one taking +0.0 is `ignore`.
std::optional<Raised> raiseSelectRelu(Value root, FloatType, Match &match) {
  std::optional<Branches> br = matchSelectOfX(root, match);
  if (!br)
    return std::nullopt;
  std::optional<double> zero = getConstant(br->other);
  if (!zero || !isPositiveZero(*zero) || br->xBelow || br->xEqual ||
      !br->xAbove)
    return std::nullopt;
  NanMode mode = br->xNaN ? NanMode::propagate : NanMode::ignore;
  Value x = br->x;
  double alpha = br->c;
  if (alpha == 0.0)
    return Raised{x, [=](OpBuilder &b, Location loc) {
                    return ReluOp::create(b, loc, x, mode).getResult();
                  }};
  return Raised{x, [=](OpBuilder &b, Location loc) {
                  return ThresholdedReluOp::create(b, loc, x, f64(alpha), mode)
                      .getResult();
                }};
}

/// `x * a` or `a * x` as one multiply, binding x; returns a.
std::optional<double> matchTimesConstant(Value value, Value &x, Match &match) {
  std::optional<Node> mul = getNode(value, Kind::Mul);
  if (!mul)
    return std::nullopt;
  std::optional<std::pair<Value, double>> split = splitConstant(*mul);
  if (!split || !bind(x, split->first) || !std::isfinite(split->second))
    return std::nullopt;
  match.record(*mul);
  return split->second;
}

/// leaky_relu: `select(x pred 0, x, x * a)` where positive x takes x and
/// negative x takes x * a; at ±0 either branch when a > 0 (then ±0 * a is
/// ±0), else x * a as act computes. And `max(x, x * a)` for 0 < a < 1, where
/// maximum and maxNum agree (neither operand is NaN unless both are, and at
/// ±0 both operands are the same zero).
std::optional<Raised> raiseLeakyRelu(Value root, FloatType, Match &match) {
  auto build = [](Value x, double alpha) {
    return Raised{
        x, [=](OpBuilder &b, Location loc) {
          return LeakyReluOp::create(b, loc, x, f64(alpha)).getResult();
        }};
  };
  std::optional<Node> node = getNode(root);
  if (!node)
    return std::nullopt;
  if (node->kind == Kind::Max || node->kind == Kind::MaxNum) {
    for (int i = 0; i < 2; ++i) {
      Value x = node->operands[i];
      size_t mark = match.ops.size();
      std::optional<double> a =
          matchTimesConstant(node->operands[1 - i], x, match);
      if (a && *a > 0.0 && *a < 1.0) {
        match.record(*node);
        return build(x, *a);
      }
      match.ops.truncate(mark);
    }
    return std::nullopt;
  }
  std::optional<Branches> br = matchSelectOfX(root, match);
  if (!br || br->c != 0.0 || !br->xAbove || br->xBelow)
    return std::nullopt;
  Value x = br->x;
  std::optional<double> a = matchTimesConstant(br->other, x, match);
  if (!a || (br->xEqual && !(*a > 0.0)))
    return std::nullopt;
  return build(x, *a);
}

/// elu: `select(x pred 0, x, a * (exp(x) - 1))` or `a * expm1(x)`, any
/// predicate that sends positive x to x and negative x to the other branch:
/// both branches are 0 at 0 and NaN at NaN.
std::optional<Raised> raiseElu(Value root, FloatType, Match &match) {
  std::optional<Branches> br = matchSelectOfX(root, match);
  if (!br || br->c != 0.0 || !br->xAbove || br->xBelow)
    return std::nullopt;
  Value x = br->x;
  std::optional<Poly> poly = flatten(br->other, match);
  if (!poly)
    return std::nullopt;
  auto monomials = poly->monomialsOfDegree(1);
  if (monomials.size() != 1)
    return std::nullopt;
  Value atom = monomials.front().front();
  double alpha = poly->coefficient({atom});
  if (alpha == 0.0 || !std::isfinite(alpha))
    return std::nullopt;
  if (std::optional<Node> expm1 = getNode(atom, Kind::Expm1)) {
    if (poly->size() != 1 || expm1->operands[0] != x)
      return std::nullopt;
    match.record(*expm1);
  } else if (std::optional<Node> exp = getNode(atom, Kind::Exp)) {
    if (poly->size() != 2 || poly->coefficient({}) != -alpha ||
        exp->operands[0] != x)
      return std::nullopt;
    match.record(*exp);
  } else {
    return std::nullopt;
  }
  return Raised{x, [=](OpBuilder &b, Location loc) {
                  return EluOp::create(b, loc, x, f64(alpha)).getResult();
                }};
}

/// act evaluates the piecewise-linear ops on f16 and bf16 in f32 and rounds
/// once (docs/semantics.md, "Precision"). For a single multiply or a clamp
/// that is the same as rounding in the element type (the f32 product of two
/// f16 or bf16 values is exact), but hard_sigmoid and hard_swish chain two
/// or more roundings, which decomposed f16 code does in f16: they are only
/// bit-identical for f32 and f64.
bool evaluatesInElementType(FloatType type) {
  return type.isF32() || type.isF64();
}

/// hard_sigmoid: clamp(x * alpha + beta, +0.0, 1.0) in exactly that rounding
/// order (x - c counts as x + (-c), which IEEE defines it to be).
std::optional<Raised> raiseHardSigmoid(Value root, FloatType type,
                                       Match &match) {
  if (!evaluatesInElementType(type))
    return std::nullopt;
  std::optional<Clamp> clamp = matchClamp(root, match);
  if (!clamp || !isPositiveZero(clamp->lo) || clamp->hi != 1.0)
    return std::nullopt;
  std::optional<Node> add = getNode(clamp->x);
  if (!add || (add->kind != Kind::Add && add->kind != Kind::Sub))
    return std::nullopt;
  std::optional<std::pair<Value, double>> split = splitConstant(*add);
  if (!split || (add->kind == Kind::Sub && split->first != add->operands[0]))
    return std::nullopt;
  double beta = add->kind == Kind::Add ? split->second : -split->second;
  match.record(*add);
  Value x;
  std::optional<double> alpha = matchTimesConstant(split->first, x, match);
  if (!alpha || !std::isfinite(beta))
    return std::nullopt;
  NanMode mode = clamp->nanMode;
  double a = *alpha;
  return Raised{x, [=](OpBuilder &b, Location loc) {
                  return HardSigmoidOp::create(b, loc, x, f64(a), f64(beta),
                                               mode)
                      .getResult();
                }};
}

/// hard_swish: `(x * clamp(x + 3, +0.0, 6)) / 6`, rounded in that order (not
/// `x * hard_sigmoid(x)`, whose rounding differs).
std::optional<Raised> raiseHardSwish(Value root, FloatType type, Match &match) {
  if (!evaluatesInElementType(type))
    return std::nullopt;
  std::optional<Node> div = getNode(root, Kind::Div);
  if (!div)
    return std::nullopt;
  std::optional<double> six = getConstant(div->operands[1]);
  std::optional<Node> mul = getNode(div->operands[0], Kind::Mul);
  if (!six || *six != 6.0 || !mul)
    return std::nullopt;
  match.record(*div);
  match.record(*mul);
  for (int i = 0; i < 2; ++i) {
    size_t mark = match.ops.size();
    Value x = mul->operands[i];
    std::optional<Clamp> clamp = matchClamp(mul->operands[1 - i], match);
    if (clamp && isPositiveZero(clamp->lo) && clamp->hi == 6.0) {
      std::optional<Node> add = getNode(clamp->x, Kind::Add);
      std::optional<std::pair<Value, double>> split;
      if (add)
        split = splitConstant(*add);
      if (split && split->first == x && split->second == 3.0) {
        match.record(*add);
        NanMode mode = clamp->nanMode;
        return Raised{x, [=](OpBuilder &b, Location loc) {
                        return HardSwishOp::create(b, loc, x, mode).getResult();
                      }};
      }
    }
    match.ops.truncate(mark);
  }
  return std::nullopt;
}

/// sigmoid, from the forms isSigmoid accepts (act.sigmoid itself excluded by
/// the caller).
std::optional<Raised> raiseSigmoid(Value root, FloatType type, Match &match) {
  Value x;
  if (!isSigmoid(root, x, type, match))
    return std::nullopt;
  return Raised{x, [=](OpBuilder &b, Location loc) {
                  return SigmoidOp::create(b, loc, x).getResult();
                }};
}

/// tanh: math.tanh, tosa.tanh and linalg.tanh on vectors and tensors. A
/// scalar math.tanh is left alone: it gains nothing from being an act op,
/// and a linalg body made of it is raised at the tensor level.
std::optional<Raised> raiseTanh(Value root, FloatType, Match &match) {
  if (!isa<ShapedType>(root.getType()))
    return std::nullopt;
  std::optional<Node> node = getNode(root, Kind::Tanh);
  if (!node)
    return std::nullopt;
  match.record(*node);
  Value x = node->operands[0];
  return Raised{x, [=](OpBuilder &b, Location loc) {
                  return act::TanhOp::create(b, loc, x).getResult();
                }};
}

/// softplus with beta = 1, and the threshold of softplusThreshold().
std::optional<Raised> raiseSoftplus(Value root, FloatType type, Match &match) {
  Value x;
  if (!isSoftplus(root, x, type, match))
    return std::nullopt;
  double threshold = softplusThreshold(type);
  return Raised{x, [=](OpBuilder &b, Location loc) {
                  return SoftplusOp::create(b, loc, x, f64(1.0), f64(threshold))
                      .getResult();
                }};
}

/// softsign: `x / (1 + |x|)`, the addition in either order. At ±Inf the
/// formula gives Inf / Inf = NaN; act gives the limit ±1.
std::optional<Raised> raiseSoftsign(Value root, FloatType, Match &match) {
  std::optional<Node> div = getNode(root, Kind::Div);
  if (!div || getConstant(div->operands[0]))
    return std::nullopt;
  match.record(*div);
  Value x = div->operands[0];
  std::optional<Poly> poly = flatten(div->operands[1], match);
  if (!poly || poly->size() != 2 || poly->coefficient({}) != 1.0)
    return std::nullopt;
  auto monomials = poly->monomialsOfDegree(1);
  if (monomials.size() != 1 || poly->coefficient(monomials.front()) != 1.0)
    return std::nullopt;
  std::optional<Node> abs = getNode(monomials.front().front(), Kind::Abs);
  if (!abs || abs->operands[0] != x)
    return std::nullopt;
  match.record(*abs);
  return Raised{x, [=](OpBuilder &b, Location loc) {
                  return SoftsignOp::create(b, loc, x).getResult();
                }};
}

/// `root` is `x * g(x)` in any association: calls `isG(atom, x)` for both
/// orders of the product's two atoms.
bool isXTimes(Value root, Value &x, Match &match,
              function_ref<bool(Value, Value &)> isG) {
  std::optional<Poly> poly = flatten(root, match);
  if (!poly || poly->size() != 1)
    return false;
  auto monomials = poly->monomialsOfDegree(2);
  if (monomials.size() != 1)
    return false;
  SmallVector<Value, 2> atoms = monomials.front();
  if (poly->coefficient(atoms) != 1.0)
    return false;
  for (int i = 0; i < 2; ++i) {
    size_t mark = match.ops.size();
    Value candidate = atoms[i];
    if (isG(atoms[1 - i], candidate)) {
      x = candidate;
      return true;
    }
    match.ops.truncate(mark);
  }
  return false;
}

/// silu: `x * sigmoid(x)` (any sigmoid form) and `x / (1 + exp(-x))`.
std::optional<Raised> raiseSilu(Value root, FloatType type, Match &match) {
  Value x;
  bool matched = isXTimes(root, x, match, [&](Value g, Value &x) {
    return isSigmoid(g, x, type, match);
  });
  if (!matched) {
    match.ops.clear();
    std::optional<Node> div = getNode(root, Kind::Div);
    if (!div || getConstant(div->operands[0]))
      return std::nullopt;
    match.record(*div);
    x = div->operands[0];
    if (!isOnePlusExp(div->operands[1], x, -1.0, type, match))
      return std::nullopt;
  }
  return Raised{x, [=](OpBuilder &b, Location loc) {
                  return SiluOp::create(b, loc, x).getResult();
                }};
}

/// mish: `x * tanh(softplus(x))`, with any tanh and softplus form.
std::optional<Raised> raiseMish(Value root, FloatType type, Match &match) {
  Value x;
  bool matched = isXTimes(root, x, match, [&](Value g, Value &x) {
    std::optional<Node> tanh = getNode(g, Kind::Tanh);
    if (!tanh)
      return false;
    match.record(*tanh);
    return isSoftplus(tanh->operands[0], x, type, match);
  });
  if (!matched)
    return std::nullopt;
  return Raised{x, [=](OpBuilder &b, Location loc) {
                  return MishOp::create(b, loc, x).getResult();
                }};
}

/// `{x: 0.5, x * F(arg): 0.5}` with F of `kind` (erf, tanh): returns the
/// argument of F and binds x.
std::optional<Value> matchHalfXTimesOnePlus(const Poly &poly, Kind kind,
                                            Value &x, Match &match) {
  if (poly.size() != 2)
    return std::nullopt;
  auto linear = poly.monomialsOfDegree(1);
  auto quadratic = poly.monomialsOfDegree(2);
  if (linear.size() != 1 || quadratic.size() != 1)
    return std::nullopt;
  x = linear.front().front();
  SmallVector<Value, 2> atoms = quadratic.front();
  if (poly.coefficient({x}) != 0.5 || poly.coefficient(atoms) != 0.5)
    return std::nullopt;
  Value f = atoms[0] == x ? atoms[1] : atoms[0];
  if (!llvm::is_contained(atoms, x))
    return std::nullopt;
  std::optional<Node> node = getNode(f, kind);
  if (!node)
    return std::nullopt;
  match.record(*node);
  return node->operands[0];
}

/// gelu (erf): `0.5 * x * (1 + erf(x / sqrt(2)))` in any association, and
/// the erfc form `x / 2 * erfc(-x / sqrt(2))`.
std::optional<Raised> raiseGeluErf(Value root, FloatType type, Match &match) {
  std::optional<Poly> poly = flatten(root, match);
  if (!poly)
    return std::nullopt;
  const double invSqrt2 = 1.0 / std::sqrt(2.0);
  Value x;
  if (std::optional<Value> arg =
          matchHalfXTimesOnePlus(*poly, Kind::Erf, x, match)) {
    if (!isScaledX(*arg, x, invSqrt2, /*exact=*/false, type, match))
      return std::nullopt;
  } else {
    // x / 2 * erfc(-x / sqrt(2)): one term {x, erfc(..)} with 0.5.
    auto quadratic = poly->monomialsOfDegree(2);
    if (poly->size() != 1 || quadratic.size() != 1 ||
        poly->coefficient(quadratic.front()) != 0.5)
      return std::nullopt;
    bool found = false;
    for (int i = 0; i < 2 && !found; ++i) {
      size_t mark = match.ops.size();
      Value candidate = quadratic.front()[i];
      std::optional<Node> erfc = getNode(quadratic.front()[1 - i], Kind::Erfc);
      if (erfc && isScaledX(erfc->operands[0], candidate, -invSqrt2,
                            /*exact=*/false, type, match)) {
        match.record(*erfc);
        x = candidate;
        found = true;
      } else {
        match.ops.truncate(mark);
      }
    }
    if (!found)
      return std::nullopt;
  }
  return Raised{
      x, [=](OpBuilder &b, Location loc) {
        return GeluOp::create(b, loc, x, GeluApproximation::none).getResult();
      }};
}

/// gelu (tanh): `0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 * x^3)))`
/// in any association, x^3 as x*x*x or powf(x, 3).
std::optional<Raised> raiseGeluTanh(Value root, FloatType type, Match &match) {
  std::optional<Poly> poly = flatten(root, match);
  if (!poly)
    return std::nullopt;
  Value x;
  std::optional<Value> arg =
      matchHalfXTimesOnePlus(*poly, Kind::Tanh, x, match);
  if (!arg)
    return std::nullopt;
  std::optional<Poly> inner = flatten(*arg, match);
  const double k = std::sqrt(2.0 / M_PI);
  if (!inner || inner->size() != 2 ||
      !isNearlyEqual(inner->coefficient({x}), k, type) ||
      !isNearlyEqual(inner->coefficient({x, x, x}), k * 0.044715, type))
    return std::nullopt;
  return Raised{
      x, [=](OpBuilder &b, Location loc) {
        return GeluOp::create(b, loc, x, GeluApproximation::tanh).getResult();
      }};
}

/// The element type of the act ops' operand types, or null.
FloatType getActElementType(Type type) {
  if (!isa<FloatType, VectorType, RankedTensorType>(type))
    return nullptr;
  auto element = dyn_cast<FloatType>(getElementTypeOrSelf(type));
  if (!element || !(element.isF16() || element.isBF16() || element.isF32() ||
                    element.isF64()))
    return nullptr;
  return element;
}

/// Raises the activation rooted at any op of the view. Composite forms are
/// tried before the ones they contain.
struct RaiseActivation : public RewritePattern {
  RaiseActivation(MLIRContext *context)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, context) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    if (op->getNumResults() != 1 ||
        (op->getDialect() && isa<ActDialect>(op->getDialect())))
      return failure();
    Value root = op->getResult(0);
    FloatType type = getActElementType(root.getType());
    if (!type || !getNode(root))
      return failure();

    static const Matcher matchers[] = {
        raiseGeluErf,    raiseGeluTanh,  raiseMish,        raiseSilu,
        raiseElu,        raiseSoftplus,  raiseSigmoid,     raiseSoftsign,
        raiseTanh,       raiseHardSwish, raiseHardSigmoid, raiseLeakyRelu,
        raiseSelectRelu, raiseClamp};
    // First with the normaliser seeing through every sum and product, then
    // with each such value of the expression held as the atom x: GELU of a
    // bias add is x * 0.5 * (1 + erf(x / sqrt 2)) with x = acc + bias, and
    // without the atom the bias add would be expanded into the polynomial.
    SmallVector<Value> atoms{Value()};
    collectArithmeticValues(root, atoms);
    for (const Matcher &matcher : matchers) {
      for (Value atom : atoms) {
        Match match;
        match.atom = atom;
        std::optional<Raised> raised = matcher(root, type, match);
        if (!raised || raised->x.getType() != root.getType() ||
            (atom && raised->x != atom) ||
            !isSelfContained(match, op, raised->x))
          continue;
        Value result = raised->build(rewriter, op->getLoc());
        rewriter.replaceOp(op, result);
        return success();
      }
    }
    return rewriter.notifyMatchFailure(op, "no activation recognised");
  }

private:
  /// The values of the expression rooted at `root` (excluding it) that the
  /// normaliser would look through: results of add, sub, mul, neg and div.
  static void collectArithmeticValues(Value root, SmallVectorImpl<Value> &out) {
    SmallVector<std::pair<Value, unsigned>> worklist{{root, 0}};
    llvm::SmallPtrSet<const void *, 16> seen;
    while (!worklist.empty()) {
      auto [value, depth] = worklist.pop_back_val();
      std::optional<Node> node = getNode(value);
      if (!node || depth > 16)
        continue;
      bool arithmetic = node->kind == Kind::Add || node->kind == Kind::Sub ||
                        node->kind == Kind::Mul || node->kind == Kind::Neg ||
                        node->kind == Kind::Div;
      if (arithmetic && value != root &&
          seen.insert(value.getAsOpaquePointer()).second)
        out.push_back(value);
      for (Value operand : node->operands)
        worklist.push_back({operand, depth + 1});
    }
  }

  /// Every op of the match but the root is used only inside the match, and
  /// x is not computed by it.
  static bool isSelfContained(const Match &match, Operation *root, Value x) {
    llvm::SmallPtrSet<Operation *, 16> ops(match.ops.begin(), match.ops.end());
    ops.insert(root);
    if (ops.contains(x.getDefiningOp()))
      return false;
    for (Operation *op : ops) {
      if (op == root)
        continue;
      for (Operation *user : op->getUsers())
        if (!ops.contains(user))
          return false;
    }
    return true;
  }
};

/// A linalg.generic whose body is one unary act op on its input, with
/// identity maps, parallel loops and an unused init, is that act op on the
/// tensor. (The scalar patterns leave such bodies behind.)
struct GenericToActOp : public OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::GenericOp generic,
                                PatternRewriter &rewriter) const override {
    if (!generic.hasPureTensorSemantics() || generic.getNumDpsInputs() != 1 ||
        generic.getNumDpsInits() != 1 ||
        generic.getNumLoops() != generic.getNumParallelLoops() ||
        !llvm::all_of(generic.getIndexingMapsArray(),
                      [](AffineMap map) { return map.isIdentity(); }))
      return rewriter.notifyMatchFailure(generic, "not a unary map");

    Block *body = generic.getBody();
    if (!llvm::hasSingleElement(body->without_terminator()))
      return rewriter.notifyMatchFailure(generic, "body is not one op");
    Operation &actOp = body->front();
    Operation *yield = body->getTerminator();
    if (!actOp.getDialect() || !isa<ActDialect>(actOp.getDialect()) ||
        actOp.getNumOperands() != 1 || actOp.getNumResults() != 1 ||
        actOp.getOperand(0) != body->getArgument(0) ||
        yield->getOperand(0) != actOp.getResult(0))
      return rewriter.notifyMatchFailure(generic,
                                         "body is not a unary act op on the "
                                         "input");

    Value input = generic.getDpsInputOperand(0)->get();
    Type resultType = generic->getResult(0).getType();
    if (input.getType() != resultType)
      return rewriter.notifyMatchFailure(generic, "input type differs");

    OperationState state(generic.getLoc(), actOp.getName(), ValueRange{input},
                         TypeRange{resultType}, actOp.getAttrs());
    rewriter.replaceOp(generic, rewriter.create(state)->getResults());
    return success();
  }
};

struct ActRaisePass : public act::impl::ActRaiseBase<ActRaisePass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateActRaisePatterns(patterns);
    // Only raise: no folding, no constant CSE, no region simplification, so
    // that what is not an activation stays as written.
    GreedyRewriteConfig config;
    config.enableFolding(false);
    config.enableConstantCSE(false);
    config.setRegionSimplificationLevel(GreedySimplifyRegionLevel::Disabled);
    if (failed(
            applyPatternsGreedily(getOperation(), std::move(patterns), config)))
      signalPassFailure();
  }
};

} // namespace

void mlir::act::populateActRaisePatterns(RewritePatternSet &patterns) {
  patterns.add<RaiseActivation, GenericToActOp>(patterns.getContext());
}
