//===- ActToArith.cpp - Lower act ops on scalars/vectors to arith+math ----===//
//
// One pattern lowers every act op: it reads the op's reference descriptor
// (ActivationOpInterface::getActivation) and emits the formula that the
// scalar reference evaluates, in the same order of rounding, so that the
// piecewise-linear ops agree with the constant folder bit for bit.
//
//===----------------------------------------------------------------------===//

#include "act/Conversion/ActToArith/ActToArith.h"

#include "act/Dialect/Act/IR/ActOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Transforms/Passes.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <cmath>
#include <limits>

namespace mlir {
namespace act {
#define GEN_PASS_DEF_CONVERTACTTOARITH
#define GEN_PASS_DEF_EXPANDBF16CASTS
#define GEN_PASS_DEF_ACTAPPROXIMATEMATH
#include "act/Conversion/Passes.h.inc"
} // namespace act
} // namespace mlir

using namespace mlir;
using namespace mlir::act;
using reference::Activation;
using reference::Kind;

namespace {

/// Emits arith/math ops on one computation type (a float scalar or a vector
/// of floats).
class FormulaBuilder {
public:
  FormulaBuilder(OpBuilder &builder, Location loc, Type type)
      : b(builder), loc(loc), type(type),
        elementType(getElementTypeOrSelf(type)) {}

  /// A splat integer constant of `intType` (a scalar or vector type).
  Value integerConstant(Type intType, int64_t value) {
    Type element = getElementTypeOrSelf(intType);
    auto scalar = IntegerAttr::get(element, value);
    if (auto vectorType = dyn_cast<VectorType>(intType))
      return arith::ConstantOp::create(
          b, loc, DenseElementsAttr::get(vectorType, scalar.getValue()));
    return arith::ConstantOp::create(b, loc, scalar);
  }

  /// A splat constant; `value` is rounded to the element type.
  Value constant(double value) {
    auto scalar = FloatAttr::get(elementType, value);
    if (auto vectorType = dyn_cast<VectorType>(type))
      return arith::ConstantOp::create(
          b, loc, DenseElementsAttr::get(vectorType, scalar.getValue()));
    return arith::ConstantOp::create(b, loc, scalar);
  }

  Value add(Value lhs, Value rhs) {
    return arith::AddFOp::create(b, loc, lhs, rhs);
  }
  Value mul(Value lhs, Value rhs) {
    return arith::MulFOp::create(b, loc, lhs, rhs);
  }
  Value div(Value lhs, Value rhs) {
    return arith::DivFOp::create(b, loc, lhs, rhs);
  }
  Value neg(Value value) { return arith::NegFOp::create(b, loc, value); }
  Value cmp(arith::CmpFPredicate predicate, Value lhs, Value rhs) {
    return arith::CmpFOp::create(b, loc, predicate, lhs, rhs);
  }
  Value select(Value condition, Value onTrue, Value onFalse) {
    return arith::SelectOp::create(b, loc, condition, onTrue, onFalse);
  }

  /// maximum/minimum under the op's NaN mode: IEEE maximum/minimum for
  /// `propagate`, maxNum/minNum for `ignore`.
  Value max(Value lhs, Value rhs, reference::NanMode mode) {
    if (mode == reference::NanMode::Ignore)
      return arith::MaxNumFOp::create(b, loc, lhs, rhs);
    return arith::MaximumFOp::create(b, loc, lhs, rhs);
  }
  Value min(Value lhs, Value rhs, reference::NanMode mode) {
    if (mode == reference::NanMode::Ignore)
      return arith::MinNumFOp::create(b, loc, lhs, rhs);
    return arith::MinimumFOp::create(b, loc, lhs, rhs);
  }
  Value clamp(Value x, double lo, double hi, reference::NanMode mode) {
    return min(max(x, constant(lo), mode), constant(hi), mode);
  }

  Value exp(Value x) { return math::ExpOp::create(b, loc, x); }
  Value expm1(Value x) { return math::ExpM1Op::create(b, loc, x); }
  Value log1p(Value x) { return math::Log1pOp::create(b, loc, x); }
  Value tanh(Value x) { return math::TanhOp::create(b, loc, x); }
  Value erfc(Value x) { return math::ErfcOp::create(b, loc, x); }
  Value abs(Value x) { return math::AbsFOp::create(b, loc, x); }

  /// x > 0 ? onPositive : onOtherwise (NaN takes onOtherwise).
  Value selectPositive(Value x, Value onPositive, Value onOtherwise) {
    return select(cmp(arith::CmpFPredicate::OGT, x, constant(0.0)), onPositive,
                  onOtherwise);
  }

  /// x == -inf ? -0.0 : value. For the gated ops whose formula multiplies
  /// -inf by 0 where the function's limit is -0.0.
  Value negInfToNegZero(Value x, Value value) {
    Value isNegInf = cmp(arith::CmpFPredicate::OEQ, x,
                         constant(-std::numeric_limits<double>::infinity()));
    return select(isNegInf, constant(-0.0), value);
  }

  /// log1p(exp(x)).
  Value softplus(Value x) { return log1p(exp(x)); }

  Value fma(Value a, Value b, Value c) {
    return math::FmaOp::create(this->b, loc, a, b, c);
  }
  /// coefficients[0] + x * (coefficients[1] + x * (...)), by Horner's rule
  /// with FMAs.
  Value polynomial(Value x, ArrayRef<double> coefficients) {
    Value result = constant(coefficients.back());
    for (double coefficient : llvm::reverse(coefficients.drop_back()))
      result = fma(result, x, constant(coefficient));
    return result;
  }

  /// exp(y) in f32 for y in [-87, 0] (a normal result), without NaN or
  /// infinity handling: k = round(y / ln 2) by the 1.5 * 2^23 rounding
  /// trick, which also leaves k in the low mantissa bits; r = y - k ln 2
  /// (one step: |k| <= 126 costs at most 2.4e-7 of relative error, and
  /// far less for the small |k| where it matters below); a degree-5
  /// minimax polynomial for exp(r) on [-ln 2 / 2, ln 2 / 2] (relative
  /// error 9.2e-8); then k added to the exponent field.
  Value expNonPositive(Value y) {
    const double magicValue = 12582912.0; // 1.5 * 2^23
    static const double coefficients[] = {
        0x1.0000000000000p+0, 0x1.fffff40000000p-1, 0x1.fffda20000000p-2,
        0x1.555b620000000p-3, 0x1.5747f20000000p-5, 0x1.0f647a0000000p-7};
    Value magic = constant(magicValue);
    Value shifted = fma(y, constant(M_LOG2E), magic);
    Value k = arith::SubFOp::create(b, loc, shifted, magic);
    Value r = fma(k, constant(-M_LN2), y);
    Value p = polynomial(r, coefficients);
    Type intType = b.getI32Type();
    if (auto vectorType = dyn_cast<VectorType>(type))
      intType = vectorType.clone(intType);
    Value kBits = arith::ShLIOp::create(
        b, loc, arith::BitcastOp::create(b, loc, intType, shifted),
        integerConstant(intType, 23));
    Value bits = arith::AddIOp::create(
        b, loc, arith::BitcastOp::create(b, loc, intType, p), kBits);
    return arith::BitcastOp::create(b, loc, type, bits);
  }

  /// gelu(x) in f32 for an x known to be NaN, +0.0 or positive (the result
  /// of a relu, for instance): x - x * Phi(-x), where only the absolute
  /// error of Phi(-x) <= 1/2 matters. Phi(-x) = exp(q(x)) with q a
  /// degree-8 polynomial fitted to log(Phi(-x)) on [0, 5.5] (minimax
  /// weighted by Phi(-x): weighted error 4.7e-9); beyond 5.5, Phi(-x) <
  /// 1.9e-8 no longer changes the rounded result, so x is clamped there
  /// (which also keeps x = +Inf finite in the product: Inf - 5.5 * Phi).
  /// NaN propagates through the clamp (IEEE minimum) and the product.
  /// 21 vector operations, no division, no select.
  Value geluNonNegative(Value x) {
    static const double coefficients[] = {
        -0x1.62e4300000000p-1, -0x1.9884700000000p-1, -0x1.45eff40000000p-2,
        -0x1.2a1b240000000p-5, 0x1.4123b60000000p-8,  -0x1.a1b5c00000000p-14,
        -0x1.0872100000000p-13, 0x1.ba5a180000000p-16, -0x1.f239d60000000p-20};
    Value clamped = arith::MinimumFOp::create(b, loc, x, constant(5.5));
    Value phi = expNonPositive(polynomial(clamped, coefficients));
    return arith::SubFOp::create(b, loc, x, mul(clamped, phi));
  }

  /// factor * sigmoid(z) (sigmoid(z) for a null factor) without overflow:
  /// with e = exp(-|z|) <= 1, sigmoid(z) is 1 / (1 + e) for z >= 0 and
  /// e / (1 + e) below, so exp never overflows to make factor / inf a
  /// premature zero.
  Value timesSigmoid(Value factor, Value z) {
    Value e = exp(neg(abs(z)));
    Value denominator = add(constant(1.0), e);
    Value nonNegative = cmp(arith::CmpFPredicate::OGE, z, constant(0.0));
    Value numerator = factor ? factor : constant(1.0);
    Value scaledE = factor ? mul(factor, e) : e;
    return select(nonNegative, div(numerator, denominator),
                  div(scaledE, denominator));
  }

  /// Emits `act` applied to `x` (and prelu's `slope`). `decisionX` is x in
  /// the type in which softplus decides its branch, built with `decision`.
  /// `nonNegative`: x is known to be NaN, +0.0 or positive. `fast`: the
  /// fast path's own approximations may be used (f32).
  Value build(const Activation &act, Value x, Value slope, Value decisionX,
              FormulaBuilder *decision, bool nonNegative, bool fast);

private:
  OpBuilder &b;
  Location loc;
  Type type;
  Type elementType;
};

Value FormulaBuilder::build(const Activation &act, Value x, Value slope,
                            Value decisionX, FormulaBuilder *decision,
                            bool nonNegative, bool fast) {
  const double inf = std::numeric_limits<double>::infinity();
  switch (act.kind) {
  case Kind::Relu:
    return max(x, constant(0.0), act.nanMode);
  case Kind::LeakyRelu:
    return selectPositive(x, x, mul(x, constant(act.alpha)));
  case Kind::PRelu:
    return selectPositive(x, x, mul(x, slope));
  case Kind::ThresholdedRelu: {
    // propagate: NaN fails the ordered `<=` and passes through;
    // ignore: NaN fails the ordered `>` and becomes +0.0.
    Value alpha = constant(act.alpha), zero = constant(0.0);
    if (act.nanMode == reference::NanMode::Ignore)
      return select(cmp(arith::CmpFPredicate::OGT, x, alpha), x, zero);
    return select(cmp(arith::CmpFPredicate::OLE, x, alpha), zero, x);
  }
  case Kind::Clip: {
    // Under propagate, maximum(x, -inf) and minimum(x, +inf) are x itself.
    // Nor is maximum(x, min <= 0) for an x that is NaN, +0.0 or positive.
    bool propagate = act.nanMode == reference::NanMode::Propagate;
    Value result = x;
    if (!(propagate && (act.min == -inf || (nonNegative && act.min <= 0.0))))
      result = max(result, constant(act.min), act.nanMode);
    if (!(propagate && act.max == inf))
      result = min(result, constant(act.max), act.nanMode);
    return result;
  }
  case Kind::HardSigmoid: {
    Value linear = add(mul(x, constant(act.alpha)), constant(act.beta));
    return clamp(linear, 0.0, 1.0, act.nanMode);
  }
  case Kind::HardSwish: {
    Value gate = clamp(add(x, constant(3.0)), 0.0, 6.0, act.nanMode);
    return negInfToNegZero(x, div(mul(x, gate), constant(6.0)));
  }
  case Kind::Elu:
    return selectPositive(x, x, mul(constant(act.alpha), expm1(x)));
  case Kind::Selu:
    return selectPositive(x, mul(constant(act.gamma), x),
                          mul(constant(act.gamma * act.alpha), expm1(x)));
  case Kind::Celu: {
    Value alpha = constant(act.alpha);
    return selectPositive(x, x, mul(alpha, expm1(div(x, alpha))));
  }
  case Kind::Softplus: {
    // beta == 1 scales by one: skip the exact no-op multiply and divide.
    bool unitBeta = act.beta == 1.0;
    Value scaled = unitBeta ? x : mul(x, constant(act.beta));
    Value smooth = softplus(scaled);
    if (!unitBeta)
      smooth = div(smooth, constant(act.beta));
    // The branch is decided on x * beta rounded in the decision type, as
    // PyTorch and the reference decide it, even when the smooth part is
    // computed wider.
    FormulaBuilder &d = *decision;
    Value decisionScaled = scaled;
    if (decisionX != x)
      decisionScaled =
          unitBeta ? decisionX : d.mul(decisionX, d.constant(act.beta));
    Value linear = d.cmp(arith::CmpFPredicate::OGT, decisionScaled,
                         d.constant(act.threshold));
    return select(linear, x, smooth);
  }
  case Kind::Mish:
    return negInfToNegZero(x, mul(x, tanh(softplus(x))));
  case Kind::Gelu: {
    if (fast && nonNegative && elementType.isF32())
      return geluNonNegative(x);
    Value half = mul(x, constant(0.5));
    Value tail = erfc(mul(x, constant(-M_SQRT1_2)));
    return negInfToNegZero(x, mul(half, tail));
  }
  case Kind::GeluTanh: {
    // 0.5 * x * (1 + tanh(u)) == x * sigmoid(2u): the same function without
    // the cancellation of 1 + tanh(u) for negative u.
    const double sqrt2OverPi = std::sqrt(2.0 / M_PI);
    Value cube = mul(mul(x, x), x);
    Value inner = mul(constant(sqrt2OverPi),
                      add(x, mul(constant(0.044715), cube)));
    Value twiceInner = mul(inner, constant(2.0));
    return negInfToNegZero(x, timesSigmoid(x, twiceInner));
  }
  case Kind::Silu:
    return negInfToNegZero(x, timesSigmoid(x, x));
  case Kind::Sigmoid:
    return timesSigmoid(Value(), x);
  case Kind::Tanh:
    return tanh(x);
  case Kind::Softsign: {
    Value magnitude = abs(x);
    Value isInf = cmp(arith::CmpFPredicate::OEQ, magnitude, constant(inf));
    Value limit = selectPositive(x, constant(1.0), constant(-1.0));
    return select(isInf, limit, div(x, add(constant(1.0), magnitude)));
  }
  }
  llvm_unreachable("unhandled activation kind");
}

/// True if every element of `value` is known to be NaN, +0.0 or positive
/// (never negative, never -0.0): the result of a relu, of a clip whose
/// lower bound is >= 0 (NaN-propagating, or above 0), of ops that are
/// non-negative on such inputs, or the lowered form of a relu. Looks
/// through a few producers only; false when it cannot tell.
bool isKnownNonNegative(Value value, unsigned depth = 0) {
  if (depth > 8)
    return false;
  Operation *producer = value.getDefiningOp();
  if (!producer)
    return false;
  auto isNonNegativeConstant = [](Value v) {
    FloatAttr splat;
    DenseElementsAttr dense;
    if (matchPattern(v, m_Constant(&dense)) && dense.isSplat() &&
        isa<FloatType>(dense.getElementType()))
      return !dense.getSplatValue<APFloat>().isNegative() &&
             !dense.getSplatValue<APFloat>().isNaN();
    if (matchPattern(v, m_Constant(&splat)))
      return !splat.getValue().isNegative() && !splat.getValue().isNaN();
    return false;
  };
  // arith.maximumf propagates NaN and orders -0.0 below +0.0.
  if (auto maximum = dyn_cast<arith::MaximumFOp>(producer))
    return isNonNegativeConstant(maximum.getLhs()) ||
           isNonNegativeConstant(maximum.getRhs());
  if (isa<math::AbsFOp>(producer))
    return true;
  auto activation = dyn_cast<ActivationOpInterface>(producer);
  if (!activation)
    return false;
  Activation act = activation.getActivation();
  bool propagate = act.nanMode == reference::NanMode::Propagate;
  switch (act.kind) {
  case Kind::Relu:
    return propagate; // ignore: the sign of a zero result is unspecified
  case Kind::Clip:
    return act.min > 0.0 || (propagate && act.min == 0.0);
  case Kind::Sigmoid:
    return true;
  case Kind::Gelu:
  case Kind::GeluTanh:
  case Kind::Silu:
  case Kind::Mish:
    // x * (something in [0, 1]) for x >= +0: >= +0.
    return isKnownNonNegative(activation.getInput(), depth + 1);
  default:
    return false;
  }
}

struct ActivationToArith
    : public OpInterfaceRewritePattern<ActivationOpInterface> {
  ActivationToArith(MLIRContext *context, bool fast)
      : OpInterfaceRewritePattern(context), fast(fast) {}

  LogicalResult matchAndRewrite(ActivationOpInterface op,
                                PatternRewriter &rewriter) const override {
    Type type = op->getResult(0).getType();
    if (isa<TensorType>(type))
      return rewriter.notifyMatchFailure(
          op, "tensor act ops are lowered by convert-act-to-linalg");

    // Piecewise-linear ops round every step in the decision type (f32 for
    // f16/bf16/f32, f64 for f64), as the reference does. Transcendental ops
    // are computed in f64 and rounded once at the end.
    Activation act = op.getActivation();
    Type elementType = getElementTypeOrSelf(type);
    Type f32 = rewriter.getF32Type(), f64 = rewriter.getF64Type();
    Type decisionElement = elementType.isF64() ? f64 : f32;
    // Fast: transcendental ops too are computed in the decision type, where
    // math's polynomial approximations apply to whole vectors.
    Type computeElement = reference::isPiecewiseLinear(act.kind) || fast
                              ? decisionElement
                              : f64;
    auto withElement = [&](Type element) -> Type {
      if (auto vectorType = dyn_cast<VectorType>(type))
        return vectorType.clone(element);
      return element;
    };
    Type decisionType = withElement(decisionElement);
    Type computeType = withElement(computeElement);

    Location loc = op.getLoc();
    auto convert = [&](Value value, Type to) -> Value {
      if (value.getType() == to)
        return value;
      return arith::ExtFOp::create(rewriter, loc, to, value);
    };
    SmallVector<Value> operands;
    for (Value operand : op->getOperands())
      operands.push_back(convert(operand, computeType));
    // Only softplus decides anything in the decision type.
    Value decisionX = act.kind == Kind::Softplus
                          ? convert(op.getInput(), decisionType)
                          : Value();

    FormulaBuilder formula(rewriter, loc, computeType);
    FormulaBuilder decision(rewriter, loc, decisionType);
    Value slope = operands.size() > 1 ? operands[1] : Value();
    Value result = formula.build(act, operands[0], slope, decisionX, &decision,
                                 isKnownNonNegative(op.getInput()), fast);
    if (computeType != type)
      result = arith::TruncFOp::create(rewriter, loc, type, result);
    rewriter.replaceOp(op, result);
    return success();
  }

  bool fast;
};

struct ConvertActToArithPass
    : public act::impl::ConvertActToArithBase<ConvertActToArithPass> {
  using ConvertActToArithBase::ConvertActToArithBase;

  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateActToArithConversionPatterns(patterns, fast);
    // Folding is off so that an act op on a constant is lowered, not
    // evaluated: the lowering itself is what this pass is for.
    GreedyRewriteConfig config;
    config.enableFolding(false);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns),
                                     config)))
      signalPassFailure();
  }
};

struct ExpandBF16CastsPass
    : public act::impl::ExpandBF16CastsBase<ExpandBF16CastsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    arith::populateExpandBFloat16Patterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

void mlir::act::populateActToArithConversionPatterns(
    RewritePatternSet &patterns, bool fast) {
  patterns.add<ActivationToArith>(patterns.getContext(), fast);
}

namespace {
template <typename MathOp, typename IntrinsicOp>
struct MathToIntrinsic : public OpRewritePattern<MathOp> {
  using OpRewritePattern<MathOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(MathOp op,
                                PatternRewriter &rewriter) const override {
    if (op.getFastmath() != arith::FastMathFlags::none)
      return rewriter.notifyMatchFailure(op, "fastmath flags are not mapped");
    rewriter.replaceOpWithNewOp<IntrinsicOp>(op, op.getType(),
                                             op->getOperands());
    return success();
  }
};

struct ApproximateMathPass
    : public act::impl::ActApproximateMathBase<ApproximateMathPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    // Every f32 function upstream approximates (exp, expm1, log, log1p,
    // tanh, erf, erfc, ...), on scalars and vectors alike.
    populateMathPolynomialApproximationPatterns(
        patterns, [](StringRef) { return true; });
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
    // The approximations are built of math.fma, math.floor and math.absf,
    // which have exact LLVM intrinsics. Lower them now: convert-math-to-libm
    // (which act-lower-to-cpu runs for the functions libm computes more
    // accurately than math-to-llvm) would otherwise scalarize them into
    // fmaf/floorf/fabsf calls.
    RewritePatternSet intrinsics(&getContext());
    intrinsics.add<MathToIntrinsic<math::FmaOp, LLVM::FMAOp>,
                   MathToIntrinsic<math::FloorOp, LLVM::FFloorOp>,
                   MathToIntrinsic<math::AbsFOp, LLVM::FAbsOp>>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(intrinsics))))
      signalPassFailure();
  }
};
} // namespace
