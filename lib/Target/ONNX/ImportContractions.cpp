//===- ImportContractions.cpp - MatMul, Gemm, Conv, BatchNormalization ---===//

#include "Emitter.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <cmath>

using namespace mlir;
using namespace mlir::act;
using namespace mlir::act::onnx_import;

//===----------------------------------------------------------------------===//
// Contractions
//===----------------------------------------------------------------------===//

LogicalResult Emitter::importMatMul() {
  FailureOr<Value> a = getFloatInput(0);
  FailureOr<Value> bValue = getFloatInput(1);
  FailureOr<RankedTensorType> resultType = getOutputType(0);
  if (failed(a) || failed(bValue) || failed(resultType) ||
      failed(checkAttributes({})) || failed(checkOutputs(1)))
    return failure();
  Value lhs = *a, rhs = *bValue;
  auto lhsType = cast<RankedTensorType>(lhs.getType());
  auto rhsType = cast<RankedTensorType>(rhs.getType());
  if (lhsType.getRank() == 0 || rhsType.getRank() == 0)
    return fail() << "MatMul of a scalar";
  // NumPy: a 1-D lhs is a row, a 1-D rhs a column, removed afterwards.
  if (lhsType.getRank() == 1)
    lhs = reshape(lhs, {1, lhsType.getDimSize(0)});
  if (rhsType.getRank() == 1)
    rhs = reshape(rhs, {rhsType.getDimSize(0), 1});
  lhsType = cast<RankedTensorType>(lhs.getType());
  rhsType = cast<RankedTensorType>(rhs.getType());
  ArrayRef<int64_t> lhsShape = lhsType.getShape(), rhsShape = rhsType.getShape();
  int64_t m = lhsShape[lhsShape.size() - 2], k = lhsShape.back();
  int64_t n = rhsShape.back();
  if (rhsShape[rhsShape.size() - 2] != k)
    return fail() << "inner dimensions differ (" << k << " and "
                  << rhsShape[rhsShape.size() - 2] << ")";
  ArrayRef<int64_t> lhsBatch = lhsShape.drop_back(2),
                    rhsBatch = rhsShape.drop_back(2);
  SmallVector<int64_t> batch(std::max(lhsBatch.size(), rhsBatch.size()), 1);
  for (size_t i = 0; i < batch.size(); ++i) {
    auto dimAt = [&](ArrayRef<int64_t> dims) -> int64_t {
      size_t offset = batch.size() - dims.size();
      return i < offset ? 1 : dims[i - offset];
    };
    int64_t l = dimAt(lhsBatch), r = dimAt(rhsBatch);
    if (l != r && l != 1 && r != 1)
      return fail() << "batch dimensions do not broadcast";
    batch[i] = l == 1 ? r : l;
  }
  Type element = resultType->getElementType();
  Value product;
  if (batch.empty()) {
    Value init = filled(RankedTensorType::get({m, n}, element), 0.0);
    product = linalg::MatmulOp::create(builder, loc, TypeRange{init.getType()},
                                       ValueRange{lhs, rhs}, ValueRange{init})
                  .getResult(0);
  } else {
    // Both operands broadcast to the full batch shape (a matrix shared by
    // every batch is a linalg.broadcast, which fusion reads through), the
    // batch dimensions collapsed into one.
    auto withBatch = [&](int64_t rows, int64_t columns) {
      SmallVector<int64_t> shape(batch);
      shape.push_back(rows);
      shape.push_back(columns);
      return shape;
    };
    lhs = broadcastTo(lhs, withBatch(m, k));
    rhs = broadcastTo(rhs, withBatch(k, n));
    int64_t batchSize = 1;
    for (int64_t size : batch)
      batchSize *= size;
    if (batch.size() > 1) {
      lhs = reshape(lhs, {batchSize, m, k});
      rhs = reshape(rhs, {batchSize, k, n});
    }
    Value init = filled(RankedTensorType::get({batchSize, m, n}, element), 0.0);
    product =
        linalg::BatchMatmulOp::create(builder, loc, TypeRange{init.getType()},
                                      ValueRange{lhs, rhs}, ValueRange{init})
            .getResult(0);
  }
  setOutput(0, reshape(product, resultType->getShape()));
  return success();
}

LogicalResult Emitter::importGemm() {
  FailureOr<Value> a = getFloatInput(0);
  FailureOr<Value> bValue = getFloatInput(1);
  FailureOr<RankedTensorType> resultType = getOutputType(0);
  if (failed(a) || failed(bValue) || failed(resultType) ||
      failed(checkAttributes(
          {"alpha", "beta", "transA", "transB", "broadcast"})) ||
      failed(checkOutputs(1)))
    return failure();
  Value c;
  if (hasInput(*node, 2)) {
    FailureOr<Value> value = getFloatInput(2);
    if (failed(value))
      return failure();
    c = *value;
    // Unidirectional broadcast of C (opsets < 7 say so with broadcast = 1;
    // shape inference has checked that C fits without it).
    if (failed(checkBroadcast({c}, *resultType)))
      return failure();
  }
  if (cast<RankedTensorType>(a->getType()).getRank() != 2 ||
      cast<RankedTensorType>(bValue->getType()).getRank() != 2)
    return fail() << "A and B must be matrices";
  bool transA = getIntAttr(*node, "transA", 0) != 0;
  bool transB = getIntAttr(*node, "transB", 0) != 0;
  double alpha = getFloatAttr(*node, "alpha", 1.0);
  double beta = getFloatAttr(*node, "beta", 1.0);
  // A constant B (the weights of an exported nn.Linear, stored N x K) is
  // transposed here: the matmul kernel packs a K x N constant at compile
  // time and reads it contiguously.
  Value b = *bValue;
  if (const ConstTensor *weights = getConstantInput(1); weights && transB) {
    b = materialize(transposeConstant(*weights, {1, 0}),
                    node->input(1) + "_transposed");
    transB = false;
  }

  Value init = filled(*resultType, 0.0);
  auto matmul = linalg::MatmulOp::create(builder, loc, TypeRange{*resultType},
                                         ValueRange{*a, b}, ValueRange{init});
  if (transA || transB) {
    AffineExpr m = builder.getAffineDimExpr(0), n = builder.getAffineDimExpr(1),
               k = builder.getAffineDimExpr(2);
    auto map = [&](AffineExpr row, AffineExpr column) {
      return AffineMapAttr::get(AffineMap::get(3, 0, {row, column}, context));
    };
    matmul.setIndexingMapsAttr(builder.getArrayAttr(
        {transA ? map(k, m) : map(m, k), transB ? map(n, k) : map(k, n),
         map(m, n)}));
  }
  Value result = matmul.getResult(0);
  if (c || alpha != 1.0) {
    SmallVector<Value> operands{result};
    if (c)
      operands.push_back(c);
    Type element = resultType->getElementType();
    result = elementwise(
        operands, *resultType, [&](OpBuilder &b, Location l, ValueRange args) {
          Value value = args[0];
          if (alpha != 1.0)
            value = arith::MulFOp::create(
                b, l, value,
                arith::ConstantOp::create(b, l, b.getFloatAttr(element, alpha)));
          if (args.size() > 1) {
            Value bias = args[1];
            if (beta != 1.0)
              bias = arith::MulFOp::create(
                  b, l, bias,
                  arith::ConstantOp::create(b, l,
                                            b.getFloatAttr(element, beta)));
            value = arith::AddFOp::create(b, l, value, bias);
          }
          return value;
        });
  }
  setOutput(0, result);
  return success();
}

LogicalResult Emitter::importConv() {
  FailureOr<Value> xValue = getFloatInput(0);
  FailureOr<Value> wValue = getFloatInput(1);
  FailureOr<RankedTensorType> resultType = getOutputType(0);
  if (failed(xValue) || failed(wValue) || failed(resultType) ||
      failed(checkAttributes({"auto_pad", "dilations", "group",
                              "kernel_shape", "pads", "strides"})) ||
      failed(checkOutputs(1)))
    return failure();
  Value x = *xValue, w = *wValue;
  auto xType = cast<RankedTensorType>(x.getType());
  auto wType = cast<RankedTensorType>(w.getType());
  int64_t rank = xType.getRank();
  if (rank != 3 && rank != 4)
    return fail() << rank - 2
                  << "-D convolutions are not supported (only 1-D and 2-D)";
  if (wType.getRank() != rank)
    return fail() << "the weight's rank differs from the input's";
  int64_t spatialRank = rank - 2;
  int64_t group = getIntAttr(*node, "group", 1);
  int64_t channels = xType.getDimSize(1), features = wType.getDimSize(0);
  if (group < 1 || channels % group || features % group ||
      wType.getDimSize(1) * group != channels)
    return fail() << "group = " << group << " does not divide the "
                  << channels << " input and " << features
                  << " output channels";
  std::vector<int64_t> kernelShape = getIntsAttr(*node, "kernel_shape");
  ArrayRef<int64_t> kernel = wType.getShape().drop_front(2);
  if (!kernelShape.empty() && ArrayRef<int64_t>(kernelShape) != kernel)
    return fail() << "kernel_shape differs from the weight's shape";
  FailureOr<Window> window =
      getWindow(spatialRank, xType.getShape().drop_front(2), kernel, true);
  if (failed(window))
    return failure();

  Type element = xType.getElementType();
  if (spatialRank == 1) {
    x = reshape(x, {xType.getDimSize(0), channels, 1, xType.getDimSize(2)});
    w = reshape(w, {features, wType.getDimSize(1), 1, wType.getDimSize(2)});
  }
  x = padSpatial(builder, loc, x, window->padLow, window->padHigh, 0.0);
  auto paddedType = cast<RankedTensorType>(x.getType());
  SmallVector<int64_t> outShape{paddedType.getDimSize(0), features};
  for (int64_t d = 0; d < 2; ++d) {
    int64_t extent = (window->kernel[d] - 1) * window->dilations[d] + 1;
    int64_t size = paddedType.getDimSize(d + 2);
    if (size < extent)
      return fail() << "the kernel is larger than the padded input";
    outShape.push_back((size - extent) / window->strides[d] + 1);
  }
  auto outType = RankedTensorType::get(outShape, element);
  SmallVector<NamedAttribute> attributes{
      builder.getNamedAttr("strides",
                           builder.getI64TensorAttr(window->strides)),
      builder.getNamedAttr("dilations",
                           builder.getI64TensorAttr(window->dilations))};
  Value conv;
  if (group == 1) {
    Value init = filled(outType, 0.0);
    conv = linalg::Conv2DNchwFchwOp::create(builder, loc, TypeRange{outType},
                                            ValueRange{x, w}, ValueRange{init},
                                            attributes)
               .getResult(0);
  } else {
    // Groups as their own dimension: NGCHW input, GFCHW filter, NGFHW
    // result, collapsed back to NCHW.
    auto groupedX = paddedType.getShape();
    Value xg = tensor::ExpandShapeOp::create(
        builder, loc,
        RankedTensorType::get({groupedX[0], group, channels / group,
                               groupedX[2], groupedX[3]},
                              element),
        x, ArrayRef<ReassociationIndices>{{0}, {1, 2}, {3}, {4}});
    auto wShape = cast<RankedTensorType>(w.getType()).getShape();
    Value wg = tensor::ExpandShapeOp::create(
        builder, loc,
        RankedTensorType::get({group, features / group, wShape[1], wShape[2],
                               wShape[3]},
                              element),
        w, ArrayRef<ReassociationIndices>{{0, 1}, {2}, {3}, {4}});
    Value init = filled(RankedTensorType::get({outShape[0], group,
                                               features / group, outShape[2],
                                               outShape[3]},
                                              element),
                        0.0);
    Value grouped =
        linalg::Conv2DNgchwGfchwOp::create(builder, loc,
                                           TypeRange{init.getType()},
                                           ValueRange{xg, wg}, ValueRange{init},
                                           attributes)
            .getResult(0);
    conv = tensor::CollapseShapeOp::create(
        builder, loc, outType, grouped,
        ArrayRef<ReassociationIndices>{{0}, {1, 2}, {3}, {4}});
  }
  if (hasInput(*node, 2)) {
    FailureOr<Value> bias = getFloatInput(2);
    if (failed(bias))
      return failure();
    auto biasType = cast<RankedTensorType>(bias->getType());
    if (biasType.getRank() != 1 || biasType.getDimSize(0) != features)
      return fail() << "the bias must have one element per output channel";
    conv = channelwise(conv, {*bias},
                       [](OpBuilder &b, Location l, ValueRange args) {
                         return arith::AddFOp::create(b, l, args[0], args[1])
                             .getResult();
                       });
  }
  if (spatialRank == 1)
    conv = reshape(conv, {outShape[0], features, outShape[3]});
  if (conv.getType() != *resultType)
    return fail() << "computed result type " << conv.getType()
                  << " differs from ONNX shape inference's " << *resultType;
  setOutput(0, conv);
  return success();
}

LogicalResult Emitter::importBatchNorm() {
  FailureOr<Value> x = getFloatInput(0);
  if (failed(x) ||
      failed(checkAttributes(
          {"epsilon", "momentum", "training_mode", "spatial", "is_test"})))
    return failure();
  if (getIntAttr(*node, "training_mode", 0) != 0)
    return fail() << "training_mode = 1 is not supported (inference only)";
  if (getIntAttr(*node, "spatial", 1) != 1)
    return fail() << "spatial = 0 is not supported";
  if (failed(checkOutputs(1)))
    return failure();
  auto type = cast<RankedTensorType>(x->getType());
  if (type.getRank() < 2)
    return fail() << "the input needs a channel dimension (rank >= 2)";
  int64_t channels = type.getDimSize(1);
  double epsilon = getFloatAttr(*node, "epsilon", 1e-5);
  Type element = type.getElementType();

  const ConstTensor *params[4];
  bool allConstant = true;
  for (int i = 0; i < 4; ++i) {
    params[i] = getConstantInput(i + 1);
    allConstant &= params[i] && params[i]->getNumElements() == channels;
  }
  if (allConstant) {
    // y = x * a + b with a = scale / sqrt(var + eps), b = B - mean * a.
    ConstTensor factor, shift;
    factor.dataType = shift.dataType = params[0]->dataType;
    factor.dims = shift.dims = {channels};
    for (int64_t c = 0; c < channels; ++c) {
      double a = params[0]->at(c) / std::sqrt(params[3]->at(c) + epsilon);
      factor.floats.push_back(roundToDataType(a, factor.dataType));
      shift.floats.push_back(roundToDataType(
          params[1]->at(c) - params[2]->at(c) * a, shift.dataType));
    }
    Value a = materialize(factor, node->output(0) + "_scale");
    Value b = materialize(shift, node->output(0) + "_shift");
    setOutput(0, channelwise(*x, {a, b},
                             [](OpBuilder &ob, Location l, ValueRange args) {
                               Value scaled =
                                   arith::MulFOp::create(ob, l, args[0], args[1]);
                               return arith::AddFOp::create(ob, l, scaled,
                                                            args[2])
                                   .getResult();
                             }));
    return success();
  }
  SmallVector<Value> inputs;
  for (int i = 1; i <= 4; ++i) {
    FailureOr<Value> value = getFloatInput(i);
    if (failed(value))
      return failure();
    auto paramType = cast<RankedTensorType>(value->getType());
    if (paramType.getRank() != 1 || paramType.getDimSize(0) != channels)
      return fail() << "scale, B, mean and var must have one element per "
                       "channel";
    inputs.push_back(*value);
  }
  setOutput(0, channelwise(*x, inputs,
                           [&](OpBuilder &b, Location l, ValueRange args) {
                             Value eps = arith::ConstantOp::create(
                                 b, l, b.getFloatAttr(element, epsilon));
                             Value centered =
                                 arith::SubFOp::create(b, l, args[0], args[3]);
                             Value variance =
                                 arith::AddFOp::create(b, l, args[4], eps);
                             Value deviation =
                                 math::SqrtOp::create(b, l, variance);
                             Value normalized =
                                 arith::DivFOp::create(b, l, centered, deviation);
                             Value scaled =
                                 arith::MulFOp::create(b, l, normalized, args[1]);
                             return arith::AddFOp::create(b, l, scaled, args[2])
                                 .getResult();
                           }));
  return success();
}
