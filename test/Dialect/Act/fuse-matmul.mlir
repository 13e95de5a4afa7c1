// RUN: act-opt %s --split-input-file --act-fuse | FileCheck %s

// Matmul + bias + activation chains, written the way torch-mlir (a fill,
// linalg.matmul, one linalg.generic per elementwise op), IREE (named ops,
// bias broadcast into the accumulator) and hand-written linalg write them,
// become one act.fused_matmul whose epilogue keeps the chain's scalar ops in
// order. Negative cases next to each positive one.

#id = affine_map<(d0, d1) -> (d0, d1)>
#along_n = affine_map<(d0, d1) -> (d1)>

// torch-mlir's aten.linear + aten.relu.
// CHECK-LABEL: func @torch_linear_relu
// CHECK-SAME: (%[[A:.*]]: tensor<64x256xf32>, %[[W:.*]]: tensor<256x128xf32>, %[[BIAS:.*]]: tensor<128xf32>)
// CHECK-NEXT: %[[INIT:.*]] = tensor.empty() : tensor<64x128xf32>
// CHECK-NEXT: %[[R:.*]] = act.fused_matmul ins(%[[A]], %[[W]] : tensor<64x256xf32>, tensor<256x128xf32>) bias(%[[BIAS]] : tensor<128xf32>) outs(%[[INIT]] : tensor<64x128xf32>) accumulate(f32) {
// CHECK-NEXT: ^bb0(%[[ACC:.*]]: f32, %[[BE:.*]]: f32):
// CHECK-NEXT:   %[[S:.*]] = arith.addf %[[ACC]], %[[BE]] : f32
// CHECK-NEXT:   %[[Y:.*]] = act.relu %[[S]] : f32
// CHECK-NEXT:   act.yield %[[Y]] : f32
// CHECK-NEXT: } -> tensor<64x128xf32>
// CHECK-NEXT: return %[[R]]
func.func @torch_linear_relu(%a: tensor<64x256xf32>, %w: tensor<256x128xf32>, %bias: tensor<128xf32>) -> tensor<64x128xf32> {
  %cst = arith.constant 0.000000e+00 : f32
  %e = tensor.empty() : tensor<64x128xf32>
  %z = linalg.fill ins(%cst : f32) outs(%e : tensor<64x128xf32>) -> tensor<64x128xf32>
  %mm = linalg.matmul ins(%a, %w : tensor<64x256xf32>, tensor<256x128xf32>) outs(%z : tensor<64x128xf32>) -> tensor<64x128xf32>
  %b = linalg.generic {indexing_maps = [#id, #along_n, #id], iterator_types = ["parallel", "parallel"]} ins(%mm, %bias : tensor<64x128xf32>, tensor<128xf32>) outs(%e : tensor<64x128xf32>) {
  ^bb0(%in: f32, %in_0: f32, %out: f32):
    %0 = arith.addf %in, %in_0 : f32
    linalg.yield %0 : f32
  } -> tensor<64x128xf32>
  %r = act.relu %b : tensor<64x128xf32>
  return %r : tensor<64x128xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
#along_n = affine_map<(d0, d1) -> (d1)>

// Negative: the bias add's result is also returned, so the chain stops
// before the relu (fusing past it would compute the bias add twice).
// CHECK-LABEL: func @bias_add_second_user
// CHECK: %[[F:.*]] = act.fused_matmul
// CHECK-NEXT: ^bb0(%[[ACC:.*]]: f32, %[[BE:.*]]: f32):
// CHECK-NEXT:   %[[S:.*]] = arith.addf %[[ACC]], %[[BE]] : f32
// CHECK-NEXT:   act.yield %[[S]] : f32
// CHECK: %[[R:.*]] = act.relu %[[F]] : tensor<64x128xf32>
// CHECK: return %[[R]], %[[F]]
func.func @bias_add_second_user(%a: tensor<64x256xf32>, %w: tensor<256x128xf32>, %bias: tensor<128xf32>) -> (tensor<64x128xf32>, tensor<64x128xf32>) {
  %cst = arith.constant 0.000000e+00 : f32
  %e = tensor.empty() : tensor<64x128xf32>
  %z = linalg.fill ins(%cst : f32) outs(%e : tensor<64x128xf32>) -> tensor<64x128xf32>
  %mm = linalg.matmul ins(%a, %w : tensor<64x256xf32>, tensor<256x128xf32>) outs(%z : tensor<64x128xf32>) -> tensor<64x128xf32>
  %b = linalg.generic {indexing_maps = [#id, #along_n, #id], iterator_types = ["parallel", "parallel"]} ins(%mm, %bias : tensor<64x128xf32>, tensor<128xf32>) outs(%e : tensor<64x128xf32>) {
  ^bb0(%in: f32, %in_0: f32, %out: f32):
    %0 = arith.addf %in, %in_0 : f32
    linalg.yield %0 : f32
  } -> tensor<64x128xf32>
  %r = act.relu %b : tensor<64x128xf32>
  return %r, %b : tensor<64x128xf32>, tensor<64x128xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
#along_n = affine_map<(d0, d1) -> (d1)>

// Negative: the matmul result itself has a second user: nothing fuses.
// CHECK-LABEL: func @matmul_second_user
// CHECK: %[[MM:.*]] = linalg.matmul
// CHECK: linalg.generic
// CHECK-NOT: act.fused_matmul
// CHECK: return
func.func @matmul_second_user(%a: tensor<8x16xf32>, %w: tensor<16x32xf32>, %bias: tensor<32xf32>) -> (tensor<8x32xf32>, tensor<8x32xf32>) {
  %cst = arith.constant 0.000000e+00 : f32
  %e = tensor.empty() : tensor<8x32xf32>
  %z = linalg.fill ins(%cst : f32) outs(%e : tensor<8x32xf32>) -> tensor<8x32xf32>
  %mm = linalg.matmul ins(%a, %w : tensor<8x16xf32>, tensor<16x32xf32>) outs(%z : tensor<8x32xf32>) -> tensor<8x32xf32>
  %b = linalg.generic {indexing_maps = [#id, #along_n, #id], iterator_types = ["parallel", "parallel"]} ins(%mm, %bias : tensor<8x32xf32>, tensor<32xf32>) outs(%e : tensor<8x32xf32>) {
  ^bb0(%in: f32, %in_0: f32, %out: f32):
    %0 = arith.addf %in, %in_0 : f32
    linalg.yield %0 : f32
  } -> tensor<8x32xf32>
  return %b, %mm : tensor<8x32xf32>, tensor<8x32xf32>
}

// -----

#id3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#along_n3 = affine_map<(d0, d1, d2) -> (d2)>

// Batch matmul in mixed precision (f16 inputs, f32 accumulator) + bias +
// leaky_relu, then truncation back to f16: the accumulator type is the one
// the matmul accumulated in.
// CHECK-LABEL: func @batch_matmul_f16_leaky_relu
// CHECK: act.fused_matmul ins(%{{.*}}, %{{.*}} : tensor<4x8x16xf16>, tensor<4x16x32xf16>) bias(%{{.*}} : tensor<32xf32>) outs(%{{.*}} : tensor<4x8x32xf16>) accumulate(f32) {
// CHECK-NEXT: ^bb0(%[[ACC:.*]]: f32, %[[BE:.*]]: f32):
// CHECK-NEXT:   %[[S:.*]] = arith.addf %[[ACC]], %[[BE]] : f32
// CHECK-NEXT:   %[[L:.*]] = act.leaky_relu %[[S]] {alpha = 1.000000e-01 : f64} : f32
// CHECK-NEXT:   %[[T:.*]] = arith.truncf %[[L]] : f32 to f16
// CHECK-NEXT:   act.yield %[[T]] : f16
// CHECK-NEXT: } -> tensor<4x8x32xf16>
func.func @batch_matmul_f16_leaky_relu(%a: tensor<4x8x16xf16>, %b: tensor<4x16x32xf16>, %bias: tensor<32xf32>) -> tensor<4x8x32xf16> {
  %cst = arith.constant 0.000000e+00 : f32
  %e = tensor.empty() : tensor<4x8x32xf32>
  %z = linalg.fill ins(%cst : f32) outs(%e : tensor<4x8x32xf32>) -> tensor<4x8x32xf32>
  %mm = linalg.batch_matmul ins(%a, %b : tensor<4x8x16xf16>, tensor<4x16x32xf16>) outs(%z : tensor<4x8x32xf32>) -> tensor<4x8x32xf32>
  %biased = linalg.generic {indexing_maps = [#id3, #along_n3, #id3], iterator_types = ["parallel", "parallel", "parallel"]} ins(%mm, %bias : tensor<4x8x32xf32>, tensor<32xf32>) outs(%e : tensor<4x8x32xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<4x8x32xf32>
  %l = act.leaky_relu %biased {alpha = 0.1 : f64} : tensor<4x8x32xf32>
  %e16 = tensor.empty() : tensor<4x8x32xf16>
  %t = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]} ins(%l : tensor<4x8x32xf32>) outs(%e16 : tensor<4x8x32xf16>) {
  ^bb0(%x: f32, %o: f16):
    %c = arith.truncf %x : f32 to f16
    linalg.yield %c : f16
  } -> tensor<4x8x32xf16>
  return %t : tensor<4x8x32xf16>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
#per_row = affine_map<(d0, d1) -> (d0)>

// Transposed weights (linalg.matmul with indexing_maps, as torch-mlir emits
// for x @ W^T), a per-row bias (reshaped to Mx1) and a residual in one
// generic body.
// CHECK-LABEL: func @transposed_rhs_row_bias_residual
// CHECK-SAME: (%[[A:.*]]: tensor<8x16xf32>, %[[W:.*]]: tensor<32x16xf32>, %[[ROW:.*]]: tensor<8xf32>, %[[RES:.*]]: tensor<8x32xf32>)
// CHECK: %[[ROW2:.*]] = tensor.expand_shape %[[ROW]] {{\[}}[0, 1]] output_shape [8, 1] : tensor<8xf32> into tensor<8x1xf32>
// CHECK: act.fused_matmul ins(%[[A]], %[[W]] : tensor<8x16xf32>, tensor<32x16xf32>) transpose_b bias(%[[ROW2]] : tensor<8x1xf32>) operands(%[[RES]] : tensor<8x32xf32>) outs(%{{.*}} : tensor<8x32xf32>) accumulate(f32) {
// CHECK-NEXT: ^bb0(%[[ACC:.*]]: f32, %[[BE:.*]]: f32, %[[RE:.*]]: f32):
// CHECK-NEXT:   %[[S:.*]] = arith.addf %[[ACC]], %[[BE]] : f32
// CHECK-NEXT:   %[[Y:.*]] = act.silu %[[S]] : f32
// CHECK-NEXT:   %[[O:.*]] = arith.addf %[[Y]], %[[RE]] : f32
// CHECK-NEXT:   act.yield %[[O]] : f32
func.func @transposed_rhs_row_bias_residual(%a: tensor<8x16xf32>, %w: tensor<32x16xf32>, %rowb: tensor<8xf32>, %res: tensor<8x32xf32>) -> tensor<8x32xf32> {
  %cst = arith.constant 0.000000e+00 : f32
  %e = tensor.empty() : tensor<8x32xf32>
  %z = linalg.fill ins(%cst : f32) outs(%e : tensor<8x32xf32>) -> tensor<8x32xf32>
  %mm = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>] ins(%a, %w : tensor<8x16xf32>, tensor<32x16xf32>) outs(%z : tensor<8x32xf32>) -> tensor<8x32xf32>
  %1 = linalg.generic {indexing_maps = [#id, #per_row, #id, #id], iterator_types = ["parallel", "parallel"]} ins(%mm, %rowb, %res : tensor<8x32xf32>, tensor<8xf32>, tensor<8x32xf32>) outs(%e : tensor<8x32xf32>) {
  ^bb0(%x: f32, %y: f32, %r: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    %t = act.silu %s : f32
    %u = arith.addf %t, %r : f32
    linalg.yield %u : f32
  } -> tensor<8x32xf32>
  return %1 : tensor<8x32xf32>
}

// -----

// IREE's form: the bias broadcast into the accumulator, then the
// activation. The bias moves to the epilogue (reassociating the sum).
// CHECK-LABEL: func @bias_broadcast_into_accumulator
// CHECK-SAME: (%[[A:.*]]: tensor<8x16xf32>, %[[B:.*]]: tensor<16x32xf32>, %[[BIAS:.*]]: tensor<32xf32>)
// CHECK-NOT: linalg.broadcast
// CHECK: act.fused_matmul ins(%[[A]], %[[B]] : tensor<8x16xf32>, tensor<16x32xf32>) bias(%[[BIAS]] : tensor<32xf32>) outs(%{{.*}} : tensor<8x32xf32>) accumulate(f32) {
// CHECK-NEXT: ^bb0(%[[ACC:.*]]: f32, %[[BE:.*]]: f32):
// CHECK-NEXT:   %[[S:.*]] = arith.addf %[[ACC]], %[[BE]] : f32
// CHECK-NEXT:   %[[G:.*]] = act.gelu %[[S]] : f32
// CHECK-NEXT:   act.yield %[[G]] : f32
func.func @bias_broadcast_into_accumulator(%a: tensor<8x16xf32>, %b: tensor<16x32xf32>, %bias: tensor<32xf32>) -> tensor<8x32xf32> {
  %e = tensor.empty() : tensor<8x32xf32>
  %bb = linalg.broadcast ins(%bias : tensor<32xf32>) outs(%e : tensor<8x32xf32>) dimensions = [0]
  %mm = linalg.matmul ins(%a, %b : tensor<8x16xf32>, tensor<16x32xf32>) outs(%bb : tensor<8x32xf32>) -> tensor<8x32xf32>
  %r = act.gelu %mm : tensor<8x32xf32>
  return %r : tensor<8x32xf32>
}

// -----

// The broadcast written as a generic, and the bias add alone (no
// activation): still worth fusing, the broadcast tensor disappears.
// CHECK-LABEL: func @generic_broadcast_into_accumulator
// CHECK-NOT: linalg.generic
// CHECK: act.fused_matmul ins(%{{.*}}, %{{.*}} : tensor<8x16xf32>, tensor<16x32xf32>) bias(%{{.*}} : tensor<32xf32>)
// CHECK-NEXT: ^bb0(%[[ACC:.*]]: f32, %[[BE:.*]]: f32):
// CHECK-NEXT:   %[[S:.*]] = arith.addf %[[ACC]], %[[BE]] : f32
// CHECK-NEXT:   act.yield %[[S]] : f32
func.func @generic_broadcast_into_accumulator(%a: tensor<8x16xf32>, %b: tensor<16x32xf32>, %bias: tensor<32xf32>) -> tensor<8x32xf32> {
  %e = tensor.empty() : tensor<8x32xf32>
  %bb = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%bias : tensor<32xf32>) outs(%e : tensor<8x32xf32>) {
  ^bb0(%x: f32, %o: f32):
    linalg.yield %x : f32
  } -> tensor<8x32xf32>
  %mm = linalg.matmul ins(%a, %b : tensor<8x16xf32>, tensor<16x32xf32>) outs(%bb : tensor<8x32xf32>) -> tensor<8x32xf32>
  return %mm : tensor<8x32xf32>
}

// -----

// Negative: a plain C += A * B with nothing after it stays a matmul (moving
// C to the epilogue would change the rounding and save nothing).
// CHECK-LABEL: func @gemm_accumulate_kept
// CHECK: linalg.matmul
// CHECK-NOT: act.fused_matmul
func.func @gemm_accumulate_kept(%a: tensor<8x16xf32>, %b: tensor<16x32xf32>, %c: tensor<8x32xf32>) -> tensor<8x32xf32> {
  %mm = linalg.matmul ins(%a, %b : tensor<8x16xf32>, tensor<16x32xf32>) outs(%c : tensor<8x32xf32>) -> tensor<8x32xf32>
  return %mm : tensor<8x32xf32>
}

// -----

// A matmul written as linalg.generic (transposed lhs) followed by arith ops
// on tensors with a splat constant: the constant becomes a scalar constant
// that the epilogue reads (the rewrite driver hoists constants out of
// regions that are not isolated from above).
// CHECK-LABEL: func @generic_matmul_arith_chain
// CHECK-SAME: (%[[A:.*]]: tensor<16x8xf32>, %[[B:.*]]: tensor<16x32xf32>, %[[BIAS:.*]]: tensor<8x32xf32>)
// CHECK: %[[C:.*]] = arith.constant 5.000000e-01 : f32
// CHECK: act.fused_matmul ins(%[[A]], %[[B]] : tensor<16x8xf32>, tensor<16x32xf32>) transpose_a bias(%[[BIAS]] : tensor<8x32xf32>) outs(%{{.*}} : tensor<8x32xf32>) accumulate(f32) {
// CHECK-NEXT: ^bb0(%[[ACC:.*]]: f32, %[[BE:.*]]: f32):
// CHECK-NEXT:   %[[S:.*]] = arith.addf %[[ACC]], %[[BE]] : f32
// CHECK-NEXT:   %[[M:.*]] = arith.mulf %[[S]], %[[C]] : f32
// CHECK-NEXT:   %[[T:.*]] = act.tanh %[[M]] : f32
// CHECK-NEXT:   act.yield %[[T]] : f32
func.func @generic_matmul_arith_chain(%a: tensor<16x8xf32>, %b: tensor<16x32xf32>, %bias: tensor<8x32xf32>) -> tensor<8x32xf32> {
  %cst = arith.constant 0.000000e+00 : f32
  %half = arith.constant dense<0.5> : tensor<8x32xf32>
  %e = tensor.empty() : tensor<8x32xf32>
  %z = linalg.fill ins(%cst : f32) outs(%e : tensor<8x32xf32>) -> tensor<8x32xf32>
  %mm = linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (k, m)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : tensor<16x8xf32>, tensor<16x32xf32>) outs(%z : tensor<8x32xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<8x32xf32>
  %1 = arith.addf %mm, %bias : tensor<8x32xf32>
  %2 = arith.mulf %1, %half : tensor<8x32xf32>
  %3 = act.tanh %2 : tensor<8x32xf32>
  return %3 : tensor<8x32xf32>
}

// -----

// Negative: a contraction body with fastmath flags is not the multiply-add
// the fused op computes.
// CHECK-LABEL: func @fastmath_body_kept
// CHECK: linalg.generic
// CHECK-NOT: act.fused_matmul
func.func @fastmath_body_kept(%a: tensor<8x16xf32>, %b: tensor<16x32xf32>) -> tensor<8x32xf32> {
  %cst = arith.constant 0.000000e+00 : f32
  %e = tensor.empty() : tensor<8x32xf32>
  %z = linalg.fill ins(%cst : f32) outs(%e : tensor<8x32xf32>) -> tensor<8x32xf32>
  %mm = linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : tensor<8x16xf32>, tensor<16x32xf32>) outs(%z : tensor<8x32xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y fastmath<contract> : f32
    %s = arith.addf %acc, %p fastmath<contract> : f32
    linalg.yield %s : f32
  } -> tensor<8x32xf32>
  %r = act.relu %mm : tensor<8x32xf32>
  return %r : tensor<8x32xf32>
}

// -----

// Negative: a fill of -0.0 is not the +0.0 the fused op starts from, and
// moving it after the sum would turn an all -0.0 result into +0.0.
// CHECK-LABEL: func @negative_zero_fill
// CHECK: linalg.fill
// CHECK: linalg.matmul
// CHECK-NOT: act.fused_matmul
func.func @negative_zero_fill(%a: tensor<8x16xf32>, %b: tensor<16x32xf32>) -> tensor<8x32xf32> {
  %cst = arith.constant -0.000000e+00 : f32
  %e = tensor.empty() : tensor<8x32xf32>
  %z = linalg.fill ins(%cst : f32) outs(%e : tensor<8x32xf32>) -> tensor<8x32xf32>
  %mm = linalg.matmul ins(%a, %b : tensor<8x16xf32>, tensor<16x32xf32>) outs(%z : tensor<8x32xf32>) -> tensor<8x32xf32>
  %r = act.relu %mm : tensor<8x32xf32>
  return %r : tensor<8x32xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
#transposed = affine_map<(d0, d1) -> (d1, d0)>

// Negative: an operand read transposed is not a broadcast: the chain stops.
// CHECK-LABEL: func @transposed_addend_kept
// CHECK: linalg.matmul
// CHECK: linalg.generic
// CHECK-NOT: act.fused_matmul
func.func @transposed_addend_kept(%a: tensor<8x8xf32>, %b: tensor<8x8xf32>, %t: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %cst = arith.constant 0.000000e+00 : f32
  %e = tensor.empty() : tensor<8x8xf32>
  %z = linalg.fill ins(%cst : f32) outs(%e : tensor<8x8xf32>) -> tensor<8x8xf32>
  %mm = linalg.matmul ins(%a, %b : tensor<8x8xf32>, tensor<8x8xf32>) outs(%z : tensor<8x8xf32>) -> tensor<8x8xf32>
  %1 = linalg.generic {indexing_maps = [#id, #transposed, #id], iterator_types = ["parallel", "parallel"]} ins(%mm, %t : tensor<8x8xf32>, tensor<8x8xf32>) outs(%e : tensor<8x8xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<8x8xf32>
  return %1 : tensor<8x8xf32>
}

// -----

// Negative: a reduction after the matmul is not elementwise; it ends the
// chain, here before anything could fuse.
// CHECK-LABEL: func @reduction_consumer_kept
// CHECK: linalg.matmul
// CHECK: linalg.reduce
// CHECK-NOT: act.fused_matmul
func.func @reduction_consumer_kept(%a: tensor<8x16xf32>, %b: tensor<16x32xf32>) -> tensor<8xf32> {
  %cst = arith.constant 0.000000e+00 : f32
  %e = tensor.empty() : tensor<8x32xf32>
  %z = linalg.fill ins(%cst : f32) outs(%e : tensor<8x32xf32>) -> tensor<8x32xf32>
  %mm = linalg.matmul ins(%a, %b : tensor<8x16xf32>, tensor<16x32xf32>) outs(%z : tensor<8x32xf32>) -> tensor<8x32xf32>
  %e1 = tensor.empty() : tensor<8xf32>
  %z1 = linalg.fill ins(%cst : f32) outs(%e1 : tensor<8xf32>) -> tensor<8xf32>
  %r = linalg.reduce ins(%mm : tensor<8x32xf32>) outs(%z1 : tensor<8xf32>) dimensions = [1]
    (%in: f32, %init: f32) {
      %s = arith.addf %in, %init : f32
      linalg.yield %s : f32
    }
  return %r : tensor<8xf32>
}

// -----

// Dynamic batch and M: the init takes its sizes from the matmul result.
// CHECK-LABEL: func @dynamic_shapes
// CHECK-SAME: (%[[A:.*]]: tensor<?x16xf32>, %[[B:.*]]: tensor<16x32xf32>, %[[BIAS:.*]]: tensor<32xf32>, %[[Z:.*]]: tensor<?x32xf32>)
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[M:.*]] = tensor.dim %[[A]], %[[C0]] : tensor<?x16xf32>
// CHECK: %[[INIT:.*]] = tensor.empty(%[[M]]) : tensor<?x32xf32>
// CHECK: act.fused_matmul ins(%[[A]], %[[B]] : tensor<?x16xf32>, tensor<16x32xf32>) bias(%[[BIAS]] : tensor<32xf32>) outs(%[[INIT]] : tensor<?x32xf32>)
func.func @dynamic_shapes(%a: tensor<?x16xf32>, %b: tensor<16x32xf32>, %bias: tensor<32xf32>, %e: tensor<?x32xf32>) -> tensor<?x32xf32> {
  %cst = arith.constant 0.000000e+00 : f32
  %z = linalg.fill ins(%cst : f32) outs(%e : tensor<?x32xf32>) -> tensor<?x32xf32>
  %mm = linalg.matmul ins(%a, %b : tensor<?x16xf32>, tensor<16x32xf32>) outs(%z : tensor<?x32xf32>) -> tensor<?x32xf32>
  %1 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%mm, %bias : tensor<?x32xf32>, tensor<32xf32>) outs(%e : tensor<?x32xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<?x32xf32>
  %r = act.relu %1 : tensor<?x32xf32>
  return %r : tensor<?x32xf32>
}

// -----

// A bias added as a materialized linalg.broadcast (arith.addf on tensors):
// the epilogue reads the broadcast's source, and the broadcast dies.
// CHECK-LABEL: func @addf_of_broadcast_bias
// CHECK-SAME: (%[[A:.*]]: tensor<4x8xf32>, %[[W:.*]]: tensor<8x4xf32>, %[[BIAS:.*]]: tensor<4xf32>)
// CHECK-NOT: linalg.broadcast
// CHECK: act.fused_matmul ins(%[[A]], %[[W]] : tensor<4x8xf32>, tensor<8x4xf32>) bias(%[[BIAS]] : tensor<4xf32>)
// CHECK-NEXT: ^bb0(%[[ACC:.*]]: f32, %[[BE:.*]]: f32):
// CHECK-NEXT:   %[[S:.*]] = arith.addf %[[ACC]], %[[BE]] : f32
// CHECK-NEXT:   %[[Y:.*]] = act.clip %[[S]] {max = 6.000000e+00 : f64, min = 0.000000e+00 : f64} : f32
// CHECK-NEXT:   act.yield %[[Y]] : f32
func.func @addf_of_broadcast_bias(%x: tensor<4x8xf32>, %w: tensor<8x4xf32>, %b: tensor<4xf32>) -> tensor<4x4xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x4xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<4x4xf32>) -> tensor<4x4xf32>
  %mm = linalg.matmul ins(%x, %w : tensor<4x8xf32>, tensor<8x4xf32>) outs(%acc : tensor<4x4xf32>) -> tensor<4x4xf32>
  %bb = linalg.broadcast ins(%b : tensor<4xf32>) outs(%e : tensor<4x4xf32>) dimensions = [0]
  %z = arith.addf %mm, %bb : tensor<4x4xf32>
  %h = act.clip %z {min = 0.0 : f64, max = 6.0 : f64} : tensor<4x4xf32>
  return %h : tensor<4x4xf32>
}

// -----

// torch.matmul of a 3-D activation by a 2-D weight: torch-mlir broadcasts
// the weight along the batch and runs linalg.batch_matmul. The fused op
// reads the weight once, as a matrix shared by every batch.
// CHECK-LABEL: func @batch_broadcast_weight
// CHECK-SAME: (%[[X:.*]]: tensor<2x8x16xf32>, %[[W:.*]]: tensor<16x32xf32>, %[[BIAS:.*]]: tensor<32xf32>)
// CHECK-NOT: linalg.broadcast
// CHECK: act.fused_matmul ins(%[[X]], %[[W]] : tensor<2x8x16xf32>, tensor<16x32xf32>) bias(%[[BIAS]] : tensor<32xf32>) outs(%{{.*}} : tensor<2x8x32xf32>) accumulate(f32)
// CHECK: act.relu
func.func @batch_broadcast_weight(%x: tensor<2x8x16xf32>, %w: tensor<16x32xf32>, %bias: tensor<32xf32>) -> tensor<2x8x32xf32> {
  %zero = arith.constant 0.0 : f32
  %ew = tensor.empty() : tensor<2x16x32xf32>
  %wb = linalg.broadcast ins(%w : tensor<16x32xf32>) outs(%ew : tensor<2x16x32xf32>) dimensions = [0]
  %e = tensor.empty() : tensor<2x8x32xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<2x8x32xf32>) -> tensor<2x8x32xf32>
  %mm = linalg.batch_matmul ins(%x, %wb : tensor<2x8x16xf32>, tensor<2x16x32xf32>) outs(%z : tensor<2x8x32xf32>) -> tensor<2x8x32xf32>
  %bb = linalg.broadcast ins(%bias : tensor<32xf32>) outs(%e : tensor<2x8x32xf32>) dimensions = [0, 1]
  %s = arith.addf %mm, %bb : tensor<2x8x32xf32>
  %r = act.relu %s : tensor<2x8x32xf32>
  return %r : tensor<2x8x32xf32>
}

// -----

// Negative: a "broadcast" generic that writes its result transposed is not
// a bias along N; with nothing after the matmul there is nothing to fuse.
// CHECK-LABEL: func @transposing_broadcast_init_kept
// CHECK: linalg.generic
// CHECK: linalg.matmul
// CHECK-NOT: act.fused_matmul
func.func @transposing_broadcast_init_kept(%a: tensor<4x4xf32>, %b: tensor<4x4xf32>, %bias: tensor<4xf32>) -> tensor<4x4xf32> {
  %e = tensor.empty() : tensor<4x4xf32>
  %init = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d1, d0)>], iterator_types = ["parallel", "parallel"]} ins(%bias : tensor<4xf32>) outs(%e : tensor<4x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<4x4xf32>
  %mm = linalg.matmul ins(%a, %b : tensor<4x4xf32>, tensor<4x4xf32>) outs(%init : tensor<4x4xf32>) -> tensor<4x4xf32>
  return %mm : tensor<4x4xf32>
}

// -----

// Negative: a payload with a region (scf.if) cannot be an epilogue.
// CHECK-LABEL: func @payload_with_region_kept
// CHECK: linalg.matmul
// CHECK: scf.if
// CHECK-NOT: act.fused_matmul
func.func @payload_with_region_kept(%a: tensor<4x8xf32>, %b: tensor<8x6xf32>, %flag: i1) -> tensor<4x6xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x6xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<4x6xf32>) -> tensor<4x6xf32>
  %mm = linalg.matmul ins(%a, %b : tensor<4x8xf32>, tensor<8x6xf32>) outs(%z : tensor<4x6xf32>) -> tensor<4x6xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%mm : tensor<4x6xf32>) outs(%e : tensor<4x6xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = scf.if %flag -> f32 {
      scf.yield %in : f32
    } else {
      scf.yield %zero : f32
    }
    linalg.yield %s : f32
  } -> tensor<4x6xf32>
  return %r : tensor<4x6xf32>
}

// -----

// linalg.map reading its init block argument: the init is a side operand
// (upstream's payloadUsesValueFromOperand says it is unused; the block
// argument's uses are what count).
// CHECK-LABEL: func @map_reading_its_init
// CHECK-SAME: (%[[A:.*]]: tensor<4x8xf32>, %[[B:.*]]: tensor<8x6xf32>, %[[R:.*]]: tensor<4x6xf32>)
// CHECK: act.fused_matmul ins(%[[A]], %[[B]] : tensor<4x8xf32>, tensor<8x6xf32>) bias(%[[R]] : tensor<4x6xf32>)
// CHECK-NEXT: ^bb0(%[[ACC:.*]]: f32, %[[RE:.*]]: f32):
// CHECK-NEXT:   %[[S:.*]] = arith.addf %[[ACC]], %[[RE]] : f32
// CHECK-NEXT:   act.relu %[[S]]
func.func @map_reading_its_init(%a: tensor<4x8xf32>, %b: tensor<8x6xf32>, %r: tensor<4x6xf32>) -> tensor<4x6xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x6xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<4x6xf32>) -> tensor<4x6xf32>
  %mm = linalg.matmul ins(%a, %b : tensor<4x8xf32>, tensor<8x6xf32>) outs(%z : tensor<4x6xf32>) -> tensor<4x6xf32>
  %u = linalg.map ins(%mm : tensor<4x6xf32>) outs(%r : tensor<4x6xf32>) (%p: f32, %o: f32) {
    %0 = arith.addf %p, %o : f32
    linalg.yield %0 : f32
  }
  %v = act.relu %u : tensor<4x6xf32>
  return %v : tensor<4x6xf32>
}

// -----

// Both operands broadcast along a dynamic batch: the batch size comes from
// the matmul's destination.
// CHECK-LABEL: func @dynamic_batch_shared_operands
// CHECK-SAME: (%[[A:.*]]: tensor<4x3xf32>, %[[B:.*]]: tensor<3x5xf32>, %[[E:.*]]: tensor<?x4x5xf32>)
// CHECK: %[[N:.*]] = tensor.dim %{{.*}}, %{{.*}} : tensor<?x4x5xf32>
// CHECK: %[[INIT:.*]] = tensor.empty(%[[N]]) : tensor<?x4x5xf32>
// CHECK: act.fused_matmul ins(%[[A]], %[[B]] : tensor<4x3xf32>, tensor<3x5xf32>) outs(%[[INIT]] : tensor<?x4x5xf32>)
func.func @dynamic_batch_shared_operands(%a: tensor<4x3xf32>, %b: tensor<3x5xf32>, %e: tensor<?x4x5xf32>) -> tensor<?x4x5xf32> {
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %n = tensor.dim %e, %c0 : tensor<?x4x5xf32>
  %ea = tensor.empty(%n) : tensor<?x4x3xf32>
  %ab = linalg.broadcast ins(%a : tensor<4x3xf32>) outs(%ea : tensor<?x4x3xf32>) dimensions = [0]
  %eb = tensor.empty(%n) : tensor<?x3x5xf32>
  %bb = linalg.broadcast ins(%b : tensor<3x5xf32>) outs(%eb : tensor<?x3x5xf32>) dimensions = [0]
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<?x4x5xf32>) -> tensor<?x4x5xf32>
  %mm = linalg.batch_matmul ins(%ab, %bb : tensor<?x4x3xf32>, tensor<?x3x5xf32>) outs(%z : tensor<?x4x5xf32>) -> tensor<?x4x5xf32>
  %r = act.relu %mm : tensor<?x4x5xf32>
  return %r : tensor<?x4x5xf32>
}
