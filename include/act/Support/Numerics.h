//===- Numerics.h - Floating-point helpers for tests and tools --*- C++ -*-===//
//
// ULP distances, the standard set of test inputs every numerical test of an
// act op runs on, and shortest round-trip printing. Shared by act-run,
// act-numerics and the unit tests so that "within N ulp" means one thing.
//
//===----------------------------------------------------------------------===//

#ifndef ACT_SUPPORT_NUMERICS_H
#define ACT_SUPPORT_NUMERICS_H

#include "llvm/ADT/APFloat.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mlir {
namespace act {

/// Distance between two non-NaN values of the same semantics, counted in
/// representable values: adjacent floats are 1 apart, +0 and -0 are 0 apart
/// (compare signs separately where they matter), the largest finite value
/// and infinity are 1 apart.
uint64_t getUlpDistance(const llvm::APFloat &a, const llvm::APFloat &b);

/// The inputs numerical tests evaluate every act op on, for one float
/// semantics:
///  - 16-bit types (f16, bf16): all 65536 bit patterns.
///  - f32 and f64: ±0, ±Inf, quiet NaNs of both signs, the smallest and
///    largest denormals, the smallest normal, ±max, the overflow and
///    underflow thresholds of exp and the softplus threshold on both sides;
///    20000 values of each sign evenly spaced in bit pattern from 0 to the
///    largest finite value (every binade, denormals included); and a dense
///    sweep of [-20, 20] in steps of 1/512 where the activations bend.
std::vector<llvm::APFloat> getTestInputs(const llvm::fltSemantics &semantics);

/// Shortest decimal that reads back as exactly `value` ("0.1", "-0", "1e+30",
/// "inf", "-inf", "nan").
std::string formatFloat(const llvm::APFloat &value);

} // namespace act
} // namespace mlir

#endif // ACT_SUPPORT_NUMERICS_H
