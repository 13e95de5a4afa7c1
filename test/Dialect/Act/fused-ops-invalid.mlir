// RUN: act-opt %s --split-input-file --verify-diagnostics

// Every verifier message of act.fused_matmul, act.fused_conv2d and act.yield.

func.func @k_mismatch(%a: tensor<4x8xf32>, %b: tensor<16x5xf32>, %init: tensor<4x5xf32>) -> tensor<4x5xf32> {
  // expected-error @+1 {{'act.fused_matmul' op expects lhs ('tensor<4x8xf32>') and rhs ('tensor<16x5xf32>') to agree on the reduction dimension K, got 8 and 16}}
  %r = act.fused_matmul ins(%a, %b : tensor<4x8xf32>, tensor<16x5xf32>) outs(%init : tensor<4x5xf32>) accumulate(f32) {
  ^bb0(%acc: f32):
    act.yield %acc : f32
  } -> tensor<4x5xf32>
  return %r : tensor<4x5xf32>
}

// -----

func.func @m_mismatch(%a: tensor<4x8xf32>, %b: tensor<8x5xf32>, %init: tensor<3x5xf32>) -> tensor<3x5xf32> {
  // expected-error @+1 {{'act.fused_matmul' op expects the result's M dimension (3) to equal lhs's (4)}}
  %r = act.fused_matmul ins(%a, %b : tensor<4x8xf32>, tensor<8x5xf32>) outs(%init : tensor<3x5xf32>) accumulate(f32) {
  ^bb0(%acc: f32):
    act.yield %acc : f32
  } -> tensor<3x5xf32>
  return %r : tensor<3x5xf32>
}

// -----

func.func @n_mismatch_transposed(%a: tensor<4x8xf32>, %b: tensor<6x8xf32>, %init: tensor<4x5xf32>) -> tensor<4x5xf32> {
  // expected-error @+1 {{'act.fused_matmul' op expects the result's N dimension (5) to equal rhs's (6)}}
  %r = act.fused_matmul ins(%a, %b : tensor<4x8xf32>, tensor<6x8xf32>) transpose_b outs(%init : tensor<4x5xf32>) accumulate(f32) {
  ^bb0(%acc: f32):
    act.yield %acc : f32
  } -> tensor<4x5xf32>
  return %r : tensor<4x5xf32>
}

// -----

func.func @rank1_result(%a: tensor<4x8xf32>, %b: tensor<8x4xf32>, %init: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'act.fused_matmul' op expects a result of rank 2 or more (batch..., M, N), got 'tensor<4xf32>'}}
  %r = act.fused_matmul ins(%a, %b : tensor<4x8xf32>, tensor<8x4xf32>) outs(%init : tensor<4xf32>) accumulate(f32) {
  ^bb0(%acc: f32):
    act.yield %acc : f32
  } -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

func.func @lhs_rank(%a: tensor<2x2x4x8xf32>, %b: tensor<8x5xf32>, %init: tensor<2x4x5xf32>) -> tensor<2x4x5xf32> {
  // expected-error @+1 {{'act.fused_matmul' op expects lhs ('tensor<2x2x4x8xf32>') to have rank 2 or the result's rank 3}}
  %r = act.fused_matmul ins(%a, %b : tensor<2x2x4x8xf32>, tensor<8x5xf32>) outs(%init : tensor<2x4x5xf32>) accumulate(f32) {
  ^bb0(%acc: f32):
    act.yield %acc : f32
  } -> tensor<2x4x5xf32>
  return %r : tensor<2x4x5xf32>
}

// -----

func.func @batch_mismatch(%a: tensor<2x4x8xf32>, %b: tensor<3x8x5xf32>, %init: tensor<2x4x5xf32>) -> tensor<2x4x5xf32> {
  // expected-error @+1 {{'act.fused_matmul' op expects batch dimension #0 of rhs (3) to equal the result's (2)}}
  %r = act.fused_matmul ins(%a, %b : tensor<2x4x8xf32>, tensor<3x8x5xf32>) outs(%init : tensor<2x4x5xf32>) accumulate(f32) {
  ^bb0(%acc: f32):
    act.yield %acc : f32
  } -> tensor<2x4x5xf32>
  return %r : tensor<2x4x5xf32>
}

// -----

func.func @narrow_accumulator(%a: tensor<4x8xf32>, %b: tensor<8x5xf32>, %init: tensor<4x5xf16>) -> tensor<4x5xf16> {
  // expected-error @+1 {{'act.fused_matmul' op expects the accumulator type ('f16') to be the input element type 'f32' or wider}}
  %r = act.fused_matmul ins(%a, %b : tensor<4x8xf32>, tensor<8x5xf32>) outs(%init : tensor<4x5xf16>) accumulate(f16) {
  ^bb0(%acc: f16):
    act.yield %acc : f16
  } -> tensor<4x5xf16>
  return %r : tensor<4x5xf16>
}

// -----

func.func @integer_accumulator(%a: tensor<4x8xf32>, %b: tensor<8x5xf32>, %init: tensor<4x5xf32>) -> tensor<4x5xf32> {
  // expected-error @+1 {{'act.fused_matmul' op expects the accumulator type to be f16, bf16, f32 or f64, got 'i32'}}
  %r = act.fused_matmul ins(%a, %b : tensor<4x8xf32>, tensor<8x5xf32>) outs(%init : tensor<4x5xf32>) accumulate(i32) {
  ^bb0(%acc: i32):
    %f = arith.sitofp %acc : i32 to f32
    act.yield %f : f32
  } -> tensor<4x5xf32>
  return %r : tensor<4x5xf32>
}

// -----

func.func @bias_not_broadcastable(%a: tensor<4x8xf32>, %b: tensor<8x5xf32>, %bias: tensor<4xf32>, %init: tensor<4x5xf32>) -> tensor<4x5xf32> {
  // expected-error @+1 {{'act.fused_matmul' op expects bias ('tensor<4xf32>') to broadcast to the result shape (4, 5): aligned to the right, each dimension must be 1 or equal to the result's}}
  %r = act.fused_matmul ins(%a, %b : tensor<4x8xf32>, tensor<8x5xf32>) bias(%bias : tensor<4xf32>) outs(%init : tensor<4x5xf32>) accumulate(f32) {
  ^bb0(%acc: f32, %be: f32):
    act.yield %acc : f32
  } -> tensor<4x5xf32>
  return %r : tensor<4x5xf32>
}

// -----

func.func @operand_not_broadcastable(%a: tensor<4x8xf32>, %b: tensor<8x5xf32>, %x: tensor<2x4x5xf32>, %init: tensor<4x5xf32>) -> tensor<4x5xf32> {
  // expected-error @+1 {{'act.fused_matmul' op expects extra operand #0 ('tensor<2x4x5xf32>') to broadcast to the result shape (4, 5): aligned to the right, each dimension must be 1 or equal to the result's}}
  %r = act.fused_matmul ins(%a, %b : tensor<4x8xf32>, tensor<8x5xf32>) operands(%x : tensor<2x4x5xf32>) outs(%init : tensor<4x5xf32>) accumulate(f32) {
  ^bb0(%acc: f32, %xe: f32):
    act.yield %acc : f32
  } -> tensor<4x5xf32>
  return %r : tensor<4x5xf32>
}

// -----

func.func @epilogue_arity(%a: tensor<4x8xf32>, %b: tensor<8x5xf32>, %bias: tensor<5xf32>, %init: tensor<4x5xf32>) -> tensor<4x5xf32> {
  // expected-error @+1 {{'act.fused_matmul' op expects the epilogue to take 2 arguments (accumulator, bias), got 1}}
  %r = act.fused_matmul ins(%a, %b : tensor<4x8xf32>, tensor<8x5xf32>) bias(%bias : tensor<5xf32>) outs(%init : tensor<4x5xf32>) accumulate(f32) {
  ^bb0(%acc: f32):
    act.yield %acc : f32
  } -> tensor<4x5xf32>
  return %r : tensor<4x5xf32>
}

// -----

func.func @epilogue_argument_type(%a: tensor<4x8xf32>, %b: tensor<8x5xf32>, %init: tensor<4x5xf32>) -> tensor<4x5xf32> {
  // expected-error @+1 {{'act.fused_matmul' op expects epilogue argument #0 to have type 'f32', got 'f16'}}
  %r = act.fused_matmul ins(%a, %b : tensor<4x8xf32>, tensor<8x5xf32>) outs(%init : tensor<4x5xf32>) accumulate(f32) {
  ^bb0(%acc: f16):
    %e = arith.extf %acc : f16 to f32
    act.yield %e : f32
  } -> tensor<4x5xf32>
  return %r : tensor<4x5xf32>
}

// -----

func.func @yield_type(%a: tensor<4x8xf32>, %b: tensor<8x5xf32>, %init: tensor<4x5xf16>) -> tensor<4x5xf16> {
  %r = act.fused_matmul ins(%a, %b : tensor<4x8xf32>, tensor<8x5xf32>) outs(%init : tensor<4x5xf16>) accumulate(f32) {
  ^bb0(%acc: f32):
    // expected-error @+1 {{'act.yield' op yields 'f32' but the result element type is 'f16'}}
    act.yield %acc : f32
  } -> tensor<4x5xf16>
  return %r : tensor<4x5xf16>
}

// -----

func.func @tensor_op_in_epilogue(%a: tensor<4x8xf32>, %b: tensor<8x5xf32>, %init: tensor<4x5xf32>, %t: tensor<4xf32>) -> tensor<4x5xf32> {
  %r = act.fused_matmul ins(%a, %b : tensor<4x8xf32>, tensor<8x5xf32>) outs(%init : tensor<4x5xf32>) accumulate(f32) {
  ^bb0(%acc: f32):
    %c0 = arith.constant 0 : index
    // expected-error @+1 {{'tensor.extract' op is not allowed in the epilogue of 'act.fused_matmul': epilogue ops must be scalar and free of side effects}}
    %e = tensor.extract %t[%c0] : tensor<4xf32>
    %s = arith.addf %acc, %e : f32
    act.yield %s : f32
  } -> tensor<4x5xf32>
  return %r : tensor<4x5xf32>
}

// -----

func.func @side_effect_in_epilogue(%a: tensor<4x8xf32>, %b: tensor<8x5xf32>, %init: tensor<4x5xf32>, %m: memref<f32>) -> tensor<4x5xf32> {
  %r = act.fused_matmul ins(%a, %b : tensor<4x8xf32>, tensor<8x5xf32>) outs(%init : tensor<4x5xf32>) accumulate(f32) {
  ^bb0(%acc: f32):
    // expected-error @+1 {{'memref.store' op is not allowed in the epilogue of 'act.fused_matmul': epilogue ops must be scalar and free of side effects}}
    memref.store %acc, %m[] : memref<f32>
    act.yield %acc : f32
  } -> tensor<4x5xf32>
  return %r : tensor<4x5xf32>
}

// -----

func.func @init_type(%a: tensor<4x8xf32>, %b: tensor<8x5xf32>, %init: tensor<4x5xf16>) -> tensor<4x5xf32> {
  // expected-error @+1 {{'act.fused_matmul' op expects the init type ('tensor<4x5xf16>') to equal the result type ('tensor<4x5xf32>')}}
  %r = act.fused_matmul ins(%a, %b : tensor<4x8xf32>, tensor<8x5xf32>) outs(%init : tensor<4x5xf16>) accumulate(f32) {
  ^bb0(%acc: f32):
    act.yield %acc : f32
  } -> tensor<4x5xf32>
  return %r : tensor<4x5xf32>
}

// -----

func.func @yield_outside(%x: f32) -> f32 {
  // expected-error @+1 {{'act.yield' op expects parent op to be one of 'act.fused_matmul, act.fused_conv2d'}}
  act.yield %x : f32
}

// -----

func.func @conv_channels(%x: tensor<1x10x10x8xf32>, %w: tensor<3x3x4x16xf32>, %init: tensor<1x8x8x16xf32>) -> tensor<1x8x8x16xf32> {
  // expected-error @+1 {{'act.fused_conv2d' op expects the input channels (8) to equal the filter's (4)}}
  %r = act.fused_conv2d ins(%x, %w : tensor<1x10x10x8xf32>, tensor<3x3x4x16xf32>) outs(%init : tensor<1x8x8x16xf32>) accumulate(f32) {
  ^bb0(%acc: f32):
    act.yield %acc : f32
  } -> tensor<1x8x8x16xf32>
  return %r : tensor<1x8x8x16xf32>
}

// -----

func.func @conv_output_size(%x: tensor<1x10x10x8xf32>, %w: tensor<3x3x8x16xf32>, %init: tensor<1x8x8x16xf32>) -> tensor<1x8x8x16xf32> {
  // expected-error @+1 {{'act.fused_conv2d' op expects output height at most 4 for input size 10, kernel 3, stride 2 and dilation 1, got 8}}
  %r = act.fused_conv2d ins(%x, %w : tensor<1x10x10x8xf32>, tensor<3x3x8x16xf32>) outs(%init : tensor<1x8x8x16xf32>) accumulate(f32) attributes {strides = array<i64: 2, 2>} {
  ^bb0(%acc: f32):
    act.yield %acc : f32
  } -> tensor<1x8x8x16xf32>
  return %r : tensor<1x8x8x16xf32>
}

// -----

func.func @conv_filters(%x: tensor<1x8x10x10xf32>, %w: tensor<32x8x3x3xf32>, %init: tensor<1x16x8x8xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error @+1 {{'act.fused_conv2d' op expects the result channels (16) to equal the filter's output channels (32)}}
  %r = act.fused_conv2d ins(%x, %w : tensor<1x8x10x10xf32>, tensor<32x8x3x3xf32>) outs(%init : tensor<1x16x8x8xf32>) accumulate(f32) attributes {layout = #act.conv_layout<nchw_fchw>} {
  ^bb0(%acc: f32):
    act.yield %acc : f32
  } -> tensor<1x16x8x8xf32>
  return %r : tensor<1x16x8x8xf32>
}

// -----

func.func @conv_rank(%x: tensor<10x10x8xf32>, %w: tensor<3x3x8x16xf32>, %init: tensor<1x8x8x16xf32>) -> tensor<1x8x8x16xf32> {
  // expected-error @+1 {{'act.fused_conv2d' op expects a 4-D input, got 'tensor<10x10x8xf32>'}}
  %r = act.fused_conv2d ins(%x, %w : tensor<10x10x8xf32>, tensor<3x3x8x16xf32>) outs(%init : tensor<1x8x8x16xf32>) accumulate(f32) {
  ^bb0(%acc: f32):
    act.yield %acc : f32
  } -> tensor<1x8x8x16xf32>
  return %r : tensor<1x8x8x16xf32>
}

// -----

func.func @conv_stride(%x: tensor<1x10x10x8xf32>, %w: tensor<3x3x8x16xf32>, %init: tensor<1x8x8x16xf32>) -> tensor<1x8x8x16xf32> {
  // expected-error @+1 {{'act.fused_conv2d' op expects strides and dilations >= 1, got 0}}
  %r = act.fused_conv2d ins(%x, %w : tensor<1x10x10x8xf32>, tensor<3x3x8x16xf32>) outs(%init : tensor<1x8x8x16xf32>) accumulate(f32) attributes {strides = array<i64: 0, 1>} {
  ^bb0(%acc: f32):
    act.yield %acc : f32
  } -> tensor<1x8x8x16xf32>
  return %r : tensor<1x8x8x16xf32>
}

// -----

func.func @conv_nchw_bias(%x: tensor<1x8x10x10xf32>, %w: tensor<16x8x3x3xf32>, %b: tensor<16xf32>, %init: tensor<1x16x8x8xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error @+1 {{'act.fused_conv2d' op expects bias ('tensor<16xf32>') to broadcast to the result shape (1, 16, 8, 8): aligned to the right, each dimension must be 1 or equal to the result's}}
  %r = act.fused_conv2d ins(%x, %w : tensor<1x8x10x10xf32>, tensor<16x8x3x3xf32>) bias(%b : tensor<16xf32>) outs(%init : tensor<1x16x8x8xf32>) accumulate(f32) attributes {layout = #act.conv_layout<nchw_fchw>} {
  ^bb0(%acc: f32, %be: f32):
    act.yield %acc : f32
  } -> tensor<1x16x8x8xf32>
  return %r : tensor<1x16x8x8xf32>
}
