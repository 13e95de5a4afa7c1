//===- Passes.td - act dialect transformation passes ----------*- tablegen -*-===//

#ifndef ACT_DIALECT_ACT_TRANSFORMS_PASSES_TD
#define ACT_DIALECT_ACT_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def ActRecordSignatures : Pass<"act-record-signatures", "ModuleOp"> {
  let summary = "Record the type of every public function in `act.signature`";
  let description = [{
    Attaches `act.signature = <function type>` to every public function with
    a body that does not carry one yet. Lowering to the LLVM dialect turns a
    `tensor<4x8xf32>` argument into a pointer pair and integers, and with
    opaque pointers the element type is gone; the recorded signature is what
    lets `act-run` (and a reader of the lowered IR) know what the function
    takes and returns. `act-lower-to-cpu` runs this pass first.

    ```mlir
    func.func @f(%x: tensor<?xf32>) -> tensor<?xf32>
    // becomes
    func.func @f(%x: tensor<?xf32>) -> tensor<?xf32>
        attributes {act.signature = (tensor<?xf32>) -> tensor<?xf32>}
    ```
  }];
}

def ActExpandStridedCopies : Pass<"act-expand-strided-copies"> {
  let summary = "Rewrite memref.copy of non-contiguous memrefs as linalg.copy";
  let description = [{
    A `memref.copy` between two contiguous row-major memrefs (identity
    layouts) becomes a `memcpy`; any other (a copy into a strided subview, such as the interior
    of the buffer a bufferized `tensor.pad` fills) becomes a call of the
    runtime's generic `memrefCopy`, which copies element by element through
    the descriptors. This pass rewrites those into `linalg.copy`, which
    `convert-linalg-to-loops` turns into loops whose innermost, unit-stride
    dimension LLVM vectorizes (and `convert-linalg-to-parallel-loops` into
    parallel ones). Contiguous copies are left as they are.
    `act-lower-to-cpu` runs it after bufferization; measured on the
    benchmark's padded 56×56×64 convolution, a call went from 2.8 to 2.2 ms
    (the padding alone now takes about 65 µs).

    ```mlir
    memref.copy %src, %sub : memref<1x56x56x64xf32> to memref<1x56x56x64xf32, strided<[215296, 3712, 64, 1], offset: 3776>>
    // becomes
    linalg.copy ins(%src : memref<1x56x56x64xf32>) outs(%sub : memref<1x56x56x64xf32, strided<[215296, 3712, 64, 1], offset: 3776>>)
    ```
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def ActSerializeInnermostParallelDim
    : Pass<"act-serialize-innermost-parallel-dim"> {
  let summary = "Run the innermost dimension of a multi-dimensional "
                "scf.parallel as an scf.for inside it";
  let description = [{
    `convert-scf-to-openmp` turns an `scf.parallel` of several dimensions
    into one `omp.loop_nest` collapsed over all of them: each iteration then
    recomputes its indices from the collapsed counter, and the innermost,
    unit-stride dimension is no longer a loop LLVM can vectorize. For the
    loops `convert-linalg-to-parallel-loops` makes of fills, copies and
    scalar elementwise ops that is far slower than one thread (measured:
    the fill and copy of the benchmark's padded 58×58×64 convolution input
    took 0.52 ms on 2 threads, 0.064 ms on one). This pass keeps the outer
    dimensions parallel and moves the innermost into an `scf.for` in the
    body. Loops with reductions, and one-dimensional ones, are left alone.
    `act-lower-to-cpu` runs it with `threads` != 1.

    ```mlir
    scf.parallel (%i, %j) = (%c0, %c0) to (%c58, %c64) step (%c1, %c1) { ... }
    // becomes
    scf.parallel (%i) = (%c0) to (%c58) step (%c1) {
      scf.for %j = %c0 to %c64 step %c1 { ... }
    }
    ```
  }];
  let dependentDialects = ["::mlir::scf::SCFDialect"];
}

def ActFuse : Pass<"act-fuse"> {
  let summary = "Fuse matmul/conv + bias + activation chains into one op, and "
                "elementwise act chains into one linalg.generic";
  let description = [{
    Finds a contraction followed by a chain of elementwise ops and replaces
    the chain by one `act.fused_matmul` or `act.fused_conv2d` whose epilogue
    region holds the chain's scalar ops in their original order.

    Contractions: `linalg.matmul`, `linalg.batch_matmul` and their transposed
    forms (`indexing_maps` that transpose the two innermost dimensions, or
    an operand without batch dimensions), `linalg.generic` matmuls (one M, N
    and K dimension, body `out + ext(a) * ext(b)`), `tosa.matmul` (zero zero
    points), `linalg.conv_2d_nhwc_hwcf` and `linalg.conv_2d_nchw_fchw`. The
    accumulator is what the contraction accumulated into: a `+0.0` fill, a
    bias broadcast into it (`linalg.broadcast` or a broadcasting
    `linalg.generic`, the form of `torch.addmm`-style lowerings), or any
    other tensor.

    Chain ops: `linalg.generic` and named elementwise linalg ops whose other
    operands are broadcasts along the result's dimensions (a bias along N,
    one value per row, a full residual tensor), act ops, arith and math ops
    on tensors (splat constants become scalar constants), and the TOSA
    elementwise ops `add`, `sub`, `mul` (zero shift), `maximum`, `minimum`,
    `clamp`, `sigmoid` and `tanh`. The chain continues through an op only
    while the value flowing into it has no other user: fusing past an
    intermediate that something else reads would compute it twice.

    The fused result is bit-identical to the unfused IR when the
    contraction accumulated from `+0.0`. When it accumulated onto a bias
    or another tensor, that value is added after the sum instead of before
    it, which reassociates the sum; the report says so.

    Then, with `elementwise` (default on), every chain of two or more
    single-use elementwise ops on tensors that contains an act op becomes
    one `linalg.generic`.

    With `report`, every fused group gets one `remark:` at the contraction
    (or at the first op of an elementwise chain): what was fused, the sizes,
    the accumulation type and the bytes of intermediate traffic saved
    (each eliminated tensor counted as written once and read back once).
    Every missed opportunity gets one `remark:` at the op that blocked it,
    with the reason: an intermediate with a second user, an operand read
    through a map that is not a broadcast, an op that is not elementwise,
    an accumulator narrower than the inputs.

    ```mlir
    %mm = linalg.matmul ins(%a, %b : tensor<64x256xf32>, tensor<256x128xf32>)
                        outs(%zero : tensor<64x128xf32>) -> tensor<64x128xf32>
    %biased = linalg.generic {... (d0, d1) -> (d1) for %bias ...}
        ins(%mm, %bias : tensor<64x128xf32>, tensor<128xf32>) ...
    %y = act.relu %biased : tensor<64x128xf32>
    // becomes
    %y = act.fused_matmul ins(%a, %b : tensor<64x256xf32>, tensor<256x128xf32>)
           bias(%bias : tensor<128xf32>) outs(%init : tensor<64x128xf32>)
           accumulate(f32) {
    ^bb0(%acc: f32, %bias_element: f32):
      %0 = arith.addf %acc, %bias_element : f32
      %1 = act.relu %0 : f32
      act.yield %1 : f32
    } -> tensor<64x128xf32>
    ```
  }];
  let options = [
    Option<"report", "report", "bool", /*default=*/"false",
           "Emit a remark per fused group (what was fused, bytes of "
           "intermediate traffic saved) and per missed opportunity (why)">,
    Option<"elementwise", "elementwise", "bool", /*default=*/"true",
           "Also fuse chains of elementwise ops containing act ops that "
           "are not attached to a contraction into one linalg.generic">,
  ];
  let dependentDialects = ["::mlir::act::ActDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

def ActRaise : Pass<"act-raise"> {
  let summary = "Raise decomposed activation functions into act ops";
  let description = [{
    Recognises activation functions written as elementwise arith/math ops
    (on scalars, vectors and tensors, including the scalars of a
    `linalg.generic` body), as TOSA ops (`tosa.mul` with a zero shift,
    `tosa.negate` with zero zero points, `tosa.clamp`, `tosa.maximum` and
    `tosa.minimum` with their `nan_mode`, ...) and as elementwise linalg ops
    (`linalg.add`, `linalg.max`, `linalg.exp`, ..., `linalg.elementwise`, and
    any `linalg.generic` with identity maps, parallel loops and a single op
    in its body), with constants from `arith.constant`, `tosa.const` splats
    and `linalg.fill`. Each match is replaced by one act op on its input:
    `relu`, `leaky_relu`, `thresholded_relu`, `clip`, `hard_sigmoid`,
    `hard_swish`, `elu`, `softplus`, `sigmoid`, `tanh` (on vectors and
    tensors), `silu`, `mish`, `softsign` and `gelu` (erf, erfc and tanh
    forms, in any association of the additions and multiplications). A
    `linalg.generic` left with one unary act op on its input as its body
    becomes that act op on the tensor; a body that does more keeps the
    scalar act op.

    Contract (docs/semantics.md, "Raising"):

    - A pattern is raised only when the act op computes the same
      mathematical function, with constants equal to the formula's
      (irrational ones within one ulp of the element type), the same
      comparison semantics and the same NaN behaviour.
    - Piecewise-linear ops (`relu`, `leaky_relu`, `thresholded_relu`,
      `clip`, `hard_sigmoid`, `hard_swish`) are raised only when the act op
      is bit-identical to the decomposed code on every input, NaN and -0.0
      included: `arith.maximumf` gives `nan_mode = propagate`,
      `arith.maxnumf` gives `ignore`, and mixed chains are not merged. The
      rounding order must be the act op's (`hard_swish` is
      `x * clamp(x + 3, 0, 6) / 6`, not `x * hard_sigmoid(x)`) and, since
      act computes f16 and bf16 in f32 and rounds once, `hard_sigmoid` and
      `hard_swish` are only raised on f32 and f64. The one documented
      difference is `hard_swish(-Inf)`: act gives the limit -0.0 where the
      formula gives NaN.
    - Transcendental ops may differ from the decomposed formula by its
      roundings, and where the formula forms `Inf * 0`, `Inf / Inf` or
      overflows (silu, gelu, mish at -Inf; softsign at ±Inf; softplus for
      large x) the act op gives the limit documented on the op.
    - Every intermediate op of a match must be used only inside the match,
      so that nothing is computed twice, and the result type must be the
      input's (no broadcasting of x).

    ```mlir
    %c1 = arith.constant 1.0 : f32
    %n = arith.negf %x : f32
    %e = math.exp %n : f32
    %d = arith.addf %e, %c1 : f32
    %s = arith.divf %c1, %d : f32
    // becomes
    %s = act.sigmoid %x : f32
    ```
  }];
  let dependentDialects = ["::mlir::act::ActDialect"];
}

#endif // ACT_DIALECT_ACT_TRANSFORMS_PASSES_TD
