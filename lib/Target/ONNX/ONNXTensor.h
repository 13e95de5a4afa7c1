//===- ONNXTensor.h - Constant ONNX tensors ----------------------*- C++ -*-===//
//
// Internal to the ONNX importer (compiled with exceptions, includes the ONNX
// headers). A ConstTensor is the decoded value of an initializer, a
// Constant node or a folded node: floats widened to double (exact for f16,
// bf16, f32, f64), integers to int64.
//
//===----------------------------------------------------------------------===//

#ifndef ACT_LIB_TARGET_ONNX_ONNXTENSOR_H
#define ACT_LIB_TARGET_ONNX_ONNXTENSOR_H

#include "onnx/onnx_pb.h"

#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinTypes.h"

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mlir {
namespace act {
namespace onnx_import {

struct ConstTensor {
  /// onnx::TensorProto::DataType.
  int32_t dataType = onnx::TensorProto::FLOAT;
  std::vector<int64_t> dims;
  /// The elements of a float tensor, in C order.
  std::vector<double> floats;
  /// The elements of an integer (or bool) tensor, in C order.
  std::vector<int64_t> ints;

  bool isFloat() const;
  int64_t getNumElements() const;
  /// Element `i` as a double, whatever the type.
  double at(int64_t i) const {
    return isFloat() ? floats[i] : static_cast<double>(ints[i]);
  }
};

bool isFloatDataType(int32_t dataType);
/// "FLOAT", "INT64", ... for messages.
std::string getDataTypeName(int32_t dataType);
/// The MLIR element type of an ONNX data type the importer computes on
/// (f16, bf16, f32, f64; i32 and i64 for constants), or null.
Type getElementType(MLIRContext *context, int32_t dataType);

/// `value` rounded to the precision of a float data type (unchanged for
/// DOUBLE).
double roundToDataType(double value, int32_t dataType);

/// Decodes `tensor` (typed fields or little-endian raw_data). Checks that
/// the data has exactly the number of elements the dims say. On failure
/// returns nullopt and sets `error`.
std::optional<ConstTensor> decodeTensor(const onnx::TensorProto &tensor,
                                        std::string &error);

/// Encodes `value` as a TensorProto named `name` (typed fields), for
/// putting folded constants back into the graph before shape inference.
onnx::TensorProto encodeTensor(const ConstTensor &value,
                               const std::string &name);

/// The constant as an elements attribute of `type`: a `dense` literal up to
/// `resourceThreshold` elements, a `dense_resource` blob named after
/// `blobName` beyond.
ElementsAttr getElementsAttr(const ConstTensor &value, RankedTensorType type,
                             llvm::StringRef blobName,
                             int64_t resourceThreshold);

} // namespace onnx_import
} // namespace act
} // namespace mlir

#endif // ACT_LIB_TARGET_ONNX_ONNXTENSOR_H
