//===- Fuse.cpp - contraction + epilogue and elementwise chain fusion -----===//
//
// A contraction's result usually goes through a bias add, an activation and
// maybe a residual add before anything else reads it. Each of those is a
// full tensor written to memory and read back; fused, they are a few scalar
// ops on the accumulator before its single store. This file finds such
// chains, whatever dialect wrote them (linalg named ops and generics, arith
// and math on tensors, act, TOSA), and rebuilds them as one
// act.fused_matmul / act.fused_conv2d whose epilogue region holds the
// chain's scalar ops in their original order, so the fused result is
// bit-identical to the unfused one. The one exception, reported, is a bias
// that initialised the accumulator: it moves after the sum.
//
// An intermediate with a user outside the chain ends the chain: fusing past
// it would compute it twice.
//
//===----------------------------------------------------------------------===//

#include "act/Dialect/Act/Transforms/Fuse.h"

#include "act/Dialect/Act/IR/ActOps.h"
#include "act/Dialect/Act/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/FormatVariadic.h"

#include <optional>
#include <string>

namespace mlir {
namespace act {
#define GEN_PASS_DEF_ACTFUSE
#include "act/Dialect/Act/Transforms/Passes.h.inc"
} // namespace act
} // namespace mlir

using namespace mlir;
using namespace mlir::act;

namespace {

//===----------------------------------------------------------------------===//
// Describing IR for remarks
//===----------------------------------------------------------------------===//

std::string formatType(Type type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << type;
  return text;
}

std::string formatMap(AffineMap map) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << map;
  return text;
}

std::string quoteName(Operation *op) {
  return ("'" + op->getName().getStringRef() + "'").str();
}

/// Bytes of a tensor written once and read back once, or nullopt for a
/// dynamic shape.
std::optional<int64_t> getRoundTripBytes(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor || !tensor.hasStaticShape() ||
      !tensor.getElementType().isIntOrFloat())
    return std::nullopt;
  int64_t bits = tensor.getElementType().getIntOrFloatBitWidth();
  return 2 * tensor.getNumElements() * ((bits + 7) / 8);
}

/// "saves 131072 bytes of intermediate traffic (2 tensors not written and
/// read back: tensor<64x128xf32>, tensor<64x128xf32>)".
std::string describeSavings(ArrayRef<Type> intermediates) {
  int64_t bytes = 0;
  bool known = true;
  std::string list;
  for (auto [index, type] : llvm::enumerate(intermediates)) {
    if (std::optional<int64_t> size = getRoundTripBytes(type))
      bytes += *size;
    else
      known = false;
    list += (index ? ", " : "") + formatType(type);
  }
  std::string amount = known ? llvm::formatv("{0} bytes", bytes).str()
                             : std::string("an unknown number of bytes "
                                           "(dynamic shapes)");
  return llvm::formatv("saves {0} of intermediate traffic ({1} intermediate "
                       "tensor{2} not written and read back: {3})",
                       amount, intermediates.size(),
                       intermediates.size() == 1 ? "" : "s", list)
      .str();
}

void reportMissed(FusionReport *report, Operation *op, const Twine &message) {
  if (!report || !report->emitRemarks || !report->reported.insert(op).second)
    return;
  op->emitRemark() << message;
}

//===----------------------------------------------------------------------===//
// Elementwise steps
//===----------------------------------------------------------------------===//

/// An operand that broadcasts into the chain, in the right-aligned form the
/// fused ops take (`shape`), reshaped from `value` by `expansion` when the
/// original access inserted dimensions in the middle.
struct SideOperand {
  Value value;
  RankedTensorType type;
  SmallVector<ReassociationIndices> expansion;
};

/// Where a scalar operand of an absorbed op comes from.
struct OperandSource {
  enum Kind { Chain, Side, Constant, Unused } kind = Unused;
  unsigned side = 0;
  TypedAttr constant;
};

/// One elementwise op absorbed into the chain.
struct Step {
  Operation *op;
  /// One entry per operand of `op` (for linalg ops: inputs then inits).
  SmallVector<OperandSource> sources;
  /// The side operand that the op first adds to the chain value (a bias).
  std::optional<unsigned> biasSide;
};

/// The side operands of a chain, deduplicated.
struct SideOperands {
  SmallVector<SideOperand> list;

  unsigned add(SideOperand side) {
    for (auto [index, existing] : llvm::enumerate(list))
      if (existing.value == side.value && existing.type == side.type)
        return index;
    list.push_back(std::move(side));
    return list.size() - 1;
  }
};

/// The right-aligned broadcast form of an operand read through `map` by an
/// op whose loops are the result's `rank` dimensions, or a reason why there
/// is none.
FailureOr<SideOperand> getSideOperand(Value value, AffineMap map,
                                      ArrayRef<int64_t> resultShape,
                                      std::string &reason) {
  auto type = cast<RankedTensorType>(value.getType());
  int64_t rank = resultShape.size();
  // Loop dimension read by each operand dimension.
  SmallVector<int64_t> loopDims;
  for (auto [position, expr] : llvm::enumerate(map.getResults())) {
    if (auto dim = dyn_cast<AffineDimExpr>(expr)) {
      loopDims.push_back(dim.getPosition());
    } else if (auto constant = dyn_cast<AffineConstantExpr>(expr);
               constant && constant.getValue() == 0 &&
               type.getDimSize(position) == 1 &&
               map.getNumResults() == rank) {
      // A size-1 dimension read at 0 in a rank-preserving access.
      loopDims.push_back(position);
    } else {
      loopDims.clear();
      break;
    }
  }
  bool increasing = !loopDims.empty() || map.getNumResults() == 0;
  for (size_t i = 1; i < loopDims.size(); ++i)
    increasing &= loopDims[i] > loopDims[i - 1];
  if (!increasing || map.getNumResults() == 0) {
    reason = "it reads an operand through " + formatMap(map) +
             ", which is not a broadcast along the result's dimensions in "
             "order";
    return failure();
  }
  // Right-aligned: from the first dimension read to the last loop dimension,
  // size 1 where the operand does not vary.
  int64_t first = loopDims.front();
  SmallVector<int64_t> shape(rank - first, 1);
  SmallVector<ReassociationIndices> groups;
  for (auto [operandDim, loopDim] : llvm::enumerate(loopDims)) {
    shape[loopDim - first] = type.getDimSize(operandDim);
    int64_t end = operandDim + 1 < loopDims.size() ? loopDims[operandDim + 1]
                                                   : rank;
    ReassociationIndices group;
    for (int64_t dim = loopDim; dim < end; ++dim)
      group.push_back(dim - first);
    groups.push_back(group);
  }
  for (auto [dim, size] : llvm::enumerate(shape)) {
    int64_t resultSize = resultShape[dim + first];
    if (size != 1 && !ShapedType::isDynamic(size) &&
        !ShapedType::isDynamic(resultSize) && size != resultSize) {
      reason = "an operand of shape " + formatType(type) +
               " does not broadcast to the result";
      return failure();
    }
  }
  SideOperand side{value,
                   RankedTensorType::get(shape, type.getElementType()),
                   {}};
  if (static_cast<int64_t>(shape.size()) != type.getRank())
    side.expansion = std::move(groups);
  return side;
}

/// A splat constant tensor operand, as a scalar attribute.
TypedAttr getSplatScalar(Value value) {
  Attribute attr;
  if (!matchPattern(value, m_Constant(&attr)))
    return {};
  if (auto splat = dyn_cast<SplatElementsAttr>(attr))
    return dyn_cast<TypedAttr>(splat.getSplatValue<Attribute>());
  return {};
}

/// NumPy-style (right-aligned) broadcast compatibility, without a
/// diagnostic.
bool isBroadcastable(RankedTensorType type, ArrayRef<int64_t> shape) {
  if (type.getRank() > static_cast<int64_t>(shape.size()))
    return false;
  int64_t offset = shape.size() - type.getRank();
  for (auto [dim, size] : llvm::enumerate(type.getShape()))
    if (size != 1 && size != shape[dim + offset])
      return false;
  return true;
}

bool isTosaElementwise(Operation *op) {
  return isa<tosa::AddOp, tosa::SubOp, tosa::MulOp, tosa::MaximumOp,
             tosa::MinimumOp, tosa::ClampOp, tosa::SigmoidOp, tosa::TanhOp>(
      op);
}

/// Ops that could join an epilogue in principle; analyzeStep decides.
bool isElementwiseCandidate(Operation *op) {
  return isa<linalg::LinalgOp, ActivationOpInterface>(op) ||
         isTosaElementwise(op) || OpTrait::hasElementwiseMappableTraits(op);
}

/// Can `op` join a chain whose current value is `chain` (null for the first
/// op of an elementwise chain) and whose shape is `resultType`? On success
/// the step records where each scalar operand comes from; otherwise
/// `reason` says why not.
FailureOr<Step> analyzeStep(Operation *op, Value chain,
                            RankedTensorType resultType, SideOperands &sides,
                            std::string &reason) {
  Step step{op, {}, std::nullopt};
  if (op->getNumResults() != 1) {
    reason = quoteName(op) + " has " + std::to_string(op->getNumResults()) +
             " results";
    return failure();
  }
  auto opResultType = dyn_cast<RankedTensorType>(op->getResult(0).getType());
  if (!opResultType || opResultType.getShape() != resultType.getShape()) {
    reason = quoteName(op) + " changes the shape";
    return failure();
  }
  ArrayRef<int64_t> shape = resultType.getShape();
  auto addSide = [&](Value value, AffineMap map) -> LogicalResult {
    // Read a broadcast's source directly: the epilogue broadcasts it
    // anyway, and the materialized broadcast then dies.
    if (auto broadcast = value.getDefiningOp<linalg::BroadcastOp>();
        broadcast && map.isIdentity()) {
      value = broadcast.getInput();
      map = broadcast.getMatchingIndexingMap(&broadcast->getOpOperand(0));
    }
    FailureOr<SideOperand> side = getSideOperand(value, map, shape, reason);
    if (failed(side)) {
      reason = quoteName(op) + " cannot join the epilogue: " + reason;
      return failure();
    }
    OperandSource source{OperandSource::Side, sides.add(*side), {}};
    step.sources.push_back(source);
    return success();
  };
  AffineMap identity =
      AffineMap::getMultiDimIdentityMap(shape.size(), op->getContext());

  if (auto linalgOp = dyn_cast<linalg::LinalgOp>(op)) {
    if (linalgOp.getNumParallelLoops() != linalgOp.getNumLoops() ||
        linalgOp.getNumDpsInits() != 1 ||
        linalgOp.getNumLoops() != shape.size() || !linalgOp.hasPureTensorSemantics()) {
      reason = quoteName(op) + " is not an elementwise op";
      return failure();
    }
    if (!linalgOp.getBlock()->getOps<linalg::IndexOp>().empty()) {
      reason = quoteName(op) + " reads linalg.index, which the epilogue does "
                               "not provide";
      return failure();
    }
    if (!llvm::all_of(op->getOperandTypes(), llvm::IsaPred<RankedTensorType>)) {
      reason = quoteName(op) + " is not an elementwise op on tensors";
      return failure();
    }
    for (Operation &nested : linalgOp.getBlock()->without_terminator()) {
      auto isScalar = [](Type type) { return !isa<ShapedType>(type); };
      if (nested.getNumRegions() != 0 || !isMemoryEffectFree(&nested) ||
          !llvm::all_of(nested.getOperandTypes(), isScalar) ||
          !llvm::all_of(nested.getResultTypes(), isScalar)) {
        reason = quoteName(op) + " computes " + quoteName(&nested) +
                 ", which is not a scalar op free of side effects";
        return failure();
      }
    }
    OpOperand *init = linalgOp.getDpsInitOperand(0);
    if (linalgOp.getMatchingIndexingMap(init) != identity) {
      reason = quoteName(op) + " writes its result transposed";
      return failure();
    }
    bool chainSeen = false;
    for (OpOperand &operand : op->getOpOperands()) {
      AffineMap map = linalgOp.getMatchingIndexingMap(&operand);
      // The block argument itself: linalg.map's payloadUsesValueFromOperand
      // says "unused" for an init its payload reads.
      bool used = !linalgOp.getMatchingBlockArgument(&operand).use_empty();
      if (!used) {
        step.sources.push_back({OperandSource::Unused, 0, {}});
        continue;
      }
      if (chain && operand.get() == chain && map == identity && !chainSeen) {
        chainSeen = true;
        step.sources.push_back({OperandSource::Chain, 0, {}});
        continue;
      }
      if (failed(addSide(operand.get(), map)))
        return failure();
    }
    if (chain && !chainSeen) {
      reason = quoteName(op) + " reads the fused value through a "
                               "non-identity map";
      return failure();
    }
    // A bias add: the first op reading the chain value adds a side operand
    // to it.
    if (chain) {
      Block *body = linalgOp.getBlock();
      auto chainIndex = llvm::find_if(step.sources, [](OperandSource &source) {
        return source.kind == OperandSource::Chain;
      }) - step.sources.begin();
      BlockArgument chainArg = body->getArgument(chainIndex);
      for (Operation &nested : body->without_terminator()) {
        if (!llvm::is_contained(nested.getOperands(), chainArg))
          continue;
        if (auto add = dyn_cast<arith::AddFOp>(nested)) {
          Value other = add.getLhs() == chainArg ? add.getRhs() : add.getLhs();
          auto otherArg = dyn_cast<BlockArgument>(other);
          if (otherArg && otherArg.getOwner() == body &&
              step.sources[otherArg.getArgNumber()].kind == OperandSource::Side)
            step.biasSide = step.sources[otherArg.getArgNumber()].side;
        }
        break;
      }
    }
    return step;
  }

  bool isActOp = isa<ActivationOpInterface>(op);
  bool isScalarDialectOp =
      op->getDialect() &&
      isa<arith::ArithDialect, math::MathDialect>(op->getDialect()) &&
      OpTrait::hasElementwiseMappableTraits(op);
  if (isTosaElementwise(op) &&
      !llvm::all_of(op->getResultTypes(), [](Type type) {
        return isa<FloatType>(getElementTypeOrSelf(type));
      })) {
    reason = quoteName(op) + " is not a float op";
    return failure();
  }
  if (isActOp || isScalarDialectOp || isTosaElementwise(op)) {
    if (auto mul = dyn_cast<tosa::MulOp>(op)) {
      Attribute shift;
      if (!matchPattern(mul.getShift(), m_Constant(&shift)) ||
          !isa<ElementsAttr>(shift) ||
          !llvm::all_of(cast<ElementsAttr>(shift).getValues<APInt>(),
                        [](const APInt &value) { return value.isZero(); })) {
        reason = "'tosa.mul' has a non-constant or non-zero shift";
        return failure();
      }
    }
    bool chainSeen = false;
    unsigned numValueOperands =
        isa<tosa::MulOp>(op) ? 2 : op->getNumOperands();
    for (auto [index, operand] : llvm::enumerate(op->getOperands())) {
      if (index >= numValueOperands) {
        step.sources.push_back({OperandSource::Unused, 0, {}});
        continue;
      }
      if (chain && operand == chain && !chainSeen &&
          (!isActOp || index == 0)) {
        chainSeen = true;
        step.sources.push_back({OperandSource::Chain, 0, {}});
        continue;
      }
      auto operandType = dyn_cast<RankedTensorType>(operand.getType());
      if (!operandType) {
        reason = quoteName(op) + " has a non-tensor operand";
        return failure();
      }
      if (TypedAttr scalar = getSplatScalar(operand)) {
        step.sources.push_back({OperandSource::Constant, 0, scalar});
        continue;
      }
      // act (prelu's slope) and TOSA broadcast right-aligned already; arith
      // operands have the result's shape. A dynamic TOSA dimension may be 1
      // at run time and broadcast, which a fused op's operand never does.
      if (isTosaElementwise(op) && !operandType.hasStaticShape()) {
        reason = quoteName(op) + " has an operand of dynamic shape " +
                 formatType(operandType) +
                 ", which may broadcast at run time";
        return failure();
      }
      if (!isBroadcastable(operandType, shape)) {
        reason = quoteName(op) + " has an operand that does not broadcast";
        return failure();
      }
      if (operandType.getShape() == shape &&
          operand.getDefiningOp<linalg::BroadcastOp>()) {
        if (failed(addSide(operand, identity)))
          return failure();
        continue;
      }
      SideOperand side{operand, operandType, {}};
      step.sources.push_back({OperandSource::Side, sides.add(side), {}});
    }
    if (chain && !chainSeen) {
      reason = quoteName(op) + " does not take the fused value as its input";
      return failure();
    }
    if (chain && isa<arith::AddFOp, tosa::AddOp>(op))
      for (const OperandSource &source : step.sources)
        if (source.kind == OperandSource::Side)
          step.biasSide = source.side;
    return step;
  }

  reason = quoteName(op) + " is not an elementwise op";
  return failure();
}

/// The scalar form of one TOSA elementwise op.
Value emitTosaScalar(OpBuilder &b, Location loc, Operation *op,
                     ArrayRef<Value> operands) {
  auto nanIgnored = [](tosa::NanPropagationMode mode) {
    return mode == tosa::NanPropagationMode::IGNORE;
  };
  return llvm::TypeSwitch<Operation *, Value>(op)
      .Case([&](tosa::AddOp) {
        return arith::AddFOp::create(b, loc, operands[0], operands[1]);
      })
      .Case([&](tosa::SubOp) {
        return arith::SubFOp::create(b, loc, operands[0], operands[1]);
      })
      .Case([&](tosa::MulOp) {
        return arith::MulFOp::create(b, loc, operands[0], operands[1]);
      })
      .Case([&](tosa::MaximumOp max) -> Value {
        if (nanIgnored(max.getNanMode()))
          return arith::MaxNumFOp::create(b, loc, operands[0], operands[1]);
        return arith::MaximumFOp::create(b, loc, operands[0], operands[1]);
      })
      .Case([&](tosa::MinimumOp min) -> Value {
        if (nanIgnored(min.getNanMode()))
          return arith::MinNumFOp::create(b, loc, operands[0], operands[1]);
        return arith::MinimumFOp::create(b, loc, operands[0], operands[1]);
      })
      .Case([&](tosa::ClampOp clamp) -> Value {
        // tosa-to-linalg's semantics: IEEE maximum/minimum, or maxnum/minnum
        // when NaNs are ignored; act.clip computes exactly that (the bounds
        // are f32 attributes, exact in f64).
        auto bound = [](Attribute attr) {
          return cast<FloatAttr>(attr).getValueAsDouble();
        };
        NanMode mode = nanIgnored(clamp.getNanMode()) ? NanMode::ignore
                                                      : NanMode::propagate;
        return ClipOp::create(b, loc, operands[0],
                              b.getF64FloatAttr(bound(clamp.getMinValAttr())),
                              b.getF64FloatAttr(bound(clamp.getMaxValAttr())),
                              NanModeAttr::get(b.getContext(), mode));
      })
      .Case([&](tosa::SigmoidOp) -> Value {
        // tosa-to-linalg's formula, op for op: raising it to act.sigmoid is
        // --act-raise's decision, not fusion's.
        Value one = arith::ConstantOp::create(
            b, loc, b.getFloatAttr(operands[0].getType(), 1.0));
        Value negated = arith::NegFOp::create(b, loc, operands[0]);
        Value exp = math::ExpOp::create(b, loc, negated);
        Value sum = arith::AddFOp::create(b, loc, exp, one);
        return arith::DivFOp::create(b, loc, one, sum);
      })
      .Case([&](tosa::TanhOp) {
        return math::TanhOp::create(b, loc, operands[0]);
      })
      .Default([](Operation *) -> Value { return {}; });
}

/// Emits the scalar ops of `step` at `b`'s insertion point. `chain` is the
/// chain's current scalar (null before the first op of an elementwise
/// chain) and `sideArgs` the scalar of each side operand. Returns the
/// step's scalar result.
Value emitStep(OpBuilder &b, const Step &step, Value chain,
               ArrayRef<Value> sideArgs) {
  Operation *op = step.op;
  Location loc = op->getLoc();
  Type elementType =
      cast<RankedTensorType>(op->getResult(0).getType()).getElementType();
  SmallVector<Value> scalars;
  for (auto [index, source] : llvm::enumerate(step.sources)) {
    switch (source.kind) {
    case OperandSource::Chain:
      scalars.push_back(chain);
      break;
    case OperandSource::Side:
      scalars.push_back(sideArgs[source.side]);
      break;
    case OperandSource::Constant:
      scalars.push_back(
          arith::ConstantOp::create(b, loc, source.constant).getResult());
      break;
    case OperandSource::Unused:
      scalars.push_back(Value());
      break;
    }
  }

  if (auto linalgOp = dyn_cast<linalg::LinalgOp>(op)) {
    Block *body = linalgOp.getBlock();
    IRMapping mapping;
    for (auto [argument, scalar] : llvm::zip(body->getArguments(), scalars))
      if (scalar)
        mapping.map(argument, scalar);
    for (Operation &nested : body->without_terminator())
      b.clone(nested, mapping);
    return mapping.lookupOrDefault(body->getTerminator()->getOperand(0));
  }
  if (isTosaElementwise(op))
    return emitTosaScalar(b, loc, op, ArrayRef<Value>(scalars).take_front(2));
  // act, arith and math ops: the same op on scalars.
  SmallVector<Value> operands;
  for (Value scalar : scalars)
    operands.push_back(scalar);
  Operation *scalar = b.create(loc, op->getName().getIdentifier(), operands,
                               TypeRange{elementType}, op->getAttrs());
  return scalar->getResult(0);
}

/// The result types of every step but the last: the tensors a fused chain
/// no longer writes and reads back.
SmallVector<Type> getIntermediateTypes(ArrayRef<Step> steps) {
  SmallVector<Type> types;
  for (const Step &step : steps.drop_back())
    types.push_back(step.op->getResult(0).getType());
  return types;
}

/// Replaces the last step's result by `replacement` and erases the other
/// steps, last to first (each is used only by the next).
void replaceChain(RewriterBase &rewriter, ArrayRef<Step> steps,
                  ValueRange replacement) {
  rewriter.replaceOp(steps.back().op, replacement);
  for (const Step &step : llvm::reverse(steps.drop_back()))
    rewriter.eraseOp(step.op);
}

/// Materializes each side operand in its right-aligned form before `op`.
SmallVector<Value> materializeSides(RewriterBase &rewriter, Operation *op,
                                    ArrayRef<SideOperand> sides) {
  SmallVector<Value> values;
  for (const SideOperand &side : sides) {
    if (side.expansion.empty()) {
      values.push_back(side.value);
      continue;
    }
    values.push_back(tensor::ExpandShapeOp::create(
        rewriter, op->getLoc(), side.type, side.value, side.expansion));
  }
  return values;
}

/// Follows the single-use chain of elementwise ops after `start`, appending
/// each absorbed op to `steps`. Returns the reason the chain stopped when
/// it stopped at an elementwise op it could not take (a missed
/// opportunity), with the op to report it at.
std::pair<Operation *, std::string>
followChain(Value start, RankedTensorType resultType, SideOperands &sides,
            SmallVectorImpl<Step> &steps) {
  Value chain = start;
  while (true) {
    if (chain.use_empty())
      return {nullptr, ""};
    Operation *producer = chain.getDefiningOp();
    if (!chain.hasOneUse()) {
      // Only a missed opportunity if some user could have joined.
      if (llvm::none_of(chain.getUsers(), isElementwiseCandidate))
        return {nullptr, ""};
      unsigned numUsers = std::distance(chain.getUsers().begin(),
                                        chain.getUsers().end());
      return {producer,
              llvm::formatv("the result of {0} has {1} users; fusing past it "
                            "would compute it twice",
                            quoteName(producer), numUsers)
                  .str()};
    }
    Operation *user = *chain.getUsers().begin();
    if (user->getBlock() != producer->getBlock())
      return {nullptr, ""};
    SideOperands trial = sides;
    std::string reason;
    FailureOr<Step> step = analyzeStep(user, chain, resultType, trial, reason);
    if (failed(step)) {
      // Ops that are not elementwise at all end the chain naturally.
      bool isContraction = false;
      if (auto linalgOp = dyn_cast<linalg::LinalgOp>(user))
        isContraction =
            linalgOp.getNumReductionLoops() > 0 || linalgOp.getNumDpsInits() != 1;
      if (!isElementwiseCandidate(user) || isContraction)
        return {nullptr, ""};
      return {user, reason};
    }
    sides = std::move(trial);
    steps.push_back(*step);
    chain = user->getResult(0);
  }
}

//===----------------------------------------------------------------------===//
// Contractions
//===----------------------------------------------------------------------===//

/// A contraction the fused ops can express.
struct Contraction {
  Operation *op;
  bool isConv = false;
  Value lhs, rhs;
  bool transposeA = false, transposeB = false;
  ConvLayout layout = ConvLayout::nhwc_hwcf;
  SmallVector<int64_t> strides{1, 1}, dilations{1, 1};
  Type accumulatorType;
  RankedTensorType resultType;
  /// The contraction's destination (null for tosa.matmul).
  Value init;
  /// The tensor accumulated into, unless it is +0.0 everywhere, and the map
  /// through which the accumulator reads it.
  Value addend;
  AffineMap addendMap;
  /// The op that broadcast `addend` into the accumulator (then eliminated).
  Operation *broadcast = nullptr;
  /// linalg.broadcast ops that gave lhs or rhs batch dimensions; the fused
  /// op reads their sources.
  SmallVector<Operation *> operandBroadcasts;
  /// "M=64 N=128 K=256", "N=1 OH=56 OW=56 F=64 KH=3 KW=3 C=64".
  std::string sizes;
};

bool isPositiveZeroSplat(Value value) {
  Attribute attr;
  if (!matchPattern(value, m_Constant(&attr)))
    return false;
  if (auto splat = dyn_cast<SplatElementsAttr>(attr))
    attr = splat.getSplatValue<Attribute>();
  auto floatAttr = dyn_cast<FloatAttr>(attr);
  return floatAttr && floatAttr.getValue().isPosZero();
}

/// Sets `c.addend` from the contraction's init: nothing for a +0.0 fill, the
/// broadcast source for a broadcast bias, else the init itself.
LogicalResult classifyInit(Contraction &c, Value init, std::string &reason) {
  if (auto fill = init.getDefiningOp<linalg::FillOp>()) {
    if (isPositiveZeroSplat(fill.getInputs()[0]))
      return success();
    // -0.0 is an identity of the sum that +0.0 is not (-0 + -0 = -0): moved
    // after the sum it would turn an all -0.0 result into +0.0.
    Attribute value;
    if (matchPattern(fill.getInputs()[0], m_Constant(&value)))
      if (auto floatValue = dyn_cast<FloatAttr>(value);
          floatValue && floatValue.getValue().isNegZero()) {
        reason = quoteName(c.op) + " accumulates from -0.0, which the fused "
                                   "ops (which start from +0.0) cannot express";
        return failure();
      }
  }
  if (isPositiveZeroSplat(init))
    return success();
  ArrayRef<int64_t> shape = c.resultType.getShape();
  if (init.hasOneUse()) {
    if (auto broadcast = init.getDefiningOp<linalg::BroadcastOp>()) {
      c.addend = broadcast.getInput();
      c.addendMap =
          broadcast.getMatchingIndexingMap(&broadcast->getOpOperand(0));
      c.broadcast = broadcast;
      return success();
    }
    if (auto generic = init.getDefiningOp<linalg::GenericOp>()) {
      // A broadcast written as a generic that yields its input.
      Block *body = generic.getBody();
      if (generic.getNumDpsInputs() == 1 && generic.getNumDpsInits() == 1 &&
          generic.getNumParallelLoops() == generic.getNumLoops() &&
          isa<RankedTensorType>(generic.getDpsInputs()[0].getType()) &&
          generic.getIndexingMapsArray()[1].isIdentity() &&
          llvm::hasSingleElement(*body) &&
          body->getTerminator()->getOperand(0) == body->getArgument(0)) {
        std::string ignored;
        AffineMap map = generic.getIndexingMapsArray()[0];
        if (succeeded(getSideOperand(generic.getDpsInputs()[0], map, shape,
                                     ignored))) {
          c.addend = generic.getDpsInputs()[0];
          c.addendMap = map;
          c.broadcast = generic;
          return success();
        }
      }
    }
  }
  c.addend = init;
  c.addendMap = AffineMap::getMultiDimIdentityMap(shape.size(), c.op->getContext());
  return success();
}

/// Checks that a linalg contraction body is `out + ext(a) * ext(b)` in the
/// accumulator type (the casts optional), the computation the fused ops
/// perform.
bool isFloatMultiplyAdd(linalg::LinalgOp op) {
  Block *body = op.getBlock();
  Value yielded = body->getTerminator()->getOperand(0);
  auto add = yielded.getDefiningOp<arith::AddFOp>();
  if (!add || add.getFastmath() != arith::FastMathFlags::none)
    return false;
  Value out = body->getArgument(2);
  Value productValue;
  if (add.getLhs() == out)
    productValue = add.getRhs();
  else if (add.getRhs() == out)
    productValue = add.getLhs();
  auto mul = productValue ? productValue.getDefiningOp<arith::MulFOp>()
                          : arith::MulFOp();
  if (!mul || mul.getFastmath() != arith::FastMathFlags::none)
    return false;
  auto stripExt = [](Value value) {
    if (auto ext = value.getDefiningOp<arith::ExtFOp>())
      return ext.getIn();
    return value;
  };
  Value a = stripExt(mul.getLhs()), b = stripExt(mul.getRhs());
  Value argA = body->getArgument(0), argB = body->getArgument(1);
  return (a == argA && b == argB) || (a == argB && b == argA);
}

/// Recognises the matmul forms: any linalg contraction with one M, N and K
/// dimension and batch dimensions leading the result, read directly or
/// transposed in the two innermost dimensions, and tosa.matmul.
FailureOr<Contraction> matchMatmul(Operation *op, std::string &reason) {
  Contraction c;
  c.op = op;
  if (auto matmul = dyn_cast<tosa::MatMulOp>(op)) {
    if (!isa<FloatType>(getElementTypeOrSelf(matmul.getA().getType())) ||
        !isa<FloatType>(getElementTypeOrSelf(matmul.getType()))) {
      reason = "'tosa.matmul' is not a float matmul";
      return failure();
    }
    auto isZero = [](Value zp) {
      Attribute attr;
      if (!matchPattern(zp, m_Constant(&attr)))
        return false;
      auto elements = dyn_cast<ElementsAttr>(attr);
      return elements && llvm::all_of(elements.getValues<APFloat>(),
                                      [](APFloat v) { return v.isZero(); });
    };
    if (!isZero(matmul.getAZp()) || !isZero(matmul.getBZp())) {
      reason = "'tosa.matmul' has non-zero zero points";
      return failure();
    }
    c.lhs = matmul.getA();
    c.rhs = matmul.getB();
    c.resultType = cast<RankedTensorType>(matmul.getType());
    c.accumulatorType = c.resultType.getElementType();
    auto lhsType = cast<RankedTensorType>(c.lhs.getType());
    auto size = [](int64_t value) {
      return ShapedType::isDynamic(value) ? std::string("?")
                                          : std::to_string(value);
    };
    c.sizes = "B=" + size(c.resultType.getDimSize(0)) +
              " M=" + size(c.resultType.getDimSize(1)) +
              " N=" + size(c.resultType.getDimSize(2)) +
              " K=" + size(lhsType.getDimSize(2));
    return c;
  }

  auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
  if (!linalgOp || !linalgOp.hasPureTensorSemantics() ||
      linalgOp.getNumDpsInputs() != 2 || linalgOp.getNumDpsInits() != 1 ||
      !linalg::isaContractionOpInterface(linalgOp))
    return failure();
  FailureOr<linalg::ContractionDimensions> dims =
      linalg::inferContractionDims(linalgOp);
  if (failed(dims))
    return failure();
  if (dims->m.size() != 1 || dims->n.size() != 1 || dims->k.size() != 1) {
    reason = quoteName(op) + " contracts " +
             std::to_string(dims->k.size()) + " dimensions with " +
             std::to_string(dims->m.size()) + " M and " +
             std::to_string(dims->n.size()) +
             " N dimensions; act.fused_matmul has one of each";
    return failure();
  }
  if (!isFloatMultiplyAdd(linalgOp)) {
    reason = quoteName(op) + " does not accumulate a float multiply-add "
                             "(out + ext(a) * ext(b), no fastmath flags)";
    return failure();
  }
  MLIRContext *context = op->getContext();
  auto dim = [&](unsigned position) {
    return getAffineDimExpr(position, context);
  };
  SmallVector<AffineMap> maps = linalgOp.getIndexingMapsArray();
  unsigned m = dims->m[0], n = dims->n[0], k = dims->k[0];
  SmallVector<AffineExpr> batch;
  for (unsigned b : dims->batch)
    batch.push_back(dim(b));
  auto withBatch = [&](bool hasBatch, AffineExpr row, AffineExpr column) {
    SmallVector<AffineExpr> results;
    if (hasBatch)
      llvm::append_range(results, batch);
    results.push_back(row);
    results.push_back(column);
    return AffineMap::get(maps[0].getNumDims(), 0, results, context);
  };
  if (maps[2] != withBatch(true, dim(m), dim(n))) {
    reason = quoteName(op) + " writes its result as " + formatMap(maps[2]) +
             ", not (batch..., m, n)";
    return failure();
  }
  auto classify = [&](AffineMap map, AffineExpr row, AffineExpr column,
                      bool &transposed) {
    for (bool hasBatch : {true, false}) {
      if (!hasBatch && batch.empty())
        continue;
      if (map == withBatch(hasBatch, row, column)) {
        transposed = false;
        return true;
      }
      if (map == withBatch(hasBatch, column, row)) {
        transposed = true;
        return true;
      }
    }
    return false;
  };
  if (!classify(maps[0], dim(m), dim(k), c.transposeA) ||
      !classify(maps[1], dim(k), dim(n), c.transposeB)) {
    reason = quoteName(op) + " reads its operands through " +
             formatMap(maps[0]) + " and " + formatMap(maps[1]) +
             ", which are not (batch..., m, k) / (batch..., k, n) or their "
             "transposes";
    return failure();
  }
  c.lhs = linalgOp.getDpsInputs()[0];
  c.rhs = linalgOp.getDpsInputs()[1];
  c.resultType = cast<RankedTensorType>(op->getResult(0).getType());
  c.accumulatorType = c.resultType.getElementType();
  // An operand broadcast along the batch dimensions only (torch.matmul of a
  // 3-D by a 2-D tensor) is read as a matrix shared by every batch.
  auto sharedMatrix = [&](Value operand, AffineMap map) -> Value {
    auto broadcast = operand.getDefiningOp<linalg::BroadcastOp>();
    if (!broadcast || batch.empty() || !map.isProjectedPermutation() ||
        map.getNumResults() != batch.size() + 2)
      return operand;
    SmallVector<int64_t> batchPositions =
        llvm::to_vector(llvm::seq<int64_t>(0, batch.size()));
    if (broadcast.getDimensions() != ArrayRef<int64_t>(batchPositions))
      return operand;
    return broadcast.getInput();
  };
  Value sharedLhs = sharedMatrix(c.lhs, maps[0]);
  Value sharedRhs = sharedMatrix(c.rhs, maps[1]);
  if (sharedLhs != c.lhs)
    c.operandBroadcasts.push_back(c.lhs.getDefiningOp());
  if (sharedRhs != c.rhs)
    c.operandBroadcasts.push_back(c.rhs.getDefiningOp());
  c.lhs = sharedLhs;
  c.rhs = sharedRhs;
  SmallVector<int64_t> ranges = linalgOp.getStaticLoopRanges();
  auto size = [&](unsigned d) {
    return ShapedType::isDynamic(ranges[d]) ? std::string("?")
                                            : std::to_string(ranges[d]);
  };
  std::string batchText;
  for (unsigned b : dims->batch)
    batchText += "B=" + size(b) + " ";
  c.sizes = batchText + "M=" + size(m) + " N=" + size(n) + " K=" + size(k);
  c.init = linalgOp.getDpsInits()[0];
  if (failed(classifyInit(c, c.init, reason)))
    return failure();
  return c;
}

FailureOr<Contraction> matchConv(Operation *op, std::string &reason) {
  Contraction c;
  c.op = op;
  c.isConv = true;
  auto fill = [&](auto conv, ConvLayout layout) -> LogicalResult {
    if (!conv.hasPureTensorSemantics())
      return failure();
    c.layout = layout;
    c.lhs = conv.getInputs()[0];
    c.rhs = conv.getInputs()[1];
    c.strides = llvm::to_vector(conv.getStrides().template getValues<int64_t>());
    c.dilations =
        llvm::to_vector(conv.getDilations().template getValues<int64_t>());
    c.resultType = cast<RankedTensorType>(conv.getResult(0).getType());
    c.accumulatorType = c.resultType.getElementType();
    if (!isFloatMultiplyAdd(cast<linalg::LinalgOp>(op))) {
      reason = quoteName(op) + " does not accumulate a float multiply-add";
      return failure();
    }
    auto filterType = cast<RankedTensorType>(c.rhs.getType());
    bool nhwc = layout == ConvLayout::nhwc_hwcf;
    c.sizes = llvm::formatv(
                  "{0} output {1}, {2}x{3} filter, stride {4}x{5}",
                  nhwc ? "NHWC" : "NCHW", formatType(c.resultType),
                  filterType.getDimSize(nhwc ? 0 : 2),
                  filterType.getDimSize(nhwc ? 1 : 3), c.strides[0],
                  c.strides[1])
                  .str();
    c.init = conv.getOutputs()[0];
    return classifyInit(c, c.init, reason);
  };
  LogicalResult result = failure();
  if (auto conv = dyn_cast<linalg::Conv2DNhwcHwcfOp>(op))
    result = fill(conv, ConvLayout::nhwc_hwcf);
  else if (auto conv = dyn_cast<linalg::Conv2DNchwFchwOp>(op))
    result = fill(conv, ConvLayout::nchw_fchw);
  if (failed(result))
    return failure();
  return c;
}

/// The result's sizes in terms of values that outlive the contraction: a
/// matmul's from its operands, a convolution's from its destination.
SmallVector<OpFoldResult> getResultSizes(OpBuilder &b, Location loc,
                                         const Contraction &c) {
  int64_t rank = c.resultType.getRank();
  SmallVector<OpFoldResult> sizes;
  for (int64_t dim = 0; dim < rank; ++dim) {
    if (!c.resultType.isDynamicDim(dim)) {
      sizes.push_back(b.getIndexAttr(c.resultType.getDimSize(dim)));
      continue;
    }
    if (c.isConv) {
      sizes.push_back(tensor::getMixedSize(b, loc, c.init, dim));
      continue;
    }
    // (batch..., m, n): batch and M from lhs, N from rhs, where present.
    auto lhsRank = cast<RankedTensorType>(c.lhs.getType()).getRank();
    auto rhsRank = cast<RankedTensorType>(c.rhs.getType()).getRank();
    if (dim < rank - 2) {
      // Both operands may be shared matrices (broadcast along the batch):
      // the batch size is then the destination's.
      Value source = lhsRank == rank ? c.lhs
                     : rhsRank == rank ? c.rhs
                                       : c.init;
      sizes.push_back(tensor::getMixedSize(b, loc, source, dim));
    } else if (dim == rank - 2) {
      sizes.push_back(tensor::getMixedSize(
          b, loc, c.lhs, lhsRank - (c.transposeA ? 1 : 2)));
    } else {
      sizes.push_back(tensor::getMixedSize(
          b, loc, c.rhs, rhsRank - (c.transposeB ? 2 : 1)));
    }
  }
  return sizes;
}

/// The accumulator type the fused op can take, or a reason.
LogicalResult checkAccumulator(const Contraction &c, std::string &reason) {
  Type acc = c.accumulatorType;
  if (!isa<Float16Type, BFloat16Type, Float32Type, Float64Type>(acc)) {
    reason = quoteName(c.op) + " accumulates in " + formatType(acc) +
             "; the fused ops accumulate in f16, bf16, f32 or f64";
    return failure();
  }
  for (Value input : {c.lhs, c.rhs}) {
    Type element = getElementTypeOrSelf(input.getType());
    if (element != acc && (!isa<FloatType>(element) ||
                           element.getIntOrFloatBitWidth() >=
                               acc.getIntOrFloatBitWidth())) {
      reason = quoteName(c.op) + " accumulates " + formatType(element) +
               " inputs in " + formatType(acc) +
               ", which is narrower; the fused ops accumulate in the input "
               "type or wider";
      return failure();
    }
  }
  return success();
}

struct FuseContraction : public RewritePattern {
  FuseContraction(MLIRContext *context, FusionReport *report)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, context),
        report(report) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    std::string reason;
    FailureOr<Contraction> match = matchMatmul(op, reason);
    if (failed(match) && reason.empty())
      match = matchConv(op, reason);
    if (failed(match)) {
      if (!reason.empty())
        reportMissed(report, op, "not fused: " + reason);
      return failure();
    }
    Contraction &c = *match;
    if (failed(checkAccumulator(c, reason))) {
      reportMissed(report, op, "not fused: " + reason);
      return failure();
    }

    // The epilogue: the addend from the accumulator's init first, then the
    // chain of elementwise ops after the contraction.
    SideOperands sides;
    std::optional<unsigned> addendSide;
    if (c.addend) {
      std::string broadcastReason;
      FailureOr<SideOperand> side = getSideOperand(
          c.addend, c.addendMap, c.resultType.getShape(), broadcastReason);
      if (failed(side)) {
        reportMissed(report, op,
                     "not fused: the accumulator's initial value cannot be "
                     "moved to the epilogue: " +
                         broadcastReason);
        return failure();
      }
      addendSide = sides.add(*side);
    }
    SmallVector<Step> steps;
    auto [stopOp, stopReason] =
        followChain(op->getResult(0), c.resultType, sides, steps);
    // Fusion pays for the steps it removes; a contraction with nothing
    // after it and a zero init stays as it is.
    if (steps.empty() && !c.broadcast) {
      if (stopReason.empty()) {
        Value result = op->getResult(0);
        stopReason = result.hasOneUse()
                         ? "the only user of its result, " +
                               quoteName(*result.getUsers().begin()) +
                               ", is not an elementwise op"
                         : "no elementwise op consumes its result";
      }
      reportMissed(report, stopOp ? stopOp : op, "not fused: " + stopReason);
      return failure();
    }
    if (stopOp)
      reportMissed(report, stopOp,
                   "not fused into the epilogue of " + quoteName(op) + ": " +
                       stopReason);

    Operation *last = steps.empty() ? op : steps.back().op;
    auto resultType = cast<RankedTensorType>(last->getResult(0).getType());
    rewriter.setInsertionPoint(last);
    Location loc = op->getLoc();
    SmallVector<Value> sideValues = materializeSides(rewriter, last, sides.list);

    // The bias operand: the init's addend, or the operand of a first step
    // that adds one; the other side operands are extras.
    std::optional<unsigned> biasSide = addendSide;
    if (!biasSide && !steps.empty())
      biasSide = steps.front().biasSide;
    Value bias = biasSide ? sideValues[*biasSide] : Value();
    SmallVector<Value> extras;
    SmallVector<unsigned> argumentOf(sides.list.size());
    unsigned nextArgument = bias ? 2 : 1;
    for (unsigned index = 0; index < sides.list.size(); ++index) {
      if (biasSide && index == *biasSide) {
        argumentOf[index] = 1;
        continue;
      }
      argumentOf[index] = nextArgument++;
      extras.push_back(sideValues[index]);
    }

    Value init = tensor::EmptyOp::create(rewriter, loc,
                                         getResultSizes(rewriter, loc, c),
                                         resultType.getElementType());
    Operation *fused;
    TypeAttr accumulator = TypeAttr::get(c.accumulatorType);
    if (c.isConv) {
      fused = FusedConv2DOp::create(
          rewriter, loc, resultType, c.lhs, c.rhs, bias, extras, init,
          accumulator, ConvLayoutAttr::get(rewriter.getContext(), c.layout),
          rewriter.getDenseI64ArrayAttr(c.strides),
          rewriter.getDenseI64ArrayAttr(c.dilations));
    } else {
      fused = FusedMatmulOp::create(
          rewriter, loc, resultType, c.lhs, c.rhs, bias, extras, init,
          accumulator, c.transposeA ? rewriter.getUnitAttr() : UnitAttr(),
          c.transposeB ? rewriter.getUnitAttr() : UnitAttr());
    }

    // The epilogue block: accumulator, bias, extras.
    Region &region = fused->getRegion(0);
    Block *block = rewriter.createBlock(&region);
    block->addArgument(c.accumulatorType, loc);
    if (bias)
      block->addArgument(getElementTypeOrSelf(bias.getType()), loc);
    for (Value extra : extras)
      block->addArgument(getElementTypeOrSelf(extra.getType()), loc);
    SmallVector<Value> sideArgs;
    for (unsigned index = 0; index < sides.list.size(); ++index)
      sideArgs.push_back(block->getArgument(argumentOf[index]));
    rewriter.setInsertionPointToStart(block);
    Value scalar = block->getArgument(0);
    if (addendSide)
      scalar = arith::AddFOp::create(rewriter, loc, scalar,
                                     sideArgs[*addendSide]);
    for (const Step &step : steps)
      scalar = emitStep(rewriter, step, scalar, sideArgs);
    YieldOp::create(rewriter, loc, scalar);

    if (report && report->emitRemarks) {
      std::string what = quoteName(op);
      if (c.broadcast)
        what += " (accumulating onto a broadcast " + quoteName(c.broadcast) +
                ")";
      else if (c.addend)
        what += " (accumulating onto a tensor)";
      if (!c.operandBroadcasts.empty())
        what += " (reading a batch-broadcast " +
                quoteName(c.operandBroadcasts.front()) +
                " operand as one shared matrix)";
      for (auto [index, step] : llvm::enumerate(steps))
        what += " + " + quoteName(step.op) +
                (step.biasSide && index == 0 && !addendSide ? " (bias add)" : "");
      SmallVector<Type> intermediates;
      if (c.broadcast)
        intermediates.push_back(c.broadcast->getResult(0).getType());
      for (Operation *broadcast : c.operandBroadcasts)
        if (broadcast->getResult(0).hasOneUse())
          intermediates.push_back(broadcast->getResult(0).getType());
      if (!steps.empty()) {
        intermediates.push_back(op->getResult(0).getType());
        llvm::append_range(intermediates, getIntermediateTypes(steps));
      }
      std::string note;
      if (c.addend)
        note = "; the accumulator's initial value is now added after the "
               "sum, which reassociates it";
      op->emitRemark() << "fused " << what << " into '"
                       << fused->getName().getStringRef() << "' ("
                       << c.sizes << ", " << formatType(c.accumulatorType)
                       << " accumulation); "
                       << describeSavings(intermediates) << note;
    }

    if (steps.empty()) {
      rewriter.replaceOp(op, fused->getResults());
    } else {
      replaceChain(rewriter, steps, fused->getResults());
      rewriter.eraseOp(op);
    }
    if (c.broadcast && c.broadcast->use_empty())
      rewriter.eraseOp(c.broadcast);
    for (Operation *broadcast : c.operandBroadcasts)
      if (broadcast->use_empty())
        rewriter.eraseOp(broadcast);
    return success();
  }

  FusionReport *report;
};

//===----------------------------------------------------------------------===//
// Elementwise chains
//===----------------------------------------------------------------------===//

/// Fuses the chain that starts at the root op into one linalg.generic. The
/// root is the first op of the chain: none of its operands comes from an
/// op that could join the chain before it.
struct FuseElementwiseChain : public RewritePattern {
  FuseElementwiseChain(MLIRContext *context, FusionReport *report)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, context),
        report(report) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    if (op->getNumResults() != 1)
      return failure();
    auto resultType = dyn_cast<RankedTensorType>(op->getResult(0).getType());
    if (!resultType)
      return failure();
    SideOperands sides;
    std::string reason;
    FailureOr<Step> head = analyzeStep(op, Value(), resultType, sides, reason);
    if (failed(head))
      return failure();
    // Not the first op of its chain if a producer would join before it.
    for (Value operand : op->getOperands()) {
      Operation *producer = operand.getDefiningOp();
      if (!producer || !operand.hasOneUse() ||
          producer->getBlock() != op->getBlock())
        continue;
      SideOperands probe;
      std::string ignored;
      if (succeeded(analyzeStep(producer, Value(), resultType, probe, ignored)))
        return failure();
    }
    SmallVector<Step> steps{*head};
    auto [stopOp, stopReason] =
        followChain(op->getResult(0), resultType, sides, steps);
    bool hasActOp = llvm::any_of(steps, [](const Step &step) {
      return isa<ActivationOpInterface>(step.op);
    });
    if (steps.size() < 2 || !hasActOp)
      return failure();
    if (stopOp)
      reportMissed(report, stopOp,
                   "not fused into the elementwise chain: " + stopReason);

    Operation *last = steps.back().op;
    auto lastType = cast<RankedTensorType>(last->getResult(0).getType());
    int64_t rank = lastType.getRank();
    // Each dynamic size of the result is the size of an input that is not
    // broadcast along that dimension.
    SmallVector<std::optional<unsigned>> sizeSource(rank);
    for (int64_t dim = 0; dim < rank; ++dim) {
      if (!lastType.isDynamicDim(dim))
        continue;
      for (auto [index, side] : llvm::enumerate(sides.list))
        if (side.type.getRank() == rank && side.type.isDynamicDim(dim))
          sizeSource[dim] = index;
      if (!sizeSource[dim])
        return rewriter.notifyMatchFailure(op, "no input gives a dynamic size");
    }
    rewriter.setInsertionPoint(last);
    Location loc = last->getLoc();
    SmallVector<Value> inputs = materializeSides(rewriter, last, sides.list);
    SmallVector<OpFoldResult> sizes;
    for (int64_t dim = 0; dim < rank; ++dim)
      sizes.push_back(sizeSource[dim]
                          ? tensor::getMixedSize(rewriter, loc,
                                                 inputs[*sizeSource[dim]], dim)
                          : rewriter.getIndexAttr(lastType.getDimSize(dim)));
    Value init = tensor::EmptyOp::create(rewriter, loc, sizes,
                                         lastType.getElementType());
    SmallVector<AffineMap> maps;
    for (Value input : inputs)
      maps.push_back(getBroadcastIndexingMap(
          cast<RankedTensorType>(input.getType()).getShape(), rank, rank,
          rewriter.getContext()));
    maps.push_back(rewriter.getMultiDimIdentityMap(rank));
    SmallVector<utils::IteratorType> parallel(rank,
                                              utils::IteratorType::parallel);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{lastType}, inputs, ValueRange{init}, maps,
        parallel, [&](OpBuilder &b, Location, ValueRange args) {
          Value scalar;
          for (const Step &step : steps)
            scalar = emitStep(b, step, scalar,
                              SmallVector<Value>(args.drop_back()));
          linalg::YieldOp::create(b, loc, scalar);
        });

    if (report && report->emitRemarks) {
      std::string what;
      for (auto [index, step] : llvm::enumerate(steps))
        what += (index ? " + " : "") + quoteName(step.op);
      SmallVector<Type> intermediates = getIntermediateTypes(steps);
      op->emitRemark() << "fused " << steps.size() << " elementwise ops ("
                       << what << ") into one 'linalg.generic'; "
                       << describeSavings(intermediates);
    }
    replaceChain(rewriter, steps, generic.getResults());
    return success();
  }

  FusionReport *report;
};

//===----------------------------------------------------------------------===//
// The pass
//===----------------------------------------------------------------------===//

struct ActFusePass : public act::impl::ActFuseBase<ActFusePass> {
  using ActFuseBase::ActFuseBase;

  void runOnOperation() override {
    FusionReport fusionReport;
    fusionReport.emitRemarks = report;
    // Contractions first, so that their epilogues take the elementwise ops
    // before the chain fusion sees them.
    GreedyRewriteConfig config;
    config.enableFolding(false);
    {
      RewritePatternSet patterns(&getContext());
      populateActFuseContractionPatterns(patterns, &fusionReport);
      if (failed(applyPatternsGreedily(getOperation(), std::move(patterns),
                                       config)))
        return signalPassFailure();
    }
    if (!elementwise)
      return;
    RewritePatternSet patterns(&getContext());
    populateActFuseElementwisePatterns(patterns, &fusionReport);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns),
                                     config)))
      signalPassFailure();
  }
};

} // namespace

void mlir::act::populateActFuseContractionPatterns(RewritePatternSet &patterns,
                                                   FusionReport *report) {
  patterns.add<FuseContraction>(patterns.getContext(), report);
}

void mlir::act::populateActFuseElementwisePatterns(RewritePatternSet &patterns,
                                                   FusionReport *report) {
  patterns.add<FuseElementwiseChain>(patterns.getContext(), report);
}
