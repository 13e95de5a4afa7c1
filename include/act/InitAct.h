//===- InitAct.h - Register act dialects and passes --------------*- C++ -*-===//
//
// One place that registers everything act-mlir provides, for act-opt and for
// tools that embed our passes in their own pipelines.
//
//===----------------------------------------------------------------------===//

#ifndef ACT_INITACT_H
#define ACT_INITACT_H

namespace mlir {
class DialectRegistry;

namespace act {

/// Adds the act dialect to `registry`.
void registerActDialects(DialectRegistry &registry);

/// Registers the act passes and named pipelines with the global registry.
void registerActPasses();

} // namespace act
} // namespace mlir

#endif // ACT_INITACT_H
