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

// CHECK-LABEL: func @selu
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK-DAG: %[[GAMMA:.*]] = arith.constant 1.05070102 : f32
// CHECK-DAG: %[[SCALE:.*]] = arith.constant 1.75809932 : f32
// CHECK: %[[POSV:.*]] = arith.mulf %[[GAMMA]], %[[X]] : f32
// CHECK-NEXT: %[[E:.*]] = math.expm1 %[[X]] : f32
// CHECK-NEXT: %[[NEG:.*]] = arith.mulf %[[SCALE]], %[[E]] : f32
// CHECK-NEXT: %[[POS:.*]] = arith.cmpf ogt
// CHECK-NEXT: arith.select %[[POS]], %[[POSV]], %[[NEG]] : f32
func.func @selu(%x: f32) -> f32 {
  %0 = act.selu %x : f32
  return %0 : f32
}

// CHECK-LABEL: func @celu
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK-DAG: %[[ALPHA:.*]] = arith.constant 2.000000e+00 : f32
// CHECK: %[[D:.*]] = arith.divf %[[X]], %[[ALPHA]] : f32
// CHECK-NEXT: %[[E:.*]] = math.expm1 %[[D]] : f32
// CHECK-NEXT: %[[NEG:.*]] = arith.mulf %[[ALPHA]], %[[E]] : f32
// CHECK-NEXT: %[[POS:.*]] = arith.cmpf ogt
// CHECK-NEXT: arith.select %[[POS]], %[[X]], %[[NEG]] : f32
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

// beta = 1 needs no scaling.
// CHECK-LABEL: func @softplus_unit_beta
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK: %[[E:.*]] = math.exp %[[X]] : f32
// CHECK-NEXT: %[[L:.*]] = math.log1p %[[E]] : f32
// CHECK-NEXT: %[[LIN:.*]] = arith.cmpf ogt, %[[X]], %{{.*}} : f32
// CHECK-NEXT: arith.select %[[LIN]], %[[X]], %[[L]] : f32
func.func @softplus_unit_beta(%x: f32) -> f32 {
  %0 = act.softplus %x : f32
  return %0 : f32
}

// CHECK-LABEL: func @mish
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK: %[[E:.*]] = math.exp %[[X]] : f32
// CHECK-NEXT: %[[L:.*]] = math.log1p %[[E]] : f32
// CHECK-NEXT: %[[T:.*]] = math.tanh %[[L]] : f32
// CHECK-NEXT: %[[M:.*]] = arith.mulf %[[X]], %[[T]] : f32
// CHECK-NEXT: %[[ISNEGINF:.*]] = arith.cmpf oeq, %[[X]], %{{.*}} : f32
// CHECK-NEXT: arith.select %[[ISNEGINF]], %{{.*}}, %[[M]] : f32
func.func @mish(%x: f32) -> f32 {
  %0 = act.mish %x : f32
  return %0 : f32
}

// -----

// f16 is computed in f32 and truncated once.
// CHECK-LABEL: func @gelu_f16
// CHECK-SAME: (%[[X:.*]]: f16)
// CHECK-DAG: %[[NEGZERO:.*]] = arith.constant -0.000000e+00 : f32
// CHECK-DAG: %[[NEGINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK-DAG: %[[NEGRSQRT2:.*]] = arith.constant -0.707106769 : f32
// CHECK-DAG: %[[HALF:.*]] = arith.constant 5.000000e-01 : f32
// CHECK: %[[W:.*]] = arith.extf %[[X]] : f16 to f32
// CHECK-NEXT: %[[H:.*]] = arith.mulf %[[W]], %[[HALF]] : f32
// CHECK-NEXT: %[[S:.*]] = arith.mulf %[[W]], %[[NEGRSQRT2]] : f32
// CHECK-NEXT: %[[E:.*]] = math.erfc %[[S]] : f32
// CHECK-NEXT: %[[G:.*]] = arith.mulf %[[H]], %[[E]] : f32
// CHECK-NEXT: %[[ISNEGINF:.*]] = arith.cmpf oeq, %[[W]], %[[NEGINF]] : f32
// CHECK-NEXT: %[[R:.*]] = arith.select %[[ISNEGINF]], %[[NEGZERO]], %[[G]] : f32
// CHECK-NEXT: %[[T:.*]] = arith.truncf %[[R]] : f32 to f16
// CHECK-NEXT: return %[[T]]
func.func @gelu_f16(%x: f16) -> f16 {
  %0 = act.gelu %x : f16
  return %0 : f16
}

// CHECK-LABEL: func @gelu_tanh
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK-DAG: %[[C:.*]] = arith.constant 4.471500e-02 : f32
// CHECK-DAG: %[[K:.*]] = arith.constant 0.797884583 : f32
// CHECK: %[[X2:.*]] = arith.mulf %[[X]], %[[X]] : f32
// CHECK-NEXT: %[[X3:.*]] = arith.mulf %[[X2]], %[[X]] : f32
// CHECK-NEXT: %[[CX3:.*]] = arith.mulf %[[C]], %[[X3]] : f32
// CHECK-NEXT: %[[SUM:.*]] = arith.addf %[[X]], %[[CX3]] : f32
// CHECK-NEXT: %[[IN:.*]] = arith.mulf %[[K]], %[[SUM]] : f32
// CHECK-NEXT: %[[H:.*]] = arith.mulf %[[X]], %{{.*}} : f32
// CHECK-NEXT: %[[T:.*]] = math.tanh %[[IN]] : f32
// CHECK-NEXT: %[[ONEPT:.*]] = arith.addf %{{.*}}, %[[T]] : f32
// CHECK-NEXT: %[[G:.*]] = arith.mulf %[[H]], %[[ONEPT]] : f32
// CHECK-NEXT: arith.cmpf oeq, %[[X]]
// CHECK-NEXT: arith.select
func.func @gelu_tanh(%x: f32) -> f32 {
  %0 = act.gelu %x {approximate = #act.gelu_approximation<tanh>} : f32
  return %0 : f32
}

// CHECK-LABEL: func @silu
// CHECK-SAME: (%[[X:.*]]: vector<4xbf16>)
// CHECK: %[[W:.*]] = arith.extf %[[X]] : vector<4xbf16> to vector<4xf32>
// CHECK-NEXT: %[[N:.*]] = arith.negf %[[W]] : vector<4xf32>
// CHECK-NEXT: %[[E:.*]] = math.exp %[[N]] : vector<4xf32>
// CHECK-NEXT: %[[D:.*]] = arith.addf %{{.*}}, %[[E]] : vector<4xf32>
// CHECK-NEXT: %[[Q:.*]] = arith.divf %[[W]], %[[D]] : vector<4xf32>
// CHECK-NEXT: %[[ISNEGINF:.*]] = arith.cmpf oeq, %[[W]], %{{.*}} : vector<4xf32>
// CHECK-NEXT: %[[R:.*]] = arith.select %[[ISNEGINF]], %{{.*}}, %[[Q]] : vector<4xi1>, vector<4xf32>
// CHECK-NEXT: arith.truncf %[[R]] : vector<4xf32> to vector<4xbf16>
func.func @silu(%x: vector<4xbf16>) -> vector<4xbf16> {
  %0 = act.silu %x : vector<4xbf16>
  return %0 : vector<4xbf16>
}

// CHECK-LABEL: func @sigmoid
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[N:.*]] = arith.negf %[[X]] : f32
// CHECK-NEXT: %[[E:.*]] = math.exp %[[N]] : f32
// CHECK-NEXT: %[[D:.*]] = arith.addf %[[ONE]], %[[E]] : f32
// CHECK-NEXT: %[[R:.*]] = arith.divf %[[ONE]], %[[D]] : f32
// CHECK-NEXT: return %[[R]]
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
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-DAG: %[[MINUSONE:.*]] = arith.constant -1.000000e+00 : f32
// CHECK-DAG: %[[INF:.*]] = arith.constant 0x7F800000 : f32
// CHECK: %[[A:.*]] = math.absf %[[X]] : f32
// CHECK-NEXT: %[[ISINF:.*]] = arith.cmpf oeq, %[[A]], %[[INF]] : f32
// CHECK-NEXT: %[[POS:.*]] = arith.cmpf ogt, %[[X]], %{{.*}} : f32
// CHECK-NEXT: %[[SIGN:.*]] = arith.select %[[POS]], %[[ONE]], %[[MINUSONE]] : f32
// CHECK-NEXT: %[[D:.*]] = arith.addf %[[ONE]], %[[A]] : f32
// CHECK-NEXT: %[[Q:.*]] = arith.divf %[[X]], %[[D]] : f32
// CHECK-NEXT: arith.select %[[ISINF]], %[[SIGN]], %[[Q]] : f32
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
