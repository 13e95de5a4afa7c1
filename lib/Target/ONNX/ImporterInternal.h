//===- ImporterInternal.h - Shared pieces of the ONNX importer ---*- C++ -*-===//
//
// Internal to lib/Target/ONNX (compiled with exceptions, includes the ONNX
// headers): node naming and diagnostics, attribute access, the graph
// rewrites that run on the ONNX graph before emission, and the emitter.
//
//===----------------------------------------------------------------------===//

#ifndef ACT_LIB_TARGET_ONNX_IMPORTERINTERNAL_H
#define ACT_LIB_TARGET_ONNX_IMPORTERINTERNAL_H

#include "ONNXTensor.h"

#include "act/Target/ONNX/ImportONNX.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"

#include <map>
#include <string>
#include <vector>

namespace mlir {
namespace act {
namespace onnx_import {

/// Values known at import time: initializers, Constant nodes and folded
/// nodes, by value name.
using ConstantTable = std::map<std::string, ConstTensor>;

/// What loading produced: the checked and shape-inferred model, and the
/// nodes that Debian's ONNX 1.12 does not know at the model's opset (Gelu
/// from opset 20, Mish from 18). Those are checked by the importer and
/// stand in the graph as Identity nodes (same shape and type, which is
/// what the checker and shape inference need), keyed here by their first
/// output.
struct LoadedModel {
  onnx::ModelProto model;
  std::map<std::string, onnx::NodeProto> newerNodes;
  /// Version of the default (ai.onnx) operator set.
  int64_t opset = 0;
};

/// Parses, checks and shape-infers the model; applies options.dimSizes.
LogicalResult loadModel(llvm::StringRef bytes, llvm::StringRef filename,
                        MLIRContext *context,
                        const ONNXImportOptions &options, LoadedModel &loaded);

/// Runs ONNX shape inference on the model in place (strict); errors are
/// reported at the file.
LogicalResult inferShapes(onnx::ModelProto &model, llvm::StringRef filename,
                          MLIRContext *context);

/// The name a node goes by in messages and locations: its name, or its
/// first output's name when it has none (the ONNX tests' nodes are
/// unnamed).
std::string getNodeName(const onnx::NodeProto &node);
/// `loc("NAME")`.
Location getNodeLoc(MLIRContext *context, const onnx::NodeProto &node);
/// Starts `ONNX node 'NAME' (OpType): ` at the node's location.
InFlightDiagnostic emitNodeError(MLIRContext *context,
                                 const onnx::NodeProto &node);

const onnx::AttributeProto *findAttribute(const onnx::NodeProto &node,
                                          llvm::StringRef name);
int64_t getIntAttr(const onnx::NodeProto &node, llvm::StringRef name,
                   int64_t defaultValue);
double getFloatAttr(const onnx::NodeProto &node, llvm::StringRef name,
                    double defaultValue);
std::string getStringAttr(const onnx::NodeProto &node, llvm::StringRef name,
                          llvm::StringRef defaultValue);
std::vector<int64_t> getIntsAttr(const onnx::NodeProto &node,
                                 llvm::StringRef name);

/// Whether the node has an input `index` that is not the empty name
/// (ONNX's spelling of an omitted optional input).
bool hasInput(const onnx::NodeProto &node, int index);

/// Graph rewrites before emission (docs/onnx.md, "Graph rewrites"):
/// Constant nodes become constants, nodes whose inputs are all constants
/// are evaluated (with options.foldConstants), and a BatchNormalization is
/// folded into the Conv, Gemm or MatMul that feeds it when their weights
/// are constants (with options.foldBatchNorm). Folded values are added to
/// `constants` and, as initializers, to the graph, so that a second round
/// of shape inference sees them.
LogicalResult rewriteGraph(MLIRContext *context, LoadedModel &loaded,
                           ConstantTable &constants,
                           const ONNXImportOptions &options);

/// Evaluates `node` on constant inputs. Returns false (and no diagnostic)
/// for nodes it does not evaluate; the emitter then handles them.
bool evaluateNode(const onnx::NodeProto &node,
                  const std::vector<const ConstTensor *> &inputs,
                  std::vector<ConstTensor> &outputs);

/// `x` with its dimensions permuted (Transpose's `perm`).
ConstTensor transposeConstant(const ConstTensor &x,
                              const std::vector<int64_t> &perm);

/// Emits the module for a loaded and rewritten model.
OwningOpRef<ModuleOp> emitModule(MLIRContext *context,
                                 const LoadedModel &loaded,
                                 const ConstantTable &constants,
                                 llvm::StringRef filename,
                                 const ONNXImportOptions &options);

} // namespace onnx_import
} // namespace act
} // namespace mlir

#endif // ACT_LIB_TARGET_ONNX_IMPORTERINTERNAL_H
