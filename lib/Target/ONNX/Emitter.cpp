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

#include "Emitter.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"

#include "llvm/ADT/StringSwitch.h"

using namespace mlir;
using namespace mlir::act;
using namespace mlir::act::onnx_import;

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
    // Read through a map that only drops dimensions.
    SmallVector<int64_t> resultDims;
    inputs.push_back(
        collapseBroadcastDims(operand, resultType.getShape(), resultDims));
    SmallVector<AffineExpr> exprs;
    for (int64_t d : resultDims)
      exprs.push_back(builder.getAffineDimExpr(d));
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

/// Right-aligned (NumPy) broadcasting of `value` against `shape`: its
/// size-1 dimensions that meet a larger size are collapsed away. Returns
/// the collapsed value; `resultDims` gets, per remaining dimension, the
/// dimension of `shape` it stands for.
Value Emitter::collapseBroadcastDims(Value value, ArrayRef<int64_t> shape,
                                     SmallVectorImpl<int64_t> &resultDims) {
  auto type = cast<RankedTensorType>(value.getType());
  int64_t offset = shape.size() - type.getRank();
  SmallVector<int64_t> kept;
  SmallVector<ReassociationIndices> groups;
  ReassociationIndices pending;
  bool collapse = false;
  for (int64_t i = 0; i < type.getRank(); ++i) {
    pending.push_back(i);
    if (type.getDimSize(i) == 1 && shape[i + offset] != 1) {
      collapse = true;
      continue;
    }
    resultDims.push_back(i + offset);
    kept.push_back(type.getDimSize(i));
    groups.push_back(pending);
    pending.clear();
  }
  if (!pending.empty() && !groups.empty())
    llvm::append_range(groups.back(), pending);
  if (!collapse)
    return value;
  return tensor::CollapseShapeOp::create(
      builder, loc, RankedTensorType::get(kept, type.getElementType()), value,
      groups);
}

Value Emitter::broadcastTo(Value value, ArrayRef<int64_t> shape) {
  auto type = cast<RankedTensorType>(value.getType());
  if (type.getShape() == shape)
    return value;
  SmallVector<int64_t> resultDims;
  value = collapseBroadcastDims(value, shape, resultDims);
  // linalg.broadcast's added dimensions: those no remaining one stands for.
  SmallVector<int64_t> added;
  for (int64_t d = 0, e = shape.size(); d < e; ++d)
    if (!llvm::is_contained(resultDims, d))
      added.push_back(d);
  Value init = tensor::EmptyOp::create(builder, loc, shape,
                                       type.getElementType());
  return linalg::BroadcastOp::create(builder, loc, value, init, added)
      .getResult()[0];
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
Value mlir::act::onnx_import::padSpatial(OpBuilder &b, Location loc, Value x,
                                        
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

OwningOpRef<ModuleOp> mlir::act::onnx_import::emitModule(
    MLIRContext *context, const LoadedModel &loaded,
    const ConstantTable &constants, llvm::StringRef filename,
    const ONNXImportOptions &options) {
  return Emitter(context, loaded, constants, filename, options).run();
}
