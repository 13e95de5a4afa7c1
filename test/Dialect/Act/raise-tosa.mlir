// RUN: act-opt %s --split-input-file --act-raise | FileCheck %s

// Raising TOSA 1.0 graphs: constants are tosa.const splats that broadcast
// (rank-equal, size-1 shapes), tosa.mul carries a shift operand and
// tosa.negate zero-point operands, which must be zero constants; the
// nan_mode of tosa.clamp/maximum/minimum maps onto act's.

// CHECK-LABEL: func @sigmoid_tanh
// CHECK-SAME: (%[[X:.*]]: tensor<2x8xf32>)
// CHECK-NEXT: %[[S:.*]] = act.sigmoid %[[X]] : tensor<2x8xf32>
// CHECK-NEXT: %[[T:.*]] = act.tanh %[[X]] : tensor<2x8xf32>
// CHECK-NEXT: return %[[S]], %[[T]]
func.func @sigmoid_tanh(%x: tensor<2x8xf32>) -> (tensor<2x8xf32>, tensor<2x8xf32>) {
  %0 = tosa.sigmoid %x : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %1 = tosa.tanh %x : (tensor<2x8xf32>) -> tensor<2x8xf32>
  return %0, %1 : tensor<2x8xf32>, tensor<2x8xf32>
}

// The decomposed sigmoid: reciprocal(1 + exp(negate(x))).
// CHECK-LABEL: func @sigmoid_decomposed
// CHECK-SAME: (%[[X:.*]]: tensor<2x8xf32>)
// CHECK-NEXT: %[[S:.*]] = act.sigmoid %[[X]] : tensor<2x8xf32>
// CHECK-NEXT: return %[[S]]
func.func @sigmoid_decomposed(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %one = "tosa.const"() <{values = dense<1.0> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %0 = tosa.negate %x, %zp, %zp : (tensor<2x8xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<2x8xf32>
  %1 = tosa.exp %0 : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %2 = tosa.add %one, %1 : (tensor<1x1xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %3 = tosa.reciprocal %2 : (tensor<2x8xf32>) -> tensor<2x8xf32>
  return %3 : tensor<2x8xf32>
}

// Negative: zero points that are not known constants.
// CHECK-LABEL: func @sigmoid_unknown_zero_point_kept
// CHECK: tosa.negate
// CHECK-NOT: act.
func.func @sigmoid_unknown_zero_point_kept(%x: tensor<2x8xf32>, %zp: tensor<1xf32>) -> tensor<2x8xf32> {
  %one = "tosa.const"() <{values = dense<1.0> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %0 = tosa.negate %x, %zp, %zp : (tensor<2x8xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<2x8xf32>
  %1 = tosa.exp %0 : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %2 = tosa.add %one, %1 : (tensor<1x1xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %3 = tosa.reciprocal %2 : (tensor<2x8xf32>) -> tensor<2x8xf32>
  return %3 : tensor<2x8xf32>
}

// -----

// tosa.clamp: [0, +Inf] is relu; a float-max upper bound is a clip (it maps
// +Inf to float max); IGNORE is nan_mode = ignore.
// CHECK-LABEL: func @clamp
// CHECK-SAME: (%[[X:.*]]: tensor<2x8xf32>)
// CHECK-NEXT: %[[A:.*]] = act.relu %[[X]] : tensor<2x8xf32>
// CHECK-NEXT: %[[B:.*]] = act.clip %[[X]] {max = 3.4028234663852886E+38 : f64, min = 0.000000e+00 : f64} : tensor<2x8xf32>
// CHECK-NEXT: %[[C:.*]] = act.clip %[[X]] {max = 6.000000e+00 : f64, min = 0.000000e+00 : f64, nan_mode = #act.nan_mode<ignore>} : tensor<2x8xf32>
// CHECK-NEXT: return %[[A]], %[[B]], %[[C]]
func.func @clamp(%x: tensor<2x8xf32>) -> (tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>) {
  %0 = tosa.clamp %x {min_val = 0.0 : f32, max_val = 0x7F800000 : f32} : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %1 = tosa.clamp %x {min_val = 0.0 : f32, max_val = 3.40282347e+38 : f32} : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %2 = tosa.clamp %x {min_val = 0.0 : f32, max_val = 6.0 : f32, nan_mode = IGNORE} : (tensor<2x8xf32>) -> tensor<2x8xf32>
  return %0, %1, %2 : tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>
}

// tosa.maximum with a broadcast zero: PROPAGATE is relu, IGNORE relu with
// nan_mode = ignore; then tosa.minimum of the same mode merges into a clip.
// CHECK-LABEL: func @maximum
// CHECK-SAME: (%[[X:.*]]: tensor<2x8xf32>)
// CHECK-NEXT: %[[A:.*]] = act.relu %[[X]] : tensor<2x8xf32>
// CHECK-NEXT: %[[B:.*]] = act.relu %[[X]] {nan_mode = #act.nan_mode<ignore>} : tensor<2x8xf32>
// CHECK-NEXT: %[[C:.*]] = act.clip %[[X]] {max = 6.000000e+00 : f64, min = 0.000000e+00 : f64, nan_mode = #act.nan_mode<ignore>} : tensor<2x8xf32>
// CHECK-NEXT: return %[[A]], %[[B]], %[[C]]
func.func @maximum(%x: tensor<2x8xf32>) -> (tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>) {
  %zero = "tosa.const"() <{values = dense<0.0> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %six = "tosa.const"() <{values = dense<6.0> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %0 = tosa.maximum %x, %zero : (tensor<2x8xf32>, tensor<1x1xf32>) -> tensor<2x8xf32>
  %1 = tosa.maximum %zero, %x {nan_mode = IGNORE} : (tensor<1x1xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %2 = tosa.maximum %x, %zero {nan_mode = IGNORE} : (tensor<2x8xf32>, tensor<1x1xf32>) -> tensor<2x8xf32>
  %3 = tosa.minimum %2, %six {nan_mode = IGNORE} : (tensor<2x8xf32>, tensor<1x1xf32>) -> tensor<2x8xf32>
  return %0, %1, %3 : tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>
}

// Negative: a maximum that broadcasts x (the result type is not x's), and a
// PROPAGATE maximum under an IGNORE minimum (not one clip: the minimum maps
// NaN to 6 and is left alone).
// CHECK-LABEL: func @maximum_kept
// CHECK-SAME: (%[[X:.*]]: tensor<1x8xf32>, %[[Y:.*]]: tensor<2x8xf32>)
// CHECK: %[[A:.*]] = tosa.maximum %[[X]]
// CHECK-NEXT: %[[R:.*]] = act.relu %[[Y]] : tensor<2x8xf32>
// CHECK-NEXT: %[[B:.*]] = tosa.minimum %[[R]], %{{.*}} {nan_mode = IGNORE}
// CHECK-NEXT: return %[[A]], %[[B]]
func.func @maximum_kept(%x: tensor<1x8xf32>, %y: tensor<2x8xf32>) -> (tensor<2x8xf32>, tensor<2x8xf32>) {
  %zeros = "tosa.const"() <{values = dense<0.0> : tensor<2x8xf32>}> : () -> tensor<2x8xf32>
  %zero = "tosa.const"() <{values = dense<0.0> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %six = "tosa.const"() <{values = dense<6.0> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %0 = tosa.maximum %x, %zeros : (tensor<1x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %1 = tosa.maximum %y, %zero : (tensor<2x8xf32>, tensor<1x1xf32>) -> tensor<2x8xf32>
  %2 = tosa.minimum %1, %six {nan_mode = IGNORE} : (tensor<2x8xf32>, tensor<1x1xf32>) -> tensor<2x8xf32>
  return %0, %2 : tensor<2x8xf32>, tensor<2x8xf32>
}

// -----

// CHECK-LABEL: func @silu
// CHECK-SAME: (%[[X:.*]]: tensor<2x8xf32>)
// CHECK-NEXT: %[[S:.*]] = act.silu %[[X]] : tensor<2x8xf32>
// CHECK-NEXT: return %[[S]]
func.func @silu(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %0 = tosa.sigmoid %x : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %1 = tosa.mul %x, %0, %shift : (tensor<2x8xf32>, tensor<2x8xf32>, tensor<1xi8>) -> tensor<2x8xf32>
  return %1 : tensor<2x8xf32>
}

// Negative: a shift that is not a known zero.
// CHECK-LABEL: func @silu_unknown_shift_kept
// CHECK-SAME: (%[[X:.*]]: tensor<2x8xf32>, %[[SH:.*]]: tensor<1xi8>)
// CHECK-NEXT: %[[S:.*]] = act.sigmoid %[[X]] : tensor<2x8xf32>
// CHECK-NEXT: %[[M:.*]] = tosa.mul %[[X]], %[[S]], %[[SH]]
// CHECK-NEXT: return %[[M]]
func.func @silu_unknown_shift_kept(%x: tensor<2x8xf32>, %shift: tensor<1xi8>) -> tensor<2x8xf32> {
  %0 = tosa.sigmoid %x : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %1 = tosa.mul %x, %0, %shift : (tensor<2x8xf32>, tensor<2x8xf32>, tensor<1xi8>) -> tensor<2x8xf32>
  return %1 : tensor<2x8xf32>
}

// -----

// GELU from tosa.erf, as TOSA legalizations of aten.gelu write it.
// CHECK-LABEL: func @gelu
// CHECK-SAME: (%[[X:.*]]: tensor<2x8xf16>)
// CHECK-NEXT: %[[G:.*]] = act.gelu %[[X]] : tensor<2x8xf16>
// CHECK-NEXT: return %[[G]]
func.func @gelu(%x: tensor<2x8xf16>) -> tensor<2x8xf16> {
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %half = "tosa.const"() <{values = dense<0.5> : tensor<1x1xf16>}> : () -> tensor<1x1xf16>
  %one = "tosa.const"() <{values = dense<1.0> : tensor<1x1xf16>}> : () -> tensor<1x1xf16>
  %k = "tosa.const"() <{values = dense<0.70703125> : tensor<1x1xf16>}> : () -> tensor<1x1xf16>
  %0 = tosa.mul %x, %k, %shift : (tensor<2x8xf16>, tensor<1x1xf16>, tensor<1xi8>) -> tensor<2x8xf16>
  %1 = tosa.erf %0 : (tensor<2x8xf16>) -> tensor<2x8xf16>
  %2 = tosa.add %1, %one : (tensor<2x8xf16>, tensor<1x1xf16>) -> tensor<2x8xf16>
  %3 = tosa.mul %x, %half, %shift : (tensor<2x8xf16>, tensor<1x1xf16>, tensor<1xi8>) -> tensor<2x8xf16>
  %4 = tosa.mul %3, %2, %shift : (tensor<2x8xf16>, tensor<2x8xf16>, tensor<1xi8>) -> tensor<2x8xf16>
  return %4 : tensor<2x8xf16>
}

// Negative: 0.69 is more than one f16 ulp away from 1/sqrt(2).
// CHECK-LABEL: func @gelu_kept
// CHECK: tosa.erf
// CHECK-NOT: act.
func.func @gelu_kept(%x: tensor<2x8xf16>) -> tensor<2x8xf16> {
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %half = "tosa.const"() <{values = dense<0.5> : tensor<1x1xf16>}> : () -> tensor<1x1xf16>
  %one = "tosa.const"() <{values = dense<1.0> : tensor<1x1xf16>}> : () -> tensor<1x1xf16>
  %k = "tosa.const"() <{values = dense<0.69> : tensor<1x1xf16>}> : () -> tensor<1x1xf16>
  %0 = tosa.mul %x, %k, %shift : (tensor<2x8xf16>, tensor<1x1xf16>, tensor<1xi8>) -> tensor<2x8xf16>
  %1 = tosa.erf %0 : (tensor<2x8xf16>) -> tensor<2x8xf16>
  %2 = tosa.add %1, %one : (tensor<2x8xf16>, tensor<1x1xf16>) -> tensor<2x8xf16>
  %3 = tosa.mul %x, %half, %shift : (tensor<2x8xf16>, tensor<1x1xf16>, tensor<1xi8>) -> tensor<2x8xf16>
  %4 = tosa.mul %3, %2, %shift : (tensor<2x8xf16>, tensor<2x8xf16>, tensor<1xi8>) -> tensor<2x8xf16>
  return %4 : tensor<2x8xf16>
}

// -----

// hard_sigmoid: clamp(x * a + b, 0, 1).
// CHECK-LABEL: func @hard_sigmoid
// CHECK-SAME: (%[[X:.*]]: tensor<2x8xf32>)
// CHECK-NEXT: %[[H:.*]] = act.hard_sigmoid %[[X]] {alpha = 0.1666666716337204 : f64} : tensor<2x8xf32>
// CHECK-NEXT: return %[[H]]
func.func @hard_sigmoid(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %a = "tosa.const"() <{values = dense<0.166666672> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %b = "tosa.const"() <{values = dense<0.5> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %0 = tosa.mul %x, %a, %shift : (tensor<2x8xf32>, tensor<1x1xf32>, tensor<1xi8>) -> tensor<2x8xf32>
  %1 = tosa.add %0, %b : (tensor<2x8xf32>, tensor<1x1xf32>) -> tensor<2x8xf32>
  %2 = tosa.clamp %1 {min_val = 0.0 : f32, max_val = 1.0 : f32} : (tensor<2x8xf32>) -> tensor<2x8xf32>
  return %2 : tensor<2x8xf32>
}

// Negative: a clamp from -0.0 keeps -0.0 where hard_sigmoid gives +0.0; it
// is only a clip.
// CHECK-LABEL: func @hard_sigmoid_kept
// CHECK: %[[Y:.*]] = tosa.add
// CHECK-NEXT: %[[C:.*]] = act.clip %[[Y]] {max = 1.000000e+00 : f64, min = -0.000000e+00 : f64} : tensor<2x8xf32>
// CHECK-NEXT: return %[[C]]
func.func @hard_sigmoid_kept(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %a = "tosa.const"() <{values = dense<0.2> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %b = "tosa.const"() <{values = dense<0.5> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %0 = tosa.mul %x, %a, %shift : (tensor<2x8xf32>, tensor<1x1xf32>, tensor<1xi8>) -> tensor<2x8xf32>
  %1 = tosa.add %0, %b : (tensor<2x8xf32>, tensor<1x1xf32>) -> tensor<2x8xf32>
  %2 = tosa.clamp %1 {min_val = -0.0 : f32, max_val = 1.0 : f32} : (tensor<2x8xf32>) -> tensor<2x8xf32>
  return %2 : tensor<2x8xf32>
}

// -----

// leaky_relu: select(greater(x, 0), x, x * a); elu with tosa.exp.
// CHECK-LABEL: func @leaky_relu_elu
// CHECK-SAME: (%[[X:.*]]: tensor<2x8xf32>)
// CHECK-NEXT: %[[L:.*]] = act.leaky_relu %[[X]] {alpha = 0.10000000149011612 : f64} : tensor<2x8xf32>
// CHECK-NEXT: %[[E:.*]] = act.elu %[[X]] : tensor<2x8xf32>
// CHECK-NEXT: return %[[L]], %[[E]]
func.func @leaky_relu_elu(%x: tensor<2x8xf32>) -> (tensor<2x8xf32>, tensor<2x8xf32>) {
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %zero = "tosa.const"() <{values = dense<0.0> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %one = "tosa.const"() <{values = dense<1.0> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %a = "tosa.const"() <{values = dense<0.1> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %p = tosa.greater %x, %zero : (tensor<2x8xf32>, tensor<1x1xf32>) -> tensor<2x8xi1>
  %m = tosa.mul %x, %a, %shift : (tensor<2x8xf32>, tensor<1x1xf32>, tensor<1xi8>) -> tensor<2x8xf32>
  %0 = tosa.select %p, %x, %m : (tensor<2x8xi1>, tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %e = tosa.exp %x : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %em1 = tosa.sub %e, %one : (tensor<2x8xf32>, tensor<1x1xf32>) -> tensor<2x8xf32>
  %p1 = tosa.greater_equal %x, %zero : (tensor<2x8xf32>, tensor<1x1xf32>) -> tensor<2x8xi1>
  %1 = tosa.select %p1, %x, %em1 : (tensor<2x8xi1>, tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  return %0, %1 : tensor<2x8xf32>, tensor<2x8xf32>
}

// Negative: x >= 0 ? x : x * -0.1 returns -0.0 for -0.0, leaky_relu +0.0.
// CHECK-LABEL: func @leaky_relu_kept
// CHECK: tosa.select
// CHECK-NOT: act.
func.func @leaky_relu_kept(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %zero = "tosa.const"() <{values = dense<0.0> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %a = "tosa.const"() <{values = dense<-0.1> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %p = tosa.greater_equal %x, %zero : (tensor<2x8xf32>, tensor<1x1xf32>) -> tensor<2x8xi1>
  %m = tosa.mul %x, %a, %shift : (tensor<2x8xf32>, tensor<1x1xf32>, tensor<1xi8>) -> tensor<2x8xf32>
  %0 = tosa.select %p, %x, %m : (tensor<2x8xi1>, tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// -----

// mish with tosa.exp/log/tanh, softplus as log(1 + exp(x)).
// CHECK-LABEL: func @mish
// CHECK-SAME: (%[[X:.*]]: tensor<2x8xf32>)
// CHECK-NEXT: %[[M:.*]] = act.mish %[[X]] : tensor<2x8xf32>
// CHECK-NEXT: return %[[M]]
func.func @mish(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %one = "tosa.const"() <{values = dense<1.0> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %0 = tosa.exp %x : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %1 = tosa.add %0, %one : (tensor<2x8xf32>, tensor<1x1xf32>) -> tensor<2x8xf32>
  %2 = tosa.log %1 : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %3 = tosa.tanh %2 : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %4 = tosa.mul %3, %x, %shift : (tensor<2x8xf32>, tensor<2x8xf32>, tensor<1xi8>) -> tensor<2x8xf32>
  return %4 : tensor<2x8xf32>
}
