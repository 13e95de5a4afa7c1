// RUN: act-opt %s --split-input-file --convert-act-to-linalg | FileCheck %s

// A fused contraction lowers to the two linalg.generic ops it stands for:
// the contraction into a +0.0-filled accumulator of the accumulator type
// (extf, mulf, addf per step: linalg.matmul's body), then the epilogue
// region as the body of a parallel generic over the result.

// CHECK-DAG: #[[LHS:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[RHST:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ALONGN:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func @matmul_mixed_precision
// CHECK-SAME: (%[[A:.*]]: tensor<4x8xf16>, %[[W:.*]]: tensor<16x8xf16>, %[[BIAS:.*]]: tensor<16xf32>, %[[RES:.*]]: tensor<4x16xf16>)
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG: %[[INIT:.*]] = tensor.empty() : tensor<4x16xf16>
// CHECK-DAG: %[[ACCE:.*]] = tensor.empty() : tensor<4x16xf32>
// CHECK: %[[FILL:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[ACCE]] : tensor<4x16xf32>)
// CHECK: %[[ACC:.*]] = linalg.generic {indexing_maps = [#[[LHS]], #[[RHST]], #[[OUT]]], iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[A]], %[[W]] : tensor<4x8xf16>, tensor<16x8xf16>) outs(%[[FILL]] : tensor<4x16xf32>) {
// CHECK-NEXT: ^bb0(%[[IA:.*]]: f16, %[[IB:.*]]: f16, %[[IO:.*]]: f32):
// CHECK-NEXT:   %[[EA:.*]] = arith.extf %[[IA]] : f16 to f32
// CHECK-NEXT:   %[[EB:.*]] = arith.extf %[[IB]] : f16 to f32
// CHECK-NEXT:   %[[P:.*]] = arith.mulf %[[EA]], %[[EB]] : f32
// CHECK-NEXT:   %[[S:.*]] = arith.addf %[[IO]], %[[P]] : f32
// CHECK-NEXT:   linalg.yield %[[S]] : f32
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ALONGN]], #[[ID]], #[[ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[ACC]], %[[BIAS]], %[[RES]] : tensor<4x16xf32>, tensor<16xf32>, tensor<4x16xf16>) outs(%[[INIT]] : tensor<4x16xf16>) {
// CHECK-NEXT: ^bb0(%[[EACC:.*]]: f32, %[[EBIAS:.*]]: f32, %[[ERES:.*]]: f16, %{{.*}}: f16):
// CHECK-NEXT:   %[[T0:.*]] = arith.addf %[[EACC]], %[[EBIAS]] : f32
// CHECK-NEXT:   %[[T1:.*]] = act.gelu %[[T0]] : f32
// CHECK-NEXT:   %[[T2:.*]] = arith.truncf %[[T1]] : f32 to f16
// CHECK-NEXT:   %[[T3:.*]] = arith.addf %[[T2]], %[[ERES]] : f16
// CHECK-NEXT:   linalg.yield %[[T3]] : f16
// CHECK: return %[[R]]
func.func @matmul_mixed_precision(%a: tensor<4x8xf16>, %w: tensor<16x8xf16>, %b: tensor<16xf32>, %r: tensor<4x16xf16>) -> tensor<4x16xf16> {
  %init = tensor.empty() : tensor<4x16xf16>
  %0 = act.fused_matmul ins(%a, %w : tensor<4x8xf16>, tensor<16x8xf16>) transpose_b bias(%b : tensor<16xf32>) operands(%r : tensor<4x16xf16>) outs(%init : tensor<4x16xf16>) accumulate(f32) {
  ^bb0(%acc: f32, %bias: f32, %res: f16):
    %1 = arith.addf %acc, %bias : f32
    %2 = act.gelu %1 : f32
    %3 = arith.truncf %2 : f32 to f16
    %4 = arith.addf %3, %res : f16
    act.yield %4 : f16
  } -> tensor<4x16xf16>
  return %0 : tensor<4x16xf16>
}

// -----

// Batch matmul with a shared rhs and a per-row bias; the accumulator's
// dynamic batch size comes from the init.
// CHECK-DAG: #[[BLHS:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-DAG: #[[BRHS:.*]] = affine_map<(d0, d1, d2, d3) -> (d3, d2)>
// CHECK-DAG: #[[BOUT:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1, d2) -> (d1, 0)>
// CHECK-LABEL: func @batched
// CHECK-SAME: (%[[A:.*]]: tensor<?x4x8xf32>, %[[B:.*]]: tensor<8x5xf32>, %[[BIAS:.*]]: tensor<4x1xf32>, %[[INIT:.*]]: tensor<?x4x5xf32>)
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[N:.*]] = tensor.dim %[[INIT]], %[[C0]] : tensor<?x4x5xf32>
// CHECK: %[[ACCE:.*]] = tensor.empty(%[[N]]) : tensor<?x4x5xf32>
// CHECK: linalg.generic {indexing_maps = [#[[BLHS]], #[[BRHS]], #[[BOUT]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[ROW]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel"]}
func.func @batched(%a: tensor<?x4x8xf32>, %b: tensor<8x5xf32>, %bias: tensor<4x1xf32>, %init: tensor<?x4x5xf32>) -> tensor<?x4x5xf32> {
  %0 = act.fused_matmul ins(%a, %b : tensor<?x4x8xf32>, tensor<8x5xf32>) bias(%bias : tensor<4x1xf32>) outs(%init : tensor<?x4x5xf32>) accumulate(f32) {
  ^bb0(%acc: f32, %be: f32):
    %1 = arith.addf %acc, %be : f32
    act.yield %1 : f32
  } -> tensor<?x4x5xf32>
  return %0 : tensor<?x4x5xf32>
}

// -----

// The convolution keeps linalg.conv_2d_nchw_fchw's loop order (n, f, oh, ow,
// c, kh, kw) and its strided, dilated input access.
// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d4, d2 * 2 + d5 * 2, d3 * 2 + d6 * 2)>
// CHECK-DAG: #[[FILTER:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d1, d4, d5, d6)>
// CHECK-DAG: #[[COUT:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[CBIAS:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, 0, 0)>
// CHECK-LABEL: func @conv_nchw
// CHECK: linalg.generic {indexing_maps = [#[[IN]], #[[FILTER]], #[[COUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[CBIAS]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
// CHECK: act.relu
func.func @conv_nchw(%x: tensor<1x8x12x12xf32>, %w: tensor<16x8x3x3xf32>, %b: tensor<16x1x1xf32>) -> tensor<1x16x4x4xf32> {
  %init = tensor.empty() : tensor<1x16x4x4xf32>
  %0 = act.fused_conv2d ins(%x, %w : tensor<1x8x12x12xf32>, tensor<16x8x3x3xf32>) bias(%b : tensor<16x1x1xf32>) outs(%init : tensor<1x16x4x4xf32>) accumulate(f32) attributes {layout = #act.conv_layout<nchw_fchw>, strides = array<i64: 2, 2>, dilations = array<i64: 2, 2>} {
  ^bb0(%acc: f32, %bias: f32):
    %1 = arith.addf %acc, %bias : f32
    %2 = act.relu %1 : f32
    act.yield %2 : f32
  } -> tensor<1x16x4x4xf32>
  return %0 : tensor<1x16x4x4xf32>
}
