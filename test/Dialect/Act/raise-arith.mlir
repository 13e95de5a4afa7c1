// RUN: act-opt %s --split-input-file --act-raise | FileCheck %s

// Raising arith/math chains on scalars, vectors and tensors. Every positive
// test has, next to it, the negative tests that show where the pattern must
// not fire (a constant, a predicate or the NaN/-0.0 behaviour differs).

// CHECK-LABEL: func @relu_maximumf
// CHECK-SAME: (%[[X:.*]]: tensor<8xf32>)
// CHECK-NEXT: %[[R:.*]] = act.relu %[[X]] : tensor<8xf32>
// CHECK-NEXT: return %[[R]]
func.func @relu_maximumf(%x: tensor<8xf32>) -> tensor<8xf32> {
  %c0 = arith.constant dense<0.0> : tensor<8xf32>
  %0 = arith.maximumf %x, %c0 : tensor<8xf32>
  return %0 : tensor<8xf32>
}

// CHECK-LABEL: func @relu_maximumf_commuted_scalar
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK-NEXT: %[[R:.*]] = act.relu %[[X]] : f32
// CHECK-NEXT: return %[[R]]
func.func @relu_maximumf_commuted_scalar(%x: f32) -> f32 {
  %c0 = arith.constant 0.0 : f32
  %0 = arith.maximumf %c0, %x : f32
  return %0 : f32
}

// maxNum maps NaN to the bound: relu with nan_mode = ignore.
// CHECK-LABEL: func @relu_maxnumf
// CHECK-SAME: (%[[X:.*]]: vector<16xf16>)
// CHECK-NEXT: %[[R:.*]] = act.relu %[[X]] {nan_mode = #act.nan_mode<ignore>} : vector<16xf16>
// CHECK-NEXT: return %[[R]]
func.func @relu_maxnumf(%x: vector<16xf16>) -> vector<16xf16> {
  %c0 = arith.constant dense<0.0> : vector<16xf16>
  %0 = arith.maxnumf %x, %c0 : vector<16xf16>
  return %0 : vector<16xf16>
}

// Negative for relu: a -0.0 bound keeps -0.0, so it is a clip, not a relu;
// another constant is a clip too.
// CHECK-LABEL: func @max_negative_zero_is_clip
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK-NEXT: %[[A:.*]] = act.clip %[[X]] {min = -0.000000e+00 : f64} : f32
// CHECK-NEXT: %[[B:.*]] = act.clip %[[X]] {min = 1.000000e+00 : f64} : f32
// CHECK-NEXT: return %[[A]], %[[B]]
func.func @max_negative_zero_is_clip(%x: f32) -> (f32, f32) {
  %cm0 = arith.constant -0.0 : f32
  %c1 = arith.constant 1.0 : f32
  %0 = arith.maximumf %x, %cm0 : f32
  %1 = arith.maximumf %x, %c1 : f32
  return %0, %1 : f32, f32
}

// Negative: a max of two variables, and a NaN bound.
// CHECK-LABEL: func @max_not_clamp_kept
// CHECK-NEXT: arith.constant 0x7FC00000
// CHECK-NEXT: arith.maximumf
// CHECK-NEXT: arith.maximumf
// CHECK-NOT: act.
func.func @max_not_clamp_kept(%x: f32, %y: f32) -> (f32, f32) {
  %nan = arith.constant 0x7FC00000 : f32
  %0 = arith.maximumf %x, %y : f32
  %1 = arith.maximumf %x, %nan : f32
  return %0, %1 : f32, f32
}

// -----

// select(x > 0, x, 0): NaN takes the 0 branch (relu ignore); ugt sends NaN to
// x (relu propagate); x <= 0 ? 0 : x is relu too (-0.0 takes +0.0).

// CHECK-LABEL: func @relu_select
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK-NEXT: %[[A:.*]] = act.relu %[[X]] {nan_mode = #act.nan_mode<ignore>} : f32
// CHECK-NEXT: %[[B:.*]] = act.relu %[[X]] : f32
// CHECK-NEXT: %[[C:.*]] = act.relu %[[X]] : f32
// CHECK-NEXT: %[[D:.*]] = act.relu %[[X]] {nan_mode = #act.nan_mode<ignore>} : f32
// CHECK-NEXT: return %[[A]], %[[B]], %[[C]], %[[D]]
func.func @relu_select(%x: f32) -> (f32, f32, f32, f32) {
  %c0 = arith.constant 0.0 : f32
  %p0 = arith.cmpf ogt, %x, %c0 : f32
  %0 = arith.select %p0, %x, %c0 : f32
  %p1 = arith.cmpf ugt, %x, %c0 : f32
  %1 = arith.select %p1, %x, %c0 : f32
  %p2 = arith.cmpf ole, %x, %c0 : f32
  %2 = arith.select %p2, %c0, %x : f32
  // 0 < x written with the constant first.
  %p3 = arith.cmpf olt, %c0, %x : f32
  %3 = arith.select %p3, %x, %c0 : f32
  return %0, %1, %2, %3 : f32, f32, f32, f32
}

// Negative: x < 0 ? 0 : x and x >= 0 ? x : 0 return -0.0 for -0.0; a -0.0
// constant branch returns -0.0 for negative x.
// CHECK-LABEL: func @relu_select_kept
// CHECK-NOT: act.
// CHECK-COUNT-3: arith.select
// CHECK-NOT: act.
func.func @relu_select_kept(%x: f32) -> (f32, f32, f32) {
  %c0 = arith.constant 0.0 : f32
  %cm0 = arith.constant -0.0 : f32
  %p0 = arith.cmpf olt, %x, %c0 : f32
  %0 = arith.select %p0, %c0, %x : f32
  %p1 = arith.cmpf oge, %x, %c0 : f32
  %1 = arith.select %p1, %x, %c0 : f32
  %p2 = arith.cmpf ogt, %x, %c0 : f32
  %2 = arith.select %p2, %x, %cm0 : f32
  return %0, %1, %2 : f32, f32, f32
}

// x > alpha ? x : 0 is thresholded_relu.
// CHECK-LABEL: func @thresholded_relu
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK-NEXT: %[[R:.*]] = act.thresholded_relu %[[X]] {alpha = 1.500000e+00 : f64, nan_mode = #act.nan_mode<ignore>} : f32
// CHECK-NEXT: return %[[R]]
func.func @thresholded_relu(%x: f32) -> f32 {
  %c0 = arith.constant 0.0 : f32
  %a = arith.constant 1.5 : f32
  %p = arith.cmpf ogt, %x, %a : f32
  %0 = arith.select %p, %x, %c0 : f32
  return %0 : f32
}

// Negative: x >= alpha ? x : 0 returns alpha, not 0, at alpha.
// CHECK-LABEL: func @thresholded_relu_oge_kept
// CHECK: arith.cmpf oge
// CHECK-NEXT: arith.select
// CHECK-NOT: act.
func.func @thresholded_relu_oge_kept(%x: f32) -> f32 {
  %c0 = arith.constant 0.0 : f32
  %a = arith.constant 1.5 : f32
  %p = arith.cmpf oge, %x, %a : f32
  %0 = arith.select %p, %x, %c0 : f32
  return %0 : f32
}

// -----

// CHECK-LABEL: func @clip
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK-NEXT: %[[A:.*]] = act.clip %[[X]] {max = 6.000000e+00 : f64, min = 0.000000e+00 : f64} : tensor<4xf32>
// CHECK-NEXT: %[[B:.*]] = act.clip %[[X]] {max = 6.000000e+00 : f64, min = 0.000000e+00 : f64} : tensor<4xf32>
// CHECK-NEXT: %[[C:.*]] = act.clip %[[X]] {max = 6.000000e+00 : f64, min = -1.000000e+00 : f64, nan_mode = #act.nan_mode<ignore>} : tensor<4xf32>
// CHECK-NEXT: %[[D:.*]] = act.clip %[[X]] {max = 6.000000e+00 : f64} : tensor<4xf32>
// CHECK-NEXT: return %[[A]], %[[B]], %[[C]], %[[D]]
func.func @clip(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %c0 = arith.constant dense<0.0> : tensor<4xf32>
  %cm1 = arith.constant dense<-1.0> : tensor<4xf32>
  %c6 = arith.constant dense<6.0> : tensor<4xf32>
  %0 = arith.maximumf %x, %c0 : tensor<4xf32>
  %1 = arith.minimumf %0, %c6 : tensor<4xf32>
  // max(min(x, 6), 0), as --tosa-to-linalg writes tosa.clamp.
  %2 = arith.minimumf %x, %c6 : tensor<4xf32>
  %3 = arith.maximumf %2, %c0 : tensor<4xf32>
  %4 = arith.maxnumf %x, %cm1 : tensor<4xf32>
  %5 = arith.minnumf %4, %c6 : tensor<4xf32>
  %6 = arith.minimumf %x, %c6 : tensor<4xf32>
  return %1, %3, %5, %6 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// Negative: maxnumf then minimumf mixes the NaN semantics, so the two are
// not merged (each is raised on its own); minnumf alone maps NaN to its
// bound, the upper one, which no clip does; maxnumf(minnumf(x, 6), 0) maps
// NaN to 6.
// CHECK-LABEL: func @clip_mixed_kept
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK: %[[A:.*]] = act.relu %[[X]] {nan_mode = #act.nan_mode<ignore>} : f32
// CHECK-NEXT: %[[B:.*]] = act.clip %[[A]] {max = 6.000000e+00 : f64} : f32
// CHECK-NEXT: %[[C:.*]] = arith.minnumf %[[X]]
// CHECK-NEXT: %[[D:.*]] = arith.minnumf %[[X]]
// CHECK-NEXT: %[[E:.*]] = act.relu %[[D]] {nan_mode = #act.nan_mode<ignore>} : f32
// CHECK-NEXT: return %[[B]], %[[C]], %[[E]]
func.func @clip_mixed_kept(%x: f32) -> (f32, f32, f32) {
  %c0 = arith.constant 0.0 : f32
  %c6 = arith.constant 6.0 : f32
  %0 = arith.maxnumf %x, %c0 : f32
  %1 = arith.minimumf %0, %c6 : f32
  %2 = arith.minnumf %x, %c6 : f32
  %3 = arith.minnumf %x, %c6 : f32
  %4 = arith.maxnumf %3, %c0 : f32
  return %1, %2, %4 : f32, f32, f32
}

// -----

// CHECK-LABEL: func @leaky_relu
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK-NEXT: %[[A:.*]] = act.leaky_relu %[[X]] {alpha = 0.0099999997764825821 : f64} : f32
// CHECK-NEXT: %[[B:.*]] = act.leaky_relu %[[X]] {alpha = 0.20000000298023224 : f64} : f32
// CHECK-NEXT: %[[C:.*]] = act.leaky_relu %[[X]] {alpha = -5.000000e-01 : f64} : f32
// CHECK-NEXT: return %[[A]], %[[B]], %[[C]]
func.func @leaky_relu(%x: f32) -> (f32, f32, f32) {
  %c0 = arith.constant 0.0 : f32
  %a = arith.constant 0.01 : f32
  %p = arith.cmpf ugt, %x, %c0 : f32
  %m = arith.mulf %x, %a : f32
  %0 = arith.select %p, %x, %m : f32
  %b = arith.constant 0.2 : f32
  %m1 = arith.mulf %b, %x : f32
  %1 = arith.maximumf %x, %m1 : f32
  %n = arith.constant -0.5 : f32
  %p2 = arith.cmpf ogt, %x, %c0 : f32
  %m2 = arith.mulf %x, %n : f32
  %2 = arith.select %p2, %x, %m2 : f32
  return %0, %1, %2 : f32, f32, f32
}

// Negative: max(x, 1.5 x) is not leaky (a > 1), and x >= 0 ? x : -0.5 x
// returns -0.0 for -0.0 where leaky_relu returns +0.0.
// CHECK-LABEL: func @leaky_relu_kept
// CHECK-NOT: act.
// CHECK: arith.maximumf
// CHECK: arith.select
// CHECK-NOT: act.
func.func @leaky_relu_kept(%x: f32) -> (f32, f32) {
  %c0 = arith.constant 0.0 : f32
  %a = arith.constant 1.5 : f32
  %m = arith.mulf %x, %a : f32
  %0 = arith.maximumf %x, %m : f32
  %n = arith.constant -0.5 : f32
  %p = arith.cmpf oge, %x, %c0 : f32
  %m2 = arith.mulf %x, %n : f32
  %1 = arith.select %p, %x, %m2 : f32
  return %0, %1 : f32, f32
}

// -----

// CHECK-LABEL: func @sigmoid
// CHECK-SAME: (%[[X:.*]]: tensor<8xf32>)
// CHECK-NEXT: %[[A:.*]] = act.sigmoid %[[X]] : tensor<8xf32>
// CHECK-NEXT: %[[B:.*]] = act.sigmoid %[[X]] : tensor<8xf32>
// CHECK-NEXT: return %[[A]], %[[B]]
func.func @sigmoid(%x: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>) {
  %c1 = arith.constant dense<1.0> : tensor<8xf32>
  %cm1 = arith.constant dense<-1.0> : tensor<8xf32>
  %n = arith.negf %x : tensor<8xf32>
  %e = math.exp %n : tensor<8xf32>
  %d = arith.addf %e, %c1 : tensor<8xf32>
  %0 = arith.divf %c1, %d : tensor<8xf32>
  // exp(x * -1.0), 1 + e written the other way round.
  %n1 = arith.mulf %x, %cm1 : tensor<8xf32>
  %e1 = math.exp %n1 : tensor<8xf32>
  %d1 = arith.addf %c1, %e1 : tensor<8xf32>
  %1 = arith.divf %c1, %d1 : tensor<8xf32>
  return %0, %1 : tensor<8xf32>, tensor<8xf32>
}

// Negative: exp(x) / (1 + exp(x)) is NaN at +Inf; 2 / (1 + exp(-x)) is not
// sigmoid; 1 / (1 + exp(x)) is sigmoid(-x) (x is not the negation's input).
// CHECK-LABEL: func @sigmoid_kept
// CHECK-NOT: act.
// CHECK-COUNT-3: arith.divf
// CHECK-NOT: act.
func.func @sigmoid_kept(%x: f32) -> (f32, f32, f32) {
  %c1 = arith.constant 1.0 : f32
  %c2 = arith.constant 2.0 : f32
  %e = math.exp %x : f32
  %d = arith.addf %e, %c1 : f32
  %0 = arith.divf %e, %d : f32
  %n = arith.negf %x : f32
  %e1 = math.exp %n : f32
  %d1 = arith.addf %e1, %c1 : f32
  %1 = arith.divf %c2, %d1 : f32
  %e2 = math.exp %x : f32
  %d2 = arith.addf %e2, %c1 : f32
  %2 = arith.divf %c1, %d2 : f32
  return %0, %1, %2 : f32, f32, f32
}

// -----

// CHECK-LABEL: func @tanh
// CHECK-SAME: (%[[X:.*]]: tensor<8xf32>, %[[Y:.*]]: f32)
// CHECK-NEXT: %[[A:.*]] = act.tanh %[[X]] : tensor<8xf32>
// CHECK-NEXT: %[[B:.*]] = math.tanh %[[Y]] : f32
// CHECK-NEXT: return %[[A]], %[[B]]
func.func @tanh(%x: tensor<8xf32>, %y: f32) -> (tensor<8xf32>, f32) {
  %0 = math.tanh %x : tensor<8xf32>
  // A scalar tanh is left alone.
  %1 = math.tanh %y : f32
  return %0, %1 : tensor<8xf32>, f32
}

// -----

// CHECK-LABEL: func @silu
// CHECK-SAME: (%[[X:.*]]: tensor<8xf32>)
// CHECK-NEXT: %[[A:.*]] = act.silu %[[X]] : tensor<8xf32>
// CHECK-NEXT: %[[B:.*]] = act.silu %[[X]] : tensor<8xf32>
// CHECK-NEXT: %[[C:.*]] = act.silu %[[X]] : tensor<8xf32>
// CHECK-NEXT: return %[[A]], %[[B]], %[[C]]
func.func @silu(%x: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) {
  %c1 = arith.constant dense<1.0> : tensor<8xf32>
  %n = arith.negf %x : tensor<8xf32>
  %e = math.exp %n : tensor<8xf32>
  %d = arith.addf %e, %c1 : tensor<8xf32>
  %s = arith.divf %c1, %d : tensor<8xf32>
  %0 = arith.mulf %s, %x : tensor<8xf32>
  %n1 = arith.negf %x : tensor<8xf32>
  %e1 = math.exp %n1 : tensor<8xf32>
  %d1 = arith.addf %c1, %e1 : tensor<8xf32>
  %1 = arith.divf %x, %d1 : tensor<8xf32>
  %s2 = act.sigmoid %x : tensor<8xf32>
  %2 = arith.mulf %x, %s2 : tensor<8xf32>
  return %0, %1, %2 : tensor<8xf32>, tensor<8xf32>, tensor<8xf32>
}

// Negative: the sigmoid is also returned, so raising the product to silu
// would compute it twice; it is raised on its own and the multiply stays.
// x * sigmoid(y) is not silu.
// CHECK-LABEL: func @silu_kept
// CHECK-SAME: (%[[X:.*]]: f32, %[[Y:.*]]: f32)
// CHECK-NEXT: %[[S:.*]] = act.sigmoid %[[X]] : f32
// CHECK-NEXT: %[[M:.*]] = arith.mulf %[[X]], %[[S]] : f32
// CHECK-NEXT: %[[T:.*]] = act.sigmoid %[[Y]] : f32
// CHECK-NEXT: %[[N:.*]] = arith.mulf %[[X]], %[[T]] : f32
// CHECK-NEXT: return %[[M]], %[[S]], %[[N]]
func.func @silu_kept(%x: f32, %y: f32) -> (f32, f32, f32) {
  %c1 = arith.constant 1.0 : f32
  %n = arith.negf %x : f32
  %e = math.exp %n : f32
  %d = arith.addf %e, %c1 : f32
  %s = arith.divf %c1, %d : f32
  %0 = arith.mulf %x, %s : f32
  %n1 = arith.negf %y : f32
  %e1 = math.exp %n1 : f32
  %d1 = arith.addf %e1, %c1 : f32
  %s1 = arith.divf %c1, %d1 : f32
  %1 = arith.mulf %x, %s1 : f32
  return %0, %s, %1 : f32, f32, f32
}

// -----

// GELU (erf) in the association PyTorch decompositions, torch-mlir and ONNX
// exporters use, and the erfc form.

// CHECK-LABEL: func @gelu_erf
// CHECK-SAME: (%[[X:.*]]: tensor<8xf32>)
// CHECK-NEXT: %[[A:.*]] = act.gelu %[[X]] : tensor<8xf32>
// CHECK-NEXT: %[[B:.*]] = act.gelu %[[X]] : tensor<8xf32>
// CHECK-NEXT: %[[C:.*]] = act.gelu %[[X]] : tensor<8xf32>
// CHECK-NEXT: %[[D:.*]] = act.gelu %[[X]] : tensor<8xf32>
// CHECK-NEXT: return %[[A]], %[[B]], %[[C]], %[[D]]
func.func @gelu_erf(%x: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) {
  %half = arith.constant dense<0.5> : tensor<8xf32>
  %one = arith.constant dense<1.0> : tensor<8xf32>
  %rsqrt2 = arith.constant dense<0.70710678> : tensor<8xf32>
  %sqrt2 = arith.constant dense<1.41421356> : tensor<8xf32>
  %mrsqrt2 = arith.constant dense<-0.70710678> : tensor<8xf32>
  // 0.5 * x * (1 + erf(x * 0.7071))
  %a0 = arith.mulf %x, %rsqrt2 : tensor<8xf32>
  %a1 = math.erf %a0 : tensor<8xf32>
  %a2 = arith.addf %a1, %one : tensor<8xf32>
  %a3 = arith.mulf %half, %x : tensor<8xf32>
  %a = arith.mulf %a3, %a2 : tensor<8xf32>
  // x * 0.5 * (1 + erf(x / 1.4142))
  %b0 = arith.divf %x, %sqrt2 : tensor<8xf32>
  %b1 = math.erf %b0 : tensor<8xf32>
  %b2 = arith.addf %one, %b1 : tensor<8xf32>
  %b3 = arith.mulf %x, %half : tensor<8xf32>
  %b = arith.mulf %b3, %b2 : tensor<8xf32>
  // x * (0.5 + 0.5 * erf(x * 0.7071))
  %c0 = arith.mulf %x, %rsqrt2 : tensor<8xf32>
  %c1 = math.erf %c0 : tensor<8xf32>
  %c2 = arith.mulf %c1, %half : tensor<8xf32>
  %c3 = arith.addf %half, %c2 : tensor<8xf32>
  %c = arith.mulf %x, %c3 : tensor<8xf32>
  // x / 2 * erfc(x * -0.7071)
  %two = arith.constant dense<2.0> : tensor<8xf32>
  %d0 = arith.mulf %x, %mrsqrt2 : tensor<8xf32>
  %d1 = math.erfc %d0 : tensor<8xf32>
  %d2 = arith.divf %x, %two : tensor<8xf32>
  %d = arith.mulf %d2, %d1 : tensor<8xf32>
  return %a, %b, %c, %d : tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>
}

// Negative: 0.7 is not 1/sqrt(2) in f32; 0.5 * x * (1 - erf(..)) and
// 0.5 * x * erf(..) are other functions.
// CHECK-LABEL: func @gelu_erf_kept
// CHECK-NOT: act.
// CHECK-COUNT-3: math.erf
// CHECK-NOT: act.
func.func @gelu_erf_kept(%x: f32) -> (f32, f32, f32) {
  %half = arith.constant 0.5 : f32
  %one = arith.constant 1.0 : f32
  %k = arith.constant 0.7 : f32
  %rsqrt2 = arith.constant 0.70710678 : f32
  %a0 = arith.mulf %x, %k : f32
  %a1 = math.erf %a0 : f32
  %a2 = arith.addf %a1, %one : f32
  %a3 = arith.mulf %half, %x : f32
  %a = arith.mulf %a3, %a2 : f32
  %b0 = arith.mulf %x, %rsqrt2 : f32
  %b1 = math.erf %b0 : f32
  %b2 = arith.subf %one, %b1 : f32
  %b3 = arith.mulf %half, %x : f32
  %b = arith.mulf %b3, %b2 : f32
  %c0 = arith.mulf %x, %rsqrt2 : f32
  %c1 = math.erf %c0 : f32
  %c3 = arith.mulf %half, %x : f32
  %c = arith.mulf %c3, %c1 : f32
  return %a, %b, %c : f32, f32, f32
}

// -----

// GELU (tanh): x^3 as x * x * x and as powf(x, 3), in f64 where the
// constants must be within one f64 ulp.

// CHECK-LABEL: func @gelu_tanh
// CHECK-SAME: (%[[X:.*]]: tensor<8xf64>)
// CHECK-NEXT: %[[A:.*]] = act.gelu %[[X]] {approximate = #act.gelu_approximation<tanh>} : tensor<8xf64>
// CHECK-NEXT: %[[B:.*]] = act.gelu %[[X]] {approximate = #act.gelu_approximation<tanh>} : tensor<8xf64>
// CHECK-NEXT: return %[[A]], %[[B]]
func.func @gelu_tanh(%x: tensor<8xf64>) -> (tensor<8xf64>, tensor<8xf64>) {
  %half = arith.constant dense<0.5> : tensor<8xf64>
  %one = arith.constant dense<1.0> : tensor<8xf64>
  %three = arith.constant dense<3.0> : tensor<8xf64>
  %k = arith.constant dense<0.7978845608028654> : tensor<8xf64>
  %c = arith.constant dense<0.044715> : tensor<8xf64>
  // 0.5 * x * (1 + tanh(k * (x + 0.044715 * x * x * x)))
  %a0 = arith.mulf %x, %x : tensor<8xf64>
  %a1 = arith.mulf %a0, %x : tensor<8xf64>
  %a2 = arith.mulf %a1, %c : tensor<8xf64>
  %a3 = arith.addf %x, %a2 : tensor<8xf64>
  %a4 = arith.mulf %a3, %k : tensor<8xf64>
  %a5 = math.tanh %a4 : tensor<8xf64>
  %a6 = arith.addf %a5, %one : tensor<8xf64>
  %a7 = arith.mulf %x, %half : tensor<8xf64>
  %a = arith.mulf %a7, %a6 : tensor<8xf64>
  %b0 = math.powf %x, %three : tensor<8xf64>
  %b1 = arith.mulf %c, %b0 : tensor<8xf64>
  %b2 = arith.addf %b1, %x : tensor<8xf64>
  %b3 = arith.mulf %k, %b2 : tensor<8xf64>
  %b4 = math.tanh %b3 : tensor<8xf64>
  %b5 = arith.addf %one, %b4 : tensor<8xf64>
  %b6 = arith.mulf %half, %b5 : tensor<8xf64>
  %b = arith.mulf %x, %b6 : tensor<8xf64>
  return %a, %b : tensor<8xf64>, tensor<8xf64>
}

// Negative: sqrt(2/pi) with f32 precision is 2e7 ulp off in f64; x^2
// instead of x^3.
// CHECK-LABEL: func @gelu_tanh_kept
// CHECK-NOT: act.gelu
// CHECK: act.tanh
// CHECK: act.tanh
// CHECK-NOT: act.gelu
func.func @gelu_tanh_kept(%x: tensor<8xf64>) -> (tensor<8xf64>, tensor<8xf64>) {
  %half = arith.constant dense<0.5> : tensor<8xf64>
  %one = arith.constant dense<1.0> : tensor<8xf64>
  %kf = arith.constant dense<0.797884583> : tensor<8xf64>
  %k = arith.constant dense<0.7978845608028654> : tensor<8xf64>
  %c = arith.constant dense<0.044715> : tensor<8xf64>
  %a0 = arith.mulf %x, %x : tensor<8xf64>
  %a1 = arith.mulf %a0, %x : tensor<8xf64>
  %a2 = arith.mulf %a1, %c : tensor<8xf64>
  %a3 = arith.addf %x, %a2 : tensor<8xf64>
  %a4 = arith.mulf %a3, %kf : tensor<8xf64>
  %a5 = math.tanh %a4 : tensor<8xf64>
  %a6 = arith.addf %a5, %one : tensor<8xf64>
  %a7 = arith.mulf %x, %half : tensor<8xf64>
  %a = arith.mulf %a7, %a6 : tensor<8xf64>
  %b0 = arith.mulf %x, %x : tensor<8xf64>
  %b2 = arith.mulf %b0, %c : tensor<8xf64>
  %b3 = arith.addf %x, %b2 : tensor<8xf64>
  %b4 = arith.mulf %b3, %k : tensor<8xf64>
  %b5 = math.tanh %b4 : tensor<8xf64>
  %b6 = arith.addf %b5, %one : tensor<8xf64>
  %b7 = arith.mulf %x, %half : tensor<8xf64>
  %b = arith.mulf %b7, %b6 : tensor<8xf64>
  return %a, %b : tensor<8xf64>, tensor<8xf64>
}

// -----

// softplus: threshold 20 (the default, so not printed) for f32, 40 for f64.
// CHECK-LABEL: func @softplus
// CHECK-SAME: (%[[X:.*]]: tensor<8xf32>, %[[Y:.*]]: tensor<8xf64>)
// CHECK-NEXT: %[[A:.*]] = act.softplus %[[X]] : tensor<8xf32>
// CHECK-NEXT: %[[B:.*]] = act.softplus %[[Y]] {threshold = 4.000000e+01 : f64} : tensor<8xf64>
// CHECK-NEXT: return %[[A]], %[[B]]
func.func @softplus(%x: tensor<8xf32>, %y: tensor<8xf64>) -> (tensor<8xf32>, tensor<8xf64>) {
  %one = arith.constant dense<1.0> : tensor<8xf32>
  %e = math.exp %x : tensor<8xf32>
  %d = arith.addf %one, %e : tensor<8xf32>
  %0 = math.log %d : tensor<8xf32>
  %e1 = math.exp %y : tensor<8xf64>
  %1 = math.log1p %e1 : tensor<8xf64>
  return %0, %1 : tensor<8xf32>, tensor<8xf64>
}

// Negative: log(2 + exp(x)) is not softplus. log1p(exp(2x)) is softplus of
// the value 2x (with beta = 1): the multiply stays, the rest is raised.
// CHECK-LABEL: func @softplus_kept
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK: math.log
// CHECK: %[[X2:.*]] = arith.mulf %[[X]], %{{.*}} : f32
// CHECK-NEXT: %[[SP:.*]] = act.softplus %[[X2]] : f32
// CHECK-NOT: math.log1p
func.func @softplus_kept(%x: f32) -> (f32, f32) {
  %two = arith.constant 2.0 : f32
  %e = math.exp %x : f32
  %d = arith.addf %two, %e : f32
  %0 = math.log %d : f32
  %x2 = arith.mulf %x, %two : f32
  %e1 = math.exp %x2 : f32
  %1 = math.log1p %e1 : f32
  return %0, %1 : f32, f32
}

// -----

// CHECK-LABEL: func @elu
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK-NEXT: %[[A:.*]] = act.elu %[[X]] : f32
// CHECK-NEXT: %[[B:.*]] = act.elu %[[X]] {alpha = 2.000000e+00 : f64} : f32
// CHECK-NEXT: %[[C:.*]] = act.elu %[[X]] {alpha = 1.500000e+00 : f64} : f32
// CHECK-NEXT: return %[[A]], %[[B]], %[[C]]
func.func @elu(%x: f32) -> (f32, f32, f32) {
  %c0 = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  %two = arith.constant 2.0 : f32
  %a = arith.constant 1.5 : f32
  %p = arith.cmpf ogt, %x, %c0 : f32
  %e = math.exp %x : f32
  %em1 = arith.subf %e, %one : f32
  %0 = arith.select %p, %x, %em1 : f32
  // x <= 0 ? 2 * expm1(x) : x
  %p1 = arith.cmpf ole, %x, %c0 : f32
  %m = math.expm1 %x : f32
  %m2 = arith.mulf %two, %m : f32
  %1 = arith.select %p1, %m2, %x : f32
  // a * exp(x) - a
  %p2 = arith.cmpf oge, %x, %c0 : f32
  %e2 = math.exp %x : f32
  %ae = arith.mulf %e2, %a : f32
  %ae1 = arith.subf %ae, %a : f32
  %2 = arith.select %p2, %x, %ae1 : f32
  return %0, %1, %2 : f32, f32, f32
}

// Negative: exp(x) - 2, and a branch that sends positive x to exp(x) - 1.
// CHECK-LABEL: func @elu_kept
// CHECK-NOT: act.
// CHECK-COUNT-2: arith.select
// CHECK-NOT: act.
func.func @elu_kept(%x: f32) -> (f32, f32) {
  %c0 = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  %two = arith.constant 2.0 : f32
  %p = arith.cmpf ogt, %x, %c0 : f32
  %e = math.exp %x : f32
  %em2 = arith.subf %e, %two : f32
  %0 = arith.select %p, %x, %em2 : f32
  %e1 = math.exp %x : f32
  %em1 = arith.subf %e1, %one : f32
  %1 = arith.select %p, %em1, %x : f32
  return %0, %1 : f32, f32
}

// -----

// CHECK-LABEL: func @hard_sigmoid
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK-NEXT: %[[A:.*]] = act.hard_sigmoid %[[X]] {alpha = 0.20000000298023224 : f64} : f32
// CHECK-NEXT: %[[B:.*]] = act.hard_sigmoid %[[X]] {alpha = 0.1666666716337204 : f64, nan_mode = #act.nan_mode<ignore>} : f32
// CHECK-NEXT: return %[[A]], %[[B]]
func.func @hard_sigmoid(%x: f32) -> (f32, f32) {
  %c0 = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  %a = arith.constant 0.2 : f32
  %b = arith.constant 0.5 : f32
  %s = arith.constant 0.166666672 : f32
  %m = arith.mulf %x, %a : f32
  %y = arith.addf %m, %b : f32
  %lo = arith.maximumf %y, %c0 : f32
  %0 = arith.minimumf %lo, %one : f32
  %m1 = arith.mulf %s, %x : f32
  %y1 = arith.addf %b, %m1 : f32
  %lo1 = arith.maxnumf %y1, %c0 : f32
  %1 = arith.minnumf %lo1, %one : f32
  return %0, %1 : f32, f32
}

// Negative: x / 6 + 0.5 rounds differently from x * (1/6) + 0.5; the clamp
// of it is still a clip.
// CHECK-LABEL: func @hard_sigmoid_kept
// CHECK: %[[D:.*]] = arith.divf
// CHECK-NEXT: %[[Y:.*]] = arith.addf %[[D]]
// CHECK-NEXT: %[[C:.*]] = act.clip %[[Y]] {max = 1.000000e+00 : f64, min = 0.000000e+00 : f64} : f32
// CHECK-NEXT: return %[[C]]
func.func @hard_sigmoid_kept(%x: f32) -> f32 {
  %c0 = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  %six = arith.constant 6.0 : f32
  %b = arith.constant 0.5 : f32
  %m = arith.divf %x, %six : f32
  %y = arith.addf %m, %b : f32
  %lo = arith.maximumf %y, %c0 : f32
  %0 = arith.minimumf %lo, %one : f32
  return %0 : f32
}

// -----

// CHECK-LABEL: func @hard_swish
// CHECK-SAME: (%[[X:.*]]: vector<8xf32>)
// CHECK-NEXT: %[[A:.*]] = act.hard_swish %[[X]] : vector<8xf32>
// CHECK-NEXT: return %[[A]]
func.func @hard_swish(%x: vector<8xf32>) -> vector<8xf32> {
  %c0 = arith.constant dense<0.0> : vector<8xf32>
  %c3 = arith.constant dense<3.0> : vector<8xf32>
  %c6 = arith.constant dense<6.0> : vector<8xf32>
  %y = arith.addf %x, %c3 : vector<8xf32>
  %lo = arith.maximumf %y, %c0 : vector<8xf32>
  %hi = arith.minimumf %lo, %c6 : vector<8xf32>
  %m = arith.mulf %x, %hi : vector<8xf32>
  %0 = arith.divf %m, %c6 : vector<8xf32>
  return %0 : vector<8xf32>
}

// Negative: x * hard_sigmoid(x) (ONNX HardSwish) rounds differently, and
// multiplying by 1/6 is not dividing by 6.
// CHECK-LABEL: func @hard_swish_kept
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK: %[[H:.*]] = act.hard_sigmoid %[[X]]
// CHECK-NEXT: %[[A:.*]] = arith.mulf %[[X]], %[[H]]
// CHECK: %[[C:.*]] = act.clip
// CHECK-NEXT: %[[M:.*]] = arith.mulf %[[X]], %[[C]]
// CHECK-NEXT: %[[B:.*]] = arith.mulf %[[M]]
// CHECK-NEXT: return %[[A]], %[[B]]
func.func @hard_swish_kept(%x: f32) -> (f32, f32) {
  %c0 = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  %c3 = arith.constant 3.0 : f32
  %c6 = arith.constant 6.0 : f32
  %s = arith.constant 0.166666672 : f32
  %b = arith.constant 0.5 : f32
  %m0 = arith.mulf %x, %s : f32
  %y0 = arith.addf %m0, %b : f32
  %lo0 = arith.maximumf %y0, %c0 : f32
  %hs = arith.minimumf %lo0, %one : f32
  %0 = arith.mulf %x, %hs : f32
  %y = arith.addf %x, %c3 : f32
  %lo = arith.maximumf %y, %c0 : f32
  %hi = arith.minimumf %lo, %c6 : f32
  %m = arith.mulf %x, %hi : f32
  %1 = arith.mulf %m, %s : f32
  return %0, %1 : f32, f32
}

// -----

// CHECK-LABEL: func @mish
// CHECK-SAME: (%[[X:.*]]: tensor<8xf32>)
// CHECK-NEXT: %[[A:.*]] = act.mish %[[X]] : tensor<8xf32>
// CHECK-NEXT: %[[B:.*]] = act.mish %[[X]] : tensor<8xf32>
// CHECK-NEXT: return %[[A]], %[[B]]
func.func @mish(%x: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>) {
  %one = arith.constant dense<1.0> : tensor<8xf32>
  %e = math.exp %x : tensor<8xf32>
  %s = math.log1p %e : tensor<8xf32>
  %t = math.tanh %s : tensor<8xf32>
  %0 = arith.mulf %x, %t : tensor<8xf32>
  %e1 = math.exp %x : tensor<8xf32>
  %d1 = arith.addf %e1, %one : tensor<8xf32>
  %s1 = math.log %d1 : tensor<8xf32>
  %t1 = math.tanh %s1 : tensor<8xf32>
  %1 = arith.mulf %t1, %x : tensor<8xf32>
  return %0, %1 : tensor<8xf32>, tensor<8xf32>
}

// Negative: the softplus is also returned: it is raised, the tanh and the
// product are not folded into mish.
// CHECK-LABEL: func @mish_kept
// CHECK-SAME: (%[[X:.*]]: tensor<8xf32>)
// CHECK-NEXT: %[[S:.*]] = act.softplus %[[X]] : tensor<8xf32>
// CHECK-NEXT: %[[T:.*]] = act.tanh %[[S]] : tensor<8xf32>
// CHECK-NEXT: %[[M:.*]] = arith.mulf %[[X]], %[[T]]
// CHECK-NEXT: return %[[M]], %[[S]]
func.func @mish_kept(%x: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>) {
  %e = math.exp %x : tensor<8xf32>
  %s = math.log1p %e : tensor<8xf32>
  %t = math.tanh %s : tensor<8xf32>
  %0 = arith.mulf %x, %t : tensor<8xf32>
  return %0, %s : tensor<8xf32>, tensor<8xf32>
}

// -----

// CHECK-LABEL: func @softsign
// CHECK-SAME: (%[[X:.*]]: tensor<8xf32>)
// CHECK-NEXT: %[[A:.*]] = act.softsign %[[X]] : tensor<8xf32>
// CHECK-NEXT: return %[[A]]
func.func @softsign(%x: tensor<8xf32>) -> tensor<8xf32> {
  %one = arith.constant dense<1.0> : tensor<8xf32>
  %a = math.absf %x : tensor<8xf32>
  %d = arith.addf %a, %one : tensor<8xf32>
  %0 = arith.divf %x, %d : tensor<8xf32>
  return %0 : tensor<8xf32>
}

// Negative: x / (1 + x) and x / (2 + |x|) are other functions.
// CHECK-LABEL: func @softsign_kept
// CHECK-NOT: act.
// CHECK-COUNT-2: arith.divf
// CHECK-NOT: act.
func.func @softsign_kept(%x: f32) -> (f32, f32) {
  %one = arith.constant 1.0 : f32
  %two = arith.constant 2.0 : f32
  %d = arith.addf %x, %one : f32
  %0 = arith.divf %x, %d : f32
  %a = math.absf %x : f32
  %d1 = arith.addf %two, %a : f32
  %1 = arith.divf %x, %d1 : f32
  return %0, %1 : f32, f32
}

// -----

// Parts already raised (by an earlier run, or because the driver visited
// them first) are read back: a minimumf of a relu is one clip, a mish may be
// built on act.softplus, a hard_sigmoid may subtract its offset.

// CHECK-LABEL: func @compose_with_act_ops
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK-NEXT: %[[A:.*]] = act.clip %[[X]] {max = 6.000000e+00 : f64, min = 0.000000e+00 : f64} : f32
// CHECK-NEXT: %[[B:.*]] = act.mish %[[X]] : f32
// CHECK-NEXT: %[[C:.*]] = act.hard_sigmoid %[[X]] {alpha = 0.20000000298023224 : f64, beta = -5.000000e-01 : f64} : f32
// CHECK-NEXT: return %[[A]], %[[B]], %[[C]]
func.func @compose_with_act_ops(%x: f32) -> (f32, f32, f32) {
  %c0 = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  %c6 = arith.constant 6.0 : f32
  %r = act.relu %x : f32
  %0 = arith.minimumf %r, %c6 : f32
  %s = act.softplus %x : f32
  %t = math.tanh %s : f32
  %1 = arith.mulf %x, %t : f32
  %a = arith.constant 0.2 : f32
  %b = arith.constant 0.5 : f32
  %m = arith.mulf %x, %a : f32
  %y = arith.subf %m, %b : f32
  %lo = arith.maximumf %y, %c0 : f32
  %2 = arith.minimumf %lo, %one : f32
  return %0, %1, %2 : f32, f32, f32
}

// Negative: a relu(ignore) under a minimumf is not merged (mixed NaN modes);
// a softplus whose linear branch starts at 5 differs from log1p(exp(x))
// between 5 and 14.6, so its product with tanh is not mish.
// CHECK-LABEL: func @compose_with_act_ops_kept
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK-NEXT: %[[R:.*]] = act.relu %[[X]] {nan_mode = #act.nan_mode<ignore>} : f32
// CHECK-NEXT: %[[A:.*]] = act.clip %[[R]] {max = 6.000000e+00 : f64} : f32
// CHECK-NEXT: %[[S:.*]] = act.softplus %[[X]] {threshold = 5.000000e+00 : f64} : f32
// CHECK-NEXT: %[[T:.*]] = math.tanh %[[S]] : f32
// CHECK-NEXT: %[[B:.*]] = arith.mulf %[[X]], %[[T]] : f32
// CHECK-NEXT: return %[[A]], %[[B]]
func.func @compose_with_act_ops_kept(%x: f32) -> (f32, f32) {
  %c6 = arith.constant 6.0 : f32
  %r = act.relu %x {nan_mode = #act.nan_mode<ignore>} : f32
  %0 = arith.minimumf %r, %c6 : f32
  %s = act.softplus %x {threshold = 5.0 : f64} : f32
  %t = math.tanh %s : f32
  %1 = arith.mulf %x, %t : f32
  return %0, %1 : f32, f32
}

// -----

// Negative: act evaluates hard_sigmoid and hard_swish on f16 and bf16 in f32
// and rounds once; decomposed f16 code rounds every step in f16, so the two
// differ (by up to 2048 ulp around the point where x * alpha + beta is 0).
// Only the clamp is raised.
// CHECK-LABEL: func @hard_sigmoid_f16_kept
// CHECK: %[[M:.*]] = arith.mulf
// CHECK-NEXT: %[[Y:.*]] = arith.addf %[[M]]
// CHECK-NEXT: %[[C:.*]] = act.clip %[[Y]] {max = 1.000000e+00 : f64, min = 0.000000e+00 : f64} : f16
// CHECK-NEXT: return %[[C]]
func.func @hard_sigmoid_f16_kept(%x: f16) -> f16 {
  %c0 = arith.constant 0.0 : f16
  %one = arith.constant 1.0 : f16
  %a = arith.constant 0.2 : f16
  %b = arith.constant 0.5 : f16
  %m = arith.mulf %x, %a : f16
  %y = arith.addf %m, %b : f16
  %lo = arith.maximumf %y, %c0 : f16
  %0 = arith.minimumf %lo, %one : f16
  return %0 : f16
}

// CHECK-LABEL: func @hard_swish_bf16_kept
// CHECK: %[[Y:.*]] = arith.addf
// CHECK-NEXT: %[[C:.*]] = act.clip %[[Y]] {max = 6.000000e+00 : f64, min = 0.000000e+00 : f64} : bf16
// CHECK-NEXT: %[[M:.*]] = arith.mulf %{{.*}}, %[[C]] : bf16
// CHECK-NEXT: %[[D:.*]] = arith.divf %[[M]]
// CHECK-NEXT: return %[[D]]
func.func @hard_swish_bf16_kept(%x: bf16) -> bf16 {
  %c0 = arith.constant 0.0 : bf16
  %c3 = arith.constant 3.0 : bf16
  %c6 = arith.constant 6.0 : bf16
  %y = arith.addf %x, %c3 : bf16
  %lo = arith.maximumf %y, %c0 : bf16
  %hi = arith.minimumf %lo, %c6 : bf16
  %m = arith.mulf %x, %hi : bf16
  %0 = arith.divf %m, %c6 : bf16
  return %0 : bf16
}

// -----

// GELU (tanh) on f32 with the constants torch-mlir prints: the x^3
// coefficient is the product of two rounded constants, within one ulp.
// CHECK-LABEL: func @gelu_tanh_f32
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK-NEXT: %[[G:.*]] = act.gelu %[[X]] {approximate = #act.gelu_approximation<tanh>} : f32
// CHECK-NEXT: return %[[G]]
func.func @gelu_tanh_f32(%x: f32) -> f32 {
  %half = arith.constant 5.000000e-01 : f32
  %one = arith.constant 1.000000e+00 : f32
  %k = arith.constant 0.797884583 : f32
  %c = arith.constant 4.471500e-02 : f32
  %x2 = arith.mulf %x, %x : f32
  %x3 = arith.mulf %x2, %x : f32
  %0 = arith.mulf %x3, %c : f32
  %1 = arith.addf %x, %0 : f32
  %2 = arith.mulf %1, %k : f32
  %3 = math.tanh %2 : f32
  %4 = arith.addf %3, %one : f32
  %5 = arith.mulf %x, %half : f32
  %6 = arith.mulf %5, %4 : f32
  return %6 : f32
}

// Negative: 0.0447 for 0.044715.
// CHECK-LABEL: func @gelu_tanh_f32_kept
// CHECK: math.tanh
// CHECK-NOT: act.
func.func @gelu_tanh_f32_kept(%x: f32) -> f32 {
  %half = arith.constant 5.000000e-01 : f32
  %one = arith.constant 1.000000e+00 : f32
  %k = arith.constant 0.797884583 : f32
  %c = arith.constant 4.470000e-02 : f32
  %x2 = arith.mulf %x, %x : f32
  %x3 = arith.mulf %x2, %x : f32
  %0 = arith.mulf %x3, %c : f32
  %1 = arith.addf %x, %0 : f32
  %2 = arith.mulf %1, %k : f32
  %3 = math.tanh %2 : f32
  %4 = arith.addf %3, %one : f32
  %5 = arith.mulf %x, %half : f32
  %6 = arith.mulf %5, %4 : f32
  return %6 : f32
}

// -----

// Merging clamps orders -0.0 below +0.0: minimumf(maximumf(x, +0.0), -0.0)
// is -0.0 for every non-NaN x, i.e. clip [-0.0, -0.0].
// CHECK-LABEL: func @clip_signed_zero_bounds
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK-NEXT: %[[C:.*]] = act.clip %[[X]] {max = -0.000000e+00 : f64, min = -0.000000e+00 : f64} : f32
// CHECK-NEXT: return %[[C]]
func.func @clip_signed_zero_bounds(%x: f32) -> f32 {
  %c0 = arith.constant 0.0 : f32
  %cm0 = arith.constant -0.0 : f32
  %0 = arith.maximumf %x, %c0 : f32
  %1 = arith.minimumf %0, %cm0 : f32
  return %1 : f32
}
