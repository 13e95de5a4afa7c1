//===- ActToLinalg.cpp - act ops on tensors to linalg.generic -------------===//

#include "act/Conversion/ActToLinalg/ActToLinalg.h"

#include "act/Dialect/Act/IR/ActOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
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
        indexingMaps.push_back(getBroadcastIndexingMap(
            operandType.getShape(), rank, rank, context));
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

/// Rewrites a fused contraction into the two linalg.generic ops it stands
/// for: the contraction into a zero-filled accumulator of the op's
/// accumulator type (one mulf and one addf per reduction step, as
/// linalg.matmul and the linalg convolutions compute), then a parallel
/// generic whose body is the epilogue. The result is bit-identical to the
/// unfused linalg IR the op was fused from when the epilogue keeps its op
/// order.
template <typename OpTy>
struct FusedContractionToLinalg : public OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType resultType = op.getResult().getType();
    int64_t rank = resultType.getRank();
    Type accumulatorType = op.getAccumulatorType();
    SmallVector<AffineMap> maps = op.getIndexingMapsArray();

    // The accumulator: result-shaped, of the accumulator type, from +0.0.
    Value empty = tensor::EmptyOp::create(
        rewriter, loc, tensor::getMixedSizes(rewriter, loc, op.getInit()),
        accumulatorType);
    Value zero = arith::ConstantOp::create(
        rewriter, loc, rewriter.getFloatAttr(accumulatorType, 0.0));
    Value filled =
        linalg::FillOp::create(rewriter, loc, zero, empty).getResult(0);
    SmallVector<AffineMap> contractionMaps{maps[0], maps[1], maps.back()};
    auto contraction = linalg::GenericOp::create(
        rewriter, loc, TypeRange{filled.getType()},
        ValueRange{op->getOperand(0), op->getOperand(1)}, ValueRange{filled},
        contractionMaps, op.getLoopIteratorTypes(),
        [&](OpBuilder &builder, Location bodyLoc, ValueRange args) {
          auto extend = [&](Value value) -> Value {
            if (value.getType() == accumulatorType)
              return value;
            return arith::ExtFOp::create(builder, bodyLoc, accumulatorType,
                                         value);
          };
          Value product = arith::MulFOp::create(builder, bodyLoc,
                                                extend(args[0]),
                                                extend(args[1]));
          Value sum = arith::AddFOp::create(builder, bodyLoc, args[2], product);
          linalg::YieldOp::create(builder, bodyLoc, sum);
        });

    // The epilogue runs over the result's dimensions, which lead the
    // iteration domain, so the epilogue operands' maps only lose the
    // reduction dimensions they never use.
    auto dropReductionDims = [&](AffineMap map) {
      return AffineMap::get(rank, 0, map.getResults(), rewriter.getContext());
    };
    SmallVector<Value> inputs{contraction.getResult(0)};
    llvm::append_range(inputs, op.getEpilogueOperands());
    SmallVector<AffineMap> epilogueMaps;
    epilogueMaps.push_back(rewriter.getMultiDimIdentityMap(rank));
    for (AffineMap map : ArrayRef<AffineMap>(maps).drop_front(2))
      epilogueMaps.push_back(dropReductionDims(map));
    SmallVector<utils::IteratorType> parallel(rank,
                                              utils::IteratorType::parallel);
    auto epilogue = linalg::GenericOp::create(
        rewriter, loc, TypeRange{resultType}, inputs, ValueRange{op.getInit()},
        epilogueMaps, parallel);
    Region &body = epilogue.getRegion();
    rewriter.inlineRegionBefore(op.getEpilogue(), body, body.end());
    Block &block = body.front();
    block.addArgument(resultType.getElementType(), loc);
    auto yield = cast<YieldOp>(block.getTerminator());
    rewriter.setInsertionPoint(yield);
    rewriter.replaceOpWithNewOp<linalg::YieldOp>(yield, yield.getValue());
    rewriter.replaceOp(op, epilogue.getResults());
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
  patterns.add<ActivationToGeneric, FusedContractionToLinalg<FusedMatmulOp>,
               FusedContractionToLinalg<FusedConv2DOp>>(patterns.getContext());
}
