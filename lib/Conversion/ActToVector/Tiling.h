//===- Tiling.h - scf.forall tiling shared by the vector kernels -*- C++
//-*-===//
//
// Private to lib/Conversion/ActToVector.
//
//===----------------------------------------------------------------------===//

#ifndef ACT_LIB_CONVERSION_ACTTOVECTOR_TILING_H
#define ACT_LIB_CONVERSION_ACTTOVECTOR_TILING_H

#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/TilingInterface.h"

namespace mlir {
namespace act {

/// Tiles `op` with an scf.forall (independent tiles, which the pipeline
/// turns into an OpenMP loop on several threads), replaces it, and returns
/// the tiled ops of its kind.
template <typename OpTy>
FailureOr<SmallVector<OpTy>>
tileWithForall(RewriterBase &rewriter, OpTy op,
               ArrayRef<OpFoldResult> tileSizes,
               ArrayRef<int64_t> interchange = {}) {
  scf::SCFTilingOptions tiling;
  tiling.setTileSizes(tileSizes);
  tiling.setLoopType(scf::SCFTilingOptions::LoopType::ForallOp);
  if (!interchange.empty())
    tiling.setInterchange(interchange);
  rewriter.setInsertionPoint(op);
  FailureOr<scf::SCFTilingResult> tiled = scf::tileUsingSCF(
      rewriter, cast<TilingInterface>(op.getOperation()), tiling);
  if (failed(tiled))
    return failure();
  rewriter.replaceOp(op, tiled->replacements);
  SmallVector<OpTy> tiles;
  for (Operation *tiledOp : tiled->tiledOps)
    if (auto tile = dyn_cast<OpTy>(tiledOp))
      tiles.push_back(tile);
  return tiles;
}

} // namespace act
} // namespace mlir

#endif // ACT_LIB_CONVERSION_ACTTOVECTOR_TILING_H
