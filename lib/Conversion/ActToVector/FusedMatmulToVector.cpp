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
#include <unistd.h>

namespace mlir {
namespace act {
#define GEN_PASS_DEF_CONVERTACTFUSEDMATMULTOVECTOR
#include "act/Conversion/Passes.h.inc"
} // namespace act
} // namespace mlir

using namespace mlir;
using namespace mlir::act;

namespace {

/// The host's L2 cache size in bytes (per core), 2 MiB where the system
/// does not say.
int64_t hostL2CacheBytes() {
  long bytes = sysconf(_SC_LEVEL2_CACHE_SIZE);
  return bytes > 0 ? bytes : 2 << 20;
}

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

/// One reduction step of a register tile: accumulator row i gains
/// `scalarOf(i)` (an element it reads; widened and broadcast) times `row`
/// (widened).
SmallVector<Value>
multiplyAddRows(OpBuilder &b, Location loc,
                llvm::function_ref<Value(int64_t)> scalarOf, Value row,
                ValueRange accs, Type accumulator, bool contract) {
  row = extendTo(b, loc, row, accumulator);
  auto accVectorType = cast<VectorType>(accs.front().getType());
  SmallVector<Value> next;
  for (auto [i, acc] : llvm::enumerate(accs)) {
    Value splat = vector::BroadcastOp::create(
        b, loc, accVectorType, extendTo(b, loc, scalarOf(i), accumulator));
    next.push_back(multiplyAdd(b, loc, splat, row, acc, contract));
  }
  return next;
}

/// Applies the epilogue to the accumulator vector of row `clampedRow` of
/// the tile (along dimension `rowDim` of the result, its columns along
/// dimension rank-1). Epilogue operands are read as vectors along the
/// columns, or broadcast where they do not vary along them; a row past the
/// edge reads the clamped row.
Value applyEpilogue(RewriterBase &rewriter, Location loc, Block &epilogue,
                    ArrayRef<Value> epilogueOperands, Value accumulator,
                    Value clampedRow, int64_t rank, int64_t rowDim,
                    int64_t lanes) {
  MLIRContext *context = rewriter.getContext();
  Value zeroIndex = indexConstant(rewriter, loc, 0);
  IRMapping mapping;
  mapping.map(epilogue.getArgument(0), accumulator);
  for (auto [index, operand] : llvm::enumerate(epilogueOperands)) {
    auto operandType = cast<RankedTensorType>(operand.getType());
    int64_t operandRank = operandType.getRank();
    int64_t offset = rank - operandRank;
    // Row and column dimensions of the operand, if it varies along them.
    int64_t operandRowDim = rowDim - offset, columnDim = rank - 1 - offset;
    if (operandRowDim < 0 || operandType.getDimSize(operandRowDim) == 1)
      operandRowDim = -1;
    if (columnDim < 0 || operandType.getDimSize(columnDim) == 1)
      columnDim = -1;
    SmallVector<Value> indices =
        tileIndices(zeroIndex, operandRank, operandRowDim, clampedRow,
                    columnDim, zeroIndex);
    AffineMap map =
        columnDim >= 0
            ? AffineMap::get(operandRank, 0,
                             {getAffineDimExpr(columnDim, context)}, context)
            : AffineMap::get(operandRank, 0,
                             {getAffineConstantExpr(0, context)}, context);
    Type element = operandType.getElementType();
    Value padding =
        arith::ConstantOp::create(rewriter, loc, rewriter.getZeroAttr(element));
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
  return vectorOf(cast<YieldOp>(epilogue.getTerminator()).getValue());
}

/// Stores row i of the tile (along dimension `rowDim`), `values[i]`, into
/// `init` if the row exists (i < rows); columns past the edge are masked
/// off. One store per row.
Value storeRows(OpBuilder &b, Location loc, ValueRange values, Value init,
                Value rows, int64_t rowDim) {
  MLIRContext *context = b.getContext();
  int64_t rank = cast<RankedTensorType>(init.getType()).getRank();
  Value zeroIndex = indexConstant(b, loc, 0);
  Value result = init;
  for (auto [row, rowValue] : llvm::enumerate(values)) {
    // Plain variables: the store's builder lambda captures them.
    int64_t i = row;
    Value value = rowValue;
    Value rowExists =
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt,
                              indexConstant(b, loc, i), rows);
    auto store = scf::IfOp::create(
        b, loc, rowExists,
        [&](OpBuilder &b, Location thenLoc) {
          SmallVector<Value> indices =
              tileIndices(zeroIndex, rank, rowDim,
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

/// The epilogue on each accumulator vector (row i reads the operands'
/// row `clampedRows[i]`).
SmallVector<Value> applyEpilogueToRows(RewriterBase &rewriter, Location loc,
                                       Block &epilogue,
                                       ArrayRef<Value> epilogueOperands,
                                       ValueRange accumulators,
                                       ArrayRef<Value> clampedRows,
                                       int64_t rank, int64_t rowDim,
                                       int64_t lanes) {
  SmallVector<Value> values;
  for (auto [accumulator, clampedRow] : llvm::zip(accumulators, clampedRows))
    values.push_back(applyEpilogue(rewriter, loc, epilogue, epilogueOperands,
                                   accumulator, clampedRow, rank, rowDim,
                                   lanes));
  return values;
}

/// A block of the reduction, [begin, end), for a tile whose partial sums
/// live in its result between blocks: the first block starts from zero, the
/// others from what the previous block stored; only the last applies the
/// epilogue.
struct ReductionBlock {
  Value begin, end;
  /// i1: begin == 0, begin + block >= K.
  Value isFirst, isLast;
};

/// Marks the innermost reduction loop as the micro-kernel, applies the
/// epilogue to the finished accumulators (in the last reduction block, if
/// blocked; earlier blocks store the partial sums as they are), stores the
/// rows and replaces the tile op.
/// The tile's rows run along dimension `rowDim` of the result (by default
/// rank-2), its columns along the last.
template <typename OpTy>
void finishTile(RewriterBase &rewriter, OpTy op, scf::ForOp reductionLoop,
                ValueRange accumulators, ArrayRef<Value> clampedRows,
                Value rows, int64_t tileRows, int64_t lanes,
                std::optional<ReductionBlock> block = std::nullopt,
                std::optional<int64_t> rowDimension = std::nullopt) {
  reductionLoop->setAttr(ActDialect::getRegisterTileAttrName(),
                         rewriter.getDenseI64ArrayAttr({tileRows, lanes}));
  Location loc = op.getLoc();
  int64_t rank = cast<RankedTensorType>(op.getInit().getType()).getRank();
  int64_t rowDim = rowDimension.value_or(rank - 2);
  auto finished = [&](Location l) {
    return applyEpilogueToRows(rewriter, l, op.getEpilogueBlock(),
                               op.getEpilogueOperands(), accumulators,
                               clampedRows, rank, rowDim, lanes);
  };
  SmallVector<Value> values;
  if (!block) {
    values = finished(loc);
  } else {
    // One set of stores: the epilogue's values in the last block, the
    // partial sums in the others (the same type: blocking needs the result
    // to hold the accumulator type).
    auto ifLast = scf::IfOp::create(
        rewriter, loc, block->isLast,
        [&](OpBuilder &b, Location thenLoc) {
          scf::YieldOp::create(b, thenLoc, finished(thenLoc));
        },
        [&](OpBuilder &b, Location elseLoc) {
          scf::YieldOp::create(b, elseLoc, accumulators);
        });
    values.assign(ifLast.getResults().begin(), ifLast.getResults().end());
  }
  rewriter.replaceOp(op,
                     storeRows(rewriter, loc, values, op.getInit(), rows, rowDim));
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
                    auto inputOf = [&](int64_t i) -> Value {
                      return tensor::ExtractOp::create(
                          b, l, input, ValueRange{zeroIndex, h, columns[i], c});
                    };
                    scf::YieldOp::create(
                        b, l,
                        multiplyAddRows(b, l, inputOf, fRow, accs, accumulator,
                                        options.contract));
                  });
              scf::YieldOp::create(b, l, innermost.getResults());
            });
        scf::YieldOp::create(b, l, kwLoop.getResults());
      });
  finishTile(rewriter, op, innermost, khLoop.getResults(), clampedRows, rows,
             options.tileM, lanes);
  return success();
}

/// Rewrites one NCHW convolution tile (tileM output channels x one output
/// row x tileN output columns, the whole reduction) into vector code: the
/// channels are the accumulator rows, the output columns the lanes, and the
/// reduction runs over (c, kh, kw), as linalg.conv_2d_nchw_fchw's loops do
/// (so without contraction the sums round as the reference's). Per step one
/// vector of an input row, input[c][kh * dh][kw * dw + j * sw] for the
/// tile's columns j (a strided slice when sw > 1), and per accumulator row
/// one broadcast filter element filter[f][c][kh][kw].
LogicalResult lowerConvTileNCHW(RewriterBase &rewriter, FusedConv2DOp op,
                                const FusedMatmulVectorOptions &options) {
  Location loc = op.getLoc();
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(op);
  Value input = op.getInput(), filter = op.getFilter();
  Type accumulator = op.getAccumulatorType();
  int64_t lanes = options.tileN;
  auto accVectorType = VectorType::get({lanes}, accumulator);
  auto inputType = cast<RankedTensorType>(input.getType());
  Type inputElement = inputType.getElementType();
  ArrayRef<int64_t> strides = op.getStrides(), dilations = op.getDilations();

  Value zeroIndex = indexConstant(rewriter, loc, 0);
  Value oneIndex = indexConstant(rewriter, loc, 1);
  // Output channels of the tile (its rows), the filter's (C, KH, KW).
  Value rows = tensor::DimOp::create(rewriter, loc, op.getInit(), 1);
  Value channels = tensor::DimOp::create(rewriter, loc, filter, 1);
  Value kernelH = tensor::DimOp::create(rewriter, loc, filter, 2);
  Value kernelW = tensor::DimOp::create(rewriter, loc, filter, 3);
  Value inputW = tensor::DimOp::create(rewriter, loc, input, 3);
  SmallVector<Value> clampedRows =
      clampTileRows(rewriter, loc, rows, options.tileM);
  Value zeroAcc = zeroVector(rewriter, loc, accVectorType);
  Value inputPadding = arith::ConstantOp::create(
      rewriter, loc, rewriter.getZeroAttr(inputElement));
  Value strideW = indexConstant(rewriter, loc, strides[1]);
  Value dilationH = indexConstant(rewriter, loc, dilations[0]);
  Value dilationW = indexConstant(rewriter, loc, dilations[1]);
  Value lanesIndex = indexConstant(rewriter, loc, lanes);
  MLIRContext *context = rewriter.getContext();

  SmallVector<Value> initAccs(options.tileM, zeroAcc);
  scf::ForOp innermost;
  auto cLoop = scf::ForOp::create(
      rewriter, loc, zeroIndex, channels, oneIndex, initAccs,
      [&](OpBuilder &b, Location l, Value c, ValueRange cAccs) {
        auto khLoop = scf::ForOp::create(
            b, l, zeroIndex, kernelH, oneIndex, cAccs,
            [&](OpBuilder &b, Location l, Value kh, ValueRange khAccs) {
              Value h = arith::MulIOp::create(b, l, kh, dilationH);
              innermost = scf::ForOp::create(
                  b, l, zeroIndex, kernelW, oneIndex, khAccs,
                  [&](OpBuilder &b, Location l, Value kw, ValueRange accs) {
                    // The input columns kw * dw + j * sw, j < lanes, that
                    // exist: a slice of the row with stride sw.
                    Value w = arith::MulIOp::create(b, l, kw, dilationW);
                    Value remaining = arith::SubIOp::create(b, l, inputW, w);
                    Value count = arith::CeilDivSIOp::create(
                        b, l, remaining, strideW);
                    count = arith::MinSIOp::create(b, l, count, lanesIndex);
                    SmallVector<OpFoldResult> offsets{
                        b.getIndexAttr(0), c, h, w};
                    SmallVector<OpFoldResult> sizes{
                        b.getIndexAttr(1), b.getIndexAttr(1),
                        b.getIndexAttr(1), count};
                    SmallVector<OpFoldResult> sliceStrides{
                        b.getIndexAttr(1), b.getIndexAttr(1),
                        b.getIndexAttr(1), b.getIndexAttr(strides[1])};
                    auto rowType = RankedTensorType::get({ShapedType::kDynamic},
                                                         inputElement);
                    Value row = tensor::ExtractSliceOp::create(
                        b, l, rowType, input, offsets, sizes, sliceStrides);
                    Value vector = vector::TransferReadOp::create(
                        b, l, VectorType::get({lanes}, inputElement), row,
                        ValueRange{zeroIndex}, inputPadding,
                        AffineMap::getMinorIdentityMap(1, 1, context),
                        ArrayRef<bool>{false});
                    auto weightOf = [&](int64_t i) -> Value {
                      return tensor::ExtractOp::create(
                          b, l, filter, ValueRange{clampedRows[i], c, kh, kw});
                    };
                    scf::YieldOp::create(
                        b, l,
                        multiplyAddRows(b, l, weightOf, vector, accs,
                                        accumulator, options.contract));
                  });
              scf::YieldOp::create(b, l, innermost.getResults());
            });
        scf::YieldOp::create(b, l, khLoop.getResults());
      });
  finishTile(rewriter, op, innermost, cLoop.getResults(), clampedRows, rows,
             options.tileM, lanes, std::nullopt, /*rowDimension=*/1);
  return success();
}

/// B packed into panels: tensor<(N / tileN) x K x tileN>, zero-padded, so
/// that a tile's row of B at step k is one contiguous, in-bounds vector.
struct PackedPanel {
  Value packed;
  /// Which panel this tile reads.
  Value index;
};

/// With `block`, only that block of the reduction, the accumulators
/// starting from the partial sums in the tile's result.
LogicalResult lowerTile(RewriterBase &rewriter, FusedMatmulOp op,
                        const FusedMatmulVectorOptions &options,
                        std::optional<PackedPanel> panel,
                        std::optional<ReductionBlock> block = std::nullopt) {
  Location loc = op.getLoc();
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(op);

  RankedTensorType resultType = op.getResult().getType();
  int64_t rank = resultType.getRank();
  Type accumulator = op.getAccumulatorType();
  int64_t lanes = options.tileN;
  auto accVectorType = VectorType::get({lanes}, accumulator);

  Value lhs = op.getLhs(), rhs = op.getRhs(), init = op.getInit();
  MLIRContext *context = rewriter.getContext();
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
  Value begin = zeroIndex, end = reduction;
  if (block) {
    begin = block->begin;
    end = block->end;
    // Later blocks continue from the partial sums the previous one stored
    // (the result's element type is the accumulator type then).
    auto partialSums = scf::IfOp::create(
        rewriter, loc, block->isFirst,
        [&](OpBuilder &b, Location thenLoc) {
          scf::YieldOp::create(b, thenLoc, initAccs);
        },
        [&](OpBuilder &b, Location elseLoc) {
          Value padding = arith::ConstantOp::create(
              b, elseLoc, b.getZeroAttr(accumulator));
          SmallVector<Value> loaded;
          for (Value row : clampedRows)
            loaded.push_back(vector::TransferReadOp::create(
                b, elseLoc, accVectorType, init,
                tileIndices(zeroIndex, rank, rank - 2, row, rank - 1,
                            zeroIndex),
                padding, AffineMap::getMinorIdentityMap(rank, 1, context),
                ArrayRef<bool>{false}));
          scf::YieldOp::create(b, elseLoc, loaded);
        });
    initAccs.assign(partialSums.getResults().begin(),
                    partialSums.getResults().end());
  }

  auto rhsElement = op.getRhs().getType().getElementType();
  Value rhsPadding = arith::ConstantOp::create(
      rewriter, loc, rewriter.getFloatAttr(rhsElement, 0.0));

  auto loop = scf::ForOp::create(
      rewriter, loc, begin, end, oneIndex, initAccs,
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
        auto lhsElementOf = [&](int64_t i) -> Value {
          Value row = clampedRows[i];
          SmallVector<Value> lhsIndices =
              op.getTransposeA()
                  ? tileIndices(zeroIndex, lhsRank, lhsRank - 2, k,
                                lhsRank - 1, row)
                  : tileIndices(zeroIndex, lhsRank, lhsRank - 2, row,
                                lhsRank - 1, k);
          return tensor::ExtractOp::create(b, bodyLoc, lhs, lhsIndices);
        };
        scf::YieldOp::create(b, bodyLoc,
                             multiplyAddRows(b, bodyLoc, lhsElementOf, bRow,
                                             accs, accumulator,
                                             options.contract));
      });
  finishTile(rewriter, op, loop, loop.getResults(), clampedRows, rows,
             options.tileM, lanes, block);
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
    if (tileM < 0 || tileN < 0 || tileK < 0 || blockBytes < 0 ||
        threads < 1) {
      getOperation()->emitError()
          << "convert-act-fused-matmul-to-vector: tile-m, tile-n, tile-k and "
             "block-bytes must be >= 0 (0: the default) and threads >= 1, got "
          << static_cast<int64_t>(tileM) << ", "
          << static_cast<int64_t>(tileN) << ", "
          << static_cast<int64_t>(tileK) << ", "
          << static_cast<int64_t>(blockBytes) << " and "
          << static_cast<int64_t>(threads);
      return signalPassFailure();
    }
    FusedMatmulVectorOptions options;
    options.tileM = tileM ? int64_t(tileM) : tile->first;
    options.tileN = tileN ? int64_t(tileN) : tile->second;
    options.contract = contract;
    options.pack = pack;
    // Half of the host's L2 cache for A's row blocks (and, by default, as
    // the size past which a panel of B is blocked along the reduction).
    int64_t halfL2 = hostL2CacheBytes() / 2;
    options.blockBytes = blockBytes ? int64_t(blockBytes) : halfL2;
    // By default the reduction is blocked only when a panel of B (K x
    // tileN) would fill half of the L2 cache: measured on this project's
    // machine, 256-step blocks (a 32 KiB panel block, in L1) were no faster
    // up to K = 3072 (docs/performance.md), the partial sums' extra loads
    // and stores costing what the L1 hits save.
    options.tileK = tileK ? int64_t(tileK)
                          : std::max<int64_t>(8, halfL2 / 4 / options.tileN);
    options.threads = threads;
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
    for (FusedConv2DOp op : convs)
      if (failed(lowerFusedConv2DToVector(rewriter, op, options)))
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
    // The weights' bytes: a dense literal, or a dense_resource blob (as
    // act-import-onnx prints large initializers).
    Attribute constant;
    ArrayRef<char> raw;
    size_t width = element.getIntOrFloatBitWidth() / 8;
    if (matchPattern(rhs, m_Constant(&constant))) {
      if (auto dense = dyn_cast<DenseElementsAttr>(constant);
          dense && !dense.isSplat())
        raw = dense.getRawData();
      else if (auto resource = dyn_cast<DenseResourceElementsAttr>(constant))
        raw = resource.getData();
    }
    if (raw.size() == size_t(k * n) * width) {
      int64_t panels = (n + lanes - 1) / lanes;
      auto packedType = RankedTensorType::get({panels, k, lanes}, element);
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

/// Tiles `op` with an scf.forall (independent tiles, which the pipeline
/// turns into an OpenMP loop on several threads), replaces it, and returns
/// the tiled ops of its kind.
template <typename OpTy>
FailureOr<SmallVector<OpTy>> tileWithForall(RewriterBase &rewriter, OpTy op,
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

/// The packed panel a column tile of `op` reads: its B is a slice at
/// column offset j, a multiple of tileN.
FailureOr<PackedPanel> panelOf(RewriterBase &rewriter, FusedMatmulOp tile,
                               Value packed, int64_t tileN) {
  auto slice = tile.getRhs().getDefiningOp<tensor::ExtractSliceOp>();
  if (!slice)
    return failure();
  rewriter.setInsertionPoint(tile);
  AffineExpr s0 = rewriter.getAffineSymbolExpr(0);
  Value index = affine::makeComposedAffineApply(
      rewriter, tile.getLoc(), s0.floorDiv(tileN), {slice.getMixedOffsets()[1]});
  return PackedPanel{packed, index};
}

LogicalResult tileIntoRegisterTiles(RewriterBase &rewriter, FusedMatmulOp op,
                                    const FusedMatmulVectorOptions &options,
                                    std::optional<Value> packed,
                                    std::optional<ReductionBlock> block =
                                        std::nullopt);

/// Tiles a rank-2 `op` whose B is packed into column panels into blocks of
/// tileK reduction steps, each block a sweep of every register tile (the
/// column panels outside the row tiles): the block of A (rows x tileK)
/// stays in the L2 cache for the whole sweep, and each panel's block of B
/// (tileK x tileN) in the L1 cache while the row tiles read it. The partial
/// sums live in the result between blocks; the epilogue runs in the last.
LogicalResult tileIntoReductionBlocks(RewriterBase &rewriter, FusedMatmulOp op,
                                      const FusedMatmulVectorOptions &options,
                                      Value packed) {
  Location loc = op.getLoc();
  rewriter.setInsertionPoint(op);
  Value zeroIndex = indexConstant(rewriter, loc, 0);
  Value reduction = tensor::DimOp::create(rewriter, loc, op.getLhs(),
                                          op.getTransposeA() ? 0 : 1);
  Value step = indexConstant(rewriter, loc, options.tileK);
  ReductionBlock block;
  FusedMatmulOp blockOp;
  auto blocks = scf::ForOp::create(
      rewriter, loc, zeroIndex, reduction, step, ValueRange{op.getInit()},
      [&](OpBuilder &b, Location l, Value begin, ValueRange partialSums) {
        Value next = arith::AddIOp::create(b, l, begin, step);
        block.begin = begin;
        block.end = arith::MinSIOp::create(b, l, next, reduction);
        block.isFirst = arith::CmpIOp::create(b, l, arith::CmpIPredicate::eq,
                                              begin, zeroIndex);
        block.isLast = arith::CmpIOp::create(b, l, arith::CmpIPredicate::sge,
                                             next, reduction);
        // The op, writing into the partial sums: only a vehicle for the
        // register tiling below, lowered before the pass ends.
        IRMapping mapping;
        mapping.map(op.getInit(), partialSums[0]);
        blockOp = cast<FusedMatmulOp>(b.clone(*op, mapping));
        scf::YieldOp::create(b, l, blockOp.getResult());
      });
  rewriter.replaceOp(op, blocks.getResults());
  return tileIntoRegisterTiles(rewriter, blockOp, options, packed, block);
}

/// Whether a packed rank-2 `op` blocks its reduction: the partial sums
/// are kept in the result, so it must hold the accumulator type, and there
/// must be more than one block.
bool blocksReduction(FusedMatmulOp op, const FusedMatmulVectorOptions &options) {
  int64_t reduction =
      op.getLhs().getType().getDimSize(op.getTransposeA() ? 0 : 1);
  return op.getResult().getType().getRank() == 2 &&
         op.getResult().getType().getElementType() ==
             op.getAccumulatorType() &&
         (ShapedType::isDynamic(reduction) || reduction > options.tileK);
}

/// Tiles `op` into register tiles (column tiles outside with a packed B)
/// and lowers each; with `block`, each tile computes that reduction block.
LogicalResult tileIntoRegisterTiles(RewriterBase &rewriter, FusedMatmulOp op,
                                    const FusedMatmulVectorOptions &options,
                                    std::optional<Value> packed,
                                    std::optional<ReductionBlock> block) {
  int64_t rank = op.getResult().getType().getRank();
  if (packed && !block && blocksReduction(op, options))
    return tileIntoReductionBlocks(rewriter, op, options, *packed);

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
      FailureOr<PackedPanel> tilePanel =
          panelOf(rewriter, tile, *packed, options.tileN);
      if (failed(tilePanel))
        return failure();
      panel = *tilePanel;
    }
    if (failed(lowerTile(rewriter, tile, options, panel, block)))
      return failure();
  }
  return success();
}

} // namespace

LogicalResult mlir::act::lowerFusedConv2DToVector(
    RewriterBase &rewriter, FusedConv2DOp op,
    const FusedMatmulVectorOptions &options) {
  Attribute one = rewriter.getIndexAttr(1), none = rewriter.getIndexAttr(0);
  Attribute rows = rewriter.getIndexAttr(options.tileM);
  Attribute columns = rewriter.getIndexAttr(options.tileN);
  bool nhwc = op.getLayout() == ConvLayout::nhwc_hwcf;
  // NHWC, loops (n, oh, ow, f, kh, kw, c): tiles of one output row, tileM
  // output columns and tileN channels. NCHW, loops (n, f, oh, ow, c, kh,
  // kw): tileM channels, one output row and tileN output columns.
  SmallVector<OpFoldResult> tileSizes =
      nhwc ? SmallVector<OpFoldResult>{one, one, rows, columns, none, none, none}
           : SmallVector<OpFoldResult>{one, rows, one, columns, none, none, none};
  FailureOr<SmallVector<FusedConv2DOp>> tiles =
      tileWithForall(rewriter, op, tileSizes);
  if (failed(tiles))
    return failure();
  for (FusedConv2DOp tile : *tiles)
    if (failed(nhwc ? lowerConvTile(rewriter, tile, options)
                    : lowerConvTileNCHW(rewriter, tile, options)))
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
    return std::make_pair<int64_t, int64_t>(6, 64);
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
    // At most 128 columns: wider vectors (a 1 x 192 tile on AVX-512)
    // measured 5x slower, LLVM splitting them with spills.
    tileOptions.tileN = std::max<int64_t>(
        options.tileN,
        std::min<int64_t>(128, options.tileN *
                                   std::max<int64_t>(1, options.tileM /
                                                            tileOptions.tileM / 2)));
  }

  // Packing pays when several row tiles read B, and always for a constant
  // B (packed at compile time: a GEMV then streams contiguous panels).
  bool constantRhs = matchPattern(op.getRhs(), m_Constant());
  bool packable = options.pack && rank == 2 && !op.getTransposeB() &&
                  op.getRhs().getType().getRank() == 2 &&
                  (ShapedType::isDynamic(rows) || rows > tileOptions.tileM ||
                   constantRhs);
  if (!packable)
    return tileIntoRegisterTiles(rewriter, op, tileOptions, std::nullopt);

  rewriter.setInsertionPoint(op);
  Value packed =
      packPanels(rewriter, op.getLoc(), op.getRhs(), tileOptions.tileN);

  // Row blocks whose data stays in the L2 cache while every column panel of
  // B streams past it: the A block (rows x K), or with a blocked reduction
  // the A block of one reduction block (rows x tileK) and the partial sums
  // (rows x N). The blocks are independent (the threads' unit of work).
  int64_t reduction = op.getLhs().getType().getDimSize(
      op.getTransposeA() ? 0 : 1);
  int64_t columns = op.getResult().getType().getDimSize(rank - 1);
  int64_t elementBytes =
      op.getLhs().getType().getElementType().getIntOrFloatBitWidth() / 8;
  int64_t bytesPerRow = reduction * elementBytes;
  if (blocksReduction(op, tileOptions))
    bytesPerRow = std::min(reduction, options.tileK) * elementBytes +
                  columns * (op.getAccumulatorType().getIntOrFloatBitWidth() / 8);
  int64_t blockRows = ShapedType::isDynamic(bytesPerRow) ||
                              ShapedType::isDynamic(reduction) ||
                              ShapedType::isDynamic(columns)
                          ? 8 * tileOptions.tileM
                          : options.blockBytes / bytesPerRow;
  blockRows = std::max<int64_t>(tileOptions.tileM,
                                blockRows / tileOptions.tileM * tileOptions.tileM);
  if (!ShapedType::isDynamic(rows)) {
    // Blocks of equal size, as many as the threads or a multiple of them,
    // when there are rows enough for each to have a register tile.
    int64_t tiles = llvm::divideCeil(rows, tileOptions.tileM);
    int64_t count = llvm::divideCeil(rows, blockRows);
    if (count > 1 || (options.threads > 1 && tiles >= options.threads))
      count = llvm::alignTo(count, options.threads);
    count = std::min(count, tiles);
    if (count <= 1)
      return tileIntoRegisterTiles(rewriter, op, tileOptions, packed);
    blockRows = llvm::divideCeil(tiles, count) * tileOptions.tileM;
  }

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
