// Piecewise-linear raising is bit-identical: every raised form, compiled
// and run by act-run before and after --act-raise, on the standard inputs of
// `act-numerics inputs` (all 65536 f16 bit patterns; the f32
// special values, binade sweep and [-20, 20] grid), gives the same bits,
// NaN and zero signs included. hard_swish runs on the finite inputs: at
// -Inf the formula gives NaN and act its limit -0.0 (docs/semantics.md,
// "Raising"). The FileCheck run makes sure each function was raised, so
// that no comparison is of a function with itself. bf16 is not tested: x86
// has no bf16 arithmetic, and the JIT's lowering of bf16 `llvm.fmul` and
// `llvm.intr.maxnum` returns 0 for denormal inputs and results (measured),
// so decomposed bf16 code is no reference; act computes in f32 and rounds
// once.

// RUN: rm -rf %t && mkdir -p %t
// RUN: act-opt %s --act-raise -o %t/raised.mlir
// RUN: FileCheck %s --input-file=%t/raised.mlir
// RUN: act-numerics inputs --dtype=f16 -o %t/f16.npy
// RUN: act-numerics inputs --dtype=f32 -o %t/f32.npy
// RUN: act-numerics inputs --dtype=f32 --min=-3.4e38 -o %t/f32-finite.npy
// RUN: act-run %s --entry=relu_maximumf --input=%t/f16.npy --output-dir=%t/relu_maximumf-before
// RUN: act-run %t/raised.mlir --entry=relu_maximumf --input=%t/f16.npy --output-dir=%t/relu_maximumf-after
// RUN: act-numerics compare %t/relu_maximumf-before/out0.npy %t/relu_maximumf-after/out0.npy
// RUN: act-run %s --entry=relu_maxnumf --input=%t/f16.npy --output-dir=%t/relu_maxnumf-before
// RUN: act-run %t/raised.mlir --entry=relu_maxnumf --input=%t/f16.npy --output-dir=%t/relu_maxnumf-after
// RUN: act-numerics compare %t/relu_maxnumf-before/out0.npy %t/relu_maxnumf-after/out0.npy
// RUN: act-run %s --entry=relu_select_ugt --input=%t/f16.npy --output-dir=%t/relu_select_ugt-before
// RUN: act-run %t/raised.mlir --entry=relu_select_ugt --input=%t/f16.npy --output-dir=%t/relu_select_ugt-after
// RUN: act-numerics compare %t/relu_select_ugt-before/out0.npy %t/relu_select_ugt-after/out0.npy
// RUN: act-run %s --entry=relu_select_ole --input=%t/f16.npy --output-dir=%t/relu_select_ole-before
// RUN: act-run %t/raised.mlir --entry=relu_select_ole --input=%t/f16.npy --output-dir=%t/relu_select_ole-after
// RUN: act-numerics compare %t/relu_select_ole-before/out0.npy %t/relu_select_ole-after/out0.npy
// RUN: act-run %s --entry=clip --input=%t/f16.npy --output-dir=%t/clip-before
// RUN: act-run %t/raised.mlir --entry=clip --input=%t/f16.npy --output-dir=%t/clip-after
// RUN: act-numerics compare %t/clip-before/out0.npy %t/clip-after/out0.npy
// RUN: act-run %s --entry=clip_min_first --input=%t/f16.npy --output-dir=%t/clip_min_first-before
// RUN: act-run %t/raised.mlir --entry=clip_min_first --input=%t/f16.npy --output-dir=%t/clip_min_first-after
// RUN: act-numerics compare %t/clip_min_first-before/out0.npy %t/clip_min_first-after/out0.npy
// RUN: act-run %s --entry=clip_ignore --input=%t/f16.npy --output-dir=%t/clip_ignore-before
// RUN: act-run %t/raised.mlir --entry=clip_ignore --input=%t/f16.npy --output-dir=%t/clip_ignore-after
// RUN: act-numerics compare %t/clip_ignore-before/out0.npy %t/clip_ignore-after/out0.npy
// RUN: act-run %s --entry=clip_negative_zero --input=%t/f16.npy --output-dir=%t/clip_negative_zero-before
// RUN: act-run %t/raised.mlir --entry=clip_negative_zero --input=%t/f16.npy --output-dir=%t/clip_negative_zero-after
// RUN: act-numerics compare %t/clip_negative_zero-before/out0.npy %t/clip_negative_zero-after/out0.npy
// RUN: act-run %s --entry=clip_signed_zero --input=%t/f16.npy --output-dir=%t/clip_signed_zero-before
// RUN: act-run %t/raised.mlir --entry=clip_signed_zero --input=%t/f16.npy --output-dir=%t/clip_signed_zero-after
// RUN: act-numerics compare %t/clip_signed_zero-before/out0.npy %t/clip_signed_zero-after/out0.npy
// RUN: act-run %s --entry=leaky_relu_select --input=%t/f16.npy --output-dir=%t/leaky_relu_select-before
// RUN: act-run %t/raised.mlir --entry=leaky_relu_select --input=%t/f16.npy --output-dir=%t/leaky_relu_select-after
// RUN: act-numerics compare %t/leaky_relu_select-before/out0.npy %t/leaky_relu_select-after/out0.npy
// RUN: act-run %s --entry=leaky_relu_select_oge --input=%t/f16.npy --output-dir=%t/leaky_relu_select_oge-before
// RUN: act-run %t/raised.mlir --entry=leaky_relu_select_oge --input=%t/f16.npy --output-dir=%t/leaky_relu_select_oge-after
// RUN: act-numerics compare %t/leaky_relu_select_oge-before/out0.npy %t/leaky_relu_select_oge-after/out0.npy
// RUN: act-run %s --entry=leaky_relu_negative_alpha --input=%t/f16.npy --output-dir=%t/leaky_relu_negative_alpha-before
// RUN: act-run %t/raised.mlir --entry=leaky_relu_negative_alpha --input=%t/f16.npy --output-dir=%t/leaky_relu_negative_alpha-after
// RUN: act-numerics compare %t/leaky_relu_negative_alpha-before/out0.npy %t/leaky_relu_negative_alpha-after/out0.npy
// RUN: act-run %s --entry=leaky_relu_max --input=%t/f16.npy --output-dir=%t/leaky_relu_max-before
// RUN: act-run %t/raised.mlir --entry=leaky_relu_max --input=%t/f16.npy --output-dir=%t/leaky_relu_max-after
// RUN: act-numerics compare %t/leaky_relu_max-before/out0.npy %t/leaky_relu_max-after/out0.npy
// RUN: act-run %s --entry=thresholded_relu --input=%t/f16.npy --output-dir=%t/thresholded_relu-before
// RUN: act-run %t/raised.mlir --entry=thresholded_relu --input=%t/f16.npy --output-dir=%t/thresholded_relu-after
// RUN: act-numerics compare %t/thresholded_relu-before/out0.npy %t/thresholded_relu-after/out0.npy
// RUN: act-run %s --entry=thresholded_relu_ugt --input=%t/f16.npy --output-dir=%t/thresholded_relu_ugt-before
// RUN: act-run %t/raised.mlir --entry=thresholded_relu_ugt --input=%t/f16.npy --output-dir=%t/thresholded_relu_ugt-after
// RUN: act-numerics compare %t/thresholded_relu_ugt-before/out0.npy %t/thresholded_relu_ugt-after/out0.npy
// RUN: act-run %s --entry=hard_sigmoid --input=%t/f32.npy --output-dir=%t/hard_sigmoid-before
// RUN: act-run %t/raised.mlir --entry=hard_sigmoid --input=%t/f32.npy --output-dir=%t/hard_sigmoid-after
// RUN: act-numerics compare %t/hard_sigmoid-before/out0.npy %t/hard_sigmoid-after/out0.npy
// RUN: act-run %s --entry=hard_sigmoid_ignore --input=%t/f32.npy --output-dir=%t/hard_sigmoid_ignore-before
// RUN: act-run %t/raised.mlir --entry=hard_sigmoid_ignore --input=%t/f32.npy --output-dir=%t/hard_sigmoid_ignore-after
// RUN: act-numerics compare %t/hard_sigmoid_ignore-before/out0.npy %t/hard_sigmoid_ignore-after/out0.npy
// RUN: act-run %s --entry=hard_swish --input=%t/f32-finite.npy --output-dir=%t/hard_swish-before
// RUN: act-run %t/raised.mlir --entry=hard_swish --input=%t/f32-finite.npy --output-dir=%t/hard_swish-after
// RUN: act-numerics compare %t/hard_swish-before/out0.npy %t/hard_swish-after/out0.npy
// RUN: act-run %s --entry=leaky_relu_f32 --input=%t/f32.npy --output-dir=%t/leaky_relu_f32-before
// RUN: act-run %t/raised.mlir --entry=leaky_relu_f32 --input=%t/f32.npy --output-dir=%t/leaky_relu_f32-after
// RUN: act-numerics compare %t/leaky_relu_f32-before/out0.npy %t/leaky_relu_f32-after/out0.npy

#map = affine_map<(d0) -> (d0)>

// CHECK-LABEL: func @relu_maximumf(
// CHECK-SAME: %[[X:.*]]: tensor<?xf16>
// CHECK-NEXT: %[[R:.*]] = act.relu %[[X]] : tensor<?xf16>
// CHECK-NEXT: return %[[R]]
func.func @relu_maximumf(%x: tensor<?xf16>) -> tensor<?xf16> {
  %c0 = arith.constant 0.0 : f16
  %i0 = arith.constant 0 : index
  %n = tensor.dim %x, %i0 : tensor<?xf16>
  %e = tensor.empty(%n) : tensor<?xf16>
  %0 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]} ins(%x : tensor<?xf16>) outs(%e : tensor<?xf16>) {
  ^bb0(%in: f16, %out: f16):
    %r = arith.maximumf %in, %c0 : f16
    linalg.yield %r : f16
  } -> tensor<?xf16>
  return %0 : tensor<?xf16>
}

// CHECK-LABEL: func @relu_maxnumf(
// CHECK-SAME: %[[X:.*]]: tensor<?xf16>
// CHECK-NEXT: %[[R:.*]] = act.relu %[[X]] {nan_mode = #act.nan_mode<ignore>} : tensor<?xf16>
// CHECK-NEXT: return %[[R]]
func.func @relu_maxnumf(%x: tensor<?xf16>) -> tensor<?xf16> {
  %c0 = arith.constant 0.0 : f16
  %i0 = arith.constant 0 : index
  %n = tensor.dim %x, %i0 : tensor<?xf16>
  %e = tensor.empty(%n) : tensor<?xf16>
  %0 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]} ins(%x : tensor<?xf16>) outs(%e : tensor<?xf16>) {
  ^bb0(%in: f16, %out: f16):
    %r = arith.maxnumf %in, %c0 : f16
    linalg.yield %r : f16
  } -> tensor<?xf16>
  return %0 : tensor<?xf16>
}

// CHECK-LABEL: func @relu_select_ugt(
// CHECK-SAME: %[[X:.*]]: tensor<?xf16>
// CHECK-NEXT: %[[R:.*]] = act.relu %[[X]] : tensor<?xf16>
// CHECK-NEXT: return %[[R]]
func.func @relu_select_ugt(%x: tensor<?xf16>) -> tensor<?xf16> {
  %c0 = arith.constant 0.0 : f16
  %i0 = arith.constant 0 : index
  %n = tensor.dim %x, %i0 : tensor<?xf16>
  %e = tensor.empty(%n) : tensor<?xf16>
  %0 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]} ins(%x : tensor<?xf16>) outs(%e : tensor<?xf16>) {
  ^bb0(%in: f16, %out: f16):
    %p = arith.cmpf ugt, %in, %c0 : f16
    %r = arith.select %p, %in, %c0 : f16
    linalg.yield %r : f16
  } -> tensor<?xf16>
  return %0 : tensor<?xf16>
}

// CHECK-LABEL: func @relu_select_ole(
// CHECK-SAME: %[[X:.*]]: tensor<?xf16>
// CHECK-NEXT: %[[R:.*]] = act.relu %[[X]] : tensor<?xf16>
// CHECK-NEXT: return %[[R]]
func.func @relu_select_ole(%x: tensor<?xf16>) -> tensor<?xf16> {
  %c0 = arith.constant 0.0 : f16
  %i0 = arith.constant 0 : index
  %n = tensor.dim %x, %i0 : tensor<?xf16>
  %e = tensor.empty(%n) : tensor<?xf16>
  %0 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]} ins(%x : tensor<?xf16>) outs(%e : tensor<?xf16>) {
  ^bb0(%in: f16, %out: f16):
    %p = arith.cmpf ole, %in, %c0 : f16
    %r = arith.select %p, %c0, %in : f16
    linalg.yield %r : f16
  } -> tensor<?xf16>
  return %0 : tensor<?xf16>
}

// CHECK-LABEL: func @clip(
// CHECK-SAME: %[[X:.*]]: tensor<?xf16>
// CHECK-NEXT: %[[R:.*]] = act.clip %[[X]] {max = 6.000000e+00 : f64, min = 0.000000e+00 : f64} : tensor<?xf16>
// CHECK-NEXT: return %[[R]]
func.func @clip(%x: tensor<?xf16>) -> tensor<?xf16> {
  %c0 = arith.constant 0.0 : f16
  %c6 = arith.constant 6.0 : f16
  %i0 = arith.constant 0 : index
  %n = tensor.dim %x, %i0 : tensor<?xf16>
  %e = tensor.empty(%n) : tensor<?xf16>
  %0 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]} ins(%x : tensor<?xf16>) outs(%e : tensor<?xf16>) {
  ^bb0(%in: f16, %out: f16):
    %a = arith.maximumf %in, %c0 : f16
    %r = arith.minimumf %a, %c6 : f16
    linalg.yield %r : f16
  } -> tensor<?xf16>
  return %0 : tensor<?xf16>
}

// CHECK-LABEL: func @clip_min_first(
// CHECK-SAME: %[[X:.*]]: tensor<?xf16>
// CHECK-NEXT: %[[R:.*]] = act.clip %[[X]] {max = 6.000000e+00 : f64, min = 0.000000e+00 : f64} : tensor<?xf16>
// CHECK-NEXT: return %[[R]]
func.func @clip_min_first(%x: tensor<?xf16>) -> tensor<?xf16> {
  %c0 = arith.constant 0.0 : f16
  %c6 = arith.constant 6.0 : f16
  %i0 = arith.constant 0 : index
  %n = tensor.dim %x, %i0 : tensor<?xf16>
  %e = tensor.empty(%n) : tensor<?xf16>
  %0 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]} ins(%x : tensor<?xf16>) outs(%e : tensor<?xf16>) {
  ^bb0(%in: f16, %out: f16):
    %a = arith.minimumf %in, %c6 : f16
    %r = arith.maximumf %a, %c0 : f16
    linalg.yield %r : f16
  } -> tensor<?xf16>
  return %0 : tensor<?xf16>
}

// CHECK-LABEL: func @clip_ignore(
// CHECK-SAME: %[[X:.*]]: tensor<?xf16>
// CHECK-NEXT: %[[R:.*]] = act.clip %[[X]] {max = 6.000000e+00 : f64, min = -1.000000e+00 : f64, nan_mode = #act.nan_mode<ignore>} : tensor<?xf16>
// CHECK-NEXT: return %[[R]]
func.func @clip_ignore(%x: tensor<?xf16>) -> tensor<?xf16> {
  %c6 = arith.constant 6.0 : f16
  %cm1 = arith.constant -1.0 : f16
  %i0 = arith.constant 0 : index
  %n = tensor.dim %x, %i0 : tensor<?xf16>
  %e = tensor.empty(%n) : tensor<?xf16>
  %0 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]} ins(%x : tensor<?xf16>) outs(%e : tensor<?xf16>) {
  ^bb0(%in: f16, %out: f16):
    %a = arith.maxnumf %in, %cm1 : f16
    %r = arith.minnumf %a, %c6 : f16
    linalg.yield %r : f16
  } -> tensor<?xf16>
  return %0 : tensor<?xf16>
}

// CHECK-LABEL: func @clip_negative_zero(
// CHECK-SAME: %[[X:.*]]: tensor<?xf16>
// CHECK-NEXT: %[[R:.*]] = act.clip %[[X]] {min = -0.000000e+00 : f64} : tensor<?xf16>
// CHECK-NEXT: return %[[R]]
func.func @clip_negative_zero(%x: tensor<?xf16>) -> tensor<?xf16> {
  %cm0 = arith.constant -0.0 : f16
  %i0 = arith.constant 0 : index
  %n = tensor.dim %x, %i0 : tensor<?xf16>
  %e = tensor.empty(%n) : tensor<?xf16>
  %0 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]} ins(%x : tensor<?xf16>) outs(%e : tensor<?xf16>) {
  ^bb0(%in: f16, %out: f16):
    %r = arith.maximumf %in, %cm0 : f16
    linalg.yield %r : f16
  } -> tensor<?xf16>
  return %0 : tensor<?xf16>
}

// CHECK-LABEL: func @clip_signed_zero(
// CHECK-SAME: %[[X:.*]]: tensor<?xf16>
// CHECK-NEXT: %[[R:.*]] = act.clip %[[X]] {max = -0.000000e+00 : f64, min = -0.000000e+00 : f64} : tensor<?xf16>
// CHECK-NEXT: return %[[R]]
func.func @clip_signed_zero(%x: tensor<?xf16>) -> tensor<?xf16> {
  %c0 = arith.constant 0.0 : f16
  %cm0 = arith.constant -0.0 : f16
  %i0 = arith.constant 0 : index
  %n = tensor.dim %x, %i0 : tensor<?xf16>
  %e = tensor.empty(%n) : tensor<?xf16>
  %0 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]} ins(%x : tensor<?xf16>) outs(%e : tensor<?xf16>) {
  ^bb0(%in: f16, %out: f16):
    %a = arith.maximumf %in, %c0 : f16
    %r = arith.minimumf %a, %cm0 : f16
    linalg.yield %r : f16
  } -> tensor<?xf16>
  return %0 : tensor<?xf16>
}

// CHECK-LABEL: func @leaky_relu_select(
// CHECK-SAME: %[[X:.*]]: tensor<?xf16>
// CHECK-NEXT: %[[R:.*]] = act.leaky_relu %[[X]] {alpha = 0.01000213623046875 : f64} : tensor<?xf16>
// CHECK-NEXT: return %[[R]]
func.func @leaky_relu_select(%x: tensor<?xf16>) -> tensor<?xf16> {
  %c0 = arith.constant 0.0 : f16
  %ca = arith.constant 0.01 : f16
  %i0 = arith.constant 0 : index
  %n = tensor.dim %x, %i0 : tensor<?xf16>
  %e = tensor.empty(%n) : tensor<?xf16>
  %0 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]} ins(%x : tensor<?xf16>) outs(%e : tensor<?xf16>) {
  ^bb0(%in: f16, %out: f16):
    %p = arith.cmpf ogt, %in, %c0 : f16
    %m = arith.mulf %in, %ca : f16
    %r = arith.select %p, %in, %m : f16
    linalg.yield %r : f16
  } -> tensor<?xf16>
  return %0 : tensor<?xf16>
}

// CHECK-LABEL: func @leaky_relu_select_oge(
// CHECK-SAME: %[[X:.*]]: tensor<?xf16>
// CHECK-NEXT: %[[R:.*]] = act.leaky_relu %[[X]] {alpha = 0.01000213623046875 : f64} : tensor<?xf16>
// CHECK-NEXT: return %[[R]]
func.func @leaky_relu_select_oge(%x: tensor<?xf16>) -> tensor<?xf16> {
  %c0 = arith.constant 0.0 : f16
  %ca = arith.constant 0.01 : f16
  %i0 = arith.constant 0 : index
  %n = tensor.dim %x, %i0 : tensor<?xf16>
  %e = tensor.empty(%n) : tensor<?xf16>
  %0 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]} ins(%x : tensor<?xf16>) outs(%e : tensor<?xf16>) {
  ^bb0(%in: f16, %out: f16):
    %p = arith.cmpf oge, %in, %c0 : f16
    %m = arith.mulf %in, %ca : f16
    %r = arith.select %p, %in, %m : f16
    linalg.yield %r : f16
  } -> tensor<?xf16>
  return %0 : tensor<?xf16>
}

// CHECK-LABEL: func @leaky_relu_negative_alpha(
// CHECK-SAME: %[[X:.*]]: tensor<?xf16>
// CHECK-NEXT: %[[R:.*]] = act.leaky_relu %[[X]] {alpha = -5.000000e-01 : f64} : tensor<?xf16>
// CHECK-NEXT: return %[[R]]
func.func @leaky_relu_negative_alpha(%x: tensor<?xf16>) -> tensor<?xf16> {
  %c0 = arith.constant 0.0 : f16
  %cna = arith.constant -0.5 : f16
  %i0 = arith.constant 0 : index
  %n = tensor.dim %x, %i0 : tensor<?xf16>
  %e = tensor.empty(%n) : tensor<?xf16>
  %0 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]} ins(%x : tensor<?xf16>) outs(%e : tensor<?xf16>) {
  ^bb0(%in: f16, %out: f16):
    %p = arith.cmpf ogt, %in, %c0 : f16
    %m = arith.mulf %in, %cna : f16
    %r = arith.select %p, %in, %m : f16
    linalg.yield %r : f16
  } -> tensor<?xf16>
  return %0 : tensor<?xf16>
}

// CHECK-LABEL: func @leaky_relu_max(
// CHECK-SAME: %[[X:.*]]: tensor<?xf16>
// CHECK-NEXT: %[[R:.*]] = act.leaky_relu %[[X]] {alpha = 0.199951171875 : f64} : tensor<?xf16>
// CHECK-NEXT: return %[[R]]
func.func @leaky_relu_max(%x: tensor<?xf16>) -> tensor<?xf16> {
  %cb = arith.constant 0.2 : f16
  %i0 = arith.constant 0 : index
  %n = tensor.dim %x, %i0 : tensor<?xf16>
  %e = tensor.empty(%n) : tensor<?xf16>
  %0 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]} ins(%x : tensor<?xf16>) outs(%e : tensor<?xf16>) {
  ^bb0(%in: f16, %out: f16):
    %m = arith.mulf %cb, %in : f16
    %r = arith.maximumf %in, %m : f16
    linalg.yield %r : f16
  } -> tensor<?xf16>
  return %0 : tensor<?xf16>
}

// CHECK-LABEL: func @thresholded_relu(
// CHECK-SAME: %[[X:.*]]: tensor<?xf16>
// CHECK-NEXT: %[[R:.*]] = act.thresholded_relu %[[X]] {alpha = 1.500000e+00 : f64, nan_mode = #act.nan_mode<ignore>} : tensor<?xf16>
// CHECK-NEXT: return %[[R]]
func.func @thresholded_relu(%x: tensor<?xf16>) -> tensor<?xf16> {
  %c0 = arith.constant 0.0 : f16
  %ct = arith.constant 1.5 : f16
  %i0 = arith.constant 0 : index
  %n = tensor.dim %x, %i0 : tensor<?xf16>
  %e = tensor.empty(%n) : tensor<?xf16>
  %0 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]} ins(%x : tensor<?xf16>) outs(%e : tensor<?xf16>) {
  ^bb0(%in: f16, %out: f16):
    %p = arith.cmpf ogt, %in, %ct : f16
    %r = arith.select %p, %in, %c0 : f16
    linalg.yield %r : f16
  } -> tensor<?xf16>
  return %0 : tensor<?xf16>
}

// CHECK-LABEL: func @thresholded_relu_ugt(
// CHECK-SAME: %[[X:.*]]: tensor<?xf16>
// CHECK-NEXT: %[[R:.*]] = act.thresholded_relu %[[X]] {alpha = 1.500000e+00 : f64} : tensor<?xf16>
// CHECK-NEXT: return %[[R]]
func.func @thresholded_relu_ugt(%x: tensor<?xf16>) -> tensor<?xf16> {
  %c0 = arith.constant 0.0 : f16
  %ct = arith.constant 1.5 : f16
  %i0 = arith.constant 0 : index
  %n = tensor.dim %x, %i0 : tensor<?xf16>
  %e = tensor.empty(%n) : tensor<?xf16>
  %0 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]} ins(%x : tensor<?xf16>) outs(%e : tensor<?xf16>) {
  ^bb0(%in: f16, %out: f16):
    %p = arith.cmpf ugt, %in, %ct : f16
    %r = arith.select %p, %in, %c0 : f16
    linalg.yield %r : f16
  } -> tensor<?xf16>
  return %0 : tensor<?xf16>
}

// CHECK-LABEL: func @hard_sigmoid(
// CHECK-SAME: %[[X:.*]]: tensor<?xf32>
// CHECK-NEXT: %[[R:.*]] = act.hard_sigmoid %[[X]] {alpha = 0.20000000298023224 : f64} : tensor<?xf32>
// CHECK-NEXT: return %[[R]]
func.func @hard_sigmoid(%x: tensor<?xf32>) -> tensor<?xf32> {
  %c0 = arith.constant 0.0 : f32
  %c1 = arith.constant 1.0 : f32
  %cb = arith.constant 0.2 : f32
  %ch = arith.constant 0.5 : f32
  %i0 = arith.constant 0 : index
  %n = tensor.dim %x, %i0 : tensor<?xf32>
  %e = tensor.empty(%n) : tensor<?xf32>
  %0 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]} ins(%x : tensor<?xf32>) outs(%e : tensor<?xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.mulf %in, %cb : f32
    %y = arith.addf %m, %ch : f32
    %a = arith.maximumf %y, %c0 : f32
    %r = arith.minimumf %a, %c1 : f32
    linalg.yield %r : f32
  } -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// CHECK-LABEL: func @hard_sigmoid_ignore(
// CHECK-SAME: %[[X:.*]]: tensor<?xf32>
// CHECK-NEXT: %[[R:.*]] = act.hard_sigmoid %[[X]] {alpha = 0.1666666716337204 : f64, nan_mode = #act.nan_mode<ignore>} : tensor<?xf32>
// CHECK-NEXT: return %[[R]]
func.func @hard_sigmoid_ignore(%x: tensor<?xf32>) -> tensor<?xf32> {
  %c0 = arith.constant 0.0 : f32
  %c1 = arith.constant 1.0 : f32
  %ch = arith.constant 0.5 : f32
  %cs = arith.constant 0.166666672 : f32
  %i0 = arith.constant 0 : index
  %n = tensor.dim %x, %i0 : tensor<?xf32>
  %e = tensor.empty(%n) : tensor<?xf32>
  %0 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]} ins(%x : tensor<?xf32>) outs(%e : tensor<?xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.mulf %in, %cs : f32
    %y = arith.addf %m, %ch : f32
    %a = arith.maxnumf %y, %c0 : f32
    %r = arith.minnumf %a, %c1 : f32
    linalg.yield %r : f32
  } -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// CHECK-LABEL: func @hard_swish(
// CHECK-SAME: %[[X:.*]]: tensor<?xf32>
// CHECK-NEXT: %[[R:.*]] = act.hard_swish %[[X]] : tensor<?xf32>
// CHECK-NEXT: return %[[R]]
func.func @hard_swish(%x: tensor<?xf32>) -> tensor<?xf32> {
  %c0 = arith.constant 0.0 : f32
  %c3 = arith.constant 3.0 : f32
  %c6 = arith.constant 6.0 : f32
  %i0 = arith.constant 0 : index
  %n = tensor.dim %x, %i0 : tensor<?xf32>
  %e = tensor.empty(%n) : tensor<?xf32>
  %0 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]} ins(%x : tensor<?xf32>) outs(%e : tensor<?xf32>) {
  ^bb0(%in: f32, %out: f32):
    %y = arith.addf %in, %c3 : f32
    %a = arith.maximumf %y, %c0 : f32
    %b = arith.minimumf %a, %c6 : f32
    %m = arith.mulf %in, %b : f32
    %r = arith.divf %m, %c6 : f32
    linalg.yield %r : f32
  } -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// CHECK-LABEL: func @leaky_relu_f32(
// CHECK-SAME: %[[X:.*]]: tensor<?xf32>
// CHECK-NEXT: %[[R:.*]] = act.leaky_relu %[[X]] {alpha = 0.0099999997764825821 : f64} : tensor<?xf32>
// CHECK-NEXT: return %[[R]]
func.func @leaky_relu_f32(%x: tensor<?xf32>) -> tensor<?xf32> {
  %c0 = arith.constant 0.0 : f32
  %ca = arith.constant 0.01 : f32
  %i0 = arith.constant 0 : index
  %n = tensor.dim %x, %i0 : tensor<?xf32>
  %e = tensor.empty(%n) : tensor<?xf32>
  %0 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]} ins(%x : tensor<?xf32>) outs(%e : tensor<?xf32>) {
  ^bb0(%in: f32, %out: f32):
    %p = arith.cmpf ugt, %in, %c0 : f32
    %m = arith.mulf %in, %ca : f32
    %r = arith.select %p, %in, %m : f32
    linalg.yield %r : f32
  } -> tensor<?xf32>
  return %0 : tensor<?xf32>
}
