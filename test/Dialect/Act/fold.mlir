// RUN: act-opt %s --split-input-file --canonicalize | FileCheck %s

// Constant folding goes through the scalar reference; the exact values and
// the edge cases (NaN, ±Inf, -0.0) are checked here and, element by element
// for every op, in unittests/Dialect/Act/FoldTest.cpp.

// CHECK-LABEL: func @fold_relu_dense
// CHECK-NEXT: %[[C:.*]] = arith.constant dense<[0.000000e+00, 0.000000e+00, 5.000000e-01, 0x7FC00000, 0.000000e+00, 0x7F800000]> : tensor<6xf32>
// CHECK-NEXT: return %[[C]]
func.func @fold_relu_dense() -> tensor<6xf32> {
  %c = arith.constant dense<[-2.0, -0.0, 0.5, 0x7FC00000, 0xFF800000, 0x7F800000]> : tensor<6xf32>
  %0 = act.relu %c : tensor<6xf32>
  return %0 : tensor<6xf32>
}

// CHECK-LABEL: func @fold_relu_ignore_nan
// CHECK-NEXT: %[[C:.*]] = arith.constant dense<[0.000000e+00, 3.000000e+00]> : tensor<2xf32>
func.func @fold_relu_ignore_nan() -> tensor<2xf32> {
  %c = arith.constant dense<[0x7FC00000, 3.0]> : tensor<2xf32>
  %0 = act.relu %c {nan_mode = #act.nan_mode<ignore>} : tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// The splat stays a splat. alpha rounds to f32 before the multiply:
// -2 * 0.00999999977f rounds to the f32 nearest -0.02.
// CHECK-LABEL: func @fold_leaky_relu_splat
// CHECK-NEXT: %[[C:.*]] = arith.constant dense<-2.000000e-02> : tensor<4x4xf32>
func.func @fold_leaky_relu_splat() -> tensor<4x4xf32> {
  %c = arith.constant dense<-2.0> : tensor<4x4xf32>
  %0 = act.leaky_relu %c : tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

// CHECK-LABEL: func @fold_clip_and_hard_ops
// CHECK-DAG: arith.constant dense<[0.000000e+00, 3.000000e+00, 6.000000e+00, 0x7FC00000]> : tensor<4xf32>
// CHECK-DAG: arith.constant dense<[0.000000e+00, 5.000000e-01, 1.000000e+00, 0.699999988]> : tensor<4xf32>
// CHECK-DAG: arith.constant dense<[-0.000000e+00, 0.000000e+00, 0.666666686, -0.000000e+00]> : tensor<4xf32>
func.func @fold_clip_and_hard_ops() -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %c = arith.constant dense<[-1.0, 3.0, 7.0, 0x7FC00000]> : tensor<4xf32>
  %0 = act.clip %c {min = 0.0 : f64, max = 6.0 : f64} : tensor<4xf32>
  %d = arith.constant dense<[-10.0, 0.0, 10.0, 1.0]> : tensor<4xf32>
  %1 = act.hard_sigmoid %d : tensor<4xf32>
  %e = arith.constant dense<[-4.0, 0.0, 1.0, 0xFF800000]> : tensor<4xf32>
  %2 = act.hard_swish %e : tensor<4xf32>
  return %0, %1, %2 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----

// Transcendental ops at their limits: -Inf gives -0.0 for the gated ones.
// CHECK-LABEL: func @fold_gated_limits
// CHECK-DAG: arith.constant dense<[-0.000000e+00, 0x7F800000, 0.841344773]> : tensor<3xf32>
// CHECK-DAG: arith.constant dense<[-0.000000e+00, 0x7F800000, 0.731058597]> : tensor<3xf32>
// CHECK-DAG: arith.constant dense<[-0.000000e+00, 0x7F800000, 0.865098416]> : tensor<3xf32>
// CHECK-DAG: arith.constant dense<[-1.000000e+00, 1.000000e+00, 5.000000e-01]> : tensor<3xf32>
func.func @fold_gated_limits() -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) {
  %c = arith.constant dense<[0xFF800000, 0x7F800000, 1.0]> : tensor<3xf32>
  %0 = act.gelu %c : tensor<3xf32>
  %1 = act.silu %c : tensor<3xf32>
  %2 = act.mish %c : tensor<3xf32>
  %3 = act.softsign %c : tensor<3xf32>
  return %0, %1, %2, %3 : tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>
}

// -----

// f64 scalars fold in extended precision: gelu's left tail does not cancel.
// CHECK-LABEL: func @fold_f64_scalar
// CHECK-DAG: arith.constant -7.6198530241605263E-23 : f64
// CHECK-DAG: arith.constant -0.63212055882855767 : f64
func.func @fold_f64_scalar() -> (f64, f64) {
  %c = arith.constant -10.0 : f64
  %0 = act.gelu %c : f64
  %d = arith.constant -1.0 : f64
  %1 = act.elu %d : f64
  return %0, %1 : f64, f64
}

// -----

// f16 and bf16 are computed in f32 and rounded once.
// CHECK-LABEL: func @fold_half_precision
// CHECK-DAG: arith.constant 7.309570e-01 : f16
// CHECK-DAG: arith.constant 7.304680e-01 : bf16
func.func @fold_half_precision() -> (f16, bf16) {
  %h = arith.constant 1.0 : f16
  %0 = act.sigmoid %h : f16
  %b = arith.constant 1.0 : bf16
  %1 = act.sigmoid %b : bf16
  return %0, %1 : f16, bf16
}

// -----

// CHECK-LABEL: func @fold_prelu_broadcast
// CHECK-NEXT: arith.constant dense<{{\[}}[-5.000000e-01, -1.000000e+00, 3.000000e+00], [-1.000000e+00, 5.000000e+00, -1.500000e+00]]> : tensor<2x3xf32>
func.func @fold_prelu_broadcast() -> tensor<2x3xf32> {
  %c = arith.constant dense<[[-1.0, -2.0, 3.0], [-4.0, 5.0, -6.0]]> : tensor<2x3xf32>
  %s = arith.constant dense<[[0.5], [0.25]]> : tensor<2x1xf32>
  %0 = act.prelu %c, %s : tensor<2x3xf32>, tensor<2x1xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Negative: a non-constant operand is not folded.
// CHECK-LABEL: func @no_fold_non_constant
// CHECK-NEXT: %[[G:.*]] = act.gelu %{{.*}} : f32
// CHECK-NEXT: return %[[G]]
func.func @no_fold_non_constant(%x: f32) -> f32 {
  %0 = act.gelu %x : f32
  return %0 : f32
}
