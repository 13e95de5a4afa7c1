//===- Raise.cpp - Raise decomposed activations into act ops --------------===//
//
// The matchers see arith/math ops (scalars in linalg bodies, vectors,
// tensors), TOSA ops and single-op elementwise linalg ops through one
// "elementwise view" (`Node`), so each activation is written once. Formulas
// that frameworks re-associate (GELU, SiLU, mish, ELU, the sigmoid
// denominator) are compared as polynomials over non-arithmetic "atoms";
// piecewise-linear ones are matched in their exact rounding order, because
// the act op must then be bit-identical to the decomposed code. The contract
// is in docs/semantics.md, section "Raising".
//
//===----------------------------------------------------------------------===//

#include "act/Dialect/Act/Transforms/Raise.h"

#include "act/Dialect/Act/IR/ActDialect.h"
#include "act/Dialect/Act/IR/ActOps.h"
#include "act/Dialect/Act/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <vector>

namespace mlir {
namespace act {
#define GEN_PASS_DEF_ACTRAISE
#include "act/Dialect/Act/Transforms/Passes.h.inc"
} // namespace act
} // namespace mlir

using namespace mlir;
using namespace mlir::act;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

//===----------------------------------------------------------------------===//
// Constants
//===----------------------------------------------------------------------===//

double toDouble(APFloat value) {
  bool losesInfo;
  value.convert(APFloat::IEEEdouble(), APFloat::rmNearestTiesToEven,
                &losesInfo);
  return value.convertToDouble();
}

/// The value of a float constant: an arith.constant or tosa.const scalar or
/// splat, or a linalg.fill of one (both broadcast to any shape).
std::optional<double> getConstant(Value value) {
  Attribute attr;
  if (matchPattern(value, m_Constant(&attr))) {
    if (auto floatAttr = dyn_cast<FloatAttr>(attr))
      return toDouble(floatAttr.getValue());
    if (auto splat = dyn_cast<SplatElementsAttr>(attr))
      if (isa<FloatType>(splat.getElementType()))
        return toDouble(splat.getSplatValue<APFloat>());
    return std::nullopt;
  }
  if (auto fill = value.getDefiningOp<linalg::FillOp>())
    if (fill.hasPureTensorSemantics())
      return getConstant(fill.getInputs().front());
  return std::nullopt;
}

/// True if `value` is an integer or float constant whose elements are all 0
/// (TOSA's mul shift and negate zero points).
bool isZeroConstant(Value value) {
  Attribute attr;
  if (!matchPattern(value, m_Constant(&attr)))
    return false;
  auto elements = dyn_cast<DenseElementsAttr>(attr);
  if (!elements || !elements.isSplat())
    return false;
  if (isa<IntegerType>(elements.getElementType()))
    return elements.getSplatValue<APInt>().isZero();
  return elements.getSplatValue<APFloat>().isZero();
}

bool isPositiveZero(double value) {
  return value == 0.0 && !std::signbit(value);
}

/// Constants of the formula that are exactly representable (0.5, 1, 3, 6)
/// must be exact. Irrational ones (1/sqrt(2), sqrt(2/pi)) are accepted when
/// `value`, rounded to `type`, is the correctly rounded formula value or one
/// of its two neighbours: frameworks spell them with a few digits or compute
/// them as products of rounded constants.
bool isNearlyEqual(double value, double expected, FloatType type) {
  const llvm::fltSemantics &semantics = type.getFloatSemantics();
  bool losesInfo;
  APFloat actual(value), wanted(expected);
  actual.convert(semantics, APFloat::rmNearestTiesToEven, &losesInfo);
  wanted.convert(semantics, APFloat::rmNearestTiesToEven, &losesInfo);
  APFloat above = wanted, below = wanted;
  above.next(/*nextDown=*/false);
  below.next(/*nextDown=*/true);
  return actual.bitwiseIsEqual(wanted) || actual.bitwiseIsEqual(above) ||
         actual.bitwiseIsEqual(below);
}

//===----------------------------------------------------------------------===//
// The elementwise view
//===----------------------------------------------------------------------===//

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

Node makeNode(Kind kind, Operation *op, ValueRange operands) {
  Node node;
  node.kind = kind;
  node.op = op;
  node.operands.assign(operands.begin(), operands.end());
  return node;
}

NanMode toNanMode(tosa::NanPropagationMode mode) {
  return mode == tosa::NanPropagationMode::PROPAGATE ? NanMode::propagate
                                                     : NanMode::ignore;
}

/// The kind of the ops that map one to one onto a node, operands unchanged.
std::optional<Kind> getDirectKind(Operation *op) {
  if (isa<arith::AddFOp, tosa::AddOp>(op))
    return Kind::Add;
  if (isa<arith::SubFOp, tosa::SubOp>(op))
    return Kind::Sub;
  if (isa<arith::MulFOp>(op))
    return Kind::Mul;
  if (isa<arith::DivFOp>(op))
    return Kind::Div;
  if (isa<arith::NegFOp>(op))
    return Kind::Neg;
  if (isa<arith::MaximumFOp>(op))
    return Kind::Max;
  if (isa<arith::MaxNumFOp>(op))
    return Kind::MaxNum;
  if (isa<arith::MinimumFOp>(op))
    return Kind::Min;
  if (isa<arith::MinNumFOp>(op))
    return Kind::MinNum;
  if (isa<arith::SelectOp, tosa::SelectOp>(op))
    return Kind::Select;
  if (isa<math::ExpOp, tosa::ExpOp>(op))
    return Kind::Exp;
  if (isa<math::LogOp, tosa::LogOp>(op))
    return Kind::Log;
  if (isa<math::Log1pOp>(op))
    return Kind::Log1p;
  if (isa<math::ExpM1Op>(op))
    return Kind::Expm1;
  if (isa<math::TanhOp, tosa::TanhOp, act::TanhOp>(op))
    return Kind::Tanh;
  if (isa<math::ErfOp, tosa::ErfOp>(op))
    return Kind::Erf;
  if (isa<math::ErfcOp>(op))
    return Kind::Erfc;
  if (isa<math::AbsFOp, tosa::AbsOp>(op))
    return Kind::Abs;
  if (isa<tosa::ReciprocalOp>(op))
    return Kind::Reciprocal;
  if (isa<tosa::SigmoidOp, act::SigmoidOp>(op))
    return Kind::Sigmoid;
  if (isa<math::PowFOp, tosa::PowOp>(op))
    return Kind::Pow;
  return std::nullopt;
}

/// The view of a single-result arith, math, TOSA or act op. act ops appear
/// inside larger matches once a part of the pattern has been raised (the
/// driver's visiting order is not ours).
std::optional<Node> getOpNode(Operation *op) {
  std::optional<Node> result;
  auto set = [&](Kind kind, ValueRange operands) {
    result = makeNode(kind, op, operands);
  };
  auto clamp = [&](double lo, double hi, NanMode mode) {
    set(Kind::Clamp, op->getOperand(0));
    result->lo = lo;
    result->hi = hi;
    result->nanMode = mode;
  };

  if (std::optional<Kind> kind = getDirectKind(op)) {
    set(*kind, op->getOperands());
  } else if (auto cmp = dyn_cast<arith::CmpFOp>(op)) {
    set(Kind::Cmp, op->getOperands());
    result->predicate = cmp.getPredicate();
  } else if (isa<tosa::GreaterOp, tosa::GreaterEqualOp>(op)) {
    // TOSA comparisons are false for NaN, like the ordered predicates.
    set(Kind::Cmp, op->getOperands());
    result->predicate = isa<tosa::GreaterOp>(op) ? arith::CmpFPredicate::OGT
                                                 : arith::CmpFPredicate::OGE;
  } else if (auto mul = dyn_cast<tosa::MulOp>(op)) {
    // The verifier only allows a non-zero shift for i32; a shift that is not
    // a known constant is rejected all the same.
    if (isZeroConstant(mul.getShift()))
      set(Kind::Mul, {mul.getInput1(), mul.getInput2()});
  } else if (auto negate = dyn_cast<tosa::NegateOp>(op)) {
    if (isZeroConstant(negate.getInput1Zp()) &&
        isZeroConstant(negate.getOutputZp()))
      set(Kind::Neg, negate.getInput1());
  } else if (auto max = dyn_cast<tosa::MaximumOp>(op)) {
    set(max.getNanMode() == tosa::NanPropagationMode::PROPAGATE ? Kind::Max
                                                                : Kind::MaxNum,
        op->getOperands());
  } else if (auto min = dyn_cast<tosa::MinimumOp>(op)) {
    set(min.getNanMode() == tosa::NanPropagationMode::PROPAGATE ? Kind::Min
                                                                : Kind::MinNum,
        op->getOperands());
  } else if (auto tosaClamp = dyn_cast<tosa::ClampOp>(op)) {
    auto lo = dyn_cast<FloatAttr>(tosaClamp.getMinValAttr());
    auto hi = dyn_cast<FloatAttr>(tosaClamp.getMaxValAttr());
    if (lo && hi)
      clamp(lo.getValueAsDouble(), hi.getValueAsDouble(),
            toNanMode(tosaClamp.getNanMode()));
  } else if (auto relu = dyn_cast<act::ReluOp>(op)) {
    clamp(0.0, kInf, relu.getNanMode());
  } else if (auto clip = dyn_cast<act::ClipOp>(op)) {
    clamp(clip.getMin().convertToDouble(), clip.getMax().convertToDouble(),
          clip.getNanMode());
  } else if (auto softplus = dyn_cast<act::SoftplusOp>(op)) {
    if (softplus.getBeta().convertToDouble() == 1.0) {
      set(Kind::Softplus, op->getOperands());
      result->threshold = softplus.getThreshold().convertToDouble();
    }
  }
  if (!result)
    return std::nullopt;

  // Only constants may broadcast (TOSA writes them as tensor<1x1xf32>);
  // everything else has the shape of the result, so every value of a match
  // has one shape. Element types other than float only occur for
  // comparisons (i1), whose result is only consumed by a select.
  Type resultType = op->getResult(0).getType();
  if (result->kind != Kind::Cmp &&
      !isa<FloatType>(getElementTypeOrSelf(resultType)))
    return std::nullopt;
  auto resultShaped = dyn_cast<ShapedType>(resultType);
  for (Value operand : result->operands) {
    if (getConstant(operand))
      continue;
    auto shaped = dyn_cast<ShapedType>(operand.getType());
    if (bool(shaped) != bool(resultShaped))
      return std::nullopt;
    if (shaped && shaped.getShape() != resultShaped.getShape())
      return std::nullopt;
  }
  return result;
}

/// The view of a linalg op on tensors whose body is a single op of the view
/// on its input block arguments (and constants), with identity indexing maps
/// and only parallel loops: linalg.generic, the named elementwise ops
/// (linalg.add, linalg.exp, ...) and linalg.elementwise all qualify.
std::optional<Node> getLinalgNode(linalg::LinalgOp linalgOp) {
  if (!linalgOp.hasPureTensorSemantics() || linalgOp->getNumResults() != 1 ||
      linalgOp.getNumDpsInits() != 1 ||
      linalgOp.getNumLoops() != linalgOp.getNumParallelLoops() ||
      !llvm::all_of(linalgOp.getIndexingMapsArray(),
                    [](AffineMap map) { return map.isIdentity(); }))
    return std::nullopt;

  Block *body = linalgOp.getBlock();
  Operation *yield = body->getTerminator();
  if (yield->getNumOperands() != 1)
    return std::nullopt;
  Operation *bodyOp = yield->getOperand(0).getDefiningOp();
  if (!bodyOp || bodyOp->getBlock() != body)
    return std::nullopt;
  for (Operation &other : body->without_terminator())
    if (&other != bodyOp && !other.hasTrait<OpTrait::ConstantLike>())
      return std::nullopt;

  std::optional<Node> node = getOpNode(bodyOp);
  if (!node)
    return std::nullopt;
  Value result = linalgOp->getResult(0);
  for (Value &operand : node->operands) {
    if (getConstant(operand))
      continue;
    auto arg = dyn_cast<BlockArgument>(operand);
    if (!arg || arg.getOwner() != body ||
        arg.getArgNumber() >= linalgOp.getNumDpsInputs())
      return std::nullopt;
    operand = linalgOp.getDpsInputOperand(arg.getArgNumber())->get();
    if (!getConstant(operand) && operand.getType() != result.getType())
      return std::nullopt;
  }
  node->op = linalgOp;
  return node;
}

std::optional<Node> getNode(Value value) {
  if (std::optional<double> constant = getConstant(value)) {
    Node node;
    node.kind = Kind::Constant;
    node.constant = *constant;
    return node;
  }
  Operation *op = value.getDefiningOp();
  if (!op || op->getNumResults() != 1)
    return std::nullopt;
  if (auto linalgOp = dyn_cast<linalg::LinalgOp>(op))
    return getLinalgNode(linalgOp);
  return getOpNode(op);
}

std::optional<Node> getNode(Value value, Kind kind) {
  std::optional<Node> node = getNode(value);
  if (!node || node->kind != kind)
    return std::nullopt;
  return node;
}

//===----------------------------------------------------------------------===//
// Match state
//===----------------------------------------------------------------------===//

/// The ops a match consumes. A rewrite is only done when each of them is used
/// by the match alone: otherwise the act op would recompute what the
/// remaining users still need.
struct Match {
  SmallVector<Operation *> ops;
  void record(const Node &node) {
    if (node.op)
      ops.push_back(node.op);
  }
};

/// Binds `x` on first use; later uses must name the same value.
bool bind(Value &x, Value value) {
  if (!x)
    x = value;
  return x == value;
}

/// Splits the operands of a binary node into (non-constant, constant).
std::optional<std::pair<Value, double>> splitConstant(const Node &node) {
  if (node.operands.size() != 2)
    return std::nullopt;
  for (int i = 0; i < 2; ++i)
    if (std::optional<double> c = getConstant(node.operands[i]))
      if (!getConstant(node.operands[1 - i]))
        return std::make_pair(node.operands[1 - i], *c);
  return std::nullopt;
}

//===----------------------------------------------------------------------===//
// Polynomial normaliser
//===----------------------------------------------------------------------===//

/// A sum of monomials over atoms with double coefficients. An atom is any
/// value the normaliser does not see through (x, erf(...), a sigmoid, ...);
/// a monomial is a sorted list of atoms, so x * E and E * x are one term.
class Poly {
public:
  using Monomial = std::vector<const void *>;

  static Poly constant(double value) {
    Poly p;
    if (value != 0.0)
      p.terms[{}] = value;
    return p;
  }
  static Poly atom(Value value) {
    Poly p;
    p.terms[{value.getAsOpaquePointer()}] = 1.0;
    return p;
  }

  Poly scaled(double factor) const {
    Poly p;
    for (const auto &[monomial, coefficient] : terms)
      p.add(monomial, coefficient * factor);
    return p;
  }
  Poly plus(const Poly &other) const {
    Poly p = *this;
    for (const auto &[monomial, coefficient] : other.terms)
      p.add(monomial, coefficient);
    return p;
  }
  std::optional<Poly> times(const Poly &other) const {
    Poly p;
    for (const auto &[lhs, a] : terms) {
      for (const auto &[rhs, b] : other.terms) {
        Monomial monomial = lhs;
        monomial.insert(monomial.end(), rhs.begin(), rhs.end());
        if (monomial.size() > kMaxDegree)
          return std::nullopt;
        llvm::sort(monomial);
        p.add(monomial, a * b);
      }
    }
    if (p.terms.size() > kMaxTerms)
      return std::nullopt;
    return p;
  }

  size_t size() const { return terms.size(); }

  /// The coefficient of the monomial made of `atoms`, or 0.
  double coefficient(ArrayRef<Value> atoms) const {
    Monomial monomial;
    for (Value atom : atoms)
      monomial.push_back(atom.getAsOpaquePointer());
    llvm::sort(monomial);
    auto it = terms.find(monomial);
    return it == terms.end() ? 0.0 : it->second;
  }

  /// The atoms of every term of degree `degree`.
  SmallVector<SmallVector<Value, 2>> monomialsOfDegree(size_t degree) const {
    SmallVector<SmallVector<Value, 2>> result;
    for (const auto &[monomial, coefficient] : terms) {
      if (monomial.size() != degree)
        continue;
      SmallVector<Value, 2> atoms;
      for (const void *atom : monomial)
        atoms.push_back(Value::getFromOpaquePointer(atom));
      result.push_back(atoms);
    }
    return result;
  }

private:
  // Bounds that keep the normaliser linear in practice: activations need
  // x^3 at most and a handful of terms.
  static constexpr size_t kMaxDegree = 4;
  static constexpr size_t kMaxTerms = 16;

  void add(const Monomial &monomial, double coefficient) {
    double &slot = terms[monomial];
    slot += coefficient;
    if (slot == 0.0)
      terms.erase(monomial);
  }

  std::map<Monomial, double> terms;
};

/// Flattens the add/sub/mul/neg/div-by-constant/pow-by-2-or-3 tree rooted at
/// `value`, recording the ops it looks through. Fails when the polynomial
/// would exceed the normaliser's bounds.
std::optional<Poly> flatten(Value value, Match &match, unsigned depth = 0) {
  std::optional<Node> node = getNode(value);
  if (!node || depth > 16)
    return Poly::atom(value);

  auto operand = [&](unsigned i) {
    return flatten(node->operands[i], match, depth + 1);
  };
  switch (node->kind) {
  case Kind::Constant:
    return Poly::constant(node->constant);
  case Kind::Add:
  case Kind::Sub: {
    std::optional<Poly> lhs = operand(0), rhs = operand(1);
    if (!lhs || !rhs)
      return std::nullopt;
    match.record(*node);
    return lhs->plus(node->kind == Kind::Add ? *rhs : rhs->scaled(-1.0));
  }
  case Kind::Neg: {
    std::optional<Poly> input = operand(0);
    if (!input)
      return std::nullopt;
    match.record(*node);
    return input->scaled(-1.0);
  }
  case Kind::Mul: {
    std::optional<Poly> lhs = operand(0), rhs = operand(1);
    if (!lhs || !rhs)
      return std::nullopt;
    match.record(*node);
    return lhs->times(*rhs);
  }
  case Kind::Div: {
    std::optional<double> divisor = getConstant(node->operands[1]);
    if (!divisor || *divisor == 0.0 || !std::isfinite(*divisor))
      return Poly::atom(value);
    std::optional<Poly> lhs = operand(0);
    if (!lhs)
      return std::nullopt;
    match.record(*node);
    return lhs->scaled(1.0 / *divisor);
  }
  case Kind::Pow: {
    std::optional<double> exponent = getConstant(node->operands[1]);
    if (!exponent || (*exponent != 2.0 && *exponent != 3.0))
      return Poly::atom(value);
    std::optional<Poly> base = operand(0);
    if (!base)
      return std::nullopt;
    std::optional<Poly> power = base->times(*base);
    if (power && *exponent == 3.0)
      power = power->times(*base);
    if (power)
      match.record(*node);
    return power;
  }
  default:
    return Poly::atom(value);
  }
}

/// True if `value` is `coefficient * x` (for instance -x, x * -1.0, 0 - x or
/// x / 1.4142135), binding `x`.
bool isScaledX(Value value, Value &x, double coefficient, bool exact,
               FloatType type, Match &match) {
  std::optional<Poly> poly = flatten(value, match);
  if (!poly || poly->size() != 1)
    return false;
  auto monomials = poly->monomialsOfDegree(1);
  if (monomials.size() != 1 || !bind(x, monomials.front().front()))
    return false;
  double actual = poly->coefficient({x});
  return exact ? actual == coefficient
               : isNearlyEqual(actual, coefficient, type);
}

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

double orderedMax(double a, double b) {
  if (a == b)
    return std::signbit(a) ? b : a;
  return a > b ? a : b;
}
double orderedMin(double a, double b) {
  if (a == b)
    return std::signbit(a) ? a : b;
  return a < b ? a : b;
}

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
      return orderedMin(orderedMax(v, outerLo), outerHi);
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
std::optional<Raised> raiseElu(Value root, FloatType type, Match &match) {
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
  (void)type;
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
    for (const Matcher &matcher : matchers) {
      Match match;
      std::optional<Raised> raised = matcher(root, type, match);
      if (!raised || raised->x.getType() != root.getType() ||
          !isSelfContained(match, op, raised->x))
        continue;
      Value result = raised->build(rewriter, op->getLoc());
      rewriter.replaceOp(op, result);
      return success();
    }
    return rewriter.notifyMatchFailure(op, "no activation recognised");
  }

private:
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
