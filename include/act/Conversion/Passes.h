//===- Passes.h - act conversion passes --------------------------*- C++ -*-===//

#ifndef ACT_CONVERSION_PASSES_H
#define ACT_CONVERSION_PASSES_H

#include "act/Conversion/ActToArith/ActToArith.h"
#include "act/Conversion/ActToLinalg/ActToLinalg.h"
#include "act/Conversion/ActToVector/ActToVector.h"

namespace mlir {
namespace act {

#define GEN_PASS_REGISTRATION
#include "act/Conversion/Passes.h.inc"

} // namespace act
} // namespace mlir

#endif // ACT_CONVERSION_PASSES_H
