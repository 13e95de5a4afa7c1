//===- Emitter.h - The ONNX graph emitter -------------------------*- C++ -*-===//
//
// Internal to lib/Target/ONNX. One Emitter imports one loaded and rewritten
// model: Emitter.cpp holds the value bookkeeping, the building blocks and
// the module; Import*.cpp one family of operators each.
//
//===----------------------------------------------------------------------===//

#ifndef ACT_LIB_TARGET_ONNX_EMITTER_H
#define ACT_LIB_TARGET_ONNX_EMITTER_H

#include "ImporterInternal.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

#include "llvm/ADT/StringMap.h"

#include <string>

namespace mlir {
namespace act {
namespace onnx_import {

/// Builds the scalar body of a linalg.generic from its input elements.
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
  Value collapseBroadcastDims(Value value, ArrayRef<int64_t> shape,
                              SmallVectorImpl<int64_t> &resultDims);
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
  /// The Conv/pooling window of the node, made 2-D (1-D windows over a
  /// height of 1), with auto_pad resolved into pads.
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

/// `x` (NCHW) padded with `value` on its spatial dimensions.
Value padSpatial(OpBuilder &b, Location loc, Value x, ArrayRef<int64_t> low,
                 ArrayRef<int64_t> high, double value);

} // namespace onnx_import
} // namespace act
} // namespace mlir

#endif // ACT_LIB_TARGET_ONNX_EMITTER_H
