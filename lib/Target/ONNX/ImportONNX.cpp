//===- ImportONNX.cpp - Load, check and infer ONNX models -----------------===//
//
// The library's boundary: every entry point here catches what the ONNX and
// protobuf code throws and turns it into an MLIR diagnostic.
//
//===----------------------------------------------------------------------===//

#include "ImporterInternal.h"

#include "act/Dialect/Act/IR/ActDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Support/FileUtilities.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"

#include "onnx/checker.h"
#include "onnx/defs/schema.h"
#include "onnx/shape_inference/implementation.h"

#include <exception>

using namespace mlir;
using namespace mlir::act;
using namespace mlir::act::onnx_import;

//===----------------------------------------------------------------------===//
// Nodes and attributes
//===----------------------------------------------------------------------===//

std::string mlir::act::onnx_import::getNodeName(const onnx::NodeProto &node) {
  if (!node.name().empty())
    return node.name();
  if (node.output_size() && !node.output(0).empty())
    return node.output(0);
  return node.op_type();
}

Location mlir::act::onnx_import::getNodeLoc(MLIRContext *context,
                                            const onnx::NodeProto &node) {
  return NameLoc::get(StringAttr::get(context, getNodeName(node)));
}

InFlightDiagnostic
mlir::act::onnx_import::emitNodeError(MLIRContext *context,
                                      const onnx::NodeProto &node) {
  InFlightDiagnostic diagnostic = emitError(getNodeLoc(context, node));
  diagnostic << "ONNX node '" << getNodeName(node) << "' (" << node.op_type()
             << "): ";
  return diagnostic;
}

const onnx::AttributeProto *
mlir::act::onnx_import::findAttribute(const onnx::NodeProto &node,
                                      llvm::StringRef name) {
  for (const onnx::AttributeProto &attribute : node.attribute())
    if (attribute.name() == name)
      return &attribute;
  return nullptr;
}

int64_t mlir::act::onnx_import::getIntAttr(const onnx::NodeProto &node,
                                           llvm::StringRef name,
                                           int64_t defaultValue) {
  const onnx::AttributeProto *attribute = findAttribute(node, name);
  return attribute ? attribute->i() : defaultValue;
}

double mlir::act::onnx_import::getFloatAttr(const onnx::NodeProto &node,
                                            llvm::StringRef name,
                                            double defaultValue) {
  const onnx::AttributeProto *attribute = findAttribute(node, name);
  return attribute ? attribute->f() : defaultValue;
}

std::string mlir::act::onnx_import::getStringAttr(const onnx::NodeProto &node,
                                                  llvm::StringRef name,
                                                  llvm::StringRef defaultValue) {
  const onnx::AttributeProto *attribute = findAttribute(node, name);
  return attribute ? attribute->s() : defaultValue.str();
}

std::vector<int64_t>
mlir::act::onnx_import::getIntsAttr(const onnx::NodeProto &node,
                                    llvm::StringRef name) {
  const onnx::AttributeProto *attribute = findAttribute(node, name);
  if (!attribute)
    return {};
  return {attribute->ints().begin(), attribute->ints().end()};
}

bool mlir::act::onnx_import::hasInput(const onnx::NodeProto &node,
                                      int index) {
  return index < node.input_size() && !node.input(index).empty();
}

//===----------------------------------------------------------------------===//
// Loading
//===----------------------------------------------------------------------===//

namespace {

/// Operators newer than Debian's ONNX 1.12 (its newest operator set is 17)
/// whose semantics the importer knows: the node is checked here and stands
/// as an Identity for the checker and shape inference.
LogicalResult replaceNewerNodes(MLIRContext *context, LoadedModel &loaded) {
  onnx::GraphProto *graph = loaded.model.mutable_graph();
  for (onnx::NodeProto &node : *graph->mutable_node()) {
    if (!node.domain().empty() && node.domain() != "ai.onnx")
      continue;
    bool gelu = node.op_type() == "Gelu" && loaded.opset >= 20;
    bool mish = node.op_type() == "Mish" && loaded.opset >= 18;
    if (!gelu && !mish)
      continue;
    if (onnx::OpSchemaRegistry::Schema(node.op_type(),
                                       static_cast<int>(loaded.opset),
                                       node.domain()))
      continue; // this ONNX library knows it after all
    if (node.input_size() != 1 || node.output_size() != 1)
      return emitNodeError(context, node)
             << "expects 1 input and 1 output, has " << node.input_size()
             << " and " << node.output_size();
    for (const onnx::AttributeProto &attribute : node.attribute()) {
      if (gelu && attribute.name() == "approximate" &&
          attribute.type() == onnx::AttributeProto::STRING)
        continue;
      return emitNodeError(context, node)
             << "unknown attribute '" << attribute.name() << "'";
    }
    loaded.newerNodes[node.output(0)] = node;
    node.set_op_type("Identity");
    node.clear_attribute();
  }
  return success();
}

/// Gives the graph inputs' symbolic dimensions their --dim sizes.
LogicalResult pinDimensions(MLIRContext *context, llvm::StringRef filename,
                            onnx::GraphProto &graph,
                            const ONNXImportOptions &options) {
  llvm::StringSet<> used;
  for (onnx::ValueInfoProto &input : *graph.mutable_input()) {
    if (!input.type().has_tensor_type() ||
        !input.type().tensor_type().has_shape())
      continue;
    for (auto &dim : *input.mutable_type()
                          ->mutable_tensor_type()
                          ->mutable_shape()
                          ->mutable_dim()) {
      if (!dim.has_dim_param())
        continue;
      auto it = options.dimSizes.find(dim.dim_param());
      if (it == options.dimSizes.end())
        continue;
      used.insert(it->first());
      dim.set_dim_value(it->second);
    }
  }
  for (const auto &entry : options.dimSizes)
    if (!used.contains(entry.first()))
      return emitError(FileLineColLoc::get(context, filename, 0, 0))
             << "--dim=" << entry.first() << "=" << entry.second
             << ": no graph input has a dimension named '" << entry.first()
             << "'";
  return success();
}

} // namespace

LogicalResult mlir::act::onnx_import::inferShapes(onnx::ModelProto &model,
                                                  llvm::StringRef filename,
                                                  MLIRContext *context) {
  try {
    onnx::ShapeInferenceOptions inferenceOptions(/*check_type=*/true,
                                                 /*strict_mode=*/1);
    onnx::shape_inference::InferShapes(
        model, onnx::OpSchemaRegistry::Instance(), inferenceOptions);
  } catch (const std::exception &e) {
    return emitError(FileLineColLoc::get(context, filename, 0, 0))
           << "ONNX shape inference failed: " << e.what();
  }
  return success();
}

LogicalResult mlir::act::onnx_import::loadModel(
    llvm::StringRef bytes, llvm::StringRef filename, MLIRContext *context,
    const ONNXImportOptions &options, LoadedModel &loaded) {
  Location fileLoc = FileLineColLoc::get(context, filename, 0, 0);
  if (bytes.empty())
    return emitError(fileLoc) << "'" << filename
                              << "' is empty, not an ONNX model";
  if (!loaded.model.ParseFromArray(bytes.data(),
                                   static_cast<int>(bytes.size())))
    return emitError(fileLoc)
           << "'" << filename
           << "' is not an ONNX model (protobuf parsing failed: the file is "
              "truncated or corrupt)";
  // A file cut at a field boundary, or unrelated bytes that happen to be
  // valid protobuf, parse; the checker rejects them.
  for (const onnx::OperatorSetIdProto &opset : loaded.model.opset_import())
    if (opset.domain().empty() || opset.domain() == "ai.onnx")
      loaded.opset = opset.version();
  // The operators' semantics are implemented up to this operator set
  // (older versions through their attributes: a node with an attribute the
  // importer does not know is an error).
  constexpr int64_t kNewestOpset = 21;
  if (loaded.opset > kNewestOpset)
    return emitError(fileLoc)
           << "'" << filename << "' uses ONNX operator set " << loaded.opset
           << ", which is not supported (up to " << kNewestOpset << ")";
  if (failed(replaceNewerNodes(context, loaded)))
    return failure();
  // IR versions 9 and 10 (what exporters write for opsets 19 to 21) only
  // add element types (float8, int4) and function features that the
  // importer rejects by itself; ONNX 1.12's checker knows IR 8, so it checks
  // the model as IR 8.
  constexpr int64_t kNewestIRVersion = 10;
  if (loaded.model.ir_version() > kNewestIRVersion)
    return emitError(fileLoc)
           << "'" << filename << "' has IR version "
           << loaded.model.ir_version() << ", which is not supported (up to "
           << kNewestIRVersion << ")";
  if (loaded.model.ir_version() > onnx::IR_VERSION)
    loaded.model.set_ir_version(onnx::IR_VERSION);
  try {
    onnx::checker::check_model(loaded.model);
  } catch (const std::exception &e) {
    return emitError(fileLoc) << "'" << filename
                              << "' is not a valid ONNX model: " << e.what();
  }
  if (failed(pinDimensions(context, filename, *loaded.model.mutable_graph(),
                           options)))
    return failure();
  return inferShapes(loaded.model, filename, context);
}

//===----------------------------------------------------------------------===//
// Entry points
//===----------------------------------------------------------------------===//

void mlir::act::registerONNXImportDialects(DialectRegistry &registry) {
  registry.insert<ActDialect, arith::ArithDialect, func::FuncDialect,
                  linalg::LinalgDialect, math::MathDialect,
                  tensor::TensorDialect>();
}

OwningOpRef<ModuleOp>
mlir::act::importONNXModel(llvm::StringRef bytes, llvm::StringRef filename,
                           MLIRContext *context,
                           const ONNXImportOptions &options) {
  DialectRegistry registry;
  registerONNXImportDialects(registry);
  context->appendDialectRegistry(registry);
  context->loadAllAvailableDialects();
  try {
    LoadedModel loaded;
    if (failed(loadModel(bytes, filename, context, options, loaded)))
      return {};
    ConstantTable constants;
    if (failed(rewriteGraph(context, loaded, constants, options)))
      return {};
    // The rewrites added constants and changed nodes: infer again.
    if (failed(inferShapes(loaded.model, filename, context)))
      return {};
    return emitModule(context, loaded, constants, filename, options);
  } catch (const std::exception &e) {
    emitError(FileLineColLoc::get(context, filename, 0, 0))
        << "ONNX import failed: " << e.what();
    return {};
  }
}

OwningOpRef<ModuleOp> mlir::act::importONNXFile(llvm::StringRef path,
                                                MLIRContext *context,
                                                const ONNXImportOptions &options) {
  std::string message;
  std::unique_ptr<llvm::MemoryBuffer> file = openInputFile(path, &message);
  if (!file) {
    emitError(UnknownLoc::get(context)) << message;
    return {};
  }
  return importONNXModel(file->getBuffer(), path == "-" ? "<stdin>" : path,
                         context, options);
}

void mlir::act::printImportDiagnostic(Diagnostic &diagnostic,
                                     llvm::raw_ostream &os) {
  std::string message = diagnostic.str();
  std::string prefix;
  Location loc = diagnostic.getLocation();
  if (auto fused = dyn_cast<FusedLoc>(loc); fused && !fused.getLocations().empty())
    loc = fused.getLocations().front();
  if (auto name = dyn_cast<NameLoc>(loc)) {
    if (!llvm::StringRef(message).starts_with("ONNX "))
      prefix = "'" + name.getName().str() + "': ";
  } else if (auto file = dyn_cast<FileLineColLoc>(loc);
             file && !llvm::StringRef(message).contains(
                         ("'" + file.getFilename().str() + "'"))) {
    prefix = file.getFilename().str();
    if (file.getLine())
      prefix += ":" + std::to_string(file.getLine()) + ":" +
                std::to_string(file.getColumn());
    prefix += ": ";
  }
  llvm::StringRef severity;
  switch (diagnostic.getSeverity()) {
  case DiagnosticSeverity::Error:
    severity = "error";
    break;
  case DiagnosticSeverity::Warning:
    severity = "warning";
    break;
  case DiagnosticSeverity::Remark:
    severity = "remark";
    break;
  case DiagnosticSeverity::Note:
    severity = "note";
    break;
  }
  os << prefix << severity << ": " << message << "\n";
  for (Diagnostic &note : diagnostic.getNotes())
    printImportDiagnostic(note, os);
}

//===----------------------------------------------------------------------===//
// TensorProto files
//===----------------------------------------------------------------------===//

llvm::Expected<NpyArray> mlir::act::parseONNXTensor(llvm::StringRef bytes) {
  auto error = [](const llvm::Twine &message) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   message.str());
  };
  try {
    onnx::TensorProto tensor;
    if (bytes.empty() ||
        !tensor.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
      return error("not an ONNX TensorProto (protobuf parsing failed)");
    DType dtype;
    switch (tensor.data_type()) {
    case onnx::TensorProto::FLOAT:
      dtype = DType::F32;
      break;
    case onnx::TensorProto::DOUBLE:
      dtype = DType::F64;
      break;
    case onnx::TensorProto::FLOAT16:
      dtype = DType::F16;
      break;
    case onnx::TensorProto::BFLOAT16:
      dtype = DType::BF16;
      break;
    case onnx::TensorProto::INT32:
      dtype = DType::I32;
      break;
    case onnx::TensorProto::INT64:
      dtype = DType::I64;
      break;
    default:
      return error("TensorProto of unsupported data type " +
                   getDataTypeName(tensor.data_type()) +
                   " (f16, bf16, f32, f64, i32 and i64 are)");
    }
    std::string message;
    std::optional<ConstTensor> value = decodeTensor(tensor, message);
    if (!value)
      return error(message);
    NpyArray array(dtype, value->dims);
    for (int64_t i = 0, e = value->getNumElements(); i < e; ++i) {
      if (const llvm::fltSemantics *semantics = getSemantics(dtype)) {
        llvm::APFloat element(value->floats[i]);
        bool losesInfo;
        element.convert(*semantics, llvm::APFloat::rmNearestTiesToEven,
                        &losesInfo);
        array.setFloat(i, element);
      } else if (dtype == DType::I32) {
        array.data<int32_t>()[i] = static_cast<int32_t>(value->ints[i]);
      } else {
        array.data<int64_t>()[i] = value->ints[i];
      }
    }
    return std::move(array);
  } catch (const std::exception &e) {
    return error(llvm::Twine("reading a TensorProto failed: ") + e.what());
  }
}

llvm::Expected<NpyArray> mlir::act::readONNXTensor(llvm::StringRef path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> file =
      llvm::MemoryBuffer::getFile(path);
  if (!file)
    return llvm::createStringError(file.getError(),
                                   "'" + path + "': " +
                                       file.getError().message());
  llvm::Expected<NpyArray> array = parseONNXTensor((*file)->getBuffer());
  if (!array)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "'" + path + "': " +
                                       llvm::toString(array.takeError()));
  return array;
}
