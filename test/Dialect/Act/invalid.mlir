// RUN: act-opt %s --split-input-file --verify-diagnostics

func.func @non_float_element(%x: tensor<4xi32>) -> tensor<4xi32> {
  // expected-error @+1 {{'act.relu' op operand #0 must be f16/bf16/f32/f64 scalar, or vector or ranked tensor of them, but got 'tensor<4xi32>'}}
  %0 = act.relu %x : tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

func.func @unsupported_float(%x: f8E4M3FN) -> f8E4M3FN {
  // expected-error @+1 {{'act.sigmoid' op operand #0 must be f16/bf16/f32/f64 scalar, or vector or ranked tensor of them, but got 'f8E4M3FN'}}
  %0 = act.sigmoid %x : f8E4M3FN
  return %0 : f8E4M3FN
}

// -----

func.func @unranked(%x: tensor<*xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{'act.tanh' op operand #0 must be f16/bf16/f32/f64 scalar, or vector or ranked tensor of them, but got 'tensor<*xf32>'}}
  %0 = act.tanh %x : tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @result_type_differs(%x: tensor<4xf32>) -> tensor<4xf16> {
  // expected-error @+1 {{'act.relu' op requires the same type for all operands and results}}
  %0 = "act.relu"(%x) : (tensor<4xf32>) -> tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

func.func @clip_min_above_max(%x: f32) -> f32 {
  // expected-error @+1 {{'act.clip' op requires min <= max, got 6 > 0}}
  %0 = act.clip %x {min = 6.0 : f64, max = 0.0 : f64} : f32
  return %0 : f32
}

// -----

func.func @clip_nan_bound(%x: f32) -> f32 {
  // expected-error @+1 {{'act.clip' op requires 'min' and 'max' to be numbers, got nan and 6}}
  %0 = act.clip %x {min = 0x7FF8000000000000 : f64, max = 6.0 : f64} : f32
  return %0 : f32
}

// -----

func.func @leaky_relu_infinite_alpha(%x: f32) -> f32 {
  // expected-error @+1 {{'act.leaky_relu' op requires 'alpha' to be finite, got inf}}
  %0 = act.leaky_relu %x {alpha = 0x7FF0000000000000 : f64} : f32
  return %0 : f32
}

// -----

func.func @thresholded_relu_nan_alpha(%x: f32) -> f32 {
  // expected-error @+1 {{'act.thresholded_relu' op requires 'alpha' to be finite, got nan}}
  %0 = act.thresholded_relu %x {alpha = 0x7FF8000000000000 : f64} : f32
  return %0 : f32
}

// -----

func.func @elu_nan_alpha(%x: f32) -> f32 {
  // expected-error @+1 {{'act.elu' op requires 'alpha' to be finite, got nan}}
  %0 = act.elu %x {alpha = 0x7FF8000000000000 : f64} : f32
  return %0 : f32
}

// -----

func.func @selu_negative_alpha(%x: f32) -> f32 {
  // expected-error @+1 {{'act.selu' op requires 'alpha' > 0 (SELU is defined for positive alpha), got -1}}
  %0 = act.selu %x {alpha = -1.0 : f64} : f32
  return %0 : f32
}

// -----

func.func @selu_zero_gamma(%x: f32) -> f32 {
  // expected-error @+1 {{'act.selu' op requires 'gamma' > 0 (SELU is defined for positive gamma), got 0}}
  %0 = act.selu %x {gamma = 0.0 : f64} : f32
  return %0 : f32
}

// -----

func.func @celu_zero_alpha(%x: f32) -> f32 {
  // expected-error @+1 {{'act.celu' op requires 'alpha' > 0 (celu divides x by alpha), got 0}}
  %0 = act.celu %x {alpha = 0.0 : f64} : f32
  return %0 : f32
}

// -----

func.func @celu_negative_alpha(%x: f32) -> f32 {
  // expected-error @+1 {{'act.celu' op requires 'alpha' > 0 (celu divides x by alpha), got -2}}
  %0 = act.celu %x {alpha = -2.0 : f64} : f32
  return %0 : f32
}

// -----

func.func @softplus_zero_beta(%x: f32) -> f32 {
  // expected-error @+1 {{'act.softplus' op requires 'beta' > 0 (softplus divides by beta), got 0}}
  %0 = act.softplus %x {beta = 0.0 : f64} : f32
  return %0 : f32
}

// -----

func.func @softplus_infinite_threshold(%x: f32) -> f32 {
  // expected-error @+1 {{'act.softplus' op requires 'threshold' to be finite, got inf}}
  %0 = act.softplus %x {threshold = 0x7FF0000000000000 : f64} : f32
  return %0 : f32
}

// -----

func.func @hard_sigmoid_infinite_beta(%x: f32) -> f32 {
  // expected-error @+1 {{'act.hard_sigmoid' op requires 'beta' to be finite, got -inf}}
  %0 = act.hard_sigmoid %x {beta = 0xFFF0000000000000 : f64} : f32
  return %0 : f32
}

// -----

func.func @gelu_bad_approximation(%x: f32) -> f32 {
  // expected-error @+2 {{expected ::mlir::act::GeluApproximation to be one of: none, tanh}}
  // expected-error @+1 {{failed to parse Act_GeluApproximationAttr parameter 'value'}}
  %0 = act.gelu %x {approximate = #act.gelu_approximation<fast>} : f32
  return %0 : f32
}

// -----

func.func @prelu_slope_not_broadcastable(%x: tensor<2x8xf32>, %s: tensor<4xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'act.prelu' op slope dimension 0 (size 4) is not broadcastable to input dimension 1 (size 8)}}
  %0 = act.prelu %x, %s : tensor<2x8xf32>, tensor<4xf32>
  return %0 : tensor<2x8xf32>
}

// -----

func.func @prelu_slope_rank_too_high(%x: tensor<8xf32>, %s: tensor<1x8xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{'act.prelu' op slope of rank 2 is not broadcastable to input of rank 1}}
  %0 = act.prelu %x, %s : tensor<8xf32>, tensor<1x8xf32>
  return %0 : tensor<8xf32>
}

// -----

func.func @prelu_slope_element_type(%x: tensor<8xf32>, %s: tensor<8xf16>) -> tensor<8xf32> {
  // expected-error @+1 {{'act.prelu' op requires the slope element type to match the input's, got 'f16' and 'f32'}}
  %0 = act.prelu %x, %s : tensor<8xf32>, tensor<8xf16>
  return %0 : tensor<8xf32>
}

// -----

func.func @prelu_vector_slope_shape(%x: vector<8xf32>, %s: vector<4xf32>) -> vector<8xf32> {
  // expected-error @+1 {{'act.prelu' op requires the slope of a scalar or vector input to have the input's type 'vector<8xf32>', got 'vector<4xf32>'}}
  %0 = act.prelu %x, %s : vector<8xf32>, vector<4xf32>
  return %0 : vector<8xf32>
}

// -----

func.func @prelu_tensor_with_scalar_slope(%x: tensor<8xf32>, %s: f32) -> tensor<8xf32> {
  // expected-error @+1 {{'act.prelu' op requires a ranked tensor slope for a tensor input, got 'f32'}}
  %0 = act.prelu %x, %s : tensor<8xf32>, f32
  return %0 : tensor<8xf32>
}

// -----

func.func @bad_nan_mode(%x: f32) -> f32 {
  // expected-error @+2 {{expected ::mlir::act::NanMode to be one of: propagate, ignore}}
  // expected-error @+1 {{failed to parse Act_NanModeAttr parameter 'value'}}
  %0 = act.relu %x {nan_mode = #act.nan_mode<fast>} : f32
  return %0 : f32
}

// -----

// expected-error @+1 {{'act.signature' must be a function type, got tensor<4xf32>}}
func.func @not_a_function_type(%x: tensor<4xf32>) -> tensor<4xf32> attributes {act.signature = tensor<4xf32>} {
  return %x : tensor<4xf32>
}

// -----

// expected-error @+1 {{'act.signature' must be a function type, got "f"}}
func.func @not_a_type(%x: tensor<4xf32>) -> tensor<4xf32> attributes {act.signature = "f"} {
  return %x : tensor<4xf32>
}

// -----

func.func @on_an_op(%x: f32) -> f32 {
  // expected-error @+1 {{'act.signature' is only valid on a function}}
  %y = arith.negf %x {act.signature = (f32) -> f32} : f32
  return %y : f32
}

// -----

// expected-error @+1 {{unknown act dialect attribute 'act.signatur'}}
func.func @misspelled(%x: f32) -> f32 attributes {act.signatur = (f32) -> f32} {
  return %x : f32
}
