//===- ActToLinalg.cpp - act ops on tensors to linalg.generic -------------===//

#include "act/Conversion/ActToLinalg/ActToLinalg.h"

#include "act/Dialect/Act/IR/ActOps.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/AffineMap.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir {
namespace act {
#define GEN_PASS_DEF_CONVERTACTTOLINALG
#include "act/Conversion/Passes.h.inc"
} // namespace act
} // namespace mlir

using namespace mlir;
using namespace mlir::act;

namespace {

/// The indexing map of an operand of type `operandType` broadcast to a result
/// of rank `rank`: dimensions align to the right, and a static size-1
/// operand dimension reads element 0 for every index.
AffineMap getBroadcastMap(RankedTensorType operandType, int64_t rank,
                          MLIRContext *context) {
  int64_t offset = rank - operandType.getRank();
  SmallVector<AffineExpr> results;
  for (int64_t dim = 0; dim < operandType.getRank(); ++dim) {
    if (operandType.getDimSize(dim) == 1)
      results.push_back(getAffineConstantExpr(0, context));
    else
      results.push_back(getAffineDimExpr(dim + offset, context));
  }
  return AffineMap::get(rank, /*symbolCount=*/0, results, context);
}

struct ActivationToGeneric
    : public OpInterfaceRewritePattern<ActivationOpInterface> {
  using OpInterfaceRewritePattern::OpInterfaceRewritePattern;

  LogicalResult matchAndRewrite(ActivationOpInterface op,
                                PatternRewriter &rewriter) const override {
    auto resultType = dyn_cast<RankedTensorType>(op->getResult(0).getType());
    if (!resultType)
      return rewriter.notifyMatchFailure(op, "result is not a ranked tensor");

    Location loc = op.getLoc();
    Value input = op.getInput();
    int64_t rank = resultType.getRank();
    MLIRContext *context = rewriter.getContext();

    SmallVector<AffineMap> indexingMaps;
    for (Value operand : op->getOperands()) {
      auto operandType = cast<RankedTensorType>(operand.getType());
      if (operand == input)
        indexingMaps.push_back(rewriter.getMultiDimIdentityMap(rank));
      else
        indexingMaps.push_back(getBroadcastMap(operandType, rank, context));
    }
    indexingMaps.push_back(rewriter.getMultiDimIdentityMap(rank));
    SmallVector<utils::IteratorType> iteratorTypes(
        rank, utils::IteratorType::parallel);

    Value init = tensor::EmptyOp::create(
        rewriter, loc, tensor::getMixedSizes(rewriter, loc, input),
        resultType.getElementType());
    Type elementType = resultType.getElementType();
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{resultType}, op->getOperands(),
        ValueRange{init}, indexingMaps, iteratorTypes,
        [&](OpBuilder &builder, Location bodyLoc, ValueRange args) {
          // The same op on scalars: act ops are elementwise, and prelu's
          // scalar form takes a scalar slope.
          Operation *scalar = builder.create(
              bodyLoc, op->getName().getIdentifier(),
              args.take_front(op->getNumOperands()), TypeRange{elementType},
              op->getAttrs());
          linalg::YieldOp::create(builder, bodyLoc, scalar->getResults());
        });
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }
};

struct ConvertActToLinalgPass
    : public act::impl::ConvertActToLinalgBase<ConvertActToLinalgPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateActToLinalgConversionPatterns(patterns);
    // Constant act ops stay as written here; folding them is canonicalize's
    // job.
    GreedyRewriteConfig config;
    config.enableFolding(false);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns),
                                     config)))
      signalPassFailure();
  }
};

} // namespace

void mlir::act::populateActToLinalgConversionPatterns(
    RewritePatternSet &patterns) {
  patterns.add<ActivationToGeneric>(patterns.getContext());
}
