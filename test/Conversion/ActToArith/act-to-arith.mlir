// RUN: act-opt %s --split-input-file --convert-act-to-arith | FileCheck %s

// Each op becomes the formula of docs/semantics.md, in the reference's order
// of rounding, with no fastmath flags.

// CHECK-LABEL: func @relu
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[R:.*]] = arith.maximumf %[[X]], %[[ZERO]] : f32
// CHECK-NEXT: return %[[R]]
func.func @relu(%x: f32) -> f32 {
  %0 = act.relu %x : f32
  return %0 : f32
}

// nan_mode = ignore is what lets the hardware max be used.
// CHECK-LABEL: func @relu_ignore
// CHECK-SAME: (%[[X:.*]]: vector<8xf32>)
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : vector<8xf32>
// CHECK-NEXT: %[[R:.*]] = arith.maxnumf %[[X]], %[[ZERO]] : vector<8xf32>
// CHECK-NEXT: return %[[R]]
func.func @relu_ignore(%x: vector<8xf32>) -> vector<8xf32> {
  %0 = act.relu %x {nan_mode = #act.nan_mode<ignore>} : vector<8xf32>
  return %0 : vector<8xf32>
}

// CHECK-LABEL: func @leaky_relu
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK-DAG: %[[ALPHA:.*]] = arith.constant 2.000000e-01 : f32
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[NEG:.*]] = arith.mulf %[[X]], %[[ALPHA]] : f32
// CHECK-NEXT: %[[POS:.*]] = arith.cmpf ogt, %[[X]], %[[ZERO]] : f32
// CHECK-NEXT: %[[R:.*]] = arith.select %[[POS]], %[[X]], %[[NEG]] : f32
// CHECK-NEXT: return %[[R]]
func.func @leaky_relu(%x: f32) -> f32 {
  %0 = act.leaky_relu %x {alpha = 0.2 : f64} : f32
  return %0 : f32
}

// CHECK-LABEL: func @prelu
// CHECK-SAME: (%[[X:.*]]: vector<4xf64>, %[[S:.*]]: vector<4xf64>)
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : vector<4xf64>
// CHECK-NEXT: %[[NEG:.*]] = arith.mulf %[[X]], %[[S]] : vector<4xf64>
// CHECK-NEXT: %[[POS:.*]] = arith.cmpf ogt, %[[X]], %[[ZERO]] : vector<4xf64>
// CHECK-NEXT: %[[R:.*]] = arith.select %[[POS]], %[[X]], %[[NEG]] : vector<4xi1>, vector<4xf64>
func.func @prelu(%x: vector<4xf64>, %s: vector<4xf64>) -> vector<4xf64> {
  %0 = act.prelu %x, %s : vector<4xf64>, vector<4xf64>
  return %0 : vector<4xf64>
}

// -----

// propagate: NaN fails the ordered `<=` and passes through.
// CHECK-LABEL: func @thresholded_relu
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK-DAG: %[[ALPHA:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[LE:.*]] = arith.cmpf ole, %[[X]], %[[ALPHA]] : f32
// CHECK-NEXT: %[[R:.*]] = arith.select %[[LE]], %[[ZERO]], %[[X]] : f32
func.func @thresholded_relu(%x: f32) -> f32 {
  %0 = act.thresholded_relu %x : f32
  return %0 : f32
}

// ignore: NaN fails the ordered `>` and becomes +0.0 (ONNX's formula).
// CHECK-LABEL: func @thresholded_relu_ignore
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK: %[[GT:.*]] = arith.cmpf ogt, %[[X]], %{{.*}} : f32
// CHECK-NEXT: %[[R:.*]] = arith.select %[[GT]], %[[X]], %{{.*}} : f32
func.func @thresholded_relu_ignore(%x: f32) -> f32 {
  %0 = act.thresholded_relu %x {nan_mode = #act.nan_mode<ignore>} : f32
  return %0 : f32
}

// CHECK-LABEL: func @clip
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK-DAG: %[[LO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG: %[[HI:.*]] = arith.constant 6.000000e+00 : f32
// CHECK: %[[A:.*]] = arith.maximumf %[[X]], %[[LO]] : f32
// CHECK-NEXT: %[[B:.*]] = arith.minimumf %[[A]], %[[HI]] : f32
// CHECK-NEXT: return %[[B]]
func.func @clip(%x: f32) -> f32 {
  %0 = act.clip %x {min = 0.0 : f64, max = 6.0 : f64} : f32
  return %0 : f32
}

// An infinite bound is skipped under propagate (maximum(x, -inf) is x) but
// kept under ignore (maxNum(NaN, -inf) is -inf).
// CHECK-LABEL: func @clip_half_open
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK-DAG: %[[HI:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-DAG: %[[NEGINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[P:.*]] = arith.minimumf %[[X]], %[[HI]] : f32
// CHECK-NEXT: %[[I1:.*]] = arith.maxnumf %[[X]], %[[NEGINF]] : f32
// CHECK-NEXT: %[[I2:.*]] = arith.minnumf %[[I1]], %[[HI]] : f32
// CHECK-NEXT: return %[[P]], %[[I2]]
func.func @clip_half_open(%x: f32) -> (f32, f32) {
  %0 = act.clip %x {max = 1.0 : f64} : f32
  %1 = act.clip %x {max = 1.0 : f64, nan_mode = #act.nan_mode<ignore>} : f32
  return %0, %1 : f32, f32
}

// CHECK-LABEL: func @hard_sigmoid
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK-DAG: %[[ALPHA:.*]] = arith.constant 2.000000e-01 : f32
// CHECK-DAG: %[[BETA:.*]] = arith.constant 5.000000e-01 : f32
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK: %[[M:.*]] = arith.mulf %[[X]], %[[ALPHA]] : f32
// CHECK-NEXT: %[[A:.*]] = arith.addf %[[M]], %[[BETA]] : f32
// CHECK-NEXT: %[[LO:.*]] = arith.maximumf %[[A]], %[[ZERO]] : f32
// CHECK-NEXT: %[[R:.*]] = arith.minimumf %[[LO]], %[[ONE]] : f32
func.func @hard_sigmoid(%x: f32) -> f32 {
  %0 = act.hard_sigmoid %x : f32
  return %0 : f32
}

// CHECK-LABEL: func @hard_swish
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK-DAG: %[[NEGZERO:.*]] = arith.constant -0.000000e+00 : f32
// CHECK-DAG: %[[NEGINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK-DAG: %[[THREE:.*]] = arith.constant 3.000000e+00 : f32
// CHECK-DAG: %[[SIX:.*]] = arith.constant 6.000000e+00 : f32
// CHECK: %[[SHIFT:.*]] = arith.addf %[[X]], %[[THREE]] : f32
// CHECK-NEXT: %[[LO:.*]] = arith.maximumf %[[SHIFT]], %{{.*}} : f32
// CHECK-NEXT: %[[GATE:.*]] = arith.minimumf %[[LO]], %[[SIX]] : f32
// CHECK-NEXT: %[[PROD:.*]] = arith.mulf %[[X]], %[[GATE]] : f32
// CHECK-NEXT: %[[Q:.*]] = arith.divf %[[PROD]], %[[SIX]] : f32
// CHECK-NEXT: %[[ISNEGINF:.*]] = arith.cmpf oeq, %[[X]], %[[NEGINF]] : f32
// CHECK-NEXT: %[[R:.*]] = arith.select %[[ISNEGINF]], %[[NEGZERO]], %[[Q]] : f32
func.func @hard_swish(%x: f32) -> f32 {
  %0 = act.hard_swish %x : f32
  return %0 : f32
}

// -----

// CHECK-LABEL: func @elu
// CHECK-SAME: (%[[X:.*]]: f64)
// CHECK-DAG: %[[ALPHA:.*]] = arith.constant 5.000000e-01 : f64
// CHECK: %[[E:.*]] = math.expm1 %[[X]] : f64
// CHECK-NEXT: %[[NEG:.*]] = arith.mulf %[[ALPHA]], %[[E]] : f64
// CHECK-NEXT: %[[POS:.*]] = arith.cmpf ogt, %[[X]], %{{.*}} : f64
// CHECK-NEXT: %[[R:.*]] = arith.select %[[POS]], %[[X]], %[[NEG]] : f64
func.func @elu(%x: f64) -> f64 {
  %0 = act.elu %x {alpha = 0.5 : f64} : f64
  return %0 : f64
}

// Transcendental ops on f32 (and f16, bf16) are computed in f64 and
// rounded once, so they are as accurate as f64 libm makes them.
// CHECK-LABEL: func @selu
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK-DAG: %[[SCALE:.*]] = arith.constant 1.7580993463430303 : f64
// CHECK-DAG: %[[GAMMA:.*]] = arith.constant 1.0507010221481323 : f64
// CHECK: %[[W:.*]] = arith.extf %[[X]] : f32 to f64
// CHECK-NEXT: %[[POSV:.*]] = arith.mulf %[[GAMMA]], %[[W]] : f64
// CHECK-NEXT: %[[E:.*]] = math.expm1 %[[W]] : f64
// CHECK-NEXT: %[[NEG:.*]] = arith.mulf %[[SCALE]], %[[E]] : f64
// CHECK-NEXT: %[[POS:.*]] = arith.cmpf ogt, %[[W]]
// CHECK-NEXT: %[[R:.*]] = arith.select %[[POS]], %[[POSV]], %[[NEG]] : f64
// CHECK-NEXT: %[[T:.*]] = arith.truncf %[[R]] : f64 to f32
// CHECK-NEXT: return %[[T]]
func.func @selu(%x: f32) -> f32 {
  %0 = act.selu %x : f32
  return %0 : f32
}

// CHECK-LABEL: func @celu
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK-DAG: %[[ALPHA:.*]] = arith.constant 2.000000e+00 : f64
// CHECK: %[[W:.*]] = arith.extf %[[X]] : f32 to f64
// CHECK-NEXT: %[[D:.*]] = arith.divf %[[W]], %[[ALPHA]] : f64
// CHECK-NEXT: %[[E:.*]] = math.expm1 %[[D]] : f64
// CHECK-NEXT: %[[NEG:.*]] = arith.mulf %[[ALPHA]], %[[E]] : f64
// CHECK-NEXT: %[[POS:.*]] = arith.cmpf ogt, %[[W]]
// CHECK-NEXT: %[[R:.*]] = arith.select %[[POS]], %[[W]], %[[NEG]] : f64
// CHECK-NEXT: arith.truncf %[[R]] : f64 to f32
func.func @celu(%x: f32) -> f32 {
  %0 = act.celu %x {alpha = 2.0 : f64} : f32
  return %0 : f32
}

// The linear branch is decided on x * beta, as PyTorch decides it.
// CHECK-LABEL: func @softplus
// CHECK-SAME: (%[[X:.*]]: f64)
// CHECK-DAG: %[[THRESHOLD:.*]] = arith.constant 2.000000e+01 : f64
// CHECK-DAG: %[[BETA:.*]] = arith.constant 2.000000e+00 : f64
// CHECK: %[[S:.*]] = arith.mulf %[[X]], %[[BETA]] : f64
// CHECK-NEXT: %[[E:.*]] = math.exp %[[S]] : f64
// CHECK-NEXT: %[[L:.*]] = math.log1p %[[E]] : f64
// CHECK-NEXT: %[[D:.*]] = arith.divf %[[L]], %[[BETA]] : f64
// CHECK-NEXT: %[[LIN:.*]] = arith.cmpf ogt, %[[S]], %[[THRESHOLD]] : f64
// CHECK-NEXT: arith.select %[[LIN]], %[[X]], %[[D]] : f64
func.func @softplus(%x: f64) -> f64 {
  %0 = act.softplus %x {beta = 2.0 : f64} : f64
  return %0 : f64
}

// beta = 1 needs no scaling. The branch is decided in f32 (on the input
// itself), the smooth part computed in f64.
// CHECK-LABEL: func @softplus_unit_beta
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK-DAG: %[[THRESHOLD:.*]] = arith.constant 2.000000e+01 : f32
// CHECK: %[[W:.*]] = arith.extf %[[X]] : f32 to f64
// CHECK-NEXT: %[[E:.*]] = math.exp %[[W]] : f64
// CHECK-NEXT: %[[L:.*]] = math.log1p %[[E]] : f64
// CHECK-NEXT: %[[LIN:.*]] = arith.cmpf ogt, %[[X]], %[[THRESHOLD]] : f32
// CHECK-NEXT: %[[R:.*]] = arith.select %[[LIN]], %[[W]], %[[L]] : f64
// CHECK-NEXT: arith.truncf %[[R]] : f64 to f32
func.func @softplus_unit_beta(%x: f32) -> f32 {
  %0 = act.softplus %x : f32
  return %0 : f32
}

// f16 decides softplus's branch in f32, as the reference does.
// CHECK-LABEL: func @softplus_f16
// CHECK-SAME: (%[[X:.*]]: f16)
// CHECK-DAG: %[[BETA:.*]] = arith.constant 3.000000e+00 : f64
// CHECK-DAG: %[[BETA32:.*]] = arith.constant 3.000000e+00 : f32
// CHECK-DAG: %[[THRESHOLD:.*]] = arith.constant 1.000000e+00 : f32
// CHECK: %[[W:.*]] = arith.extf %[[X]] : f16 to f64
// CHECK-NEXT: %[[N:.*]] = arith.extf %[[X]] : f16 to f32
// CHECK-NEXT: %[[S:.*]] = arith.mulf %[[W]], %[[BETA]] : f64
// CHECK-NEXT: %[[E:.*]] = math.exp %[[S]] : f64
// CHECK-NEXT: %[[L:.*]] = math.log1p %[[E]] : f64
// CHECK-NEXT: %[[D:.*]] = arith.divf %[[L]], %[[BETA]] : f64
// CHECK-NEXT: %[[S32:.*]] = arith.mulf %[[N]], %[[BETA32]] : f32
// CHECK-NEXT: %[[LIN:.*]] = arith.cmpf ogt, %[[S32]], %[[THRESHOLD]] : f32
// CHECK-NEXT: %[[R:.*]] = arith.select %[[LIN]], %[[W]], %[[D]] : f64
// CHECK-NEXT: arith.truncf %[[R]] : f64 to f16
func.func @softplus_f16(%x: f16) -> f16 {
  %0 = act.softplus %x {beta = 3.0 : f64, threshold = 1.0 : f64} : f16
  return %0 : f16
}

// CHECK-LABEL: func @mish
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK: %[[W:.*]] = arith.extf %[[X]] : f32 to f64
// CHECK-NEXT: %[[E:.*]] = math.exp %[[W]] : f64
// CHECK-NEXT: %[[L:.*]] = math.log1p %[[E]] : f64
// CHECK-NEXT: %[[T:.*]] = math.tanh %[[L]] : f64
// CHECK-NEXT: %[[M:.*]] = arith.mulf %[[W]], %[[T]] : f64
// CHECK-NEXT: %[[ISNEGINF:.*]] = arith.cmpf oeq, %[[W]], %{{.*}} : f64
// CHECK-NEXT: %[[R:.*]] = arith.select %[[ISNEGINF]], %{{.*}}, %[[M]] : f64
// CHECK-NEXT: arith.truncf %[[R]] : f64 to f32
func.func @mish(%x: f32) -> f32 {
  %0 = act.mish %x : f32
  return %0 : f32
}

// -----

// CHECK-LABEL: func @gelu_f16
// CHECK-SAME: (%[[X:.*]]: f16)
// CHECK-DAG: %[[NEGZERO:.*]] = arith.constant -0.000000e+00 : f64
// CHECK-DAG: %[[NEGINF:.*]] = arith.constant 0xFFF0000000000000 : f64
// CHECK-DAG: %[[NEGRSQRT2:.*]] = arith.constant -0.70710678118654757 : f64
// CHECK-DAG: %[[HALF:.*]] = arith.constant 5.000000e-01 : f64
// CHECK: %[[W:.*]] = arith.extf %[[X]] : f16 to f64
// CHECK-NEXT: %[[H:.*]] = arith.mulf %[[W]], %[[HALF]] : f64
// CHECK-NEXT: %[[S:.*]] = arith.mulf %[[W]], %[[NEGRSQRT2]] : f64
// CHECK-NEXT: %[[E:.*]] = math.erfc %[[S]] : f64
// CHECK-NEXT: %[[G:.*]] = arith.mulf %[[H]], %[[E]] : f64
// CHECK-NEXT: %[[ISNEGINF:.*]] = arith.cmpf oeq, %[[W]], %[[NEGINF]] : f64
// CHECK-NEXT: %[[R:.*]] = arith.select %[[ISNEGINF]], %[[NEGZERO]], %[[G]] : f64
// CHECK-NEXT: %[[T:.*]] = arith.truncf %[[R]] : f64 to f16
// CHECK-NEXT: return %[[T]]
func.func @gelu_f16(%x: f16) -> f16 {
  %0 = act.gelu %x : f16
  return %0 : f16
}

// 0.5 * x * (1 + tanh(u)) is computed as x * sigmoid(2u), which does not
// cancel for negative u.
// CHECK-LABEL: func @gelu_tanh
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f64
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1.000000e+00 : f64
// CHECK-DAG: %[[TWO:.*]] = arith.constant 2.000000e+00 : f64
// CHECK-DAG: %[[C:.*]] = arith.constant 4.471500e-02 : f64
// CHECK-DAG: %[[K:.*]] = arith.constant 0.79788456080286541 : f64
// CHECK: %[[W:.*]] = arith.extf %[[X]] : f32 to f64
// CHECK-NEXT: %[[X2:.*]] = arith.mulf %[[W]], %[[W]] : f64
// CHECK-NEXT: %[[X3:.*]] = arith.mulf %[[X2]], %[[W]] : f64
// CHECK-NEXT: %[[CX3:.*]] = arith.mulf %[[C]], %[[X3]] : f64
// CHECK-NEXT: %[[SUM:.*]] = arith.addf %[[W]], %[[CX3]] : f64
// CHECK-NEXT: %[[IN:.*]] = arith.mulf %[[K]], %[[SUM]] : f64
// CHECK-NEXT: %[[Z:.*]] = arith.mulf %[[IN]], %[[TWO]] : f64
// CHECK-NEXT: %[[A:.*]] = math.absf %[[Z]] : f64
// CHECK-NEXT: %[[NA:.*]] = arith.negf %[[A]] : f64
// CHECK-NEXT: %[[E:.*]] = math.exp %[[NA]] : f64
// CHECK-NEXT: %[[D:.*]] = arith.addf %[[ONE]], %[[E]] : f64
// CHECK-NEXT: %[[NONNEG:.*]] = arith.cmpf oge, %[[Z]], %[[ZERO]] : f64
// CHECK-NEXT: %[[XE:.*]] = arith.mulf %[[W]], %[[E]] : f64
// CHECK-NEXT: %[[P:.*]] = arith.divf %[[W]], %[[D]] : f64
// CHECK-NEXT: %[[N:.*]] = arith.divf %[[XE]], %[[D]] : f64
// CHECK-NEXT: %[[G:.*]] = arith.select %[[NONNEG]], %[[P]], %[[N]] : f64
// CHECK-NEXT: arith.cmpf oeq, %[[W]]
// CHECK-NEXT: arith.select
// CHECK-NEXT: arith.truncf
func.func @gelu_tanh(%x: f32) -> f32 {
  %0 = act.gelu %x {approximate = #act.gelu_approximation<tanh>} : f32
  return %0 : f32
}

// CHECK-LABEL: func @silu
// CHECK-SAME: (%[[X:.*]]: vector<4xbf16>)
// CHECK: %[[W:.*]] = arith.extf %[[X]] : vector<4xbf16> to vector<4xf64>
// CHECK-NEXT: %[[A:.*]] = math.absf %[[W]] : vector<4xf64>
// CHECK-NEXT: %[[NA:.*]] = arith.negf %[[A]] : vector<4xf64>
// CHECK-NEXT: %[[E:.*]] = math.exp %[[NA]] : vector<4xf64>
// CHECK-NEXT: %[[D:.*]] = arith.addf %{{.*}}, %[[E]] : vector<4xf64>
// CHECK-NEXT: %[[NONNEG:.*]] = arith.cmpf oge, %[[W]], %{{.*}} : vector<4xf64>
// CHECK-NEXT: %[[XE:.*]] = arith.mulf %[[W]], %[[E]] : vector<4xf64>
// CHECK-NEXT: %[[P:.*]] = arith.divf %[[W]], %[[D]] : vector<4xf64>
// CHECK-NEXT: %[[N:.*]] = arith.divf %[[XE]], %[[D]] : vector<4xf64>
// CHECK-NEXT: %[[Q:.*]] = arith.select %[[NONNEG]], %[[P]], %[[N]] : vector<4xi1>, vector<4xf64>
// CHECK-NEXT: %[[ISNEGINF:.*]] = arith.cmpf oeq, %[[W]], %{{.*}} : vector<4xf64>
// CHECK-NEXT: %[[R:.*]] = arith.select %[[ISNEGINF]], %{{.*}}, %[[Q]] : vector<4xi1>, vector<4xf64>
// CHECK-NEXT: arith.truncf %[[R]] : vector<4xf64> to vector<4xbf16>
func.func @silu(%x: vector<4xbf16>) -> vector<4xbf16> {
  %0 = act.silu %x : vector<4xbf16>
  return %0 : vector<4xbf16>
}

// sigmoid(x) = 1 / (1 + e) for x >= 0 and e / (1 + e) below, e = exp(-|x|):
// exp never overflows.
// CHECK-LABEL: func @sigmoid
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f64
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1.000000e+00 : f64
// CHECK: %[[W:.*]] = arith.extf %[[X]] : f32 to f64
// CHECK-NEXT: %[[A:.*]] = math.absf %[[W]] : f64
// CHECK-NEXT: %[[NA:.*]] = arith.negf %[[A]] : f64
// CHECK-NEXT: %[[E:.*]] = math.exp %[[NA]] : f64
// CHECK-NEXT: %[[D:.*]] = arith.addf %[[ONE]], %[[E]] : f64
// CHECK-NEXT: %[[NONNEG:.*]] = arith.cmpf oge, %[[W]], %[[ZERO]] : f64
// CHECK-NEXT: %[[P:.*]] = arith.divf %[[ONE]], %[[D]] : f64
// CHECK-NEXT: %[[N:.*]] = arith.divf %[[E]], %[[D]] : f64
// CHECK-NEXT: %[[R:.*]] = arith.select %[[NONNEG]], %[[P]], %[[N]] : f64
// CHECK-NEXT: %[[T:.*]] = arith.truncf %[[R]] : f64 to f32
// CHECK-NEXT: return %[[T]]
func.func @sigmoid(%x: f32) -> f32 {
  %0 = act.sigmoid %x : f32
  return %0 : f32
}

// CHECK-LABEL: func @tanh
// CHECK-SAME: (%[[X:.*]]: f64)
// CHECK-NEXT: %[[R:.*]] = math.tanh %[[X]] : f64
// CHECK-NEXT: return %[[R]]
func.func @tanh(%x: f64) -> f64 {
  %0 = act.tanh %x : f64
  return %0 : f64
}

// CHECK-LABEL: func @softsign
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1.000000e+00 : f64
// CHECK-DAG: %[[MINUSONE:.*]] = arith.constant -1.000000e+00 : f64
// CHECK-DAG: %[[INF:.*]] = arith.constant 0x7FF0000000000000 : f64
// CHECK: %[[W:.*]] = arith.extf %[[X]] : f32 to f64
// CHECK-NEXT: %[[A:.*]] = math.absf %[[W]] : f64
// CHECK-NEXT: %[[ISINF:.*]] = arith.cmpf oeq, %[[A]], %[[INF]] : f64
// CHECK-NEXT: %[[POS:.*]] = arith.cmpf ogt, %[[W]], %{{.*}} : f64
// CHECK-NEXT: %[[SIGN:.*]] = arith.select %[[POS]], %[[ONE]], %[[MINUSONE]] : f64
// CHECK-NEXT: %[[D:.*]] = arith.addf %[[ONE]], %[[A]] : f64
// CHECK-NEXT: %[[Q:.*]] = arith.divf %[[W]], %[[D]] : f64
// CHECK-NEXT: %[[R:.*]] = arith.select %[[ISINF]], %[[SIGN]], %[[Q]] : f64
// CHECK-NEXT: arith.truncf %[[R]] : f64 to f32
func.func @softsign(%x: f32) -> f32 {
  %0 = act.softsign %x : f32
  return %0 : f32
}

// -----

// Negative: tensors are left for convert-act-to-linalg.
// CHECK-LABEL: func @tensor_untouched
// CHECK-NEXT: %[[R:.*]] = act.tanh %{{.*}} : tensor<4xf32>
// CHECK-NEXT: return %[[R]]
func.func @tensor_untouched(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = act.tanh %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// Constants are lowered, not folded: this pass is the lowering.
// CHECK-LABEL: func @constant_operand_lowered
// CHECK: arith.maximumf
func.func @constant_operand_lowered() -> f32 {
  %c = arith.constant -1.0 : f32
  %0 = act.relu %c : f32
  return %0 : f32
}
