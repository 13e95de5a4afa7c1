//===- ActDialect.cpp - act dialect ---------------------------------------===//

#include "act/Dialect/Act/IR/ActDialect.h"
#include "act/Dialect/Act/IR/ActOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
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

LogicalResult ActDialect::verifyOperationAttribute(Operation *op,
                                                   NamedAttribute attribute) {
  if (attribute.getName() == getRegisterTileAttrName()) {
    auto tile = dyn_cast<DenseI64ArrayAttr>(attribute.getValue());
    if (!tile || tile.size() != 2 || tile[0] < 1 || tile[1] < 1)
      return op->emitError()
             << "'" << getRegisterTileAttrName()
             << "' must be an array of two positive i64 (rows, lanes), got "
             << attribute.getValue();
    return success();
  }
  if (attribute.getName() != getSignatureAttrName())
    return op->emitError() << "unknown act dialect attribute '"
                           << attribute.getName().getValue() << "'";
  if (!isa<FunctionOpInterface>(op))
    return op->emitError() << "'" << getSignatureAttrName()
                           << "' is only valid on a function";
  auto type = dyn_cast<TypeAttr>(attribute.getValue());
  if (!type || !isa<FunctionType>(type.getValue()))
    return op->emitError() << "'" << getSignatureAttrName()
                           << "' must be a function type, got "
                           << attribute.getValue();
  return success();
}

Operation *ActDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                           Type type, Location loc) {
  return arith::ConstantOp::materialize(builder, value, type, loc);
}
