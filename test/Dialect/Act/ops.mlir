// RUN: act-opt %s --split-input-file | act-opt --split-input-file | FileCheck %s
// RUN: act-opt %s --split-input-file --mlir-print-op-generic | act-opt --split-input-file | FileCheck %s
// RUN: act-opt %s --split-input-file --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// Every op round-trips through its custom and its generic form. Attributes
// equal to their default are not printed.

// CHECK-LABEL: func @relu_family
// GENERIC-LABEL: sym_name = "relu_family"
func.func @relu_family(%t: tensor<4x8xf32>, %v: vector<16xbf16>, %s: f64,
                       %slope: tensor<8xf32>) {
  // CHECK: act.relu %{{.*}} : tensor<4x8xf32>
  // GENERIC: "act.relu"(%{{.*}}) <{nan_mode = #act.nan_mode<propagate>}> : (tensor<4x8xf32>) -> tensor<4x8xf32>
  %0 = act.relu %t : tensor<4x8xf32>
  // CHECK: act.relu %{{.*}} {nan_mode = #act.nan_mode<ignore>} : vector<16xbf16>
  %1 = act.relu %v {nan_mode = #act.nan_mode<ignore>} : vector<16xbf16>
  // CHECK: act.leaky_relu %{{.*}} : f64
  // GENERIC: "act.leaky_relu"(%{{.*}}) <{alpha = 1.000000e-02 : f64}> : (f64) -> f64
  %2 = act.leaky_relu %s : f64
  // CHECK: act.leaky_relu %{{.*}} {alpha = 2.000000e-01 : f64} : f64
  %3 = act.leaky_relu %s {alpha = 2.0e-01 : f64} : f64
  // CHECK: act.prelu %{{.*}}, %{{.*}} : tensor<4x8xf32>, tensor<8xf32>
  // GENERIC: "act.prelu"(%{{.*}}, %{{.*}}) : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  %4 = act.prelu %t, %slope : tensor<4x8xf32>, tensor<8xf32>
  // CHECK: act.thresholded_relu %{{.*}} : tensor<4x8xf32>
  %5 = act.thresholded_relu %t {alpha = 1.0 : f64} : tensor<4x8xf32>
  // CHECK: act.thresholded_relu %{{.*}} {alpha = 5.000000e-01 : f64, nan_mode = #act.nan_mode<ignore>} : tensor<4x8xf32>
  %6 = act.thresholded_relu %t {alpha = 0.5 : f64, nan_mode = #act.nan_mode<ignore>} : tensor<4x8xf32>
  // CHECK: act.clip %{{.*}} {max = 6.000000e+00 : f64, min = 0.000000e+00 : f64} : tensor<4x8xf32>
  // GENERIC: "act.clip"(%{{.*}}) <{max = 6.000000e+00 : f64, min = 0.000000e+00 : f64, nan_mode = #act.nan_mode<propagate>}>
  %7 = act.clip %t {min = 0.0 : f64, max = 6.0 : f64} : tensor<4x8xf32>
  // CHECK: act.clip %{{.*}} : tensor<4x8xf32>
  // GENERIC: "act.clip"(%{{.*}}) <{max = 0x7FF0000000000000 : f64, min = 0xFFF0000000000000 : f64, nan_mode = #act.nan_mode<propagate>}>
  %8 = act.clip %t : tensor<4x8xf32>
  // CHECK: act.hard_sigmoid %{{.*}} : f64
  %9 = act.hard_sigmoid %s {alpha = 0.2 : f64, beta = 0.5 : f64} : f64
  // CHECK: act.hard_sigmoid %{{.*}} {alpha = 0.16666666666666666 : f64} : f64
  %10 = act.hard_sigmoid %s {alpha = 0.16666666666666666 : f64} : f64
  // CHECK: act.hard_swish %{{.*}} : vector<16xbf16>
  %11 = act.hard_swish %v : vector<16xbf16>
  return
}

// -----

// CHECK-LABEL: func @exponential_family
func.func @exponential_family(%t: tensor<?x8xf16>, %s: f32) {
  // CHECK: act.elu %{{.*}} : tensor<?x8xf16>
  %0 = act.elu %t : tensor<?x8xf16>
  // CHECK: act.elu %{{.*}} {alpha = 5.000000e-01 : f64} : f32
  %1 = act.elu %s {alpha = 0.5 : f64} : f32
  // CHECK: act.selu %{{.*}} : tensor<?x8xf16>
  %2 = act.selu %t : tensor<?x8xf16>
  // CHECK: act.selu %{{.*}} {alpha = 1.500000e+00 : f64, gamma = 2.000000e+00 : f64} : f32
  %3 = act.selu %s {alpha = 1.5 : f64, gamma = 2.0 : f64} : f32
  // CHECK: act.celu %{{.*}} {alpha = 2.000000e+00 : f64} : f32
  %4 = act.celu %s {alpha = 2.0 : f64} : f32
  // CHECK: act.softplus %{{.*}} : f32
  %5 = act.softplus %s {beta = 1.0 : f64, threshold = 20.0 : f64} : f32
  // CHECK: act.softplus %{{.*}} {beta = 2.000000e+00 : f64, threshold = 1.000000e+01 : f64} : f32
  %6 = act.softplus %s {beta = 2.0 : f64, threshold = 10.0 : f64} : f32
  // CHECK: act.mish %{{.*}} : tensor<?x8xf16>
  %7 = act.mish %t : tensor<?x8xf16>
  return
}

// -----

// CHECK-LABEL: func @gated_and_squashing
func.func @gated_and_squashing(%t: tensor<2x3x4xf64>, %v: vector<4x4xf32>) {
  // CHECK: act.gelu %{{.*}} : tensor<2x3x4xf64>
  %0 = act.gelu %t {approximate = #act.gelu_approximation<none>} : tensor<2x3x4xf64>
  // CHECK: act.gelu %{{.*}} {approximate = #act.gelu_approximation<tanh>} : vector<4x4xf32>
  %1 = act.gelu %v {approximate = #act.gelu_approximation<tanh>} : vector<4x4xf32>
  // CHECK: act.silu %{{.*}} : tensor<2x3x4xf64>
  %2 = act.silu %t : tensor<2x3x4xf64>
  // CHECK: act.sigmoid %{{.*}} : vector<4x4xf32>
  %3 = act.sigmoid %v : vector<4x4xf32>
  // CHECK: act.tanh %{{.*}} : tensor<2x3x4xf64>
  %4 = act.tanh %t : tensor<2x3x4xf64>
  // CHECK: act.softsign %{{.*}} : vector<4x4xf32>
  %5 = act.softsign %v : vector<4x4xf32>
  return
}

// -----

// CHECK-LABEL: func @prelu_forms
func.func @prelu_forms(%x: tensor<1x64x56x56xf32>, %c: tensor<64x1x1xf32>,
                       %one: tensor<1xf32>, %d: tensor<?x8xf32>,
                       %ds: tensor<8xf32>, %s: f16, %v: vector<4xf32>) {
  // CHECK: act.prelu %{{.*}}, %{{.*}} : tensor<1x64x56x56xf32>, tensor<64x1x1xf32>
  %0 = act.prelu %x, %c : tensor<1x64x56x56xf32>, tensor<64x1x1xf32>
  // CHECK: act.prelu %{{.*}}, %{{.*}} : tensor<1x64x56x56xf32>, tensor<1xf32>
  %1 = act.prelu %x, %one : tensor<1x64x56x56xf32>, tensor<1xf32>
  // CHECK: act.prelu %{{.*}}, %{{.*}} : tensor<?x8xf32>, tensor<8xf32>
  %2 = act.prelu %d, %ds : tensor<?x8xf32>, tensor<8xf32>
  // CHECK: act.prelu %{{.*}}, %{{.*}} : f16, f16
  %3 = act.prelu %s, %s : f16, f16
  // CHECK: act.prelu %{{.*}}, %{{.*}} : vector<4xf32>, vector<4xf32>
  %4 = act.prelu %v, %v : vector<4xf32>, vector<4xf32>
  return
}
