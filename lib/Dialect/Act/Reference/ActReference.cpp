//===- ActReference.cpp - Scalar reference of every act op ----------------===//

#include "act/Dialect/Act/Reference/ActReference.h"

#include <cmath>
#include <limits>

using namespace mlir::act::reference;

namespace {

template <typename T> T ieeeMaximum(T a, T b) {
  if (std::isnan(a) || std::isnan(b))
    return a + b; // a quiet NaN
  if (a == b) // equal values: only the sign of zero can differ
    return std::signbit(a) ? b : a;
  return a > b ? a : b;
}

template <typename T> T ieeeMinimum(T a, T b) {
  if (std::isnan(a) || std::isnan(b))
    return a + b;
  if (a == b)
    return std::signbit(a) ? a : b;
  return a < b ? a : b;
}

// maxNum/minNum: a NaN operand is treated as missing. Where the result is
// zero of either sign, the sign is unspecified for nan_mode = ignore; this
// returns what maximum/minimum would.
template <typename T> T maxNum(T a, T b) {
  if (std::isnan(a))
    return b;
  if (std::isnan(b))
    return a;
  return ieeeMaximum(a, b);
}

template <typename T> T minNum(T a, T b) {
  if (std::isnan(a))
    return b;
  if (std::isnan(b))
    return a;
  return ieeeMinimum(a, b);
}

template <typename T> T clamp(T x, T lo, T hi, NanMode mode) {
  if (mode == NanMode::Ignore)
    return minNum(maxNum(x, lo), hi);
  return ieeeMinimum(ieeeMaximum(x, lo), hi);
}

template <typename T> bool isNegInf(T x) { return std::isinf(x) && x < 0; }

/// T is the evaluation type, W the wider type transcendental functions are
/// computed in.
template <typename T, typename W>
T evaluateImpl(const Activation &act, T x, T slope) {
  const T alpha = static_cast<T>(act.alpha);
  const T beta = static_cast<T>(act.beta);
  const T gamma = static_cast<T>(act.gamma);
  const T zero = 0;
  const T inf = std::numeric_limits<T>::infinity();
  const W wx = x;

  switch (act.kind) {
  case Kind::Relu:
    return clamp(x, zero, inf, act.nanMode);
  case Kind::LeakyRelu:
    return x > zero ? x : x * alpha;
  case Kind::PRelu:
    return x > zero ? x : x * slope;
  case Kind::ThresholdedRelu:
    if (act.nanMode == NanMode::Propagate && std::isnan(x))
      return x;
    return x > alpha ? x : zero;
  case Kind::Clip:
    return clamp(x, static_cast<T>(act.min), static_cast<T>(act.max),
                 act.nanMode);
  case Kind::HardSigmoid: {
    T linear = alpha * x; // rounded separately: no FMA
    linear = linear + beta;
    return clamp(linear, zero, T(1), act.nanMode);
  }
  case Kind::HardSwish: {
    if (isNegInf(x))
      return -zero;
    T shifted = x + T(3);
    T gate = clamp(shifted, zero, T(6), act.nanMode);
    T product = x * gate;
    return product / T(6);
  }
  case Kind::Elu:
    if (x > zero)
      return x;
    return static_cast<T>(W(alpha) * std::expm1(wx));
  case Kind::Selu:
    if (x > zero)
      return static_cast<T>(W(gamma) * wx);
    return static_cast<T>(W(gamma) * W(alpha) * std::expm1(wx));
  case Kind::Celu:
    if (x > zero)
      return x;
    return static_cast<T>(W(alpha) * std::expm1(wx / W(alpha)));
  case Kind::Softplus: {
    // The branch is decided in T, as PyTorch (and our lowering) decide it.
    T scaled = x * beta;
    if (scaled > static_cast<T>(act.threshold))
      return x;
    return static_cast<T>(std::log1p(std::exp(W(scaled))) / W(beta));
  }
  case Kind::Mish:
    if (isNegInf(x))
      return -zero;
    return static_cast<T>(wx * std::tanh(std::log1p(std::exp(wx))));
  case Kind::Gelu:
    if (isNegInf(x))
      return -zero;
    // erfc keeps full relative accuracy where 1 + erf(.) would cancel.
    return static_cast<T>(wx / W(2) * std::erfc(-wx / std::sqrt(W(2))));
  case Kind::GeluTanh: {
    if (isNegInf(x))
      return -zero;
    const W kSqrt2OverPi = std::sqrt(W(2) / std::acos(W(-1)));
    W inner = kSqrt2OverPi * (wx + W(0.044715) * wx * wx * wx);
    // 0.5 * (1 + tanh(u)) == 1 / (1 + exp(-2u)), without the cancellation
    // that would leave the negative tail with few correct bits even in W.
    return static_cast<T>(wx / (W(1) + std::exp(W(-2) * inner)));
  }
  case Kind::Silu:
    if (isNegInf(x))
      return -zero;
    return static_cast<T>(wx / (W(1) + std::exp(-wx)));
  case Kind::Sigmoid:
    return static_cast<T>(W(1) / (W(1) + std::exp(-wx)));
  case Kind::Tanh:
    return static_cast<T>(std::tanh(wx));
  case Kind::Softsign:
    if (std::isinf(x))
      return std::copysign(T(1), x);
    return static_cast<T>(wx / (W(1) + std::fabs(wx)));
  }
  return std::numeric_limits<T>::quiet_NaN();
}

} // namespace

float mlir::act::reference::evaluate(const Activation &act, float x,
                                     float slope) {
  return evaluateImpl<float, double>(act, x, slope);
}

double mlir::act::reference::evaluate(const Activation &act, double x,
                                      double slope) {
  return evaluateImpl<double, long double>(act, x, slope);
}

bool mlir::act::reference::isPiecewiseLinear(Kind kind) {
  switch (kind) {
  case Kind::Relu:
  case Kind::LeakyRelu:
  case Kind::PRelu:
  case Kind::ThresholdedRelu:
  case Kind::Clip:
  case Kind::HardSigmoid:
  case Kind::HardSwish:
    return true;
  default:
    return false;
  }
}

const char *mlir::act::reference::getMnemonic(Kind kind) {
  switch (kind) {
  case Kind::Relu:
    return "relu";
  case Kind::LeakyRelu:
    return "leaky_relu";
  case Kind::PRelu:
    return "prelu";
  case Kind::ThresholdedRelu:
    return "thresholded_relu";
  case Kind::Clip:
    return "clip";
  case Kind::HardSigmoid:
    return "hard_sigmoid";
  case Kind::HardSwish:
    return "hard_swish";
  case Kind::Elu:
    return "elu";
  case Kind::Selu:
    return "selu";
  case Kind::Celu:
    return "celu";
  case Kind::Softplus:
    return "softplus";
  case Kind::Mish:
    return "mish";
  case Kind::Gelu:
  case Kind::GeluTanh:
    return "gelu";
  case Kind::Silu:
    return "silu";
  case Kind::Sigmoid:
    return "sigmoid";
  case Kind::Tanh:
    return "tanh";
  case Kind::Softsign:
    return "softsign";
  }
  return "unknown";
}

float mlir::act::reference::maximum(float a, float b) {
  return ieeeMaximum(a, b);
}
double mlir::act::reference::maximum(double a, double b) {
  return ieeeMaximum(a, b);
}
float mlir::act::reference::minimum(float a, float b) {
  return ieeeMinimum(a, b);
}
double mlir::act::reference::minimum(double a, double b) {
  return ieeeMinimum(a, b);
}
