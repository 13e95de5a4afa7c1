//===- ActOps.h - act dialect operations -------------------------*- C++ -*-===//

#ifndef ACT_DIALECT_ACT_IR_ACTOPS_H
#define ACT_DIALECT_ACT_IR_ACTOPS_H

#include "act/Dialect/Act/IR/ActDialect.h"
#include "act/Dialect/Act/Reference/ActReference.h"

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/Dialect/Utils/StructuredOpsUtils.h"
#include "mlir/IR/AffineMap.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/DestinationStyleOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/TilingInterface.h"

#include <limits>

#include "act/Dialect/Act/IR/ActEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "act/Dialect/Act/IR/ActAttrs.h.inc"

#include "act/Dialect/Act/IR/ActInterfaces.h.inc"

namespace mlir {
namespace act {

/// Constant-folds an act op whose operands are all constants (float scalar,
/// splat or dense elements) by evaluating the scalar reference element by
/// element. Returns a null result when an operand is not constant.
OpFoldResult foldActivation(ActivationOpInterface op,
                            ArrayRef<Attribute> operands);

/// Evaluates the scalar reference on APFloat operands of one semantics: f64
/// as double; f32, f16 and bf16 as float (exact for their values), rounded
/// back to nearest-even. `slope` is prelu's, ignored by the other ops.
llvm::APFloat evaluateReference(const reference::Activation &act,
                                const llvm::APFloat &x,
                                const llvm::APFloat &slope);

/// Maps a row-major linear index of `shape` to the linear index of an
/// operand of shape `operandShape` broadcast to it (right-aligned, size-1
/// dimensions repeat), as prelu broadcasts its slope.
int64_t getBroadcastIndex(int64_t linear, ArrayRef<int64_t> shape,
                          ArrayRef<int64_t> operandShape);

/// Converts the op's nan_mode into the reference's.
reference::NanMode toReference(NanMode mode);

/// The indexing map, over an iteration domain of `numDims` dimensions whose
/// leading `resultRank` ones are a result's, of an operand of shape
/// `operandShape` that broadcasts to that result NumPy-style: aligned to the
/// right, a static size-1 dimension reads element 0.
AffineMap getBroadcastIndexingMap(ArrayRef<int64_t> operandShape,
                                  unsigned numDims, unsigned resultRank,
                                  MLIRContext *context);

/// Emits "'op' expects <what> (<type>) to broadcast to the result shape ..."
/// and fails unless `operandType` broadcasts to `resultShape` (dynamic sizes
/// are assumed to agree).
LogicalResult verifyBroadcastableTo(Operation *op, StringRef what,
                                    RankedTensorType operandType,
                                    ArrayRef<int64_t> resultShape);

} // namespace act
} // namespace mlir

#define GET_OP_CLASSES
#include "act/Dialect/Act/IR/ActOps.h.inc"

#endif // ACT_DIALECT_ACT_IR_ACTOPS_H
