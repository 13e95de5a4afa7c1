//===- ActFusedOps.td - contractions with a fused epilogue ----*- tablegen -*-===//
//
// act.fused_matmul and act.fused_conv2d: a contraction whose accumulator
// goes through an epilogue region of scalar ops (bias add, activations,
// residual add, scale) before the single store of the result. They are what
// --act-fuse produces and what the CPU code generator turns into a kernel
// that applies the epilogue to the accumulator tile in registers.
//
//===----------------------------------------------------------------------===//

#ifndef ACT_DIALECT_ACT_IR_ACTFUSEDOPS_TD
#define ACT_DIALECT_ACT_IR_ACTFUSEDOPS_TD

include "act/Dialect/Act/IR/ActBase.td"
include "mlir/IR/OpBase.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"
include "mlir/Interfaces/DestinationStyleOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/TilingInterface.td"

def Act_FloatTensor : RankedTensorOf<[F16, BF16, F32, F64]>;

class Act_FusedContractionOp<string mnemonic, list<Trait> traits = []>
    : Op<Act_Dialect, mnemonic, !listconcat(traits, [
        AttrSizedOperandSegments,
        RecursiveMemoryEffects,
        SingleBlock,
        DestinationStyleOpInterface,
        DeclareOpInterfaceMethods<TilingInterface, [
          "getLoopIteratorTypes", "getIterationDomain",
          "getTiledImplementation", "getResultTilePosition",
          "generateResultTileValue"]>])> {
  let regions = (region SizedRegion<1>:$epilogue);
  let results = (outs AnyRankedTensor:$result);
  let hasVerifier = 1;
  let hasRegionVerifier = 1;
  let hasCanonicalizer = 1;

  code commonClassDeclaration = [{
    ::mlir::MutableOperandRange getDpsInitsMutable() {
      return getInitMutable();
    }
    /// The epilogue's block arguments: the accumulator, then the bias
    /// element (if there is a bias), then one per extra operand.
    ::mlir::Block &getEpilogueBlock() { return getEpilogue().front(); }
    /// Bias first (if any), then the extra operands, in block-argument order.
    ::llvm::SmallVector<::mlir::Value> getEpilogueOperands();
    /// The indexing maps of every operand (lhs/input, rhs/filter, bias,
    /// extras, init) over the iteration domain, in operand order.
    ::llvm::SmallVector<::mlir::AffineMap> getIndexingMapsArray();
    /// Number of leading parallel dimensions of the iteration domain; the
    /// rest are reductions.
    unsigned getNumParallelLoops();
  }];
  // Everything that only depends on the indexing maps is shared; the
  // helpers are templates in ActFusedOps.cpp.
  let extraClassDefinition = [{
    ::llvm::SmallVector<::mlir::Value> $cppClass::getEpilogueOperands() {
      return getEpilogueOperandsOf(*this);
    }
    ::llvm::LogicalResult $cppClass::verifyRegions() {
      return verifyEpilogue(*this);
    }
    ::mlir::SmallVector<::mlir::Range>
    $cppClass::getIterationDomain(::mlir::OpBuilder &b) {
      return getIterationDomainOf(*this, b);
    }
    ::mlir::FailureOr<::mlir::TilingResult> $cppClass::getTiledImplementation(
        ::mlir::OpBuilder &b, ::mlir::ArrayRef<::mlir::OpFoldResult> offsets,
        ::mlir::ArrayRef<::mlir::OpFoldResult> sizes) {
      return getTiledImplementationOf(*this, b, offsets, sizes);
    }
    ::llvm::LogicalResult $cppClass::getResultTilePosition(
        ::mlir::OpBuilder &, unsigned,
        ::mlir::ArrayRef<::mlir::OpFoldResult> offsets,
        ::mlir::ArrayRef<::mlir::OpFoldResult> sizes,
        ::mlir::SmallVector<::mlir::OpFoldResult> &resultOffsets,
        ::mlir::SmallVector<::mlir::OpFoldResult> &resultSizes) {
      return getResultTilePositionOf(*this, offsets, sizes, resultOffsets,
                                     resultSizes);
    }
    ::mlir::FailureOr<::mlir::TilingResult>
    $cppClass::generateResultTileValue(
        ::mlir::OpBuilder &b, unsigned,
        ::mlir::ArrayRef<::mlir::OpFoldResult> offsets,
        ::mlir::ArrayRef<::mlir::OpFoldResult> sizes) {
      return generateResultTileValueOf(*this, b, offsets, sizes);
    }
  }];
}

def Act_FusedMatmulOp : Act_FusedContractionOp<"fused_matmul"> {
  let summary = "matmul (optionally batched and transposed) with a fused epilogue";
  let description = [{
    Computes, for every output index `(b..., m, n)`,

    ```
    acc = sum over k of ext(lhs[b..., m, k]) * ext(rhs[b..., k, n])
    result[b..., m, n] = epilogue(acc, bias[...], operands[...]...)
    ```

    where `ext` converts to `accumulator_type` and the sum starts at +0.0 and
    runs in increasing `k`, one `arith.mulf` and one `arith.addf` per step
    (no FMA contraction), exactly as `linalg.matmul` into a zero-filled
    accumulator of that type. The epilogue region receives the accumulator,
    the bias element (when `bias` is given) and one element of each extra
    operand, and yields the result element with `act.yield`. Its ops must be
    scalar and side-effect free (arith, math, act).

    Shapes: the result has rank R >= 2, `(batch..., M, N)`. `lhs` is
    `(batch..., M, K)` (`(batch..., K, M)` with `transpose_a`), `rhs` is
    `(batch..., K, N)` (`(batch..., N, K)` with `transpose_b`); either may
    omit the batch dimensions (rank 2), in which case it is shared by every
    batch. `bias` and each extra operand broadcast to the result like NumPy:
    aligned to the right, each dimension 1 or equal to the result's, so
    `tensor<Nxf32>` is a bias along N (broadcast over rows), `tensor<Mx1xf32>`
    one per row, and a tensor of the result's shape is elementwise. A
    dynamic dimension is never a broadcast: it has the result's size.

    `accumulator_type` is explicit: the fusion pass sets it to the element
    type the matched contraction accumulated in (f32 for f16/bf16 inputs in
    the usual mixed-precision form). It must be a float type that is each
    input's element type or wider.

    `init` is the destination (destination-passing style); its contents are
    not read.

    ```mlir
    %r = act.fused_matmul ins(%a, %w : tensor<128x256xf16>, tensor<512x256xf16>)
           transpose_b bias(%b : tensor<512xf32>)
           outs(%init : tensor<128x512xf16>) accumulate(f32) {
    ^bb0(%acc: f32, %bias: f32):
      %0 = arith.addf %acc, %bias : f32
      %1 = act.gelu %0 : f32
      %2 = arith.truncf %1 : f32 to f16
      act.yield %2 : f16
    } -> tensor<128x512xf16>
    ```

    The op implements `DestinationStyleOpInterface` and `TilingInterface`
    (parallel loops `batch..., M, N`, reduction loop `K`); a tile must cover
    the whole K range, since the epilogue needs the finished sum.
  }];
  let arguments = (ins
    Act_FloatTensor:$lhs,
    Act_FloatTensor:$rhs,
    Optional<AnyRankedTensor>:$bias,
    Variadic<AnyRankedTensor>:$extra_operands,
    AnyRankedTensor:$init,
    TypeAttr:$accumulator_type,
    UnitAttr:$transpose_a,
    UnitAttr:$transpose_b);
  let assemblyFormat = [{
    `ins` `(` $lhs `,` $rhs `:` type($lhs) `,` type($rhs) `)`
    (`transpose_a` $transpose_a^)? (`transpose_b` $transpose_b^)?
    (`bias` `(` $bias^ `:` type($bias) `)`)?
    (`operands` `(` $extra_operands^ `:` type($extra_operands) `)`)?
    `outs` `(` $init `:` type($init) `)`
    `accumulate` `(` $accumulator_type `)`
    attr-dict-with-keyword $epilogue `->` type($result)
  }];
  let extraClassDeclaration = commonClassDeclaration # [{
    /// Rank of the result: number of batch dimensions + 2.
    int64_t getRank() { return getResult().getType().getRank(); }
    int64_t getNumBatchDims() { return getRank() - 2; }
  }];
}

def Act_ConvLayout : I32EnumAttr<"ConvLayout",
    "Data and filter layout of act.fused_conv2d", [
      I32EnumAttrCase<"nhwc_hwcf", 0>,
      I32EnumAttrCase<"nchw_fchw", 1>
    ]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::act";
}

def Act_ConvLayoutAttr : EnumAttr<Act_Dialect, Act_ConvLayout, "conv_layout"> {
  let assemblyFormat = "`<` $value `>`";
}

def Act_FusedConv2DOp : Act_FusedContractionOp<"fused_conv2d"> {
  let summary = "2-D convolution with a fused epilogue";
  let description = [{
    The convolution of `linalg.conv_2d_nhwc_hwcf` (layout `nhwc_hwcf`) or
    `linalg.conv_2d_nchw_fchw` (layout `nchw_fchw`) with the given `strides`
    and `dilations`, accumulated in `accumulator_type` from +0.0 in the
    reduction order (kh, kw, c) for NHWC and (c, kh, kw) for NCHW, as the
    linalg ops' loop nests do, followed by the epilogue region exactly as in
    `act.fused_matmul`. Padding is explicit in the input (a `tensor.pad`
    before the op), as for the linalg convolutions.

    `bias` and the extra operands broadcast to the result right-aligned:
    `tensor<Fxf32>` is a per-channel bias for NHWC, `tensor<Fx1x1xf32>` for
    NCHW.

    ```mlir
    %r = act.fused_conv2d ins(%x, %w : tensor<1x58x58x64xf32>, tensor<3x3x64x64xf32>)
           bias(%b : tensor<64xf32>) outs(%init : tensor<1x56x56x64xf32>)
           accumulate(f32) {layout = #act.conv_layout<nhwc_hwcf>} {
    ^bb0(%acc: f32, %bias: f32):
      %0 = arith.addf %acc, %bias : f32
      %1 = act.relu %0 : f32
      act.yield %1 : f32
    } -> tensor<1x56x56x64xf32>
    ```

    Tiling: parallel loops (n, oh, ow, f) for NHWC and (n, f, oh, ow) for
    NCHW, then the reduction loops, which a tile must cover entirely.
  }];
  let arguments = (ins
    Act_FloatTensor:$input,
    Act_FloatTensor:$filter,
    Optional<AnyRankedTensor>:$bias,
    Variadic<AnyRankedTensor>:$extra_operands,
    AnyRankedTensor:$init,
    TypeAttr:$accumulator_type,
    DefaultValuedAttr<Act_ConvLayoutAttr,
                      "::mlir::act::ConvLayout::nhwc_hwcf">:$layout,
    DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$strides,
    DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$dilations);
  let assemblyFormat = [{
    `ins` `(` $input `,` $filter `:` type($input) `,` type($filter) `)`
    (`bias` `(` $bias^ `:` type($bias) `)`)?
    (`operands` `(` $extra_operands^ `:` type($extra_operands) `)`)?
    `outs` `(` $init `:` type($init) `)`
    `accumulate` `(` $accumulator_type `)`
    attr-dict-with-keyword $epilogue `->` type($result)
  }];
  let extraClassDeclaration = commonClassDeclaration;
}

def Act_YieldOp : Op<Act_Dialect, "yield", [
    Pure, Terminator, ReturnLike,
    ParentOneOf<["FusedMatmulOp", "FusedConv2DOp"]>]> {
  let summary = "yields the result element of a fused epilogue";
  let description = [{
    Terminates the epilogue region of `act.fused_matmul` and
    `act.fused_conv2d` with the value stored into the result element.
  }];
  let arguments = (ins AnyType:$value);
  let assemblyFormat = "$value attr-dict `:` type($value)";
}

#endif // ACT_DIALECT_ACT_IR_ACTFUSEDOPS_TD
