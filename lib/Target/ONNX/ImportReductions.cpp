//===- ImportReductions.cpp - Pooling and softmax ------------------------===//

#include "Emitter.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <limits>

using namespace mlir;
using namespace mlir::act;
using namespace mlir::act::onnx_import;

//===----------------------------------------------------------------------===//
// Pooling and softmax
//===----------------------------------------------------------------------===//

LogicalResult Emitter::importPool() {
  bool isMax = node->op_type() == "MaxPool";
  FailureOr<Value> xValue = getFloatInput(0);
  FailureOr<RankedTensorType> resultType = getOutputType(0);
  if (failed(xValue) || failed(resultType))
    return failure();
  if (isMax ? failed(checkAttributes({"auto_pad", "ceil_mode", "dilations",
                                      "kernel_shape", "pads",
                                      "storage_order", "strides"}))
            : failed(checkAttributes({"auto_pad", "ceil_mode",
                                      "count_include_pad", "kernel_shape",
                                      "pads", "strides"})))
    return failure();
  if (failed(checkOutputs(1)))
    return failure();
  if (getIntAttr(*node, "storage_order", 0) != 0)
    return fail() << "storage_order = 1 is not supported";
  Value x = *xValue;
  auto xType = cast<RankedTensorType>(x.getType());
  int64_t rank = xType.getRank();
  if (rank != 3 && rank != 4)
    return fail() << rank - 2
                  << "-D pooling is not supported (only 1-D and 2-D)";
  int64_t spatialRank = rank - 2;
  std::vector<int64_t> kernel = getIntsAttr(*node, "kernel_shape");
  if (static_cast<int64_t>(kernel.size()) != spatialRank)
    return fail() << "kernel_shape must have one entry per spatial dimension";
  FailureOr<Window> window =
      getWindow(spatialRank, xType.getShape().drop_front(2), kernel, isMax);
  if (failed(window))
    return failure();
  Type element = xType.getElementType();

  // The output size is shape inference's (ceil_mode included); windows that
  // run past the padded input read extra padding at the end.
  SmallVector<int64_t> outShape(resultType->getShape());
  if (spatialRank == 1) {
    outShape.insert(outShape.begin() + 2, 1);
    x = reshape(x, {xType.getDimSize(0), xType.getDimSize(1), 1,
                    xType.getDimSize(2)});
  }
  auto inShape = cast<RankedTensorType>(x.getType()).getShape();
  SmallVector<int64_t> extraHigh(window->padHigh);
  for (int64_t d = 0; d < 2; ++d) {
    int64_t needed = (outShape[d + 2] - 1) * window->strides[d] +
                     (window->kernel[d] - 1) * window->dilations[d] + 1;
    int64_t available =
        inShape[d + 2] + window->padLow[d] + window->padHigh[d];
    if (needed > available)
      extraHigh[d] += needed - available;
  }
  double padValue = isMax ? -std::numeric_limits<double>::infinity() : 0.0;
  x = padSpatial(builder, loc, x, window->padLow, extraHigh, padValue);
  auto outType = RankedTensorType::get(outShape, element);
  Value init = filled(outType, padValue);
  Value windowTensor = tensor::EmptyOp::create(builder, loc, window->kernel,
                                               element);
  SmallVector<NamedAttribute> attributes{
      builder.getNamedAttr("strides",
                           builder.getI64TensorAttr(window->strides)),
      builder.getNamedAttr("dilations",
                           builder.getI64TensorAttr(window->dilations))};
  Value pooled;
  if (isMax) {
    pooled = linalg::PoolingNchwMaxOp::create(builder, loc, TypeRange{outType},
                                              ValueRange{x, windowTensor},
                                              ValueRange{init}, attributes)
                 .getResult(0);
  } else {
    pooled = linalg::PoolingNchwSumOp::create(builder, loc, TypeRange{outType},
                                              ValueRange{x, windowTensor},
                                              ValueRange{init}, attributes)
                 .getResult(0);
    // The divisor per output position: the window's elements inside the
    // input (count_include_pad = 0) or inside the declared padding (1).
    bool includePad = getIntAttr(*node, "count_include_pad", 0) != 0;
    SmallVector<std::vector<int64_t>> counts(2);
    bool uniform = true;
    for (int64_t d = 0; d < 2; ++d) {
      int64_t lo = includePad ? -window->padLow[d] : 0;
      int64_t hi = inShape[d + 2] + (includePad ? window->padHigh[d] : 0);
      for (int64_t o = 0; o < outShape[d + 2]; ++o) {
        int64_t count = 0;
        for (int64_t i = 0; i < window->kernel[d]; ++i) {
          int64_t position = o * window->strides[d] - window->padLow[d] + i;
          count += position >= lo && position < hi;
        }
        counts[d].push_back(count);
        uniform &= count == window->kernel[d];
      }
    }
    if (uniform) {
      double divisor = static_cast<double>(window->kernel[0] * window->kernel[1]);
      pooled = elementwise({pooled}, outType,
                           [&](OpBuilder &b, Location l, ValueRange args) {
                             Value d = arith::ConstantOp::create(
                                 b, l, b.getFloatAttr(element, divisor));
                             return arith::DivFOp::create(b, l, args[0], d)
                                 .getResult();
                           });
    } else {
      ConstTensor divisor;
      divisor.dataType = element.isF64()    ? onnx::TensorProto::DOUBLE
                         : element.isF16()  ? onnx::TensorProto::FLOAT16
                         : element.isBF16() ? onnx::TensorProto::BFLOAT16
                                            : onnx::TensorProto::FLOAT;
      divisor.dims = {outShape[2], outShape[3]};
      for (int64_t h : counts[0])
        for (int64_t w : counts[1])
          divisor.floats.push_back(static_cast<double>(h * w));
      Value divisorValue = materialize(divisor, node->output(0) + "_counts");
      pooled = elementwise({pooled, divisorValue}, outType,
                           [](OpBuilder &b, Location l, ValueRange args) {
                             return arith::DivFOp::create(b, l, args[0],
                                                          args[1])
                                 .getResult();
                           });
    }
  }
  setOutput(0, reshape(pooled, resultType->getShape()));
  return success();
}

LogicalResult Emitter::importGlobalAveragePool() {
  FailureOr<Value> x = getFloatInput(0);
  FailureOr<RankedTensorType> resultType = getOutputType(0);
  if (failed(x) || failed(resultType) || failed(checkAttributes({})) ||
      failed(checkOutputs(1)))
    return failure();
  auto type = cast<RankedTensorType>(x->getType());
  if (type.getRank() < 3)
    return fail() << "the input needs spatial dimensions (rank >= 3)";
  Type element = type.getElementType();
  // Sum over the spatial dimensions, innermost first, then divide.
  Value sum = *x;
  int64_t count = 1;
  for (int64_t d = type.getRank() - 1; d >= 2; --d) {
    count *= type.getDimSize(d);
    sum = reduce(sum, d, 0.0, [](OpBuilder &b, Location l, ValueRange args) {
      return arith::AddFOp::create(b, l, args[0], args[1]).getResult();
    });
  }
  auto sumType = cast<RankedTensorType>(sum.getType());
  Value mean = elementwise({sum}, sumType,
                           [&](OpBuilder &b, Location l, ValueRange args) {
                             Value d = arith::ConstantOp::create(
                                 b, l,
                                 b.getFloatAttr(element,
                                                static_cast<double>(count)));
                             return arith::DivFOp::create(b, l, args[0], d)
                                 .getResult();
                           });
  setOutput(0, reshape(mean, resultType->getShape()));
  return success();
}

LogicalResult Emitter::importSoftmax() {
  FailureOr<Value> xValue = getFloatInput(0);
  FailureOr<RankedTensorType> resultType = getOutputType(0);
  if (failed(xValue) || failed(resultType) || failed(checkAttributes({"axis"})) ||
      failed(checkOutputs(1)))
    return failure();
  Value x = *xValue;
  auto type = cast<RankedTensorType>(x.getType());
  int64_t rank = type.getRank();
  bool coerced = loaded.opset < 13; // flattened to 2-D at `axis` before
  int64_t axis = getIntAttr(*node, "axis", coerced ? 1 : -1);
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis >= std::max<int64_t>(rank, 1))
    return fail() << "axis out of range";
  if (coerced) {
    int64_t outer = 1;
    for (int64_t d = 0; d < axis; ++d)
      outer *= type.getDimSize(d);
    x = reshape(x, {outer, type.getNumElements() / std::max<int64_t>(outer, 1)});
    axis = 1;
  }
  auto workType = cast<RankedTensorType>(x.getType());
  int64_t workRank = workType.getRank();
  SmallVector<AffineExpr> reducedExprs;
  for (int64_t d = 0; d < workRank; ++d)
    if (d != axis)
      reducedExprs.push_back(builder.getAffineDimExpr(d));
  AffineMap identity = builder.getMultiDimIdentityMap(workRank);
  AffineMap reduced = AffineMap::get(workRank, 0, reducedExprs, context);
  // softmax(x) = exp(x - max) / sum(exp(x - max)) along the axis.
  Value max = reduce(x, axis, -std::numeric_limits<double>::infinity(),
                     [](OpBuilder &b, Location l, ValueRange args) {
                       return arith::MaximumFOp::create(b, l, args[0], args[1])
                           .getResult();
                     });
  Value exp = generic({x, max}, {identity, reduced}, workType,
                      [](OpBuilder &b, Location l, ValueRange args) {
                        Value shifted =
                            arith::SubFOp::create(b, l, args[0], args[1]);
                        return math::ExpOp::create(b, l, shifted).getResult();
                      });
  Value sum = reduce(exp, axis, 0.0, [](OpBuilder &b, Location l,
                                        ValueRange args) {
    return arith::AddFOp::create(b, l, args[0], args[1]).getResult();
  });
  Value result = generic({exp, sum}, {identity, reduced}, workType,
                         [](OpBuilder &b, Location l, ValueRange args) {
                           return arith::DivFOp::create(b, l, args[0], args[1])
                               .getResult();
                         });
  setOutput(0, reshape(result, resultType->getShape()));
  return success();
}
