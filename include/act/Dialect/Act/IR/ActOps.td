//===- ActOps.td - act dialect operations ---------------------*- tablegen -*-===//
//
// Formulas here are the normative ones; docs/semantics.md expands each op's
// behaviour on NaN, ±Inf, -0.0 and denormals. "x > 0 ? a : b" is evaluated
// with IEEE comparisons, so a NaN x always takes the `b` branch.
//
//===----------------------------------------------------------------------===//

#ifndef ACT_DIALECT_ACT_IR_ACTOPS_TD
#define ACT_DIALECT_ACT_IR_ACTOPS_TD

include "act/Dialect/Act/IR/ActBase.td"
include "act/Dialect/Act/IR/ActInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

//===----------------------------------------------------------------------===//
// Type constraints
//===----------------------------------------------------------------------===//

def Act_FloatElement : AnyTypeOf<[F16, BF16, F32, F64], "f16, bf16, f32 or f64">;

def Act_FloatLike : AnyTypeOf<[
    Act_FloatElement,
    VectorOfAnyRankOf<[F16, BF16, F32, F64]>,
    RankedTensorOf<[F16, BF16, F32, F64]>],
  "f16/bf16/f32/f64 scalar, or vector or ranked tensor of them">;

//===----------------------------------------------------------------------===//
// Base classes
//===----------------------------------------------------------------------===//

class Act_Op<string mnemonic, list<Trait> traits = []>
    : Op<Act_Dialect, mnemonic,
         !listconcat(traits, [Pure,
                     DeclareOpInterfaceMethods<Act_ActivationOpInterface>])> {
  // Every op constant-folds through the scalar reference implementation.
  let hasFolder = 1;
  code foldDefinition = [{
    ::mlir::OpFoldResult $cppClass::fold(FoldAdaptor adaptor) {
      return ::mlir::act::foldActivation(*this, adaptor.getOperands());
    }
  }];
  let extraClassDefinition = foldDefinition;
}

// An element-wise activation of one operand.
class Act_UnaryOp<string mnemonic, list<Trait> traits = []>
    : Act_Op<mnemonic,
             !listconcat(traits, [SameOperandsAndResultType],
                         ElementwiseMappable.traits)> {
  let results = (outs Act_FloatLike:$result);
  let assemblyFormat = "$x attr-dict `:` type($x)";
}

defvar NanModeDefault = "::mlir::act::NanMode::propagate";

//===----------------------------------------------------------------------===//
// The ReLU family (piecewise linear)
//===----------------------------------------------------------------------===//

def Act_ReluOp : Act_UnaryOp<"relu"> {
  let summary = "rectified linear unit";
  let description = [{
    `relu(x) = maximum(x, +0.0)` with IEEE-754 `maximum`: NaN -> NaN,
    -0.0 -> +0.0, -Inf -> +0.0. With `nan_mode = ignore` it is
    `maxNum(x, +0.0)`: NaN -> +0.0 and the sign of a zero result is
    unspecified. Matches `torch.relu` and ONNX `Relu` except that the result
    for -0.0 is pinned to +0.0.

    ```mlir
    %y = act.relu %x : tensor<4x8xf32>
    %z = act.relu %x {nan_mode = #act.nan_mode<ignore>} : vector<16xf32>
    ```
  }];
  let arguments = (ins Act_FloatLike:$x,
                   DefaultValuedAttr<Act_NanModeAttr, NanModeDefault>:$nan_mode);
  // relu additionally folds away when its operand is known non-negative.
  let extraClassDefinition = "";
  let hasCanonicalizer = 1;
}

def Act_LeakyReluOp : Act_UnaryOp<"leaky_relu"> {
  let summary = "leaky rectified linear unit";
  let description = [{
    `leaky_relu(x) = x > 0 ? x : x * alpha` (PyTorch's formula). NaN -> NaN,
    -0.0 -> -0.0 * alpha. Default `alpha = 0.01` (ONNX `LeakyRelu`,
    `torch.nn.LeakyReLU`). `alpha` must be finite. Canonicalization turns
    `alpha = 0` into `relu`, which changes -0.0 results into +0.0.
  }];
  let arguments = (ins Act_FloatLike:$x,
                   DefaultValuedAttr<F64Attr, "0.01">:$alpha);
  let hasVerifier = 1;
  let hasCanonicalizer = 1;
}

def Act_PReluOp : Act_Op<"prelu", [AllTypesMatch<["x", "result"]>]> {
  let summary = "parametric rectified linear unit";
  let description = [{
    `prelu(x, slope) = x > 0 ? x : x * slope`, where `slope` broadcasts
    unidirectionally to `x` as in ONNX `PRelu`: for a ranked tensor `x`,
    `slope` is a ranked tensor of the same element type and rank at most
    rank(x) whose dimensions, aligned to the right, are 1 or equal to those of
    `x`. For a scalar or vector `x`, `slope` has the type of `x`.

    Because `slope` may broadcast, `prelu` is not `ElementwiseMappable`;
    `--convert-act-to-linalg` gives it a broadcasting indexing map.

    ```mlir
    %y = act.prelu %x, %slope : tensor<1x64x56x56xf32>, tensor<64x1x1xf32>
    ```
  }];
  let arguments = (ins Act_FloatLike:$x, Act_FloatLike:$slope);
  let results = (outs Act_FloatLike:$result);
  let assemblyFormat =
      "$x `,` $slope attr-dict `:` type($x) `,` type($slope)";
  let hasVerifier = 1;
}

def Act_ThresholdedReluOp : Act_UnaryOp<"thresholded_relu"> {
  let summary = "thresholded rectified linear unit";
  let description = [{
    `thresholded_relu(x) = x > alpha ? x : +0.0` (ONNX `ThresholdedRelu`,
    default `alpha = 1.0`). With `nan_mode = propagate` a NaN input gives
    NaN; with `ignore` it gives +0.0, as ONNX's formula does.
  }];
  let arguments = (ins Act_FloatLike:$x,
                   DefaultValuedAttr<F64Attr, "1.0">:$alpha,
                   DefaultValuedAttr<Act_NanModeAttr, NanModeDefault>:$nan_mode);
  let hasVerifier = 1;
  let hasCanonicalizer = 1;
}

def Act_ClipOp : Act_UnaryOp<"clip"> {
  let summary = "clamp to [min, max] (ReLU6 is clip 0..6)";
  let description = [{
    `clip(x) = minimum(maximum(x, min), max)` with IEEE-754 `maximum` and
    `minimum` (NaN -> NaN, -0.0 < +0.0). With `nan_mode = ignore`,
    `minNum(maxNum(x, min), max)`: NaN -> `min`. `min` and `max` default to
    -Inf and +Inf (ONNX `Clip` without bounds), may be infinite but not NaN,
    and `min <= max` is required.

    ```mlir
    %relu6 = act.clip %x {min = 0.0 : f64, max = 6.0 : f64} : tensor<8xf32>
    ```
  }];
  let arguments = (ins Act_FloatLike:$x,
                   DefaultValuedAttr<F64Attr,
                     "-::std::numeric_limits<double>::infinity()">:$min,
                   DefaultValuedAttr<F64Attr,
                     "::std::numeric_limits<double>::infinity()">:$max,
                   DefaultValuedAttr<Act_NanModeAttr, NanModeDefault>:$nan_mode);
  // clip additionally folds to its operand when it clamps nothing.
  let extraClassDefinition = "";
  let hasVerifier = 1;
  let hasCanonicalizer = 1;
}

def Act_HardSigmoidOp : Act_UnaryOp<"hard_sigmoid"> {
  let summary = "piecewise-linear sigmoid";
  let description = [{
    `hard_sigmoid(x) = clip(x * alpha + beta, 0, 1)`, i.e.
    `minimum(maximum(x * alpha + beta, +0.0), 1.0)` (ONNX `HardSigmoid`,
    defaults `alpha = 0.2`, `beta = 0.5`; PyTorch's `hardsigmoid` is
    `alpha = 1/6`). The multiply and add are rounded separately (no FMA).
    `nan_mode` as for `clip`: under `ignore` a NaN input gives +0.0.
  }];
  let arguments = (ins Act_FloatLike:$x,
                   DefaultValuedAttr<F64Attr, "0.2">:$alpha,
                   DefaultValuedAttr<F64Attr, "0.5">:$beta,
                   DefaultValuedAttr<Act_NanModeAttr, NanModeDefault>:$nan_mode);
  let hasVerifier = 1;
}

def Act_HardSwishOp : Act_UnaryOp<"hard_swish"> {
  let summary = "x times a piecewise-linear sigmoid";
  let description = [{
    `hard_swish(x) = x * clip(x + 3, 0, 6) / 6`, rounded step by step in that
    order (PyTorch's `hardswish` kernel), and -Inf -> -0.0 (its limit; the
    formula alone would give NaN). `nan_mode` applies to the clamp; a NaN input
    gives NaN in both modes because the clamp result is multiplied by x.
  }];
  let arguments = (ins Act_FloatLike:$x,
                   DefaultValuedAttr<Act_NanModeAttr, NanModeDefault>:$nan_mode);
}

//===----------------------------------------------------------------------===//
// The exponential family
//===----------------------------------------------------------------------===//

def Act_EluOp : Act_UnaryOp<"elu"> {
  let summary = "exponential linear unit";
  let description = [{
    `elu(x) = x > 0 ? x : alpha * expm1(x)` (ONNX `Elu`, `torch.nn.ELU`,
    default `alpha = 1.0`). -Inf -> -alpha, NaN -> NaN, -0.0 -> -0.0 * alpha.
  }];
  let arguments = (ins Act_FloatLike:$x,
                   DefaultValuedAttr<F64Attr, "1.0">:$alpha);
  let hasVerifier = 1;
}

def Act_SeluOp : Act_UnaryOp<"selu"> {
  let summary = "scaled exponential linear unit";
  let description = [{
    `selu(x) = gamma * (x > 0 ? x : alpha * expm1(x))` with ONNX's defaults
    `alpha = 1.67326319217681884765625` and
    `gamma = 1.05070102214813232421875` (PyTorch's constants rounded to f32).
    Both must be finite and > 0.
  }];
  let arguments = (ins Act_FloatLike:$x,
                   DefaultValuedAttr<F64Attr, "1.67326319217681884765625">:$alpha,
                   DefaultValuedAttr<F64Attr, "1.05070102214813232421875">:$gamma);
  let hasVerifier = 1;
}

def Act_CeluOp : Act_UnaryOp<"celu"> {
  let summary = "continuously differentiable exponential linear unit";
  let description = [{
    `celu(x) = x > 0 ? x : alpha * expm1(x / alpha)` (ONNX `Celu`,
    `torch.nn.CELU`, default `alpha = 1.0`). `alpha` must be finite and > 0:
    the formula divides by it. -0.0 -> -0.0.
  }];
  let arguments = (ins Act_FloatLike:$x,
                   DefaultValuedAttr<F64Attr, "1.0">:$alpha);
  let hasVerifier = 1;
}

def Act_SoftplusOp : Act_UnaryOp<"softplus"> {
  let summary = "smooth approximation of relu";
  let description = [{
    `softplus(x) = x * beta > threshold ? x : log1p(exp(x * beta)) / beta`
    (PyTorch's `Softplus`, defaults `beta = 1.0`, `threshold = 20.0`; ONNX
    `Softplus` is `beta = 1` without the linear branch, which differs by less
    than one ulp in f32 above the threshold). `beta` must be finite and > 0,
    `threshold` finite. +Inf -> +Inf, -Inf -> +0.0, NaN -> NaN.
  }];
  let arguments = (ins Act_FloatLike:$x,
                   DefaultValuedAttr<F64Attr, "1.0">:$beta,
                   DefaultValuedAttr<F64Attr, "20.0">:$threshold);
  let hasVerifier = 1;
}

def Act_MishOp : Act_UnaryOp<"mish"> {
  let summary = "self-regularized non-monotonic activation";
  let description = [{
    `mish(x) = x * tanh(log1p(exp(x)))` (PyTorch's `Mish`, ONNX `Mish`).
    -Inf -> -0.0 (its limit; the formula alone gives NaN), +Inf -> +Inf.
  }];
  let arguments = (ins Act_FloatLike:$x);
}

//===----------------------------------------------------------------------===//
// Gated and squashing functions
//===----------------------------------------------------------------------===//

def Act_GeluOp : Act_UnaryOp<"gelu"> {
  let summary = "Gaussian error linear unit";
  let description = [{
    `approximate = none` (default): `gelu(x) = x / 2 * erfc(-x / sqrt(2))`,
    which equals PyTorch's `x / 2 * (1 + erf(x / sqrt(2)))` mathematically
    but keeps full relative accuracy for negative x.
    `approximate = tanh`:
    `gelu(x) = x / 2 * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))`.
    -Inf -> -0.0 (the limit), +Inf -> +Inf, NaN -> NaN. ONNX `Gelu` (opset
    20) and `torch.nn.GELU` use the same attribute name and values.
  }];
  let arguments = (ins Act_FloatLike:$x,
                   DefaultValuedAttr<Act_GeluApproximationAttr,
                     "::mlir::act::GeluApproximation::none">:$approximate);
}

def Act_SiluOp : Act_UnaryOp<"silu"> {
  let summary = "sigmoid linear unit (swish)";
  let description = [{
    `silu(x) = x * sigmoid(x) = x / (1 + exp(-x))`. -Inf -> -0.0 (the
    limit; PyTorch's kernel returns NaN there), +Inf -> +Inf, NaN -> NaN.
  }];
  let arguments = (ins Act_FloatLike:$x);
}

def Act_SigmoidOp : Act_UnaryOp<"sigmoid"> {
  let summary = "logistic function";
  let description = [{
    `sigmoid(x) = 1 / (1 + exp(-x))`. -Inf -> +0.0, +Inf -> 1.0,
    NaN -> NaN. The result is never -0.0.
  }];
  let arguments = (ins Act_FloatLike:$x);
}

def Act_TanhOp : Act_UnaryOp<"tanh"> {
  let summary = "hyperbolic tangent";
  let description = [{
    `tanh(x)`; ±Inf -> ±1.0, ±0.0 -> ±0.0, NaN -> NaN.
  }];
  let arguments = (ins Act_FloatLike:$x);
}

def Act_SoftsignOp : Act_UnaryOp<"softsign"> {
  let summary = "x / (1 + |x|)";
  let description = [{
    `softsign(x) = x / (1 + |x|)`; ±Inf -> ±1.0 (the limit; the formula alone
    gives NaN), ±0.0 -> ±0.0, NaN -> NaN.
  }];
  let arguments = (ins Act_FloatLike:$x);
}

include "act/Dialect/Act/IR/ActFusedOps.td"

#endif // ACT_DIALECT_ACT_IR_ACTOPS_TD
