// RUN: act-opt %s --split-input-file --convert-act-to-linalg | FileCheck %s

// CHECK-DAG: #[[ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func @relu
// CHECK-SAME: (%[[X:.*]]: tensor<4x8xf32>)
// CHECK-NEXT: %[[INIT:.*]] = tensor.empty() : tensor<4x8xf32>
// CHECK-NEXT: %[[R:.*]] = linalg.generic {indexing_maps = [#[[ID2]], #[[ID2]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[X]] : tensor<4x8xf32>) outs(%[[INIT]] : tensor<4x8xf32>)
// CHECK-NEXT: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[S:.*]] = act.relu %[[IN]] {nan_mode = #act.nan_mode<ignore>} : f32
// CHECK-NEXT: linalg.yield %[[S]] : f32
// CHECK: return %[[R]]
func.func @relu(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = act.relu %x {nan_mode = #act.nan_mode<ignore>} : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

// Attributes carry over to the scalar op; dynamic sizes come from the input.
// CHECK-LABEL: func @gelu_dynamic
// CHECK-SAME: (%[[X:.*]]: tensor<?x16xbf16>)
// CHECK: %[[DIM:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x16xbf16>
// CHECK-NEXT: %[[INIT:.*]] = tensor.empty(%[[DIM]]) : tensor<?x16xbf16>
// CHECK-NEXT: linalg.generic
// CHECK-SAME: ins(%[[X]] : tensor<?x16xbf16>) outs(%[[INIT]] : tensor<?x16xbf16>)
// CHECK: act.gelu %{{.*}} {approximate = #act.gelu_approximation<tanh>} : bf16
func.func @gelu_dynamic(%x: tensor<?x16xbf16>) -> tensor<?x16xbf16> {
  %0 = act.gelu %x {approximate = #act.gelu_approximation<tanh>} : tensor<?x16xbf16>
  return %0 : tensor<?x16xbf16>
}

// -----

// prelu's slope broadcasts right-aligned; its size-1 dimension reads index 0.
// CHECK-DAG: #[[ID3:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[SLOPE:.*]] = affine_map<(d0, d1, d2) -> (d1, 0)>
// CHECK-LABEL: func @prelu_channel_slope
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x5xf32>, %[[S:.*]]: tensor<3x1xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[ID3]], #[[SLOPE]], #[[ID3]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[X]], %[[S]] : tensor<2x3x5xf32>, tensor<3x1xf32>)
// CHECK-NEXT: ^bb0(%[[IN:.*]]: f32, %[[SL:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: act.prelu %[[IN]], %[[SL]] : f32, f32
func.func @prelu_channel_slope(%x: tensor<2x3x5xf32>, %s: tensor<3x1xf32>) -> tensor<2x3x5xf32> {
  %0 = act.prelu %x, %s : tensor<2x3x5xf32>, tensor<3x1xf32>
  return %0 : tensor<2x3x5xf32>
}

// -----

// CHECK-DAG: #[[ID1:.*]] = affine_map<(d0) -> (d0)>
// CHECK-LABEL: func @prelu_same_shape
// CHECK: linalg.generic {indexing_maps = [#[[ID1]], #[[ID1]], #[[ID1]]]
func.func @prelu_same_shape(%x: tensor<8xf64>, %s: tensor<8xf64>) -> tensor<8xf64> {
  %0 = act.prelu %x, %s : tensor<8xf64>, tensor<8xf64>
  return %0 : tensor<8xf64>
}

// -----

// Negative: scalars and vectors are left for convert-act-to-arith.
// CHECK-LABEL: func @scalar_untouched
// CHECK-NEXT: act.sigmoid %{{.*}} : f32
// CHECK-NEXT: act.sigmoid %{{.*}} : vector<4xf32>
// CHECK-NEXT: return
func.func @scalar_untouched(%x: f32, %v: vector<4xf32>) -> (f32, vector<4xf32>) {
  %0 = act.sigmoid %x : f32
  %1 = act.sigmoid %v : vector<4xf32>
  return %0, %1 : f32, vector<4xf32>
}
