// RUN: act-opt %s --split-input-file --act-fuse=report=true --verify-diagnostics | FileCheck %s

// --act-fuse="report=true": one remark per fused group (what was fused, the
// sizes, the accumulation type, the bytes of intermediate traffic saved:
// each eliminated tensor written once and read back once) and one per missed
// opportunity, at the op that blocked it, with the reason.

#id = affine_map<(d0, d1) -> (d0, d1)>
#along_n = affine_map<(d0, d1) -> (d1)>

// CHECK-LABEL: func @fused_group
// CHECK: act.fused_matmul
func.func @fused_group(%a: tensor<64x256xf32>, %w: tensor<256x128xf32>, %bias: tensor<128xf32>) -> tensor<64x128xf32> {
  %cst = arith.constant 0.000000e+00 : f32
  %e = tensor.empty() : tensor<64x128xf32>
  %z = linalg.fill ins(%cst : f32) outs(%e : tensor<64x128xf32>) -> tensor<64x128xf32>
  // Two 64x128xf32 intermediates (the matmul and the bias add results), 2 x 2 x 32 KiB.
  // expected-remark @+1 {{fused 'linalg.matmul' + 'linalg.generic' (bias add) + 'act.relu' into 'act.fused_matmul' (M=64 N=128 K=256, f32 accumulation); saves 131072 bytes of intermediate traffic (2 intermediate tensors not written and read back: tensor<64x128xf32>, tensor<64x128xf32>)}}
  %mm = linalg.matmul ins(%a, %w : tensor<64x256xf32>, tensor<256x128xf32>) outs(%z : tensor<64x128xf32>) -> tensor<64x128xf32>
  %b = linalg.generic {indexing_maps = [#id, #along_n, #id], iterator_types = ["parallel", "parallel"]} ins(%mm, %bias : tensor<64x128xf32>, tensor<128xf32>) outs(%e : tensor<64x128xf32>) {
  ^bb0(%in: f32, %in_0: f32, %out: f32):
    %0 = arith.addf %in, %in_0 : f32
    linalg.yield %0 : f32
  } -> tensor<64x128xf32>
  %r = act.relu %b : tensor<64x128xf32>
  return %r : tensor<64x128xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
#along_n = affine_map<(d0, d1) -> (d1)>

// A partial fusion: one remark for what fused, one for where it stopped.
func.func @bias_add_second_user(%a: tensor<64x256xf32>, %w: tensor<256x128xf32>, %bias: tensor<128xf32>) -> (tensor<64x128xf32>, tensor<64x128xf32>) {
  %cst = arith.constant 0.000000e+00 : f32
  %e = tensor.empty() : tensor<64x128xf32>
  %z = linalg.fill ins(%cst : f32) outs(%e : tensor<64x128xf32>) -> tensor<64x128xf32>
  // expected-remark @+1 {{fused 'linalg.matmul' + 'linalg.generic' (bias add) into 'act.fused_matmul' (M=64 N=128 K=256, f32 accumulation); saves 65536 bytes of intermediate traffic (1 intermediate tensor not written and read back: tensor<64x128xf32>)}}
  %mm = linalg.matmul ins(%a, %w : tensor<64x256xf32>, tensor<256x128xf32>) outs(%z : tensor<64x128xf32>) -> tensor<64x128xf32>
  // expected-remark @+1 {{not fused into the epilogue of 'linalg.matmul': the result of 'linalg.generic' has 2 users; fusing past it would compute it twice}}
  %b = linalg.generic {indexing_maps = [#id, #along_n, #id], iterator_types = ["parallel", "parallel"]} ins(%mm, %bias : tensor<64x128xf32>, tensor<128xf32>) outs(%e : tensor<64x128xf32>) {
  ^bb0(%in: f32, %in_0: f32, %out: f32):
    %0 = arith.addf %in, %in_0 : f32
    linalg.yield %0 : f32
  } -> tensor<64x128xf32>
  %r = act.relu %b : tensor<64x128xf32>
  return %r, %b : tensor<64x128xf32>, tensor<64x128xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
#transposed = affine_map<(d0, d1) -> (d1, d0)>

func.func @not_a_broadcast(%a: tensor<8x8xf32>, %b: tensor<8x8xf32>, %t: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %cst = arith.constant 0.000000e+00 : f32
  %e = tensor.empty() : tensor<8x8xf32>
  %z = linalg.fill ins(%cst : f32) outs(%e : tensor<8x8xf32>) -> tensor<8x8xf32>
  %mm = linalg.matmul ins(%a, %b : tensor<8x8xf32>, tensor<8x8xf32>) outs(%z : tensor<8x8xf32>) -> tensor<8x8xf32>
  // expected-remark @+1 {{not fused: 'linalg.generic' cannot join the epilogue: it reads an operand through (d0, d1) -> (d1, d0), which is not a broadcast along the result's dimensions in order}}
  %1 = linalg.generic {indexing_maps = [#id, #transposed, #id], iterator_types = ["parallel", "parallel"]} ins(%mm, %t : tensor<8x8xf32>, tensor<8x8xf32>) outs(%e : tensor<8x8xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<8x8xf32>
  return %1 : tensor<8x8xf32>
}

// -----

func.func @not_elementwise(%a: tensor<8x16xf32>, %b: tensor<16x32xf32>) -> tensor<256xf32> {
  %cst = arith.constant 0.000000e+00 : f32
  %e = tensor.empty() : tensor<8x32xf32>
  %z = linalg.fill ins(%cst : f32) outs(%e : tensor<8x32xf32>) -> tensor<8x32xf32>
  // expected-remark @+1 {{not fused: the only user of its result, 'tensor.collapse_shape', is not an elementwise op}}
  %mm = linalg.matmul ins(%a, %b : tensor<8x16xf32>, tensor<16x32xf32>) outs(%z : tensor<8x32xf32>) -> tensor<8x32xf32>
  %c = tensor.collapse_shape %mm [[0, 1]] : tensor<8x32xf32> into tensor<256xf32>
  %r = act.relu %c : tensor<256xf32>
  return %r : tensor<256xf32>
}

// -----

func.func @not_a_multiply_add(%a: tensor<8x16xf32>, %b: tensor<16x32xf32>) -> tensor<8x32xf32> {
  %cst = arith.constant 0.000000e+00 : f32
  %e = tensor.empty() : tensor<8x32xf32>
  %z = linalg.fill ins(%cst : f32) outs(%e : tensor<8x32xf32>) -> tensor<8x32xf32>
  // expected-remark @+1 {{not fused: 'linalg.generic' does not accumulate a float multiply-add (out + ext(a) * ext(b), no fastmath flags)}}
  %mm = linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : tensor<8x16xf32>, tensor<16x32xf32>) outs(%z : tensor<8x32xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y fastmath<contract> : f32
    %s = arith.addf %acc, %p fastmath<contract> : f32
    linalg.yield %s : f32
  } -> tensor<8x32xf32>
  %r = act.relu %mm : tensor<8x32xf32>
  return %r : tensor<8x32xf32>
}

// -----

func.func @conv_block(%x: tensor<1x10x10x8xf32>, %w: tensor<3x3x8x16xf32>, %bias: tensor<16xf32>) -> tensor<1x8x8x16xf32> {
  %cst = arith.constant 0.000000e+00 : f32
  %e = tensor.empty() : tensor<1x8x8x16xf32>
  %z = linalg.fill ins(%cst : f32) outs(%e : tensor<1x8x8x16xf32>) -> tensor<1x8x8x16xf32>
  // expected-remark @+1 {{fused 'linalg.conv_2d_nhwc_hwcf' + 'linalg.generic' (bias add) + 'act.relu' into 'act.fused_conv2d' (NHWC output tensor<1x8x8x16xf32>, 3x3 filter, stride 1x1, f32 accumulation); saves 16384 bytes of intermediate traffic (2 intermediate tensors not written and read back: tensor<1x8x8x16xf32>, tensor<1x8x8x16xf32>)}}
  %c = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x10x10x8xf32>, tensor<3x3x8x16xf32>) outs(%z : tensor<1x8x8x16xf32>) -> tensor<1x8x8x16xf32>
  %b = linalg.generic {indexing_maps = [affine_map<(d0,d1,d2,d3)->(d0,d1,d2,d3)>, affine_map<(d0,d1,d2,d3)->(d3)>, affine_map<(d0,d1,d2,d3)->(d0,d1,d2,d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%c, %bias : tensor<1x8x8x16xf32>, tensor<16xf32>) outs(%e : tensor<1x8x8x16xf32>) {
  ^bb0(%in: f32, %bb: f32, %o: f32):
    %s = arith.addf %in, %bb : f32
    linalg.yield %s : f32
  } -> tensor<1x8x8x16xf32>
  %r = act.relu %b : tensor<1x8x8x16xf32>
  return %r : tensor<1x8x8x16xf32>
}

// -----

// The reassociation of a bias that initialised the accumulator is reported.
func.func @bias_in_accumulator(%a: tensor<8x16xf32>, %b: tensor<16x32xf32>, %bias: tensor<32xf32>) -> tensor<8x32xf32> {
  %e = tensor.empty() : tensor<8x32xf32>
  %bb = linalg.broadcast ins(%bias : tensor<32xf32>) outs(%e : tensor<8x32xf32>) dimensions = [0]
  // expected-remark @+1 {{fused 'linalg.matmul' (accumulating onto a broadcast 'linalg.broadcast') + 'act.gelu' into 'act.fused_matmul' (M=8 N=32 K=16, f32 accumulation); saves 4096 bytes of intermediate traffic (2 intermediate tensors not written and read back: tensor<8x32xf32>, tensor<8x32xf32>); the accumulator's initial value is now added after the sum, which reassociates it}}
  %mm = linalg.matmul ins(%a, %b : tensor<8x16xf32>, tensor<16x32xf32>) outs(%bb : tensor<8x32xf32>) -> tensor<8x32xf32>
  %r = act.gelu %mm : tensor<8x32xf32>
  return %r : tensor<8x32xf32>
}

// -----

// Elementwise chains report too, and so does a chain split by a second user.
func.func @elementwise_chain(%x: tensor<1024xf32>) -> (tensor<1024xf32>, tensor<1024xf32>) {
  // expected-remark @+1 {{fused 2 elementwise ops ('act.relu' + 'act.gelu') into one 'linalg.generic'; saves 8192 bytes of intermediate traffic (1 intermediate tensor not written and read back: tensor<1024xf32>)}}
  %0 = act.relu %x : tensor<1024xf32>
  // expected-remark @+1 {{not fused into the elementwise chain: the result of 'act.gelu' has 2 users; fusing past it would compute it twice}}
  %1 = act.gelu %0 : tensor<1024xf32>
  %2 = act.clip %1 {min = 0.0 : f64, max = 6.0 : f64} : tensor<1024xf32>
  return %2, %1 : tensor<1024xf32>, tensor<1024xf32>
}

// -----

func.func @shared_weight(%x: tensor<2x8x16xf32>, %w: tensor<16x32xf32>) -> tensor<2x8x32xf32> {
  %zero = arith.constant 0.0 : f32
  %ew = tensor.empty() : tensor<2x16x32xf32>
  %wb = linalg.broadcast ins(%w : tensor<16x32xf32>) outs(%ew : tensor<2x16x32xf32>) dimensions = [0]
  %e = tensor.empty() : tensor<2x8x32xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<2x8x32xf32>) -> tensor<2x8x32xf32>
  // The broadcast weight (2 x 2 KiB x 2) and the matmul result (2 KiB x 2) are saved.
  // expected-remark @+1 {{fused 'linalg.batch_matmul' (reading a batch-broadcast 'linalg.broadcast' operand as one shared matrix) + 'act.relu' into 'act.fused_matmul' (B=2 M=8 N=32 K=16, f32 accumulation); saves 12288 bytes of intermediate traffic (2 intermediate tensors not written and read back: tensor<2x16x32xf32>, tensor<2x8x32xf32>)}}
  %mm = linalg.batch_matmul ins(%x, %wb : tensor<2x8x16xf32>, tensor<2x16x32xf32>) outs(%z : tensor<2x8x32xf32>) -> tensor<2x8x32xf32>
  %r = act.relu %mm : tensor<2x8x32xf32>
  return %r : tensor<2x8x32xf32>
}

// -----

func.func @negative_zero_accumulator(%a: tensor<8x16xf32>, %b: tensor<16x32xf32>) -> tensor<8x32xf32> {
  %cst = arith.constant -0.000000e+00 : f32
  %e = tensor.empty() : tensor<8x32xf32>
  %z = linalg.fill ins(%cst : f32) outs(%e : tensor<8x32xf32>) -> tensor<8x32xf32>
  // expected-remark @+1 {{not fused: 'linalg.matmul' accumulates from -0.0, which the fused ops (which start from +0.0) cannot express}}
  %mm = linalg.matmul ins(%a, %b : tensor<8x16xf32>, tensor<16x32xf32>) outs(%z : tensor<8x32xf32>) -> tensor<8x32xf32>
  %r = act.relu %mm : tensor<8x32xf32>
  return %r : tensor<8x32xf32>
}

// -----

func.func @dynamic_tosa_operand(%a: tensor<1x4x8xf32>, %b: tensor<1x8x?xf32>, %bias: tensor<1x1x?xf32>) -> tensor<1x4x?xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %mm = tosa.matmul %a, %b, %zp, %zp : (tensor<1x4x8xf32>, tensor<1x8x?xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x?xf32>
  // expected-remark @+1 {{not fused: 'tosa.add' has an operand of dynamic shape tensor<1x1x?xf32>, which may broadcast at run time}}
  %s = tosa.add %mm, %bias : (tensor<1x4x?xf32>, tensor<1x1x?xf32>) -> tensor<1x4x?xf32>
  return %s : tensor<1x4x?xf32>
}

// -----

func.func @region_in_payload(%a: tensor<4x8xf32>, %b: tensor<8x6xf32>, %flag: i1) -> tensor<4x6xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x6xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<4x6xf32>) -> tensor<4x6xf32>
  %mm = linalg.matmul ins(%a, %b : tensor<4x8xf32>, tensor<8x6xf32>) outs(%z : tensor<4x6xf32>) -> tensor<4x6xf32>
  // expected-remark @+1 {{not fused: 'linalg.generic' computes 'scf.if', which is not a scalar op free of side effects}}
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%mm : tensor<4x6xf32>) outs(%e : tensor<4x6xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = scf.if %flag -> f32 {
      scf.yield %in : f32
    } else {
      scf.yield %zero : f32
    }
    linalg.yield %s : f32
  } -> tensor<4x6xf32>
  return %r : tensor<4x6xf32>
}
