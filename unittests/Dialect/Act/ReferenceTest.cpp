//===- ReferenceTest.cpp - The scalar reference against known values -----===//
//
// Piecewise-linear results are compared exactly (and zero signs checked);
// transcendental ones against values computed to high precision elsewhere
// (mpmath), within 1 ulp of the type.
//
//===----------------------------------------------------------------------===//

#include "act/Dialect/Act/Reference/ActReference.h"

#include "gtest/gtest.h"

#include <cmath>
#include <limits>

using namespace mlir::act::reference;

namespace {

constexpr float kInfF = std::numeric_limits<float>::infinity();
constexpr float kNaNF = std::numeric_limits<float>::quiet_NaN();
constexpr float kDenormF = 1.0e-45f; // smallest positive f32 denormal
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Activation make(Kind kind, NanMode mode = NanMode::Propagate) {
  Activation act;
  act.kind = kind;
  act.nanMode = mode;
  return act;
}

Activation withAlpha(Kind kind, double alpha,
                     NanMode mode = NanMode::Propagate) {
  Activation act = make(kind, mode);
  act.alpha = alpha;
  return act;
}

Activation clip(double min, double max, NanMode mode = NanMode::Propagate) {
  Activation act = make(Kind::Clip, mode);
  act.min = min;
  act.max = max;
  return act;
}

bool isPositiveZero(float x) { return x == 0.0f && !std::signbit(x); }
bool isNegativeZero(float x) { return x == 0.0f && std::signbit(x); }
bool isPositiveZero(double x) { return x == 0.0 && !std::signbit(x); }
bool isNegativeZero(double x) { return x == 0.0 && std::signbit(x); }

/// |a - b| <= ulps units in the last place of b.
template <typename T>
::testing::AssertionResult withinUlps(T a, T b, int ulps) {
  T gap = std::nextafter(std::fabs(b), std::numeric_limits<T>::infinity()) -
          std::fabs(b);
  if (std::fabs(a - b) <= ulps * gap)
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << a << " is not within " << ulps << " ulp of " << b;
}

//===----------------------------------------------------------------------===//
// Piecewise-linear ops: exact.
//===----------------------------------------------------------------------===//

TEST(ReferenceTest, Relu) {
  Activation relu = make(Kind::Relu);
  EXPECT_EQ(evaluate(relu, 3.5f), 3.5f);
  EXPECT_TRUE(isPositiveZero(evaluate(relu, -2.0f)));
  EXPECT_TRUE(isPositiveZero(evaluate(relu, -0.0f)));
  EXPECT_TRUE(isPositiveZero(evaluate(relu, -kInfF)));
  EXPECT_EQ(evaluate(relu, kInfF), kInfF);
  EXPECT_EQ(evaluate(relu, kDenormF), kDenormF);
  EXPECT_TRUE(std::isnan(evaluate(relu, kNaNF)));
  EXPECT_TRUE(std::isnan(evaluate(relu, kNaN)));
  EXPECT_TRUE(isPositiveZero(evaluate(relu, -1.0e300)));

  Activation reluIgnore = make(Kind::Relu, NanMode::Ignore);
  EXPECT_EQ(evaluate(reluIgnore, kNaNF), 0.0f);
  EXPECT_EQ(evaluate(reluIgnore, kNaN), 0.0);
  EXPECT_EQ(evaluate(reluIgnore, 2.0f), 2.0f);
}

TEST(ReferenceTest, LeakyRelu) {
  Activation leaky = withAlpha(Kind::LeakyRelu, 0.01);
  EXPECT_EQ(evaluate(leaky, 5.0f), 5.0f);
  // alpha is rounded to f32 first, then one f32 multiply.
  EXPECT_EQ(evaluate(leaky, -2.0f), -2.0f * 0.01f);
  EXPECT_EQ(evaluate(leaky, -2.0), -2.0 * 0.01);
  EXPECT_TRUE(isNegativeZero(evaluate(leaky, -0.0f)));
  EXPECT_EQ(evaluate(leaky, -kInfF), -kInfF);
  EXPECT_TRUE(std::isnan(evaluate(leaky, kNaNF)));
  // alpha = +0.0: negative inputs give -0.0 (relu would give +0.0).
  EXPECT_TRUE(isNegativeZero(evaluate(withAlpha(Kind::LeakyRelu, 0.0), -3.0f)));
}

TEST(ReferenceTest, PRelu) {
  Activation prelu = make(Kind::PRelu);
  EXPECT_EQ(evaluate(prelu, -2.0f, 0.25f), -0.5f);
  EXPECT_EQ(evaluate(prelu, 2.0f, 0.25f), 2.0f);
  EXPECT_TRUE(std::isnan(evaluate(prelu, kNaNF, 0.25f)));
  EXPECT_EQ(evaluate(prelu, -4.0, -1.0), 4.0);
}

TEST(ReferenceTest, ThresholdedRelu) {
  Activation thresholded = withAlpha(Kind::ThresholdedRelu, 1.0);
  EXPECT_EQ(evaluate(thresholded, 1.5f), 1.5f);
  EXPECT_TRUE(isPositiveZero(evaluate(thresholded, 1.0f)));
  EXPECT_TRUE(isPositiveZero(evaluate(thresholded, 0.5f)));
  EXPECT_TRUE(isPositiveZero(evaluate(thresholded, -0.0f)));
  EXPECT_TRUE(std::isnan(evaluate(thresholded, kNaNF)));
  EXPECT_EQ(evaluate(thresholded, kInfF), kInfF);
  Activation ignore =
      withAlpha(Kind::ThresholdedRelu, 1.0, NanMode::Ignore);
  EXPECT_EQ(evaluate(ignore, kNaNF), 0.0f);
}

TEST(ReferenceTest, Clip) {
  Activation relu6 = clip(0.0, 6.0);
  EXPECT_EQ(evaluate(relu6, 7.0f), 6.0f);
  EXPECT_EQ(evaluate(relu6, 3.0f), 3.0f);
  EXPECT_TRUE(isPositiveZero(evaluate(relu6, -1.0f)));
  EXPECT_TRUE(isPositiveZero(evaluate(relu6, -0.0f)));
  EXPECT_EQ(evaluate(relu6, kInfF), 6.0f);
  EXPECT_TRUE(isPositiveZero(evaluate(relu6, -kInfF)));
  EXPECT_TRUE(std::isnan(evaluate(relu6, kNaNF)));
  EXPECT_EQ(evaluate(clip(0.0, 6.0, NanMode::Ignore), kNaNF), 0.0f);
  EXPECT_EQ(evaluate(clip(-1.0, 1.0, NanMode::Ignore), kNaN), -1.0);
  // A -0.0 bound keeps -0.0 inputs, and the bounds round to f32 first.
  EXPECT_TRUE(isNegativeZero(evaluate(clip(-0.0, 1.0), -0.0f)));
  EXPECT_EQ(evaluate(clip(-kInf, 0.1), 1.0f), 0.1f);
  EXPECT_EQ(evaluate(clip(-kInf, kInf), -0.0f), -0.0f);
}

TEST(ReferenceTest, HardSigmoid) {
  Activation hardSigmoid = make(Kind::HardSigmoid);
  hardSigmoid.alpha = 0.2;
  hardSigmoid.beta = 0.5;
  EXPECT_EQ(evaluate(hardSigmoid, 0.0f), 0.5f);
  EXPECT_EQ(evaluate(hardSigmoid, 1.0f), 0.2f * 1.0f + 0.5f);
  EXPECT_EQ(evaluate(hardSigmoid, 10.0f), 1.0f);
  EXPECT_TRUE(isPositiveZero(evaluate(hardSigmoid, -10.0f)));
  EXPECT_EQ(evaluate(hardSigmoid, kInfF), 1.0f);
  EXPECT_TRUE(std::isnan(evaluate(hardSigmoid, kNaNF)));
  hardSigmoid.nanMode = NanMode::Ignore;
  EXPECT_EQ(evaluate(hardSigmoid, kNaNF), 0.0f);
}

TEST(ReferenceTest, HardSwish) {
  Activation hardSwish = make(Kind::HardSwish);
  EXPECT_EQ(evaluate(hardSwish, 4.0f), 4.0f);
  EXPECT_EQ(evaluate(hardSwish, 1.0f), 4.0f / 6.0f);
  EXPECT_EQ(evaluate(hardSwish, -1.0), -2.0 / 6.0);
  EXPECT_TRUE(isNegativeZero(evaluate(hardSwish, -4.0f)));
  EXPECT_TRUE(isNegativeZero(evaluate(hardSwish, -kInfF)));
  EXPECT_EQ(evaluate(hardSwish, kInfF), kInfF);
  EXPECT_TRUE(std::isnan(evaluate(hardSwish, kNaNF)));
  hardSwish.nanMode = NanMode::Ignore;
  EXPECT_TRUE(std::isnan(evaluate(hardSwish, kNaNF)));
}

//===----------------------------------------------------------------------===//
// Transcendental ops: high-precision values, 1 ulp.
//===----------------------------------------------------------------------===//

TEST(ReferenceTest, Elu) {
  Activation elu = withAlpha(Kind::Elu, 1.0);
  EXPECT_EQ(evaluate(elu, 2.0f), 2.0f);
  EXPECT_TRUE(withinUlps(evaluate(elu, -1.0f), -0.63212055882855767f, 1));
  EXPECT_TRUE(withinUlps(evaluate(elu, -1.0), -0.63212055882855767840, 1));
  EXPECT_EQ(evaluate(elu, -kInfF), -1.0f);
  EXPECT_TRUE(isNegativeZero(evaluate(elu, -0.0f)));
  EXPECT_TRUE(std::isnan(evaluate(elu, kNaNF)));
  // expm1 keeps tiny inputs accurate where exp(x) - 1 would round to 0.
  EXPECT_EQ(evaluate(elu, -1.0e-30f), -1.0e-30f);
}

TEST(ReferenceTest, Selu) {
  Activation selu = make(Kind::Selu);
  selu.alpha = 1.67326319217681884765625;
  selu.gamma = 1.05070102214813232421875;
  EXPECT_EQ(evaluate(selu, 1.0f), 1.05070102214813232421875f);
  EXPECT_TRUE(withinUlps(evaluate(selu, -kInfF), -1.7580993463430303f, 1));
  EXPECT_TRUE(withinUlps(evaluate(selu, -1.0), -1.1113307412864784, 1));
  EXPECT_TRUE(isNegativeZero(evaluate(selu, -0.0f)));
}

TEST(ReferenceTest, Celu) {
  Activation celu = withAlpha(Kind::Celu, 2.0);
  EXPECT_TRUE(withinUlps(evaluate(celu, -2.0f), -1.2642411176571153f, 1));
  EXPECT_EQ(evaluate(celu, 3.0f), 3.0f);
  EXPECT_EQ(evaluate(celu, -kInfF), -2.0f);
}

TEST(ReferenceTest, Softplus) {
  Activation softplus = make(Kind::Softplus);
  softplus.beta = 1.0;
  softplus.threshold = 20.0;
  EXPECT_TRUE(withinUlps(evaluate(softplus, 0.0f), 0.69314718055994531f, 1));
  EXPECT_TRUE(withinUlps(evaluate(softplus, 1.0), 1.3132616875182228, 1));
  EXPECT_EQ(evaluate(softplus, 25.0f), 25.0f); // linear branch
  EXPECT_TRUE(isPositiveZero(evaluate(softplus, -kInfF)));
  EXPECT_EQ(evaluate(softplus, kInfF), kInfF);
  EXPECT_TRUE(std::isnan(evaluate(softplus, kNaNF)));
  softplus.beta = 2.0;
  // log1p(exp(2)) / 2
  EXPECT_TRUE(withinUlps(evaluate(softplus, 1.0f), 1.0634640055214863f, 1));
}

TEST(ReferenceTest, Mish) {
  Activation mish = make(Kind::Mish);
  EXPECT_TRUE(withinUlps(evaluate(mish, 1.0f), 0.86509838826731034f, 1));
  EXPECT_TRUE(withinUlps(evaluate(mish, -1.0), -0.30340146137410895, 1));
  EXPECT_TRUE(isNegativeZero(evaluate(mish, -kInfF)));
  EXPECT_EQ(evaluate(mish, kInfF), kInfF);
  EXPECT_EQ(evaluate(mish, 100.0f), 100.0f);
  EXPECT_TRUE(isNegativeZero(evaluate(mish, -0.0f)));
}

TEST(ReferenceTest, Gelu) {
  Activation gelu = make(Kind::Gelu);
  EXPECT_TRUE(withinUlps(evaluate(gelu, 1.0f), 0.84134474606854293f, 1));
  EXPECT_TRUE(withinUlps(evaluate(gelu, 1.0), 0.84134474606854293, 1));
  // Far left tail: 1 + erf(x / sqrt 2) would cancel to 0; erfc does not.
  EXPECT_TRUE(withinUlps(evaluate(gelu, -10.0f), -7.6198530241605269e-23f, 1));
  EXPECT_TRUE(isNegativeZero(evaluate(gelu, -kInfF)));
  EXPECT_EQ(evaluate(gelu, kInfF), kInfF);
  EXPECT_TRUE(isNegativeZero(evaluate(gelu, -0.0f)));
  EXPECT_TRUE(std::isnan(evaluate(gelu, kNaNF)));

  Activation geluTanh = make(Kind::GeluTanh);
  EXPECT_TRUE(withinUlps(evaluate(geluTanh, 1.0f), 0.84119199060827676f, 1));
  EXPECT_TRUE(isNegativeZero(evaluate(geluTanh, -kInfF)));
  EXPECT_EQ(evaluate(geluTanh, kInfF), kInfF);
}

TEST(ReferenceTest, Silu) {
  Activation silu = make(Kind::Silu);
  EXPECT_TRUE(withinUlps(evaluate(silu, 1.0f), 0.73105857863000488f, 1));
  EXPECT_TRUE(withinUlps(evaluate(silu, -1.0), -0.26894142136999512, 1));
  EXPECT_TRUE(isNegativeZero(evaluate(silu, -kInfF)));
  EXPECT_EQ(evaluate(silu, kInfF), kInfF);
  EXPECT_TRUE(isNegativeZero(evaluate(silu, -0.0f)));
  // -100 * exp(-100) is an f32 denormal: computed, not flushed.
  float tail = evaluate(silu, -100.0f);
  EXPECT_LT(tail, 0.0f);
  EXPECT_EQ(std::fpclassify(tail), FP_SUBNORMAL);
}

TEST(ReferenceTest, Sigmoid) {
  Activation sigmoid = make(Kind::Sigmoid);
  EXPECT_EQ(evaluate(sigmoid, 0.0f), 0.5f);
  EXPECT_TRUE(withinUlps(evaluate(sigmoid, 1.0), 0.73105857863000488, 1));
  EXPECT_TRUE(isPositiveZero(evaluate(sigmoid, -kInfF)));
  EXPECT_EQ(evaluate(sigmoid, kInfF), 1.0f);
  EXPECT_TRUE(isPositiveZero(evaluate(sigmoid, -1000.0f)));
  EXPECT_TRUE(std::isnan(evaluate(sigmoid, kNaNF)));
}

TEST(ReferenceTest, Tanh) {
  Activation tanhAct = make(Kind::Tanh);
  EXPECT_TRUE(withinUlps(evaluate(tanhAct, 0.5f), 0.46211715726000974f, 1));
  EXPECT_TRUE(isNegativeZero(evaluate(tanhAct, -0.0f)));
  EXPECT_EQ(evaluate(tanhAct, kInfF), 1.0f);
  EXPECT_EQ(evaluate(tanhAct, -kInf), -1.0);
}

TEST(ReferenceTest, Softsign) {
  Activation softsign = make(Kind::Softsign);
  EXPECT_EQ(evaluate(softsign, 1.0f), 0.5f);
  EXPECT_EQ(evaluate(softsign, -3.0), -0.75);
  EXPECT_EQ(evaluate(softsign, kInfF), 1.0f);
  EXPECT_EQ(evaluate(softsign, -kInfF), -1.0f);
  EXPECT_TRUE(isNegativeZero(evaluate(softsign, -0.0f)));
  EXPECT_TRUE(std::isnan(evaluate(softsign, kNaNF)));
}

TEST(ReferenceTest, IeeeMaximumMinimum) {
  EXPECT_TRUE(isPositiveZero(maximum(-0.0f, 0.0f)));
  EXPECT_TRUE(isPositiveZero(maximum(0.0, -0.0)));
  EXPECT_TRUE(isNegativeZero(minimum(0.0f, -0.0f)));
  EXPECT_TRUE(std::isnan(maximum(kNaNF, 1.0f)));
  EXPECT_TRUE(std::isnan(minimum(1.0, kNaN)));
}

TEST(ReferenceTest, Classification) {
  EXPECT_TRUE(isPiecewiseLinear(Kind::HardSwish));
  EXPECT_FALSE(isPiecewiseLinear(Kind::Gelu));
  EXPECT_STREQ(getMnemonic(Kind::ThresholdedRelu), "thresholded_relu");
  EXPECT_STREQ(getMnemonic(Kind::GeluTanh), "gelu");
}

} // namespace
