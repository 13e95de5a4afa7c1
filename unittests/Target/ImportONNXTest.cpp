//===- ImportONNXTest.cpp - The ONNX importer's C++ API -------------------===//
//
// importONNXModel on bytes (a model, an empty buffer, a truncated one, bytes
// protobuf accepts but the checker does not): a module or a null result
// with exactly one error diagnostic, never an exception; parseONNXTensor on
// a TensorProto and on bad bytes. The exception-free callers (this test is
// compiled with -fno-exceptions) see only MLIR diagnostics and llvm::Error.
//
//===----------------------------------------------------------------------===//

#include "act/Target/ONNX/ImportONNX.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"

#include "llvm/Support/MemoryBuffer.h"

#include "gtest/gtest.h"

#include <string>
#include <vector>

using namespace mlir;
using namespace mlir::act;

namespace {

std::string readInput(llvm::StringRef name) {
  std::string path = std::string(ACT_ONNX_TEST_INPUTS) + "/" + name.str();
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> file =
      llvm::MemoryBuffer::getFile(path);
  EXPECT_TRUE(bool(file)) << path;
  return file ? (*file)->getBuffer().str() : std::string();
}

/// Imports `bytes`, collecting the error messages.
OwningOpRef<ModuleOp> import(MLIRContext &context, llvm::StringRef bytes,
                             std::vector<std::string> &errors,
                             const ONNXImportOptions &options = {}) {
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diagnostic) {
    if (diagnostic.getSeverity() == DiagnosticSeverity::Error)
      errors.push_back(diagnostic.str());
    return success();
  });
  return importONNXModel(bytes, "model.onnx", &context, options);
}

TEST(ImportONNX, ImportsAModelWithOneMainFunction) {
  MLIRContext context;
  std::vector<std::string> errors;
  std::string bytes = readInput("activations.onnx");
  OwningOpRef<ModuleOp> module = import(context, bytes, errors);
  ASSERT_TRUE(module);
  EXPECT_TRUE(errors.empty());
  auto functions = llvm::to_vector(module->getOps<func::FuncOp>());
  ASSERT_EQ(functions.size(), 1u);
  func::FuncOp main = functions.front();
  EXPECT_EQ(main.getName(), "main");
  EXPECT_TRUE(main.isPublic());
  EXPECT_EQ(main.getNumArguments(), 1u);
  EXPECT_EQ(main.getNumResults(), 14u);
  for (Type type : main.getResultTypes())
    EXPECT_EQ(type, RankedTensorType::get({2, 3}, Float32Type::get(&context)));
}

TEST(ImportONNX, DimSizesPinSymbolicDimensions) {
  MLIRContext context;
  std::vector<std::string> errors;
  ONNXImportOptions options;
  options.dimSizes["batch"] = 7;
  OwningOpRef<ModuleOp> module =
      import(context, readInput("symbolic-batch.onnx"), errors, options);
  ASSERT_TRUE(module);
  auto main = *module->getOps<func::FuncOp>().begin();
  EXPECT_EQ(main.getArgumentTypes()[0],
            RankedTensorType::get({7, 4}, Float32Type::get(&context)));
}

TEST(ImportONNX, BadBytesGiveOneError) {
  std::string model = readInput("activations.onnx");
  struct Case {
    std::string bytes;
    std::string message;
  } cases[] = {
      {"", "'model.onnx' is empty, not an ONNX model"},
      {model.substr(0, model.size() / 2),
       "'model.onnx' is not an ONNX model (protobuf parsing failed: the file "
       "is truncated or corrupt)"},
      {std::string(64, '\xff'),
       "'model.onnx' is not an ONNX model (protobuf parsing failed: the file "
       "is truncated or corrupt)"},
      {readInput("bad-no-opset.onnx"),
       "'model.onnx' is not a valid ONNX model: model with IR version >= 3 "
       "must specify opset_import for ONNX"},
  };
  for (const Case &c : cases) {
    MLIRContext context;
    std::vector<std::string> errors;
    EXPECT_FALSE(import(context, c.bytes, errors));
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors.front(), c.message);
  }
}

TEST(ImportONNX, UnsupportedNodeNamesTheNode) {
  MLIRContext context;
  std::vector<std::string> errors;
  EXPECT_FALSE(import(context, readInput("bad-unsupported-op.onnx"), errors));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors.front(), "ONNX node 'abs1' (Abs): unsupported operator");
}

TEST(ImportONNX, ParsesTensorProtos) {
  llvm::Expected<NpyArray> array = parseONNXTensor(readInput("add-x.pb"));
  ASSERT_TRUE(bool(array)) << llvm::toString(array.takeError());
  EXPECT_EQ(array->getDType(), DType::F32);
  EXPECT_EQ(array->getShapeString(), "(2, 3, 4)");
  for (int64_t i = 0; i < 24; ++i)
    EXPECT_EQ(array->data<float>()[i], static_cast<float>(i));
}

TEST(ImportONNX, RejectsBadTensorProtos) {
  llvm::Expected<NpyArray> empty = parseONNXTensor("");
  ASSERT_FALSE(bool(empty));
  EXPECT_EQ(llvm::toString(empty.takeError()),
            "not an ONNX TensorProto (protobuf parsing failed)");
  std::string bytes = readInput("add-x.pb");
  llvm::Expected<NpyArray> truncated =
      parseONNXTensor(llvm::StringRef(bytes).drop_back(5));
  EXPECT_FALSE(bool(truncated));
  llvm::consumeError(truncated.takeError());
  llvm::Expected<NpyArray> missing = readONNXTensor("/nonexistent/x.pb");
  ASSERT_FALSE(bool(missing));
  EXPECT_EQ(llvm::toString(missing.takeError()),
            "'/nonexistent/x.pb': No such file or directory");
}

} // namespace
