// RUN: act-opt %s --split-input-file --convert-act-fused-matmul-to-vector="tile-m=4 tile-n=16" --canonicalize --cse | FileCheck %s

// NHWC fused convolution through the register-tiled kernel, no im2col: an
// scf.forall over (output row, 4 output columns, 16 channels) tiles; the
// reduction loops kh, kw, c carry the 4 accumulator vectors; each step
// loads one filter row (16 channels, contiguous in HWCF) and broadcasts one
// input element per accumulator row, at input column i * stride + kw *
// dilation; the epilogue runs on the accumulators and each row is stored
// once.

// CHECK-LABEL: func @conv_stride2
// The 4 output columns are one tile, so the forall runs over (oh, f).
// CHECK: scf.forall (%[[OH:.*]], %[[F:.*]]) = (0, 0) to (4, 32) step (1, 16)
// CHECK: %[[IN:.*]] = tensor.extract_slice %{{.*}} : tensor<1x10x10x8xf32> to tensor<1x3x9x8xf32>
// CHECK: %[[W:.*]] = tensor.extract_slice %{{.*}} : tensor<3x3x8x32xf32> to tensor<3x3x8x16xf32>
// CHECK: scf.for %[[KH:[a-z0-9_]+]] =
// CHECK: scf.for %[[KW:[a-z0-9_]+]] =
// Input columns of rows 1..3: kw + 2, kw + 4, kw + 6 (stride 2).
// CHECK: %[[W1:.*]] = arith.addi %[[KW]], %{{.*}} : index
// CHECK: %[[W2:.*]] = arith.addi %[[KW]], %{{.*}} : index
// CHECK: %[[W3:.*]] = arith.addi %[[KW]], %{{.*}} : index
// CHECK: scf.for %[[C:[a-z0-9_]+]] = {{.*}} -> (vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>) {
// CHECK-NEXT: %[[ROW:.*]] = vector.transfer_read %[[W]][%[[KH]], %[[KW]], %[[C]], %{{.*}}], %{{.*}} {in_bounds = [true]} : tensor<3x3x8x16xf32>, vector<16xf32>
// CHECK-NEXT: %[[A0:.*]] = tensor.extract %[[IN]][%{{.*}}, %[[KH]], %[[KW]], %[[C]]] : tensor<1x3x9x8xf32>
// CHECK-NEXT: %[[S0:.*]] = vector.broadcast %[[A0]] : f32 to vector<16xf32>
// CHECK-NEXT: vector.fma %[[S0]], %[[ROW]], %{{.*}} : vector<16xf32>
// CHECK-NEXT: %[[A1:.*]] = tensor.extract %[[IN]][%{{.*}}, %[[KH]], %[[W1]], %[[C]]] : tensor<1x3x9x8xf32>
// CHECK: } {act.register_tile = array<i64: 4, 16>}
// CHECK: %[[BIAS:.*]] = vector.transfer_read %{{.*}} : tensor<16xf32>, vector<16xf32>
// CHECK: arith.addf %{{.*}}, %[[BIAS]] : vector<16xf32>
// CHECK: act.relu %{{.*}} : vector<16xf32>
// CHECK: vector.transfer_write %{{.*}} : vector<16xf32>, tensor<1x1x4x16xf32>
func.func @conv_stride2(%x: tensor<1x10x10x8xf32>, %w: tensor<3x3x8x32xf32>, %b: tensor<32xf32>) -> tensor<1x4x4x32xf32> {
  %init = tensor.empty() : tensor<1x4x4x32xf32>
  %0 = act.fused_conv2d ins(%x, %w : tensor<1x10x10x8xf32>, tensor<3x3x8x32xf32>) bias(%b : tensor<32xf32>) outs(%init : tensor<1x4x4x32xf32>) accumulate(f32) attributes {strides = array<i64: 2, 2>} {
  ^bb0(%acc: f32, %bias: f32):
    %1 = arith.addf %acc, %bias : f32
    %2 = act.relu %1 : f32
    act.yield %2 : f32
  } -> tensor<1x4x4x32xf32>
  return %0 : tensor<1x4x4x32xf32>
}

// -----

// NCHW through the same kernel: an scf.forall over (4 channels, output
// row, 16 output columns) tiles; the reduction loops c, kh, kw (the
// reference's order) carry the 4 accumulator vectors; each step reads one
// vector of an input row (columns kw + 2 j: a slice with stride 2) and
// broadcasts one filter element per channel; a per-channel bias
// (tensor<16x1x1>) is broadcast along the columns; one store per channel.
// CHECK-LABEL: func @conv_nchw_stride2
// CHECK: scf.forall (%[[F:.*]], %[[OH:.*]]) = (0, 0) to (16, 4) step (4, 1)
// CHECK: %[[IN:.*]] = tensor.extract_slice %{{.*}} : tensor<1x8x10x10xf32> to tensor<1x8x3x9xf32>
// CHECK: %[[W:.*]] = tensor.extract_slice %{{.*}} : tensor<16x8x3x3xf32> to tensor<4x8x3x3xf32>
// CHECK: scf.for %[[C:[a-z0-9_]+]] =
// CHECK: scf.for %[[KH:[a-z0-9_]+]] =
// CHECK: scf.for %[[KW:[a-z0-9_]+]] = {{.*}} -> (vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>) {
// CHECK: %[[ROW:.*]] = tensor.extract_slice %[[IN]][0, %[[C]], %[[KH]], %[[KW]]] [1, 1, 1, %{{.*}}] [1, 1, 1, 2] : tensor<1x8x3x9xf32> to tensor<?xf32>
// CHECK-NEXT: %[[V:.*]] = vector.transfer_read %[[ROW]][%{{.*}}], %{{.*}} : tensor<?xf32>, vector<16xf32>
// CHECK-NEXT: %[[F0:.*]] = tensor.extract %[[W]][%{{.*}}, %[[C]], %[[KH]], %[[KW]]] : tensor<4x8x3x3xf32>
// CHECK-NEXT: %[[S0:.*]] = vector.broadcast %[[F0]] : f32 to vector<16xf32>
// CHECK-NEXT: vector.fma %[[S0]], %[[V]], %{{.*}} : vector<16xf32>
// CHECK: } {act.register_tile = array<i64: 4, 16>}
// CHECK: %[[BIAS:.*]] = vector.transfer_read %{{.*}} {in_bounds = [true], permutation_map = #{{.*}}} : tensor<4x1x1xf32>, vector<16xf32>
// CHECK: arith.addf %{{.*}}, %[[BIAS]] : vector<16xf32>
// CHECK-COUNT-4: vector.transfer_write %{{.*}} : vector<16xf32>, tensor<1x4x1x4xf32>
// CHECK-NOT: vector.transfer_write
func.func @conv_nchw_stride2(%x: tensor<1x8x10x10xf32>, %w: tensor<16x8x3x3xf32>, %b: tensor<16x1x1xf32>) -> tensor<1x16x4x4xf32> {
  %init = tensor.empty() : tensor<1x16x4x4xf32>
  %0 = act.fused_conv2d ins(%x, %w : tensor<1x8x10x10xf32>, tensor<16x8x3x3xf32>) bias(%b : tensor<16x1x1xf32>) outs(%init : tensor<1x16x4x4xf32>) accumulate(f32) attributes {layout = #act.conv_layout<nchw_fchw>, strides = array<i64: 2, 2>} {
  ^bb0(%acc: f32, %bias: f32):
    %1 = arith.addf %acc, %bias : f32
    act.yield %1 : f32
  } -> tensor<1x16x4x4xf32>
  return %0 : tensor<1x16x4x4xf32>
}
