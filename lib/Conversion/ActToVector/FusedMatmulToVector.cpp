//===- FusedMatmulToVector.cpp - register-tiled vector kernel -------------===//
//
// act.fused_matmul becomes loops over register tiles of tileM x tileN
// results (tileN = one vector). Each tile keeps its accumulators in tileM
// vectors for the whole reduction: per step one vector load of B's row, and
// per accumulator row one broadcast of A's element and one multiply-add.
// The epilogue region is then applied to the accumulator vectors (its ops
// are elementwise, so they take vectors as they take scalars) and each row
// is stored once. All of it stays on tensors, so bufferization and the rest
// of act-lower-to-cpu apply unchanged.
//
//===----------------------------------------------------------------------===//

#include "act/Conversion/ActToVector/ActToVector.h"

#include "Tiling.h"

#include "act/Dialect/Act/IR/ActOps.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/TargetParser/Host.h"

#include <cstring>

namespace mlir {
namespace act {
#define GEN_PASS_DEF_CONVERTACTFUSEDMATMULTOVECTOR
#include "act/Conversion/Passes.h.inc"
} // namespace act
} // namespace mlir

using namespace mlir;
using namespace mlir::act;

namespace {

/// Index `value` as an index constant.
Value indexConstant(OpBuilder &b, Location loc, int64_t value) {
  return arith::ConstantIndexOp::create(b, loc, value);
}

/// Widens `value` (a scalar or vector) to the accumulator type.
Value extendTo(OpBuilder &b, Location loc, Value value, Type accumulator) {
  Type element = getElementTypeOrSelf(value.getType());
  if (element == accumulator)
    return value;
  Type type = accumulator;
  if (auto vector = dyn_cast<VectorType>(value.getType()))
    type = VectorType::get(vector.getShape(), accumulator);
  return arith::ExtFOp::create(b, loc, type, value);
}

/// The indices of element (row, column) of a rank-R tile slice whose
/// leading dimensions are batch dimensions of size 1; `rowDim`/`columnDim`
/// say where row and column go.
SmallVector<Value> tileIndices(Value zero, int64_t rank, int64_t rowDim,
                               Value row, int64_t columnDim, Value column) {
  SmallVector<Value> indices(rank, zero);
  if (rowDim >= 0)
    indices[rowDim] = row;
  if (columnDim >= 0)
    indices[columnDim] = column;
  return indices;
}

/// Rewrites one register tile (at most tileM x tileN results, the whole
/// reduction) into vector code on tensors.
/// min(i, rows - 1) for each row i of a tile: the rows past the edge compute
/// a copy of the last row, which is never stored.
SmallVector<Value> clampTileRows(OpBuilder &b, Location loc, Value rows,
                                 int64_t tileRows) {
  Value lastRow =
      arith::SubIOp::create(b, loc, rows, indexConstant(b, loc, 1));
  SmallVector<Value> clamped;
  for (int64_t i = 0; i < tileRows; ++i)
    clamped.push_back(
        arith::MinSIOp::create(b, loc, indexConstant(b, loc, i), lastRow));
  return clamped;
}

Value zeroVector(OpBuilder &b, Location loc, VectorType type) {
  return arith::ConstantOp::create(
      b, loc, type,
      DenseElementsAttr::get(type, b.getFloatAttr(type.getElementType(), 0.0)));
}

/// acc + a * row, as one FMA (`contract`) or rounded like the reference:
/// a multiply, then an add.
Value multiplyAdd(OpBuilder &b, Location loc, Value a, Value row, Value acc,
                  bool contract) {
  if (contract)
    return vector::FMAOp::create(b, loc, a, row, acc);
  Value product = arith::MulFOp::create(b, loc, a, row);
  return arith::AddFOp::create(b, loc, acc, product);
}

/// Applies the epilogue to each accumulator vector (row i of the tile:
/// dimension rank-2 of the result, its columns along dimension rank-1) and
/// stores each row that exists into `init` once, masked past the last
/// column. Epilogue operands are read as vectors along the columns, or
/// broadcast where they do not vary along them; rows past the edge read
/// the clamped row.
Value emitEpilogueAndStores(RewriterBase &rewriter, Location loc,
                            Block &epilogue, ArrayRef<Value> epilogueOperands,
                            ValueRange accumulators, Value init,
                            ArrayRef<Value> clampedRows, Value rows,
                            int64_t lanes) {
  MLIRContext *context = rewriter.getContext();
  int64_t rank = cast<RankedTensorType>(init.getType()).getRank();
  Value zeroIndex = indexConstant(rewriter, loc, 0);
  Value result = init;
  for (auto [row, accumulator] : llvm::enumerate(accumulators)) {
    // A plain variable: the store's builder lambda captures it.
    int64_t i = row;
    IRMapping mapping;
    mapping.map(epilogue.getArgument(0), accumulator);
    for (auto [index, operand] : llvm::enumerate(epilogueOperands)) {
      auto operandType = cast<RankedTensorType>(operand.getType());
      int64_t operandRank = operandType.getRank();
      int64_t offset = rank - operandRank;
      // Row and column dimensions of the operand, if it varies along them.
      int64_t rowDim = rank - 2 - offset, columnDim = rank - 1 - offset;
      if (rowDim < 0 || operandType.getDimSize(rowDim) == 1)
        rowDim = -1;
      if (columnDim < 0 || operandType.getDimSize(columnDim) == 1)
        columnDim = -1;
      SmallVector<Value> indices =
          tileIndices(zeroIndex, operandRank, rowDim, clampedRows[i],
                      columnDim, zeroIndex);
      AffineMap map =
          columnDim >= 0
              ? AffineMap::get(operandRank, 0,
                               {getAffineDimExpr(columnDim, context)}, context)
              : AffineMap::get(operandRank, 0,
                               {getAffineConstantExpr(0, context)}, context);
      Type element = operandType.getElementType();
      Value padding = arith::ConstantOp::create(
          rewriter, loc, rewriter.getZeroAttr(element));
      Value vector = vector::TransferReadOp::create(
          rewriter, loc, VectorType::get({lanes}, element), operand, indices,
          padding, map, ArrayRef<bool>{columnDim < 0});
      mapping.map(epilogue.getArgument(index + 1), vector);
    }
    // Each scalar op of the epilogue, on vectors; scalars it reads from
    // outside (or constants it defines) are broadcast.
    auto vectorOf = [&](Value value) -> Value {
      Value mapped = mapping.lookupOrDefault(value);
      if (isa<VectorType>(mapped.getType()))
        return mapped;
      return vector::BroadcastOp::create(
          rewriter, loc, VectorType::get({lanes}, mapped.getType()), mapped);
    };
    for (Operation &nested : epilogue.without_terminator()) {
      if (nested.getNumOperands() == 0) {
        rewriter.clone(nested, mapping);
        continue;
      }
      SmallVector<Value> operands;
      for (Value operand : nested.getOperands())
        operands.push_back(vectorOf(operand));
      SmallVector<Type> types;
      for (Type type : nested.getResultTypes())
        types.push_back(VectorType::get({lanes}, type));
      Operation *vectorized =
          rewriter.create(nested.getLoc(), nested.getName().getIdentifier(),
                          operands, types, nested.getAttrs());
      mapping.map(nested.getResults(), vectorized->getResults());
    }
    Value value = vectorOf(cast<YieldOp>(epilogue.getTerminator()).getValue());

    // Store the row if it exists; columns past the edge are masked off.
    Value rowExists = arith::CmpIOp::create(
        rewriter, loc, arith::CmpIPredicate::slt,
        indexConstant(rewriter, loc, i), rows);
    auto store = scf::IfOp::create(
        rewriter, loc, rowExists,
        [&](OpBuilder &b, Location thenLoc) {
          SmallVector<Value> indices =
              tileIndices(zeroIndex, rank, rank - 2,
                          indexConstant(b, thenLoc, i), rank - 1, zeroIndex);
          Value written = vector::TransferWriteOp::create(
                              b, thenLoc, value, result, indices,
                              AffineMap::getMinorIdentityMap(rank, 1, context),
                              ArrayRef<bool>{false})
                              .getResult();
          scf::YieldOp::create(b, thenLoc, written);
        },
        [&](OpBuilder &b, Location elseLoc) {
          scf::YieldOp::create(b, elseLoc, result);
        });
    result = store.getResult(0);
  }
  return result;
}

/// Marks the innermost reduction loop as the micro-kernel, applies the
/// epilogue to the finished accumulators, stores the rows and replaces the
/// tile op.
template <typename OpTy>
void finishTile(RewriterBase &rewriter, OpTy op, scf::ForOp reductionLoop,
                ValueRange accumulators, ArrayRef<Value> clampedRows,
                Value rows, int64_t tileRows, int64_t lanes) {
  reductionLoop->setAttr(ActDialect::getRegisterTileAttrName(),
                         rewriter.getDenseI64ArrayAttr({tileRows, lanes}));
  Value result = emitEpilogueAndStores(
      rewriter, op.getLoc(), op.getEpilogueBlock(), op.getEpilogueOperands(),
      accumulators, op.getInit(), clampedRows, rows, lanes);
  rewriter.replaceOp(op, result);
}

/// Rewrites one NHWC convolution tile (one output row, at most tileM output
/// columns x tileN channels, the whole reduction) into vector code: the
/// output columns are the accumulator rows, the channels the lanes, and the
/// reduction runs over (kh, kw, c), as linalg.conv_2d_nhwc_hwcf's loops do.
/// A row of the HWCF filter at (kh, kw, c) is contiguous along F: one
/// vector load per step; the input element of accumulator row i is
/// input[kh * dh][i * sw + kw * dw][c] of the tile's input slice.
LogicalResult lowerConvTile(RewriterBase &rewriter, FusedConv2DOp op,
                            const FusedMatmulVectorOptions &options) {
  Location loc = op.getLoc();
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(op);
  MLIRContext *context = rewriter.getContext();
  Value input = op.getInput(), filter = op.getFilter(), init = op.getInit();
  Type accumulator = op.getAccumulatorType();
  int64_t lanes = options.tileN;
  auto accVectorType = VectorType::get({lanes}, accumulator);
  Type filterElement = op.getFilter().getType().getElementType();
  ArrayRef<int64_t> strides = op.getStrides(), dilations = op.getDilations();

  Value zeroIndex = indexConstant(rewriter, loc, 0);
  Value oneIndex = indexConstant(rewriter, loc, 1);
  Value rows = tensor::DimOp::create(rewriter, loc, init, 2);
  Value kernelH = tensor::DimOp::create(rewriter, loc, filter, 0);
  Value kernelW = tensor::DimOp::create(rewriter, loc, filter, 1);
  Value channels = tensor::DimOp::create(rewriter, loc, filter, 2);
  SmallVector<Value> clampedRows =
      clampTileRows(rewriter, loc, rows, options.tileM);
  Value zeroAcc = zeroVector(rewriter, loc, accVectorType);
  Value filterPadding = arith::ConstantOp::create(
      rewriter, loc, rewriter.getZeroAttr(filterElement));
  Value strideW = indexConstant(rewriter, loc, strides[1]);
  Value dilationH = indexConstant(rewriter, loc, dilations[0]);
  Value dilationW = indexConstant(rewriter, loc, dilations[1]);
  // The input column of each accumulator row, before the kw offset.
  SmallVector<Value> rowColumns;
  for (Value row : clampedRows)
    rowColumns.push_back(arith::MulIOp::create(rewriter, loc, row, strideW));

  SmallVector<Value> initAccs(options.tileM, zeroAcc);
  scf::ForOp innermost;
  auto khLoop = scf::ForOp::create(
      rewriter, loc, zeroIndex, kernelH, oneIndex, initAccs,
      [&](OpBuilder &b, Location l, Value kh, ValueRange khAccs) {
        Value h = arith::MulIOp::create(b, l, kh, dilationH);
        auto kwLoop = scf::ForOp::create(
            b, l, zeroIndex, kernelW, oneIndex, khAccs,
            [&](OpBuilder &b, Location l, Value kw, ValueRange kwAccs) {
              Value wOffset = arith::MulIOp::create(b, l, kw, dilationW);
              SmallVector<Value> columns;
              for (Value column : rowColumns)
                columns.push_back(arith::AddIOp::create(b, l, column, wOffset));
              innermost = scf::ForOp::create(
                  b, l, zeroIndex, channels, oneIndex, kwAccs,
                  [&](OpBuilder &b, Location l, Value c, ValueRange accs) {
                    Value fRow = vector::TransferReadOp::create(
                        b, l, VectorType::get({lanes}, filterElement), filter,
                        ValueRange{kh, kw, c, zeroIndex}, filterPadding,
                        AffineMap::getMinorIdentityMap(4, 1, context),
                        ArrayRef<bool>{false});
                    fRow = extendTo(b, l, fRow, accumulator);
                    SmallVector<Value> next;
                    for (auto [i, column] : llvm::enumerate(columns)) {
                      Value a = tensor::ExtractOp::create(
                          b, l, input, ValueRange{zeroIndex, h, column, c});
                      a = extendTo(b, l, a, accumulator);
                      Value splat =
                          vector::BroadcastOp::create(b, l, accVectorType, a);
                      next.push_back(multiplyAdd(b, l, splat, fRow, accs[i],
                                                 options.contract));
                    }
                    scf::YieldOp::create(b, l, next);
                  });
              scf::YieldOp::create(b, l, innermost.getResults());
            });
        scf::YieldOp::create(b, l, kwLoop.getResults());
      });
  finishTile(rewriter, op, innermost, khLoop.getResults(), clampedRows, rows,
             options.tileM, lanes);
  return success();
}

/// B packed into panels: tensor<(N / tileN) x K x tileN>, zero-padded, so
/// that a tile's row of B at step k is one contiguous, in-bounds vector.
struct PackedPanel {
  Value packed;
  /// Which panel this tile reads.
  Value index;
};

LogicalResult lowerTile(RewriterBase &rewriter, FusedMatmulOp op,
                        const FusedMatmulVectorOptions &options,
                        std::optional<PackedPanel> panel) {
  Location loc = op.getLoc();
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(op);

  RankedTensorType resultType = op.getResult().getType();
  int64_t rank = resultType.getRank();
  Type accumulator = op.getAccumulatorType();
  int64_t lanes = options.tileN;
  auto accVectorType = VectorType::get({lanes}, accumulator);

  Value lhs = op.getLhs(), rhs = op.getRhs(), init = op.getInit();
  int64_t lhsRank = op.getLhs().getType().getRank();
  int64_t rhsRank = op.getRhs().getType().getRank();
  Value zeroIndex = indexConstant(rewriter, loc, 0);
  Value oneIndex = indexConstant(rewriter, loc, 1);
  Value rows = tensor::DimOp::create(rewriter, loc, init, rank - 2);
  int64_t lhsK = op.getTransposeA() ? lhsRank - 2 : lhsRank - 1;
  Value reduction = tensor::DimOp::create(rewriter, loc, lhs, lhsK);

  SmallVector<Value> clampedRows =
      clampTileRows(rewriter, loc, rows, options.tileM);
  SmallVector<Value> initAccs(options.tileM,
                              zeroVector(rewriter, loc, accVectorType));

  auto rhsElement = op.getRhs().getType().getElementType();
  Value rhsPadding = arith::ConstantOp::create(
      rewriter, loc, rewriter.getFloatAttr(rhsElement, 0.0));
  MLIRContext *context = rewriter.getContext();

  auto loop = scf::ForOp::create(
      rewriter, loc, zeroIndex, reduction, oneIndex, initAccs,
      [&](OpBuilder &b, Location bodyLoc, Value k, ValueRange accs) {
        // Row k of B: tileN consecutive columns (a strided read when B is
        // transposed), zero past the edge.
        SmallVector<Value> rhsIndices =
            op.getTransposeB()
                ? tileIndices(zeroIndex, rhsRank, rhsRank - 2, zeroIndex,
                              rhsRank - 1, k)
                : tileIndices(zeroIndex, rhsRank, rhsRank - 2, k,
                              rhsRank - 1, zeroIndex);
        AffineMap rhsMap = AffineMap::get(
            rhsRank, 0,
            {getAffineDimExpr(op.getTransposeB() ? rhsRank - 2 : rhsRank - 1,
                              context)},
            context);
        Value bRow;
        if (panel) {
          AffineMap innermost = AffineMap::getMinorIdentityMap(3, 1, context);
          bRow = vector::TransferReadOp::create(
              b, bodyLoc, VectorType::get({lanes}, rhsElement), panel->packed,
              ValueRange{panel->index, k, zeroIndex}, rhsPadding, innermost,
              ArrayRef<bool>{true});
        } else {
          bRow = vector::TransferReadOp::create(
              b, bodyLoc, VectorType::get({lanes}, rhsElement), rhs,
              rhsIndices, rhsPadding, rhsMap, ArrayRef<bool>{false});
        }
        bRow = extendTo(b, bodyLoc, bRow, accumulator);
        SmallVector<Value> next;
        for (int64_t i = 0; i < options.tileM; ++i) {
          SmallVector<Value> lhsIndices =
              op.getTransposeA()
                  ? tileIndices(zeroIndex, lhsRank, lhsRank - 2, k,
                                lhsRank - 1, clampedRows[i])
                  : tileIndices(zeroIndex, lhsRank, lhsRank - 2,
                                clampedRows[i], lhsRank - 1, k);
          Value a = tensor::ExtractOp::create(b, bodyLoc, lhs, lhsIndices);
          a = extendTo(b, bodyLoc, a, accumulator);
          Value aSplat =
              vector::BroadcastOp::create(b, bodyLoc, accVectorType, a);
          next.push_back(
              multiplyAdd(b, bodyLoc, aSplat, bRow, accs[i], options.contract));
        }
        scf::YieldOp::create(b, bodyLoc, next);
      });
  finishTile(rewriter, op, loop, loop.getResults(), clampedRows, rows,
             options.tileM, lanes);
  return success();
}

struct ConvertActFusedMatmulToVectorPass
    : public act::impl::ConvertActFusedMatmulToVectorBase<
          ConvertActFusedMatmulToVectorPass> {
  using ConvertActFusedMatmulToVectorBase::ConvertActFusedMatmulToVectorBase;

  void runOnOperation() override {
    FailureOr<std::pair<int64_t, int64_t>> tile = getRegisterTile(target);
    if (failed(tile)) {
      getOperation()->emitError()
          << "convert-act-fused-matmul-to-vector: unknown target '" << target
          << "' (expected auto, avx512, avx2 or generic)";
      return signalPassFailure();
    }
    FusedMatmulVectorOptions options;
    options.tileM = tileM ? int64_t(tileM) : tile->first;
    options.tileN = tileN ? int64_t(tileN) : tile->second;
    options.contract = contract;
    options.pack = pack;
    options.blockBytes = blockBytes;
    if (options.tileM < 1 || options.tileN < 1 || options.blockBytes < 1) {
      getOperation()->emitError()
          << "convert-act-fused-matmul-to-vector: tile-m, tile-n and "
             "block-bytes must be >= 1, got "
          << options.tileM << ", " << options.tileN << " and "
          << options.blockBytes;
      return signalPassFailure();
    }
    SmallVector<FusedMatmulOp> ops;
    SmallVector<FusedConv2DOp> convs;
    getOperation()->walk([&](Operation *op) {
      if (auto matmul = dyn_cast<FusedMatmulOp>(op))
        ops.push_back(matmul);
      else if (auto conv = dyn_cast<FusedConv2DOp>(op))
        convs.push_back(conv);
    });
    IRRewriter rewriter(&getContext());
    for (FusedMatmulOp op : ops)
      if (failed(lowerFusedMatmulToVector(rewriter, op, options)))
        return signalPassFailure();
    // NCHW convolutions stay for the reference lowering.
    for (FusedConv2DOp op : convs)
      if (op.getLayout() == ConvLayout::nhwc_hwcf &&
          failed(lowerFusedConv2DToVector(rewriter, op, options)))
        return signalPassFailure();
  }
};

/// Packs a rank-2, non-transposed B (K x N) into panels of `lanes`
/// columns: tensor<ceil(N / lanes) x K x lanes>, the last panel zero-padded.
/// A constant B is packed at compile time; otherwise the packing runs once
/// per call before the tiles, one vector copy per panel row.
Value packPanels(RewriterBase &rewriter, Location loc, Value rhs,
                 int64_t lanes) {
  auto type = cast<RankedTensorType>(rhs.getType());
  int64_t k = type.getDimSize(0), n = type.getDimSize(1);
  Type element = type.getElementType();
  if (!ShapedType::isDynamic(k) && !ShapedType::isDynamic(n)) {
    DenseElementsAttr constant;
    if (matchPattern(rhs, m_Constant(&constant)) && !constant.isSplat()) {
      int64_t panels = (n + lanes - 1) / lanes;
      auto packedType = RankedTensorType::get({panels, k, lanes}, element);
      size_t width = element.getIntOrFloatBitWidth() / 8;
      ArrayRef<char> raw = constant.getRawData();
      std::vector<char> packed(panels * k * lanes * width, 0);
      for (int64_t row = 0; row < k; ++row)
        for (int64_t column = 0; column < n; ++column)
          std::memcpy(&packed[((column / lanes) * k + row) * lanes * width +
                              (column % lanes) * width],
                      &raw[(row * n + column) * width], width);
      auto attr = DenseElementsAttr::getFromRawBuffer(packedType, packed);
      return arith::ConstantOp::create(rewriter, loc, packedType, attr);
    }
  }
  // One vector copy per (panel, row): panel p, row k holds columns
  // [p * lanes, (p + 1) * lanes) of B's row k, zero past the edge. The
  // panels are independent (an scf.forall, parallel with threads).
  AffineExpr s0 = rewriter.getAffineSymbolExpr(0);
  OpFoldResult columns = tensor::getMixedSize(rewriter, loc, rhs, 1);
  OpFoldResult panels = affine::makeComposedFoldedAffineApply(
      rewriter, loc, s0.ceilDiv(lanes), {columns});
  OpFoldResult rows = tensor::getMixedSize(rewriter, loc, rhs, 0);
  SmallVector<OpFoldResult> packedSizes{panels, rows,
                                        rewriter.getIndexAttr(lanes)};
  Value empty = tensor::EmptyOp::create(rewriter, loc, packedSizes, element);
  Value zero = arith::ConstantOp::create(rewriter, loc,
                                         rewriter.getZeroAttr(element));
  Value zeroIndex = arith::ConstantIndexOp::create(rewriter, loc, 0);
  Value oneIndex = arith::ConstantIndexOp::create(rewriter, loc, 1);
  Value rowCount = getValueOrCreateConstantIndexOp(rewriter, loc, rows);
  auto vectorType = VectorType::get({lanes}, element);
  MLIRContext *context = rewriter.getContext();
  auto forall = scf::ForallOp::create(
      rewriter, loc, ArrayRef<OpFoldResult>{panels}, ValueRange{empty},
      std::nullopt);
  {
    OpBuilder::InsertionGuard guard(rewriter);
    rewriter.setInsertionPointToStart(forall.getBody());
    Value panel = forall.getInductionVars()[0];
    Value shared = forall.getRegionIterArgs()[0];
    SmallVector<OpFoldResult> offsets{panel, rewriter.getIndexAttr(0),
                                      rewriter.getIndexAttr(0)};
    SmallVector<OpFoldResult> sizes{rewriter.getIndexAttr(1), rows,
                                    rewriter.getIndexAttr(lanes)};
    SmallVector<OpFoldResult> strides(3, rewriter.getIndexAttr(1));
    Value slice = tensor::ExtractSliceOp::create(rewriter, loc, shared,
                                                 offsets, sizes, strides);
    Value column = arith::MulIOp::create(
        rewriter, loc, panel, arith::ConstantIndexOp::create(rewriter, loc, lanes));
    auto rowLoop = scf::ForOp::create(
        rewriter, loc, zeroIndex, rowCount, oneIndex, ValueRange{slice},
        [&](OpBuilder &b, Location loopLoc, Value k, ValueRange iter) {
          Value row = vector::TransferReadOp::create(
              b, loopLoc, vectorType, rhs, ValueRange{k, column}, zero,
              AffineMap::getMinorIdentityMap(2, 1, context),
              ArrayRef<bool>{false});
          Value written = vector::TransferWriteOp::create(
                              b, loopLoc, row, iter[0],
                              ValueRange{zeroIndex, k, zeroIndex},
                              AffineMap::getMinorIdentityMap(3, 1, context),
                              ArrayRef<bool>{true})
                              .getResult();
          scf::YieldOp::create(b, loopLoc, written);
        });
    rewriter.setInsertionPointToStart(forall.getTerminator().getBody());
    tensor::ParallelInsertSliceOp::create(rewriter, loc, rowLoop.getResult(0),
                                          shared, offsets, sizes, strides);
  }
  return forall.getResult(0);
}

/// Tiles `op` into register tiles (column tiles outside with a packed B)
/// and lowers each.
LogicalResult tileIntoRegisterTiles(RewriterBase &rewriter, FusedMatmulOp op,
                                    const FusedMatmulVectorOptions &options,
                                    std::optional<Value> packed) {
  int64_t rank = op.getResult().getType().getRank();
  SmallVector<OpFoldResult> tileSizes(rank - 2, rewriter.getIndexAttr(1));
  tileSizes.push_back(rewriter.getIndexAttr(options.tileM));
  tileSizes.push_back(rewriter.getIndexAttr(options.tileN));
  tileSizes.push_back(rewriter.getIndexAttr(0));
  // With packed panels the column tiles go outside, so that one panel stays
  // in cache while the row tiles sweep it.
  SmallVector<int64_t> interchange;
  if (packed)
    interchange = {1, 0, 2};
  FailureOr<SmallVector<FusedMatmulOp>> tiles =
      tileWithForall(rewriter, op, tileSizes, interchange);
  if (failed(tiles))
    return failure();
  for (FusedMatmulOp tile : *tiles) {
    std::optional<PackedPanel> panel;
    if (packed) {
      // The tile's B is a slice at column offset j, a multiple of tileN.
      auto slice = tile.getRhs().getDefiningOp<tensor::ExtractSliceOp>();
      if (!slice)
        return failure();
      rewriter.setInsertionPoint(tile);
      AffineExpr s0 = rewriter.getAffineSymbolExpr(0);
      Value index = affine::makeComposedAffineApply(
          rewriter, tile.getLoc(), s0.floorDiv(options.tileN),
          {slice.getMixedOffsets()[1]});
      panel = PackedPanel{*packed, index};
    }
    if (failed(lowerTile(rewriter, tile, options, panel)))
      return failure();
  }
  return success();
}

} // namespace

LogicalResult mlir::act::lowerFusedConv2DToVector(
    RewriterBase &rewriter, FusedConv2DOp op,
    const FusedMatmulVectorOptions &options) {
  if (op.getLayout() != ConvLayout::nhwc_hwcf)
    return failure();
  // Tiles of one output row, tileM output columns and tileN channels.
  SmallVector<OpFoldResult> tileSizes{
      rewriter.getIndexAttr(1), rewriter.getIndexAttr(1),
      rewriter.getIndexAttr(options.tileM), rewriter.getIndexAttr(options.tileN),
      rewriter.getIndexAttr(0), rewriter.getIndexAttr(0),
      rewriter.getIndexAttr(0)};
  FailureOr<SmallVector<FusedConv2DOp>> tiles =
      tileWithForall(rewriter, op, tileSizes);
  if (failed(tiles))
    return failure();
  for (FusedConv2DOp tile : *tiles)
    if (failed(lowerConvTile(rewriter, tile, options)))
      return failure();
  return success();
}

FailureOr<std::pair<int64_t, int64_t>>
mlir::act::getRegisterTile(StringRef target) {
  if (target == "auto") {
    llvm::StringMap<bool> features = llvm::sys::getHostCPUFeatures();
    if (features.lookup("avx512f"))
      target = "avx512";
    else if (features.lookup("avx2") && features.lookup("fma"))
      target = "avx2";
    else
      target = "generic";
  }
  if (target == "avx512")
    return std::make_pair<int64_t, int64_t>(8, 32);
  if (target == "avx2")
    return std::make_pair<int64_t, int64_t>(6, 16);
  if (target == "generic")
    return std::make_pair<int64_t, int64_t>(4, 8);
  return failure();
}

LogicalResult
mlir::act::lowerFusedMatmulToVector(RewriterBase &rewriter, FusedMatmulOp op,
                                    const FusedMatmulVectorOptions &options) {
  int64_t rank = op.getResult().getType().getRank();
  // Fewer rows than the tile (a GEMV, a small batch): a shorter tile, so no
  // accumulator row computes a copy of another, and proportionally more
  // columns, so that B streams through once with as many accumulators.
  FusedMatmulVectorOptions tileOptions = options;
  int64_t rows = op.getResult().getType().getDimSize(rank - 2);
  if (!ShapedType::isDynamic(rows) && rows < tileOptions.tileM) {
    tileOptions.tileM = std::max<int64_t>(rows, 1);
    tileOptions.tileN =
        options.tileN * std::max<int64_t>(1, options.tileM / tileOptions.tileM / 2);
  }

  // Packing pays when several row tiles read B.
  bool packable = options.pack && rank == 2 && !op.getTransposeB() &&
                  op.getRhs().getType().getRank() == 2 &&
                  (ShapedType::isDynamic(rows) || rows > tileOptions.tileM);
  if (!packable)
    return tileIntoRegisterTiles(rewriter, op, tileOptions, std::nullopt);

  rewriter.setInsertionPoint(op);
  Value packed =
      packPanels(rewriter, op.getLoc(), op.getRhs(), tileOptions.tileN);

  // Row blocks whose A block (rows x K) stays in the L2 cache while every
  // column panel of B streams past it; the blocks are independent (the
  // threads' unit of work).
  int64_t reduction = op.getLhs().getType().getDimSize(
      op.getTransposeA() ? 0 : 1);
  int64_t elementBytes =
      op.getLhs().getType().getElementType().getIntOrFloatBitWidth() / 8;
  int64_t blockRows = ShapedType::isDynamic(reduction)
                          ? 8 * tileOptions.tileM
                          : options.blockBytes / (reduction * elementBytes);
  blockRows = std::max<int64_t>(tileOptions.tileM,
                                blockRows / tileOptions.tileM * tileOptions.tileM);
  if (!ShapedType::isDynamic(rows) && blockRows >= rows)
    return tileIntoRegisterTiles(rewriter, op, tileOptions, packed);

  FailureOr<SmallVector<FusedMatmulOp>> blocks = tileWithForall(
      rewriter, op,
      {rewriter.getIndexAttr(blockRows), rewriter.getIndexAttr(0),
       rewriter.getIndexAttr(0)});
  if (failed(blocks))
    return failure();
  for (FusedMatmulOp block : *blocks)
    if (failed(tileIntoRegisterTiles(rewriter, block, tileOptions, packed)))
      return failure();
  return success();
}
