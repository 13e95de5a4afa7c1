// RUN: act-opt %s --convert-act-fused-matmul-to-vector=target=avx512 | FileCheck %s --check-prefix=AVX512
// RUN: act-opt %s --convert-act-fused-matmul-to-vector=target=avx2 | FileCheck %s --check-prefix=AVX2
// RUN: act-opt %s --convert-act-fused-matmul-to-vector=target=generic | FileCheck %s --check-prefix=GENERIC
// RUN: act-opt %s --convert-act-fused-matmul-to-vector="target=avx2 tile-m=3 tile-n=24" | FileCheck %s --check-prefix=EXPLICIT
// RUN: not act-opt %s --convert-act-fused-matmul-to-vector=target=sse 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: not act-opt %s --convert-act-fused-matmul-to-vector="target=avx512 tile-m=-1" 2>&1 | FileCheck %s --check-prefix=NEGATIVE
// RUN: not act-opt %s --convert-act-fused-matmul-to-vector="tile-k=-4 block-bytes=-1" 2>&1 | FileCheck %s --check-prefix=NEGATIVE-K
// RUN: not act-opt %s --convert-act-fused-matmul-to-vector="threads=0" 2>&1 | FileCheck %s --check-prefix=NO-THREADS

// The register tile follows the vector ISA: on AVX-512, 6 rows of
// vector<64xf32> (24 of the 32 zmm registers hold accumulators); on AVX2,
// 6 rows of vector<16xf32> (12 of the 16 ymm registers); with 128-bit
// vectors, 4 rows of vector<8xf32>. tile-m / tile-n override it.

// AVX512: scf.for {{.*}} -> (vector<64xf32>, vector<64xf32>, vector<64xf32>, vector<64xf32>, vector<64xf32>, vector<64xf32>)
// AVX512: act.register_tile = array<i64: 6, 64>
// AVX2: scf.for {{.*}} -> (vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>)
// AVX2: act.register_tile = array<i64: 6, 16>
// GENERIC: act.register_tile = array<i64: 4, 8>
// EXPLICIT: act.register_tile = array<i64: 3, 24>
// UNKNOWN: error: convert-act-fused-matmul-to-vector: unknown target 'sse' (expected auto, avx512, avx2 or generic)
// NEGATIVE: error: convert-act-fused-matmul-to-vector: tile-m, tile-n, tile-k and block-bytes must be >= 0 (0: the default) and threads >= 1, got -1, 0, 0, 0 and 1
// NEGATIVE-K: error: convert-act-fused-matmul-to-vector: tile-m, tile-n, tile-k and block-bytes must be >= 0 (0: the default) and threads >= 1, got 0, 0, -4, -1 and 1
// NO-THREADS: error: convert-act-fused-matmul-to-vector: tile-m, tile-n, tile-k and block-bytes must be >= 0 (0: the default) and threads >= 1, got 0, 0, 0, 0 and 0
func.func @kernel(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %init = tensor.empty() : tensor<64x64xf32>
  %r = act.fused_matmul ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%init : tensor<64x64xf32>) accumulate(f32) {
  ^bb0(%acc: f32):
    act.yield %acc : f32
  } -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}
