//===- ImportElementwise.cpp - Add, Sub, Mul, Div, Pow, Erf, Exp, Sqrt ---===//

#include "Emitter.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::act;
using namespace mlir::act::onnx_import;

//===----------------------------------------------------------------------===//
// Elementwise math
//===----------------------------------------------------------------------===//

LogicalResult Emitter::importBinary() {
  FailureOr<Value> lhs = getFloatInput(0);
  FailureOr<Value> rhs = getFloatInput(1);
  FailureOr<RankedTensorType> type = getOutputType(0);
  bool legacy = loaded.opset < 7;
  if (failed(lhs) || failed(rhs) || failed(type) ||
      failed(legacy ? checkAttributes({"broadcast", "axis"})
                    : checkAttributes({})) ||
      failed(checkOutputs(1)))
    return failure();
  if (legacy) {
    rhs = applyLegacyBroadcast(*lhs, *rhs);
    if (failed(rhs))
      return failure();
  }
  if (failed(checkBroadcast({*lhs, *rhs}, *type)))
    return failure();
  std::string op = node->op_type();
  setOutput(0, elementwise({*lhs, *rhs}, *type,
                           [&](OpBuilder &b, Location l, ValueRange args) {
                             Value a = args[0], c = args[1];
                             if (op == "Add")
                               return arith::AddFOp::create(b, l, a, c)
                                   .getResult();
                             if (op == "Sub")
                               return arith::SubFOp::create(b, l, a, c)
                                   .getResult();
                             if (op == "Mul")
                               return arith::MulFOp::create(b, l, a, c)
                                   .getResult();
                             return arith::DivFOp::create(b, l, a, c)
                                 .getResult();
                           }));
  return success();
}

LogicalResult Emitter::importUnaryMath() {
  FailureOr<Value> x = getFloatInput(0);
  FailureOr<RankedTensorType> type = getOutputType(0);
  if (failed(x) || failed(type) || failed(checkAttributes({})) ||
      failed(checkOutputs(1)))
    return failure();
  std::string op = node->op_type();
  setOutput(0, elementwise({*x}, *type,
                           [&](OpBuilder &b, Location l, ValueRange args) {
                             if (op == "Erf")
                               return math::ErfOp::create(b, l, args[0])
                                   .getResult();
                             if (op == "Exp")
                               return math::ExpOp::create(b, l, args[0])
                                   .getResult();
                             return math::SqrtOp::create(b, l, args[0])
                                 .getResult();
                           }));
  return success();
}

LogicalResult Emitter::importPow() {
  FailureOr<Value> x = getFloatInput(0);
  FailureOr<RankedTensorType> type = getOutputType(0);
  bool legacy = loaded.opset < 7;
  if (failed(x) || failed(type) ||
      failed(legacy ? checkAttributes({"broadcast", "axis"})
                    : checkAttributes({})) ||
      failed(checkOutputs(1)))
    return failure();
  Value exponent;
  if (const ConstTensor *constant = getConstantInput(1)) {
    // A constant exponent of any numeric type, in the base's type.
    ConstTensor converted = *constant;
    Type element = type->getElementType();
    converted.dataType = element.isF16()    ? onnx::TensorProto::FLOAT16
                         : element.isBF16() ? onnx::TensorProto::BFLOAT16
                         : element.isF64()  ? onnx::TensorProto::DOUBLE
                                            : onnx::TensorProto::FLOAT;
    if (!constant->isFloat()) {
      for (int64_t value : constant->ints)
        converted.floats.push_back(static_cast<double>(value));
      converted.ints.clear();
    }
    exponent = materialize(converted, node->input(1));
  } else {
    FailureOr<Value> y = getInput(1);
    if (failed(y))
      return failure();
    Type yElement = getElementTypeOrSelf(y->getType());
    if (yElement != type->getElementType() && !yElement.isInteger(32) &&
        !yElement.isInteger(64))
      return fail() << "unsupported data type " << yElement
                    << " of the exponent (the base's type, i32 or i64 are "
                       "supported)";
    exponent = *y;
  }
  if (legacy) {
    FailureOr<Value> aligned = applyLegacyBroadcast(*x, exponent);
    if (failed(aligned))
      return failure();
    exponent = *aligned;
  }
  if (failed(checkBroadcast({*x, exponent}, *type)))
    return failure();
  Type element = type->getElementType();
  setOutput(0, elementwise({*x, exponent}, *type,
                           [&](OpBuilder &b, Location l, ValueRange args) {
                             Value power = args[1];
                             // An integer exponent, converted exactly for
                             // the magnitudes exponents have.
                             if (power.getType() != element)
                               power = arith::SIToFPOp::create(b, l, element,
                                                               power);
                             return math::PowFOp::create(b, l, args[0], power)
                                 .getResult();
                           }));
  return success();
}
