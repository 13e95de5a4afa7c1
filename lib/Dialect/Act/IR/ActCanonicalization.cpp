//===- ActCanonicalization.cpp - act folds and algebraic rewrites ---------===//
//
// Every rewrite here is exact under the semantics of docs/semantics.md: the
// result is the same value, NaN-ness and sign of zero included, except the
// one documented case (leaky_relu with alpha = +0.0 -> relu turns a -0.0
// result into +0.0). Under nan_mode = ignore the sign of a zero result is
// unspecified, which some rewrites rely on.
//
//===----------------------------------------------------------------------===//

#include "act/Dialect/Act/IR/ActOps.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

#include <cmath>
#include <limits>
#include <optional>
#include <type_traits>

using namespace mlir;
using namespace mlir::act;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

bool isPositiveZero(double value) {
  return value == 0.0 && !std::signbit(value);
}

/// What is known about the values an SSA value can take.
struct ValueFacts {
  /// Never negative (a -0.0 may still occur, see below).
  bool nonNegative = false;
  /// May be -0.0.
  bool mayBeNegativeZero = true;
  /// May be NaN.
  bool mayBeNaN = true;
};

/// A clip-like op: relu is clip(+0.0, +inf).
struct ClampBounds {
  double min;
  double max;
  NanMode nanMode;
};

std::optional<ClampBounds> getClampBounds(Operation *op) {
  if (auto relu = dyn_cast_or_null<ReluOp>(op))
    return ClampBounds{0.0, kInf, relu.getNanMode()};
  if (auto clip = dyn_cast_or_null<ClipOp>(op))
    return ClampBounds{clip.getMin().convertToDouble(),
                       clip.getMax().convertToDouble(), clip.getNanMode()};
  return std::nullopt;
}

/// Facts that follow from the op defining `value`. Only ops whose range is
/// [+0, ...] by construction are listed; anything else is unknown.
ValueFacts getValueFacts(Value value) {
  ValueFacts facts;
  Operation *def = value.getDefiningOp();
  if (!def)
    return facts;

  // A clamp to [min, ...] with min >= +0.0. Under `propagate`, NaN stays NaN
  // and maximum(x, +0.0) never yields -0.0; under `ignore` NaN becomes min
  // and the sign of a zero result is unspecified.
  auto clampFacts = [&](double min, NanMode mode) {
    bool minIsNonNegative = min > 0.0 || isPositiveZero(min);
    if (!minIsNonNegative)
      return;
    facts.nonNegative = true;
    facts.mayBeNaN = mode == NanMode::propagate;
    facts.mayBeNegativeZero = mode == NanMode::ignore;
  };

  if (std::optional<ClampBounds> bounds = getClampBounds(def)) {
    clampFacts(bounds->min, bounds->nanMode);
  } else if (auto hardSigmoid = dyn_cast<HardSigmoidOp>(def)) {
    clampFacts(0.0, hardSigmoid.getNanMode());
  } else if (isa<SigmoidOp>(def)) {
    // 1 / (1 + exp(-x)) is in [+0.0, 1] or NaN.
    facts.nonNegative = true;
    facts.mayBeNegativeZero = false;
  } else if (auto softplus = dyn_cast<SoftplusOp>(def)) {
    // The linear branch returns x only where x * beta > threshold, so the
    // result is non-negative when threshold >= 0 (beta > 0 is verified).
    if (softplus.getThreshold().convertToDouble() >= 0.0) {
      facts.nonNegative = true;
      facts.mayBeNegativeZero = false;
    }
  }
  return facts;
}

/// relu(clip(x)), clip(relu(x)), clip(clip(x)) -> one clip. Composing two
/// monotone clamps c2(c1(x)) gives clamp(x, c2(min1), c2(max1)), exactly,
/// including signed zeros (maximum/minimum order -0.0 < +0.0) and NaN in
/// both modes (under `ignore` NaN maps to c2(min1) either way).
template <typename OuterOp>
struct MergeClampChain : OpRewritePattern<OuterOp> {
  using OpRewritePattern<OuterOp>::OpRewritePattern;

  LogicalResult matchAndRewrite(OuterOp outer,
                                PatternRewriter &rewriter) const override {
    std::optional<ClampBounds> outerBounds = getClampBounds(outer);
    Operation *innerOp = outer.getX().getDefiningOp();
    std::optional<ClampBounds> innerBounds = getClampBounds(innerOp);
    if (!innerBounds)
      return rewriter.notifyMatchFailure(outer, "operand is not relu or clip");
    if (innerBounds->nanMode != outerBounds->nanMode)
      return rewriter.notifyMatchFailure(outer, "nan_mode differs");

    auto outerClamp = [&](double value) {
      return reference::minimum(
          reference::maximum(value, outerBounds->min), outerBounds->max);
    };
    double min = outerClamp(innerBounds->min);
    double max = outerClamp(innerBounds->max);
    rewriter.replaceOpWithNewOp<ClipOp>(
        outer, innerOp->getOperand(0), rewriter.getF64FloatAttr(min),
        rewriter.getF64FloatAttr(max),
        NanModeAttr::get(rewriter.getContext(), outerBounds->nanMode));
    return success();
  }
};

/// clip(+0.0, +inf) -> relu. Not for a min of -0.0: clip keeps -0.0 there,
/// relu gives +0.0.
struct ClipToRelu : OpRewritePattern<ClipOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ClipOp clip,
                                PatternRewriter &rewriter) const override {
    if (!isPositiveZero(clip.getMin().convertToDouble()) ||
        clip.getMax().convertToDouble() != kInf)
      return rewriter.notifyMatchFailure(clip, "bounds are not [+0, +inf]");
    rewriter.replaceOpWithNewOp<ReluOp>(clip, clip.getX(),
                                        clip.getNanModeAttr());
    return success();
  }
};

/// leaky_relu or thresholded_relu with alpha = 0 -> relu.
/// - leaky_relu: x > 0 ? x : x * 0 equals relu(x) for every x, NaN included;
///   with alpha = +0.0 the zero results are -0.0 where relu gives +0.0 (the
///   one sign-of-zero change, documented).
/// - thresholded_relu: x > 0 ? x : +0.0 is relu in both NaN modes, so the
///   relu keeps the op's nan_mode.
template <typename OpTy>
struct ZeroAlphaToRelu : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    if (op.getAlpha().convertToDouble() != 0.0)
      return rewriter.notifyMatchFailure(op, "alpha is not 0");
    NanMode nanMode = NanMode::propagate;
    if constexpr (std::is_same_v<OpTy, ThresholdedReluOp>)
      nanMode = op.getNanMode();
    rewriter.replaceOpWithNewOp<ReluOp>(
        op, op.getX(), NanModeAttr::get(rewriter.getContext(), nanMode));
    return success();
  }
};

} // namespace

OpFoldResult ReluOp::fold(FoldAdaptor adaptor) {
  if (OpFoldResult folded = foldActivation(*this, adaptor.getOperands()))
    return folded;
  // relu(y) = y when y >= 0. Under `propagate` a NaN y passes through, but
  // -0.0 would become +0.0; under `ignore` the zero sign is free but a NaN y
  // would become +0.0.
  ValueFacts facts = getValueFacts(getX());
  if (!facts.nonNegative)
    return {};
  bool exact = getNanMode() == NanMode::propagate ? !facts.mayBeNegativeZero
                                                  : !facts.mayBeNaN;
  return exact ? getX() : OpFoldResult();
}

OpFoldResult ClipOp::fold(FoldAdaptor adaptor) {
  if (OpFoldResult folded = foldActivation(*this, adaptor.getOperands()))
    return folded;
  // clip(-inf, +inf) clamps nothing under `propagate`; under `ignore` it
  // would still map NaN to -inf.
  if (getNanMode() == NanMode::propagate &&
      getMin().convertToDouble() == -kInf && getMax().convertToDouble() == kInf)
    return getX();
  return {};
}

void ReluOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                         MLIRContext *context) {
  results.add<MergeClampChain<ReluOp>>(context);
}

void ClipOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                         MLIRContext *context) {
  results.add<MergeClampChain<ClipOp>, ClipToRelu>(context);
}

void LeakyReluOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                              MLIRContext *context) {
  results.add<ZeroAlphaToRelu<LeakyReluOp>>(context);
}

void ThresholdedReluOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                                    MLIRContext *context) {
  results.add<ZeroAlphaToRelu<ThresholdedReluOp>>(context);
}
