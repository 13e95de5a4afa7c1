// A ResNet-style conv block (pad 1, 3x3, + bias + relu) in NHWC, and an
// NCHW stride-2 3x3 conv + bias + relu6: act-run on the act.fused_conv2d
// form gives bit-identical outputs to the unfused linalg IR.

// RUN: act-opt %s --act-fuse | FileCheck %s --check-prefix=FUSED
// RUN: rm -rf %t && mkdir -p %t
// RUN: act-run %s --entry=nhwc_block --random-inputs --seed=11 --output-dir=%t/nhwc_unfused
// RUN: act-opt %s --act-fuse | act-run - --entry=nhwc_block --random-inputs --seed=11 --output-dir=%t/nhwc_fused
// RUN: act-numerics compare %t/nhwc_unfused/out0.npy %t/nhwc_fused/out0.npy --max-ulp=0 | FileCheck %s --check-prefix=NHWC
// RUN: act-run %s --entry=nchw_stride2 --random-inputs --seed=12 --output-dir=%t/nchw_unfused
// RUN: act-opt %s --act-fuse | act-run - --entry=nchw_stride2 --random-inputs --seed=12 --output-dir=%t/nchw_fused
// RUN: act-numerics compare %t/nchw_unfused/out0.npy %t/nchw_fused/out0.npy --max-ulp=0 | FileCheck %s --check-prefix=NCHW

// FUSED-LABEL: func @nhwc_block
// FUSED: act.fused_conv2d ins(%{{.*}}, %{{.*}} : tensor<1x18x18x16xf32>, tensor<3x3x16x32xf32>) bias(%{{.*}} : tensor<32xf32>)
// FUSED-LABEL: func @nchw_stride2
// FUSED: act.fused_conv2d ins(%{{.*}}, %{{.*}} : tensor<2x8x13x13xf32>, tensor<16x8x3x3xf32>) bias(%{{.*}} : tensor<16x1x1xf32>) outs(%{{.*}} : tensor<2x16x6x6xf32>) accumulate(f32) attributes {layout = #act.conv_layout<nchw_fchw>, strides = array<i64: 2, 2>}
// NHWC: compare (float32): 8192 values, max error 0 ulp (bound 0), 0 over bound
// NCHW: compare (float32): 1152 values, max error 0 ulp (bound 0), 0 over bound

#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>

func.func @nhwc_block(%x: tensor<1x16x16x16xf32>, %w: tensor<3x3x16x32xf32>, %bias: tensor<32xf32>) -> tensor<1x16x16x32xf32> {
  %zero = arith.constant 0.000000e+00 : f32
  %padded = tensor.pad %x low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x16x16x16xf32> to tensor<1x18x18x16xf32>
  %e = tensor.empty() : tensor<1x16x16x32xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<1x16x16x32xf32>) -> tensor<1x16x16x32xf32>
  %c = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%padded, %w : tensor<1x18x18x16xf32>, tensor<3x3x16x32xf32>) outs(%z : tensor<1x16x16x32xf32>) -> tensor<1x16x16x32xf32>
  %b = linalg.generic {indexing_maps = [#id4, affine_map<(d0, d1, d2, d3) -> (d3)>, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%c, %bias : tensor<1x16x16x32xf32>, tensor<32xf32>) outs(%e : tensor<1x16x16x32xf32>) {
  ^bb0(%in: f32, %bb: f32, %o: f32):
    %s = arith.addf %in, %bb : f32
    linalg.yield %s : f32
  } -> tensor<1x16x16x32xf32>
  %r = act.relu %b : tensor<1x16x16x32xf32>
  return %r : tensor<1x16x16x32xf32>
}

func.func @nchw_stride2(%x: tensor<2x8x13x13xf32>, %w: tensor<16x8x3x3xf32>, %bias: tensor<16xf32>) -> tensor<2x16x6x6xf32> {
  %zero = arith.constant 0.000000e+00 : f32
  %e = tensor.empty() : tensor<2x16x6x6xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<2x16x6x6xf32>) -> tensor<2x16x6x6xf32>
  %c = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%x, %w : tensor<2x8x13x13xf32>, tensor<16x8x3x3xf32>) outs(%z : tensor<2x16x6x6xf32>) -> tensor<2x16x6x6xf32>
  %b = linalg.generic {indexing_maps = [#id4, affine_map<(d0, d1, d2, d3) -> (d1)>, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%c, %bias : tensor<2x16x6x6xf32>, tensor<16xf32>) outs(%e : tensor<2x16x6x6xf32>) {
  ^bb0(%in: f32, %bb: f32, %o: f32):
    %s = arith.addf %in, %bb : f32
    linalg.yield %s : f32
  } -> tensor<2x16x6x6xf32>
  %r = act.clip %b {min = 0.0 : f64, max = 6.0 : f64} : tensor<2x16x6x6xf32>
  return %r : tensor<2x16x6x6xf32>
}
