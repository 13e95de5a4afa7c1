// The benchmark's workloads (bench/run.py) through the kernels act-lower-to-cpu
// generates, against the scalar reference lowering (vectorize-matmul=false,
// fast-math=false), on act-run's seeded random inputs in [-4, 4):
// - matmul + bias + ReLU on every benchmark shape: without contraction
//   bit-identical (same summation order: packing, row blocks, threads and
//   reduction blocks change where sums are kept, not how they round); with
//   FMAs (the benchmark's contract=true) within 16e-5 sqrt(K) absolute and
//   relative (a few ulp of sum |a_k b_k| ~ 4 K at this input scale, as the
//   benchmark checks against BLAS);
// - the ResNet-style conv block (pad 1, 3x3, 64 -> 64 channels) the same way;
// - relu -> gelu -> clip on 64 MiB through the fast path the benchmark times,
//   within 2 ulp of the accurate path (docs/semantics.md).
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: act-opt %s --act-lower-to-cpu=vectorize-matmul=false > %t/reference.mlir
// RUN: act-opt %s --act-lower-to-cpu > %t/kernel.mlir
// RUN: act-opt %s --act-lower-to-cpu="contract=true threads=2" > %t/fma-2threads.mlir
// RUN: act-opt %s --act-lower-to-cpu="contract=true tile-k=256" > %t/fma-blocked.mlir

// RUN: act-run %t/reference.mlir --entry=mm_1024x1024x1024 --random-inputs --seed=1 --output-dir=%t/mm_1024x1024x1024/reference
// RUN: act-run %t/kernel.mlir --entry=mm_1024x1024x1024 --random-inputs --seed=1 --output-dir=%t/mm_1024x1024x1024/kernel
// RUN: act-numerics compare %t/mm_1024x1024x1024/reference/out0.npy %t/mm_1024x1024x1024/kernel/out0.npy | FileCheck %s --check-prefix=SAME
// RUN: act-run %t/fma-2threads.mlir --entry=mm_1024x1024x1024 --random-inputs --seed=1 --threads=2 --output-dir=%t/mm_1024x1024x1024/fma-2threads
// RUN: act-numerics compare %t/mm_1024x1024x1024/reference/out0.npy %t/mm_1024x1024x1024/fma-2threads/out0.npy --atol=0.00512 --rtol=0.00512 | FileCheck %s --check-prefix=CLOSE
// RUN: act-run %t/fma-blocked.mlir --entry=mm_1024x1024x1024 --random-inputs --seed=1 --output-dir=%t/mm_1024x1024x1024/fma-blocked
// RUN: act-numerics compare %t/mm_1024x1024x1024/reference/out0.npy %t/mm_1024x1024x1024/fma-blocked/out0.npy --atol=0.00512 --rtol=0.00512 | FileCheck %s --check-prefix=CLOSE
// RUN: act-run %t/reference.mlir --entry=mm_256x4096x1024 --random-inputs --seed=2 --output-dir=%t/mm_256x4096x1024/reference
// RUN: act-run %t/kernel.mlir --entry=mm_256x4096x1024 --random-inputs --seed=2 --output-dir=%t/mm_256x4096x1024/kernel
// RUN: act-numerics compare %t/mm_256x4096x1024/reference/out0.npy %t/mm_256x4096x1024/kernel/out0.npy | FileCheck %s --check-prefix=SAME
// RUN: act-run %t/fma-2threads.mlir --entry=mm_256x4096x1024 --random-inputs --seed=2 --threads=2 --output-dir=%t/mm_256x4096x1024/fma-2threads
// RUN: act-numerics compare %t/mm_256x4096x1024/reference/out0.npy %t/mm_256x4096x1024/fma-2threads/out0.npy --atol=0.00512 --rtol=0.00512 | FileCheck %s --check-prefix=CLOSE
// RUN: act-run %t/fma-blocked.mlir --entry=mm_256x4096x1024 --random-inputs --seed=2 --output-dir=%t/mm_256x4096x1024/fma-blocked
// RUN: act-numerics compare %t/mm_256x4096x1024/reference/out0.npy %t/mm_256x4096x1024/fma-blocked/out0.npy --atol=0.00512 --rtol=0.00512 | FileCheck %s --check-prefix=CLOSE
// RUN: act-run %t/reference.mlir --entry=mm_128x768x3072 --random-inputs --seed=3 --output-dir=%t/mm_128x768x3072/reference
// RUN: act-run %t/kernel.mlir --entry=mm_128x768x3072 --random-inputs --seed=3 --output-dir=%t/mm_128x768x3072/kernel
// RUN: act-numerics compare %t/mm_128x768x3072/reference/out0.npy %t/mm_128x768x3072/kernel/out0.npy | FileCheck %s --check-prefix=SAME
// RUN: act-run %t/fma-2threads.mlir --entry=mm_128x768x3072 --random-inputs --seed=3 --threads=2 --output-dir=%t/mm_128x768x3072/fma-2threads
// RUN: act-numerics compare %t/mm_128x768x3072/reference/out0.npy %t/mm_128x768x3072/fma-2threads/out0.npy --atol=0.00887 --rtol=0.00887 | FileCheck %s --check-prefix=CLOSE
// RUN: act-run %t/fma-blocked.mlir --entry=mm_128x768x3072 --random-inputs --seed=3 --output-dir=%t/mm_128x768x3072/fma-blocked
// RUN: act-numerics compare %t/mm_128x768x3072/reference/out0.npy %t/mm_128x768x3072/fma-blocked/out0.npy --atol=0.00887 --rtol=0.00887 | FileCheck %s --check-prefix=CLOSE
// RUN: act-run %t/reference.mlir --entry=mm_64x512x512 --random-inputs --seed=4 --output-dir=%t/mm_64x512x512/reference
// RUN: act-run %t/kernel.mlir --entry=mm_64x512x512 --random-inputs --seed=4 --output-dir=%t/mm_64x512x512/kernel
// RUN: act-numerics compare %t/mm_64x512x512/reference/out0.npy %t/mm_64x512x512/kernel/out0.npy | FileCheck %s --check-prefix=SAME
// RUN: act-run %t/fma-2threads.mlir --entry=mm_64x512x512 --random-inputs --seed=4 --threads=2 --output-dir=%t/mm_64x512x512/fma-2threads
// RUN: act-numerics compare %t/mm_64x512x512/reference/out0.npy %t/mm_64x512x512/fma-2threads/out0.npy --atol=0.00362 --rtol=0.00362 | FileCheck %s --check-prefix=CLOSE
// RUN: act-run %t/fma-blocked.mlir --entry=mm_64x512x512 --random-inputs --seed=4 --output-dir=%t/mm_64x512x512/fma-blocked
// RUN: act-numerics compare %t/mm_64x512x512/reference/out0.npy %t/mm_64x512x512/fma-blocked/out0.npy --atol=0.00362 --rtol=0.00362 | FileCheck %s --check-prefix=CLOSE
// RUN: act-run %t/reference.mlir --entry=mm_1000x1000x1000 --random-inputs --seed=5 --output-dir=%t/mm_1000x1000x1000/reference
// RUN: act-run %t/kernel.mlir --entry=mm_1000x1000x1000 --random-inputs --seed=5 --output-dir=%t/mm_1000x1000x1000/kernel
// RUN: act-numerics compare %t/mm_1000x1000x1000/reference/out0.npy %t/mm_1000x1000x1000/kernel/out0.npy | FileCheck %s --check-prefix=SAME
// RUN: act-run %t/fma-2threads.mlir --entry=mm_1000x1000x1000 --random-inputs --seed=5 --threads=2 --output-dir=%t/mm_1000x1000x1000/fma-2threads
// RUN: act-numerics compare %t/mm_1000x1000x1000/reference/out0.npy %t/mm_1000x1000x1000/fma-2threads/out0.npy --atol=0.00506 --rtol=0.00506 | FileCheck %s --check-prefix=CLOSE
// RUN: act-run %t/fma-blocked.mlir --entry=mm_1000x1000x1000 --random-inputs --seed=5 --output-dir=%t/mm_1000x1000x1000/fma-blocked
// RUN: act-numerics compare %t/mm_1000x1000x1000/reference/out0.npy %t/mm_1000x1000x1000/fma-blocked/out0.npy --atol=0.00506 --rtol=0.00506 | FileCheck %s --check-prefix=CLOSE
// RUN: act-run %t/reference.mlir --entry=mm_127x255x511 --random-inputs --seed=6 --output-dir=%t/mm_127x255x511/reference
// RUN: act-run %t/kernel.mlir --entry=mm_127x255x511 --random-inputs --seed=6 --output-dir=%t/mm_127x255x511/kernel
// RUN: act-numerics compare %t/mm_127x255x511/reference/out0.npy %t/mm_127x255x511/kernel/out0.npy | FileCheck %s --check-prefix=SAME
// RUN: act-run %t/fma-2threads.mlir --entry=mm_127x255x511 --random-inputs --seed=6 --threads=2 --output-dir=%t/mm_127x255x511/fma-2threads
// RUN: act-numerics compare %t/mm_127x255x511/reference/out0.npy %t/mm_127x255x511/fma-2threads/out0.npy --atol=0.00362 --rtol=0.00362 | FileCheck %s --check-prefix=CLOSE
// RUN: act-run %t/fma-blocked.mlir --entry=mm_127x255x511 --random-inputs --seed=6 --output-dir=%t/mm_127x255x511/fma-blocked
// RUN: act-numerics compare %t/mm_127x255x511/reference/out0.npy %t/mm_127x255x511/fma-blocked/out0.npy --atol=0.00362 --rtol=0.00362 | FileCheck %s --check-prefix=CLOSE
// RUN: act-run %t/reference.mlir --entry=mm_1x4096x4096 --random-inputs --seed=7 --output-dir=%t/mm_1x4096x4096/reference
// RUN: act-run %t/kernel.mlir --entry=mm_1x4096x4096 --random-inputs --seed=7 --output-dir=%t/mm_1x4096x4096/kernel
// RUN: act-numerics compare %t/mm_1x4096x4096/reference/out0.npy %t/mm_1x4096x4096/kernel/out0.npy | FileCheck %s --check-prefix=SAME
// RUN: act-run %t/fma-2threads.mlir --entry=mm_1x4096x4096 --random-inputs --seed=7 --threads=2 --output-dir=%t/mm_1x4096x4096/fma-2threads
// RUN: act-numerics compare %t/mm_1x4096x4096/reference/out0.npy %t/mm_1x4096x4096/fma-2threads/out0.npy --atol=0.0102 --rtol=0.0102 | FileCheck %s --check-prefix=CLOSE
// RUN: act-run %t/fma-blocked.mlir --entry=mm_1x4096x4096 --random-inputs --seed=7 --output-dir=%t/mm_1x4096x4096/fma-blocked
// RUN: act-numerics compare %t/mm_1x4096x4096/reference/out0.npy %t/mm_1x4096x4096/fma-blocked/out0.npy --atol=0.0102 --rtol=0.0102 | FileCheck %s --check-prefix=CLOSE
// RUN: act-run %t/reference.mlir --entry=conv_block --random-inputs --seed=8 --output-dir=%t/conv/reference
// RUN: act-run %t/kernel.mlir --entry=conv_block --random-inputs --seed=8 --output-dir=%t/conv/kernel
// RUN: act-numerics compare %t/conv/reference/out0.npy %t/conv/kernel/out0.npy | FileCheck %s --check-prefix=SAME
// RUN: act-run %t/fma-2threads.mlir --entry=conv_block --random-inputs --seed=8 --threads=2 --output-dir=%t/conv/fma-2threads
// RUN: act-numerics compare %t/conv/reference/out0.npy %t/conv/fma-2threads/out0.npy --atol=0.00384 --rtol=0.00384 | FileCheck %s --check-prefix=CLOSE
// RUN: act-opt %s --act-lower-to-cpu="fast-math=true results-to-out-params=true threads=2" > %t/fast.mlir
// RUN: act-run %t/reference.mlir --entry=chain_64mib --random-inputs --seed=9 --output-dir=%t/chain/reference
// RUN: act-run %t/fast.mlir --entry=chain_64mib --random-inputs --seed=9 --threads=2 --output-dir=%t/chain/fast
// RUN: act-numerics compare %t/chain/reference/out0.npy %t/chain/fast/out0.npy --max-ulp=2 | FileCheck %s --check-prefix=ULP2

// SAME: max error 0 ulp (bound 0), 0 over bound
// CLOSE: 0 over bound
// ULP2: 16777216 values, {{.*}} 0 over bound

func.func @mm_1024x1024x1024(%a: tensor<1024x1024xf32>, %b: tensor<1024x1024xf32>, %bias: tensor<1024xf32>) -> tensor<1024x1024xf32> {
  %init = tensor.empty() : tensor<1024x1024xf32>
  %r = act.fused_matmul ins(%a, %b : tensor<1024x1024xf32>, tensor<1024x1024xf32>) bias(%bias : tensor<1024xf32>) outs(%init : tensor<1024x1024xf32>) accumulate(f32) {
  ^bb0(%acc: f32, %be: f32):
    %s = arith.addf %acc, %be : f32
    %y = act.relu %s : f32
    act.yield %y : f32
  } -> tensor<1024x1024xf32>
  return %r : tensor<1024x1024xf32>
}

func.func @mm_256x4096x1024(%a: tensor<256x1024xf32>, %b: tensor<1024x4096xf32>, %bias: tensor<4096xf32>) -> tensor<256x4096xf32> {
  %init = tensor.empty() : tensor<256x4096xf32>
  %r = act.fused_matmul ins(%a, %b : tensor<256x1024xf32>, tensor<1024x4096xf32>) bias(%bias : tensor<4096xf32>) outs(%init : tensor<256x4096xf32>) accumulate(f32) {
  ^bb0(%acc: f32, %be: f32):
    %s = arith.addf %acc, %be : f32
    %y = act.relu %s : f32
    act.yield %y : f32
  } -> tensor<256x4096xf32>
  return %r : tensor<256x4096xf32>
}

func.func @mm_128x768x3072(%a: tensor<128x3072xf32>, %b: tensor<3072x768xf32>, %bias: tensor<768xf32>) -> tensor<128x768xf32> {
  %init = tensor.empty() : tensor<128x768xf32>
  %r = act.fused_matmul ins(%a, %b : tensor<128x3072xf32>, tensor<3072x768xf32>) bias(%bias : tensor<768xf32>) outs(%init : tensor<128x768xf32>) accumulate(f32) {
  ^bb0(%acc: f32, %be: f32):
    %s = arith.addf %acc, %be : f32
    %y = act.relu %s : f32
    act.yield %y : f32
  } -> tensor<128x768xf32>
  return %r : tensor<128x768xf32>
}

func.func @mm_64x512x512(%a: tensor<64x512xf32>, %b: tensor<512x512xf32>, %bias: tensor<512xf32>) -> tensor<64x512xf32> {
  %init = tensor.empty() : tensor<64x512xf32>
  %r = act.fused_matmul ins(%a, %b : tensor<64x512xf32>, tensor<512x512xf32>) bias(%bias : tensor<512xf32>) outs(%init : tensor<64x512xf32>) accumulate(f32) {
  ^bb0(%acc: f32, %be: f32):
    %s = arith.addf %acc, %be : f32
    %y = act.relu %s : f32
    act.yield %y : f32
  } -> tensor<64x512xf32>
  return %r : tensor<64x512xf32>
}

func.func @mm_1000x1000x1000(%a: tensor<1000x1000xf32>, %b: tensor<1000x1000xf32>, %bias: tensor<1000xf32>) -> tensor<1000x1000xf32> {
  %init = tensor.empty() : tensor<1000x1000xf32>
  %r = act.fused_matmul ins(%a, %b : tensor<1000x1000xf32>, tensor<1000x1000xf32>) bias(%bias : tensor<1000xf32>) outs(%init : tensor<1000x1000xf32>) accumulate(f32) {
  ^bb0(%acc: f32, %be: f32):
    %s = arith.addf %acc, %be : f32
    %y = act.relu %s : f32
    act.yield %y : f32
  } -> tensor<1000x1000xf32>
  return %r : tensor<1000x1000xf32>
}

func.func @mm_127x255x511(%a: tensor<127x511xf32>, %b: tensor<511x255xf32>, %bias: tensor<255xf32>) -> tensor<127x255xf32> {
  %init = tensor.empty() : tensor<127x255xf32>
  %r = act.fused_matmul ins(%a, %b : tensor<127x511xf32>, tensor<511x255xf32>) bias(%bias : tensor<255xf32>) outs(%init : tensor<127x255xf32>) accumulate(f32) {
  ^bb0(%acc: f32, %be: f32):
    %s = arith.addf %acc, %be : f32
    %y = act.relu %s : f32
    act.yield %y : f32
  } -> tensor<127x255xf32>
  return %r : tensor<127x255xf32>
}

func.func @mm_1x4096x4096(%a: tensor<1x4096xf32>, %b: tensor<4096x4096xf32>, %bias: tensor<4096xf32>) -> tensor<1x4096xf32> {
  %init = tensor.empty() : tensor<1x4096xf32>
  %r = act.fused_matmul ins(%a, %b : tensor<1x4096xf32>, tensor<4096x4096xf32>) bias(%bias : tensor<4096xf32>) outs(%init : tensor<1x4096xf32>) accumulate(f32) {
  ^bb0(%acc: f32, %be: f32):
    %s = arith.addf %acc, %be : f32
    %y = act.relu %s : f32
    act.yield %y : f32
  } -> tensor<1x4096xf32>
  return %r : tensor<1x4096xf32>
}

func.func @conv_block(%x: tensor<1x56x56x64xf32>, %w: tensor<3x3x64x64xf32>, %bias: tensor<64xf32>) -> tensor<1x56x56x64xf32> {
  %zero = arith.constant 0.0 : f32
  %padded = tensor.pad %x low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x56x56x64xf32> to tensor<1x58x58x64xf32>
  %init = tensor.empty() : tensor<1x56x56x64xf32>
  %r = act.fused_conv2d ins(%padded, %w : tensor<1x58x58x64xf32>, tensor<3x3x64x64xf32>) bias(%bias : tensor<64xf32>) outs(%init : tensor<1x56x56x64xf32>) accumulate(f32) {
  ^bb0(%acc: f32, %be: f32):
    %s = arith.addf %acc, %be : f32
    %y = act.relu %s : f32
    act.yield %y : f32
  } -> tensor<1x56x56x64xf32>
  return %r : tensor<1x56x56x64xf32>
}

func.func @chain_64mib(%x: tensor<16777216xf32>) -> tensor<16777216xf32> {
  %0 = act.relu %x : tensor<16777216xf32>
  %1 = act.gelu %0 : tensor<16777216xf32>
  %2 = act.clip %1 {min = 0.0 : f64, max = 6.0 : f64} : tensor<16777216xf32>
  return %2 : tensor<16777216xf32>
}
