//===- VectorizeElementwise.cpp - vectorize elementwise linalg.generic ----===//
//
// act-vectorize-elementwise: elementwise linalg.generic ops (act chains
// included) tiled into vectors and vectorized, for act-lower-to-cpu's
// fast-math path.
//
//===----------------------------------------------------------------------===//

#include "act/Conversion/ActToVector/ActToVector.h"

#include "Tiling.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir {
namespace act {
#define GEN_PASS_DEF_ACTVECTORIZEELEMENTWISE
#include "act/Conversion/Passes.h.inc"
} // namespace act
} // namespace mlir

using namespace mlir;
using namespace mlir::act;

namespace {

/// A linalg.generic this pass vectorizes: tensors, all loops parallel, the
/// result written in order.
bool isVectorizableElementwise(linalg::GenericOp generic) {
  return generic.hasPureTensorSemantics() && generic.getNumLoops() > 0 &&
         generic.getNumParallelLoops() == generic.getNumLoops() &&
         generic.getNumDpsInits() == 1 &&
         llvm::all_of(generic.getIndexingMapsArray(),
                      [](AffineMap map) { return map.isProjectedPermutation(); }) &&
         generic.getIndexingMapsArray().back().isIdentity();
}

struct ActVectorizeElementwisePass
    : public act::impl::ActVectorizeElementwiseBase<
          ActVectorizeElementwisePass> {
  using ActVectorizeElementwiseBase::ActVectorizeElementwiseBase;

  void runOnOperation() override {
    if (vectorSize < 1) {
      getOperation()->emitError()
          << "act-vectorize-elementwise: vector-size must be >= 1, got "
          << static_cast<int64_t>(vectorSize);
      return signalPassFailure();
    }
    SmallVector<linalg::GenericOp> generics;
    getOperation()->walk([&](linalg::GenericOp generic) {
      // Static shapes whose innermost size the vector divides: every tile is
      // one full vector. (Upstream's masked vectorization of partial tiles
      // produces invalid vector.mask ops here; those generics stay scalar.)
      SmallVector<int64_t> ranges = generic.getStaticLoopRanges();
      if (isVectorizableElementwise(generic) &&
          llvm::none_of(ranges, ShapedType::isDynamic) &&
          ranges.back() % vectorSize == 0)
        generics.push_back(generic);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::GenericOp generic : generics) {
      // Tiles of one vector along the innermost dimension (the rows of the
      // outer ones one at a time); each tile becomes one vector's code.
      unsigned numLoops = generic.getNumLoops();
      SmallVector<OpFoldResult> tileSizes(numLoops, rewriter.getIndexAttr(1));
      tileSizes.back() = rewriter.getIndexAttr(vectorSize);
      FailureOr<SmallVector<linalg::GenericOp>> tiles =
          tileWithForall(rewriter, generic, tileSizes);
      if (failed(tiles))
        continue;
      SmallVector<int64_t> vectorSizes(numLoops, 1);
      vectorSizes.back() = vectorSize;
      for (linalg::GenericOp tile : *tiles) {
        rewriter.setInsertionPoint(tile);
        FailureOr<linalg::VectorizationResult> vectorized =
            linalg::vectorize(rewriter, tile, vectorSizes);
        if (failed(vectorized))
          continue; // The tile stays a (scalar) generic: still correct.
        rewriter.replaceOp(tile, vectorized->replacements);
      }
    }
  }
};

} // namespace
