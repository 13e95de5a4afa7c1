//===- InitAct.cpp - Register act dialects and passes ---------------------===//

#include "act/InitAct.h"

#include "act/Conversion/Passes.h"
#include "act/Dialect/Act/IR/ActDialect.h"
#include "act/Dialect/Act/Transforms/Passes.h"
#include "act/Pipelines/Pipelines.h"

#include "mlir/IR/DialectRegistry.h"

void mlir::act::registerActDialects(DialectRegistry &registry) {
  registry.insert<ActDialect>();
}

void mlir::act::registerActPasses() {
  registerActTransformsPasses();
  registerActConversionPasses();
  registerActPipelines();
}
