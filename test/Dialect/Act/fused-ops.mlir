// RUN: act-opt %s --split-input-file | act-opt --split-input-file | FileCheck %s
// RUN: act-opt %s --split-input-file --mlir-print-op-generic | act-opt --split-input-file | FileCheck %s

// act.fused_matmul and act.fused_conv2d round-trip through their custom and
// generic forms: operands, optional bias and extra operands, transpose flags,
// accumulator type, conv layout/strides and the epilogue region.

// CHECK-LABEL: func @matmul_bias_relu
// CHECK-SAME: (%[[A:.*]]: tensor<64x256xf32>, %[[B:.*]]: tensor<256x128xf32>, %[[BIAS:.*]]: tensor<128xf32>)
// CHECK: %[[INIT:.*]] = tensor.empty() : tensor<64x128xf32>
// CHECK: %[[R:.*]] = act.fused_matmul ins(%[[A]], %[[B]] : tensor<64x256xf32>, tensor<256x128xf32>) bias(%[[BIAS]] : tensor<128xf32>) outs(%[[INIT]] : tensor<64x128xf32>) accumulate(f32) {
// CHECK-NEXT: ^bb0(%[[ACC:.*]]: f32, %[[BE:.*]]: f32):
// CHECK-NEXT:   %[[S:.*]] = arith.addf %[[ACC]], %[[BE]] : f32
// CHECK-NEXT:   %[[Y:.*]] = act.relu %[[S]] : f32
// CHECK-NEXT:   act.yield %[[Y]] : f32
// CHECK-NEXT: } -> tensor<64x128xf32>
// CHECK-NEXT: return %[[R]]
func.func @matmul_bias_relu(%a: tensor<64x256xf32>, %b: tensor<256x128xf32>, %bias: tensor<128xf32>) -> tensor<64x128xf32> {
  %init = tensor.empty() : tensor<64x128xf32>
  %r = act.fused_matmul ins(%a, %b : tensor<64x256xf32>, tensor<256x128xf32>) bias(%bias : tensor<128xf32>) outs(%init : tensor<64x128xf32>) accumulate(f32) {
  ^bb0(%acc: f32, %be: f32):
    %s = arith.addf %acc, %be : f32
    %y = act.relu %s : f32
    act.yield %y : f32
  } -> tensor<64x128xf32>
  return %r : tensor<64x128xf32>
}

// -----

// Mixed precision, transposed rhs, a residual operand, and a batch matmul
// whose rhs is shared by every batch.
// CHECK-LABEL: func @mixed_precision_transposed
// CHECK: act.fused_matmul ins(%{{.*}}, %{{.*}} : tensor<8x32xf16>, tensor<16x32xf16>) transpose_b bias(%{{.*}} : tensor<16xf32>) operands(%{{.*}} : tensor<8x16xf16>) outs(%{{.*}} : tensor<8x16xf16>) accumulate(f32) {
// CHECK-NEXT: ^bb0(%{{.*}}: f32, %{{.*}}: f32, %{{.*}}: f16):
// CHECK: act.gelu %{{.*}} {approximate = #act.gelu_approximation<tanh>} : f32
// CHECK: arith.truncf
// CHECK: act.yield %{{.*}} : f16
// CHECK: } -> tensor<8x16xf16>
// CHECK-LABEL: func @batched_shared_rhs
// CHECK: act.fused_matmul ins(%{{.*}}, %{{.*}} : tensor<3x8x4xf32>, tensor<5x8xf32>) transpose_a transpose_b outs(%{{.*}} : tensor<3x4x5xf32>) accumulate(f64) {
func.func @mixed_precision_transposed(%a: tensor<8x32xf16>, %w: tensor<16x32xf16>, %bias: tensor<16xf32>, %res: tensor<8x16xf16>) -> tensor<8x16xf16> {
  %init = tensor.empty() : tensor<8x16xf16>
  %r = act.fused_matmul ins(%a, %w : tensor<8x32xf16>, tensor<16x32xf16>) transpose_b bias(%bias : tensor<16xf32>) operands(%res : tensor<8x16xf16>) outs(%init : tensor<8x16xf16>) accumulate(f32) {
  ^bb0(%acc: f32, %be: f32, %re: f16):
    %s = arith.addf %acc, %be : f32
    %g = act.gelu %s {approximate = #act.gelu_approximation<tanh>} : f32
    %t = arith.truncf %g : f32 to f16
    %o = arith.addf %t, %re : f16
    act.yield %o : f16
  } -> tensor<8x16xf16>
  return %r : tensor<8x16xf16>
}
func.func @batched_shared_rhs(%a: tensor<3x8x4xf32>, %b: tensor<5x8xf32>) -> tensor<3x4x5xf32> {
  %init = tensor.empty() : tensor<3x4x5xf32>
  %r = act.fused_matmul ins(%a, %b : tensor<3x8x4xf32>, tensor<5x8xf32>) transpose_a transpose_b outs(%init : tensor<3x4x5xf32>) accumulate(f64) {
  ^bb0(%acc: f64):
    %t = arith.truncf %acc : f64 to f32
    act.yield %t : f32
  } -> tensor<3x4x5xf32>
  return %r : tensor<3x4x5xf32>
}

// -----

// CHECK-LABEL: func @conv_nhwc
// CHECK: act.fused_conv2d ins(%{{.*}}, %{{.*}} : tensor<1x58x58x64xf32>, tensor<3x3x64x32xf32>) bias(%{{.*}} : tensor<32xf32>) outs(%{{.*}} : tensor<1x28x28x32xf32>) accumulate(f32) attributes {strides = array<i64: 2, 2>} {
// CHECK-LABEL: func @conv_nchw
// CHECK: act.fused_conv2d ins(%{{.*}}, %{{.*}} : tensor<1x8x12x12xf32>, tensor<16x8x3x3xf32>) bias(%{{.*}} : tensor<16x1x1xf32>) outs(%{{.*}} : tensor<1x16x8x8xf32>) accumulate(f32) attributes {dilations = array<i64: 2, 2>, layout = #act.conv_layout<nchw_fchw>} {
func.func @conv_nhwc(%x: tensor<1x58x58x64xf32>, %w: tensor<3x3x64x32xf32>, %b: tensor<32xf32>) -> tensor<1x28x28x32xf32> {
  %init = tensor.empty() : tensor<1x28x28x32xf32>
  %0 = act.fused_conv2d ins(%x, %w : tensor<1x58x58x64xf32>, tensor<3x3x64x32xf32>) bias(%b : tensor<32xf32>) outs(%init : tensor<1x28x28x32xf32>) accumulate(f32) attributes {strides = array<i64: 2, 2>} {
  ^bb0(%acc: f32, %bias: f32):
    %1 = arith.addf %acc, %bias : f32
    %2 = act.relu %1 : f32
    act.yield %2 : f32
  } -> tensor<1x28x28x32xf32>
  return %0 : tensor<1x28x28x32xf32>
}
func.func @conv_nchw(%x: tensor<1x8x12x12xf32>, %w: tensor<16x8x3x3xf32>, %b: tensor<16x1x1xf32>) -> tensor<1x16x8x8xf32> {
  %init = tensor.empty() : tensor<1x16x8x8xf32>
  %0 = act.fused_conv2d ins(%x, %w : tensor<1x8x12x12xf32>, tensor<16x8x3x3xf32>) bias(%b : tensor<16x1x1xf32>) outs(%init : tensor<1x16x8x8xf32>) accumulate(f32) attributes {layout = #act.conv_layout<nchw_fchw>, dilations = array<i64: 2, 2>} {
  ^bb0(%acc: f32, %bias: f32):
    %1 = arith.addf %acc, %bias : f32
    act.yield %1 : f32
  } -> tensor<1x16x8x8xf32>
  return %0 : tensor<1x16x8x8xf32>
}

// -----

// Dynamic sizes verify (they are assumed to agree).
// CHECK-LABEL: func @dynamic
// CHECK: act.fused_matmul ins(%{{.*}}, %{{.*}} : tensor<?x?xf32>, tensor<?x16xf32>) bias(%{{.*}} : tensor<16xf32>) outs(%{{.*}} : tensor<?x16xf32>) accumulate(f32)
func.func @dynamic(%a: tensor<?x?xf32>, %b: tensor<?x16xf32>, %bias: tensor<16xf32>, %init: tensor<?x16xf32>) -> tensor<?x16xf32> {
  %r = act.fused_matmul ins(%a, %b : tensor<?x?xf32>, tensor<?x16xf32>) bias(%bias : tensor<16xf32>) outs(%init : tensor<?x16xf32>) accumulate(f32) {
  ^bb0(%acc: f32, %be: f32):
    %s = arith.addf %acc, %be : f32
    act.yield %s : f32
  } -> tensor<?x16xf32>
  return %r : tensor<?x16xf32>
}
