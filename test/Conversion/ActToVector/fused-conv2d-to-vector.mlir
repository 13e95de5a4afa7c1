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

// NCHW stays for the reference lowering.
// CHECK-LABEL: func @conv_nchw_kept
// CHECK: act.fused_conv2d
// CHECK-NOT: act.register_tile
func.func @conv_nchw_kept(%x: tensor<1x8x6x6xf32>, %w: tensor<16x8x3x3xf32>) -> tensor<1x16x4x4xf32> {
  %init = tensor.empty() : tensor<1x16x4x4xf32>
  %0 = act.fused_conv2d ins(%x, %w : tensor<1x8x6x6xf32>, tensor<16x8x3x3xf32>) outs(%init : tensor<1x16x4x4xf32>) accumulate(f32) attributes {layout = #act.conv_layout<nchw_fchw>} {
  ^bb0(%acc: f32):
    act.yield %acc : f32
  } -> tensor<1x16x4x4xf32>
  return %0 : tensor<1x16x4x4xf32>
}
