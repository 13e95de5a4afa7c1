//===- ImportONNX.h - ONNX model importer ------------------------*- C++ -*-===//
//
// Reads an ONNX model (Debian's libonnx 1.12 and its protobuf), checks it
// with onnx::checker, runs ONNX shape inference and emits a module with one
// public `func.func @main`: graph inputs that are not initializers become
// its arguments, graph outputs its results, all static ranked tensors.
// Activations become act ops; everything else linalg, tensor, arith and
// math, in the forms --act-fuse recognises. Every op carries the ONNX
// node's name as a NameLoc. docs/onnx.md lists the operators and limits.
//
// The ONNX headers need exceptions; this header does not include them, so
// the rest of act-mlir keeps LLVM's -fno-exceptions. Every failure
// (unparsable file, checker or shape-inference error, unsupported op,
// attribute or type) is reported as an MLIR diagnostic and the result is
// null; exceptions never leave the library.
//
//===----------------------------------------------------------------------===//

#ifndef ACT_TARGET_ONNX_IMPORTONNX_H
#define ACT_TARGET_ONNX_IMPORTONNX_H

#include "act/Support/Npy.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>

namespace mlir {
class Diagnostic;
class DialectRegistry;
class MLIRContext;

namespace act {

struct ONNXImportOptions {
  /// Sizes for symbolic dimensions of the graph inputs, by name
  /// (`--dim=batch=8`). Every dimension must end up static.
  llvm::StringMap<int64_t> dimSizes;
  /// Initializers (and folded constants) with more elements than this are
  /// emitted as `dense_resource` blobs, smaller ones as `dense` literals.
  int64_t resourceThreshold = 64;
  /// Fold a BatchNormalization into the Conv, Gemm or MatMul that produces
  /// its input when their weights are constants.
  bool foldBatchNorm = true;
  /// Evaluate nodes whose inputs are all constants at import time.
  bool foldConstants = true;
};

/// Adds the dialects that imported modules use.
void registerONNXImportDialects(DialectRegistry &registry);

/// Imports the serialized ModelProto in `bytes`; `filename` names it in
/// diagnostics. Returns null after emitting an error diagnostic.
OwningOpRef<ModuleOp> importONNXModel(llvm::StringRef bytes,
                                      llvm::StringRef filename,
                                      MLIRContext *context,
                                      const ONNXImportOptions &options = {});

/// Reads and imports the model file at `path` (`-` for stdin).
OwningOpRef<ModuleOp> importONNXFile(llvm::StringRef path,
                                     MLIRContext *context,
                                     const ONNXImportOptions &options = {});

/// Prints a diagnostic of an import (or of the passes after it) without
/// source lines: `error: ONNX node 'NAME' (Op): ...` for the importer's
/// messages, which name their node; `'NAME': remark: ...` for other
/// diagnostics at a node's location (the fusion report);
/// `FILE: error: ...` at a file.
void printImportDiagnostic(Diagnostic &diagnostic, llvm::raw_ostream &os);

/// Parses a serialized ONNX TensorProto (the `input_0.pb` files of the ONNX
/// backend tests) into an array. Float (f16, bf16, f32, f64), int32 and
/// int64 tensors; errors say what is wrong.
llvm::Expected<NpyArray> parseONNXTensor(llvm::StringRef bytes);
/// Reads a TensorProto file; errors are prefixed with the path.
llvm::Expected<NpyArray> readONNXTensor(llvm::StringRef path);

} // namespace act
} // namespace mlir

#endif // ACT_TARGET_ONNX_IMPORTONNX_H
