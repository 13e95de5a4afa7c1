//===- Pipelines.h - act named pass pipelines --------------------*- C++ -*-===//

#ifndef ACT_PIPELINES_PIPELINES_H
#define ACT_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassOptions.h"

namespace mlir {
class OpPassManager;

namespace act {

/// Options of the `act-lower-to-cpu` pipeline.
struct ActLowerToCPUOptions
    : public PassPipelineOptions<ActLowerToCPUOptions> {
  PassOptions::Option<bool> fuseElementwise{
      *this, "fuse-elementwise",
      llvm::cl::desc("Fuse producer/consumer chains of elementwise linalg ops "
                     "(act ops included) into one loop nest before "
                     "bufferization"),
      llvm::cl::init(true)};
  PassOptions::Option<bool> resultsToOutParams{
      *this, "results-to-out-params",
      llvm::cl::desc("Turn the memref results of every function, public ones "
                     "included, into trailing output arguments that the "
                     "caller allocates; fails on a call to a function whose "
                     "result has a dynamic shape. "
                     "Off: functions return buffers they allocated, which "
                     "the caller frees"),
      llvm::cl::init(false)};
  PassOptions::Option<unsigned> threads{
      *this, "threads",
      llvm::cl::desc("Number of threads the parallel loops run on. 1: plain "
                     "loops, no threading runtime. N > 1: the parallel "
                     "dimensions of every linalg op become an OpenMP "
                     "parallel loop on N threads (the code then needs "
                     "libomp). 0: OpenMP with the runtime's default "
                     "thread count (OMP_NUM_THREADS)"),
      llvm::cl::init(1)};
  PassOptions::Option<bool> vectorizeMatmul{
      *this, "vectorize-matmul",
      llvm::cl::desc("Lower act.fused_matmul and NHWC act.fused_conv2d "
                     "through the register-tiled vector kernel "
                     "(convert-act-fused-matmul-to-vector) instead of the "
                     "scalar reference loops"),
      llvm::cl::init(true)};
  PassOptions::Option<std::string> target{
      *this, "target",
      llvm::cl::desc("Vector ISA the matmul kernel is sized for: avx512 "
                     "(6x64 register tile), avx2 (6x16), generic (4x8), or "
                     "auto (the host's features)"),
      llvm::cl::init("auto")};
  PassOptions::Option<int64_t> tileM{
      *this, "tile-m",
      llvm::cl::desc("Rows of the matmul register tile (0: the target's)"),
      llvm::cl::init(0)};
  PassOptions::Option<int64_t> tileN{
      *this, "tile-n",
      llvm::cl::desc("Columns of the matmul register tile, one vector of "
                     "accumulator elements (0: the target's)"),
      llvm::cl::init(0)};
  PassOptions::Option<int64_t> tileK{
      *this, "tile-k",
      llvm::cl::desc("With pack: steps of the matmul's reduction per block, "
                     "the partial sums kept in the result between blocks "
                     "(0: blocks of half the host's L2 cache of the B panel)"),
      llvm::cl::init(0)};
  PassOptions::Option<bool> contract{
      *this, "contract",
      llvm::cl::desc("Accumulate matmuls with fused multiply-adds (one "
                     "rounding per step, faster). Off: a multiply and an add, "
                     "bit-identical to the scalar reference"),
      llvm::cl::init(false)};
  PassOptions::Option<bool> pack{
      *this, "pack",
      llvm::cl::desc("Pack the matmul's B into panels of tile-n columns "
                     "(at compile time when B is a constant)"),
      llvm::cl::init(true)};
  PassOptions::Option<int64_t> blockBytes{
      *this, "block-bytes",
      llvm::cl::desc("With pack: the matmul's rows of A are processed in "
                     "blocks of about this many bytes; the blocks are what "
                     "threads share out (0: half of the host's L2 cache)"),
      llvm::cl::init(0)};
  PassOptions::Option<bool> fastMath{
      *this, "fast-math",
      llvm::cl::desc("Vectorize elementwise linalg ops (act chains "
                     "included) and compute transcendental activations in "
                     "f32 with polynomial approximations (exp, tanh, erf, "
                     "...) instead of f64 libm calls; accuracy per op in "
                     "docs/semantics.md"),
      llvm::cl::init(false)};
  PassOptions::Option<int64_t> nontemporalBytes{
      *this, "nontemporal-bytes",
      llvm::cl::desc("With fast-math: elementwise results of a static size "
                     "of at least this many bytes are written with aligned "
                     "non-temporal stores (0: never)"),
      llvm::cl::init(4 * 1024 * 1024)};
  PassOptions::Option<bool> emitCInterface{
      *this, "emit-c-interface",
      llvm::cl::desc("Emit `_mlir_ciface_` wrappers that take memref "
                     "descriptors by pointer, for calls from C/C++"),
      llvm::cl::init(false)};
};

/// Builds `act-lower-to-cpu`: act + linalg + tensor + arith/math IR on
/// tensors, to the LLVM dialect (bufferization included), ready for
/// mlir-translate or the ExecutionEngine.
void buildActLowerToCPUPipeline(OpPassManager &pm,
                                const ActLowerToCPUOptions &options);

/// Registers the named pipelines with the global pass registry.
void registerActPipelines();

} // namespace act
} // namespace mlir

#endif // ACT_PIPELINES_PIPELINES_H
