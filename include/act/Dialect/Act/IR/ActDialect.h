//===- ActDialect.h - act dialect --------------------------------*- C++ -*-===//

#ifndef ACT_DIALECT_ACT_IR_ACTDIALECT_H
#define ACT_DIALECT_ACT_IR_ACTDIALECT_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Dialect.h"

#include "act/Dialect/Act/IR/ActDialect.h.inc"

#endif // ACT_DIALECT_ACT_IR_ACTDIALECT_H
