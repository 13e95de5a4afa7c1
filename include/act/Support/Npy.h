//===- Npy.h - Reading and writing NumPy .npy files --------------*- C++ -*-===//
//
// The array format act-run exchanges with the outside world. Supported
// element types are the ones act-mlir computes on (f16, bf16, f32, f64) plus
// i32 and i64, little-endian, C order. NumPy has no bfloat16: a bf16 array is
// stored as its uint16 bit patterns ('<u2'); ml_dtypes' '<V2' is read as
// bf16 as well.
//
//===----------------------------------------------------------------------===//

#ifndef ACT_SUPPORT_NPY_H
#define ACT_SUPPORT_NPY_H

#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace mlir {
class Type;

namespace act {

enum class DType : uint8_t { F16, BF16, F32, F64, I32, I64 };

/// Size of one element in bytes.
size_t getByteWidth(DType dtype);
/// NumPy-style name, e.g. "float32", or "bfloat16".
llvm::StringRef getDTypeName(DType dtype);
/// The .npy descriptor written for `dtype`, e.g. "<f4" ("<u2" for bf16).
llvm::StringRef getNpyDescr(DType dtype);
/// The IEEE semantics of a floating-point dtype, null for integers.
const llvm::fltSemantics *getSemantics(DType dtype);
/// The dtype of an MLIR element type, if act-run supports it.
std::optional<DType> getDType(Type elementType);

/// A shape as NumPy prints it: "(4, 8)", "(3,)", "()". A dimension equal
/// to ShapedType::kDynamic (INT64_MIN) prints as "?".
std::string formatShape(llvm::ArrayRef<int64_t> shape);

/// A dense, C-ordered array with 64-byte aligned storage (the alignment
/// vectorized kernels like).
class NpyArray {
public:
  NpyArray() = default;
  NpyArray(DType dtype, llvm::ArrayRef<int64_t> shape);

  DType getDType() const { return dtype; }
  llvm::ArrayRef<int64_t> getShape() const { return shape; }
  int64_t getNumElements() const;
  size_t getNumBytes() const { return getNumElements() * getByteWidth(dtype); }

  char *data() { return storage.get(); }
  const char *data() const { return storage.get(); }
  template <typename T> T *data() { return reinterpret_cast<T *>(data()); }
  template <typename T> const T *data() const {
    return reinterpret_cast<const T *>(data());
  }

  /// Element `i` (flat index) of a floating-point array.
  llvm::APFloat getFloat(int64_t i) const;
  void setFloat(int64_t i, const llvm::APFloat &value);
  /// Element `i` of an integer array, sign-extended.
  int64_t getInt(int64_t i) const;

  /// Shape as NumPy prints it: "(4, 8)", "(3,)", "()".
  std::string getShapeString() const;

private:
  struct FreeDeleter {
    void operator()(char *p) const;
  };
  DType dtype = DType::F32;
  llvm::SmallVector<int64_t> shape;
  std::unique_ptr<char, FreeDeleter> storage;
};

/// Parses the bytes of a .npy file. Errors name what is wrong (bad magic,
/// malformed header, unsupported dtype, big-endian or Fortran-order data,
/// truncated payload).
llvm::Expected<NpyArray> parseNpy(llvm::StringRef bytes);
/// Reads a .npy file; errors are prefixed with the path.
llvm::Expected<NpyArray> readNpy(llvm::StringRef path);
/// Serializes `array` as a version 1.0 .npy file (header padded to 64
/// bytes, as NumPy writes it).
std::string serializeNpy(const NpyArray &array);
llvm::Error writeNpy(llvm::StringRef path, const NpyArray &array);

} // namespace act
} // namespace mlir

#endif // ACT_SUPPORT_NPY_H
