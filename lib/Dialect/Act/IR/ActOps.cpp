//===- ActOps.cpp - act dialect operations --------------------------------===//
//
// Verifiers, the reference descriptor of each op, and constant folding.
// Algebraic rewrites live in ActCanonicalization.cpp.
//
//===----------------------------------------------------------------------===//

#include "act/Dialect/Act/IR/ActOps.h"
#include "FusedContractionImpl.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/APFloat.h"

#include <cmath>
#include <cstdio>
#include <string>

using namespace mlir;
using namespace mlir::act;
using reference::Activation;
using reference::Kind;

#include "act/Dialect/Act/IR/ActInterfaces.cpp.inc"

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

reference::NanMode mlir::act::toReference(NanMode mode) {
  return mode == NanMode::ignore ? reference::NanMode::Ignore
                                 : reference::NanMode::Propagate;
}

/// Formats an attribute value for a diagnostic: "6", "0.01", "-inf".
static std::string formatValue(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%g", value);
  return buffer;
}

static LogicalResult verifyFinite(Operation *op, StringRef name,
                                  double value) {
  if (std::isfinite(value))
    return success();
  return op->emitOpError("requires '")
         << name << "' to be finite, got " << formatValue(value);
}

static LogicalResult verifyPositive(Operation *op, StringRef name,
                                    double value, StringRef why) {
  if (failed(verifyFinite(op, name, value)))
    return failure();
  if (value > 0.0)
    return success();
  return op->emitOpError("requires '")
         << name << "' > 0 (" << why << "), got " << formatValue(value);
}

//===----------------------------------------------------------------------===//
// Constant folding
//===----------------------------------------------------------------------===//

APFloat mlir::act::evaluateReference(const Activation &act, const APFloat &x,
                                    const APFloat &slope) {
  const llvm::fltSemantics &semantics = x.getSemantics();
  if (&semantics == &APFloat::IEEEdouble())
    return APFloat(
        reference::evaluate(act, x.convertToDouble(), slope.convertToDouble()));

  auto toFloat = [](APFloat value) {
    bool losesInfo = false;
    value.convert(APFloat::IEEEsingle(), APFloat::rmNearestTiesToEven,
                  &losesInfo);
    return value.convertToFloat();
  };
  APFloat result(reference::evaluate(act, toFloat(x), toFloat(slope)));
  bool losesInfo = false;
  result.convert(semantics, APFloat::rmNearestTiesToEven, &losesInfo);
  return result;
}

int64_t mlir::act::getBroadcastIndex(int64_t linear, ArrayRef<int64_t> shape,
                                     ArrayRef<int64_t> operandShape) {
  int64_t result = 0, operandStride = 1;
  int64_t offset = shape.size() - operandShape.size();
  for (int64_t dim = shape.size() - 1; dim >= 0; --dim) {
    int64_t index = linear % shape[dim];
    linear /= shape[dim];
    if (dim < offset)
      continue;
    int64_t operandSize = operandShape[dim - offset];
    if (operandSize != 1)
      result += index * operandStride;
    operandStride *= operandSize;
  }
  return result;
}

OpFoldResult mlir::act::foldActivation(ActivationOpInterface op,
                                       ArrayRef<Attribute> operands) {
  if (llvm::any_of(operands, [](Attribute attr) { return !attr; }))
    return {};
  Activation act = op.getActivation();
  Type resultType = op->getResult(0).getType();

  if (auto x = dyn_cast<FloatAttr>(operands[0])) {
    APFloat slope = x.getValue();
    if (operands.size() > 1) {
      auto slopeAttr = dyn_cast<FloatAttr>(operands[1]);
      if (!slopeAttr)
        return {};
      slope = slopeAttr.getValue();
    }
    return FloatAttr::get(resultType,
                          evaluateReference(act, x.getValue(), slope));
  }

  auto x = dyn_cast<DenseFPElementsAttr>(operands[0]);
  auto shapedType = dyn_cast<ShapedType>(resultType);
  if (!x || !shapedType || !shapedType.hasStaticShape())
    return {};

  DenseFPElementsAttr slope;
  if (operands.size() > 1) {
    slope = dyn_cast<DenseFPElementsAttr>(operands[1]);
    if (!slope)
      return {};
  }

  if (x.isSplat() && (!slope || slope.isSplat())) {
    APFloat value = x.getSplatValue<APFloat>();
    APFloat slopeValue = slope ? slope.getSplatValue<APFloat>() : value;
    return DenseElementsAttr::get(shapedType,
                                  evaluateReference(act, value, slopeValue));
  }

  SmallVector<APFloat> results;
  int64_t numElements = shapedType.getNumElements();
  results.reserve(numElements);
  auto xValues = x.getValues<APFloat>();
  if (!slope) {
    for (int64_t i = 0; i < numElements; ++i) {
      APFloat value = xValues[i];
      results.push_back(evaluateReference(act, value, value));
    }
    return DenseElementsAttr::get(shapedType, results);
  }

  auto slopeValues = slope.getValues<APFloat>();
  ArrayRef<int64_t> slopeShape = slope.getType().getShape();
  for (int64_t i = 0; i < numElements; ++i) {
    int64_t slopeIndex =
        slope.isSplat()
            ? 0
            : getBroadcastIndex(i, shapedType.getShape(), slopeShape);
    results.push_back(
        evaluateReference(act, xValues[i], slopeValues[slopeIndex]));
  }
  return DenseElementsAttr::get(shapedType, results);
}

//===----------------------------------------------------------------------===//
// Reference descriptors
//===----------------------------------------------------------------------===//

static Activation makeActivation(Kind kind) {
  Activation act;
  act.kind = kind;
  return act;
}

Activation ReluOp::getActivation() {
  Activation act = makeActivation(Kind::Relu);
  act.nanMode = toReference(getNanMode());
  return act;
}

Activation LeakyReluOp::getActivation() {
  Activation act = makeActivation(Kind::LeakyRelu);
  act.alpha = getAlpha().convertToDouble();
  return act;
}

Activation PReluOp::getActivation() { return makeActivation(Kind::PRelu); }

Activation ThresholdedReluOp::getActivation() {
  Activation act = makeActivation(Kind::ThresholdedRelu);
  act.alpha = getAlpha().convertToDouble();
  act.nanMode = toReference(getNanMode());
  return act;
}

Activation ClipOp::getActivation() {
  Activation act = makeActivation(Kind::Clip);
  act.min = getMin().convertToDouble();
  act.max = getMax().convertToDouble();
  act.nanMode = toReference(getNanMode());
  return act;
}

Activation HardSigmoidOp::getActivation() {
  Activation act = makeActivation(Kind::HardSigmoid);
  act.alpha = getAlpha().convertToDouble();
  act.beta = getBeta().convertToDouble();
  act.nanMode = toReference(getNanMode());
  return act;
}

Activation HardSwishOp::getActivation() {
  Activation act = makeActivation(Kind::HardSwish);
  act.nanMode = toReference(getNanMode());
  return act;
}

Activation EluOp::getActivation() {
  Activation act = makeActivation(Kind::Elu);
  act.alpha = getAlpha().convertToDouble();
  return act;
}

Activation SeluOp::getActivation() {
  Activation act = makeActivation(Kind::Selu);
  act.alpha = getAlpha().convertToDouble();
  act.gamma = getGamma().convertToDouble();
  return act;
}

Activation CeluOp::getActivation() {
  Activation act = makeActivation(Kind::Celu);
  act.alpha = getAlpha().convertToDouble();
  return act;
}

Activation SoftplusOp::getActivation() {
  Activation act = makeActivation(Kind::Softplus);
  act.beta = getBeta().convertToDouble();
  act.threshold = getThreshold().convertToDouble();
  return act;
}

Activation MishOp::getActivation() { return makeActivation(Kind::Mish); }

Activation GeluOp::getActivation() {
  return makeActivation(getApproximate() == GeluApproximation::tanh
                            ? Kind::GeluTanh
                            : Kind::Gelu);
}

Activation SiluOp::getActivation() { return makeActivation(Kind::Silu); }
Activation SigmoidOp::getActivation() { return makeActivation(Kind::Sigmoid); }
Activation TanhOp::getActivation() { return makeActivation(Kind::Tanh); }
Activation SoftsignOp::getActivation() {
  return makeActivation(Kind::Softsign);
}

//===----------------------------------------------------------------------===//
// Verifiers
//===----------------------------------------------------------------------===//

LogicalResult LeakyReluOp::verify() {
  return verifyFinite(*this, "alpha", getAlpha().convertToDouble());
}

LogicalResult ThresholdedReluOp::verify() {
  return verifyFinite(*this, "alpha", getAlpha().convertToDouble());
}

LogicalResult ClipOp::verify() {
  double min = getMin().convertToDouble(), max = getMax().convertToDouble();
  if (std::isnan(min) || std::isnan(max))
    return emitOpError("requires 'min' and 'max' to be numbers, got ")
           << formatValue(min) << " and " << formatValue(max);
  if (min > max)
    return emitOpError("requires min <= max, got ")
           << formatValue(min) << " > " << formatValue(max);
  return success();
}

LogicalResult HardSigmoidOp::verify() {
  if (failed(verifyFinite(*this, "alpha", getAlpha().convertToDouble())))
    return failure();
  return verifyFinite(*this, "beta", getBeta().convertToDouble());
}

LogicalResult EluOp::verify() {
  return verifyFinite(*this, "alpha", getAlpha().convertToDouble());
}

LogicalResult SeluOp::verify() {
  if (failed(verifyPositive(*this, "alpha", getAlpha().convertToDouble(),
                            "SELU is defined for positive alpha")))
    return failure();
  return verifyPositive(*this, "gamma", getGamma().convertToDouble(),
                        "SELU is defined for positive gamma");
}

LogicalResult CeluOp::verify() {
  return verifyPositive(*this, "alpha", getAlpha().convertToDouble(),
                        "celu divides x by alpha");
}

LogicalResult SoftplusOp::verify() {
  if (failed(verifyPositive(*this, "beta", getBeta().convertToDouble(),
                            "softplus divides by beta")))
    return failure();
  return verifyFinite(*this, "threshold", getThreshold().convertToDouble());
}

LogicalResult PReluOp::verify() {
  Type inputType = getX().getType(), slopeType = getSlope().getType();
  if (getElementTypeOrSelf(inputType) != getElementTypeOrSelf(slopeType))
    return emitOpError("requires the slope element type to match the input's, "
                       "got ")
           << getElementTypeOrSelf(slopeType) << " and "
           << getElementTypeOrSelf(inputType);

  auto inputTensor = dyn_cast<RankedTensorType>(inputType);
  if (!inputTensor) {
    if (inputType != slopeType)
      return emitOpError("requires the slope of a scalar or vector input to "
                         "have the input's type ")
             << inputType << ", got " << slopeType;
    return success();
  }

  auto slopeTensor = dyn_cast<RankedTensorType>(slopeType);
  if (!slopeTensor)
    return emitOpError("requires a ranked tensor slope for a tensor input, "
                       "got ")
           << slopeType;
  int64_t offset = inputTensor.getRank() - slopeTensor.getRank();
  if (offset < 0)
    return emitOpError("slope of rank ")
           << slopeTensor.getRank() << " is not broadcastable to input of rank "
           << inputTensor.getRank();
  for (int64_t dim = 0; dim < slopeTensor.getRank(); ++dim) {
    int64_t slopeSize = slopeTensor.getDimSize(dim);
    int64_t inputSize = inputTensor.getDimSize(dim + offset);
    // A dynamic slope dimension is taken to equal the input's.
    if (slopeSize == 1 || ShapedType::isDynamic(slopeSize) ||
        ShapedType::isDynamic(inputSize) || slopeSize == inputSize)
      continue;
    return emitOpError("slope dimension ")
           << dim << " (size " << slopeSize
           << ") is not broadcastable to input dimension " << dim + offset
           << " (size " << inputSize << ")";
  }
  return success();
}

#define GET_OP_CLASSES
using namespace mlir::act::detail;
#include "act/Dialect/Act/IR/ActOps.cpp.inc"
