// RUN: act-opt %s --split-input-file --act-fuse | FileCheck %s
// RUN: act-opt %s --split-input-file --act-fuse=elementwise=false | FileCheck %s --check-prefix=OFF

// Chains of two or more single-use elementwise ops on tensors that contain
// an act op, not attached to a contraction, become one linalg.generic whose
// body applies the chain's scalar ops in order.

// CHECK-DAG: #[[ID:.*]] = affine_map<(d0) -> (d0)>
// CHECK-LABEL: func @relu_gelu_clip
// CHECK-SAME: (%[[X:.*]]: tensor<1024xf32>)
// CHECK-NEXT: %[[INIT:.*]] = tensor.empty() : tensor<1024xf32>
// CHECK-NEXT: %[[R:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ID]]], iterator_types = ["parallel"]} ins(%[[X]] : tensor<1024xf32>) outs(%[[INIT]] : tensor<1024xf32>) {
// CHECK-NEXT: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:   %[[A:.*]] = act.relu %[[IN]] : f32
// CHECK-NEXT:   %[[B:.*]] = act.gelu %[[A]] : f32
// CHECK-NEXT:   %[[C:.*]] = act.clip %[[B]] {max = 6.000000e+00 : f64, min = 0.000000e+00 : f64} : f32
// CHECK-NEXT:   linalg.yield %[[C]] : f32
// CHECK-NEXT: } -> tensor<1024xf32>
// CHECK-NEXT: return %[[R]]
// OFF-LABEL: func @relu_gelu_clip
// OFF: act.relu %{{.*}} : tensor<1024xf32>
// OFF: act.gelu %{{.*}} : tensor<1024xf32>
// OFF: act.clip %{{.*}} : tensor<1024xf32>
func.func @relu_gelu_clip(%x: tensor<1024xf32>) -> tensor<1024xf32> {
  %0 = act.relu %x : tensor<1024xf32>
  %1 = act.gelu %0 : tensor<1024xf32>
  %2 = act.clip %1 {min = 0.0 : f64, max = 6.0 : f64} : tensor<1024xf32>
  return %2 : tensor<1024xf32>
}

// -----

// arith ops join the chain, with their other operands as inputs; prelu's
// slope broadcasts along its own map.
// CHECK-DAG: #[[ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ALONG:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func @arith_and_prelu
// CHECK-SAME: (%[[X:.*]]: tensor<4x8xf32>, %[[Y:.*]]: tensor<4x8xf32>, %[[SLOPE:.*]]: tensor<8xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[ID2]], #[[ID2]], #[[ALONG]], #[[ID2]]], iterator_types = ["parallel", "parallel"]} ins(%[[X]], %[[Y]], %[[SLOPE]] : tensor<4x8xf32>, tensor<4x8xf32>, tensor<8xf32>)
// CHECK-NEXT: ^bb0(%[[XE:.*]]: f32, %[[YE:.*]]: f32, %[[SE:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:   %[[S:.*]] = arith.addf %[[XE]], %[[YE]] : f32
// CHECK-NEXT:   %[[P:.*]] = act.prelu %[[S]], %[[SE]] : f32, f32
// CHECK-NEXT:   %[[T:.*]] = act.tanh %[[P]] : f32
// CHECK-NEXT:   linalg.yield %[[T]] : f32
func.func @arith_and_prelu(%x: tensor<4x8xf32>, %y: tensor<4x8xf32>, %slope: tensor<8xf32>) -> tensor<4x8xf32> {
  %0 = arith.addf %x, %y : tensor<4x8xf32>
  %1 = act.prelu %0, %slope : tensor<4x8xf32>, tensor<8xf32>
  %2 = act.tanh %1 : tensor<4x8xf32>
  return %2 : tensor<4x8xf32>
}

// -----

// Negative: an intermediate with a second user splits the chain; each part
// of two or more ops fuses on its own, a single op stays.
// CHECK-LABEL: func @second_user_splits
// CHECK: %[[G:.*]] = linalg.generic
// CHECK: act.relu
// CHECK: act.sigmoid
// CHECK: %[[T:.*]] = act.tanh %[[G]] : tensor<16xf32>
// CHECK: return %[[T]], %[[G]]
func.func @second_user_splits(%x: tensor<16xf32>) -> (tensor<16xf32>, tensor<16xf32>) {
  %0 = act.relu %x : tensor<16xf32>
  %1 = act.sigmoid %0 : tensor<16xf32>
  %2 = act.tanh %1 : tensor<16xf32>
  return %2, %1 : tensor<16xf32>, tensor<16xf32>
}

// -----

// Negative: one act op alone, and a chain without an act op, stay.
// CHECK-LABEL: func @nothing_to_fuse
// CHECK-NEXT: act.relu
// CHECK-NEXT: arith.addf
// CHECK-NEXT: arith.mulf
// CHECK-NEXT: return
func.func @nothing_to_fuse(%x: tensor<16xf32>, %y: tensor<16xf32>) -> (tensor<16xf32>, tensor<16xf32>) {
  %0 = act.relu %x : tensor<16xf32>
  %1 = arith.addf %x, %y : tensor<16xf32>
  %2 = arith.mulf %1, %y : tensor<16xf32>
  return %0, %2 : tensor<16xf32>, tensor<16xf32>
}

// -----

// Dynamic sizes come from an input.
// CHECK-LABEL: func @dynamic
// CHECK-SAME: (%[[X:.*]]: tensor<?x8xf32>)
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[D:.*]] = tensor.dim %[[X]], %[[C0]] : tensor<?x8xf32>
// CHECK: %[[INIT:.*]] = tensor.empty(%[[D]]) : tensor<?x8xf32>
// CHECK: linalg.generic {{.*}} ins(%[[X]] : tensor<?x8xf32>) outs(%[[INIT]] : tensor<?x8xf32>)
func.func @dynamic(%x: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %0 = act.silu %x : tensor<?x8xf32>
  %1 = act.hard_swish %0 : tensor<?x8xf32>
  return %1 : tensor<?x8xf32>
}
