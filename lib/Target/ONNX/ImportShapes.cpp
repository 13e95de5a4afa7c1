//===- ImportShapes.cpp - Flatten, Reshape, Transpose, Concat, Identity --===//

#include "Emitter.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::act;
using namespace mlir::act::onnx_import;

//===----------------------------------------------------------------------===//
// Shapes
//===----------------------------------------------------------------------===//

LogicalResult Emitter::importFlatten() {
  FailureOr<Value> x = getInput(0);
  FailureOr<RankedTensorType> resultType = getOutputType(0);
  if (failed(x) || failed(resultType) || failed(checkAttributes({"axis"})) ||
      failed(checkOutputs(1)))
    return failure();
  setOutput(0, reshape(*x, resultType->getShape()));
  return success();
}

LogicalResult Emitter::importReshape() {
  FailureOr<Value> x = getInput(0);
  if (failed(x) || failed(checkAttributes({"allowzero"})) ||
      failed(checkOutputs(1)))
    return failure();
  if (!getConstantInput(1))
    return fail() << "a shape input that is not a constant is not supported "
                     "(static shapes only)";
  FailureOr<RankedTensorType> resultType = getOutputType(0);
  if (failed(resultType))
    return failure();
  auto type = cast<RankedTensorType>(x->getType());
  if (type.getNumElements() != resultType->getNumElements())
    return fail() << "cannot reshape " << type << " to " << *resultType;
  setOutput(0, reshape(*x, resultType->getShape()));
  return success();
}

LogicalResult Emitter::importTranspose() {
  FailureOr<Value> x = getInput(0);
  FailureOr<RankedTensorType> resultType = getOutputType(0);
  if (failed(x) || failed(resultType) || failed(checkAttributes({"perm"})) ||
      failed(checkOutputs(1)))
    return failure();
  int64_t rank = cast<RankedTensorType>(x->getType()).getRank();
  std::vector<int64_t> perm = getIntsAttr(*node, "perm");
  if (perm.empty())
    for (int64_t d = rank - 1; d >= 0; --d)
      perm.push_back(d);
  if (static_cast<int64_t>(perm.size()) != rank)
    return fail() << "perm must have one entry per dimension";
  Value init = tensor::EmptyOp::create(builder, loc, resultType->getShape(),
                                       resultType->getElementType());
  setOutput(0, linalg::TransposeOp::create(builder, loc, *x, init,
                                           builder.getDenseI64ArrayAttr(perm))
                   .getResult()[0]);
  return success();
}

LogicalResult Emitter::importConcat() {
  FailureOr<RankedTensorType> resultType = getOutputType(0);
  if (failed(resultType) || failed(checkAttributes({"axis"})) ||
      failed(checkOutputs(1)))
    return failure();
  int64_t rank = resultType->getRank();
  int64_t axis = getIntAttr(*node, "axis", 0);
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis >= rank)
    return fail() << "axis out of range";
  Value result = tensor::EmptyOp::create(builder, loc, resultType->getShape(),
                                         resultType->getElementType());
  int64_t offset = 0;
  for (int i = 0; i < node->input_size(); ++i) {
    FailureOr<Value> input = getInput(i);
    if (failed(input))
      return failure();
    auto type = cast<RankedTensorType>(input->getType());
    SmallVector<OpFoldResult> offsets(rank, builder.getIndexAttr(0)), sizes,
        strides(rank, builder.getIndexAttr(1));
    offsets[axis] = builder.getIndexAttr(offset);
    for (int64_t size : type.getShape())
      sizes.push_back(builder.getIndexAttr(size));
    result = tensor::InsertSliceOp::create(builder, loc, *input, result,
                                           offsets, sizes, strides);
    offset += type.getDimSize(axis);
  }
  setOutput(0, result);
  return success();
}

LogicalResult Emitter::importIdentity() {
  FailureOr<Value> x = getInput(0);
  if (failed(x))
    return failure();
  if (node->op_type() == "Dropout") {
    if (failed(checkAttributes({"ratio", "is_test", "seed"})))
      return failure();
    if (hasInput(*node, 2)) {
      const ConstTensor *training = getConstantInput(2);
      if (!training || training->getNumElements() != 1)
        return fail() << "a training_mode that is not a constant is not "
                         "supported";
      if (training->at(0) != 0)
        return fail() << "training_mode = true is not supported (inference "
                         "only)";
    }
    if (failed(checkOutputs(1)))
      return fail() << "the mask output is not supported";
  } else if (failed(checkAttributes({})) || failed(checkOutputs(1))) {
    return failure();
  }
  setOutput(0, *x);
  return success();
}
