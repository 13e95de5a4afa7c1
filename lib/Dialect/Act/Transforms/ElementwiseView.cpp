//===- ElementwiseView.cpp - One view of elementwise ops for act-raise ----===//

#include "ElementwiseView.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/Matchers.h"

#include <cmath>

using namespace mlir;
using namespace mlir::act;
using namespace mlir::act::raise;

namespace {

double toDouble(APFloat value) {
  bool losesInfo;
  value.convert(APFloat::IEEEdouble(), APFloat::rmNearestTiesToEven,
                &losesInfo);
  return value.convertToDouble();
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

} // namespace

std::optional<double> raise::getConstant(Value value) {
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

bool raise::isPositiveZero(double value) {
  return value == 0.0 && !std::signbit(value);
}

bool raise::isNearlyEqual(double value, double expected, FloatType type) {
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

std::optional<Node> raise::getNode(Value value) {
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

std::optional<Node> raise::getNode(Value value, Kind kind) {
  std::optional<Node> node = getNode(value);
  if (!node || node->kind != kind)
    return std::nullopt;
  return node;
}

bool raise::bind(Value &x, Value value) {
  if (!x)
    x = value;
  return x == value;
}

std::optional<std::pair<Value, double>> raise::splitConstant(const Node &node) {
  if (node.operands.size() != 2)
    return std::nullopt;
  for (int i = 0; i < 2; ++i)
    if (std::optional<double> c = getConstant(node.operands[i]))
      if (!getConstant(node.operands[1 - i]))
        return std::make_pair(node.operands[1 - i], *c);
  return std::nullopt;
}
