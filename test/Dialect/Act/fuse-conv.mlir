// RUN: act-opt %s --split-input-file --act-fuse | FileCheck %s

// linalg.conv_2d_nhwc_hwcf / nchw_fchw + bias + activation become one
// act.fused_conv2d with the layout, strides and dilations of the conv. The
// padding stays a tensor.pad on the input, as for the linalg convolutions.

#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#channel_nhwc = affine_map<(d0, d1, d2, d3) -> (d3)>

// The ResNet block: pad 1, 3x3, + bias + relu (relu as arith.maximumf in
// the same generic body as the bias add, as torch-mlir emits it after
// elementwise fusion).
// CHECK-LABEL: func @resnet_block_nhwc
// CHECK-SAME: (%[[X:.*]]: tensor<1x56x56x64xf32>, %[[W:.*]]: tensor<3x3x64x64xf32>, %[[BIAS:.*]]: tensor<64xf32>)
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[PAD:.*]] = tensor.pad %[[X]]
// CHECK: %[[INIT:.*]] = tensor.empty() : tensor<1x56x56x64xf32>
// CHECK: %[[R:.*]] = act.fused_conv2d ins(%[[PAD]], %[[W]] : tensor<1x58x58x64xf32>, tensor<3x3x64x64xf32>) bias(%[[BIAS]] : tensor<64xf32>) outs(%[[INIT]] : tensor<1x56x56x64xf32>) accumulate(f32) {
// CHECK-NEXT: ^bb0(%[[ACC:.*]]: f32, %[[BE:.*]]: f32):
// CHECK-NEXT:   %[[S:.*]] = arith.addf %[[ACC]], %[[BE]] : f32
// CHECK-NEXT:   %[[Y:.*]] = arith.maximumf %[[S]], %[[ZERO]] : f32
// CHECK-NEXT:   act.yield %[[Y]] : f32
// CHECK-NEXT: } -> tensor<1x56x56x64xf32>
// CHECK-NEXT: return %[[R]]
func.func @resnet_block_nhwc(%x: tensor<1x56x56x64xf32>, %w: tensor<3x3x64x64xf32>, %bias: tensor<64xf32>) -> tensor<1x56x56x64xf32> {
  %cst = arith.constant 0.000000e+00 : f32
  %padded = tensor.pad %x low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %cst : f32
  } : tensor<1x56x56x64xf32> to tensor<1x58x58x64xf32>
  %e = tensor.empty() : tensor<1x56x56x64xf32>
  %z = linalg.fill ins(%cst : f32) outs(%e : tensor<1x56x56x64xf32>) -> tensor<1x56x56x64xf32>
  %c = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%padded, %w : tensor<1x58x58x64xf32>, tensor<3x3x64x64xf32>) outs(%z : tensor<1x56x56x64xf32>) -> tensor<1x56x56x64xf32>
  %b = linalg.generic {indexing_maps = [#id4, #channel_nhwc, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%c, %bias : tensor<1x56x56x64xf32>, tensor<64xf32>) outs(%e : tensor<1x56x56x64xf32>) {
  ^bb0(%in: f32, %bb: f32, %o: f32):
    %s = arith.addf %in, %bb : f32
    %r = arith.maximumf %s, %cst : f32
    linalg.yield %r : f32
  } -> tensor<1x56x56x64xf32>
  return %b : tensor<1x56x56x64xf32>
}

// -----

#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#channel_nchw = affine_map<(d0, d1, d2, d3) -> (d1)>

// NCHW, stride 2, 1x1 filter: the per-channel bias (d1) becomes Fx1x1.
// CHECK-LABEL: func @pointwise_stride2_nchw
// CHECK-SAME: (%[[X:.*]]: tensor<2x8x10x10xf32>, %[[W:.*]]: tensor<16x8x1x1xf32>, %[[BIAS:.*]]: tensor<16xf32>)
// CHECK: %[[B3:.*]] = tensor.expand_shape %[[BIAS]] {{\[}}[0, 1, 2]] output_shape [16, 1, 1] : tensor<16xf32> into tensor<16x1x1xf32>
// CHECK: act.fused_conv2d ins(%[[X]], %[[W]] : tensor<2x8x10x10xf32>, tensor<16x8x1x1xf32>) bias(%[[B3]] : tensor<16x1x1xf32>) outs(%{{.*}} : tensor<2x16x5x5xf32>) accumulate(f32) attributes {layout = #act.conv_layout<nchw_fchw>, strides = array<i64: 2, 2>} {
// CHECK-NEXT: ^bb0(%[[ACC:.*]]: f32, %[[BE:.*]]: f32):
// CHECK-NEXT:   %[[S:.*]] = arith.addf %[[ACC]], %[[BE]] : f32
// CHECK-NEXT:   %[[Y:.*]] = act.relu %[[S]] : f32
// CHECK-NEXT:   act.yield %[[Y]] : f32
func.func @pointwise_stride2_nchw(%x: tensor<2x8x10x10xf32>, %w: tensor<16x8x1x1xf32>, %bias: tensor<16xf32>) -> tensor<2x16x5x5xf32> {
  %cst = arith.constant 0.000000e+00 : f32
  %e = tensor.empty() : tensor<2x16x5x5xf32>
  %z = linalg.fill ins(%cst : f32) outs(%e : tensor<2x16x5x5xf32>) -> tensor<2x16x5x5xf32>
  %c = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%x, %w : tensor<2x8x10x10xf32>, tensor<16x8x1x1xf32>) outs(%z : tensor<2x16x5x5xf32>) -> tensor<2x16x5x5xf32>
  %b = linalg.generic {indexing_maps = [#id4, #channel_nchw, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%c, %bias : tensor<2x16x5x5xf32>, tensor<16xf32>) outs(%e : tensor<2x16x5x5xf32>) {
  ^bb0(%in: f32, %bb: f32, %o: f32):
    %s = arith.addf %in, %bb : f32
    linalg.yield %s : f32
  } -> tensor<2x16x5x5xf32>
  %r = act.relu %b : tensor<2x16x5x5xf32>
  return %r : tensor<2x16x5x5xf32>
}

// -----

// Dilation is carried over.
// CHECK-LABEL: func @dilated
// CHECK: act.fused_conv2d ins(%{{.*}}, %{{.*}} : tensor<1x9x9x4xf32>, tensor<3x3x4x8xf32>) outs(%{{.*}} : tensor<1x5x5x8xf32>) accumulate(f32) attributes {dilations = array<i64: 2, 2>} {
// CHECK: act.sigmoid
func.func @dilated(%x: tensor<1x9x9x4xf32>, %w: tensor<3x3x4x8xf32>) -> tensor<1x5x5x8xf32> {
  %cst = arith.constant 0.000000e+00 : f32
  %e = tensor.empty() : tensor<1x5x5x8xf32>
  %z = linalg.fill ins(%cst : f32) outs(%e : tensor<1x5x5x8xf32>) -> tensor<1x5x5x8xf32>
  %c = linalg.conv_2d_nhwc_hwcf {dilations = dense<2> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x9x9x4xf32>, tensor<3x3x4x8xf32>) outs(%z : tensor<1x5x5x8xf32>) -> tensor<1x5x5x8xf32>
  %r = act.sigmoid %c : tensor<1x5x5x8xf32>
  return %r : tensor<1x5x5x8xf32>
}

// -----

// Negative: the conv result is also returned; nothing fuses.
// CHECK-LABEL: func @conv_second_user
// CHECK: linalg.conv_2d_nhwc_hwcf
// CHECK: act.relu %{{.*}} : tensor<1x8x8x16xf32>
// CHECK-NOT: act.fused_conv2d
func.func @conv_second_user(%x: tensor<1x10x10x8xf32>, %w: tensor<3x3x8x16xf32>) -> (tensor<1x8x8x16xf32>, tensor<1x8x8x16xf32>) {
  %cst = arith.constant 0.000000e+00 : f32
  %e = tensor.empty() : tensor<1x8x8x16xf32>
  %z = linalg.fill ins(%cst : f32) outs(%e : tensor<1x8x8x16xf32>) -> tensor<1x8x8x16xf32>
  %c = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x10x10x8xf32>, tensor<3x3x8x16xf32>) outs(%z : tensor<1x8x8x16xf32>) -> tensor<1x8x8x16xf32>
  %r = act.relu %c : tensor<1x8x8x16xf32>
  return %r, %c : tensor<1x8x8x16xf32>, tensor<1x8x8x16xf32>
}

// -----

// An output that stops short of the last window that fits (allowed by the
// linalg convolutions) is allowed by act.fused_conv2d too.
// CHECK-LABEL: func @short_output
// CHECK: act.fused_conv2d ins(%{{.*}}, %{{.*}} : tensor<1x10x10x2xf32>, tensor<3x3x2x4xf32>) outs(%{{.*}} : tensor<1x3x3x4xf32>) accumulate(f32) attributes {strides = array<i64: 2, 2>}
func.func @short_output(%x: tensor<1x10x10x2xf32>, %w: tensor<3x3x2x4xf32>) -> tensor<1x3x3x4xf32> {
  %cst = arith.constant 0.000000e+00 : f32
  %e = tensor.empty() : tensor<1x3x3x4xf32>
  %z = linalg.fill ins(%cst : f32) outs(%e : tensor<1x3x3x4xf32>) -> tensor<1x3x3x4xf32>
  %c = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%x, %w : tensor<1x10x10x2xf32>, tensor<3x3x2x4xf32>) outs(%z : tensor<1x3x3x4xf32>) -> tensor<1x3x3x4xf32>
  %r = act.relu %c : tensor<1x3x3x4xf32>
  return %r : tensor<1x3x3x4xf32>
}
