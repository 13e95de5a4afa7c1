//===- Numerics.cpp - Floating-point helpers for tests and tools ----------===//

#include "act/Support/Numerics.h"

#include "llvm/ADT/APInt.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <cstdlib>

using namespace mlir;
using llvm::APFloat;
using llvm::APInt;

/// Maps the bit pattern of a non-NaN value to an integer that is monotone in
/// the value: sign-magnitude to two's complement.
static int64_t getOrderedBits(const APFloat &value) {
  APInt bits = value.bitcastToAPInt();
  unsigned width = bits.getBitWidth();
  bool negative = bits[width - 1];
  bits.clearBit(width - 1);
  int64_t magnitude = static_cast<int64_t>(bits.getZExtValue());
  return negative ? -magnitude : magnitude;
}

uint64_t act::getUlpDistance(const APFloat &a, const APFloat &b) {
  assert(!a.isNaN() && !b.isNaN() && "ULP distance of a NaN");
  assert(&a.getSemantics() == &b.getSemantics() && "mixed semantics");
  int64_t x = getOrderedBits(a), y = getOrderedBits(b);
  return x > y ? uint64_t(x) - uint64_t(y) : uint64_t(y) - uint64_t(x);
}

static APFloat fromDouble(const llvm::fltSemantics &semantics, double value) {
  APFloat result(value);
  bool losesInfo;
  result.convert(semantics, APFloat::rmNearestTiesToEven, &losesInfo);
  return result;
}

std::vector<APFloat> act::getTestInputs(const llvm::fltSemantics &semantics) {
  std::vector<APFloat> inputs;
  unsigned width = APFloat::getSizeInBits(semantics);
  if (width == 16) {
    for (uint64_t bits = 0; bits < (1u << 16); ++bits)
      inputs.emplace_back(semantics, APInt(16, bits));
    return inputs;
  }

  auto addBothSigns = [&](const APFloat &value) {
    inputs.push_back(value);
    inputs.push_back(-value);
  };
  addBothSigns(APFloat::getZero(semantics));
  addBothSigns(APFloat::getInf(semantics));
  addBothSigns(APFloat::getQNaN(semantics));
  addBothSigns(APFloat::getSmallest(semantics));   // smallest denormal
  addBothSigns(APFloat::getSmallestNormalized(semantics));
  APFloat largestDenormal = APFloat::getSmallestNormalized(semantics);
  largestDenormal.next(/*nextDown=*/true);
  addBothSigns(largestDenormal);
  addBothSigns(APFloat::getLargest(semantics));
  // Around 1, the softplus threshold, and where exp overflows (f32: 88.72,
  // f64: 709.78) or underflows to a denormal / to zero (f32: -87.3 / -103.9,
  // f64: -708.4 / -745.1).
  for (double value : {0.5, 1.0, 2.0, 3.0, 6.0, 20.0, 88.0, 88.72, 89.0, 103.9,
                       104.0, 708.4, 709.78, 710.0, 745.1, 746.0, 1e10, 1e30,
                       1e300}) {
    APFloat x = fromDouble(semantics, value);
    addBothSigns(x);
    APFloat up = x, down = x;
    up.next(/*nextDown=*/false);
    down.next(/*nextDown=*/true);
    addBothSigns(up);
    addBothSigns(down);
  }

  // Every binade: bit patterns evenly spaced from +0 to the largest finite.
  const uint64_t count = 20000;
  uint64_t largestBits =
      APFloat::getLargest(semantics).bitcastToAPInt().getZExtValue();
  for (uint64_t i = 1; i < count; ++i) {
    uint64_t bits = static_cast<uint64_t>(
        static_cast<long double>(largestBits) * i / count);
    addBothSigns(APFloat(semantics, APInt(width, bits)));
  }

  // Where the activations bend: [-20, 20] in steps of 1/512 (exact in both
  // f32 and f64).
  for (int i = -20 * 512; i <= 20 * 512; ++i)
    inputs.push_back(fromDouble(semantics, i / 512.0));
  return inputs;
}

std::string act::formatFloat(const APFloat &value) {
  if (value.isNaN())
    return "nan";
  if (value.isInfinity())
    return value.isNegative() ? "-inf" : "inf";
  // f16/bf16/f32 convert to double exactly; try increasing precision until
  // the text rounds back to the same value in the original semantics.
  APFloat wide = value;
  bool losesInfo;
  wide.convert(APFloat::IEEEdouble(), APFloat::rmNearestTiesToEven, &losesInfo);
  double x = wide.convertToDouble();
  char buffer[48];
  int precision = 1;
  for (; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof(buffer), "%.*g", precision, x);
    if (fromDouble(value.getSemantics(), std::strtod(buffer, nullptr))
            .bitwiseIsEqual(value))
      break;
  }
  // Like Python's repr: positional notation for 1e-4 <= |x| < 1e16 ("10",
  // "250", "0.001"), the exponent form only outside.
  double magnitude = std::fabs(x);
  if (magnitude >= 1e-4 && magnitude < 1e16) {
    // The decimal exponent of the value as rounded to `precision` digits
    // (0.09998 rounds to 1e-01), which log10 of the value would miss.
    char scientific[48];
    std::snprintf(scientific, sizeof(scientific), "%.*e", precision - 1, x);
    int exponent = std::atoi(std::strchr(scientific, 'e') + 1);
    int decimals = std::max(0, precision - 1 - exponent);
    std::snprintf(buffer, sizeof(buffer), "%.*f", decimals, x);
  }
  return buffer;
}
