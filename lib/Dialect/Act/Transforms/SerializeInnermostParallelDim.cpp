//===- SerializeInnermostParallelDim.cpp - inner dim of scf.parallel ------===//
//
// An scf.parallel of several dimensions becomes one collapsed OpenMP loop
// nest: per iteration an index decomposition, and no vectorizable inner
// loop. Keeping the innermost dimension as an scf.for inside leaves LLVM a
// unit-stride loop to vectorize, and the threads the outer dimensions.
//
//===----------------------------------------------------------------------===//

#include "act/Dialect/Act/Transforms/Passes.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir {
namespace act {
#define GEN_PASS_DEF_ACTSERIALIZEINNERMOSTPARALLELDIM
#include "act/Dialect/Act/Transforms/Passes.h.inc"
} // namespace act
} // namespace mlir

using namespace mlir;

namespace {

struct InnermostParallelDimToFor : OpRewritePattern<scf::ParallelOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(scf::ParallelOp parallel,
                                PatternRewriter &rewriter) const override {
    unsigned loops = parallel.getNumLoops();
    if (loops < 2 || parallel.getNumReductions() != 0)
      return rewriter.notifyMatchFailure(
          parallel, "one dimension, or reductions: left as it is");
    Location loc = parallel.getLoc();
    ValueRange lowerBounds = parallel.getLowerBound();
    ValueRange upperBounds = parallel.getUpperBound();
    ValueRange steps = parallel.getStep();
    Block *body = parallel.getBody();
    auto outer = scf::ParallelOp::create(
        rewriter, loc, lowerBounds.drop_back(), upperBounds.drop_back(),
        steps.drop_back(),
        [&](OpBuilder &b, Location l, ValueRange outerIvs) {
          scf::ForOp::create(
              b, l, lowerBounds.back(), upperBounds.back(), steps.back(),
              ValueRange{},
              [&](OpBuilder &b, Location l, Value innerIv, ValueRange) {
                IRMapping mapping;
                for (auto [old, now] :
                     llvm::zip(body->getArguments().drop_back(), outerIvs))
                  mapping.map(old, now);
                mapping.map(body->getArguments().back(), innerIv);
                for (Operation &op : body->without_terminator())
                  b.clone(op, mapping);
                scf::YieldOp::create(b, l);
              });
        });
    // Attributes of the loop (none are expected) carry over.
    outer->setDiscardableAttrs(parallel->getDiscardableAttrDictionary());
    rewriter.eraseOp(parallel);
    return success();
  }
};

struct ActSerializeInnermostParallelDimPass
    : public act::impl::ActSerializeInnermostParallelDimBase<
          ActSerializeInnermostParallelDimPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    act::populateActSerializeInnermostParallelDimPatterns(patterns);
    // One rewrite per loop: the new outer loop may have several dimensions
    // still, and must stay parallel.
    GreedyRewriteConfig config;
    config.setMaxIterations(1);
    config.setStrictness(GreedyRewriteStrictness::ExistingOps);
    (void)applyPatternsGreedily(getOperation(), std::move(patterns), config);
  }
};

} // namespace

void mlir::act::populateActSerializeInnermostParallelDimPatterns(
    RewritePatternSet &patterns) {
  patterns.add<InnermostParallelDimToFor>(patterns.getContext());
}
