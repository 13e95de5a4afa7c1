//===- ActBase.td - act dialect definition and attributes -----*- tablegen -*-===//
//
// The `act` dialect: neural-network activation functions with exact,
// documented semantics. This file holds the dialect and its enum attributes;
// the ops are in ActOps.td.
//
//===----------------------------------------------------------------------===//

#ifndef ACT_DIALECT_ACT_IR_ACTBASE_TD
#define ACT_DIALECT_ACT_IR_ACTBASE_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

def Act_Dialect : Dialect {
  let name = "act";
  let cppNamespace = "::mlir::act";
  let summary = "Activation functions with exact NaN, infinity and signed-zero semantics";
  let description = [{
    The `act` dialect models the activation functions of neural networks as
    first-class operations: ReLU and its family (leaky, parametric,
    thresholded, clip/ReLU6), the exponential family (ELU, SELU, CELU,
    softplus, mish), the gated family (GELU, SiLU, hard-swish) and the
    squashing functions (sigmoid, hard-sigmoid, tanh, softsign).

    Every op is `Pure` and applies element-wise to a floating-point scalar,
    vector or ranked tensor of `f16`, `bf16`, `f32` or `f64`; the result type
    equals the operand type. Each op's formula and its result on NaN, ±Inf,
    -0.0 and denormals are specified in `docs/semantics.md`; the constant
    folder, the lowering and the tests all use one scalar reference
    implementation of those formulas.

    Ops built on a maximum or minimum (`relu`, `clip`, `hard_sigmoid`,
    `hard_swish`, `thresholded_relu`) carry a `nan_mode`. `propagate` (the
    default, PyTorch's semantics) returns NaN for a NaN input. `ignore` treats
    a NaN input as missing data, which takes the clamp bound (IEEE-754
    `maxNum`/`minNum`), and leaves the sign of a zero result unspecified: this
    is what a single hardware `max` instruction computes, so lowering does not
    need the NaN and signed-zero fix-ups that `propagate` requires.

    The dialect attribute `act.signature` on a function holds the function
    type it had before lowering (`(tensor<4x8xf32>) -> tensor<4x8xf32>`).
    `act-lower-to-cpu` attaches it to every public function, and it survives
    the conversion to `llvm.func`, so `act-run` can still call lowered IR with
    tensors whose element types the LLVM signature no longer spells.

    The dialect attribute `act.register_tile = array<i64: rows, lanes>`
    marks the reduction loop of a register-tiled kernel made by
    `--convert-act-fused-matmul-to-vector`, so that a reader of the lowered
    IR (and its tests) can find the micro-kernel.
  }];
  let extraClassDeclaration = [{
    /// Name of the discardable attribute that records a function's type
    /// before lowering.
    static constexpr ::llvm::StringLiteral getSignatureAttrName() {
      return ::llvm::StringLiteral("act.signature");
    }
    /// Name of the discardable attribute that marks the reduction loop of a
    /// register-tiled kernel with its tile (rows, vector length).
    static constexpr ::llvm::StringLiteral getRegisterTileAttrName() {
      return ::llvm::StringLiteral("act.register_tile");
    }
  }];
  let hasOperationAttrVerify = 1;
  let useDefaultAttributePrinterParser = 1;
  let hasConstantMaterializer = 1;
  let dependentDialects = ["::mlir::arith::ArithDialect"];
}

def Act_NanMode : I32EnumAttr<"NanMode",
    "NaN handling of an activation built on max/min", [
      I32EnumAttrCase<"propagate", 0>,
      I32EnumAttrCase<"ignore", 1>
    ]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::act";
}

def Act_NanModeAttr : EnumAttr<Act_Dialect, Act_NanMode, "nan_mode"> {
  let assemblyFormat = "`<` $value `>`";
}

def Act_GeluApproximation : I32EnumAttr<"GeluApproximation",
    "Formula used by act.gelu", [
      I32EnumAttrCase<"none", 0>,
      I32EnumAttrCase<"tanh", 1>
    ]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::act";
}

def Act_GeluApproximationAttr
    : EnumAttr<Act_Dialect, Act_GeluApproximation, "gelu_approximation"> {
  let assemblyFormat = "`<` $value `>`";
}

#endif // ACT_DIALECT_ACT_IR_ACTBASE_TD
