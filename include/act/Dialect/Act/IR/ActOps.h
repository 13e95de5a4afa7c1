//===- ActOps.h - act dialect operations -------------------------*- C++ -*-===//

#ifndef ACT_DIALECT_ACT_IR_ACTOPS_H
#define ACT_DIALECT_ACT_IR_ACTOPS_H

#include "act/Dialect/Act/IR/ActDialect.h"
#include "act/Dialect/Act/Reference/ActReference.h"

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

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

/// Converts the op's nan_mode into the reference's.
reference::NanMode toReference(NanMode mode);

} // namespace act
} // namespace mlir

#define GET_OP_CLASSES
#include "act/Dialect/Act/IR/ActOps.h.inc"

#endif // ACT_DIALECT_ACT_IR_ACTOPS_H
