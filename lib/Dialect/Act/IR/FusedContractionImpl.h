//===- FusedContractionImpl.h - shared code of the fused ops ----*- C++ -*-===//
//
// Private to lib/Dialect/Act/IR: what act.fused_matmul and act.fused_conv2d
// share, written once against their common accessors. The ops' generated
// definitions (ActOps.cpp.inc, from ActFusedOps.td) call these.
//
//===----------------------------------------------------------------------===//

#ifndef ACT_LIB_DIALECT_ACT_IR_FUSEDCONTRACTIONIMPL_H
#define ACT_LIB_DIALECT_ACT_IR_FUSEDCONTRACTIONIMPL_H

#include "act/Dialect/Act/IR/ActOps.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Linalg/Utils/Utils.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace mlir {
namespace act {
namespace detail {

/// Equal sizes: the same constant or value, or `tensor.dim` of the same
/// tensor and dimension (each getIterationDomain call creates its own).
inline bool isSameSize(OpFoldResult a, OpFoldResult b) {
  if (isEqualConstantIntOrValue(a, b))
    return true;
  auto aValue = dyn_cast<Value>(a), bValue = dyn_cast<Value>(b);
  if (!aValue || !bValue)
    return false;
  auto aDim = aValue.getDefiningOp<tensor::DimOp>();
  auto bDim = bValue.getDefiningOp<tensor::DimOp>();
  return aDim && bDim && aDim.getSource() == bDim.getSource() &&
         isEqualConstantIntOrValue(aDim.getIndex(), bDim.getIndex());
}

/// Verifies the epilogue region: block arguments matching the accumulator
/// and the epilogue operands' element types, scalar side-effect-free ops
/// only, and an act.yield of the result element type.
template <typename OpTy>
LogicalResult verifyEpilogue(OpTy op) {
  Block &block = op.getEpilogueBlock();
  SmallVector<Type> expected{op.getAccumulatorType()};
  for (Value operand : op.getEpilogueOperands())
    expected.push_back(cast<RankedTensorType>(operand.getType())
                           .getElementType());
  if (block.getNumArguments() != expected.size())
    return op.emitOpError() << "expects the epilogue to take "
                            << expected.size()
                            << " arguments (accumulator"
                            << (op.getBias() ? ", bias" : "")
                            << (op.getExtraOperands().empty() ? "" : ", operands")
                            << "), got " << block.getNumArguments();
  for (auto [index, argument] : llvm::enumerate(block.getArguments()))
    if (argument.getType() != expected[index])
      return op.emitOpError()
             << "expects epilogue argument #" << index << " to have type "
             << expected[index] << ", got " << argument.getType();

  for (Operation &nested : block.without_terminator()) {
    auto isScalar = [](Type type) { return !isa<ShapedType>(type); };
    if (nested.getNumRegions() != 0 || !isMemoryEffectFree(&nested) ||
        !llvm::all_of(nested.getOperandTypes(), isScalar) ||
        !llvm::all_of(nested.getResultTypes(), isScalar))
      return nested.emitOpError()
             << "is not allowed in the epilogue of '"
             << op->getName().getStringRef()
             << "': epilogue ops must be scalar and free of side effects";
  }
  auto yield = dyn_cast<YieldOp>(block.getTerminator());
  if (!yield)
    return op.emitOpError() << "expects the epilogue to end with act.yield";
  Type elementType = op.getResult().getType().getElementType();
  if (yield.getValue().getType() != elementType)
    return yield.emitOpError()
           << "yields " << yield.getValue().getType()
           << " but the result element type is " << elementType;
  return success();
}

/// Sizes of the iteration domain: each dimension is read off the first
/// operand whose indexing map has it as a plain result.
template <typename OpTy>
SmallVector<Range> getIterationDomainOf(OpTy op, OpBuilder &b) {
  Location loc = op.getLoc();
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  unsigned numDims = maps.front().getNumDims();
  SmallVector<OpFoldResult> sizes(numDims);
  for (auto [operand, map] : llvm::zip(op->getOperands(), maps)) {
    for (auto [position, expr] : llvm::enumerate(map.getResults())) {
      auto dim = dyn_cast<AffineDimExpr>(expr);
      if (!dim || sizes[dim.getPosition()])
        continue;
      sizes[dim.getPosition()] =
          tensor::getMixedSize(b, loc, operand, position);
    }
  }
  SmallVector<Range> domain;
  for (OpFoldResult size : sizes)
    domain.push_back(Range{b.getIndexAttr(0), size, b.getIndexAttr(1)});
  return domain;
}

/// The tiled op on slices of every operand. A tile must cover the whole
/// reduction range: the epilogue needs the finished sum.
template <typename OpTy>
FailureOr<TilingResult>
getTiledImplementationOf(OpTy op, OpBuilder &b, ArrayRef<OpFoldResult> offsets,
                         ArrayRef<OpFoldResult> sizes) {
  Location loc = op.getLoc();
  SmallVector<Range> domain = getIterationDomainOf(op, b);
  for (unsigned dim = op.getNumParallelLoops(); dim < domain.size(); ++dim) {
    if (!isZeroInteger(offsets[dim]) ||
        !isSameSize(sizes[dim], domain[dim].size))
      return op.emitOpError()
             << "cannot be tiled along reduction dimension #" << dim
             << ": the epilogue needs the whole reduction";
  }

  // Closed-interval sizes, as linalg's slice computation expects them.
  SmallVector<OpFoldResult> lastIndices;
  AffineExpr s0 = b.getAffineSymbolExpr(0);
  for (OpFoldResult size : sizes)
    lastIndices.push_back(affine::makeComposedFoldedAffineApply(
        b, loc, s0 - 1, {size}));

  SmallVector<Value> tiledOperands;
  SmallVector<Operation *> slices;
  for (auto [operand, map] :
       llvm::zip(op->getOperands(), op.getIndexingMapsArray())) {
    Operation *slice = linalg::makeTiledShape(
        b, loc, operand, sizes, map, offsets, /*ubs=*/{}, lastIndices,
        /*omitPartialTileCheck=*/true);
    tiledOperands.push_back(slice ? slice->getResult(0) : operand);
    if (slice)
      slices.push_back(slice);
  }
  Type resultType = tiledOperands.back().getType();
  Operation *tiled =
      mlir::clone(b, op, TypeRange{resultType}, tiledOperands);
  return TilingResult{{tiled}, SmallVector<Value>(tiled->getResults()),
                      slices};
}

template <typename OpTy>
LogicalResult getResultTilePositionOf(
    OpTy op, ArrayRef<OpFoldResult> offsets, ArrayRef<OpFoldResult> sizes,
    SmallVector<OpFoldResult> &resultOffsets,
    SmallVector<OpFoldResult> &resultSizes) {
  unsigned rank = op.getResult().getType().getRank();
  resultOffsets.assign(offsets.begin(), offsets.begin() + rank);
  resultSizes.assign(sizes.begin(), sizes.begin() + rank);
  return success();
}

/// The tiled op that computes the result tile at `offsets`/`sizes` (result
/// coordinates): the reduction dimensions are taken whole.
template <typename OpTy>
FailureOr<TilingResult>
generateResultTileValueOf(OpTy op, OpBuilder &b,
                          ArrayRef<OpFoldResult> offsets,
                          ArrayRef<OpFoldResult> sizes) {
  SmallVector<Range> domain = getIterationDomainOf(op, b);
  SmallVector<OpFoldResult> domainOffsets(offsets);
  SmallVector<OpFoldResult> domainSizes(sizes);
  for (unsigned dim = offsets.size(); dim < domain.size(); ++dim) {
    domainOffsets.push_back(domain[dim].offset);
    domainSizes.push_back(domain[dim].size);
  }
  return getTiledImplementationOf(op, b, domainOffsets, domainSizes);
}

template <typename OpTy>
SmallVector<Value> getEpilogueOperandsOf(OpTy op) {
  SmallVector<Value> operands;
  if (Value bias = op.getBias())
    operands.push_back(bias);
  llvm::append_range(operands, op.getExtraOperands());
  return operands;
}

} // namespace detail
} // namespace act
} // namespace mlir

#endif // ACT_LIB_DIALECT_ACT_IR_FUSEDCONTRACTIONIMPL_H
