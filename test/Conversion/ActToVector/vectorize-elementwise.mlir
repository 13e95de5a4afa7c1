// RUN: act-opt %s --split-input-file --act-vectorize-elementwise="vector-size=16" --canonicalize | FileCheck %s
// RUN: act-opt %s --split-input-file --act-lower-to-cpu=fast-math=true | FileCheck %s --check-prefix=FAST
// RUN: not act-opt %s --split-input-file --act-vectorize-elementwise=vector-size=0 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: error: act-vectorize-elementwise: vector-size must be >= 1, got 0

// An elementwise act chain (one linalg.generic, as --act-fuse builds it) is
// tiled into 16-element vectors and vectorized: the act ops apply to
// vector<16xf32>, one load and one store per vector.

// CHECK-LABEL: func @chain
// CHECK: scf.forall (%[[I:.*]]) = (0) to (64) step (16)
// CHECK: %[[V:.*]] = vector.transfer_read %{{.*}} : tensor<16xf32>, vector<16xf32>
// CHECK-NEXT: %[[R:.*]] = act.relu %[[V]] : vector<16xf32>
// CHECK-NEXT: %[[G:.*]] = act.gelu %[[R]] : vector<16xf32>
// CHECK-NEXT: %[[C:.*]] = act.clip %[[G]] {max = 6.000000e+00 : f64, min = 0.000000e+00 : f64} : vector<16xf32>
// CHECK-NEXT: vector.transfer_write %[[C]], %{{.*}} : vector<16xf32>, tensor<16xf32>

// Through act-lower-to-cpu{fast-math}, erfc is a polynomial on vectors of
// FMAs, not a libm call per element.
// FAST-LABEL: llvm.func @chain
// FAST-NOT: llvm.call @erfc
// FAST: llvm.intr.fma{{.*}} : (vector<16xf32>, vector<16xf32>, vector<16xf32>) -> vector<16xf32>
#id = affine_map<(d0) -> (d0)>
func.func @chain(%x: tensor<64xf32>) -> tensor<64xf32> {
  %e = tensor.empty() : tensor<64xf32>
  %0 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%x : tensor<64xf32>) outs(%e : tensor<64xf32>) {
  ^bb0(%in: f32, %out: f32):
    %1 = act.relu %in : f32
    %2 = act.gelu %1 : f32
    %3 = act.clip %2 {min = 0.0 : f64, max = 6.0 : f64} : f32
    linalg.yield %3 : f32
  } -> tensor<64xf32>
  return %0 : tensor<64xf32>
}

// -----

// Negative: a size the vector does not divide, or a dynamic one, stays a
// scalar generic.
// CHECK-LABEL: func @ragged
// CHECK-NOT: vector.transfer_read
// CHECK: linalg.generic
// CHECK: linalg.generic
#id = affine_map<(d0) -> (d0)>
func.func @ragged(%x: tensor<60xf32>, %y: tensor<?xf32>) -> (tensor<60xf32>, tensor<?xf32>) {
  %e = tensor.empty() : tensor<60xf32>
  %0 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%x : tensor<60xf32>) outs(%e : tensor<60xf32>) {
  ^bb0(%in: f32, %out: f32):
    %1 = act.silu %in : f32
    linalg.yield %1 : f32
  } -> tensor<60xf32>
  %c0 = arith.constant 0 : index
  %n = tensor.dim %y, %c0 : tensor<?xf32>
  %f = tensor.empty(%n) : tensor<?xf32>
  %2 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%y : tensor<?xf32>) outs(%f : tensor<?xf32>) {
  ^bb0(%in: f32, %out: f32):
    %3 = act.silu %in : f32
    linalg.yield %3 : f32
  } -> tensor<?xf32>
  return %0, %2 : tensor<60xf32>, tensor<?xf32>
}
