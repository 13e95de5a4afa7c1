//===- NumericsTest.cpp - ULP distances, test inputs, float printing ------===//

#include "act/Support/Numerics.h"

#include "gtest/gtest.h"

#include <cmath>
#include <limits>

using namespace mlir::act;
using llvm::APFloat;

namespace {

TEST(NumericsTest, UlpDistance) {
  APFloat one(1.0f), next(std::nextafter(1.0f, 2.0f));
  EXPECT_EQ(getUlpDistance(one, one), 0u);
  EXPECT_EQ(getUlpDistance(one, next), 1u);
  EXPECT_EQ(getUlpDistance(next, one), 1u);
  // Across zero: the smallest denormals of both signs are 2 apart, the
  // zeros 0 apart.
  APFloat tiny = APFloat::getSmallest(APFloat::IEEEsingle());
  EXPECT_EQ(getUlpDistance(tiny, -tiny), 2u);
  EXPECT_EQ(getUlpDistance(APFloat(0.0f), APFloat(-0.0f)), 0u);
  // The largest finite value and infinity are neighbours.
  EXPECT_EQ(getUlpDistance(APFloat::getLargest(APFloat::IEEEsingle()),
                           APFloat::getInf(APFloat::IEEEsingle())),
            1u);
  // 1.0 and 2.0 are one binade (2^23 values) apart in f32, 2^52 in f64.
  EXPECT_EQ(getUlpDistance(APFloat(1.0f), APFloat(2.0f)), 1u << 23);
  EXPECT_EQ(getUlpDistance(APFloat(1.0), APFloat(2.0)), uint64_t(1) << 52);
}

TEST(NumericsTest, TestInputsCoverTheEdges) {
  for (const llvm::fltSemantics *semantics :
       {&APFloat::IEEEsingle(), &APFloat::IEEEdouble()}) {
    std::vector<APFloat> inputs = getTestInputs(*semantics);
    EXPECT_EQ(inputs.size(), 60607u);
    auto has = [&](auto predicate) {
      return std::any_of(inputs.begin(), inputs.end(), predicate);
    };
    EXPECT_TRUE(has([](const APFloat &x) { return x.isNaN(); }));
    EXPECT_TRUE(has([](const APFloat &x) { return x.isNegZero(); }));
    EXPECT_TRUE(has([](const APFloat &x) { return x.isPosZero(); }));
    EXPECT_TRUE(has([](const APFloat &x) { return x.isInfinity() && x.isNegative(); }));
    EXPECT_TRUE(has([](const APFloat &x) { return x.isInfinity() && !x.isNegative(); }));
    EXPECT_TRUE(has([](const APFloat &x) { return x.isDenormal(); }));
    EXPECT_TRUE(has([](const APFloat &x) { return x.isLargest(); }));
  }
  // 16-bit types: every bit pattern, each once.
  std::vector<APFloat> halves = getTestInputs(APFloat::IEEEhalf());
  ASSERT_EQ(halves.size(), 65536u);
  for (size_t i = 0; i < halves.size(); ++i)
    ASSERT_EQ(halves[i].bitcastToAPInt().getZExtValue(), i);
}

TEST(NumericsTest, FormatFloatIsShortestRoundTrip) {
  EXPECT_EQ(formatFloat(APFloat(0.1f)), "0.1");
  EXPECT_EQ(formatFloat(APFloat(0.1)), "0.1");
  EXPECT_EQ(formatFloat(APFloat(-0.0f)), "-0");
  EXPECT_EQ(formatFloat(APFloat(1e30f)), "1e+30");
  EXPECT_EQ(formatFloat(APFloat(16777216.0f)), "16777216");
  // Positional notation between 1e-4 and 1e16, as NumPy and Python print.
  EXPECT_EQ(formatFloat(APFloat(10.0f)), "10");
  EXPECT_EQ(formatFloat(APFloat(250.0)), "250");
  EXPECT_EQ(formatFloat(APFloat(-1e10f)), "-10000000000");
  EXPECT_EQ(formatFloat(APFloat(0.001)), "0.001");
  EXPECT_EQ(formatFloat(APFloat(1e-5)), "1e-05");
  EXPECT_EQ(formatFloat(APFloat(1e16)), "1e+16");
  EXPECT_EQ(formatFloat(APFloat(3.4028235e38f)), "3.4028235e+38");
  EXPECT_EQ(formatFloat(APFloat(0.999999940395355224609375f)), "0.99999994");
  EXPECT_EQ(formatFloat(APFloat::getInf(APFloat::IEEEsingle(), true)), "-inf");
  EXPECT_EQ(formatFloat(APFloat::getNaN(APFloat::IEEEdouble())), "nan");
  bool losesInfo;
  APFloat half(0.1);
  half.convert(APFloat::IEEEhalf(), APFloat::rmNearestTiesToEven, &losesInfo);
  EXPECT_EQ(formatFloat(half), "0.1");
  EXPECT_EQ(formatFloat(APFloat::getSmallest(APFloat::IEEEsingle())), "1e-45");
}

} // namespace
