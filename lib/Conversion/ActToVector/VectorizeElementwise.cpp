//===- VectorizeElementwise.cpp - vectorize elementwise linalg.generic ----===//
//
// act-vectorize-elementwise: an elementwise linalg.generic on buffers (act
// chains included) becomes a parallel loop over blocks of its innermost
// dimension, each block a loop of full vectors (the payload cloned on
// vectors) and one masked vector for the rest. Contiguous operands are read
// with vector.load, and a large contiguous result is written with aligned
// non-temporal stores, after a masked head that reaches the alignment,
// while the inputs are prefetched ahead.
//
//===----------------------------------------------------------------------===//

#include "act/Conversion/ActToVector/ActToVector.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/Support/MathExtras.h"

namespace mlir {
namespace act {
#define GEN_PASS_DEF_ACTVECTORIZEELEMENTWISE
#include "act/Conversion/Passes.h.inc"
} // namespace act
} // namespace mlir

using namespace mlir;
using namespace mlir::act;

namespace {

/// Element types the vector code loads and stores: whole bytes.
bool isVectorizableElement(Type type) {
  return isa<FloatType, IntegerType>(type) &&
         type.getIntOrFloatBitWidth() % 8 == 0;
}

/// How the vector code reads one operand of the generic.
struct OperandAccess {
  Value buffer;
  /// Loop dimension of each operand dimension.
  SmallVector<unsigned> loopDims;
  /// The operand dimension the innermost loop indexes (the vector runs
  /// along it); -1 when the operand does not vary along the vector.
  int64_t vectorDim = -1;
  /// vectorDim is the operand's last dimension and has unit stride.
  bool contiguous = false;
};

bool hasUnitInnermostStride(MemRefType type) {
  if (type.getLayout().isIdentity())
    return true;
  SmallVector<int64_t> strides;
  int64_t offset;
  if (failed(type.getStridesAndOffset(strides, offset)))
    return false;
  return !strides.empty() && strides.back() == 1;
}

OperandAccess getAccess(Value buffer, AffineMap map, unsigned innermost) {
  OperandAccess access;
  access.buffer = buffer;
  for (auto [i, result] : llvm::enumerate(map.getResults())) {
    unsigned dim = cast<AffineDimExpr>(result).getPosition();
    access.loopDims.push_back(dim);
    if (dim == innermost)
      access.vectorDim = i;
  }
  auto type = cast<MemRefType>(buffer.getType());
  access.contiguous = access.vectorDim >= 0 &&
                      access.vectorDim == type.getRank() - 1 &&
                      hasUnitInnermostStride(type);
  return access;
}

/// The values of the payload that vary along the vector: the block
/// arguments of operands that vary, and the results of ops using them.
/// Fails if such a value reaches an op that cannot be applied to vectors.
FailureOr<llvm::DenseSet<Value>>
getVaryingValues(linalg::GenericOp generic, ArrayRef<OperandAccess> accesses) {
  llvm::DenseSet<Value> varying;
  Block *body = generic.getBody();
  for (auto [access, argument] :
       llvm::zip(accesses, body->getArguments().take_front(accesses.size())))
    if (access.vectorDim >= 0)
      varying.insert(argument);
  for (Operation &op : body->without_terminator()) {
    bool usesVarying = llvm::any_of(
        op.getOperands(), [&](Value v) { return varying.contains(v); });
    if (!usesVarying)
      continue;
    if (!OpTrait::hasElementwiseMappableTraits(&op) ||
        op.getNumRegions() != 0 ||
        llvm::any_of(op.getResultTypes(),
                     [](Type t) { return !t.isIntOrIndexOrFloat(); }))
      return failure();
    varying.insert(op.result_begin(), op.result_end());
  }
  return varying;
}

/// Emits the vector code of one block of the generic.
class ElementwiseEmitter {
public:
  ElementwiseEmitter(linalg::GenericOp generic,
                     SmallVector<OperandAccess> inputs, OperandAccess output,
                     llvm::DenseSet<Value> varying, int64_t lanes)
      : generic(generic), inputs(std::move(inputs)), output(output),
        varying(std::move(varying)), lanes(lanes) {}

  /// How a vector is stored.
  struct Store {
    /// Lanes written (vector.create_mask's bound); null: all.
    Value count;
    /// Aligned non-temporal store (full vectors only).
    bool nontemporal = false;
    int64_t alignment = 0;
    /// Prefetch the contiguous inputs this many bytes ahead; 0: no.
    int64_t prefetchBytes = 0;
  };

  /// Computes and stores the vector whose first element is at the loop
  /// indices `outer` (all but the innermost) and `start` (the innermost).
  void emit(OpBuilder &b, Location loc, ValueRange outer, Value start,
            const Store &store);

private:
  SmallVector<Value> indicesOf(const OperandAccess &access, ValueRange outer,
                               Value start) const {
    SmallVector<Value> indices;
    for (unsigned dim : access.loopDims)
      indices.push_back(dim == outer.size() ? start : outer[dim]);
    return indices;
  }

  linalg::GenericOp generic;
  SmallVector<OperandAccess> inputs;
  OperandAccess output;
  llvm::DenseSet<Value> varying;
  int64_t lanes;
};

void ElementwiseEmitter::emit(OpBuilder &b, Location loc, ValueRange outer,
                              Value start, const Store &store) {
  MLIRContext *context = b.getContext();
  Value mask;
  if (store.count)
    mask = vector::CreateMaskOp::create(
        b, loc, VectorType::get({lanes}, b.getI1Type()), store.count);
  auto vectorOf = [&](Type element) {
    return VectorType::get({lanes}, element);
  };

  IRMapping mapping;
  Block *body = generic.getBody();
  for (auto [access, argument] : llvm::zip(inputs, body->getArguments())) {
    if (argument.use_empty())
      continue;
    auto type = cast<MemRefType>(access.buffer.getType());
    Type element = type.getElementType();
    SmallVector<Value> indices = indicesOf(access, outer, start);
    Value value;
    if (access.vectorDim < 0) {
      value = memref::LoadOp::create(b, loc, access.buffer, indices);
    } else if (access.contiguous && !mask) {
      value = vector::LoadOp::create(b, loc, vectorOf(element), access.buffer,
                                     indices);
    } else if (access.contiguous) {
      Value zero = arith::ConstantOp::create(
          b, loc,
          DenseElementsAttr::get(vectorOf(element), b.getZeroAttr(element)));
      value = vector::MaskedLoadOp::create(b, loc, vectorOf(element),
                                           access.buffer, indices, mask, zero);
    } else {
      // Strided along the vector (a transposed operand): a transfer along
      // that dimension, which vector-to-scf breaks into element accesses.
      AffineMap map = AffineMap::get(
          type.getRank(), 0, {getAffineDimExpr(access.vectorDim, context)},
          context);
      Value padding = arith::ConstantOp::create(b, loc, b.getZeroAttr(element));
      auto read = vector::TransferReadOp::create(
          b, loc, vectorOf(element), access.buffer, indices, padding, map,
          ArrayRef<bool>{true});
      if (mask)
        read.getMaskMutable().assign(mask);
      value = read;
    }
    mapping.map(argument, value);
    // A stream of a large input: a prefetch some way ahead (clamped to the
    // dimension's last element) keeps more lines in flight than one core's
    // out-of-order window and the hardware prefetchers do.
    if (store.prefetchBytes > 0 && access.contiguous && !mask) {
      int64_t distance = std::max<int64_t>(
          1, store.prefetchBytes / (element.getIntOrFloatBitWidth() / 8));
      Value last = arith::SubIOp::create(
          b, loc,
          getValueOrCreateConstantIndexOp(
              b, loc,
              memref::getMixedSize(b, loc, access.buffer, access.vectorDim)),
          arith::ConstantIndexOp::create(b, loc, 1));
      SmallVector<Value> ahead = indices;
      ahead[access.vectorDim] = arith::MinSIOp::create(
          b, loc,
          arith::AddIOp::create(
              b, loc, indices[access.vectorDim],
              arith::ConstantIndexOp::create(b, loc, distance)),
          last);
      memref::PrefetchOp::create(b, loc, access.buffer, ahead,
                                 /*isWrite=*/false, /*localityHint=*/3,
                                 /*isDataCache=*/true);
    }
  }

  // The payload: ops on varying values on vectors (scalars they read
  // broadcast), the others on scalars as they are.
  auto vectorValue = [&](Value value) -> Value {
    Value mapped = mapping.lookupOrDefault(value);
    if (isa<VectorType>(mapped.getType()))
      return mapped;
    return vector::BroadcastOp::create(b, loc, vectorOf(mapped.getType()),
                                       mapped);
  };
  for (Operation &op : body->without_terminator()) {
    if (!llvm::any_of(op.getResults(),
                      [&](Value v) { return varying.contains(v); })) {
      b.clone(op, mapping);
      continue;
    }
    SmallVector<Value> operands;
    for (Value operand : op.getOperands())
      operands.push_back(vectorValue(operand));
    SmallVector<Type> types;
    for (Type type : op.getResultTypes())
      types.push_back(vectorOf(type));
    Operation *vectorized = b.create(op.getLoc(), op.getName().getIdentifier(),
                                     operands, types, op.getAttrs());
    mapping.map(op.getResults(), vectorized->getResults());
  }
  Value result = vectorValue(body->getTerminator()->getOperand(0));

  SmallVector<Value> indices = indicesOf(output, outer, start);
  if (!output.contiguous) {
    auto type = cast<MemRefType>(output.buffer.getType());
    auto write = vector::TransferWriteOp::create(
        b, loc, result, output.buffer, indices,
        AffineMap::getMinorIdentityMap(type.getRank(), 1, context),
        ArrayRef<bool>{true});
    if (mask)
      write.getMaskMutable().assign(mask);
  } else if (mask) {
    vector::MaskedStoreOp::create(b, loc, output.buffer, indices, mask, result);
  } else {
    vector::StoreOp::create(b, loc, result, output.buffer, indices,
                            store.nontemporal,
                            store.alignment ? llvm::MaybeAlign(store.alignment)
                                            : llvm::MaybeAlign());
  }
}

Value indexConstant(OpBuilder &b, Location loc, int64_t value) {
  return arith::ConstantIndexOp::create(b, loc, value);
}

} // namespace

LogicalResult
mlir::act::checkVectorizableElementwise(linalg::GenericOp generic) {
  if (!generic.hasPureBufferSemantics() || generic.getNumLoops() == 0 ||
      generic.getNumParallelLoops() != generic.getNumLoops() ||
      generic.getNumDpsInits() != 1 || generic.getNumResults() != 0)
    return failure();
  if (!llvm::all_of(
          generic.getIndexingMapsArray(),
          [](AffineMap map) { return map.isProjectedPermutation(); }) ||
      !generic.getIndexingMapsArray().back().isIdentity())
    return failure();
  if (!generic.getBody()->getOps<linalg::IndexOp>().empty())
    return failure();
  for (OpOperand &operand : generic->getOpOperands()) {
    auto type = dyn_cast<MemRefType>(operand.get().getType());
    if (!type || !isVectorizableElement(type.getElementType()))
      return failure();
  }
  return success();
}

LogicalResult
mlir::act::vectorizeElementwise(RewriterBase &rewriter,
                                linalg::GenericOp generic,
                                const ElementwiseVectorOptions &options) {
  if (failed(checkVectorizableElementwise(generic)))
    return failure();
  Location loc = generic.getLoc();
  SmallVector<AffineMap> maps = generic.getIndexingMapsArray();
  unsigned numLoops = generic.getNumLoops();
  // Fail before changing anything if the payload cannot take vectors.
  SmallVector<OperandAccess> original;
  for (auto [operand, map] : llvm::zip(generic->getOpOperands(), maps))
    original.push_back(getAccess(operand.get(), map, numLoops - 1));
  FailureOr<llvm::DenseSet<Value>> varying =
      getVaryingValues(generic, original);
  if (failed(varying))
    return failure();

  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(generic);

  // Identity maps over buffers with the identity layout (an act chain, an
  // elementwise op on whole tensors) are one contiguous range: collapse
  // them to one dimension, so the blocks and vectors ignore row boundaries.
  SmallVector<Value> buffers;
  for (OpOperand &operand : generic->getOpOperands())
    buffers.push_back(operand.get());
  bool collapse =
      numLoops > 1 &&
      llvm::all_of(maps, [](AffineMap map) { return map.isIdentity(); }) &&
      llvm::all_of(buffers, [](Value buffer) {
        return cast<MemRefType>(buffer.getType()).getLayout().isIdentity();
      });
  if (collapse) {
    SmallVector<ReassociationIndices> all(1);
    for (unsigned d = 0; d < numLoops; ++d)
      all.front().push_back(d);
    for (Value &buffer : buffers)
      buffer = memref::CollapseShapeOp::create(rewriter, loc, buffer, all);
    numLoops = 1;
    for (AffineMap &map : maps)
      map = AffineMap::getMultiDimIdentityMap(1, rewriter.getContext());
  }
  unsigned innermost = numLoops - 1;

  SmallVector<OperandAccess> inputs;
  for (auto [buffer, map] : llvm::zip(buffers, maps))
    inputs.push_back(getAccess(buffer, map, innermost));
  // The output is read too when the payload uses its element.
  OperandAccess output = inputs.back();

  auto outputType = cast<MemRefType>(output.buffer.getType());
  Type outputElement = outputType.getElementType();
  int64_t elementBytes = outputElement.getIntOrFloatBitWidth() / 8;
  int64_t lanes = options.vectorSize, block = options.blockSize;
  int64_t vectorBytes = lanes * elementBytes;
  // Non-temporal stores for a large contiguous result: it would not stay
  // in cache anyway, and they spare reading each line before writing it.
  bool streaming =
      options.nontemporalBytes > 0 && output.contiguous &&
      outputType.hasStaticShape() &&
      outputType.getNumElements() * elementBytes >= options.nontemporalBytes &&
      llvm::isPowerOf2_64(vectorBytes);

  // Loop bounds: every dimension but the innermost, and the innermost's
  // blocks.
  SmallVector<OpFoldResult> sizes;
  for (unsigned d = 0; d < numLoops; ++d)
    sizes.push_back(memref::getMixedSize(rewriter, loc, output.buffer, d));
  std::optional<int64_t> staticInner = getConstantIntValue(sizes.back());
  Value inner = getValueOrCreateConstantIndexOp(rewriter, loc, sizes.back());
  SmallVector<OpFoldResult> upper(sizes.begin(), sizes.end() - 1);
  if (staticInner) {
    upper.push_back(
        rewriter.getIndexAttr(llvm::divideCeil(*staticInner, block)));
  } else {
    Value blockSize = indexConstant(rewriter, loc, block);
    upper.push_back(arith::CeilDivUIOp::create(rewriter, loc, inner, blockSize)
                        .getResult());
  }
  auto forall =
      scf::ForallOp::create(rewriter, loc, upper, ValueRange{}, std::nullopt);
  rewriter.setInsertionPoint(forall.getTerminator());
  SmallVector<Value> ivs = forall.getInductionVars();
  ValueRange outer = ArrayRef<Value>(ivs).drop_back();
  Value begin = arith::MulIOp::create(rewriter, loc, ivs.back(),
                                      indexConstant(rewriter, loc, block));
  // The block's end: a full block unless it is the last of a size the
  // block does not divide.
  Value end = arith::AddIOp::create(rewriter, loc, begin,
                                    indexConstant(rewriter, loc, block));
  if (!staticInner || *staticInner % block != 0)
    end = arith::MinSIOp::create(rewriter, loc, end, inner);

  ElementwiseEmitter emitter(generic, inputs, output, std::move(*varying),
                             lanes);
  Value zero = indexConstant(rewriter, loc, 0);
  Value vectorStep = indexConstant(rewriter, loc, lanes);

  // Streaming: a masked head up to the first element whose address is a
  // multiple of the vector's size, so every full vector is an aligned
  // store (the data itself is element-aligned).
  Value mainBegin = begin;
  if (streaming) {
    Value base = memref::ExtractAlignedPointerAsIndexOp::create(rewriter, loc,
                                                                output.buffer);
    auto metadata =
        memref::ExtractStridedMetadataOp::create(rewriter, loc, output.buffer);
    Value element = metadata.getOffset();
    for (auto [d, iv] : llvm::enumerate(ivs)) {
      Value index = d + 1 == ivs.size() ? begin : iv;
      element = arith::AddIOp::create(
          rewriter, loc, element,
          arith::MulIOp::create(rewriter, loc, index,
                                metadata.getStrides()[d]));
    }
    Value address = arith::AddIOp::create(
        rewriter, loc, base,
        arith::MulIOp::create(rewriter, loc, element,
                              indexConstant(rewriter, loc, elementBytes)));
    Value width = indexConstant(rewriter, loc, vectorBytes);
    Value misaligned = arith::RemUIOp::create(rewriter, loc, address, width);
    Value headBytes = arith::RemUIOp::create(
        rewriter, loc, arith::SubIOp::create(rewriter, loc, width, misaligned),
        width);
    Value head = arith::DivUIOp::create(
        rewriter, loc, headBytes, indexConstant(rewriter, loc, elementBytes));
    head = arith::MinSIOp::create(
        rewriter, loc, head, arith::SubIOp::create(rewriter, loc, end, begin));
    Value hasHead = arith::CmpIOp::create(
        rewriter, loc, arith::CmpIPredicate::sgt, head, zero);
    scf::IfOp::create(rewriter, loc, hasHead, [&](OpBuilder &b, Location l) {
      emitter.emit(b, l, outer, begin, {head});
      scf::YieldOp::create(b, l);
    });
    mainBegin = arith::AddIOp::create(rewriter, loc, begin, head);
  }

  // Full vectors, then one masked vector for the rest, if any.
  Value count = arith::SubIOp::create(rewriter, loc, end, mainBegin);
  Value fullCount = arith::MulIOp::create(
      rewriter, loc, arith::DivUIOp::create(rewriter, loc, count, vectorStep),
      vectorStep);
  Value mainEnd = arith::AddIOp::create(rewriter, loc, mainBegin, fullCount);
  ElementwiseEmitter::Store full;
  if (streaming) {
    full.nontemporal = true;
    full.alignment = vectorBytes;
    full.prefetchBytes = options.prefetchBytes;
  }
  scf::ForOp::create(rewriter, loc, mainBegin, mainEnd, vectorStep,
                     ValueRange{},
                     [&](OpBuilder &b, Location l, Value j, ValueRange) {
                       emitter.emit(b, l, outer, j, full);
                       scf::YieldOp::create(b, l);
                     });
  bool maybeTail = streaming || !staticInner || *staticInner % lanes != 0;
  if (maybeTail) {
    Value rest = arith::SubIOp::create(rewriter, loc, end, mainEnd);
    Value hasRest = arith::CmpIOp::create(
        rewriter, loc, arith::CmpIPredicate::sgt, rest, zero);
    scf::IfOp::create(rewriter, loc, hasRest, [&](OpBuilder &b, Location l) {
      emitter.emit(b, l, outer, mainEnd, {rest});
      scf::YieldOp::create(b, l);
    });
  }
  rewriter.eraseOp(generic);
  return success();
}

namespace {

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
    if (blockSize < vectorSize || blockSize % vectorSize != 0) {
      getOperation()->emitError()
          << "act-vectorize-elementwise: block-size must be a positive "
             "multiple of vector-size ("
          << static_cast<int64_t>(vectorSize) << "), got "
          << static_cast<int64_t>(blockSize);
      return signalPassFailure();
    }
    if (prefetchBytes < 0) {
      getOperation()->emitError()
          << "act-vectorize-elementwise: prefetch-bytes must be >= 0, got "
          << static_cast<int64_t>(prefetchBytes);
      return signalPassFailure();
    }
    if (nontemporalBytes < 0) {
      getOperation()->emitError()
          << "act-vectorize-elementwise: nontemporal-bytes must be >= 0, got "
          << static_cast<int64_t>(nontemporalBytes);
      return signalPassFailure();
    }
    ElementwiseVectorOptions options;
    options.vectorSize = vectorSize;
    options.blockSize = blockSize;
    options.nontemporalBytes = nontemporalBytes;
    options.prefetchBytes = prefetchBytes;
    SmallVector<linalg::GenericOp> generics;
    getOperation()->walk([&](linalg::GenericOp generic) {
      if (succeeded(checkVectorizableElementwise(generic)))
        generics.push_back(generic);
    });
    IRRewriter rewriter(&getContext());
    // A generic whose payload cannot be applied to vectors stays as it is
    // (scalar loops): still correct.
    for (linalg::GenericOp generic : generics)
      (void)vectorizeElementwise(rewriter, generic, options);
  }
};

} // namespace
