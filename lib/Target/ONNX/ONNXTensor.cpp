//===- ONNXTensor.cpp - Constant ONNX tensors -----------------------------===//

#include "ONNXTensor.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"

#include "llvm/ADT/APFloat.h"
#include "llvm/Support/Endian.h"

#include <cstring>

using namespace mlir;
using namespace mlir::act::onnx_import;
using onnx::TensorProto;

bool mlir::act::onnx_import::isFloatDataType(int32_t dataType) {
  return dataType == TensorProto::FLOAT || dataType == TensorProto::DOUBLE ||
         dataType == TensorProto::FLOAT16 || dataType == TensorProto::BFLOAT16;
}

bool ConstTensor::isFloat() const { return isFloatDataType(dataType); }

int64_t ConstTensor::getNumElements() const {
  int64_t count = 1;
  for (int64_t dim : dims)
    count *= dim;
  return count;
}

std::string mlir::act::onnx_import::getDataTypeName(int32_t dataType) {
  if (!TensorProto::DataType_IsValid(dataType))
    return "data type " + std::to_string(dataType);
  return TensorProto::DataType_Name(
      static_cast<TensorProto::DataType>(dataType));
}

Type mlir::act::onnx_import::getElementType(MLIRContext *context,
                                            int32_t dataType) {
  switch (dataType) {
  case TensorProto::FLOAT:
    return Float32Type::get(context);
  case TensorProto::DOUBLE:
    return Float64Type::get(context);
  case TensorProto::FLOAT16:
    return Float16Type::get(context);
  case TensorProto::BFLOAT16:
    return BFloat16Type::get(context);
  case TensorProto::INT32:
    return IntegerType::get(context, 32);
  case TensorProto::INT64:
    return IntegerType::get(context, 64);
  default:
    return {};
  }
}

namespace {

/// Bytes per element in raw_data, or 0 for types the importer does not read.
size_t getRawWidth(int32_t dataType) {
  switch (dataType) {
  case TensorProto::FLOAT:
  case TensorProto::INT32:
  case TensorProto::UINT32:
    return 4;
  case TensorProto::DOUBLE:
  case TensorProto::INT64:
  case TensorProto::UINT64:
    return 8;
  case TensorProto::FLOAT16:
  case TensorProto::BFLOAT16:
  case TensorProto::INT16:
  case TensorProto::UINT16:
    return 2;
  case TensorProto::INT8:
  case TensorProto::UINT8:
  case TensorProto::BOOL:
    return 1;
  default:
    return 0;
  }
}

double halfBitsToDouble(uint16_t bits, bool bfloat) {
  llvm::APFloat value(bfloat ? llvm::APFloat::BFloat()
                             : llvm::APFloat::IEEEhalf(),
                      llvm::APInt(16, bits));
  bool losesInfo;
  value.convert(llvm::APFloat::IEEEdouble(),
                llvm::APFloat::rmNearestTiesToEven, &losesInfo);
  return value.convertToDouble();
}

/// Element `i` of little-endian raw data.
void decodeRawElement(const char *p, int32_t dataType, ConstTensor &out) {
  using namespace llvm::support;
  switch (dataType) {
  case TensorProto::FLOAT: {
    uint32_t bits = endian::read32le(p);
    float value;
    std::memcpy(&value, &bits, 4);
    out.floats.push_back(value);
    return;
  }
  case TensorProto::DOUBLE: {
    uint64_t bits = endian::read64le(p);
    double value;
    std::memcpy(&value, &bits, 8);
    out.floats.push_back(value);
    return;
  }
  case TensorProto::FLOAT16:
  case TensorProto::BFLOAT16:
    out.floats.push_back(halfBitsToDouble(
        endian::read16le(p), dataType == TensorProto::BFLOAT16));
    return;
  case TensorProto::INT64:
  case TensorProto::UINT64:
    out.ints.push_back(static_cast<int64_t>(endian::read64le(p)));
    return;
  case TensorProto::INT32:
    out.ints.push_back(static_cast<int32_t>(endian::read32le(p)));
    return;
  case TensorProto::UINT32:
    out.ints.push_back(endian::read32le(p));
    return;
  case TensorProto::INT16:
    out.ints.push_back(static_cast<int16_t>(endian::read16le(p)));
    return;
  case TensorProto::UINT16:
    out.ints.push_back(endian::read16le(p));
    return;
  case TensorProto::INT8:
    out.ints.push_back(static_cast<int8_t>(*p));
    return;
  default: // UINT8, BOOL
    out.ints.push_back(static_cast<uint8_t>(*p));
    return;
  }
}

} // namespace

std::optional<ConstTensor>
mlir::act::onnx_import::decodeTensor(const TensorProto &tensor,
                                     std::string &error) {
  ConstTensor out;
  out.dataType = tensor.data_type();
  size_t width = getRawWidth(out.dataType);
  if (!width) {
    error = "tensor '" + tensor.name() + "' has unsupported data type " +
            getDataTypeName(out.dataType);
    return std::nullopt;
  }
  if (tensor.data_location() == TensorProto::EXTERNAL) {
    error = "tensor '" + tensor.name() +
            "' keeps its data in an external file, which is not supported";
    return std::nullopt;
  }
  int64_t count = 1;
  for (int64_t dim : tensor.dims()) {
    if (dim < 0 || (dim && count > (int64_t(1) << 40) / dim)) {
      error = "tensor '" + tensor.name() + "' has invalid dimensions";
      return std::nullopt;
    }
    out.dims.push_back(dim);
    count *= dim;
  }
  auto sizeError = [&](int64_t found) {
    error = "tensor '" + tensor.name() + "' has " + std::to_string(found) +
            " elements of data, its dims (" + std::to_string(count) +
            " elements) need " + std::to_string(count);
    return std::nullopt;
  };

  if (tensor.has_raw_data()) {
    const std::string &raw = tensor.raw_data();
    if (raw.size() != count * width) {
      error = "tensor '" + tensor.name() + "' has " +
              std::to_string(raw.size()) + " bytes of raw data, its dims need " +
              std::to_string(count * width);
      return std::nullopt;
    }
    for (int64_t i = 0; i < count; ++i)
      decodeRawElement(raw.data() + i * width, out.dataType, out);
    return out;
  }

  switch (out.dataType) {
  case TensorProto::FLOAT:
    if (tensor.float_data_size() != count)
      return sizeError(tensor.float_data_size());
    out.floats.assign(tensor.float_data().begin(), tensor.float_data().end());
    return out;
  case TensorProto::DOUBLE:
    if (tensor.double_data_size() != count)
      return sizeError(tensor.double_data_size());
    out.floats.assign(tensor.double_data().begin(),
                      tensor.double_data().end());
    return out;
  case TensorProto::INT64:
    if (tensor.int64_data_size() != count)
      return sizeError(tensor.int64_data_size());
    out.ints.assign(tensor.int64_data().begin(), tensor.int64_data().end());
    return out;
  case TensorProto::UINT32:
  case TensorProto::UINT64:
    if (tensor.uint64_data_size() != count)
      return sizeError(tensor.uint64_data_size());
    for (uint64_t value : tensor.uint64_data())
      out.ints.push_back(static_cast<int64_t>(value));
    return out;
  default:
    // int32_data holds INT32, INT16, INT8, UINT16, UINT8, BOOL and the bit
    // patterns of FLOAT16 and BFLOAT16.
    if (tensor.int32_data_size() != count)
      return sizeError(tensor.int32_data_size());
    for (int32_t value : tensor.int32_data()) {
      if (out.dataType == TensorProto::FLOAT16 ||
          out.dataType == TensorProto::BFLOAT16)
        out.floats.push_back(halfBitsToDouble(
            static_cast<uint16_t>(value),
            out.dataType == TensorProto::BFLOAT16));
      else
        out.ints.push_back(value);
    }
    return out;
  }
}

double mlir::act::onnx_import::roundToDataType(double value,
                                               int32_t dataType) {
  switch (dataType) {
  case onnx::TensorProto::FLOAT:
    return static_cast<float>(value);
  case onnx::TensorProto::FLOAT16:
  case onnx::TensorProto::BFLOAT16: {
    llvm::APFloat converted(value);
    bool losesInfo;
    converted.convert(dataType == onnx::TensorProto::FLOAT16
                          ? llvm::APFloat::IEEEhalf()
                          : llvm::APFloat::BFloat(),
                      llvm::APFloat::rmNearestTiesToEven, &losesInfo);
    converted.convert(llvm::APFloat::IEEEdouble(),
                      llvm::APFloat::rmNearestTiesToEven, &losesInfo);
    return converted.convertToDouble();
  }
  default:
    return value;
  }
}

TensorProto mlir::act::onnx_import::encodeTensor(const ConstTensor &value,
                                                 const std::string &name) {
  TensorProto tensor;
  tensor.set_name(name);
  tensor.set_data_type(value.dataType);
  for (int64_t dim : value.dims)
    tensor.add_dims(dim);
  switch (value.dataType) {
  case TensorProto::FLOAT:
    for (double element : value.floats)
      tensor.add_float_data(static_cast<float>(element));
    break;
  case TensorProto::DOUBLE:
    for (double element : value.floats)
      tensor.add_double_data(element);
    break;
  case TensorProto::FLOAT16:
  case TensorProto::BFLOAT16:
    for (double element : value.floats) {
      llvm::APFloat half(element);
      bool losesInfo;
      half.convert(value.dataType == TensorProto::BFLOAT16
                       ? llvm::APFloat::BFloat()
                       : llvm::APFloat::IEEEhalf(),
                   llvm::APFloat::rmNearestTiesToEven, &losesInfo);
      tensor.add_int32_data(
          static_cast<int32_t>(half.bitcastToAPInt().getZExtValue()));
    }
    break;
  case TensorProto::INT64:
    for (int64_t element : value.ints)
      tensor.add_int64_data(element);
    break;
  case TensorProto::UINT32:
  case TensorProto::UINT64:
    for (int64_t element : value.ints)
      tensor.add_uint64_data(static_cast<uint64_t>(element));
    break;
  default:
    for (int64_t element : value.ints)
      tensor.add_int32_data(static_cast<int32_t>(element));
    break;
  }
  return tensor;
}

ElementsAttr mlir::act::onnx_import::getElementsAttr(const ConstTensor &value,
                                                     RankedTensorType type,
                                                     llvm::StringRef blobName,
                                                     int64_t resourceThreshold) {
  Type element = type.getElementType();
  int64_t count = value.getNumElements();
  size_t width = element.getIntOrFloatBitWidth() / 8;
  std::vector<char> raw(count * width);
  for (int64_t i = 0; i < count; ++i) {
    char *p = raw.data() + i * width;
    if (auto floatType = dyn_cast<FloatType>(element)) {
      llvm::APFloat converted(value.at(i));
      bool losesInfo;
      converted.convert(floatType.getFloatSemantics(),
                        llvm::APFloat::rmNearestTiesToEven, &losesInfo);
      uint64_t bits = converted.bitcastToAPInt().getZExtValue();
      std::memcpy(p, &bits, width); // x86-64 is little-endian
    } else {
      int64_t integer = value.isFloat() ? static_cast<int64_t>(value.at(i))
                                        : value.ints[i];
      std::memcpy(p, &integer, width);
    }
  }
  if (count <= resourceThreshold)
    return DenseElementsAttr::getFromRawBuffer(type, raw);
  return DenseResourceElementsAttr::get(
      type, blobName,
      HeapAsmResourceBlob::allocateAndCopyWithAlign(raw, alignof(double)));
}
