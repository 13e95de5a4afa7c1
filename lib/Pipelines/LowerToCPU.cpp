//===- LowerToCPU.cpp - The act-lower-to-cpu pipeline ---------------------===//
//
// A plain and correct lowering: act ops become linalg.generic, elementwise
// chains fuse, one-shot bufferization runs over function boundaries with
// identity layouts, linalg becomes scalar loops, and everything lands in the
// LLVM dialect. Transcendental math goes through libm (convert-math-to-llvm
// alone would compute expm1 as exp(x) - 1 and log1p as log(1 + x), losing
// all accuracy near 0).
//
//===----------------------------------------------------------------------===//

#include "act/Pipelines/Pipelines.h"

#include "act/Conversion/Passes.h"
#include "act/Dialect/Act/Transforms/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Conversion/VectorToSCF/VectorToSCF.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/Transforms/Passes.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

void mlir::act::buildActLowerToCPUPipeline(
    OpPassManager &pm, const ActLowerToCPUOptions &options) {
  // The tensor-level signature of each public function, kept for act-run
  // and for readers of the lowered IR.
  pm.addPass(createActRecordSignatures());

  // Tensor level: fold and canonicalize act chains, then make every
  // elementwise op (ours and arith's) a linalg.generic so they can fuse.
  pm.addPass(createCanonicalizerPass());
  if (options.vectorizeMatmul) {
    ConvertActFusedMatmulToVectorOptions vectorOptions;
    vectorOptions.target = options.target;
    vectorOptions.tileM = options.tileM;
    vectorOptions.tileN = options.tileN;
    vectorOptions.tileK = options.tileK;
    vectorOptions.threads = std::max<int64_t>(1, options.threads);
    vectorOptions.contract = options.contract;
    vectorOptions.pack = options.pack;
    vectorOptions.blockBytes = options.blockBytes;
    pm.addNestedPass<func::FuncOp>(
        createConvertActFusedMatmulToVector(vectorOptions));
    pm.addPass(createCanonicalizerPass());
  }
  pm.addPass(createConvertActToLinalg());
  pm.addPass(createConvertElementwiseToLinalgPass());
  if (options.fuseElementwise) {
    pm.addPass(createLinalgElementwiseOpFusionPass());
    pm.addPass(createCanonicalizerPass());
    pm.addPass(createCSEPass());
  }
  // act ops are now scalars inside generic bodies. The accurate path
  // lowers them here; the fast path after act-vectorize-elementwise, which
  // works on buffers and makes them vector ops.
  if (!options.fastMath)
    pm.addPass(createConvertActToArith());

  // Bufferization.
  bufferization::OneShotBufferizePassOptions bufferizeOptions;
  bufferizeOptions.bufferizeFunctionBoundaries = true;
  bufferizeOptions.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferizeOptions));
  if (options.resultsToOutParams) {
    bufferization::BufferResultsToOutParamsPassOptions outParamsOptions;
    outParamsOptions.hoistStaticAllocs = true;
    outParamsOptions.modifyPublicFunctions = true;
    pm.addPass(
        bufferization::createBufferResultsToOutParamsPass(outParamsOptions));
  }
  bufferization::buildBufferDeallocationPipeline(pm);
  pm.addPass(createConvertBufferizationToMemRefPass());
  pm.addPass(createCanonicalizerPass());
  // Strided copies (into a padded buffer, say) as vectorizable loops rather
  // than the runtime's element-by-element memrefCopy.
  pm.addPass(createActExpandStridedCopies());
  if (options.fastMath) {
    ActVectorizeElementwiseOptions vectorOptions;
    vectorOptions.nontemporalBytes = options.nontemporalBytes;
    pm.addNestedPass<func::FuncOp>(
        createActVectorizeElementwise(vectorOptions));
    ConvertActToArithOptions arithOptions;
    arithOptions.fast = true;
    pm.addPass(createConvertActToArith(arithOptions));
    pm.addPass(createActApproximateMath());
    pm.addPass(createCanonicalizerPass());
  }

  // Loops: parallel dimensions become OpenMP loops when threads != 1.
  bool useOpenMP = options.threads != 1;
  if (useOpenMP) {
    pm.addNestedPass<func::FuncOp>(createForallToParallelLoopPass());
    pm.addNestedPass<func::FuncOp>(createConvertLinalgToParallelLoopsPass());
    // The innermost dimension as a loop LLVM vectorizes, not as part of a
    // collapsed OpenMP loop nest.
    pm.addPass(createActSerializeInnermostParallelDim());
    ConvertSCFToOpenMPPassOptions openMPOptions;
    openMPOptions.numThreads = options.threads;
    pm.addPass(createConvertSCFToOpenMPPass(openMPOptions));
  } else {
    pm.addNestedPass<func::FuncOp>(createForallToForLoopPass());
    pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());
  }
  pm.addPass(createLowerAffinePass());

  // LLVM dialect.
  if (options.emitCInterface)
    pm.addNestedPass<func::FuncOp>(LLVM::createLLVMRequestCWrappersPass());
  pm.addPass(createExpandBF16Casts());
  pm.addPass(createConvertMathToLibmPass());
  pm.addPass(createConvertMathToLLVMPass());
  // Vector act ops, and libm calls on vectors (scalarized with
  // vector.extract/insert), need the vector dialect lowered too.
  // Strided and broadcasting transfers (a transposed B, a bias that does
  // not vary along N) become loops of scalar accesses first.
  pm.addNestedPass<func::FuncOp>(createConvertVectorToSCFPass());
  pm.addPass(createConvertVectorToLLVMPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  // Subviews of tiled kernels and vector-to-scf's transfer loops leave
  // affine.apply behind.
  pm.addPass(createLowerAffinePass());
  // memref before scf-to-cf: the memref.alloca_scope that scf-to-openmp
  // creates must still have a single block when it is lowered.
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertIndexToLLVMPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  pm.addPass(createConvertFuncToLLVMPass());
  if (useOpenMP)
    pm.addPass(createConvertOpenMPToLLVMPass());
  pm.addPass(createUBToLLVMConversionPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  pm.addPass(createCanonicalizerPass());
}

void mlir::act::registerActPipelines() {
  PassPipelineRegistration<ActLowerToCPUOptions>(
      "act-lower-to-cpu",
      "Lower act + linalg + tensor IR to the LLVM dialect for the host CPU "
      "(bufferization included)",
      buildActLowerToCPUPipeline);
}
