// RUN: act-opt %s --split-input-file --act-fuse | FileCheck %s

// TOSA graphs: tosa.matmul (batched, zero zero points) + tosa.add with a
// rank-equal broadcast bias + TOSA activations become one act.fused_matmul.
// The TOSA ops' scalar semantics are those of MLIR's tosa-to-linalg, op for
// op, so the fused result is bit-identical to the TOSA graph lowered that
// way: tosa.clamp is IEEE maximum/minimum (maxnum/minnum when NaNs are
// ignored), which is exactly act.clip; tosa.sigmoid is 1 / (1 + exp(-x));
// tosa.tanh is math.tanh. Turning those into act.sigmoid / act.tanh is
// --act-raise's decision.

// CHECK-LABEL: func @matmul_bias_relu6
// CHECK-SAME: (%[[A:.*]]: tensor<1x8x16xf32>, %[[B:.*]]: tensor<1x16x32xf32>, %[[BIAS:.*]]: tensor<1x1x32xf32>)
// CHECK: act.fused_matmul ins(%[[A]], %[[B]] : tensor<1x8x16xf32>, tensor<1x16x32xf32>) bias(%[[BIAS]] : tensor<1x1x32xf32>) outs(%{{.*}} : tensor<1x8x32xf32>) accumulate(f32) {
// CHECK-NEXT: ^bb0(%[[ACC:.*]]: f32, %[[BE:.*]]: f32):
// CHECK-NEXT:   %[[S:.*]] = arith.addf %[[ACC]], %[[BE]] : f32
// CHECK-NEXT:   %[[Y:.*]] = act.clip %[[S]] {max = 6.000000e+00 : f64, min = 0.000000e+00 : f64} : f32
// CHECK-NEXT:   act.yield %[[Y]] : f32
// CHECK-NOT: tosa.
func.func @matmul_bias_relu6(%a: tensor<1x8x16xf32>, %b: tensor<1x16x32xf32>, %bias: tensor<1x1x32xf32>) -> tensor<1x8x32xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %mm = tosa.matmul %a, %b, %zp, %zp : (tensor<1x8x16xf32>, tensor<1x16x32xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x8x32xf32>
  %s = tosa.add %mm, %bias : (tensor<1x8x32xf32>, tensor<1x1x32xf32>) -> tensor<1x8x32xf32>
  %c = tosa.clamp %s {min_val = 0.0 : f32, max_val = 6.0 : f32} : (tensor<1x8x32xf32>) -> tensor<1x8x32xf32>
  return %c : tensor<1x8x32xf32>
}

// -----

// A scale (tosa.mul with a zero shift), an IGNORE-mode maximum and a
// sigmoid in tosa-to-linalg's formula.
// CHECK-LABEL: func @scale_max_sigmoid
// CHECK-SAME: (%[[A:.*]]: tensor<2x8x16xf32>, %[[B:.*]]: tensor<2x16x32xf32>, %[[SCALE:.*]]: tensor<1x1x32xf32>)
// CHECK: act.fused_matmul ins(%[[A]], %[[B]] : tensor<2x8x16xf32>, tensor<2x16x32xf32>) operands(%[[SCALE]] : tensor<1x1x32xf32>) outs
// CHECK-NEXT: ^bb0(%[[ACC:.*]]: f32, %[[SE:.*]]: f32):
// CHECK-NEXT:   %[[M:.*]] = arith.mulf %[[ACC]], %[[SE]] : f32
// CHECK-NEXT:   %[[X:.*]] = arith.maxnumf %[[M]], %{{.*}} : f32
// CHECK-NEXT:   %[[N:.*]] = arith.negf %[[X]] : f32
// CHECK-NEXT:   %[[E:.*]] = math.exp %[[N]] : f32
// CHECK-NEXT:   %[[D:.*]] = arith.addf %[[E]], %[[ONE:.*]] : f32
// CHECK-NEXT:   %[[Y:.*]] = arith.divf %[[ONE]], %[[D]] : f32
// CHECK-NEXT:   act.yield %[[Y]] : f32
func.func @scale_max_sigmoid(%a: tensor<2x8x16xf32>, %b: tensor<2x16x32xf32>, %scale: tensor<1x1x32xf32>) -> tensor<2x8x32xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %floor = "tosa.const"() <{values = dense<-1.0> : tensor<1x1x1xf32>}> : () -> tensor<1x1x1xf32>
  %mm = tosa.matmul %a, %b, %zp, %zp : (tensor<2x8x16xf32>, tensor<2x16x32xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<2x8x32xf32>
  %m = tosa.mul %mm, %scale, %shift : (tensor<2x8x32xf32>, tensor<1x1x32xf32>, tensor<1xi8>) -> tensor<2x8x32xf32>
  %x = tosa.maximum %m, %floor {nan_mode = IGNORE} : (tensor<2x8x32xf32>, tensor<1x1x1xf32>) -> tensor<2x8x32xf32>
  %y = tosa.sigmoid %x : (tensor<2x8x32xf32>) -> tensor<2x8x32xf32>
  return %y : tensor<2x8x32xf32>
}

// -----

// Negative: the tosa.add result is also returned: only the matmul and the
// bias add fuse, the sigmoid stays.
// CHECK-LABEL: func @bias_add_second_user
// CHECK: %[[F:.*]] = act.fused_matmul
// CHECK: act.yield
// CHECK: %[[Y:.*]] = tosa.sigmoid %[[F]]
// CHECK: return %[[Y]], %[[F]]
func.func @bias_add_second_user(%a: tensor<1x8x16xf32>, %b: tensor<1x16x32xf32>, %bias: tensor<1x1x32xf32>) -> (tensor<1x8x32xf32>, tensor<1x8x32xf32>) {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %mm = tosa.matmul %a, %b, %zp, %zp : (tensor<1x8x16xf32>, tensor<1x16x32xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x8x32xf32>
  %s = tosa.add %mm, %bias : (tensor<1x8x32xf32>, tensor<1x1x32xf32>) -> tensor<1x8x32xf32>
  %y = tosa.sigmoid %s : (tensor<1x8x32xf32>) -> tensor<1x8x32xf32>
  return %y, %s : tensor<1x8x32xf32>, tensor<1x8x32xf32>
}

// -----

// Negative: integer TOSA (a quantized matmul, an i32 add) is not fused.
// CHECK-LABEL: func @integer_kept
// CHECK: tosa.matmul
// CHECK: tosa.add
// CHECK-NOT: act.fused_matmul
func.func @integer_kept(%a: tensor<1x4x8xi8>, %b: tensor<1x8x4xi8>, %bias: tensor<1x1x4xi32>) -> tensor<1x4x4xi32> {
  %zp = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %mm = tosa.matmul %a, %b, %zp, %zp : (tensor<1x4x8xi8>, tensor<1x8x4xi8>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x4x4xi32>
  %s = tosa.add %mm, %bias : (tensor<1x4x4xi32>, tensor<1x1x4xi32>) -> tensor<1x4x4xi32>
  return %s : tensor<1x4x4xi32>
}

// -----

// Negative: a dynamic TOSA operand may be 1 at run time and broadcast,
// which a fused op's operand never does: the bias add is not fused (the
// matmul then has nothing to fuse).
// CHECK-LABEL: func @dynamic_bias_kept
// CHECK: tosa.matmul
// CHECK: tosa.add
// CHECK-NOT: act.fused_matmul
func.func @dynamic_bias_kept(%a: tensor<1x4x8xf32>, %b: tensor<1x8x?xf32>, %bias: tensor<1x1x?xf32>) -> tensor<1x4x?xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %mm = tosa.matmul %a, %b, %zp, %zp : (tensor<1x4x8xf32>, tensor<1x8x?xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x?xf32>
  %s = tosa.add %mm, %bias : (tensor<1x4x?xf32>, tensor<1x1x?xf32>) -> tensor<1x4x?xf32>
  return %s : tensor<1x4x?xf32>
}
