// Batch matmul + bias + leaky_relu, in mixed precision (f16 inputs, f32
// accumulation, f16 result), bit-identical fused and unfused. Then the
// IREE form, where the bias is broadcast into the accumulator: fusion moves
// it after the sum, which reassociates it, so the outputs agree within the
// bound below rather than bit for bit.

// RUN: act-opt %s --act-fuse | FileCheck %s --check-prefix=FUSED
// RUN: rm -rf %t && mkdir -p %t
// RUN: act-run %s --entry=bmm_f16 --random-inputs --seed=5 --output-dir=%t/f16_unfused
// RUN: act-opt %s --act-fuse | act-run - --entry=bmm_f16 --random-inputs --seed=5 --output-dir=%t/f16_fused
// RUN: act-numerics compare %t/f16_unfused/out0.npy %t/f16_fused/out0.npy --max-ulp=0 | FileCheck %s --check-prefix=F16
// RUN: act-run %s --entry=bmm_bias_in_accumulator --random-inputs --seed=6 --output-dir=%t/acc_unfused
// RUN: act-opt %s --act-fuse | act-run - --entry=bmm_bias_in_accumulator --random-inputs --seed=6 --output-dir=%t/acc_fused
// Bound: the two summation orders of the same 17 terms (16 products of
// values in [-4, 4), and the bias) each err by at most 17 u sum|term|, with
// u = 2^-24 and sum|term| < 16 * 16 + 4 = 260, so they differ by at most
// 2 * 17 * 2^-24 * 260 = 5.3e-4; leaky_relu (slope 0.1) only shrinks that.
// RUN: act-numerics compare %t/acc_unfused/out0.npy %t/acc_fused/out0.npy --atol=5.3e-4 | FileCheck %s --check-prefix=ACC

// A weight broadcast along the batch (torch.matmul 3-D x 2-D) is read once
// as a shared matrix; bit-identical.
// RUN: act-run %s --entry=bmm_shared_weight --random-inputs --seed=8 --output-dir=%t/shared_unfused
// RUN: act-opt %s --act-fuse | act-run - --entry=bmm_shared_weight --random-inputs --seed=8 --output-dir=%t/shared_fused
// RUN: act-numerics compare %t/shared_unfused/out0.npy %t/shared_fused/out0.npy --max-ulp=0 | FileCheck %s --check-prefix=SHARED

// FUSED-LABEL: func @bmm_f16
// FUSED: act.fused_matmul ins(%{{.*}}, %{{.*}} : tensor<4x16x32xf16>, tensor<4x32x24xf16>) bias(%{{.*}} : tensor<24xf32>) outs(%{{.*}} : tensor<4x16x24xf16>) accumulate(f32)
// FUSED: act.leaky_relu
// FUSED: arith.truncf
// FUSED-LABEL: func @bmm_bias_in_accumulator
// FUSED-NOT: linalg.broadcast
// FUSED: act.fused_matmul ins(%{{.*}}, %{{.*}} : tensor<4x16x16xf32>, tensor<4x16x24xf32>) bias(%{{.*}} : tensor<24xf32>)
// FUSED-LABEL: func @bmm_shared_weight
// FUSED: act.fused_matmul ins(%{{.*}}, %{{.*}} : tensor<3x8x16xf32>, tensor<16x24xf32>)
// SHARED: compare (float32): 576 values, max error 0 ulp (bound 0), 0 over bound
// F16: compare (float16): 1536 values, max error 0 ulp (bound 0), 0 over bound
// The fused result is not bit-identical (here a result near zero is
// thousands of ulp away), but within the bound.
// ACC: compare (float32): 1536 values, max error {{[1-9][0-9]*}} ulp (bound 0, or |a - b| <= 0.00053 + 0 * |b|), 0 over bound; max |a - b| {{[0-9.e-]+}}; worst at element

#id3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#along_n = affine_map<(d0, d1, d2) -> (d2)>

func.func @bmm_f16(%a: tensor<4x16x32xf16>, %b: tensor<4x32x24xf16>, %bias: tensor<24xf32>) -> tensor<4x16x24xf16> {
  %zero = arith.constant 0.000000e+00 : f32
  %e = tensor.empty() : tensor<4x16x24xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<4x16x24xf32>) -> tensor<4x16x24xf32>
  %mm = linalg.batch_matmul ins(%a, %b : tensor<4x16x32xf16>, tensor<4x32x24xf16>) outs(%z : tensor<4x16x24xf32>) -> tensor<4x16x24xf32>
  %e16 = tensor.empty() : tensor<4x16x24xf16>
  %r = linalg.generic {indexing_maps = [#id3, #along_n, #id3], iterator_types = ["parallel", "parallel", "parallel"]} ins(%mm, %bias : tensor<4x16x24xf32>, tensor<24xf32>) outs(%e16 : tensor<4x16x24xf16>) {
  ^bb0(%in: f32, %bb: f32, %o: f16):
    %s = arith.addf %in, %bb : f32
    %l = act.leaky_relu %s {alpha = 0.1 : f64} : f32
    %t = arith.truncf %l : f32 to f16
    linalg.yield %t : f16
  } -> tensor<4x16x24xf16>
  return %r : tensor<4x16x24xf16>
}

func.func @bmm_bias_in_accumulator(%a: tensor<4x16x16xf32>, %b: tensor<4x16x24xf32>, %bias: tensor<24xf32>) -> tensor<4x16x24xf32> {
  %e = tensor.empty() : tensor<4x16x24xf32>
  %bb = linalg.broadcast ins(%bias : tensor<24xf32>) outs(%e : tensor<4x16x24xf32>) dimensions = [0, 1]
  %mm = linalg.batch_matmul ins(%a, %b : tensor<4x16x16xf32>, tensor<4x16x24xf32>) outs(%bb : tensor<4x16x24xf32>) -> tensor<4x16x24xf32>
  %r = act.leaky_relu %mm {alpha = 0.1 : f64} : tensor<4x16x24xf32>
  return %r : tensor<4x16x24xf32>
}

func.func @bmm_shared_weight(%x: tensor<3x8x16xf32>, %w: tensor<16x24xf32>, %bias: tensor<24xf32>) -> tensor<3x8x24xf32> {
  %zero = arith.constant 0.000000e+00 : f32
  %ew = tensor.empty() : tensor<3x16x24xf32>
  %wb = linalg.broadcast ins(%w : tensor<16x24xf32>) outs(%ew : tensor<3x16x24xf32>) dimensions = [0]
  %e = tensor.empty() : tensor<3x8x24xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<3x8x24xf32>) -> tensor<3x8x24xf32>
  %mm = linalg.batch_matmul ins(%x, %wb : tensor<3x8x16xf32>, tensor<3x16x24xf32>) outs(%z : tensor<3x8x24xf32>) -> tensor<3x8x24xf32>
  %r = linalg.generic {indexing_maps = [#id3, #along_n, #id3], iterator_types = ["parallel", "parallel", "parallel"]} ins(%mm, %bias : tensor<3x8x24xf32>, tensor<24xf32>) outs(%e : tensor<3x8x24xf32>) {
  ^bb0(%in: f32, %bb: f32, %o: f32):
    %s = arith.addf %in, %bb : f32
    %l = act.leaky_relu %s : f32
    linalg.yield %l : f32
  } -> tensor<3x8x24xf32>
  return %r : tensor<3x8x24xf32>
}
