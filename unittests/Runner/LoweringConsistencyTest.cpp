//===- LoweringConsistencyTest.cpp - folder vs scalar vs vector code ------===//
//
// The three ways an act op gets evaluated must agree: the constant folder
// (canonicalization of the op on a constant), the scalar lowering (the op on
// a tensor, lowered by act-lower-to-cpu to loops over scalars) and the
// vector lowering (the op on vector<16xT> inside a loop). Each runs on the
// standard test inputs (act::getTestInputs) of f32, f64, f16 and bf16
// through the same JIT act-run uses. Piecewise-linear ops must agree bit for
// bit; the scalar and vector lowerings compute the same f64 formula and
// must agree bit for bit too; the folder (the reference) and the compiled
// code must agree within the ULP bound of docs/semantics.md.
//
//===----------------------------------------------------------------------===//

#include "act/Dialect/Act/IR/ActOps.h"
#include "act/InitAct.h"
#include "act/Runner/JitRunner.h"
#include "act/Support/Npy.h"
#include "act/Support/Numerics.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

using namespace mlir;
using namespace mlir::act;
using llvm::APFloat;

namespace {

struct OpCase {
  const char *name;
  /// The op applied to %x (and %slope for prelu), without the type.
  const char *expression;
  /// ULP bound between the folder and compiled code for f16/bf16/f32, and
  /// for f64 (docs/semantics.md).
  uint64_t bound32, bound64;
};

const OpCase kCases[] = {
    {"relu", "act.relu %x", 0, 0},
    {"relu_ignore", "act.relu %x {nan_mode = #act.nan_mode<ignore>}", 0, 0},
    {"leaky_relu", "act.leaky_relu %x {alpha = 0.25 : f64}", 0, 0},
    {"prelu", "act.prelu %x, %slope", 0, 0},
    {"clip", "act.clip %x {min = -1.0 : f64, max = 6.0 : f64}", 0, 0},
    {"clip_ignore",
     "act.clip %x {min = 0.0 : f64, max = 6.0 : f64, nan_mode = "
     "#act.nan_mode<ignore>}",
     0, 0},
    {"hard_sigmoid", "act.hard_sigmoid %x", 0, 0},
    {"hard_swish", "act.hard_swish %x", 0, 0},
    {"thresholded_relu", "act.thresholded_relu %x {alpha = 0.5 : f64}", 0, 0},
    {"elu", "act.elu %x", 1, 2},
    {"selu", "act.selu %x", 1, 2},
    {"celu", "act.celu %x {alpha = 2.0 : f64}", 1, 2},
    {"softplus", "act.softplus %x {beta = 2.0 : f64, threshold = 10.0 : f64}",
     1, 2},
    {"mish", "act.mish %x", 1, 400},
    {"gelu", "act.gelu %x", 1, 1200},
    {"gelu_tanh", "act.gelu %x {approximate = #act.gelu_approximation<tanh>}",
     1, 1100},
    {"silu", "act.silu %x", 1, 400},
    {"sigmoid", "act.sigmoid %x", 1, 3},
    {"tanh", "act.tanh %x", 1, 3},
    {"softsign", "act.softsign %x", 1, 2},
};

constexpr int64_t kVectorWidth = 16;

struct TypeCase {
  const char *mlirType;
  DType dtype;
};

class LoweringConsistencyTest : public ::testing::TestWithParam<TypeCase> {
protected:
  LoweringConsistencyTest() {
    DialectRegistry registry;
    registerAllDialects(registry);
    registerAllExtensions(registry);
    registerActDialects(registry);
    context.appendDialectRegistry(registry);
    context.printOpOnDiagnostic(false);
  }

  MLIRContext context;
};

/// The inputs as one array, padded with zeros to a multiple of the vector
/// width.
NpyArray makeInputs(DType dtype) {
  std::vector<APFloat> values = getTestInputs(*getSemantics(dtype));
  int64_t count = llvm::alignTo(values.size(), kVectorWidth);
  NpyArray array(dtype, {count});
  for (int64_t i = 0; i < count; ++i)
    array.setFloat(i, i < int64_t(values.size())
                          ? values[i]
                          : APFloat::getZero(*getSemantics(dtype)));
  return array;
}

/// `dense<"0x...">`: the exact bits, NaN payloads included.
std::string hexConstant(const NpyArray &array) {
  return "dense<\"0x" +
         llvm::toHex(llvm::StringRef(array.data(), array.getNumBytes())) +
         "\">";
}

std::string buildModule(const char *t, const NpyArray &inputs) {
  int64_t n = inputs.getNumElements();
  std::string tensor = "tensor<" + std::to_string(n) + "x" + t + ">";
  std::string vector =
      "vector<" + std::to_string(kVectorWidth) + "x" + t + ">";
  std::string slopeTensor = std::string("tensor<1x") + t + ">";
  std::string source;
  llvm::raw_string_ostream os(source);
  for (const OpCase &op : kCases) {
    bool prelu = llvm::StringRef(op.name) == "prelu";
    // `%y = op(%x)` on the tensor, and `return %y`.
    auto applyOnTensor = [&]() {
      if (prelu)
        os << "  %slope = arith.constant dense<0.25> : " << slopeTensor
           << "\n  %y = " << op.expression << " : " << tensor << ", "
           << slopeTensor << "\n";
      else
        os << "  %y = " << op.expression << " : " << tensor << "\n";
      os << "  return %y : " << tensor << "\n}\n";
    };
    // Folded: the op on constants; canonicalization leaves a constant.
    os << "func.func @folded_" << op.name << "() -> " << tensor << " {\n"
       << "  %x = arith.constant " << hexConstant(inputs) << " : " << tensor
       << "\n";
    applyOnTensor();

    // Scalar: the op on a tensor argument, lowered to scalar loops.
    os << "func.func @scalar_" << op.name << "(%x: " << tensor << ") -> "
       << tensor << " {\n";
    applyOnTensor();

    // Vector: the op on vectors of 16 elements, one per loop iteration.
    os << "func.func @vector_" << op.name << "(%input: " << tensor << ") -> "
       << tensor << " {\n"
       << "  %c0 = arith.constant 0 : index\n"
       << "  %step = arith.constant " << kVectorWidth << " : index\n"
       << "  %n = arith.constant " << n << " : index\n"
       << "  %pad = arith.constant 0.0 : " << t << "\n"
       << "  %init = tensor.empty() : " << tensor << "\n"
       << "  %r = scf.for %i = %c0 to %n step %step iter_args(%acc = %init) "
          "-> ("
       << tensor << ") {\n"
       << "    %x = vector.transfer_read %input[%i], %pad {in_bounds = [true]}"
       << " : " << tensor << ", " << vector << "\n";
    if (prelu)
      os << "    %s = arith.constant 0.25 : " << t << "\n"
         << "    %slope = vector.broadcast %s : " << t << " to " << vector
         << "\n"
         << "    %y = " << op.expression << " : " << vector << ", " << vector
         << "\n";
    else
      os << "    %y = " << op.expression << " : " << vector << "\n";
    os << "    %w = vector.transfer_write %y, %acc[%i] {in_bounds = [true]} : "
       << vector << ", " << tensor << "\n"
       << "    scf.yield %w : " << tensor << "\n  }\n"
       << "  return %r : " << tensor << "\n}\n";
  }
  return source;
}

/// Number of elements where `actual` is more than `bound` ulp from
/// `expected`, has NaN where `expected` has none (or the reverse), or a zero
/// of the other sign. With `bitwise`, any difference in the bits counts,
/// except, with `anyNaN`, between two NaNs: IEEE-754 does not specify the
/// payload of a NaN result, and the f16/bf16 conversions of the folder
/// (APFloat) and of the generated code quiet signaling NaNs differently.
int64_t countMismatches(const NpyArray &expected, const NpyArray &actual,
                        uint64_t bound, bool bitwise, bool anyNaN,
                        std::string &first) {
  int64_t mismatches = 0;
  for (int64_t i = 0, e = expected.getNumElements(); i < e; ++i) {
    APFloat a = expected.getFloat(i), b = actual.getFloat(i);
    bool bad;
    if (bitwise)
      bad = !a.bitwiseIsEqual(b) && !(anyNaN && a.isNaN() && b.isNaN());
    else if (a.isNaN() || b.isNaN())
      bad = a.isNaN() != b.isNaN();
    else if (a.isZero() && b.isZero())
      bad = a.isNegative() != b.isNegative();
    else
      bad = getUlpDistance(a, b) > bound;
    if (bad && mismatches++ == 0)
      first = "element " + std::to_string(i) + ": " + formatFloat(a) +
              " vs " + formatFloat(b);
  }
  return mismatches;
}

TEST_P(LoweringConsistencyTest, FolderScalarAndVectorAgree) {
  const TypeCase &type = GetParam();
  NpyArray inputs = makeInputs(type.dtype);
  std::string source = buildModule(type.mlirType, inputs);
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(source, &context);
  ASSERT_TRUE(module);

  // The folder must have evaluated every @folded_ function completely.
  {
    OwningOpRef<ModuleOp> canonical = module->clone();
    PassManager pm(&context);
    pm.addPass(createCanonicalizerPass());
    ASSERT_TRUE(succeeded(pm.run(*canonical)));
    canonical->walk([](ActivationOpInterface op) {
      auto function = op->getParentOfType<FunctionOpInterface>();
      EXPECT_FALSE(function.getName().starts_with("folded_"))
          << "not folded: " << function.getName().str();
    });
  }

  JitOptions options;
  options.entry = std::string("scalar_") + kCases[0].name;
  FailureOr<std::unique_ptr<JitModule>> jit =
      JitModule::create(*module, options);
  ASSERT_TRUE(succeeded(jit));

  bool isF64 = type.dtype == DType::F64;
  // f32 and f64 NaNs match bit for bit too; f16/bf16 NaN payloads may not.
  bool anyNaN = type.dtype == DType::F16 || type.dtype == DType::BF16;
  for (const OpCase &op : kCases) {
    SCOPED_TRACE(op.name);
    auto run = [&](const std::string &name,
                   ArrayRef<const NpyArray *> arguments) -> NpyArray {
      auto results = (*jit)->call(name, arguments);
      if (!results) {
        ADD_FAILURE() << name << ": " << llvm::toString(results.takeError());
        return NpyArray();
      }
      return std::move((*results)[0]);
    };
    NpyArray folded = run(std::string("folded_") + op.name, {});
    NpyArray scalar = run(std::string("scalar_") + op.name, {&inputs});
    NpyArray vector = run(std::string("vector_") + op.name, {&inputs});
    if (HasFailure())
      return;

    std::string first;
    // Scalar and vector code compute the same formula: identical bits.
    EXPECT_EQ(countMismatches(scalar, vector, 0, /*bitwise=*/true, anyNaN,
                              first), 0)
        << "scalar vs vector, first at " << first;
    uint64_t bound = isF64 ? op.bound64 : op.bound32;
    if (bound == 0) {
      // Piecewise-linear: the folder agrees bit for bit as well.
      EXPECT_EQ(countMismatches(folded, scalar, 0, /*bitwise=*/true, anyNaN,
                                first), 0)
          << "folder vs scalar, first at " << first;
    } else {
      EXPECT_EQ(countMismatches(folded, scalar, bound, /*bitwise=*/false,
                                anyNaN, first),
                0)
          << "folder vs scalar beyond " << bound << " ulp, first at "
          << first;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    AllTypes, LoweringConsistencyTest,
    ::testing::Values(TypeCase{"f32", DType::F32}, TypeCase{"f64", DType::F64},
                      TypeCase{"f16", DType::F16},
                      TypeCase{"bf16", DType::BF16}),
    [](const ::testing::TestParamInfo<TypeCase> &info) {
      return std::string(info.param.mlirType);
    });

} // namespace
