// RUN: act-opt %s --split-input-file --act-raise | FileCheck %s

// Raising linalg: the scalar patterns run on linalg.generic bodies (written
// here the way torch-mlir emits them), a generic left with one unary act op
// on its input becomes the act op on the tensor, and named elementwise ops
// (linalg.max, linalg.exp, ...) with linalg.fill constants, as IREE and
// torch-mlir write them, are matched like the arith ops they contain.

#map = affine_map<(d0, d1) -> (d0, d1)>

// torch-mlir's aten.sigmoid: the generic and its tensor.empty disappear.
// CHECK-LABEL: func @torch_sigmoid
// CHECK-SAME: (%[[X:.*]]: tensor<4x8xf32>)
// CHECK-NEXT: %[[R:.*]] = act.sigmoid %[[X]] : tensor<4x8xf32>
// CHECK-NEXT: return %[[R]]
func.func @torch_sigmoid(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %e = tensor.empty() : tensor<4x8xf32>
  %0 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %cst = arith.constant 1.000000e+00 : f32
    %1 = arith.negf %in : f32
    %2 = math.exp %1 : f32
    %3 = arith.addf %2, %cst : f32
    %4 = arith.divf %cst, %3 : f32
    linalg.yield %4 : f32
  } -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// torch-mlir's aten.relu: cmpf ugt + select, NaN propagates.
// CHECK-LABEL: func @torch_relu
// CHECK-SAME: (%[[X:.*]]: tensor<4x8xf32>)
// CHECK-NEXT: %[[R:.*]] = act.relu %[[X]] : tensor<4x8xf32>
// CHECK-NEXT: return %[[R]]
func.func @torch_relu(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %cst = arith.constant 0.000000e+00 : f32
  %e = tensor.empty() : tensor<4x8xf32>
  %0 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %1 = arith.cmpf ugt, %in, %cst : f32
    %2 = arith.select %1, %in, %cst : f32
    linalg.yield %2 : f32
  } -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// torch-mlir's aten.gelu (approximate = "none").
// CHECK-LABEL: func @torch_gelu
// CHECK-SAME: (%[[X:.*]]: tensor<4x8xf32>)
// CHECK-NEXT: %[[R:.*]] = act.gelu %[[X]] : tensor<4x8xf32>
// CHECK-NEXT: return %[[R]]
func.func @torch_gelu(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %e = tensor.empty() : tensor<4x8xf32>
  %0 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %cst = arith.constant 5.000000e-01 : f32
    %cst_0 = arith.constant 1.000000e+00 : f32
    %cst_1 = arith.constant 0.707106769 : f32
    %1 = arith.mulf %in, %cst_1 : f32
    %2 = math.erf %1 : f32
    %3 = arith.addf %2, %cst_0 : f32
    %4 = arith.mulf %3, %cst : f32
    %5 = arith.mulf %in, %4 : f32
    linalg.yield %5 : f32
  } -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// torch-mlir's aten.gelu (approximate = "tanh"), in bf16.
// CHECK-LABEL: func @torch_gelu_tanh
// CHECK-SAME: (%[[X:.*]]: tensor<4x8xbf16>)
// CHECK-NEXT: %[[R:.*]] = act.gelu %[[X]] {approximate = #act.gelu_approximation<tanh>} : tensor<4x8xbf16>
// CHECK-NEXT: return %[[R]]
func.func @torch_gelu_tanh(%x: tensor<4x8xbf16>) -> tensor<4x8xbf16> {
  %e = tensor.empty() : tensor<4x8xbf16>
  %0 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<4x8xbf16>) outs(%e : tensor<4x8xbf16>) {
  ^bb0(%in: bf16, %out: bf16):
    %half = arith.constant 5.000000e-01 : bf16
    %one = arith.constant 1.000000e+00 : bf16
    %k = arith.constant 7.968750e-01 : bf16
    %c = arith.constant 4.467770e-02 : bf16
    %three = arith.constant 3.000000e+00 : bf16
    %1 = math.powf %in, %three : bf16
    %2 = arith.mulf %1, %c : bf16
    %3 = arith.addf %in, %2 : bf16
    %4 = arith.mulf %3, %k : bf16
    %5 = math.tanh %4 : bf16
    %6 = arith.addf %5, %one : bf16
    %7 = arith.mulf %in, %half : bf16
    %8 = arith.mulf %7, %6 : bf16
    linalg.yield %8 : bf16
  } -> tensor<4x8xbf16>
  return %0 : tensor<4x8xbf16>
}

// -----

#map = affine_map<(d0, d1) -> (d0, d1)>
#bias = affine_map<(d0, d1) -> (d1)>
#transpose = affine_map<(d0, d1) -> (d1, d0)>

// Negative for the tensor-level rewrite: a bias add before the relu keeps
// the generic, with the scalar relu inside.
// CHECK-LABEL: func @bias_relu_kept
// CHECK: linalg.generic
// CHECK-NEXT: ^bb0(%[[IN:.*]]: f32, %[[B:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[IN]], %[[B]] : f32
// CHECK-NEXT: %[[R:.*]] = act.relu %[[S]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
func.func @bias_relu_kept(%x: tensor<4x8xf32>, %b: tensor<8xf32>) -> tensor<4x8xf32> {
  %cst = arith.constant 0.000000e+00 : f32
  %e = tensor.empty() : tensor<4x8xf32>
  %0 = linalg.generic {indexing_maps = [#map, #bias, #map], iterator_types = ["parallel", "parallel"]} ins(%x, %b : tensor<4x8xf32>, tensor<8xf32>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%in: f32, %in_0: f32, %out: f32):
    %1 = arith.addf %in, %in_0 : f32
    %2 = arith.cmpf ugt, %1, %cst : f32
    %3 = arith.select %2, %1, %cst : f32
    linalg.yield %3 : f32
  } -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// Negative: a transposing generic is not an elementwise map of its input.
// CHECK-LABEL: func @transposed_sigmoid_kept
// CHECK: linalg.generic
// CHECK-NEXT: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[R:.*]] = act.sigmoid %[[IN]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
func.func @transposed_sigmoid_kept(%x: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %e = tensor.empty() : tensor<8x8xf32>
  %0 = linalg.generic {indexing_maps = [#transpose, #map], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<8x8xf32>) outs(%e : tensor<8x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %cst = arith.constant 1.000000e+00 : f32
    %1 = arith.negf %in : f32
    %2 = math.exp %1 : f32
    %3 = arith.addf %2, %cst : f32
    %4 = arith.divf %cst, %3 : f32
    linalg.yield %4 : f32
  } -> tensor<8x8xf32>
  return %0 : tensor<8x8xf32>
}

// Negative: an f16 -> f32 generic computes the sigmoid of the extended
// value; it keeps the extf and the scalar act op.
// CHECK-LABEL: func @mixed_precision_sigmoid_kept
// CHECK: linalg.generic
// CHECK-NEXT: ^bb0(%[[IN:.*]]: f16, %{{.*}}: f32):
// CHECK-NEXT: %[[W:.*]] = arith.extf %[[IN]] : f16 to f32
// CHECK-NEXT: %[[R:.*]] = act.sigmoid %[[W]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
func.func @mixed_precision_sigmoid_kept(%x: tensor<4x8xf16>) -> tensor<4x8xf32> {
  %e = tensor.empty() : tensor<4x8xf32>
  %0 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<4x8xf16>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%in: f16, %out: f32):
    %cst = arith.constant 1.000000e+00 : f32
    %w = arith.extf %in : f16 to f32
    %1 = arith.negf %w : f32
    %2 = math.exp %1 : f32
    %3 = arith.addf %2, %cst : f32
    %4 = arith.divf %cst, %3 : f32
    linalg.yield %4 : f32
  } -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// Negative: a relu of the init (an accumulating update) is not a map of the
// input.
// CHECK-LABEL: func @relu_of_init_kept
// CHECK: linalg.generic
// CHECK-NEXT: ^bb0(%{{.*}}: f32, %[[OUT:.*]]: f32):
// CHECK-NEXT: %[[R:.*]] = act.relu %[[OUT]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
func.func @relu_of_init_kept(%x: tensor<4x8xf32>, %y: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %cst = arith.constant 0.000000e+00 : f32
  %0 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<4x8xf32>) outs(%y : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %1 = arith.maximumf %out, %cst : f32
    linalg.yield %1 : f32
  } -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

// Named ops: linalg.max against a linalg.fill of +0.0 is relu; of -0.0 it
// is a clip, and against a variable it is nothing.

// CHECK-LABEL: func @named_relu
// CHECK-SAME: (%[[X:.*]]: tensor<16xf32>, %[[Y:.*]]: tensor<16xf32>)
// CHECK-DAG: %[[R:.*]] = act.relu %[[X]] : tensor<16xf32>
// CHECK-DAG: %[[C:.*]] = act.clip %[[X]] {min = -0.000000e+00 : f64} : tensor<16xf32>
// CHECK-DAG: %[[M:.*]] = linalg.max ins(%[[X]], %[[Y]] : tensor<16xf32>, tensor<16xf32>)
// CHECK: return %[[R]], %[[C]], %[[M]]
func.func @named_relu(%x: tensor<16xf32>, %y: tensor<16xf32>) -> (tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) {
  %zero = arith.constant 0.000000e+00 : f32
  %mzero = arith.constant -0.000000e+00 : f32
  %e = tensor.empty() : tensor<16xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %0 = linalg.max ins(%x, %z : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %mz = linalg.fill ins(%mzero : f32) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %1 = linalg.max ins(%mz, %x : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %2 = linalg.max ins(%x, %y : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  return %0, %1, %2 : tensor<16xf32>, tensor<16xf32>, tensor<16xf32>
}

// A sigmoid and a silu built from named ops and linalg.elementwise.
// CHECK-LABEL: func @named_silu
// CHECK-SAME: (%[[X:.*]]: tensor<16xf32>)
// CHECK-NEXT: %[[S:.*]] = act.silu %[[X]] : tensor<16xf32>
// CHECK-NEXT: return %[[S]]
func.func @named_silu(%x: tensor<16xf32>) -> tensor<16xf32> {
  %one = arith.constant 1.000000e+00 : f32
  %e = tensor.empty() : tensor<16xf32>
  %ones = linalg.fill ins(%one : f32) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %0 = linalg.negf ins(%x : tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %1 = linalg.elementwise kind=#linalg.elementwise_kind<exp> ins(%0 : tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %2 = linalg.add ins(%ones, %1 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %3 = linalg.div ins(%ones, %2 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %4 = linalg.mul ins(%x, %3 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  return %4 : tensor<16xf32>
}

// Negative: the sigmoid is also returned; it is raised, the multiply is not.
// CHECK-LABEL: func @named_silu_shared_sigmoid_kept
// CHECK-SAME: (%[[X:.*]]: tensor<16xf32>)
// CHECK: %[[S:.*]] = act.sigmoid %[[X]] : tensor<16xf32>
// CHECK-NEXT: %[[M:.*]] = linalg.mul ins(%[[X]], %[[S]] : tensor<16xf32>, tensor<16xf32>)
// CHECK-NEXT: return %[[M]], %[[S]]
func.func @named_silu_shared_sigmoid_kept(%x: tensor<16xf32>) -> (tensor<16xf32>, tensor<16xf32>) {
  %one = arith.constant 1.000000e+00 : f32
  %e = tensor.empty() : tensor<16xf32>
  %ones = linalg.fill ins(%one : f32) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %0 = linalg.negf ins(%x : tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %1 = linalg.exp ins(%0 : tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %2 = linalg.add ins(%1, %ones : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %3 = linalg.reciprocal ins(%2 : tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %4 = linalg.mul ins(%x, %3 : tensor<16xf32>, tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  return %4, %3 : tensor<16xf32>, tensor<16xf32>
}

// linalg.tanh is act.tanh; linalg.exp alone is not an activation.
// CHECK-LABEL: func @named_tanh
// CHECK-SAME: (%[[X:.*]]: tensor<16xf32>)
// CHECK: %[[T:.*]] = act.tanh %[[X]] : tensor<16xf32>
// CHECK-NEXT: %[[E:.*]] = linalg.exp ins(%[[X]] : tensor<16xf32>)
// CHECK-NEXT: return %[[T]], %[[E]]
func.func @named_tanh(%x: tensor<16xf32>) -> (tensor<16xf32>, tensor<16xf32>) {
  %e = tensor.empty() : tensor<16xf32>
  %0 = linalg.tanh ins(%x : tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  %1 = linalg.exp ins(%x : tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  return %0, %1 : tensor<16xf32>, tensor<16xf32>
}

// -----

#map = affine_map<(d0, d1) -> (d0, d1)>

// torch-mlir's aten.silu as two generics: the sigmoid body is raised and its
// generic collapses, then the multiply generic (a single mulf of its two
// inputs) reads as x * sigmoid(x).
// CHECK-LABEL: func @torch_silu
// CHECK-SAME: (%[[X:.*]]: tensor<4x8xf32>)
// CHECK-NEXT: %[[R:.*]] = act.silu %[[X]] : tensor<4x8xf32>
// CHECK-NEXT: return %[[R]]
func.func @torch_silu(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %e = tensor.empty() : tensor<4x8xf32>
  %0 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %cst = arith.constant 1.000000e+00 : f32
    %1 = arith.negf %in : f32
    %2 = math.exp %1 : f32
    %3 = arith.addf %2, %cst : f32
    %4 = arith.divf %cst, %3 : f32
    linalg.yield %4 : f32
  } -> tensor<4x8xf32>
  %5 = linalg.generic {indexing_maps = [#map, #map, #map], iterator_types = ["parallel", "parallel"]} ins(%0, %x : tensor<4x8xf32>, tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%in: f32, %in_0: f32, %out: f32):
    %6 = arith.mulf %in, %in_0 : f32
    linalg.yield %6 : f32
  } -> tensor<4x8xf32>
  return %5 : tensor<4x8xf32>
}

// Negative: a multiply generic that also adds its init (an accumulation)
// is not a single-op body; only the sigmoid is raised.
// CHECK-LABEL: func @torch_silu_accumulate_kept
// CHECK-SAME: (%[[X:.*]]: tensor<4x8xf32>, %[[Y:.*]]: tensor<4x8xf32>)
// CHECK-NEXT: %[[S:.*]] = act.sigmoid %[[X]] : tensor<4x8xf32>
// CHECK-NEXT: %[[G:.*]] = linalg.generic {{.*}} ins(%[[S]], %[[X]] : tensor<4x8xf32>, tensor<4x8xf32>) outs(%[[Y]] : tensor<4x8xf32>)
// CHECK: arith.mulf
// CHECK-NEXT: arith.addf
func.func @torch_silu_accumulate_kept(%x: tensor<4x8xf32>, %y: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %e = tensor.empty() : tensor<4x8xf32>
  %0 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %cst = arith.constant 1.000000e+00 : f32
    %1 = arith.negf %in : f32
    %2 = math.exp %1 : f32
    %3 = arith.addf %2, %cst : f32
    %4 = arith.divf %cst, %3 : f32
    linalg.yield %4 : f32
  } -> tensor<4x8xf32>
  %5 = linalg.generic {indexing_maps = [#map, #map, #map], iterator_types = ["parallel", "parallel"]} ins(%0, %x : tensor<4x8xf32>, tensor<4x8xf32>) outs(%y : tensor<4x8xf32>) {
  ^bb0(%in: f32, %in_0: f32, %out: f32):
    %6 = arith.mulf %in, %in_0 : f32
    %7 = arith.addf %6, %out : f32
    linalg.yield %7 : f32
  } -> tensor<4x8xf32>
  return %5 : tensor<4x8xf32>
}

// -----

// The activation's input is itself a sum (the bias add in the same body):
// the bias add stays and is the input of the raised op, it is not expanded
// into the polynomial.
// CHECK-LABEL: func @gelu_silu_of_bias_add
// CHECK: ^bb0(%[[IN:.*]]: f32, %[[B:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[IN]], %[[B]] : f32
// CHECK-NEXT: %[[G:.*]] = act.gelu %[[S]] : f32
// CHECK-NEXT: linalg.yield %[[G]] : f32
// CHECK: ^bb0(%[[IN2:.*]]: f32, %[[B2:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[S2:.*]] = arith.subf %[[IN2]], %[[B2]] : f32
// CHECK-NEXT: %[[Y:.*]] = act.silu %[[S2]] : f32
// CHECK-NEXT: linalg.yield %[[Y]] : f32
#id = affine_map<(d0, d1) -> (d0, d1)>
#along_n = affine_map<(d0, d1) -> (d1)>
func.func @gelu_silu_of_bias_add(%x: tensor<4x8xf32>, %b: tensor<8xf32>) -> (tensor<4x8xf32>, tensor<4x8xf32>) {
  %one = arith.constant 1.000000e+00 : f32
  %half = arith.constant 5.000000e-01 : f32
  %rsqrt2 = arith.constant 0.707106769 : f32
  %e = tensor.empty() : tensor<4x8xf32>
  %0 = linalg.generic {indexing_maps = [#id, #along_n, #id], iterator_types = ["parallel", "parallel"]} ins(%x, %b : tensor<4x8xf32>, tensor<8xf32>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%in: f32, %bias: f32, %out: f32):
    %s = arith.addf %in, %bias : f32
    %1 = arith.mulf %s, %rsqrt2 : f32
    %2 = math.erf %1 : f32
    %3 = arith.addf %2, %one : f32
    %4 = arith.mulf %s, %half : f32
    %5 = arith.mulf %4, %3 : f32
    linalg.yield %5 : f32
  } -> tensor<4x8xf32>
  %6 = linalg.generic {indexing_maps = [#id, #along_n, #id], iterator_types = ["parallel", "parallel"]} ins(%x, %b : tensor<4x8xf32>, tensor<8xf32>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%in: f32, %bias: f32, %out: f32):
    %s = arith.subf %in, %bias : f32
    %7 = arith.negf %s : f32
    %8 = math.exp %7 : f32
    %9 = arith.addf %8, %one : f32
    %10 = arith.divf %s, %9 : f32
    linalg.yield %10 : f32
  } -> tensor<4x8xf32>
  return %0, %6 : tensor<4x8xf32>, tensor<4x8xf32>
}
