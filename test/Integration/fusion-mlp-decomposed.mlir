// The 3-layer MLP of fusion-mlp.mlir as torch-mlir emits it without act
// ops: each layer one linalg.generic with the bias add and the activation
// decomposed into arith/math (relu as maximumf with 0, GELU as
// x * 0.5 * (1 + erf(x * 0.7071...)), SiLU as x / (1 + exp(-x))).
// --act-raise --act-fuse turns every layer into one act.fused_matmul with
// act.relu / act.gelu / act.silu in its epilogue. The weights are scaled
// so that the pre-activations are O(1), where GELU and SiLU are not yet
// linear or zero and their rounding shows.

// RUN: act-opt %s --act-raise --act-fuse | FileCheck %s --check-prefix=FUSED
// RUN: rm -rf %t && mkdir -p %t
// RUN: act-run %s --random-inputs --seed=3 --output-dir=%t/decomposed
// RUN: act-opt %s --act-raise --act-fuse | act-run - --random-inputs --seed=3 --output-dir=%t/raised
// Raising changes how GELU and SiLU are rounded: act's are correctly
// rounded, the decomposed f32 formulas are off by a few ulp (more where
// 1 + erf(x / sqrt 2) cancels, for negative x, but there GELU is small).
// Those differences, at most a few 1e-7 on the O(1) pre-activations, go
// through at most one more 128-term layer whose scaled weights sum to
// less than 128 * 4 / 16 = 32 in absolute value, and SiLU's slope is at
// most 1.1: bound |a - b| <= 1e-5 + 1e-5 |b|. Measured: about 1e-6.
// RUN: act-numerics compare %t/decomposed/out0.npy %t/raised/out0.npy --rtol=1e-5 --atol=1e-5 | FileCheck %s --check-prefix=CLOSE

// FUSED-LABEL: func @main
// FUSED-NOT: linalg.matmul
// FUSED-NOT: math.
// FUSED: act.fused_matmul ins(%{{.*}}, %{{.*}} : tensor<8x64xf32>, tensor<64x128xf32>) bias(%{{.*}} : tensor<128xf32>)
// FUSED: act.relu
// FUSED: act.fused_matmul ins(%{{.*}}, %{{.*}} : tensor<8x128xf32>, tensor<128x128xf32>) bias(%{{.*}} : tensor<128xf32>)
// FUSED: act.gelu
// FUSED: act.fused_matmul ins(%{{.*}}, %{{.*}} : tensor<8x128xf32>, tensor<128x32xf32>) bias(%{{.*}} : tensor<32xf32>)
// FUSED: act.silu
// The raised result is not bit-identical, but within the bound.
// CLOSE: compare (float32): 256 values, max error {{[1-9][0-9]*}} ulp (bound 0, or |a - b| <= 1e-05 + 1e-05 * |b|), 0 over bound

#id = affine_map<(d0, d1) -> (d0, d1)>
#along_n = affine_map<(d0, d1) -> (d1)>

func.func @main(%x: tensor<8x64xf32>, %w1: tensor<64x128xf32>, %b1: tensor<128xf32>,
                %w2: tensor<128x128xf32>, %b2: tensor<128xf32>,
                %w3: tensor<128x32xf32>, %b3: tensor<32xf32>) -> tensor<8x32xf32> {
  %zero = arith.constant 0.000000e+00 : f32
  %one = arith.constant 1.000000e+00 : f32
  %half = arith.constant 5.000000e-01 : f32
  %rsqrt2 = arith.constant 0.707106769 : f32
  %scale1 = arith.constant dense<1.562500e-02> : tensor<64x128xf32>
  %scale2 = arith.constant dense<6.250000e-02> : tensor<128x128xf32>
  %scale3 = arith.constant dense<6.250000e-02> : tensor<128x32xf32>
  %w1s = arith.mulf %w1, %scale1 : tensor<64x128xf32>
  %w2s = arith.mulf %w2, %scale2 : tensor<128x128xf32>
  %w3s = arith.mulf %w3, %scale3 : tensor<128x32xf32>
  %e128 = tensor.empty() : tensor<8x128xf32>
  %z128 = linalg.fill ins(%zero : f32) outs(%e128 : tensor<8x128xf32>) -> tensor<8x128xf32>

  %mm1 = linalg.matmul ins(%x, %w1s : tensor<8x64xf32>, tensor<64x128xf32>) outs(%z128 : tensor<8x128xf32>) -> tensor<8x128xf32>
  %h1 = linalg.generic {indexing_maps = [#id, #along_n, #id], iterator_types = ["parallel", "parallel"]} ins(%mm1, %b1 : tensor<8x128xf32>, tensor<128xf32>) outs(%e128 : tensor<8x128xf32>) {
  ^bb0(%in: f32, %b: f32, %out: f32):
    %0 = arith.addf %in, %b : f32
    %1 = arith.maximumf %0, %zero : f32
    linalg.yield %1 : f32
  } -> tensor<8x128xf32>

  %mm2 = linalg.matmul ins(%h1, %w2s : tensor<8x128xf32>, tensor<128x128xf32>) outs(%z128 : tensor<8x128xf32>) -> tensor<8x128xf32>
  %h2 = linalg.generic {indexing_maps = [#id, #along_n, #id], iterator_types = ["parallel", "parallel"]} ins(%mm2, %b2 : tensor<8x128xf32>, tensor<128xf32>) outs(%e128 : tensor<8x128xf32>) {
  ^bb0(%in: f32, %b: f32, %out: f32):
    %0 = arith.addf %in, %b : f32
    %1 = arith.mulf %0, %rsqrt2 : f32
    %2 = math.erf %1 : f32
    %3 = arith.addf %2, %one : f32
    %4 = arith.mulf %0, %half : f32
    %5 = arith.mulf %4, %3 : f32
    linalg.yield %5 : f32
  } -> tensor<8x128xf32>

  %e32 = tensor.empty() : tensor<8x32xf32>
  %z32 = linalg.fill ins(%zero : f32) outs(%e32 : tensor<8x32xf32>) -> tensor<8x32xf32>
  %mm3 = linalg.matmul ins(%h2, %w3s : tensor<8x128xf32>, tensor<128x32xf32>) outs(%z32 : tensor<8x32xf32>) -> tensor<8x32xf32>
  %y = linalg.generic {indexing_maps = [#id, #along_n, #id], iterator_types = ["parallel", "parallel"]} ins(%mm3, %b3 : tensor<8x32xf32>, tensor<32xf32>) outs(%e32 : tensor<8x32xf32>) {
  ^bb0(%in: f32, %b: f32, %out: f32):
    %0 = arith.addf %in, %b : f32
    %1 = arith.negf %0 : f32
    %2 = math.exp %1 : f32
    %3 = arith.addf %2, %one : f32
    %4 = arith.divf %0, %3 : f32
    linalg.yield %4 : f32
  } -> tensor<8x32xf32>
  return %y : tensor<8x32xf32>
}
