// A 3-layer MLP (relu, gelu, silu) written the way torch-mlir lowers
// nn.Linear + activation: a zero fill, linalg.matmul, a bias-add
// linalg.generic, the activation. --act-fuse turns each layer into one
// act.fused_matmul; act-run on the fused and on the unfused module gives
// bit-identical outputs, since the epilogue keeps every op and its order.

// RUN: act-opt %s --act-fuse | FileCheck %s --check-prefix=FUSED
// RUN: rm -rf %t && mkdir -p %t
// RUN: act-run %s --random-inputs --seed=7 --output-dir=%t/unfused
// RUN: act-opt %s --act-fuse | act-run - --random-inputs --seed=7 --output-dir=%t/fused
// RUN: act-numerics compare %t/unfused/out0.npy %t/fused/out0.npy --max-ulp=0 | FileCheck %s --check-prefix=SAME
// The same with the parallel loops on 2 threads.
// RUN: act-opt %s --act-fuse | act-run - --random-inputs --seed=7 --threads=2 --output-dir=%t/fused2
// RUN: act-numerics compare %t/unfused/out0.npy %t/fused2/out0.npy --max-ulp=0 | FileCheck %s --check-prefix=SAME

// FUSED-LABEL: func @main
// FUSED-NOT: linalg.matmul
// FUSED: act.fused_matmul ins(%{{.*}}, %{{.*}} : tensor<8x64xf32>, tensor<64x128xf32>) bias(%{{.*}} : tensor<128xf32>)
// FUSED: act.relu
// FUSED: act.fused_matmul ins(%{{.*}}, %{{.*}} : tensor<8x128xf32>, tensor<128x128xf32>) bias(%{{.*}} : tensor<128xf32>)
// FUSED: act.gelu
// FUSED: act.fused_matmul ins(%{{.*}}, %{{.*}} : tensor<8x128xf32>, tensor<128x32xf32>) bias(%{{.*}} : tensor<32xf32>)
// FUSED: act.silu
// FUSED-NOT: linalg.generic
// SAME: compare (float32): 256 values, max error 0 ulp (bound 0), 0 over bound

#id = affine_map<(d0, d1) -> (d0, d1)>
#along_n = affine_map<(d0, d1) -> (d1)>

func.func @main(%x: tensor<8x64xf32>, %w1: tensor<64x128xf32>, %b1: tensor<128xf32>,
                %w2: tensor<128x128xf32>, %b2: tensor<128xf32>,
                %w3: tensor<128x32xf32>, %b3: tensor<32xf32>) -> tensor<8x32xf32> {
  %zero = arith.constant 0.000000e+00 : f32
  %e128 = tensor.empty() : tensor<8x128xf32>
  %z128 = linalg.fill ins(%zero : f32) outs(%e128 : tensor<8x128xf32>) -> tensor<8x128xf32>

  %mm1 = linalg.matmul ins(%x, %w1 : tensor<8x64xf32>, tensor<64x128xf32>) outs(%z128 : tensor<8x128xf32>) -> tensor<8x128xf32>
  %s1 = linalg.generic {indexing_maps = [#id, #along_n, #id], iterator_types = ["parallel", "parallel"]} ins(%mm1, %b1 : tensor<8x128xf32>, tensor<128xf32>) outs(%e128 : tensor<8x128xf32>) {
  ^bb0(%in: f32, %b: f32, %out: f32):
    %0 = arith.addf %in, %b : f32
    linalg.yield %0 : f32
  } -> tensor<8x128xf32>
  %h1 = act.relu %s1 : tensor<8x128xf32>

  %mm2 = linalg.matmul ins(%h1, %w2 : tensor<8x128xf32>, tensor<128x128xf32>) outs(%z128 : tensor<8x128xf32>) -> tensor<8x128xf32>
  %s2 = linalg.generic {indexing_maps = [#id, #along_n, #id], iterator_types = ["parallel", "parallel"]} ins(%mm2, %b2 : tensor<8x128xf32>, tensor<128xf32>) outs(%e128 : tensor<8x128xf32>) {
  ^bb0(%in: f32, %b: f32, %out: f32):
    %0 = arith.addf %in, %b : f32
    linalg.yield %0 : f32
  } -> tensor<8x128xf32>
  %h2 = act.gelu %s2 : tensor<8x128xf32>

  %e32 = tensor.empty() : tensor<8x32xf32>
  %z32 = linalg.fill ins(%zero : f32) outs(%e32 : tensor<8x32xf32>) -> tensor<8x32xf32>
  %mm3 = linalg.matmul ins(%h2, %w3 : tensor<8x128xf32>, tensor<128x32xf32>) outs(%z32 : tensor<8x32xf32>) -> tensor<8x32xf32>
  %s3 = linalg.generic {indexing_maps = [#id, #along_n, #id], iterator_types = ["parallel", "parallel"]} ins(%mm3, %b3 : tensor<8x32xf32>, tensor<32xf32>) outs(%e32 : tensor<8x32xf32>) {
  ^bb0(%in: f32, %b: f32, %out: f32):
    %0 = arith.addf %in, %b : f32
    linalg.yield %0 : f32
  } -> tensor<8x32xf32>
  %y = act.silu %s3 : tensor<8x32xf32>
  return %y : tensor<8x32xf32>
}
