//===- FoldTest.cpp - act folders through the C++ API ---------------------===//
//
// Every op is folded on a dense constant full of edge values (±0, ±Inf, NaN,
// denormals, overflow territory), and every folded element must equal the
// scalar reference bit for bit: the folder is the reference, applied.
//
//===----------------------------------------------------------------------===//

#include "act/Dialect/Act/IR/ActOps.h"
#include "act/InitAct.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Parser/Parser.h"

#include "gtest/gtest.h"

#include <cmath>
#include <cstring>
#include <string>

using namespace mlir;
using namespace mlir::act;

namespace {

class FoldTest : public ::testing::Test {
protected:
  FoldTest() {
    DialectRegistry registry;
    registry.insert<arith::ArithDialect, func::FuncDialect>();
    registerActDialects(registry);
    context.appendDialectRegistry(registry);
    context.loadAllAvailableDialects();
  }

  /// Parses `func.func @f(...)` around `body` and returns its first act op.
  ActivationOpInterface parseActOp(const std::string &body) {
    std::string source = "func.func @f(%arg: f32) {\n" + body + "\nreturn\n}";
    module = parseSourceString<ModuleOp>(source, &context);
    if (!module)
      return nullptr;
    ActivationOpInterface found;
    module->walk([&](ActivationOpInterface op) {
      if (!found)
        found = op;
    });
    return found;
  }

  /// Folds `op`, whose operands must be constants.
  Attribute fold(ActivationOpInterface op) {
    SmallVector<Attribute> operands;
    for (Value operand : op->getOperands()) {
      Attribute attr;
      if (!matchPattern(operand, m_Constant(&attr)))
        return nullptr;
      operands.push_back(attr);
    }
    SmallVector<OpFoldResult> results;
    if (failed(op->fold(operands, results)) || results.size() != 1)
      return nullptr;
    return dyn_cast<Attribute>(results[0]);
  }

  MLIRContext context;
  OwningOpRef<ModuleOp> module;
};

bool sameFloat(float a, float b) {
  if (std::isnan(a) || std::isnan(b))
    return std::isnan(a) && std::isnan(b);
  return std::memcmp(&a, &b, sizeof(float)) == 0;
}

bool sameDouble(double a, double b) {
  if (std::isnan(a) || std::isnan(b))
    return std::isnan(a) && std::isnan(b);
  return std::memcmp(&a, &b, sizeof(double)) == 0;
}

// 0x7FC00000 is NaN, 0x00000001 the smallest denormal, 0x80800000 the
// negative smallest normal.
constexpr const char *kEdgeValuesF32 =
    "dense<[-3.5, -1.0, -0.0, 0.0, 0.5, 1.0, 7.0, 25.0, 100.0, -100.0, "
    "0x7F800000, 0xFF800000, 0x7FC00000, 0x00000001, 0x80800000, 88.8, "
    "-88.8, 1.0e-30]> : tensor<18xf32>";

struct OpCase {
  const char *name;
  const char *syntax; // the op, applied to %c
};

const OpCase kOpCases[] = {
    {"relu", "act.relu %c"},
    {"relu_ignore", "act.relu %c {nan_mode = #act.nan_mode<ignore>}"},
    {"leaky_relu", "act.leaky_relu %c {alpha = 0.1 : f64}"},
    {"thresholded_relu", "act.thresholded_relu %c"},
    {"thresholded_relu_ignore",
     "act.thresholded_relu %c {nan_mode = #act.nan_mode<ignore>}"},
    {"clip", "act.clip %c {min = 0.0 : f64, max = 6.0 : f64}"},
    {"clip_ignore", "act.clip %c {min = -1.0 : f64, max = 1.0 : f64, "
                    "nan_mode = #act.nan_mode<ignore>}"},
    {"hard_sigmoid", "act.hard_sigmoid %c"},
    {"hard_swish", "act.hard_swish %c"},
    {"elu", "act.elu %c {alpha = 0.5 : f64}"},
    {"selu", "act.selu %c"},
    {"celu", "act.celu %c {alpha = 2.0 : f64}"},
    {"softplus", "act.softplus %c {beta = 2.0 : f64, threshold = 10.0 : f64}"},
    {"mish", "act.mish %c"},
    {"gelu", "act.gelu %c"},
    {"gelu_tanh", "act.gelu %c {approximate = #act.gelu_approximation<tanh>}"},
    {"silu", "act.silu %c"},
    {"sigmoid", "act.sigmoid %c"},
    {"tanh", "act.tanh %c"},
    {"softsign", "act.softsign %c"},
};

TEST_F(FoldTest, EveryOpFoldsDenseF32ToTheReference) {
  for (const OpCase &opCase : kOpCases) {
    SCOPED_TRACE(opCase.name);
    std::string body = std::string("%c = arith.constant ") + kEdgeValuesF32 +
                       "\n%r = " + opCase.syntax + " : tensor<18xf32>";
    ActivationOpInterface op = parseActOp(body);
    ASSERT_TRUE(op);
    auto input = cast<DenseFPElementsAttr>(
        cast<arith::ConstantOp>(op.getInput().getDefiningOp()).getValue());
    auto folded = dyn_cast_or_null<DenseFPElementsAttr>(fold(op));
    ASSERT_TRUE(folded);
    reference::Activation act = op.getActivation();
    auto inputs = input.getValues<float>();
    auto outputs = folded.getValues<float>();
    for (int64_t i = 0; i < input.getNumElements(); ++i) {
      float expected = reference::evaluate(act, inputs[i]);
      EXPECT_TRUE(sameFloat(outputs[i], expected))
          << "element " << i << " (" << inputs[i] << "): folded "
          << outputs[i] << ", reference " << expected;
    }
  }
}

TEST_F(FoldTest, ScalarF64FoldsToTheReference) {
  ActivationOpInterface op = parseActOp(
      "%c = arith.constant -10.0 : f64\n%r = act.gelu %c : f64");
  ASSERT_TRUE(op);
  auto folded = dyn_cast_or_null<FloatAttr>(fold(op));
  ASSERT_TRUE(folded);
  EXPECT_TRUE(sameDouble(folded.getValueAsDouble(),
                         reference::evaluate(op.getActivation(), -10.0)));
  EXPECT_LT(folded.getValueAsDouble(), 0.0); // not cancelled to -0.0
}

TEST_F(FoldTest, SplatFoldsToSplat) {
  ActivationOpInterface op =
      parseActOp("%c = arith.constant dense<-2.0> : tensor<4x4xf32>\n"
                 "%r = act.leaky_relu %c : tensor<4x4xf32>");
  ASSERT_TRUE(op);
  auto folded = dyn_cast_or_null<DenseFPElementsAttr>(fold(op));
  ASSERT_TRUE(folded);
  EXPECT_TRUE(folded.isSplat());
  EXPECT_EQ(folded.getSplatValue<float>(), -2.0f * 0.01f);
}

TEST_F(FoldTest, HalfPrecisionIsComputedInF32AndRoundedOnce) {
  for (const char *type : {"f16", "bf16"}) {
    SCOPED_TRACE(type);
    ActivationOpInterface op = parseActOp(
        std::string("%c = arith.constant 1.0 : ") + type +
        "\n%r = act.sigmoid %c : " + type);
    ASSERT_TRUE(op);
    auto folded = dyn_cast_or_null<FloatAttr>(fold(op));
    ASSERT_TRUE(folded);
    APFloat expected(reference::evaluate(op.getActivation(), 1.0f));
    bool losesInfo = false;
    expected.convert(folded.getValue().getSemantics(),
                     APFloat::rmNearestTiesToEven, &losesInfo);
    EXPECT_TRUE(folded.getValue().bitwiseIsEqual(expected));
  }
}

TEST_F(FoldTest, PReluBroadcastsTheSlope) {
  ActivationOpInterface op = parseActOp(
      "%c = arith.constant dense<[[-1.0, -2.0, 3.0], [-4.0, 5.0, -6.0]]> "
      ": tensor<2x3xf32>\n"
      "%s = arith.constant dense<[[0.5], [0.25]]> : tensor<2x1xf32>\n"
      "%r = act.prelu %c, %s : tensor<2x3xf32>, tensor<2x1xf32>");
  ASSERT_TRUE(op);
  auto folded = dyn_cast_or_null<DenseFPElementsAttr>(fold(op));
  ASSERT_TRUE(folded);
  SmallVector<float> values(folded.getValues<float>());
  EXPECT_EQ(values, (SmallVector<float>{-0.5f, -1.0f, 3.0f, -1.0f, 5.0f,
                                        -1.5f}));
}

TEST_F(FoldTest, NonConstantOperandDoesNotFold) {
  ActivationOpInterface op = parseActOp("%r = act.gelu %arg : f32");
  ASSERT_TRUE(op);
  SmallVector<OpFoldResult> results;
  EXPECT_TRUE(failed(op->fold({Attribute()}, results)));
}

TEST_F(FoldTest, ReluOfSigmoidFoldsToTheSigmoidThroughCreateOrFold) {
  OpBuilder builder(&context);
  Location loc = builder.getUnknownLoc();
  OwningOpRef<ModuleOp> moduleOp = ModuleOp::create(loc);
  builder.setInsertionPointToEnd(moduleOp->getBody());
  auto func = func::FuncOp::create(builder, loc, "f",
                                   builder.getFunctionType(
                                       {builder.getF32Type()}, {}));
  builder.setInsertionPointToEnd(func.addEntryBlock());
  Value x = func.getArgument(0);
  Value sigmoid = SigmoidOp::create(builder, loc, x);
  EXPECT_EQ(builder.createOrFold<ReluOp>(loc, sigmoid), sigmoid);

  // Under nan_mode = ignore, relu maps the sigmoid's NaN to 0: no fold.
  Value reluIgnore = builder.createOrFold<ReluOp>(
      loc, sigmoid, NanModeAttr::get(&context, NanMode::ignore));
  EXPECT_NE(reluIgnore, sigmoid);
  EXPECT_TRUE(isa_and_nonnull<ReluOp>(reluIgnore.getDefiningOp()));

  // A constant operand folds to an arith.constant of the reference value.
  Value constant = arith::ConstantOp::create(builder, loc,
                                             builder.getF32FloatAttr(-0.5f));
  Value folded = builder.createOrFold<EluOp>(loc, constant);
  FloatAttr value;
  ASSERT_TRUE(matchPattern(folded, m_Constant(&value)));
  reference::Activation elu;
  elu.kind = reference::Kind::Elu;
  elu.alpha = 1.0;
  EXPECT_EQ(value.getValueAsDouble(), reference::evaluate(elu, -0.5f));
  func->erase();
}

} // namespace
