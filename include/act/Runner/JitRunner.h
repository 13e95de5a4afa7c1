//===- JitRunner.h - JIT-compile and call act-mlir modules -------*- C++ -*-===//
//
// What act-run is built on, as a library so tests and benchmarks call
// compiled code the same way: lower a module with act-lower-to-cpu (unless it
// is already in the LLVM dialect), JIT-compile it at -O3 for the host CPU
// with MLIR's ExecutionEngine, and call one public function on NpyArrays.
//
// Calling convention: the entry takes and returns ranked tensors (or
// memrefs with the identity layout). Each argument is passed as a strided
// memref descriptor over the caller's array; results come back as
// descriptors of buffers the compiled code allocated, which are copied out
// and freed, or, for code lowered with results-to-out-params, are written
// into arrays the runner allocates and passes as trailing descriptors.
// Arguments are marked `bufferization.writable = false` before lowering, so
// the compiled code never writes into the caller's inputs.
//
//===----------------------------------------------------------------------===//

#ifndef ACT_RUNNER_JITRUNNER_H
#define ACT_RUNNER_JITRUNNER_H

#include "act/Support/Npy.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LLVM.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"

#include <functional>
#include <memory>
#include <string>

namespace mlir {
class ExecutionEngine;

namespace act {

struct JitOptions {
  /// Function to call. Empty: `main`, else the only public function.
  std::string entry;
  /// act-lower-to-cpu's `threads` option (1: no threading runtime).
  unsigned threads = 1;
  /// Called with the module right after act-lower-to-cpu lowered it (not
  /// called for IR that was already lowered): act-run's
  /// `--print-ir-after=lower`.
  std::function<void(ModuleOp)> afterLowering;
};

/// One argument or result of the entry, as the caller sees it.
struct TensorSpec {
  DType dtype;
  /// Static sizes, with ShapedType::kDynamic for dynamic dimensions.
  llvm::SmallVector<int64_t> shape;
  /// The MLIR type, for messages ("tensor<?x8xf32>").
  std::string typeString;
};

/// What a function takes and returns, as the caller sees it.
struct FunctionSignature {
  SmallVector<TensorSpec> arguments;
  SmallVector<TensorSpec> results;
  /// The lowered function takes its results as trailing out-param
  /// descriptors and returns nothing (act-lower-to-cpu's
  /// results-to-out-params): the caller allocates them.
  bool resultsAsArguments = false;
};

/// Wall-clock times of the compilation steps, in milliseconds.
struct JitTimings {
  double lowerMs = 0;   // act-lower-to-cpu (0 for IR already lowered)
  double compileMs = 0; // translation to LLVM IR, -O3, code generation
};

class JitModule {
public:
  ~JitModule();

  /// Lowers `module` in place when it is not in the LLVM dialect yet, then
  /// JIT-compiles it. Problems are reported as MLIR diagnostics on the
  /// module's context (verifier and pass errors at their op's location),
  /// and the result is then a failure.
  static FailureOr<std::unique_ptr<JitModule>>
  create(ModuleOp module, const JitOptions &options = {});

  StringRef getEntryName() const { return entryName; }
  ArrayRef<TensorSpec> getArguments() const {
    return getEntrySignature().arguments;
  }
  ArrayRef<TensorSpec> getResults() const {
    return getEntrySignature().results;
  }
  const JitTimings &getTimings() const { return timings; }

  /// Checks `inputs` against the entry's signature: count, dtype, rank and
  /// static sizes. Messages name the argument.
  llvm::Error checkInputs(ArrayRef<const NpyArray *> inputs) const;

  /// Calls the entry on `inputs` (checked first) and returns its results.
  llvm::Expected<SmallVector<NpyArray>>
  call(ArrayRef<const NpyArray *> inputs) const;

  /// Calls another public function of the module, which must take and
  /// return tensors like the entry does.
  llvm::Expected<SmallVector<NpyArray>>
  call(StringRef function, ArrayRef<const NpyArray *> inputs) const;

  /// Calls the entry and frees the results without copying them: what a
  /// benchmark iteration measures. An entry lowered with
  /// results-to-out-params writes into result buffers this module
  /// allocates at the first such call and reuses afterwards. `inputs` must
  /// have passed checkInputs.
  llvm::Error callAndDiscard(ArrayRef<const NpyArray *> inputs) const;

  /// Whether the lowered entry takes its results as out-params.
  bool takesResultsAsArguments() const {
    return getEntrySignature().resultsAsArguments;
  }

private:
  JitModule() = default;
  const FunctionSignature &getEntrySignature() const {
    return signatures.find(entryName)->second;
  }
  llvm::Error checkInputs(StringRef function,
                          const FunctionSignature &signature,
                          ArrayRef<const NpyArray *> inputs) const;
  llvm::Error invoke(StringRef function, const FunctionSignature &signature,
                     ArrayRef<const NpyArray *> inputs,
                     SmallVectorImpl<NpyArray> *outputs) const;

  std::string entryName;
  /// Every public function with a tensor signature, the entry included.
  llvm::StringMap<FunctionSignature> signatures;
  JitTimings timings;
  std::unique_ptr<ExecutionEngine> engine;
  /// The entry's out-param buffers reused by callAndDiscard.
  mutable SmallVector<NpyArray> scratchResults;
};

/// True if every op of `module` is already in the LLVM (or OpenMP) dialect,
/// i.e. there is nothing left for act-lower-to-cpu to do.
bool isLoweredToLLVM(ModuleOp module);

} // namespace act
} // namespace mlir

#endif // ACT_RUNNER_JITRUNNER_H
