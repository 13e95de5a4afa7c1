//===- Npy.cpp - Reading and writing NumPy .npy files ---------------------===//
//
// Format: https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html
// "\x93NUMPY", major, minor, header length (uint16 for 1.0, uint32 for 2.0
// and 3.0), then a Python dict literal with 'descr', 'fortran_order' and
// 'shape', then the raw data.
//
//===----------------------------------------------------------------------===//

#include "act/Support/Npy.h"

#include "mlir/IR/BuiltinTypes.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <cstring>
#include <limits>

using namespace mlir;
using namespace mlir::act;
using llvm::StringRef;

static constexpr char kMagic[] = "\x93NUMPY";
static constexpr size_t kMagicSize = 6;
static constexpr size_t kAlignment = 64;

size_t mlir::act::getByteWidth(DType dtype) {
  switch (dtype) {
  case DType::F16:
  case DType::BF16:
    return 2;
  case DType::F32:
  case DType::I32:
    return 4;
  case DType::F64:
  case DType::I64:
    return 8;
  }
  llvm_unreachable("unknown dtype");
}

StringRef mlir::act::getDTypeName(DType dtype) {
  switch (dtype) {
  case DType::F16:
    return "float16";
  case DType::BF16:
    return "bfloat16";
  case DType::F32:
    return "float32";
  case DType::F64:
    return "float64";
  case DType::I32:
    return "int32";
  case DType::I64:
    return "int64";
  }
  llvm_unreachable("unknown dtype");
}

StringRef mlir::act::getNpyDescr(DType dtype) {
  switch (dtype) {
  case DType::F16:
    return "<f2";
  case DType::BF16:
    return "<u2";
  case DType::F32:
    return "<f4";
  case DType::F64:
    return "<f8";
  case DType::I32:
    return "<i4";
  case DType::I64:
    return "<i8";
  }
  llvm_unreachable("unknown dtype");
}

const llvm::fltSemantics *mlir::act::getSemantics(DType dtype) {
  switch (dtype) {
  case DType::F16:
    return &llvm::APFloat::IEEEhalf();
  case DType::BF16:
    return &llvm::APFloat::BFloat();
  case DType::F32:
    return &llvm::APFloat::IEEEsingle();
  case DType::F64:
    return &llvm::APFloat::IEEEdouble();
  case DType::I32:
  case DType::I64:
    return nullptr;
  }
  llvm_unreachable("unknown dtype");
}

std::optional<DType> mlir::act::getDType(Type type) {
  if (type.isF16())
    return DType::F16;
  if (type.isBF16())
    return DType::BF16;
  if (type.isF32())
    return DType::F32;
  if (type.isF64())
    return DType::F64;
  // Signless and signed integers: both are two's complement in memory.
  if (type.isInteger(32) && !type.isUnsignedInteger())
    return DType::I32;
  if (type.isInteger(64) && !type.isUnsignedInteger())
    return DType::I64;
  return std::nullopt;
}

//===----------------------------------------------------------------------===//
// NpyArray
//===----------------------------------------------------------------------===//

void NpyArray::FreeDeleter::operator()(char *p) const { std::free(p); }

NpyArray::NpyArray(DType dtype, llvm::ArrayRef<int64_t> shape)
    : dtype(dtype), shape(shape) {
  size_t bytes = getNumBytes();
  // aligned_alloc wants a multiple of the alignment, and a non-zero size.
  size_t rounded = std::max<size_t>(kAlignment, llvm::alignTo(bytes, kAlignment));
  storage.reset(static_cast<char *>(std::aligned_alloc(kAlignment, rounded)));
  if (!storage)
    llvm::report_bad_alloc_error("out of memory allocating an array");
  std::memset(storage.get(), 0, rounded);
}

int64_t NpyArray::getNumElements() const {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

llvm::APFloat NpyArray::getFloat(int64_t i) const {
  const llvm::fltSemantics *semantics = getSemantics(dtype);
  assert(semantics && "not a floating-point array");
  unsigned width = getByteWidth(dtype) * 8;
  uint64_t bits = 0;
  std::memcpy(&bits, data() + i * getByteWidth(dtype), width / 8);
  return llvm::APFloat(*semantics, llvm::APInt(width, bits));
}

void NpyArray::setFloat(int64_t i, const llvm::APFloat &value) {
  assert(&value.getSemantics() == getSemantics(dtype) && "wrong semantics");
  uint64_t bits = value.bitcastToAPInt().getZExtValue();
  std::memcpy(data() + i * getByteWidth(dtype), &bits, getByteWidth(dtype));
}

int64_t NpyArray::getInt(int64_t i) const {
  if (dtype == DType::I32)
    return data<int32_t>()[i];
  assert(dtype == DType::I64 && "not an integer array");
  return data<int64_t>()[i];
}

std::string mlir::act::formatShape(llvm::ArrayRef<int64_t> shape) {
  std::string result = "(";
  for (auto [i, d] : llvm::enumerate(shape)) {
    if (i)
      result += ", ";
    result += ShapedType::isDynamic(d) ? "?" : std::to_string(d);
  }
  if (shape.size() == 1)
    result += ",";
  return result + ")";
}

std::string NpyArray::getShapeString() const { return formatShape(shape); }

//===----------------------------------------------------------------------===//
// Parsing
//===----------------------------------------------------------------------===//

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

/// Finds `'key':` in the header dict and returns the text after it.
static std::optional<StringRef> findValue(StringRef header, StringRef key) {
  std::string quoted = ("'" + key + "'").str();
  size_t pos = header.find(quoted);
  if (pos == StringRef::npos) {
    quoted = ("\"" + key + "\"").str();
    pos = header.find(quoted);
  }
  if (pos == StringRef::npos)
    return std::nullopt;
  StringRef rest = header.drop_front(pos + quoted.size()).ltrim();
  if (!rest.consume_front(":"))
    return std::nullopt;
  return rest.ltrim();
}

static llvm::Expected<DType> parseDescr(StringRef descr) {
  if (descr.size() == 3 && descr[0] == '>' && descr[2] != '1')
    return makeError("big-endian data ('" + descr +
                     "') is not supported; save it little-endian");
  // '=' is native order, which is little-endian on the machines we run on.
  StringRef original = descr;
  if (!descr.empty() && (descr[0] == '<' || descr[0] == '=' || descr[0] == '|'))
    descr = descr.drop_front();
  if (descr == "f2")
    return DType::F16;
  if (descr == "u2" || descr == "V2")
    return DType::BF16;
  if (descr == "f4")
    return DType::F32;
  if (descr == "f8")
    return DType::F64;
  if (descr == "i4")
    return DType::I32;
  if (descr == "i8")
    return DType::I64;
  return makeError("unsupported dtype '" + original +
                   "' (supported: float16 '<f2', bfloat16 as uint16 '<u2', "
                   "float32 '<f4', float64 '<f8', int32 '<i4', int64 '<i8')");
}

llvm::Expected<NpyArray> mlir::act::parseNpy(StringRef bytes) {
  if (bytes.size() < kMagicSize + 2 ||
      std::memcmp(bytes.data(), kMagic, kMagicSize) != 0)
    return makeError("not a .npy file (bad magic string)");
  uint8_t major = bytes[kMagicSize];
  size_t headerLength, headerStart;
  if (major == 1) {
    if (bytes.size() < 10)
      return makeError("truncated .npy header");
    headerLength = uint8_t(bytes[8]) | (size_t(uint8_t(bytes[9])) << 8);
    headerStart = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12)
      return makeError("truncated .npy header");
    headerLength = 0;
    for (int i = 3; i >= 0; --i)
      headerLength = (headerLength << 8) | uint8_t(bytes[8 + i]);
    headerStart = 12;
  } else {
    return makeError("unsupported .npy format version " +
                     llvm::Twine(unsigned(major)));
  }
  if (bytes.size() < headerStart + headerLength)
    return makeError("truncated .npy header");
  StringRef header = bytes.substr(headerStart, headerLength).trim();
  if (!header.starts_with("{") || !header.ends_with("}"))
    return makeError("malformed .npy header: expected a dict, got '" + header +
                     "'");

  // 'descr': '<f4'
  std::optional<StringRef> descrValue = findValue(header, "descr");
  if (!descrValue || descrValue->empty() ||
      ((*descrValue)[0] != '\'' && (*descrValue)[0] != '"'))
    return makeError("malformed .npy header: no 'descr' string in '" + header +
                     "'");
  char quote = (*descrValue)[0];
  size_t descrEnd = descrValue->find(quote, 1);
  if (descrEnd == StringRef::npos)
    return makeError("malformed .npy header: unterminated 'descr'");
  llvm::Expected<DType> dtype = parseDescr(descrValue->slice(1, descrEnd));
  if (!dtype)
    return dtype.takeError();

  // 'fortran_order': False
  std::optional<StringRef> fortranValue = findValue(header, "fortran_order");
  if (!fortranValue)
    return makeError("malformed .npy header: no 'fortran_order'");
  if (fortranValue->starts_with("True"))
    return makeError("Fortran-order arrays are not supported; save a C-order "
                     "array (numpy.ascontiguousarray)");
  if (!fortranValue->starts_with("False"))
    return makeError("malformed .npy header: 'fortran_order' is neither True "
                     "nor False");

  // 'shape': (2, 3)
  std::optional<StringRef> shapeValue = findValue(header, "shape");
  if (!shapeValue || !shapeValue->starts_with("("))
    return makeError("malformed .npy header: no 'shape' tuple");
  size_t shapeEnd = shapeValue->find(')');
  if (shapeEnd == StringRef::npos)
    return makeError("malformed .npy header: unterminated 'shape' tuple");
  llvm::SmallVector<int64_t> shape;
  llvm::SmallVector<StringRef> dims;
  shapeValue->slice(1, shapeEnd).split(dims, ',');
  for (StringRef dim : dims) {
    dim = dim.trim();
    if (dim.empty())
      continue; // "(3,)" and "()"
    // NumPy 1.x on some platforms writes "3L".
    dim.consume_back("L");
    int64_t size;
    if (dim.getAsInteger(10, size) || size < 0)
      return makeError("malformed .npy header: bad dimension '" + dim +
                       "' in 'shape'");
    shape.push_back(size);
  }

  // Size the data from the header without overflow, and check it against
  // the file before allocating anything: a header may declare any shape.
  StringRef payload = bytes.drop_front(headerStart + headerLength);
  uint64_t expectedBytes = getByteWidth(*dtype);
  bool overflow = false;
  for (int64_t dim : shape) {
    if (dim != 0 && expectedBytes > std::numeric_limits<uint64_t>::max() /
                                        static_cast<uint64_t>(dim))
      overflow = true;
    expectedBytes *= static_cast<uint64_t>(dim);
  }
  if (overflow || expectedBytes > uint64_t(std::numeric_limits<int64_t>::max()))
    return makeError("data size mismatch: shape " + formatShape(shape) +
                     " of " + getDTypeName(*dtype) +
                     " is too large to address, the file has " +
                     llvm::Twine(payload.size()) + " bytes");
  if (payload.size() != expectedBytes)
    return makeError("data size mismatch: shape " + formatShape(shape) +
                     " of " + getDTypeName(*dtype) + " needs " +
                     llvm::Twine(expectedBytes) + " bytes, the file has " +
                     llvm::Twine(payload.size()));
  NpyArray array(*dtype, shape);
  std::memcpy(array.data(), payload.data(), payload.size());
  return array;
}

llvm::Expected<NpyArray> mlir::act::readNpy(StringRef path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (!buffer)
    return makeError("cannot read '" + path +
                     "': " + buffer.getError().message());
  llvm::Expected<NpyArray> array = parseNpy((*buffer)->getBuffer());
  if (!array)
    return makeError("'" + path + "': " + llvm::toString(array.takeError()));
  return array;
}

//===----------------------------------------------------------------------===//
// Writing
//===----------------------------------------------------------------------===//

std::string mlir::act::serializeNpy(const NpyArray &array) {
  std::string header = "{'descr': '" + getNpyDescr(array.getDType()).str() +
                       "', 'fortran_order': False, 'shape': " +
                       array.getShapeString() + ", }";
  // Magic (6) + version (2) + length (2) + header + '\n' is padded with
  // spaces to a multiple of 64, so the data starts aligned.
  size_t unpadded = kMagicSize + 4 + header.size() + 1;
  header.append(llvm::alignTo(unpadded, kAlignment) - unpadded, ' ');
  header += '\n';

  std::string result(kMagic, kMagicSize);
  result += char(1);
  result += char(0);
  result += char(header.size() & 0xff);
  result += char(header.size() >> 8);
  result += header;
  result.append(array.data(), array.getNumBytes());
  return result;
}

llvm::Error mlir::act::writeNpy(StringRef path, const NpyArray &array) {
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_None);
  if (ec)
    return makeError("cannot write '" + path + "': " + ec.message());
  os << serializeNpy(array);
  os.close();
  if (os.has_error())
    return makeError("cannot write '" + path + "': " + os.error().message());
  return llvm::Error::success();
}
