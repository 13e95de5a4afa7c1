//===- act-numerics.cpp - Measure act ops against the scalar reference ----===//
//
//   act-numerics inputs --dtype=f32 -o x.npy [--min=A] [--max=B]
//       The standard test inputs (act::getTestInputs) as a 1-D array,
//       optionally only those in [A, B].
//   act-numerics check FILE.mlir --entry=F --input=x.npy [--input=s.npy]
//                      --output=y.npy [--max-ulp=N]
//       F applies one act op to its arguments; y.npy is what compiled code
//       returned for them. Every element is compared with the scalar
//       reference: the report gives the worst ULP error, and the exit code
//       is 1 when an element is farther than N ulp, a NaN does not match,
//       or a zero has the wrong sign.
//   act-numerics compare A.npy B.npy [--max-ulp=N]
//       The same comparison between two arrays.
//
//===----------------------------------------------------------------------===//

#include "act/Dialect/Act/IR/ActDialect.h"
#include "act/Dialect/Act/IR/ActOps.h"
#include "act/InitAct.h"
#include "act/Support/Npy.h"
#include "act/Support/Numerics.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/InitAllDialects.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Parser/Parser.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>

using namespace mlir;
using namespace mlir::act;
namespace cl = llvm::cl;
using llvm::APFloat;

static cl::OptionCategory numericsCategory("act-numerics options");

static cl::SubCommand inputsCommand("inputs", "Write the standard test inputs");
static cl::SubCommand
    checkCommand("check",
                 "Compare an act op's computed results with the reference");
static cl::SubCommand compareCommand("compare",
                                     "Compare two arrays element by element");

static cl::opt<std::string> dtypeName("dtype",
                                      cl::desc("f16, bf16, f32 or f64"),
                                      cl::sub(inputsCommand),
                                      cl::cat(numericsCategory), cl::Required);
static cl::opt<std::string> outputFile("o", cl::desc("Output .npy file"),
                                       cl::sub(inputsCommand),
                                       cl::cat(numericsCategory), cl::Required);
static cl::opt<double>
    minInput("min", cl::desc("Keep only the inputs >= this value (drops NaNs)"),
             cl::sub(inputsCommand), cl::cat(numericsCategory));
static cl::opt<double>
    maxInput("max", cl::desc("Keep only the inputs <= this value (drops NaNs)"),
             cl::sub(inputsCommand), cl::cat(numericsCategory));

static cl::opt<std::string> moduleFile(cl::Positional, cl::desc("<FILE.mlir>"),
                                       cl::sub(checkCommand),
                                       cl::cat(numericsCategory), cl::Required);
static cl::opt<std::string> entryName("entry",
                                      cl::desc("Function holding the act op"),
                                      cl::sub(checkCommand),
                                      cl::cat(numericsCategory), cl::Required);
static cl::list<std::string>
    argumentFiles("input", cl::desc("The function's arguments, in order"),
                  cl::sub(checkCommand), cl::cat(numericsCategory),
                  cl::OneOrMore);
static cl::opt<std::string>
    resultFile("output", cl::desc("What the compiled function returned"),
               cl::sub(checkCommand), cl::cat(numericsCategory), cl::Required);

static cl::list<std::string> compareFiles(cl::Positional,
                                          cl::desc("<A.npy> <B.npy>"),
                                          cl::sub(compareCommand),
                                          cl::cat(numericsCategory),
                                          cl::OneOrMore);

static cl::opt<uint64_t>
    maxUlp("max-ulp", cl::desc("Largest error allowed, in ulp (default 0)"),
           cl::init(0), cl::sub(checkCommand), cl::sub(compareCommand),
           cl::cat(numericsCategory));

static cl::opt<double> absoluteTolerance(
    "atol",
    cl::desc("compare: also accept |a - b| <= atol + rtol * |b| (NumPy's "
             "allclose), for results whose op order changed (default 0)"),
    cl::init(0.0), cl::sub(compareCommand), cl::cat(numericsCategory));
static cl::opt<double> relativeTolerance(
    "rtol", cl::desc("compare: the relative part of --atol's test (default 0)"),
    cl::init(0.0), cl::sub(compareCommand), cl::cat(numericsCategory));

static int fail(const llvm::Twine &message) {
  llvm::errs() << "error: " << message << "\n";
  return 1;
}

//===----------------------------------------------------------------------===//
// Comparison
//===----------------------------------------------------------------------===//

namespace {
/// Accumulates the comparison of actual values with expected ones.
class Comparison {
public:
  explicit Comparison(uint64_t bound, double atol = 0.0, double rtol = 0.0)
      : bound(bound), atol(atol), rtol(rtol) {}

  void add(const APFloat &expected, const APFloat &actual,
           const std::string &where) {
    ++count;
    std::string problem;
    uint64_t distance = 0;
    if (expected.isNaN() || actual.isNaN()) {
      if (expected.isNaN() != actual.isNaN())
        problem = "NaN mismatch";
    } else if (expected.isZero() && actual.isZero() &&
               expected.isNegative() != actual.isNegative()) {
      problem = "sign of zero";
    } else {
      distance = getUlpDistance(expected, actual);
      double a = toDouble(expected), b = toDouble(actual);
      double difference = std::fabs(a - b);
      bool close = std::isfinite(difference) &&
                   difference <= atol + rtol * std::fabs(b);
      if (std::isfinite(difference) && difference > worstAbsolute)
        worstAbsolute = difference;
      if (distance > bound && !close)
        problem = std::to_string(distance) + " ulp";
    }
    if (distance > worst) {
      worst = distance;
      worstAt = where;
    }
    if (problem.empty())
      return;
    if (++failures <= kShownFailures)
      shown.push_back("  " + where + ": expected " + formatFloat(expected) +
                      ", got " + formatFloat(actual) + " (" + problem + ")");
  }

  /// Prints the summary line (and the first failures); true when all pass.
  bool report(llvm::raw_ostream &os, StringRef what) const {
    os << what << ": " << count << " values, max error " << worst
       << " ulp (bound " << bound;
    if (atol != 0.0 || rtol != 0.0)
      os << ", or |a - b| <= " << llvm::format("%g", atol) << " + "
         << llvm::format("%g", rtol) << " * |b|";
    os << "), " << failures << " over bound";
    if (atol != 0.0 || rtol != 0.0)
      os << "; max |a - b| " << llvm::format("%g", worstAbsolute);
    if (worst > 0)
      os << "; worst at " << worstAt;
    os << "\n";
    for (const std::string &line : shown)
      os << line << "\n";
    return failures == 0;
  }

private:
  static constexpr int kShownFailures = 10;
  static double toDouble(APFloat value) {
    bool losesInfo = false;
    value.convert(APFloat::IEEEdouble(), APFloat::rmNearestTiesToEven,
                  &losesInfo);
    return value.convertToDouble();
  }

  uint64_t bound;
  double atol, rtol;
  double worstAbsolute = 0.0;
  int64_t count = 0, failures = 0;
  uint64_t worst = 0;
  std::string worstAt;
  std::vector<std::string> shown;
};
} // namespace

static llvm::Expected<NpyArray> readFloatArray(StringRef path) {
  llvm::Expected<NpyArray> array = readNpy(path);
  if (array && !getSemantics(array->getDType()))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "'" + path + "' holds " +
                                       getDTypeName(array->getDType()) +
                                       ", not floating-point values");
  return array;
}

//===----------------------------------------------------------------------===//
// Subcommands
//===----------------------------------------------------------------------===//

static int runInputs() {
  std::optional<DType> dtype;
  for (DType candidate : {DType::F16, DType::BF16, DType::F32, DType::F64})
    if (dtypeName == (candidate == DType::F16    ? "f16"
                      : candidate == DType::BF16 ? "bf16"
                      : candidate == DType::F32  ? "f32"
                                                 : "f64"))
      dtype = candidate;
  if (!dtype)
    return fail("unknown --dtype '" + dtypeName +
                "' (expected f16, bf16, f32 or f64)");
  std::vector<APFloat> values = getTestInputs(*getSemantics(*dtype));
  if (minInput.getNumOccurrences() || maxInput.getNumOccurrences()) {
    // Compare in double: exact for every input type.
    llvm::erase_if(values, [](const APFloat &value) {
      APFloat wide = value;
      bool losesInfo;
      wide.convert(APFloat::IEEEdouble(), APFloat::rmNearestTiesToEven,
                   &losesInfo);
      double x = wide.convertToDouble();
      return std::isnan(x) || (minInput.getNumOccurrences() && x < minInput) ||
             (maxInput.getNumOccurrences() && x > maxInput);
    });
  }
  NpyArray array(*dtype, {static_cast<int64_t>(values.size())});
  for (auto [i, value] : llvm::enumerate(values))
    array.setFloat(i, value);
  if (llvm::Error error = writeNpy(outputFile, array))
    return fail(llvm::toString(std::move(error)));
  return 0;
}

static int runCheck() {
  DialectRegistry registry;
  registerAllDialects(registry);
  registerActDialects(registry);
  MLIRContext context(registry);
  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler handler(sourceMgr, &context);
  OwningOpRef<ModuleOp> module =
      parseSourceFile<ModuleOp>(moduleFile, sourceMgr, &context);
  if (!module)
    return 1;
  auto entry = dyn_cast_or_null<FunctionOpInterface>(
      SymbolTable::lookupSymbolIn(*module, entryName));
  if (!entry || entry.isExternal())
    return fail("no function '" + entryName + "' with a body in '" +
                moduleFile + "'");
  SmallVector<ActivationOpInterface> activations;
  entry->walk([&](ActivationOpInterface op) { activations.push_back(op); });
  if (activations.size() != 1)
    return fail("'" + entryName + "' must apply exactly one act op, it has " +
                llvm::Twine(activations.size()));
  ActivationOpInterface activation = activations.front();
  reference::Activation act = activation.getActivation();

  // The op's operands are arguments of the entry: find their arrays.
  SmallVector<NpyArray> arguments;
  for (const std::string &path : argumentFiles) {
    llvm::Expected<NpyArray> array = readFloatArray(path);
    if (!array)
      return fail(llvm::toString(array.takeError()));
    arguments.push_back(std::move(*array));
  }
  auto operandArray = [&](Value operand) -> const NpyArray * {
    auto argument = dyn_cast<BlockArgument>(operand);
    if (!argument || argument.getOwner()->getParentOp() != entry ||
        argument.getArgNumber() >= arguments.size())
      return nullptr;
    return &arguments[argument.getArgNumber()];
  };
  const NpyArray *x = operandArray(activation->getOperand(0));
  const NpyArray *slope = activation->getNumOperands() > 1
                              ? operandArray(activation->getOperand(1))
                              : nullptr;
  if (!x || (activation->getNumOperands() > 1 && !slope))
    return fail("the operands of " + activation->getName().getStringRef() +
                " in '" + entryName +
                "' must be arguments of the function, each given by --input");

  llvm::Expected<NpyArray> result = readFloatArray(resultFile);
  if (!result)
    return fail(llvm::toString(result.takeError()));
  if (result->getDType() != x->getDType() ||
      result->getShape() != x->getShape())
    return fail("'" + resultFile + "' is " + getDTypeName(result->getDType()) +
                " " + result->getShapeString() + ", the input is " +
                getDTypeName(x->getDType()) + " " + x->getShapeString());
  if (slope && slope->getDType() != x->getDType())
    return fail("the slope is " + getDTypeName(slope->getDType()) +
                ", the input " + getDTypeName(x->getDType()));

  Comparison comparison(maxUlp);
  for (int64_t i = 0, e = x->getNumElements(); i < e; ++i) {
    APFloat value = x->getFloat(i);
    APFloat slopeValue = slope ? slope->getFloat(getBroadcastIndex(
                                     i, x->getShape(), slope->getShape()))
                               : value;
    comparison.add(evaluateReference(act, value, slopeValue),
                   result->getFloat(i), "x=" + formatFloat(value));
  }
  std::string what =
      ("@" + entryName + " (" + activation->getName().getStringRef() + ", " +
       getDTypeName(x->getDType()) + ")")
          .str();
  return comparison.report(llvm::outs(), what) ? 0 : 1;
}

static int runCompare() {
  if (compareFiles.size() != 2)
    return fail("compare takes two .npy files");
  llvm::Expected<NpyArray> a = readFloatArray(compareFiles[0]);
  if (!a)
    return fail(llvm::toString(a.takeError()));
  llvm::Expected<NpyArray> b = readFloatArray(compareFiles[1]);
  if (!b)
    return fail(llvm::toString(b.takeError()));
  if (a->getDType() != b->getDType() || a->getShape() != b->getShape())
    return fail("'" + compareFiles[0] + "' is " + getDTypeName(a->getDType()) +
                " " + a->getShapeString() + ", '" + compareFiles[1] + "' is " +
                getDTypeName(b->getDType()) + " " + b->getShapeString());
  Comparison comparison(maxUlp, absoluteTolerance, relativeTolerance);
  for (int64_t i = 0, e = a->getNumElements(); i < e; ++i)
    comparison.add(a->getFloat(i), b->getFloat(i),
                   "element " + std::to_string(i));
  std::string what = ("compare (" + getDTypeName(a->getDType()) + ")").str();
  return comparison.report(llvm::outs(), what) ? 0 : 1;
}

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  // Only our options in --help, not the ones libLLVM registers.
  cl::HideUnrelatedOptions(numericsCategory);
  cl::ParseCommandLineOptions(
      argc, argv,
      "act-numerics: measure act ops against the scalar reference\n");
  if (inputsCommand)
    return runInputs();
  if (checkCommand)
    return runCheck();
  if (compareCommand)
    return runCompare();
  return fail("expected a subcommand: inputs, check or compare (see --help)");
}
