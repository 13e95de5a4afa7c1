//===- ActFusedOps.cpp - act.fused_matmul and act.fused_conv2d ------------===//
//
// Verifiers, indexing maps, TilingInterface and canonicalizations of the
// contractions with a fused epilogue. Both ops describe themselves by one
// indexing map per operand over an iteration domain whose leading
// dimensions are the result's (parallel) and whose trailing ones are the
// reductions; tiling and the lowering to linalg work from those maps alone.
//
//===----------------------------------------------------------------------===//

#include "act/Dialect/Act/IR/ActOps.h"
#include "FusedContractionImpl.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Utils/Utils.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::act;
using namespace mlir::act::detail;

//===----------------------------------------------------------------------===//
// Shared helpers
//===----------------------------------------------------------------------===//

AffineMap mlir::act::getBroadcastIndexingMap(ArrayRef<int64_t> operandShape,
                                             unsigned numDims,
                                             unsigned resultRank,
                                             MLIRContext *context) {
  int64_t offset = resultRank - operandShape.size();
  SmallVector<AffineExpr> results;
  for (auto [dim, size] : llvm::enumerate(operandShape)) {
    if (size == 1)
      results.push_back(getAffineConstantExpr(0, context));
    else
      results.push_back(getAffineDimExpr(dim + offset, context));
  }
  return AffineMap::get(numDims, /*symbolCount=*/0, results, context);
}

LogicalResult mlir::act::verifyBroadcastableTo(Operation *op, StringRef what,
                                               RankedTensorType operandType,
                                               ArrayRef<int64_t> resultShape) {
  auto fail = [&]() {
    return op->emitOpError()
           << "expects " << what << " (" << operandType
           << ") to broadcast to the result shape (" << resultShape
           << "): aligned to the right, each dimension must be 1 or equal to "
              "the result's";
  };
  if (operandType.getRank() > static_cast<int64_t>(resultShape.size()))
    return fail();
  int64_t offset = resultShape.size() - operandType.getRank();
  for (auto [dim, size] : llvm::enumerate(operandType.getShape())) {
    int64_t resultSize = resultShape[dim + offset];
    if (size == 1 || ShapedType::isDynamic(size) ||
        ShapedType::isDynamic(resultSize) || size == resultSize)
      continue;
    return fail();
  }
  return success();
}

/// Two sizes that cannot be equal: both static and different (a dynamic
/// size is assumed to agree).
static bool sizesConflict(int64_t a, int64_t b) {
  return !ShapedType::isDynamic(a) && !ShapedType::isDynamic(b) && a != b;
}

/// Is `type` a float type at least as wide as `input` (or equal to it)?
static bool canAccumulate(Type accumulator, Type input) {
  if (accumulator == input)
    return true;
  return isa<FloatType>(accumulator) && isa<FloatType>(input) &&
         accumulator.getIntOrFloatBitWidth() > input.getIntOrFloatBitWidth();
}

/// Verifies what both fused ops share: the accumulator type, the epilogue
/// operands' shapes and the result/init types.
template <typename OpTy>
static LogicalResult verifyFusedCommon(OpTy op, ArrayRef<Type> inputTypes) {
  auto resultType = op.getResult().getType();
  if (op.getInit().getType() != resultType)
    return op.emitOpError() << "expects the init type ("
                            << op.getInit().getType()
                            << ") to equal the result type (" << resultType
                            << ")";
  Type accumulator = op.getAccumulatorType();
  if (!isa<Float16Type, BFloat16Type, Float32Type, Float64Type>(accumulator))
    return op.emitOpError() << "expects the accumulator type to be f16, bf16, "
                               "f32 or f64, got "
                            << accumulator;
  for (Type input : inputTypes)
    if (!canAccumulate(accumulator, input))
      return op.emitOpError()
             << "expects the accumulator type (" << accumulator
             << ") to be the input element type " << input << " or wider";
  if (Value bias = op.getBias())
    if (failed(verifyBroadcastableTo(op, "bias",
                                     cast<RankedTensorType>(bias.getType()),
                                     resultType.getShape())))
      return failure();
  for (auto [index, operand] : llvm::enumerate(op.getExtraOperands()))
    if (failed(verifyBroadcastableTo(
            op, ("extra operand #" + Twine(index)).str(),
            cast<RankedTensorType>(operand.getType()), resultType.getShape())))
      return failure();
  return success();
}







template <typename OpTy>
static void appendEpilogueMaps(OpTy op, unsigned numDims,
                               SmallVectorImpl<AffineMap> &maps) {
  MLIRContext *context = op.getContext();
  unsigned rank = op.getResult().getType().getRank();
  for (Value operand : getEpilogueOperandsOf(op))
    maps.push_back(getBroadcastIndexingMap(
        cast<RankedTensorType>(operand.getType()).getShape(), numDims, rank,
        context));
  // init: the result's dimensions, which lead the iteration domain.
  SmallVector<AffineExpr> results;
  for (unsigned dim = 0; dim < rank; ++dim)
    results.push_back(getAffineDimExpr(dim, context));
  maps.push_back(AffineMap::get(numDims, 0, results, context));
}

//===----------------------------------------------------------------------===//
// FusedMatmulOp
//===----------------------------------------------------------------------===//

unsigned FusedMatmulOp::getNumParallelLoops() { return getRank(); }

SmallVector<AffineMap> FusedMatmulOp::getIndexingMapsArray() {
  // Domain: (batch..., m, n, k).
  MLIRContext *context = getContext();
  int64_t numBatch = getNumBatchDims();
  unsigned numDims = getRank() + 1;
  AffineExpr m = getAffineDimExpr(numBatch, context);
  AffineExpr n = getAffineDimExpr(numBatch + 1, context);
  AffineExpr k = getAffineDimExpr(numBatch + 2, context);
  auto operandMap = [&](Value operand, AffineExpr row, AffineExpr column) {
    SmallVector<AffineExpr> results;
    if (cast<RankedTensorType>(operand.getType()).getRank() > 2)
      for (int64_t dim = 0; dim < numBatch; ++dim)
        results.push_back(getAffineDimExpr(dim, context));
    results.push_back(row);
    results.push_back(column);
    return AffineMap::get(numDims, 0, results, context);
  };
  SmallVector<AffineMap> maps;
  maps.push_back(getTransposeA() ? operandMap(getLhs(), k, m)
                                 : operandMap(getLhs(), m, k));
  maps.push_back(getTransposeB() ? operandMap(getRhs(), n, k)
                                 : operandMap(getRhs(), k, n));
  appendEpilogueMaps(*this, numDims, maps);
  return maps;
}

LogicalResult FusedMatmulOp::verify() {
  RankedTensorType lhsType = getLhs().getType();
  RankedTensorType rhsType = getRhs().getType();
  RankedTensorType resultType = getResult().getType();
  int64_t rank = resultType.getRank();
  if (rank < 2)
    return emitOpError() << "expects a result of rank 2 or more (batch..., M, "
                            "N), got "
                         << resultType;
  for (auto [name, type] : {std::pair<StringRef, RankedTensorType>{"lhs", lhsType},
                            {"rhs", rhsType}})
    if (type.getRank() != 2 && type.getRank() != rank)
      return emitOpError() << "expects " << name << " (" << type
                           << ") to have rank 2 or the result's rank " << rank;

  auto dimOf = [](RankedTensorType type, bool fromEnd, int64_t index) {
    return type.getDimSize(type.getRank() - 2 + (fromEnd ? 1 - index : index));
  };
  // (row, column) of the logical M x K and K x N matrices.
  int64_t lhsM = dimOf(lhsType, getTransposeA(), 0);
  int64_t lhsK = dimOf(lhsType, getTransposeA(), 1);
  int64_t rhsK = dimOf(rhsType, getTransposeB(), 0);
  int64_t rhsN = dimOf(rhsType, getTransposeB(), 1);
  int64_t resultM = resultType.getDimSize(rank - 2);
  int64_t resultN = resultType.getDimSize(rank - 1);
  if (sizesConflict(lhsK, rhsK))
    return emitOpError() << "expects lhs (" << lhsType << ") and rhs ("
                         << rhsType
                         << ") to agree on the reduction dimension K, got "
                         << lhsK << " and " << rhsK;
  if (sizesConflict(lhsM, resultM))
    return emitOpError() << "expects the result's M dimension (" << resultM
                         << ") to equal lhs's (" << lhsM << ")";
  if (sizesConflict(rhsN, resultN))
    return emitOpError() << "expects the result's N dimension (" << resultN
                         << ") to equal rhs's (" << rhsN << ")";
  for (auto [name, type] : {std::pair<StringRef, RankedTensorType>{"lhs", lhsType},
                            {"rhs", rhsType}}) {
    if (type.getRank() != rank)
      continue;
    for (int64_t dim = 0; dim < rank - 2; ++dim)
      if (sizesConflict(type.getDimSize(dim), resultType.getDimSize(dim)))
        return emitOpError()
               << "expects batch dimension #" << dim << " of " << name << " ("
               << type.getDimSize(dim) << ") to equal the result's ("
               << resultType.getDimSize(dim) << ")";
  }
  return verifyFusedCommon(
      *this, {lhsType.getElementType(), rhsType.getElementType()});
}

SmallVector<utils::IteratorType> FusedMatmulOp::getLoopIteratorTypes() {
  SmallVector<utils::IteratorType> types(getRank(),
                                         utils::IteratorType::parallel);
  types.push_back(utils::IteratorType::reduction);
  return types;
}

//===----------------------------------------------------------------------===//
// FusedConv2DOp
//===----------------------------------------------------------------------===//

unsigned FusedConv2DOp::getNumParallelLoops() { return 4; }

SmallVector<AffineMap> FusedConv2DOp::getIndexingMapsArray() {
  // NHWC: (n, oh, ow, f, kh, kw, c); NCHW: (n, f, oh, ow, c, kh, kw), the
  // loop orders of linalg.conv_2d_nhwc_hwcf and linalg.conv_2d_nchw_fchw.
  MLIRContext *context = getContext();
  bool nhwc = getLayout() == ConvLayout::nhwc_hwcf;
  auto d = [&](unsigned position) {
    return getAffineDimExpr(position, context);
  };
  AffineExpr n = d(0);
  AffineExpr oh = nhwc ? d(1) : d(2), ow = nhwc ? d(2) : d(3);
  AffineExpr f = nhwc ? d(3) : d(1);
  AffineExpr kh = nhwc ? d(4) : d(5), kw = nhwc ? d(5) : d(6);
  AffineExpr c = nhwc ? d(6) : d(4);
  ArrayRef<int64_t> strides = getStrides(), dilations = getDilations();
  AffineExpr h = oh * strides[0] + kh * dilations[0];
  AffineExpr w = ow * strides[1] + kw * dilations[1];
  auto map = [&](ArrayRef<AffineExpr> results) {
    return AffineMap::get(7, 0, results, context);
  };
  SmallVector<AffineMap> maps;
  if (nhwc) {
    maps.push_back(map({n, h, w, c}));
    maps.push_back(map({kh, kw, c, f}));
  } else {
    maps.push_back(map({n, c, h, w}));
    maps.push_back(map({f, c, kh, kw}));
  }
  appendEpilogueMaps(*this, 7, maps);
  return maps;
}

LogicalResult FusedConv2DOp::verify() {
  RankedTensorType inputType = getInput().getType();
  RankedTensorType filterType = getFilter().getType();
  RankedTensorType resultType = getResult().getType();
  for (auto [name, type] :
       {std::pair<StringRef, RankedTensorType>{"input", inputType},
        {"filter", filterType},
        {"result", resultType}})
    if (type.getRank() != 4)
      return emitOpError() << "expects a 4-D " << name << ", got " << type;
  if (getStrides().size() != 2 || getDilations().size() != 2)
    return emitOpError() << "expects 2 strides and 2 dilations, got "
                         << getStrides().size() << " and "
                         << getDilations().size();
  for (int64_t value : llvm::concat<const int64_t>(getStrides(),
                                                    getDilations()))
    if (value < 1)
      return emitOpError() << "expects strides and dilations >= 1, got "
                           << value;

  bool nhwc = getLayout() == ConvLayout::nhwc_hwcf;
  // Positions of (N, C, H, W) in the input, (KH, KW, C, F) in the filter and
  // (N, H, W, F) in the result for the op's layout.
  std::array<int64_t, 4> in = nhwc ? std::array<int64_t, 4>{0, 3, 1, 2}
                                   : std::array<int64_t, 4>{0, 1, 2, 3};
  std::array<int64_t, 4> fl = nhwc ? std::array<int64_t, 4>{0, 1, 2, 3}
                                   : std::array<int64_t, 4>{2, 3, 1, 0};
  std::array<int64_t, 4> out = nhwc ? std::array<int64_t, 4>{0, 1, 2, 3}
                                    : std::array<int64_t, 4>{0, 2, 3, 1};
  auto known = [](int64_t size) { return !ShapedType::isDynamic(size); };
  int64_t inC = inputType.getDimSize(in[1]);
  int64_t filterC = filterType.getDimSize(fl[2]);
  if (sizesConflict(inC, filterC))
    return emitOpError() << "expects the input channels (" << inC
                         << ") to equal the filter's (" << filterC << ")";
  int64_t filterF = filterType.getDimSize(fl[3]);
  int64_t resultF = resultType.getDimSize(out[3]);
  if (sizesConflict(filterF, resultF))
    return emitOpError() << "expects the result channels (" << resultF
                         << ") to equal the filter's output channels ("
                         << filterF << ")";
  int64_t inN = inputType.getDimSize(in[0]);
  int64_t resultN = resultType.getDimSize(out[0]);
  if (sizesConflict(inN, resultN))
    return emitOpError() << "expects the result batch (" << resultN
                         << ") to equal the input's (" << inN << ")";
  for (int spatial = 0; spatial < 2; ++spatial) {
    int64_t inSize = inputType.getDimSize(in[2 + spatial]);
    int64_t kernel = filterType.getDimSize(fl[spatial]);
    int64_t outSize = resultType.getDimSize(out[1 + spatial]);
    if (!known(inSize) || !known(kernel) || !known(outSize))
      continue;
    int64_t stride = getStrides()[spatial];
    int64_t extent = (kernel - 1) * getDilations()[spatial] + 1;
    // As for the linalg convolutions, the output may stop short of the
    // last window that fits; it may not read past the input.
    int64_t largest = inSize < extent ? 0 : (inSize - extent) / stride + 1;
    if (outSize > largest)
      return emitOpError()
             << "expects output " << (spatial ? "width" : "height")
             << " at most " << largest << " for input size " << inSize
             << ", kernel " << kernel << ", stride " << stride
             << " and dilation " << getDilations()[spatial] << ", got "
             << outSize;
  }
  return verifyFusedCommon(
      *this, {inputType.getElementType(), filterType.getElementType()});
}

SmallVector<utils::IteratorType> FusedConv2DOp::getLoopIteratorTypes() {
  SmallVector<utils::IteratorType> types(4, utils::IteratorType::parallel);
  types.append(3, utils::IteratorType::reduction);
  return types;
}

//===----------------------------------------------------------------------===//
// Canonicalization
//===----------------------------------------------------------------------===//

namespace {

/// Drops epilogue operands whose block argument is unused, and merges an
/// operand passed twice into one argument.
template <typename OpTy>
struct SimplifyEpilogueOperands : public OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    Block &block = op.getEpilogueBlock();
    bool hasBias = static_cast<bool>(op.getBias());
    SmallVector<Value> operands = op.getEpilogueOperands();
    // For each epilogue operand: the argument it is replaced by, or null if
    // it is kept.
    SmallVector<BlockArgument> replacement(operands.size());
    bool changed = false;
    for (unsigned index = 0; index < operands.size(); ++index) {
      BlockArgument argument = block.getArgument(index + 1);
      if (argument.use_empty()) {
        changed = true;
        continue;
      }
      for (unsigned earlier = 0; earlier < index; ++earlier) {
        // Only extra operands merge: the bias keeps its role.
        bool earlierKept = !block.getArgument(earlier + 1).use_empty() &&
                           !replacement[earlier];
        if (earlierKept && operands[earlier] == operands[index]) {
          replacement[index] = block.getArgument(earlier + 1);
          changed = true;
          break;
        }
      }
    }
    if (!changed)
      return rewriter.notifyMatchFailure(op, "every epilogue operand is used "
                                             "once");

    Value bias;
    SmallVector<Value> extras;
    llvm::BitVector erased(block.getNumArguments());
    for (unsigned index = 0; index < operands.size(); ++index) {
      BlockArgument argument = block.getArgument(index + 1);
      if (replacement[index]) {
        rewriter.replaceAllUsesWith(argument, replacement[index]);
        erased.set(index + 1);
      } else if (argument.use_empty()) {
        erased.set(index + 1);
      } else if (hasBias && index == 0) {
        bias = operands[index];
      } else {
        extras.push_back(operands[index]);
      }
    }
    rewriter.modifyOpInPlace(op, [&]() {
      block.eraseArguments(erased);
      op.getBiasMutable().assign(bias ? ValueRange{bias} : ValueRange{});
      op.getExtraOperandsMutable().assign(extras);
    });
    return success();
  }
};

/// Absorbs a linalg.transpose that swaps the two innermost dimensions of a
/// matmul operand into the op's transpose flag.
struct AbsorbOperandTranspose : public OpRewritePattern<FusedMatmulOp> {
  using OpRewritePattern::OpRewritePattern;

  static bool swapsInnermostDims(linalg::TransposeOp transpose) {
    ArrayRef<int64_t> permutation = transpose.getPermutation();
    int64_t rank = permutation.size();
    for (int64_t dim = 0; dim < rank - 2; ++dim)
      if (permutation[dim] != dim)
        return false;
    return rank >= 2 && permutation[rank - 2] == rank - 1 &&
           permutation[rank - 1] == rank - 2;
  }

  LogicalResult matchAndRewrite(FusedMatmulOp op,
                                PatternRewriter &rewriter) const override {
    auto lhsTranspose = op.getLhs().getDefiningOp<linalg::TransposeOp>();
    auto rhsTranspose = op.getRhs().getDefiningOp<linalg::TransposeOp>();
    bool absorbLhs = lhsTranspose && swapsInnermostDims(lhsTranspose);
    bool absorbRhs = rhsTranspose && swapsInnermostDims(rhsTranspose);
    if (!absorbLhs && !absorbRhs)
      return rewriter.notifyMatchFailure(op, "no operand is a transpose of "
                                             "the two innermost dimensions");
    rewriter.modifyOpInPlace(op, [&]() {
      if (absorbLhs) {
        op.getLhsMutable().assign(lhsTranspose.getInput());
        op.setTransposeA(!op.getTransposeA());
      }
      if (absorbRhs) {
        op.getRhsMutable().assign(rhsTranspose.getInput());
        op.setTransposeB(!op.getTransposeB());
      }
    });
    return success();
  }
};

} // namespace

void FusedMatmulOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                                MLIRContext *context) {
  results.add<SimplifyEpilogueOperands<FusedMatmulOp>, AbsorbOperandTranspose>(
      context);
}

void FusedConv2DOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                                MLIRContext *context) {
  results.add<SimplifyEpilogueOperands<FusedConv2DOp>>(context);
}
