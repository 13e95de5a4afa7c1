//===- Passes.h - act dialect transformation passes --------------*- C++ -*-===//

#ifndef ACT_DIALECT_ACT_TRANSFORMS_PASSES_H
#define ACT_DIALECT_ACT_TRANSFORMS_PASSES_H

#include "mlir/Pass/Pass.h"

namespace mlir {
namespace act {

#define GEN_PASS_DECL
#include "act/Dialect/Act/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "act/Dialect/Act/Transforms/Passes.h.inc"

} // namespace act
} // namespace mlir

#endif // ACT_DIALECT_ACT_TRANSFORMS_PASSES_H
