//===- act-opt.cpp - opt-style driver for act-mlir ------------------------===//
//
// mlir-opt with every upstream dialect, extension and pass, plus ours, so
// upstream pipelines run unchanged on IR that contains act ops.
//
//===----------------------------------------------------------------------===//

#include "act/InitAct.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  mlir::act::registerActPasses();

  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  mlir::act::registerActDialects(registry);

  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv, "act-mlir optimizer driver\n", registry));
}
