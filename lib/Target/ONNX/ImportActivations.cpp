//===- ImportActivations.cpp - Activation operators ----------------------===//
//
// Every ONNX activation becomes its act op on the tensor; the act verifiers
// judge the attribute values.
//
//===----------------------------------------------------------------------===//

#include "Emitter.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include "act/Dialect/Act/IR/ActOps.h"

#include <limits>

using namespace mlir;
using namespace mlir::act;
using namespace mlir::act::onnx_import;

//===----------------------------------------------------------------------===//
// Activations
//===----------------------------------------------------------------------===//

namespace {

template <typename OpTy>
Operation *createAct(OpBuilder &b, Location loc, Value x,
                     ArrayRef<NamedAttribute> attributes = {}) {
  return OpTy::create(b, loc, TypeRange{x.getType()}, ValueRange{x},
                      attributes)
      .getOperation();
}

} // namespace

LogicalResult Emitter::importActivation() {
  const std::string &op = node->op_type();
  FailureOr<Value> x = getFloatInput(0);
  if (failed(x) || failed(checkOutputs(1)))
    return failure();
  auto f64 = [&](llvm::StringRef name, double value) {
    return builder.getNamedAttr(name, builder.getF64FloatAttr(value));
  };
  auto alpha = [&](double defaultValue) {
    return f64("alpha", getFloatAttr(*node, "alpha", defaultValue));
  };
  Operation *result = nullptr;
  if (op == "Relu") {
    if (failed(checkAttributes({})))
      return failure();
    result = createAct<ReluOp>(builder, loc, *x);
  } else if (op == "LeakyRelu") {
    if (failed(checkAttributes({"alpha"})))
      return failure();
    result = createAct<LeakyReluOp>(builder, loc, *x, {alpha(0.01)});
  } else if (op == "ThresholdedRelu") {
    if (failed(checkAttributes({"alpha"})))
      return failure();
    // ONNX's formula is `x > alpha ? x : 0`: a NaN input gives 0.
    result = createAct<ThresholdedReluOp>(
        builder, loc, *x,
        {alpha(1.0), builder.getNamedAttr(
                         "nan_mode",
                         NanModeAttr::get(context, NanMode::ignore))});
  } else if (op == "Elu") {
    if (failed(checkAttributes({"alpha"})))
      return failure();
    result = createAct<EluOp>(builder, loc, *x, {alpha(1.0)});
  } else if (op == "Selu") {
    if (failed(checkAttributes({"alpha", "gamma"})))
      return failure();
    // ONNX's defaults, as f32 attributes hold them.
    result = createAct<SeluOp>(
        builder, loc, *x,
        {alpha(1.67326319217681884765625),
         f64("gamma", getFloatAttr(*node, "gamma", 1.05070102214813232421875))});
  } else if (op == "Celu") {
    if (failed(checkAttributes({"alpha"})))
      return failure();
    result = createAct<CeluOp>(builder, loc, *x, {alpha(1.0)});
  } else if (op == "HardSigmoid") {
    if (failed(checkAttributes({"alpha", "beta"})))
      return failure();
    result = createAct<HardSigmoidOp>(
        builder, loc, *x,
        {alpha(0.2), f64("beta", getFloatAttr(*node, "beta", 0.5))});
  } else if (op == "HardSwish") {
    if (failed(checkAttributes({})))
      return failure();
    result = createAct<HardSwishOp>(builder, loc, *x);
  } else if (op == "Sigmoid") {
    if (failed(checkAttributes({})))
      return failure();
    result = createAct<SigmoidOp>(builder, loc, *x);
  } else if (op == "Tanh") {
    if (failed(checkAttributes({})))
      return failure();
    result = createAct<TanhOp>(builder, loc, *x);
  } else if (op == "Softplus") {
    if (failed(checkAttributes({})))
      return failure();
    result = createAct<SoftplusOp>(builder, loc, *x);
  } else if (op == "Softsign") {
    if (failed(checkAttributes({})))
      return failure();
    result = createAct<SoftsignOp>(builder, loc, *x);
  } else if (op == "Mish") {
    if (failed(checkAttributes({})))
      return failure();
    result = createAct<MishOp>(builder, loc, *x);
  } else if (op == "Gelu") {
    if (failed(checkAttributes({"approximate"})))
      return failure();
    std::string approximate = getStringAttr(*node, "approximate", "none");
    if (approximate != "none" && approximate != "tanh")
      return fail() << "unsupported attribute value approximate = '"
                    << approximate << "' (none or tanh)";
    result = createAct<GeluOp>(
        builder, loc, *x,
        {builder.getNamedAttr(
            "approximate",
            GeluApproximationAttr::get(context,
                                       approximate == "tanh"
                                           ? GeluApproximation::tanh
                                           : GeluApproximation::none))});
  }
  if (failed(verifyBuilt(result)))
    return failure();
  setOutput(0, result->getResult(0));
  return success();
}

LogicalResult Emitter::importClip() {
  FailureOr<Value> x = getFloatInput(0);
  if (failed(x) || failed(checkOutputs(1)))
    return failure();
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  if (loaded.opset < 11) {
    if (failed(checkAttributes({"min", "max"})))
      return failure();
    min = getFloatAttr(*node, "min", -std::numeric_limits<float>::max());
    max = getFloatAttr(*node, "max", std::numeric_limits<float>::max());
  } else {
    if (failed(checkAttributes({})))
      return failure();
    for (int index : {1, 2}) {
      if (!hasInput(*node, index))
        continue;
      const ConstTensor *bound = getConstantInput(index);
      if (!bound || bound->getNumElements() != 1)
        return fail() << "a " << (index == 1 ? "min" : "max")
                      << " input that is not a constant scalar is not "
                         "supported";
      (index == 1 ? min : max) = bound->at(0);
    }
  }
  // clip(x) = min(max(x, lo), hi): with lo > hi every number becomes hi.
  if (min > max)
    min = max;
  Operation *op = createAct<ClipOp>(
      builder, loc, *x,
      {builder.getNamedAttr("min", builder.getF64FloatAttr(min)),
       builder.getNamedAttr("max", builder.getF64FloatAttr(max))});
  if (failed(verifyBuilt(op)))
    return failure();
  setOutput(0, op->getResult(0));
  return success();
}

LogicalResult Emitter::importPRelu() {
  FailureOr<Value> x = getFloatInput(0);
  FailureOr<Value> slope = getFloatInput(1);
  if (failed(x) || failed(slope) || failed(checkAttributes({})) ||
      failed(checkOutputs(1)))
    return failure();
  // Before opset 7 a 1-D slope holds one value per channel (dimension 1);
  // since then it broadcasts NumPy-style.
  Value slopeValue = *slope;
  auto xType = cast<RankedTensorType>(x->getType());
  auto slopeType = cast<RankedTensorType>(slopeValue.getType());
  if (loaded.opset < 7 && slopeType.getRank() == 1 && xType.getRank() >= 2 &&
      slopeType.getDimSize(0) != 1 &&
      slopeType.getDimSize(0) == xType.getDimSize(1)) {
    SmallVector<int64_t> shape(xType.getRank() - 1, 1);
    shape[0] = slopeType.getDimSize(0);
    slopeValue = reshape(slopeValue, shape);
  }
  auto op = PReluOp::create(builder, loc, TypeRange{x->getType()},
                            ValueRange{*x, slopeValue});
  if (failed(verifyBuilt(op)))
    return failure();
  setOutput(0, op.getResult());
  return success();
}
