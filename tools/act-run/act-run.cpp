//===- act-run.cpp - JIT runner and benchmark for act-mlir ----------------===//
//
// Runs one function of a module on .npy inputs (or seeded random ones):
// lowers it with act-lower-to-cpu unless it is already in the LLVM dialect,
// JIT-compiles it at -O3 for the host CPU, writes and/or prints the results,
// and optionally times repeated calls.
//
//===----------------------------------------------------------------------===//

#include "act/Dialect/Act/Transforms/Passes.h"
#include "act/InitAct.h"
#include "act/Runner/JitRunner.h"
#include "act/Support/Npy.h"
#include "act/Support/Numerics.h"
#include "act/Target/ONNX/ImportONNX.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Transforms/Passes.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <ctime>
#include <limits>
#include <random>

using namespace mlir;
using namespace mlir::act;
namespace cl = llvm::cl;

static cl::OptionCategory runCategory("act-run options");

static cl::opt<std::string>
    inputFilename(cl::Positional,
                  cl::desc("<input .mlir file, or .onnx model>"),
                  cl::init("-"), cl::cat(runCategory));
static cl::opt<std::string>
    entryName("entry",
              cl::desc("Function to run (default: `main`, else the only "
                       "public function)"),
              cl::value_desc("name"), cl::cat(runCategory));
static cl::list<std::string>
    inputFiles("input",
               cl::desc("A .npy file for the next argument of the entry, in "
                        "order (f16, bf16 as uint16, f32, f64, i32, i64; C "
                        "order), or an ONNX TensorProto file (.pb, as the "
                        "ONNX backend tests ship). Dynamic dimensions take "
                        "the file's sizes"),
               cl::value_desc("path.npy|path.pb"), cl::cat(runCategory));
static cl::opt<bool> randomInputs(
    "random-inputs",
    cl::desc("Fill the arguments not given with --input with seeded random "
             "values: uniform in [-4, 4) for floats, integers in [-100, "
             "100]; their shapes must be static"),
    cl::cat(runCategory));
static cl::opt<uint64_t> seed("seed", cl::desc("Seed of --random-inputs"),
                              cl::init(0), cl::cat(runCategory));
static cl::opt<std::string>
    outputDir("output-dir",
              cl::desc("Write the results as DIR/out0.npy, DIR/out1.npy, ... "
                       "(the directory is created)"),
              cl::value_desc("dir"), cl::cat(runCategory));
static cl::opt<bool>
    printResults("print",
                 cl::desc("Print each result: type, shape, dtype and values "
                          "(summarised with ... beyond 1000 elements)"),
                 cl::cat(runCategory));
static cl::opt<unsigned> benchIterations(
    "bench",
    cl::desc("Time N calls after 3 warm-up calls; the last line printed is "
             "`bench: median_ms=<x> min_ms=<y> max_ms=<z> iters=<N> "
             "cpu_median_ms=<c>` (CPU time of all threads)"),
    cl::value_desc("N"), cl::init(0), cl::cat(runCategory));
static cl::opt<std::string>
    target("target", cl::desc("Where to run; `cpu` (the host) is the only "
                              "target so far"),
           cl::init("cpu"), cl::cat(runCategory));

static cl::list<std::string> printIRAfter(
    "print-ir-after",
    cl::desc("Print the module to stdout after these stages, comma-separated: "
             "import (as imported or parsed), fuse (after act-raise and "
             "act-fuse; .onnx models only), lower (after act-lower-to-cpu)"),
    cl::value_desc("import,fuse,lower"), cl::CommaSeparated,
    cl::cat(runCategory));
static cl::opt<bool> fusionReport(
    "fusion-report",
    cl::desc("For .onnx models: print act-fuse's remarks (what was fused, "
             "what was not and why) on stderr"),
    cl::cat(runCategory));
static cl::list<std::string>
    dims("dim",
         cl::desc("For .onnx models: the size of a symbolic input dimension, "
                  "e.g. --dim=batch=8 (repeatable)"),
         cl::value_desc("NAME=VALUE"), cl::cat(runCategory));

static int fail(const llvm::Twine &message) {
  llvm::errs() << "error: " << message << "\n";
  return 1;
}

//===----------------------------------------------------------------------===//
// Random inputs
//===----------------------------------------------------------------------===//

static NpyArray makeRandomArray(const TensorSpec &spec, std::mt19937_64 &rng) {
  NpyArray array(spec.dtype, spec.shape);
  int64_t count = array.getNumElements();
  if (const llvm::fltSemantics *semantics = getSemantics(spec.dtype)) {
    std::uniform_real_distribution<double> uniform(-4.0, 4.0);
    const llvm::APFloat four(*semantics, 4);
    for (int64_t i = 0; i < count; ++i) {
      // Rounding to f16/bf16 can reach 4.0 itself: draw again, so the
      // range stays half-open in every type.
      llvm::APFloat value(0.0);
      do {
        value = llvm::APFloat(uniform(rng));
        bool losesInfo;
        value.convert(*semantics, llvm::APFloat::rmNearestTiesToEven,
                      &losesInfo);
      } while (value.compare(four) != llvm::APFloat::cmpLessThan);
      array.setFloat(i, value);
    }
    return array;
  }
  std::uniform_int_distribution<int64_t> uniform(-100, 100);
  for (int64_t i = 0; i < count; ++i) {
    if (spec.dtype == DType::I32)
      array.data<int32_t>()[i] = static_cast<int32_t>(uniform(rng));
    else
      array.data<int64_t>()[i] = uniform(rng);
  }
  return array;
}

//===----------------------------------------------------------------------===//
// Printing
//===----------------------------------------------------------------------===//

/// Beyond this many elements, print the first and last kEdgeItems along each
/// dimension (NumPy's defaults).
static constexpr int64_t kSummaryThreshold = 1000;
static constexpr int64_t kEdgeItems = 3;

static std::string formatElement(const NpyArray &array, int64_t i) {
  if (getSemantics(array.getDType()))
    return formatFloat(array.getFloat(i));
  return std::to_string(array.getInt(i));
}

static void printValues(llvm::raw_ostream &os, const NpyArray &array,
                        unsigned dim, int64_t offset, bool summarise,
                        unsigned indent) {
  ArrayRef<int64_t> shape = array.getShape();
  if (dim == shape.size()) {
    os << formatElement(array, offset);
    return;
  }
  int64_t stride = 1;
  for (unsigned d = dim + 1; d < shape.size(); ++d)
    stride *= shape[d];
  os << "[";
  bool innermost = dim + 1 == shape.size();
  for (int64_t i = 0; i < shape[dim]; ++i) {
    if (summarise && shape[dim] > 2 * kEdgeItems && i == kEdgeItems) {
      os << (innermost ? "..., " : "...,\n" + std::string(indent + 1, ' '));
      i = shape[dim] - kEdgeItems - 1;
      continue;
    }
    printValues(os, array, dim + 1, offset + i * stride, summarise,
                indent + 1);
    if (i + 1 < shape[dim]) {
      os << ",";
      if (innermost)
        os << " ";
      else
        os << std::string(shape.size() - dim - 1, '\n')
           << std::string(indent + 1, ' ');
    }
  }
  os << "]";
}

static void printArray(llvm::raw_ostream &os, StringRef name,
                       const TensorSpec &spec, const NpyArray &array) {
  os << name << ": " << spec.typeString << " shape=" << array.getShapeString()
     << " dtype=" << getDTypeName(array.getDType()) << "\n";
  printValues(os, array, 0, 0, array.getNumElements() > kSummaryThreshold, 0);
  os << "\n";
}

//===----------------------------------------------------------------------===//
// main
//===----------------------------------------------------------------------===//

/// Keep freed memory in the process, as a long-running program with a
/// caching allocator does: glibc otherwise maps blocks above its (adaptive)
/// threshold afresh and unmaps them on free, so every call of compiled code
/// would fault in its temporaries (a padded convolution input, a packed B)
/// page by page again. 32 MiB is the largest threshold glibc accepts.
static void keepFreedMemory() {
#if defined(__GLIBC__)
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
}

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  keepFreedMemory();
  // libLLVM already registers a hidden, undocumented `-threads` option (an
  // LTO leftover); take the name over instead of clashing with it at static
  // initialization.
  if (cl::Option *existing = cl::getRegisteredOptions().lookup("threads"))
    existing->removeArgument();
  cl::opt<unsigned> threads(
      "threads",
      cl::desc("act-lower-to-cpu's threads option: 1 runs plain loops, N > 1 "
               "runs the parallel loops on N OpenMP threads, 0 on the OpenMP "
               "runtime's default (OMP_NUM_THREADS). IR already lowered "
               "keeps the threading it was lowered with"),
      cl::init(1), cl::cat(runCategory));
  cl::HideUnrelatedOptions(runCategory);
  cl::ParseCommandLineOptions(
      argc, argv,
      "act-run: JIT-compile and run an act-mlir module on the host CPU\n\n"
      "  act-run FILE.mlir|MODEL.onnx [--entry=NAME] [--input=PATH.npy]... "
      "[--random-inputs] [--seed=N]\n"
      "          [--output-dir=DIR] [--print] [--bench=N] [--threads=N] "
      "[--target=cpu]\n"
      "          [--print-ir-after=import,fuse,lower] [--fusion-report] "
      "[--dim=NAME=VALUE]...\n\n"
      "An .onnx model is imported (act-import-onnx), canonicalized, raised "
      "and fused first.\n"
      "The module may be at any level act-opt handles (act + linalg + tensor "
      "+ arith/math on\ntensors, or IR already lowered by act-lower-to-cpu); "
      "it is lowered with act-lower-to-cpu\nwhen it is not in the LLVM "
      "dialect yet. The entry takes and returns ranked tensors;\nits inputs "
      "are read-only to it. Errors print `error: ...` and exit with 1.\n");

  if (target != "cpu")
    return fail("unsupported target '" + target + "' (supported: cpu)");
  bool onnxModel = llvm::StringRef(inputFilename).ends_with(".onnx");
  bool printAfterImport = false, printAfterFuse = false,
       printAfterLower = false;
  for (const std::string &stage : printIRAfter) {
    if (stage == "import")
      printAfterImport = true;
    else if (stage == "fuse" && onnxModel)
      printAfterFuse = true;
    else if (stage == "lower")
      printAfterLower = true;
    else if (stage == "fuse")
      return fail("--print-ir-after=fuse: act-run fuses .onnx models only "
                  "(run act-opt --act-fuse on .mlir input)");
    else
      return fail("--print-ir-after: unknown stage '" + stage +
                  "' (import, fuse, lower)");
  }
  ONNXImportOptions importOptions;
  // Weights as dense literals rather than resources: nothing prints them
  // in full here, and the matmul kernel packs constant dense weights at
  // compile time.
  importOptions.resourceThreshold = std::numeric_limits<int64_t>::max();
  for (const std::string &dim : dims) {
    auto [name, value] = llvm::StringRef(dim).split('=');
    int64_t size;
    if (name.empty() || value.getAsInteger(10, size) || size < 0)
      return fail("--dim=" + dim + ": expected NAME=VALUE with VALUE >= 0");
    importOptions.dimSizes[name] = size;
  }
  if (!onnxModel && (!dims.empty() || fusionReport))
    return fail(llvm::Twine(dims.empty() ? "--fusion-report" : "--dim") +
                " applies to .onnx models only");
  if (!randomInputs && seed.getNumOccurrences())
    return fail("--seed needs --random-inputs");

  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registerActDialects(registry);
  MLIRContext context(registry);
  // A failing pass would otherwise print the whole module after its error.
  context.printOpOnDiagnostic(false);

  // An .mlir module's diagnostics print as file:line:col: error: ...; an
  // ONNX model's name the node (`error: ONNX node 'conv1' (Conv): ...`).
  llvm::SourceMgr sourceMgr;
  std::unique_ptr<SourceMgrDiagnosticHandler> sourceHandler;
  std::unique_ptr<ScopedDiagnosticHandler> importHandler;
  OwningOpRef<ModuleOp> module;
  if (onnxModel) {
    importHandler = std::make_unique<ScopedDiagnosticHandler>(
        &context, [](Diagnostic &diagnostic) {
          printImportDiagnostic(diagnostic, llvm::errs());
          return success();
        });
    module = importONNXFile(inputFilename, &context, importOptions);
  } else {
    std::string errorMessage;
    std::unique_ptr<llvm::MemoryBuffer> file =
        openInputFile(inputFilename, &errorMessage);
    if (!file)
      return fail(errorMessage);
    sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
    sourceHandler =
        std::make_unique<SourceMgrDiagnosticHandler>(sourceMgr, &context);
    module = parseSourceFile<ModuleOp>(sourceMgr, &context);
  }
  if (!module)
    return 1;
  OpPrintingFlags printFlags;
  printFlags.elideLargeElementsAttrs(16).elideLargeResourceString(16);
  auto printStage = [&](llvm::StringRef stage, ModuleOp op) {
    llvm::outs() << "// ----- IR after " << stage << " ----- //\n";
    op.print(llvm::outs(), printFlags);
    llvm::outs() << "\n";
  };
  if (printAfterImport)
    printStage("import", *module);

  // An imported model goes through the graph-level rewrites that follow
  // import: canonicalization (constant folding), raising and fusion.
  if (onnxModel) {
    PassManager pm(&context);
    pm.addPass(createCanonicalizerPass());
    pm.addPass(createActRaise());
    ActFuseOptions fuseOptions;
    fuseOptions.report = fusionReport;
    pm.addPass(createActFuse(fuseOptions));
    if (failed(pm.run(*module)))
      return 1;
    if (printAfterFuse)
      printStage("fuse", *module);
  }

  // Read the inputs before compiling: a bad file should not cost a JIT.
  SmallVector<NpyArray> inputs;
  for (const std::string &path : inputFiles) {
    llvm::Expected<NpyArray> array = llvm::StringRef(path).ends_with(".pb")
                                         ? readONNXTensor(path)
                                         : readNpy(path);
    if (!array)
      return fail(llvm::toString(array.takeError()));
    inputs.push_back(std::move(*array));
  }

  JitOptions options;
  options.entry = entryName;
  options.threads = threads;
  if (printAfterLower)
    options.afterLowering = [&](ModuleOp lowered) {
      printStage("lower", lowered);
    };
  FailureOr<std::unique_ptr<JitModule>> jit =
      JitModule::create(module.get(), options);
  if (failed(jit))
    return 1;
  ArrayRef<TensorSpec> arguments = (*jit)->getArguments();

  if (inputs.size() > arguments.size())
    return fail(llvm::Twine(inputs.size()) + " --input files given, but '" +
                (*jit)->getEntryName() + "' takes " +
                llvm::Twine(arguments.size()) + " argument(s)");
  if (inputs.size() < arguments.size() && !randomInputs)
    return fail("'" + (*jit)->getEntryName() + "' takes " +
                llvm::Twine(arguments.size()) + " argument(s), " +
                llvm::Twine(inputs.size()) +
                " --input file(s) given (or use --random-inputs)");
  std::mt19937_64 rng(seed);
  for (size_t i = inputs.size(); i < arguments.size(); ++i) {
    if (llvm::any_of(arguments[i].shape, ShapedType::isDynamic))
      return fail("argument #" + llvm::Twine(i) + " of '" +
                  (*jit)->getEntryName() + "' (" + arguments[i].typeString +
                  ") has dynamic dimensions: --random-inputs cannot choose "
                  "its shape; give it with --input");
    inputs.push_back(makeRandomArray(arguments[i], rng));
  }
  SmallVector<const NpyArray *> inputPointers;
  for (const NpyArray &input : inputs)
    inputPointers.push_back(&input);

  llvm::Expected<SmallVector<NpyArray>> outputs =
      (*jit)->call(inputPointers);
  if (!outputs)
    return fail(llvm::toString(outputs.takeError()));
  ArrayRef<TensorSpec> results = (*jit)->getResults();

  if (!outputDir.empty()) {
    if (std::error_code ec = llvm::sys::fs::create_directories(outputDir))
      return fail("cannot create '" + outputDir + "': " + ec.message());
    for (auto [i, output] : llvm::enumerate(*outputs)) {
      llvm::SmallString<128> path(outputDir);
      llvm::sys::path::append(path, "out" + std::to_string(i) + ".npy");
      if (llvm::Error error = writeNpy(path, output))
        return fail(llvm::toString(std::move(error)));
    }
  }
  if (printResults)
    for (auto [i, output] : llvm::enumerate(*outputs))
      printArray(llvm::outs(), "out" + std::to_string(i), results[i], output);

  if (benchIterations) {
    const JitTimings &timings = (*jit)->getTimings();
    llvm::outs() << llvm::format("compile: lower_ms=%.3f jit_ms=%.3f\n",
                                 timings.lowerMs, timings.compileMs);
    for (int warmup = 0; warmup < 3; ++warmup)
      if (llvm::Error error = (*jit)->callAndDiscard(inputPointers))
        return fail(llvm::toString(std::move(error)));
    // Wall time, and the process's CPU time (all threads): on a loaded
    // machine the CPU time of a 1-thread run leaves out the time slices
    // other processes took.
    std::vector<double> times, cpuTimes;
    auto cpuMilliseconds = [] {
      timespec now;
      clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
      return now.tv_sec * 1e3 + now.tv_nsec * 1e-6;
    };
    for (unsigned i = 0; i < benchIterations; ++i) {
      double cpuStart = cpuMilliseconds();
      auto start = std::chrono::steady_clock::now();
      if (llvm::Error error = (*jit)->callAndDiscard(inputPointers))
        return fail(llvm::toString(std::move(error)));
      times.push_back(std::chrono::duration<double, std::milli>(
                          std::chrono::steady_clock::now() - start)
                          .count());
      cpuTimes.push_back(cpuMilliseconds() - cpuStart);
    }
    auto median = [](std::vector<double> &values) {
      std::sort(values.begin(), values.end());
      size_t n = values.size();
      return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    };
    double wallMedian = median(times);
    llvm::outs() << llvm::format(
        "bench: median_ms=%.4f min_ms=%.4f max_ms=%.4f iters=%u "
        "cpu_median_ms=%.4f\n",
        wallMedian, times.front(), times.back(), benchIterations.getValue(),
        median(cpuTimes));
  }

  if (!printResults && outputDir.empty() && !benchIterations)
    for (auto [i, output] : llvm::enumerate(*outputs))
      llvm::outs() << "out" << i << ": " << results[i].typeString
                   << " shape=" << output.getShapeString()
                   << " dtype=" << getDTypeName(output.getDType())
                   << " (use --print or --output-dir for the values)\n";
  return 0;
}
