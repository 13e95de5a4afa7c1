//===- act-import-onnx.cpp - ONNX model to act-mlir IR -------------------===//
//
// Reads an ONNX model, checks it, infers its shapes and prints the imported
// module (docs/onnx.md). The module keeps each op's ONNX node name as its
// location, so act-opt's diagnostics and fusion report name the node.
//
//===----------------------------------------------------------------------===//

#include "act/Target/ONNX/ImportONNX.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OperationSupport.h"
#include "mlir/Support/FileUtilities.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::act;
namespace cl = llvm::cl;

static cl::OptionCategory importCategory("act-import-onnx options");

static cl::opt<std::string> inputFilename(cl::Positional,
                                          cl::desc("<model.onnx>"),
                                          cl::init("-"), cl::cat(importCategory));
static cl::opt<std::string> outputFilename("o", cl::desc("Output file"),
                                           cl::value_desc("file"),
                                           cl::init("-"),
                                           cl::cat(importCategory));
static cl::list<std::string>
    dims("dim",
         cl::desc("Size of a symbolic dimension of the graph inputs, e.g. "
                  "--dim=batch=8 (repeatable)"),
         cl::value_desc("NAME=VALUE"), cl::cat(importCategory));
static cl::opt<bool> elideConstants(
    "elide-constants",
    cl::desc("Leave the bytes of dense_resource blobs, and literals of more "
             "than 16 elements, out of the output (for reading: it does not "
             "run)"),
    cl::cat(importCategory));
static cl::opt<int64_t> resourceThreshold(
    "resource-threshold",
    cl::desc("Constants with more elements than this become dense_resource "
             "blobs, smaller ones dense literals"),
    cl::init(64), cl::cat(importCategory));
static cl::opt<bool> foldBatchNorm(
    "fold-batchnorm",
    cl::desc("Fold BatchNormalization into the preceding Conv/Gemm/MatMul "
             "with constant weights"),
    cl::init(true), cl::cat(importCategory));
static cl::opt<bool>
    foldConstants("fold-constants",
                  cl::desc("Evaluate nodes whose inputs are all constants"),
                  cl::init(true), cl::cat(importCategory));
static cl::opt<bool> printLocations(
    "locations",
    cl::desc("Print op locations (the ONNX node names), as "
             "--mlir-print-debuginfo does"),
    cl::init(true), cl::cat(importCategory));

/// Parses --dim values into `options`.
static LogicalResult parseDims(ONNXImportOptions &options) {
  for (const std::string &dim : dims) {
    llvm::StringRef name, value;
    std::tie(name, value) = llvm::StringRef(dim).split('=');
    int64_t size;
    if (name.empty() || value.getAsInteger(10, size) || size < 0) {
      llvm::errs() << "error: --dim=" << dim
                   << ": expected NAME=VALUE with VALUE >= 0\n";
      return failure();
    }
    options.dimSizes[name] = size;
  }
  return success();
}

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  cl::HideUnrelatedOptions(importCategory);
  cl::ParseCommandLineOptions(
      argc, argv,
      "act-import-onnx: import an ONNX model as act + linalg + tensor IR\n\n"
      "  act-import-onnx MODEL.onnx [-o OUT.mlir] [--dim=NAME=VALUE]... "
      "[--elide-constants]\n\n"
      "Errors print `error: ...` (`error: ONNX node 'NAME' (OpType): ...` "
      "for a node) and exit with 1.\n");

  ONNXImportOptions options;
  if (failed(parseDims(options)))
    return 1;
  options.resourceThreshold = resourceThreshold;
  options.foldBatchNorm = foldBatchNorm;
  options.foldConstants = foldConstants;

  MLIRContext context;
  context.printOpOnDiagnostic(false);
  ScopedDiagnosticHandler handler(&context, [](Diagnostic &diagnostic) {
    printImportDiagnostic(diagnostic, llvm::errs());
    return success();
  });
  OwningOpRef<ModuleOp> module =
      importONNXFile(inputFilename, &context, options);
  if (!module)
    return 1;

  std::string message;
  std::unique_ptr<llvm::ToolOutputFile> output =
      openOutputFile(outputFilename, &message);
  if (!output) {
    llvm::errs() << "error: " << message << "\n";
    return 1;
  }
  OpPrintingFlags flags;
  if (printLocations)
    flags.enableDebugInfo();
  if (elideConstants) {
    flags.elideLargeElementsAttrs(16);
    flags.elideLargeResourceString(16);
  }
  module->print(output->os(), flags);
  output->os() << "\n";
  output->keep();
  return 0;
}
