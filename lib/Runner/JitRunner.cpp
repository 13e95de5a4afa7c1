//===- JitRunner.cpp - JIT-compile and call act-mlir modules --------------===//

#include "act/Runner/JitRunner.h"

#include "act/Dialect/Act/IR/ActDialect.h"
#include "act/Pipelines/Pipelines.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/OpenMP/OpenMPDialect.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/OpenMP/OpenMPToLLVMIRTranslation.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"

#include <chrono>
#include <cstdlib>
#include <cstring>

using namespace mlir;
using namespace mlir::act;

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

static double millisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(
             std::chrono::steady_clock::now() - start)
      .count();
}

bool mlir::act::isLoweredToLLVM(ModuleOp module) {
  WalkResult result = module.getBody()->walk([](Operation *op) {
    Dialect *dialect = op->getDialect();
    if (isa_and_nonnull<LLVM::LLVMDialect, omp::OpenMPDialect>(dialect))
      return WalkResult::advance();
    return WalkResult::interrupt();
  });
  return !result.wasInterrupted();
}

//===----------------------------------------------------------------------===//
// Entry and signature
//===----------------------------------------------------------------------===//

static FailureOr<FunctionOpInterface> findEntry(ModuleOp module,
                                                StringRef name) {
  if (!name.empty()) {
    auto function = dyn_cast_or_null<FunctionOpInterface>(
        SymbolTable::lookupSymbolIn(module, name));
    if (!function)
      return module.emitError() << "no function named '" << name << "'";
    if (function.isExternal())
      return function.emitError()
             << "entry function '" << name << "' has no body";
    return function;
  }
  if (auto main = dyn_cast_or_null<FunctionOpInterface>(
          SymbolTable::lookupSymbolIn(module, "main"));
      main && !main.isExternal())
    return main;
  SmallVector<FunctionOpInterface> candidates;
  for (auto function : module.getOps<FunctionOpInterface>())
    if (function.isPublic() && !function.isExternal())
      candidates.push_back(function);
  if (candidates.size() == 1)
    return candidates.front();
  InFlightDiagnostic diag = module.emitError()
                            << "no 'main' function and "
                            << candidates.size()
                            << " public functions; name the entry";
  for (FunctionOpInterface candidate : candidates)
    diag.attachNote(candidate.getLoc())
        << "candidate '" << candidate.getName() << "'";
  return failure();
}

/// A function's type as its caller sees it: the recorded act.signature
/// once it is lowered, its own type while it is still a func.func; null for
/// an llvm.func that recorded nothing.
static FunctionType getCallerType(FunctionOpInterface function) {
  if (auto recorded = function->getAttrOfType<TypeAttr>(
          ActDialect::getSignatureAttrName()))
    if (auto type = dyn_cast<FunctionType>(recorded.getValue()))
      return type;
  return dyn_cast<FunctionType>(function.getFunctionType());
}

static FailureOr<TensorSpec> getTensorSpec(FunctionOpInterface function,
                                           Type type, StringRef what,
                                           unsigned index) {
  auto reject = [&]() {
    return function.emitError()
           << what << " #" << index << " of '" << function.getName()
           << "' has type " << type
           << "; the entry must take and return ranked tensors (or memrefs "
              "with the identity layout) of f16, bf16, f32, f64, i32 or i64";
  };
  auto shaped = dyn_cast<ShapedType>(type);
  if (!shaped || !isa<RankedTensorType, MemRefType>(type))
    return reject();
  if (auto memref = dyn_cast<MemRefType>(type);
      memref && !memref.getLayout().isIdentity())
    return reject();
  std::optional<DType> dtype = getDType(shaped.getElementType());
  if (!dtype)
    return reject();
  TensorSpec spec;
  spec.dtype = *dtype;
  spec.shape.assign(shaped.getShape().begin(), shaped.getShape().end());
  llvm::raw_string_ostream os(spec.typeString);
  os << type;
  return spec;
}

/// The caller's view of `function`; diagnostics (on the context) say why a
/// function cannot be called with tensors.
static FailureOr<FunctionSignature>
getFunctionSignature(FunctionOpInterface function) {
  FunctionType type = getCallerType(function);
  if (!type)
    return function.emitError()
           << "cannot tell what '" << function.getName()
           << "' takes and returns: it is lowered to LLVM but carries no '"
           << ActDialect::getSignatureAttrName()
           << "' attribute (act-lower-to-cpu records it; lower with that "
              "pipeline, or give act-run the IR before lowering)";
  FunctionSignature signature;
  auto collect = [&](SmallVectorImpl<TensorSpec> &specs, StringRef what,
                     TypeRange types) -> LogicalResult {
    for (auto [i, t] : llvm::enumerate(types)) {
      FailureOr<TensorSpec> spec = getTensorSpec(function, t, what, i);
      if (failed(spec))
        return failure();
      specs.push_back(std::move(*spec));
    }
    return success();
  };
  if (failed(collect(signature.arguments, "argument", type.getInputs())) ||
      failed(collect(signature.results, "result", type.getResults())))
    return failure();
  return signature;
}

//===----------------------------------------------------------------------===//
// Creation
//===----------------------------------------------------------------------===//

static FailureOr<std::unique_ptr<llvm::TargetMachine>>
createHostTargetMachine(ModuleOp module) {
  llvm::Expected<llvm::orc::JITTargetMachineBuilder> builder =
      llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!builder)
    return module.emitError() << "cannot describe the host CPU: "
                              << llvm::toString(builder.takeError());
  // The host's real features (AVX-512 where present), not the baseline
  // x86-64 ones detectHost() settles for.
  builder->setCPU(llvm::sys::getHostCPUName().str());
  llvm::SubtargetFeatures features;
  for (const auto &feature : llvm::sys::getHostCPUFeatures())
    features.AddFeature(feature.getKey(), feature.getValue());
  builder->setFeatures(features.getString());
  builder->setCodeGenOptLevel(llvm::CodeGenOptLevel::Aggressive);
  llvm::Expected<std::unique_ptr<llvm::TargetMachine>> machine =
      builder->createTargetMachine();
  if (!machine)
    return module.emitError() << "cannot create a target machine for the "
                                 "host: "
                              << llvm::toString(machine.takeError());
  return std::move(*machine);
}

static bool usesOpenMP(ModuleOp module) {
  return module
      .walk([](Operation *op) {
        return isa<omp::OpenMPDialect>(op->getDialect())
                   ? WalkResult::interrupt()
                   : WalkResult::advance();
      })
      .wasInterrupted();
}

static unsigned getNumDescriptorFields(ArrayRef<TensorSpec> specs) {
  unsigned fields = 0;
  for (const TensorSpec &spec : specs)
    fields += 3 + 2 * spec.shape.size();
  return fields;
}

/// Whether a lowered `function` has a calling convention `signature`
/// implies: each tensor argument expanded into its descriptor fields, and
/// either a result (a descriptor struct, or a struct of them) exactly when
/// there are results, or (results-to-out-params) no result and one
/// trailing descriptor argument per result, which the caller allocates.
/// Records which in `signature`. Success for functions that are not
/// llvm.func yet.
static LogicalResult checkLoweredSignature(LLVM::LLVMFuncOp function,
                                           FunctionSignature &signature) {
  if (!function)
    return success();
  LLVM::LLVMFunctionType type = function.getFunctionType();
  unsigned argumentFields = getNumDescriptorFields(signature.arguments);
  bool returnsNothing = isa<LLVM::LLVMVoidType>(type.getReturnType());
  if (!signature.results.empty() && returnsNothing &&
      type.getNumParams() ==
          argumentFields + getNumDescriptorFields(signature.results)) {
    signature.resultsAsArguments = true;
    return success();
  }
  if (type.getNumParams() != argumentFields)
    return failure();
  if (signature.results.empty() != returnsNothing)
    return failure();
  if (!returnsNothing && !isa<LLVM::LLVMStructType>(type.getReturnType()))
    return failure();
  return success();
}

JitModule::~JitModule() = default;

FailureOr<std::unique_ptr<JitModule>>
JitModule::create(ModuleOp module, const JitOptions &options) {
  std::unique_ptr<JitModule> jit(new JitModule());

  FailureOr<FunctionOpInterface> entry = findEntry(module, options.entry);
  if (failed(entry))
    return failure();
  jit->entryName = entry->getName().str();
  FailureOr<FunctionSignature> entrySignature = getFunctionSignature(*entry);
  if (failed(entrySignature))
    return failure();
  jit->signatures[jit->entryName] = std::move(*entrySignature);

  // The other public functions that take and return tensors can be called
  // too; the rest are silently not callable.
  {
    // Probe quietly: a function act-run cannot call is not an error unless
    // it is the entry.
    ScopedDiagnosticHandler quiet(module.getContext(),
                                  [](Diagnostic &) { return success(); });
    for (auto function : module.getOps<FunctionOpInterface>()) {
      if (!function.isPublic() || function.isExternal() ||
          function.getName() == jit->entryName)
        continue;
      if (FailureOr<FunctionSignature> signature =
              getFunctionSignature(function);
          succeeded(signature))
        jit->signatures[function.getName()] = std::move(*signature);
    }
  }

  // Lower what is not lowered yet.
  if (!isLoweredToLLVM(module)) {
    auto start = std::chrono::steady_clock::now();
    // The caller owns the inputs: the compiled code may read them only.
    MLIRContext *context = module.getContext();
    context->getOrLoadDialect<bufferization::BufferizationDialect>();
    for (unsigned i = 0, e = entry->getNumArguments(); i < e; ++i)
      if (isa<TensorType>(entry->getArgument(i).getType()))
        entry->setArgAttr(
            i, bufferization::BufferizationDialect::kWritableAttrName,
            BoolAttr::get(context, false));
    PassManager pm(context);
    ActLowerToCPUOptions pipelineOptions;
    pipelineOptions.threads = options.threads;
    buildActLowerToCPUPipeline(pm, pipelineOptions);
    if (failed(pm.run(module)))
      return module.emitError()
             << "act-lower-to-cpu failed to lower the module";
    jit->timings.lowerMs = millisecondsSince(start);
    if (options.afterLowering)
      options.afterLowering(module);
  }

  // The lowered functions must take what their signatures say: one
  // argument per memref descriptor field, a struct result if any. A
  // recorded signature that does not fit (hand-written, or copied onto the
  // wrong function) would otherwise make the call read garbage.
  for (auto it = jit->signatures.begin(); it != jit->signatures.end();) {
    auto function = module.lookupSymbol<LLVM::LLVMFuncOp>(it->first());
    LogicalResult fits = checkLoweredSignature(function, it->second);
    if (failed(fits) && it->first() == jit->entryName)
      return function.emitError()
             << "'" << jit->entryName << "' does not match its "
             << ActDialect::getSignatureAttrName() << ": the lowered function "
             << "should take " << getNumDescriptorFields(it->second.arguments)
             << " arguments (3 + 2 * rank per tensor) and "
             << (it->second.results.empty()
                     ? "return nothing"
                     : "return a struct of descriptors, or take " +
                           std::to_string(
                               getNumDescriptorFields(it->second.results)) +
                           " more (its results as out-params) and return "
                           "nothing");
    if (failed(fits))
      jit->signatures.erase(it++);
    else
      ++it;
  }

  // JIT compilation at -O3 for the host.
  auto start = std::chrono::steady_clock::now();
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  MLIRContext *context = module.getContext();
  registerBuiltinDialectTranslation(*context);
  registerLLVMDialectTranslation(*context);
  registerOpenMPDialectTranslation(*context);

  FailureOr<std::unique_ptr<llvm::TargetMachine>> optimizerMachine =
      createHostTargetMachine(module);
  FailureOr<std::unique_ptr<llvm::TargetMachine>> codegenMachine =
      createHostTargetMachine(module);
  if (failed(optimizerMachine) || failed(codegenMachine))
    return failure();
  auto transformer = makeOptimizingTransformer(
      /*optLevel=*/3, /*sizeLevel=*/0, optimizerMachine->get());

  SmallVector<StringRef> libraries = {ACT_MLIR_C_RUNNER_UTILS,
                                      ACT_MLIR_RUNNER_UTILS};
  if (usesOpenMP(module)) {
    StringRef libomp = ACT_LIBOMP;
    if (libomp.empty())
      return module.emitError()
             << "the module uses OpenMP but act-run was built without "
                "libomp (install libomp-22-dev and reconfigure)";
    libraries.push_back(libomp);
  }
  ExecutionEngineOptions engineOptions;
  engineOptions.transformer = transformer;
  engineOptions.sharedLibPaths = libraries;
  engineOptions.jitCodeGenOptLevel = llvm::CodeGenOptLevel::Aggressive;
  llvm::Expected<std::unique_ptr<ExecutionEngine>> engine =
      ExecutionEngine::create(module, engineOptions,
                              std::move(*codegenMachine));
  if (!engine)
    return module.emitError() << "JIT compilation failed: "
                              << llvm::toString(engine.takeError());
  // Code generation happens at the first lookup; do it now so that its time
  // is counted here and not in the first call.
  if (llvm::Expected<void (*)(void **)> function =
          (*engine)->lookupPacked(jit->entryName);
      !function)
    return module.emitError() << "JIT compilation of '" << jit->entryName
                              << "' failed: "
                              << llvm::toString(function.takeError());
  jit->engine = std::move(*engine);
  jit->timings.compileMs = millisecondsSince(start);
  return jit;
}

//===----------------------------------------------------------------------===//
// Calling
//===----------------------------------------------------------------------===//

llvm::Error JitModule::checkInputs(ArrayRef<const NpyArray *> inputs) const {
  return checkInputs(entryName, getEntrySignature(), inputs);
}

llvm::Error JitModule::checkInputs(StringRef function,
                                   const FunctionSignature &signature,
                                   ArrayRef<const NpyArray *> inputs) const {
  ArrayRef<TensorSpec> arguments = signature.arguments;
  if (inputs.size() != arguments.size())
    return makeError("'" + function + "' takes " +
                     llvm::Twine(arguments.size()) + " argument(s), " +
                     llvm::Twine(inputs.size()) + " input(s) given");
  for (auto [i, input, spec] : llvm::enumerate(inputs, arguments)) {
    auto describe = [&, i = i, &spec = spec]() {
      return "argument #" + std::to_string(i) + " of '" + function.str() +
             "' (" + spec.typeString + ")";
    };
    if (input->getDType() != spec.dtype)
      return makeError(describe() + " needs " + getDTypeName(spec.dtype) +
                       " data, the input is " +
                       getDTypeName(input->getDType()));
    ArrayRef<int64_t> shape = input->getShape();
    bool matches = shape.size() == spec.shape.size();
    for (size_t d = 0; matches && d < shape.size(); ++d)
      matches = ShapedType::isDynamic(spec.shape[d]) ||
                spec.shape[d] == shape[d];
    if (!matches)
      return makeError(describe() + " needs shape " +
                       formatShape(spec.shape) + ", the input has shape " +
                       input->getShapeString());
  }
  return llvm::Error::success();
}

namespace {
/// A strided memref descriptor as the LLVM lowering lays it out:
/// {allocated, aligned, offset, sizes[rank], strides[rank]}, all 8 bytes.
struct DescriptorView {
  uint64_t *fields;
  unsigned rank;
  void *allocated() const { return reinterpret_cast<void *>(fields[0]); }
  char *aligned() const { return reinterpret_cast<char *>(fields[1]); }
  int64_t offset() const { return static_cast<int64_t>(fields[2]); }
  int64_t size(unsigned d) const { return fields[3 + d]; }
  int64_t stride(unsigned d) const { return fields[3 + rank + d]; }
  static unsigned getNumFields(unsigned rank) { return 3 + 2 * rank; }
};
} // namespace

/// memref.get_global lowers to a descriptor whose allocated pointer is this
/// marker: the buffer is a constant of the module and must not be freed.
static void *const kGlobalMarker = reinterpret_cast<void *>(0xdeadbeef);

/// Copies a possibly strided result into a dense array.
static void copyOut(const DescriptorView &view, NpyArray &out) {
  size_t width = getByteWidth(out.getDType());
  int64_t count = out.getNumElements();
  char *dst = out.data();
  SmallVector<int64_t> index(view.rank, 0);
  for (int64_t n = 0; n < count; ++n) {
    int64_t element = view.offset();
    for (unsigned d = 0; d < view.rank; ++d)
      element += index[d] * view.stride(d);
    std::memcpy(dst + n * width, view.aligned() + element * width, width);
    for (int d = static_cast<int>(view.rank) - 1; d >= 0; --d) {
      if (++index[d] < view.size(d))
        break;
      index[d] = 0;
    }
  }
}

llvm::Error JitModule::invoke(StringRef function,
                              const FunctionSignature &signature,
                              ArrayRef<const NpyArray *> inputs,
                              SmallVectorImpl<NpyArray> *outputs) const {
  ArrayRef<TensorSpec> results = signature.results;

  // With results as out-params the caller owns the result buffers: fresh
  // arrays for `outputs`, else (a benchmark iteration) the scratch arrays
  // this module keeps, allocated at the first such call and reused, as a
  // caller reuses its output buffers.
  SmallVector<NpyArray> fresh;
  MutableArrayRef<NpyArray> outBuffers;
  if (signature.resultsAsArguments) {
    SmallVectorImpl<NpyArray> &buffers = outputs ? fresh : scratchResults;
    if (buffers.empty()) {
      for (const TensorSpec &spec : results) {
        if (llvm::any_of(spec.shape, ShapedType::isDynamic))
          return makeError("'" + function + "' takes its result " +
                           spec.typeString +
                           " as an out-param but its shape is dynamic");
        buffers.emplace_back(spec.dtype, spec.shape);
      }
    }
    outBuffers = buffers;
  }

  // One descriptor per argument (then per out-param) over the caller's
  // data: offset 0, row-major strides. Each descriptor field is one
  // argument of the lowered function.
  SmallVector<uint64_t, 32> argumentFields(
      getNumDescriptorFields(signature.arguments) +
      (signature.resultsAsArguments ? getNumDescriptorFields(results) : 0));
  uint64_t *field = argumentFields.data();
  auto appendDescriptor = [&](const char *data, ArrayRef<int64_t> shape) {
    unsigned rank = shape.size();
    field[0] = field[1] = reinterpret_cast<uint64_t>(data);
    field[2] = 0;
    int64_t stride = 1;
    for (int d = static_cast<int>(rank) - 1; d >= 0; --d) {
      field[3 + d] = shape[d];
      field[3 + rank + d] = stride;
      stride *= shape[d];
    }
    field += DescriptorView::getNumFields(rank);
  };
  for (const NpyArray *input : inputs)
    appendDescriptor(input->data(), input->getShape());
  for (NpyArray &out : outBuffers)
    appendDescriptor(out.data(), out.getShape());
  SmallVector<void *, 32> packed;
  for (uint64_t &argument : argumentFields)
    packed.push_back(&argument);

  // Results: one descriptor struct, or a struct of them, returned by value;
  // every field is 8 bytes, so they are contiguous.
  SmallVector<uint64_t, 16> resultStorage;
  if (!signature.resultsAsArguments) {
    resultStorage.resize(getNumDescriptorFields(results));
    if (!results.empty())
      packed.push_back(resultStorage.data());
  }

  if (llvm::Error error = engine->invokePacked(function, packed))
    return error;

  if (signature.resultsAsArguments) {
    if (outputs)
      for (NpyArray &out : fresh)
        outputs->push_back(std::move(out));
    return llvm::Error::success();
  }

  // Copy out, then free each buffer the code allocated, once. Buffers that
  // are an input (the entry returned its argument) or a module constant are
  // not ours to free.
  llvm::SmallDenseSet<void *> notOwned = {nullptr, kGlobalMarker};
  for (const NpyArray *input : inputs)
    notOwned.insert(const_cast<char *>(input->data()));
  uint64_t *fields = resultStorage.data();
  for (const TensorSpec &spec : results) {
    DescriptorView view{fields, static_cast<unsigned>(spec.shape.size())};
    fields += DescriptorView::getNumFields(view.rank);
    for (unsigned d = 0; d < view.rank; ++d)
      if (!ShapedType::isDynamic(spec.shape[d]) &&
          view.size(d) != spec.shape[d])
        return makeError("'" + function + "' returned a result of size " +
                         llvm::Twine(view.size(d)) + " in dimension " +
                         llvm::Twine(d) + " for " + spec.typeString);
    if (outputs) {
      SmallVector<int64_t> shape;
      for (unsigned d = 0; d < view.rank; ++d)
        shape.push_back(view.size(d));
      NpyArray out(spec.dtype, shape);
      copyOut(view, out);
      outputs->push_back(std::move(out));
    }
    if (notOwned.insert(view.allocated()).second)
      std::free(view.allocated());
  }
  return llvm::Error::success();
}

llvm::Expected<SmallVector<NpyArray>>
JitModule::call(ArrayRef<const NpyArray *> inputs) const {
  return call(entryName, inputs);
}

llvm::Expected<SmallVector<NpyArray>>
JitModule::call(StringRef function, ArrayRef<const NpyArray *> inputs) const {
  auto it = signatures.find(function);
  if (it == signatures.end())
    return makeError("no public function '" + function +
                     "' that takes and returns tensors");
  if (llvm::Error error = checkInputs(function, it->second, inputs))
    return std::move(error);
  SmallVector<NpyArray> outputs;
  if (llvm::Error error = invoke(function, it->second, inputs, &outputs))
    return std::move(error);
  return outputs;
}

llvm::Error
JitModule::callAndDiscard(ArrayRef<const NpyArray *> inputs) const {
  return invoke(entryName, getEntrySignature(), inputs, nullptr);
}
