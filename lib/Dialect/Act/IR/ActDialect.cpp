//===- ActDialect.cpp - act dialect ---------------------------------------===//

#include "act/Dialect/Act/IR/ActDialect.h"
#include "act/Dialect/Act/IR/ActOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::act;

#include "act/Dialect/Act/IR/ActDialect.cpp.inc"
#include "act/Dialect/Act/IR/ActEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "act/Dialect/Act/IR/ActAttrs.cpp.inc"

void ActDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "act/Dialect/Act/IR/ActOps.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "act/Dialect/Act/IR/ActAttrs.cpp.inc"
      >();
}

Operation *ActDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                           Type type, Location loc) {
  return arith::ConstantOp::materialize(builder, value, type, loc);
}
