//===- Emitter.cpp - ONNX graph to act + linalg + tensor IR --------------===//
//
// One func.func @main per model. Each node becomes a few ops at the node's
// location, written in the forms --act-fuse recognises:
//
// - Gemm / MatMul / Conv accumulate into a `linalg.fill` of +0.0 and their
//   bias is a following `linalg.generic` that reads it through a broadcast
//   map ((d0, d1) -> (d1) for Gemm, (d0, d1, d2, d3) -> (d1) for Conv);
// - activations are act ops on tensors;
// - broadcasting elementwise ops are `linalg.generic`s whose operands are
//   collapsed to the dimensions they really have (no size-1 dimensions
//   read at index 0), so each side operand is a broadcast in order.
//
// Every tensor type comes from ONNX shape inference and must be static.
//
//===----------------------------------------------------------------------===//

#include "ImporterInternal.h"

#include "act/Dialect/Act/IR/ActOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"

#include "llvm/ADT/StringSwitch.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace mlir::act;
using namespace mlir::act::onnx_import;

namespace {

using BodyBuilder =
    llvm::function_ref<Value(OpBuilder &, Location, ValueRange)>;

/// Spatial attributes of a Conv or pooling node, made 2-D.
struct Window {
  SmallVector<int64_t> kernel, strides, dilations, padLow, padHigh;
};

class Emitter {
public:
  Emitter(MLIRContext *context, const LoadedModel &loaded,
          const ConstantTable &constants, llvm::StringRef filename,
          const ONNXImportOptions &options)
      : context(context), builder(context), loaded(loaded),
        constants(constants), filename(filename.str()), options(options),
        loc(UnknownLoc::get(context)) {}

  OwningOpRef<ModuleOp> run();

private:
  // Types and values.
  void collectTypes();
  FailureOr<RankedTensorType> getValueType(const std::string &name);
  FailureOr<Value> getValue(const std::string &name);
  FailureOr<Value> getInput(int index);
  FailureOr<Value> getFloatInput(int index);
  const ConstTensor *getConstantInput(int index) const;
  FailureOr<RankedTensorType> getOutputType(int index);
  void setOutput(int index, Value value) {
    values[node->output(index)] = value;
  }
  InFlightDiagnostic fail() { return emitNodeError(context, *node); }
  LogicalResult checkAttributes(llvm::ArrayRef<llvm::StringRef> known);
  LogicalResult checkBroadcast(ValueRange operands, RankedTensorType result);
  FailureOr<Value> applyLegacyBroadcast(Value lhs, Value rhs);
  LogicalResult checkOutputs(int count);

  // Building blocks.
  Value constantScalar(Type elementType, double value);
  Value filled(RankedTensorType type, double value);
  Value generic(ValueRange inputs, ArrayRef<AffineMap> inputMaps,
                RankedTensorType resultType, BodyBuilder body);
  Value elementwise(ValueRange operands, RankedTensorType resultType,
                    BodyBuilder body);
  Value channelwise(Value x, ValueRange perChannel, BodyBuilder body);
  Value reduce(Value x, int64_t axis, double init, BodyBuilder combine);
  Value reshape(Value value, ArrayRef<int64_t> shape);
  Value broadcastTo(Value value, ArrayRef<int64_t> shape);
  Value materialize(const ConstTensor &value, const std::string &name);
  LogicalResult verifyBuilt(Operation *op);

  // Operators.
  LogicalResult importNode(const onnx::NodeProto &node);
  LogicalResult importActivation();
  LogicalResult importClip();
  LogicalResult importPRelu();
  LogicalResult importBinary();
  LogicalResult importUnaryMath();
  LogicalResult importPow();
  LogicalResult importMatMul();
  LogicalResult importGemm();
  LogicalResult importConv();
  LogicalResult importBatchNorm();
  LogicalResult importPool();
  LogicalResult importGlobalAveragePool();
  LogicalResult importFlatten();
  LogicalResult importReshape();
  LogicalResult importTranspose();
  LogicalResult importConcat();
  LogicalResult importSoftmax();
  LogicalResult importIdentity();
  FailureOr<Window> getWindow(int64_t spatialRank, ArrayRef<int64_t> inputShape,
                              ArrayRef<int64_t> kernel, bool hasDilations);

  MLIRContext *context;
  OpBuilder builder;
  const LoadedModel &loaded;
  const ConstantTable &constants;
  std::string filename;
  const ONNXImportOptions &options;

  /// The node being imported and its location.
  const onnx::NodeProto *node = nullptr;
  Location loc;
  llvm::StringMap<Value> values;
  /// Types from shape inference, and why a value has none.
  llvm::StringMap<RankedTensorType> types;
  llvm::StringMap<std::string> typeProblems;
};

//===----------------------------------------------------------------------===//
// Types and values
//===----------------------------------------------------------------------===//

void Emitter::collectTypes() {
  const onnx::GraphProto &graph = loaded.model.graph();
  auto add = [&](const onnx::ValueInfoProto &info) {
    const onnx::TypeProto &type = info.type();
    if (!type.has_tensor_type()) {
      typeProblems[info.name()] = "is not a tensor (not supported)";
      return;
    }
    const onnx::TypeProto::Tensor &tensor = type.tensor_type();
    Type element = getElementType(context, tensor.elem_type());
    if (!element) {
      typeProblems[info.name()] =
          "has unsupported element type " + getDataTypeName(tensor.elem_type());
      return;
    }
    if (!tensor.has_shape()) {
      typeProblems[info.name()] =
          "has an unknown rank after shape inference (not supported: the "
          "importer needs static shapes)";
      return;
    }
    SmallVector<int64_t> shape;
    for (const auto &dim : tensor.shape().dim()) {
      if (dim.has_dim_value() && dim.dim_value() >= 0) {
        shape.push_back(dim.dim_value());
        continue;
      }
      typeProblems[info.name()] =
          dim.has_dim_param()
              ? "has the symbolic dimension '" + dim.dim_param() +
                    "' (pin it with --dim=" + dim.dim_param() + "=SIZE)"
              : std::string("has a dimension that shape inference could not "
                            "determine (dynamic shapes are not supported)");
      return;
    }
    types[info.name()] = RankedTensorType::get(shape, element);
  };
  for (const onnx::ValueInfoProto &info : graph.input())
    add(info);
  for (const onnx::ValueInfoProto &info : graph.value_info())
    add(info);
  for (const onnx::ValueInfoProto &info : graph.output())
    add(info);
}

FailureOr<RankedTensorType> Emitter::getValueType(const std::string &name) {
  auto it = types.find(name);
  if (it != types.end())
    return it->second;
  auto problem = typeProblems.find(name);
  fail() << "value '" << name << "' "
         << (problem != typeProblems.end()
                 ? problem->second
                 : std::string("has no type after shape inference"));
  return failure();
}

Value Emitter::materialize(const ConstTensor &value, const std::string &name) {
  Type element = getElementType(context, value.dataType);
  auto type = RankedTensorType::get(value.dims, element);
  ElementsAttr attr =
      getElementsAttr(value, type, name, options.resourceThreshold);
  return arith::ConstantOp::create(builder, loc, type, cast<TypedAttr>(attr));
}

FailureOr<Value> Emitter::getValue(const std::string &name) {
  auto it = values.find(name);
  if (it != values.end())
    return it->second;
  auto constant = constants.find(name);
  if (constant == constants.end()) {
    fail() << "input '" << name << "' is not defined";
    return failure();
  }
  if (!getElementType(context, constant->second.dataType)) {
    fail() << "constant '" << name << "' has unsupported data type "
           << getDataTypeName(constant->second.dataType);
    return failure();
  }
  // Constants are emitted at their first use, with that node's location.
  Value value = materialize(constant->second, name);
  values[name] = value;
  return value;
}

FailureOr<Value> Emitter::getInput(int index) {
  if (!hasInput(*node, index)) {
    fail() << "input #" << index << " is missing";
    return failure();
  }
  return getValue(node->input(index));
}

FailureOr<Value> Emitter::getFloatInput(int index) {
  FailureOr<Value> value = getInput(index);
  if (failed(value))
    return failure();
  Type element = getElementTypeOrSelf(value->getType());
  if (!isa<Float16Type, BFloat16Type, Float32Type, Float64Type>(element)) {
    fail() << "unsupported data type " << element << " of input '"
           << node->input(index)
           << "' (the importer computes on f16, bf16, f32 and f64)";
    return failure();
  }
  return value;
}

const ConstTensor *Emitter::getConstantInput(int index) const {
  if (!hasInput(*node, index))
    return nullptr;
  auto it = constants.find(node->input(index));
  return it == constants.end() ? nullptr : &it->second;
}

FailureOr<RankedTensorType> Emitter::getOutputType(int index) {
  return getValueType(node->output(index));
}

LogicalResult Emitter::checkAttributes(llvm::ArrayRef<llvm::StringRef> known) {
  for (const onnx::AttributeProto &attribute : node->attribute())
    if (!llvm::is_contained(known, attribute.name()))
      return fail() << "unsupported attribute '" << attribute.name() << "'";
  return success();
}

LogicalResult Emitter::checkOutputs(int count) {
  for (int i = count; i < node->output_size(); ++i)
    if (!node->output(i).empty())
      return fail() << "output #" << i << " ('" << node->output(i)
                    << "') is not supported";
  return success();
}

LogicalResult Emitter::checkBroadcast(ValueRange operands,
                                      RankedTensorType result) {
  for (Value operand : operands) {
    auto type = cast<RankedTensorType>(operand.getType());
    int64_t offset = result.getRank() - type.getRank();
    bool fits = offset >= 0;
    for (int64_t i = 0; fits && i < type.getRank(); ++i)
      fits = type.getDimSize(i) == 1 ||
             type.getDimSize(i) == result.getDimSize(i + offset);
    if (!fits)
      return fail() << "operand of type " << type
                    << " does not broadcast to the result " << result;
  }
  return success();
}

FailureOr<Value> Emitter::applyLegacyBroadcast(Value lhs, Value rhs) {
  // Before opset 7, binary ops broadcast only with `broadcast = 1`: the
  // second operand's dimensions match the first's from `axis` on (default:
  // the trailing ones), which is NumPy's right alignment once trailing 1s
  // are appended.
  auto lhsType = cast<RankedTensorType>(lhs.getType());
  auto rhsType = cast<RankedTensorType>(rhs.getType());
  if (!getIntAttr(*node, "broadcast", 0)) {
    if (lhsType.getShape() != rhsType.getShape()) {
      fail() << "the operands' shapes differ and broadcast = 0";
      return failure();
    }
    return rhs;
  }
  if (!findAttribute(*node, "axis"))
    return rhs;
  int64_t axis = getIntAttr(*node, "axis", 0);
  if (axis < 0)
    axis += lhsType.getRank();
  int64_t trailing = lhsType.getRank() - axis - rhsType.getRank();
  if (axis < 0 || trailing < 0) {
    fail() << "axis = " << getIntAttr(*node, "axis", 0)
           << " does not place the second operand inside the first";
    return failure();
  }
  SmallVector<int64_t> shape(rhsType.getShape());
  shape.append(trailing, 1);
  return reshape(rhs, shape);
}

LogicalResult Emitter::verifyBuilt(Operation *op) {
  // The act ops' verifiers state the attribute ranges (alpha > 0, min <=
  // max, ...): report their message as the node's.
  std::string message;
  {
    ScopedDiagnosticHandler capture(context, [&](Diagnostic &diagnostic) {
      if (message.empty())
        message = diagnostic.str();
      return success();
    });
    if (succeeded(mlir::verify(op)))
      return success();
  }
  op->erase();
  return fail() << "unsupported attribute value: " << message;
}

//===----------------------------------------------------------------------===//
// Building blocks
//===----------------------------------------------------------------------===//

Value Emitter::constantScalar(Type elementType, double value) {
  return arith::ConstantOp::create(builder, loc,
                                   builder.getFloatAttr(elementType, value));
}

Value Emitter::filled(RankedTensorType type, double value) {
  Value empty = tensor::EmptyOp::create(builder, loc, type.getShape(),
                                        type.getElementType());
  Value scalar = constantScalar(type.getElementType(), value);
  return linalg::FillOp::create(builder, loc, ValueRange{scalar},
                                ValueRange{empty})
      .getResult(0);
}

Value Emitter::generic(ValueRange inputs, ArrayRef<AffineMap> inputMaps,
                       RankedTensorType resultType, BodyBuilder body) {
  int64_t rank = resultType.getRank();
  SmallVector<AffineMap> maps(inputMaps);
  maps.push_back(builder.getMultiDimIdentityMap(rank));
  Value init = tensor::EmptyOp::create(builder, loc, resultType.getShape(),
                                       resultType.getElementType());
  auto op = linalg::GenericOp::create(
      builder, loc, TypeRange{resultType}, inputs, ValueRange{init}, maps,
      SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
      [&](OpBuilder &b, Location bodyLoc, ValueRange args) {
        Value result = body(b, bodyLoc, args.drop_back());
        linalg::YieldOp::create(b, bodyLoc, result);
      });
  return op.getResult(0);
}

Value Emitter::elementwise(ValueRange operands, RankedTensorType resultType,
                           BodyBuilder body) {
  int64_t rank = resultType.getRank();
  SmallVector<Value> inputs;
  SmallVector<AffineMap> maps;
  for (Value operand : operands) {
    auto type = cast<RankedTensorType>(operand.getType());
    int64_t offset = rank - type.getRank();
    // Right-aligned (NumPy) broadcasting: a size-1 dimension against a
    // larger one is collapsed away, so the operand is read through a map
    // that only drops dimensions.
    SmallVector<AffineExpr> exprs;
    SmallVector<int64_t> kept;
    SmallVector<ReassociationIndices> groups;
    ReassociationIndices pending;
    bool collapse = false;
    for (int64_t i = 0; i < type.getRank(); ++i) {
      pending.push_back(i);
      if (type.getDimSize(i) == 1 && resultType.getDimSize(i + offset) != 1) {
        collapse = true;
        continue;
      }
      exprs.push_back(builder.getAffineDimExpr(i + offset));
      kept.push_back(type.getDimSize(i));
      groups.push_back(pending);
      pending.clear();
    }
    if (!pending.empty() && !groups.empty())
      llvm::append_range(groups.back(), pending);
    if (collapse)
      operand = tensor::CollapseShapeOp::create(
          builder, loc, RankedTensorType::get(kept, type.getElementType()),
          operand, groups);
    inputs.push_back(operand);
    maps.push_back(AffineMap::get(rank, 0, exprs, context));
  }
  return generic(inputs, maps, resultType, body);
}

Value Emitter::channelwise(Value x, ValueRange perChannel, BodyBuilder body) {
  auto type = cast<RankedTensorType>(x.getType());
  SmallVector<Value> inputs{x};
  SmallVector<AffineMap> maps{builder.getMultiDimIdentityMap(type.getRank())};
  for (Value value : perChannel) {
    inputs.push_back(value);
    maps.push_back(
        AffineMap::get(type.getRank(), 0, builder.getAffineDimExpr(1)));
  }
  return generic(inputs, maps, type, body);
}

Value Emitter::reduce(Value x, int64_t axis, double init,
                      BodyBuilder combine) {
  auto type = cast<RankedTensorType>(x.getType());
  int64_t rank = type.getRank();
  SmallVector<int64_t> shape;
  SmallVector<AffineExpr> exprs;
  SmallVector<utils::IteratorType> iterators;
  for (int64_t d = 0; d < rank; ++d) {
    iterators.push_back(d == axis ? utils::IteratorType::reduction
                                  : utils::IteratorType::parallel);
    if (d == axis)
      continue;
    shape.push_back(type.getDimSize(d));
    exprs.push_back(builder.getAffineDimExpr(d));
  }
  Value accumulator =
      filled(RankedTensorType::get(shape, type.getElementType()), init);
  SmallVector<AffineMap> maps{builder.getMultiDimIdentityMap(rank),
                              AffineMap::get(rank, 0, exprs, context)};
  auto op = linalg::GenericOp::create(
      builder, loc, TypeRange{accumulator.getType()}, ValueRange{x},
      ValueRange{accumulator}, maps, iterators,
      [&](OpBuilder &b, Location bodyLoc, ValueRange args) {
        linalg::YieldOp::create(b, bodyLoc, combine(b, bodyLoc, args));
      });
  return op.getResult(0);
}

Value Emitter::reshape(Value value, ArrayRef<int64_t> shape) {
  auto type = cast<RankedTensorType>(value.getType());
  if (type.getShape() == shape)
    return value;
  auto target = RankedTensorType::get(shape, type.getElementType());
  // Through the flat vector: collapse all dimensions, expand to the target
  // (canonicalization merges the pair where it can).
  if (type.getRank() == 0)
    return tensor::ExpandShapeOp::create(builder, loc, target, value,
                                         ArrayRef<ReassociationIndices>{});
  if (shape.empty())
    return tensor::CollapseShapeOp::create(builder, loc, target, value,
                                           ArrayRef<ReassociationIndices>{});
  Value flat = value;
  if (type.getRank() > 1) {
    ReassociationIndices all =
        llvm::to_vector(llvm::seq<int64_t>(0, type.getRank()));
    flat = tensor::CollapseShapeOp::create(
        builder, loc,
        RankedTensorType::get({type.getNumElements()}, type.getElementType()),
        value, ArrayRef<ReassociationIndices>{all});
  }
  if (shape.size() == 1)
    return flat;
  ReassociationIndices all =
      llvm::to_vector(llvm::seq<int64_t>(0, static_cast<int64_t>(shape.size())));
  return tensor::ExpandShapeOp::create(builder, loc, target, flat,
                                       ArrayRef<ReassociationIndices>{all});
}

Value Emitter::broadcastTo(Value value, ArrayRef<int64_t> shape) {
  auto type = cast<RankedTensorType>(value.getType());
  if (type.getShape() == shape)
    return value;
  int64_t offset = shape.size() - type.getRank();
  SmallVector<int64_t> kept, added;
  SmallVector<ReassociationIndices> groups;
  ReassociationIndices pending;
  bool collapse = false;
  for (int64_t d = 0; d < offset; ++d)
    added.push_back(d);
  for (int64_t i = 0; i < type.getRank(); ++i) {
    pending.push_back(i);
    if (type.getDimSize(i) == 1 && shape[i + offset] != 1) {
      collapse = true;
      added.push_back(i + offset);
      continue;
    }
    kept.push_back(type.getDimSize(i));
    groups.push_back(pending);
    pending.clear();
  }
  if (!pending.empty() && !groups.empty())
    llvm::append_range(groups.back(), pending);
  if (collapse)
    value = tensor::CollapseShapeOp::create(
        builder, loc, RankedTensorType::get(kept, type.getElementType()),
        value, groups);
  llvm::sort(added);
  Value init = tensor::EmptyOp::create(builder, loc, shape,
                                       type.getElementType());
  return linalg::BroadcastOp::create(builder, loc, value, init, added)
      .getResult()[0];
}

//===----------------------------------------------------------------------===//
// Activations
//===----------------------------------------------------------------------===//

template <typename OpTy>
Operation *createAct(OpBuilder &b, Location loc, Value x,
                     ArrayRef<NamedAttribute> attributes = {}) {
  return OpTy::create(b, loc, TypeRange{x.getType()}, ValueRange{x},
                      attributes)
      .getOperation();
}

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

FailureOr<Window> Emitter::getWindow(int64_t spatialRank,
                                     ArrayRef<int64_t> inputShape,
                                     ArrayRef<int64_t> kernel,
                                     bool hasDilations) {
  Window window;
  std::vector<int64_t> strides = getIntsAttr(*node, "strides");
  std::vector<int64_t> dilations = getIntsAttr(*node, "dilations");
  std::vector<int64_t> pads = getIntsAttr(*node, "pads");
  if (strides.empty())
    strides.assign(spatialRank, 1);
  if (dilations.empty())
    dilations.assign(spatialRank, 1);
  if (!hasDilations && llvm::any_of(dilations, [](int64_t d) { return d != 1; }))
    return fail() << "dilations are not supported";
  if (pads.empty())
    pads.assign(2 * spatialRank, 0);
  if (static_cast<int64_t>(strides.size()) != spatialRank ||
      static_cast<int64_t>(dilations.size()) != spatialRank ||
      static_cast<int64_t>(pads.size()) != 2 * spatialRank)
    return fail() << "strides, dilations and pads must have one entry per "
                     "spatial dimension (pads: two)";
  std::string autoPad = getStringAttr(*node, "auto_pad", "NOTSET");
  for (int64_t d = 0; d < spatialRank; ++d) {
    int64_t in = inputShape[d], k = kernel[d], s = strides[d],
            dil = dilations[d];
    if (s < 1 || dil < 1)
      return fail() << "strides and dilations must be positive";
    int64_t low = pads[d], high = pads[d + spatialRank];
    if (autoPad == "VALID") {
      low = high = 0;
    } else if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER") {
      int64_t out = (in + s - 1) / s;
      int64_t total = std::max<int64_t>(0, (out - 1) * s + (k - 1) * dil + 1 - in);
      low = autoPad == "SAME_UPPER" ? total / 2 : total - total / 2;
      high = total - low;
    } else if (autoPad != "NOTSET") {
      return fail() << "unsupported auto_pad '" << autoPad << "'";
    }
    if (low < 0 || high < 0)
      return fail() << "negative pads are not supported";
    window.kernel.push_back(k);
    window.strides.push_back(s);
    window.dilations.push_back(dil);
    window.padLow.push_back(low);
    window.padHigh.push_back(high);
  }
  // 1-D windows become 2-D ones over a height of 1.
  if (spatialRank == 1) {
    window.kernel.insert(window.kernel.begin(), 1);
    window.strides.insert(window.strides.begin(), 1);
    window.dilations.insert(window.dilations.begin(), 1);
    window.padLow.insert(window.padLow.begin(), 0);
    window.padHigh.insert(window.padHigh.begin(), 0);
  }
  return window;
}

/// `x` padded with `value` on the spatial dimensions (NCHW).
static Value padSpatial(OpBuilder &b, Location loc, Value x,
                        ArrayRef<int64_t> low, ArrayRef<int64_t> high,
                        double value) {
  if (llvm::all_of(low, [](int64_t p) { return p == 0; }) &&
      llvm::all_of(high, [](int64_t p) { return p == 0; }))
    return x;
  auto type = cast<RankedTensorType>(x.getType());
  SmallVector<int64_t> shape(type.getShape());
  SmallVector<OpFoldResult> lows(2, b.getIndexAttr(0)), highs(2, b.getIndexAttr(0));
  for (size_t d = 0; d < low.size(); ++d) {
    shape[d + 2] += low[d] + high[d];
    lows.push_back(b.getIndexAttr(low[d]));
    highs.push_back(b.getIndexAttr(high[d]));
  }
  Value padValue = arith::ConstantOp::create(
      b, loc, b.getFloatAttr(type.getElementType(), value));
  return tensor::PadOp::create(
      b, loc, RankedTensorType::get(shape, type.getElementType()), x, lows,
      highs, padValue);
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

//===----------------------------------------------------------------------===//
// Pooling
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

//===----------------------------------------------------------------------===//
// Nodes and the module
//===----------------------------------------------------------------------===//

LogicalResult Emitter::importNode(const onnx::NodeProto &graphNode) {
  // A node newer than the ONNX library stands as an Identity in the graph.
  const onnx::NodeProto *original = &graphNode;
  if (graphNode.output_size()) {
    auto it = loaded.newerNodes.find(graphNode.output(0));
    if (it != loaded.newerNodes.end())
      original = &it->second;
  }
  node = original;
  loc = getNodeLoc(context, *node);
  if (!node->domain().empty() && node->domain() != "ai.onnx")
    return fail() << "unsupported operator domain '" << node->domain() << "'";
  using Importer = LogicalResult (Emitter::*)();
  Importer importer =
      llvm::StringSwitch<Importer>(node->op_type())
          .Cases({"Relu", "LeakyRelu", "ThresholdedRelu", "Elu", "Selu",
                  "Celu", "HardSigmoid", "HardSwish", "Sigmoid", "Tanh",
                  "Softplus", "Softsign", "Mish", "Gelu"},
                 &Emitter::importActivation)
          .Case("Clip", &Emitter::importClip)
          .Case("PRelu", &Emitter::importPRelu)
          .Cases({"Add", "Sub", "Mul", "Div"}, &Emitter::importBinary)
          .Cases({"Erf", "Exp", "Sqrt"}, &Emitter::importUnaryMath)
          .Case("Pow", &Emitter::importPow)
          .Case("MatMul", &Emitter::importMatMul)
          .Case("Gemm", &Emitter::importGemm)
          .Case("Conv", &Emitter::importConv)
          .Case("BatchNormalization", &Emitter::importBatchNorm)
          .Cases({"MaxPool", "AveragePool"}, &Emitter::importPool)
          .Case("GlobalAveragePool", &Emitter::importGlobalAveragePool)
          .Case("Flatten", &Emitter::importFlatten)
          .Case("Reshape", &Emitter::importReshape)
          .Case("Transpose", &Emitter::importTranspose)
          .Case("Concat", &Emitter::importConcat)
          .Case("Softmax", &Emitter::importSoftmax)
          .Cases({"Identity", "Dropout"}, &Emitter::importIdentity)
          .Default(nullptr);
  if (!importer)
    return fail() << "unsupported operator";
  return (this->*importer)();
}

OwningOpRef<ModuleOp> Emitter::run() {
  collectTypes();
  const onnx::GraphProto &graph = loaded.model.graph();
  Location fileLoc = FileLineColLoc::get(context, filename, 0, 0);
  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc);
  builder.setInsertionPointToEnd(module->getBody());
  auto function = func::FuncOp::create(builder, fileLoc, "main",
                                       builder.getFunctionType({}, {}));
  Block *entry = function.addEntryBlock();
  builder.setInsertionPointToStart(entry);

  SmallVector<Type> argumentTypes;
  for (const onnx::ValueInfoProto &input : graph.input()) {
    if (constants.count(input.name()))
      continue; // an initializer listed as an input (IR version < 4)
    auto type = types.find(input.name());
    if (type == types.end()) {
      auto problem = typeProblems.find(input.name());
      emitError(fileLoc) << "ONNX graph input '" << input.name() << "' "
                         << (problem != typeProblems.end()
                                 ? problem->second
                                 : std::string("has no type"));
      return {};
    }
    Location argLoc = NameLoc::get(StringAttr::get(context, input.name()));
    values[input.name()] = entry->addArgument(type->second, argLoc);
    argumentTypes.push_back(type->second);
  }

  for (const onnx::NodeProto &graphNode : graph.node())
    if (failed(importNode(graphNode)))
      return {};

  SmallVector<Value> results;
  SmallVector<Type> resultTypes;
  for (const onnx::ValueInfoProto &output : graph.output()) {
    loc = NameLoc::get(StringAttr::get(context, output.name()));
    auto it = values.find(output.name());
    Value value;
    if (it != values.end()) {
      value = it->second;
    } else if (auto constant = constants.find(output.name());
               constant != constants.end()) {
      value = materialize(constant->second, output.name());
    } else {
      emitError(fileLoc) << "ONNX graph output '" << output.name()
                         << "' is not computed by any node";
      return {};
    }
    results.push_back(value);
    resultTypes.push_back(value.getType());
  }
  func::ReturnOp::create(builder, fileLoc, results);
  function.setType(builder.getFunctionType(argumentTypes, resultTypes));
  if (failed(mlir::verify(*module)))
    return {};
  return module;
}

} // namespace

OwningOpRef<ModuleOp> mlir::act::onnx_import::emitModule(
    MLIRContext *context, const LoadedModel &loaded,
    const ConstantTable &constants, llvm::StringRef filename,
    const ONNXImportOptions &options) {
  return Emitter(context, loaded, constants, filename, options).run();
}
