// RUN: act-opt %s --act-lower-to-cpu | mlir-runner -e main -entry-point-result=void \
// RUN:   -shared-libs=%mlir_lib_dir/libmlir_runner_utils.so,%mlir_lib_dir/libmlir_c_runner_utils.so | FileCheck %s

// Executes every act op after act-lower-to-cpu on [-2, -0.0, +0.0, 0.5, 3, NaN,
// -Inf, +Inf]. Each op sits in its own function so that canonicalization
// cannot constant-fold it: what runs is the lowered code. Values print with
// six significant digits; signed zeros, NaN and infinities print exactly.


// Inputs:        [-2,  -0.0,  +0.0,  0.5,  3,  NaN,  -Inf,  +Inf]
// relu
// CHECK: {{\[}}0,  0,  0,  0.5,  3,  nan,  0,  inf]
// relu_ignore (the sign of a zero result is unspecified under ignore)
// CHECK: {{\[}}0,  {{-?}}0,  {{-?}}0,  0.5,  3,  0,  0,  inf]
// leaky_relu (alpha 0.25)
// CHECK: {{\[}}-0.5,  -0,  0,  0.5,  3,  nan,  -inf,  inf]
// prelu (slope 0.5)
// CHECK: {{\[}}-1,  -0,  0,  0.5,  3,  nan,  -inf,  inf]
// thresholded_relu
// CHECK: {{\[}}0,  0,  0,  0,  3,  nan,  0,  inf]
// clip [0, 2]
// CHECK: {{\[}}0,  0,  0,  0.5,  2,  nan,  0,  2]
// hard_sigmoid
// CHECK: {{\[}}0.1,  0.5,  0.5,  0.6,  1,  nan,  0,  1]
// hard_swish
// CHECK: {{\[}}-0.333333,  -0,  0,  0.291667,  3,  nan,  -0,  inf]
// elu
// CHECK: {{\[}}-0.864665,  -0,  0,  0.5,  3,  nan,  -1,  inf]
// selu
// CHECK: {{\[}}-1.52017,  -0,  0,  0.525351,  3.1521,  nan,  -1.7581,  inf]
// celu (alpha 2)
// CHECK: {{\[}}-1.26424,  -0,  0,  0.5,  3,  nan,  -2,  inf]
// softplus
// CHECK: {{\[}}0.126928,  0.693147,  0.693147,  0.974077,  3.04859,  nan,  0,  inf]
// mish
// CHECK: {{\[}}-0.252501,  -0,  0,  0.375245,  2.98654,  nan,  -0,  inf]
// gelu
// CHECK: {{\[}}-0.0455003,  -0,  0,  0.345731,  2.99595,  nan,  -0,  inf]
// gelu (tanh)
// CHECK: {{\[}}-0.0454023,  -0,  0,  0.345714,  2.99636,  nan,  -0,  inf]
// silu
// CHECK: {{\[}}-0.238406,  -0,  0,  0.31123,  2.85772,  nan,  -0,  inf]
// sigmoid
// CHECK: {{\[}}0.119203,  0.5,  0.5,  0.622459,  0.952574,  {{-?}}nan,  0,  1]
// tanh
// CHECK: {{\[}}-0.964028,  -0,  0,  0.462117,  0.995055,  nan,  -1,  1]
// softsign
// CHECK: {{\[}}-0.666667,  -0,  0,  0.333333,  0.75,  nan,  -1,  1]

func.func private @printMemrefF32(tensor<*xf32>)

func.func @relu(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = act.relu %x : tensor<8xf32>
  return %0 : tensor<8xf32>
}
func.func @relu_ignore(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = act.relu %x {nan_mode = #act.nan_mode<ignore>} : tensor<8xf32>
  return %0 : tensor<8xf32>
}
func.func @leaky_relu(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = act.leaky_relu %x {alpha = 0.25 : f64} : tensor<8xf32>
  return %0 : tensor<8xf32>
}
func.func @prelu(%x: tensor<8xf32>) -> tensor<8xf32> {
  %slope = arith.constant dense<0.5> : tensor<8xf32>
  %0 = act.prelu %x, %slope : tensor<8xf32>, tensor<8xf32>
  return %0 : tensor<8xf32>
}
func.func @thresholded_relu(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = act.thresholded_relu %x : tensor<8xf32>
  return %0 : tensor<8xf32>
}
func.func @clip(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = act.clip %x {min = 0.0 : f64, max = 2.0 : f64} : tensor<8xf32>
  return %0 : tensor<8xf32>
}
func.func @hard_sigmoid(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = act.hard_sigmoid %x : tensor<8xf32>
  return %0 : tensor<8xf32>
}
func.func @hard_swish(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = act.hard_swish %x : tensor<8xf32>
  return %0 : tensor<8xf32>
}
func.func @elu(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = act.elu %x : tensor<8xf32>
  return %0 : tensor<8xf32>
}
func.func @selu(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = act.selu %x : tensor<8xf32>
  return %0 : tensor<8xf32>
}
func.func @celu(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = act.celu %x {alpha = 2.0 : f64} : tensor<8xf32>
  return %0 : tensor<8xf32>
}
func.func @softplus(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = act.softplus %x : tensor<8xf32>
  return %0 : tensor<8xf32>
}
func.func @mish(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = act.mish %x : tensor<8xf32>
  return %0 : tensor<8xf32>
}
func.func @gelu(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = act.gelu %x : tensor<8xf32>
  return %0 : tensor<8xf32>
}
func.func @gelu_tanh(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = act.gelu %x {approximate = #act.gelu_approximation<tanh>} : tensor<8xf32>
  return %0 : tensor<8xf32>
}
func.func @silu(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = act.silu %x : tensor<8xf32>
  return %0 : tensor<8xf32>
}
func.func @sigmoid(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = act.sigmoid %x : tensor<8xf32>
  return %0 : tensor<8xf32>
}
func.func @act_tanh(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = act.tanh %x : tensor<8xf32>
  return %0 : tensor<8xf32>
}
func.func @softsign(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = act.softsign %x : tensor<8xf32>
  return %0 : tensor<8xf32>
}

func.func @main() {
  %x = arith.constant dense<[-2.0, -0.0, 0.0, 0.5, 3.0, 0x7FC00000, 0xFF800000, 0x7F800000]> : tensor<8xf32>
  %relu = call @relu(%x) : (tensor<8xf32>) -> tensor<8xf32>
  %relu_u = tensor.cast %relu : tensor<8xf32> to tensor<*xf32>
  call @printMemrefF32(%relu_u) : (tensor<*xf32>) -> ()
  %relu_ignore = call @relu_ignore(%x) : (tensor<8xf32>) -> tensor<8xf32>
  %relu_ignore_u = tensor.cast %relu_ignore : tensor<8xf32> to tensor<*xf32>
  call @printMemrefF32(%relu_ignore_u) : (tensor<*xf32>) -> ()
  %leaky_relu = call @leaky_relu(%x) : (tensor<8xf32>) -> tensor<8xf32>
  %leaky_relu_u = tensor.cast %leaky_relu : tensor<8xf32> to tensor<*xf32>
  call @printMemrefF32(%leaky_relu_u) : (tensor<*xf32>) -> ()
  %prelu = call @prelu(%x) : (tensor<8xf32>) -> tensor<8xf32>
  %prelu_u = tensor.cast %prelu : tensor<8xf32> to tensor<*xf32>
  call @printMemrefF32(%prelu_u) : (tensor<*xf32>) -> ()
  %thresholded_relu = call @thresholded_relu(%x) : (tensor<8xf32>) -> tensor<8xf32>
  %thresholded_relu_u = tensor.cast %thresholded_relu : tensor<8xf32> to tensor<*xf32>
  call @printMemrefF32(%thresholded_relu_u) : (tensor<*xf32>) -> ()
  %clip = call @clip(%x) : (tensor<8xf32>) -> tensor<8xf32>
  %clip_u = tensor.cast %clip : tensor<8xf32> to tensor<*xf32>
  call @printMemrefF32(%clip_u) : (tensor<*xf32>) -> ()
  %hard_sigmoid = call @hard_sigmoid(%x) : (tensor<8xf32>) -> tensor<8xf32>
  %hard_sigmoid_u = tensor.cast %hard_sigmoid : tensor<8xf32> to tensor<*xf32>
  call @printMemrefF32(%hard_sigmoid_u) : (tensor<*xf32>) -> ()
  %hard_swish = call @hard_swish(%x) : (tensor<8xf32>) -> tensor<8xf32>
  %hard_swish_u = tensor.cast %hard_swish : tensor<8xf32> to tensor<*xf32>
  call @printMemrefF32(%hard_swish_u) : (tensor<*xf32>) -> ()
  %elu = call @elu(%x) : (tensor<8xf32>) -> tensor<8xf32>
  %elu_u = tensor.cast %elu : tensor<8xf32> to tensor<*xf32>
  call @printMemrefF32(%elu_u) : (tensor<*xf32>) -> ()
  %selu = call @selu(%x) : (tensor<8xf32>) -> tensor<8xf32>
  %selu_u = tensor.cast %selu : tensor<8xf32> to tensor<*xf32>
  call @printMemrefF32(%selu_u) : (tensor<*xf32>) -> ()
  %celu = call @celu(%x) : (tensor<8xf32>) -> tensor<8xf32>
  %celu_u = tensor.cast %celu : tensor<8xf32> to tensor<*xf32>
  call @printMemrefF32(%celu_u) : (tensor<*xf32>) -> ()
  %softplus = call @softplus(%x) : (tensor<8xf32>) -> tensor<8xf32>
  %softplus_u = tensor.cast %softplus : tensor<8xf32> to tensor<*xf32>
  call @printMemrefF32(%softplus_u) : (tensor<*xf32>) -> ()
  %mish = call @mish(%x) : (tensor<8xf32>) -> tensor<8xf32>
  %mish_u = tensor.cast %mish : tensor<8xf32> to tensor<*xf32>
  call @printMemrefF32(%mish_u) : (tensor<*xf32>) -> ()
  %gelu = call @gelu(%x) : (tensor<8xf32>) -> tensor<8xf32>
  %gelu_u = tensor.cast %gelu : tensor<8xf32> to tensor<*xf32>
  call @printMemrefF32(%gelu_u) : (tensor<*xf32>) -> ()
  %gelu_tanh = call @gelu_tanh(%x) : (tensor<8xf32>) -> tensor<8xf32>
  %gelu_tanh_u = tensor.cast %gelu_tanh : tensor<8xf32> to tensor<*xf32>
  call @printMemrefF32(%gelu_tanh_u) : (tensor<*xf32>) -> ()
  %silu = call @silu(%x) : (tensor<8xf32>) -> tensor<8xf32>
  %silu_u = tensor.cast %silu : tensor<8xf32> to tensor<*xf32>
  call @printMemrefF32(%silu_u) : (tensor<*xf32>) -> ()
  %sigmoid = call @sigmoid(%x) : (tensor<8xf32>) -> tensor<8xf32>
  %sigmoid_u = tensor.cast %sigmoid : tensor<8xf32> to tensor<*xf32>
  call @printMemrefF32(%sigmoid_u) : (tensor<*xf32>) -> ()
  %tanh = call @act_tanh(%x) : (tensor<8xf32>) -> tensor<8xf32>
  %tanh_u = tensor.cast %tanh : tensor<8xf32> to tensor<*xf32>
  call @printMemrefF32(%tanh_u) : (tensor<*xf32>) -> ()
  %softsign = call @softsign(%x) : (tensor<8xf32>) -> tensor<8xf32>
  %softsign_u = tensor.cast %softsign : tensor<8xf32> to tensor<*xf32>
  call @printMemrefF32(%softsign_u) : (tensor<*xf32>) -> ()
  return
}
