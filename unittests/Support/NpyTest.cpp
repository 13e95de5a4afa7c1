//===- NpyTest.cpp - .npy reading and writing -----------------------------===//
//
// Arrays of every supported dtype and a mix of shapes (scalar, empty, 1-D,
// 3-D) are written and read back byte for byte, through memory and through
// files; the header is laid out as NumPy writes it; every malformed input is
// rejected with a message that says what is wrong.
//
//===----------------------------------------------------------------------===//

#include "act/Support/Npy.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include "gtest/gtest.h"

#include <cmath>
#include <cstring>

using namespace mlir::act;

namespace {

constexpr DType kDTypes[] = {DType::F16, DType::BF16, DType::F32,
                             DType::F64, DType::I32,  DType::I64};

/// An array whose bytes are a deterministic pattern, NaN payloads and all.
NpyArray makePatterned(DType dtype, llvm::ArrayRef<int64_t> shape) {
  NpyArray array(dtype, shape);
  for (size_t i = 0; i < array.getNumBytes(); ++i)
    array.data()[i] = static_cast<char>((i * 131 + 7) & 0xff);
  return array;
}

std::string getHeader(const std::string &file) {
  size_t length = uint8_t(file[8]) | (size_t(uint8_t(file[9])) << 8);
  return file.substr(10, length);
}

std::string makeFile(const std::string &header, const std::string &data) {
  std::string dict = header;
  size_t unpadded = 10 + dict.size() + 1;
  dict.append((64 - unpadded % 64) % 64, ' ');
  dict += '\n';
  std::string file("\x93NUMPY\x01\x00", 8);
  file += char(dict.size() & 0xff);
  file += char(dict.size() >> 8);
  return file + dict + data;
}

std::string errorOf(llvm::StringRef bytes) {
  llvm::Expected<NpyArray> array = parseNpy(bytes);
  if (array)
    return "";
  return llvm::toString(array.takeError());
}

TEST(NpyTest, RoundTripEveryDTypeAndShape) {
  const std::vector<std::vector<int64_t>> shapes = {
      {}, {0}, {1}, {7}, {2, 3}, {2, 3, 5}, {1, 1, 1, 4}};
  for (DType dtype : kDTypes) {
    for (const std::vector<int64_t> &shape : shapes) {
      NpyArray original = makePatterned(dtype, shape);
      std::string bytes = serializeNpy(original);
      llvm::Expected<NpyArray> parsed = parseNpy(bytes);
      ASSERT_TRUE(bool(parsed)) << llvm::toString(parsed.takeError());
      EXPECT_EQ(parsed->getDType(), dtype);
      EXPECT_EQ(parsed->getShape(), llvm::ArrayRef<int64_t>(shape));
      ASSERT_EQ(parsed->getNumBytes(), original.getNumBytes());
      EXPECT_EQ(std::memcmp(parsed->data(), original.data(),
                            original.getNumBytes()),
                0)
          << getDTypeName(dtype).str() << " " << original.getShapeString();
    }
  }
}

TEST(NpyTest, RoundTripThroughFiles) {
  llvm::SmallString<128> dir;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("act-npy-test", dir));
  for (DType dtype : kDTypes) {
    NpyArray original = makePatterned(dtype, {3, 4});
    llvm::SmallString<128> path(dir);
    llvm::sys::path::append(path, getDTypeName(dtype) + ".npy");
    ASSERT_FALSE(bool(writeNpy(path, original)));
    llvm::Expected<NpyArray> read = readNpy(path);
    ASSERT_TRUE(bool(read)) << llvm::toString(read.takeError());
    EXPECT_EQ(read->getDType(), dtype);
    EXPECT_EQ(read->getShapeString(), "(3, 4)");
    EXPECT_EQ(std::memcmp(read->data(), original.data(), original.getNumBytes()),
              0);
    llvm::sys::fs::remove(path);
  }
  llvm::sys::fs::remove(dir);
}

TEST(NpyTest, HeaderIsWhatNumPyWrites) {
  std::string file = serializeNpy(NpyArray(DType::F32, {2, 3}));
  EXPECT_EQ(file.substr(0, 8), std::string("\x93NUMPY\x01\x00", 8));
  std::string header = getHeader(file);
  EXPECT_EQ((10 + header.size()) % 64, 0u);
  EXPECT_EQ(header.back(), '\n');
  EXPECT_EQ(header.substr(0, header.find(" }") + 2),
            "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }");
  EXPECT_NE(getHeader(serializeNpy(NpyArray(DType::BF16, {5})))
                .find("'descr': '<u2'"),
            std::string::npos);
  EXPECT_NE(getHeader(serializeNpy(NpyArray(DType::I64, {}))).find("(), }"),
            std::string::npos);
  EXPECT_NE(getHeader(serializeNpy(NpyArray(DType::F16, {9}))).find("(9,), }"),
            std::string::npos);
}

TEST(NpyTest, ReadsNumPyVariants) {
  // Version 2.0 header (4-byte length), double quotes, '=' byte order,
  // ml_dtypes' bfloat16 ('V2'), a Python 2 long dimension.
  std::string dict = "{\"descr\": \"=f8\", \"fortran_order\": False, "
                     "\"shape\": (2L,), }\n";
  std::string file("\x93NUMPY\x02\x00", 8);
  uint32_t length = dict.size();
  file.append(reinterpret_cast<const char *>(&length), 4);
  double values[2] = {1.5, -0.0};
  file += dict;
  file.append(reinterpret_cast<const char *>(values), sizeof(values));
  llvm::Expected<NpyArray> array = parseNpy(file);
  ASSERT_TRUE(bool(array)) << llvm::toString(array.takeError());
  EXPECT_EQ(array->getDType(), DType::F64);
  EXPECT_EQ(array->data<double>()[0], 1.5);
  EXPECT_TRUE(std::signbit(array->data<double>()[1]));

  llvm::Expected<NpyArray> bf16 = parseNpy(makeFile(
      "{'descr': '|V2', 'fortran_order': False, 'shape': (1,), }", "\x80\x3f"));
  ASSERT_TRUE(bool(bf16)) << llvm::toString(bf16.takeError());
  EXPECT_EQ(bf16->getDType(), DType::BF16);
  EXPECT_EQ(bf16->getFloat(0).convertToFloat(), 1.0f);
}

TEST(NpyTest, RejectsMalformedFiles) {
  const std::string f4 = "{'descr': '<f4', 'fortran_order': False, "
                         "'shape': (2,), }";
  EXPECT_EQ(errorOf("PK\x03\x04 not numpy"),
            "not a .npy file (bad magic string)");
  EXPECT_EQ(errorOf(std::string("\x93NUMPY\x01\x00\xff\x00{", 11)),
            "truncated .npy header");
  EXPECT_EQ(errorOf(std::string("\x93NUMPY\x07\x00\x00\x00", 10)),
            "unsupported .npy format version 7");
  EXPECT_EQ(errorOf(makeFile(f4, "12345")),
            "data size mismatch: shape (2,) of float32 needs 8 bytes, the "
            "file has 5");
  // A header may declare any shape: nothing is allocated before the size is
  // checked against the file, and the byte count cannot overflow.
  EXPECT_EQ(errorOf(makeFile("{'descr': '<f4', 'fortran_order': False, "
                             "'shape': (100000000000000,), }",
                             "")),
            "data size mismatch: shape (100000000000000,) of float32 needs "
            "400000000000000 bytes, the file has 0");
  EXPECT_EQ(errorOf(makeFile("{'descr': '<f4', 'fortran_order': False, "
                             "'shape': (4611686018427387904,), }",
                             "")),
            "data size mismatch: shape (4611686018427387904,) of float32 is "
            "too large to address, the file has 0 bytes");
  EXPECT_EQ(errorOf(makeFile("{'descr': '<f8', 'fortran_order': False, "
                             "'shape': (4294967296, 4294967296), }",
                             "1234")),
            "data size mismatch: shape (4294967296, 4294967296) of float64 is "
            "too large to address, the file has 4 bytes");
  EXPECT_EQ(errorOf(makeFile("{'descr': '>f4', 'fortran_order': False, "
                             "'shape': (2,), }",
                             "12345678")),
            "big-endian data ('>f4') is not supported; save it little-endian");
  EXPECT_EQ(errorOf(makeFile("{'descr': '<f4', 'fortran_order': True, "
                             "'shape': (2,), }",
                             "12345678")),
            "Fortran-order arrays are not supported; save a C-order array "
            "(numpy.ascontiguousarray)");
  EXPECT_EQ(errorOf(makeFile("{'descr': '<c8', 'fortran_order': False, "
                             "'shape': (1,), }",
                             "12345678")),
            "unsupported dtype '<c8' (supported: float16 '<f2', bfloat16 as "
            "uint16 '<u2', float32 '<f4', float64 '<f8', int32 '<i4', int64 "
            "'<i8')");
  EXPECT_EQ(errorOf(makeFile("{'descr': '<f4', 'fortran_order': False, "
                             "'shape': (2, x), }",
                             "")),
            "malformed .npy header: bad dimension 'x' in 'shape'");
  EXPECT_EQ(errorOf(makeFile("{'fortran_order': False, 'shape': (2,), }", "")),
            "malformed .npy header: no 'descr' string in '{'fortran_order': "
            "False, 'shape': (2,), }'");
  EXPECT_EQ(errorOf(makeFile("not a dict", "")),
            "malformed .npy header: expected a dict, got 'not a dict'");
}

TEST(NpyTest, ReadErrorsNameThePath) {
  llvm::Expected<NpyArray> missing = readNpy("/nonexistent/x.npy");
  ASSERT_FALSE(bool(missing));
  EXPECT_EQ(llvm::toString(missing.takeError()),
            "cannot read '/nonexistent/x.npy': No such file or directory");
}

} // namespace
