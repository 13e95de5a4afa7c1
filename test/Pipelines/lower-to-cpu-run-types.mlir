// RUN: act-opt %s --act-lower-to-cpu | mlir-runner -e main -entry-point-result=void \
// RUN:   -shared-libs=%mlir_lib_dir/libmlir_runner_utils.so,%mlir_lib_dir/libmlir_c_runner_utils.so | FileCheck %s

// f16, bf16 and f64 act ops on tensors with dynamic shapes and on vectors
// lower and run: half types compute in f32 and round once (printed after
// widening to f32), bf16 rounding goes through act-expand-bf16-casts rather
// than a missing libgcc routine, vector libm calls are scalarized.

func.func private @printMemrefF32(tensor<*xf32>)
func.func private @printMemrefF64(tensor<*xf64>)

func.func @gelu_bf16(%x: tensor<?xbf16>) -> tensor<?xbf16> {
  %0 = act.gelu %x : tensor<?xbf16>
  return %0 : tensor<?xbf16>
}

func.func @sigmoid_f16(%x: tensor<4xf16>) -> tensor<4xf16> {
  %0 = act.sigmoid %x : tensor<4xf16>
  return %0 : tensor<4xf16>
}

func.func @elu_f64_vector(%x: vector<4xf64>) -> vector<4xf64> {
  %0 = act.elu %x : vector<4xf64>
  return %0 : vector<4xf64>
}

func.func @main() {
  %xb = arith.constant dense<[-3.0, -0.0, 1.0, 0x7F80]> : tensor<4xbf16>
  %dyn = tensor.cast %xb : tensor<4xbf16> to tensor<?xbf16>
  %gb = call @gelu_bf16(%dyn) : (tensor<?xbf16>) -> tensor<?xbf16>
  %gbs = tensor.cast %gb : tensor<?xbf16> to tensor<4xbf16>
  %gbw = arith.extf %gbs : tensor<4xbf16> to tensor<4xf32>
  %u0 = tensor.cast %gbw : tensor<4xf32> to tensor<*xf32>
  // bf16(gelu(-3)) = bf16(-0.00404951) = -0.00405884
  // CHECK: {{\[}}-0.00405884,  -0,  0.839844,  inf]
  call @printMemrefF32(%u0) : (tensor<*xf32>) -> ()

  %xh = arith.constant dense<[-20.0, 0.0, 1.0, 0xFC00]> : tensor<4xf16>
  %sh = call @sigmoid_f16(%xh) : (tensor<4xf16>) -> tensor<4xf16>
  %shw = arith.extf %sh : tensor<4xf16> to tensor<4xf32>
  %u1 = tensor.cast %shw : tensor<4xf32> to tensor<*xf32>
  // f16(sigmoid(-20)) = f16(2.06e-9) underflows to +0; f16(sigmoid(1)) = 0.731
  // CHECK: {{\[}}0,  0.5,  0.730957,  0]
  call @printMemrefF32(%u1) : (tensor<*xf32>) -> ()

  %xv = arith.constant dense<[-1.0, -0.0, 2.0, 0xFFF0000000000000]> : vector<4xf64>
  %ev = call @elu_f64_vector(%xv) : (vector<4xf64>) -> vector<4xf64>
  %buf = memref.alloca() : memref<4xf64>
  %c0 = arith.constant 0 : index
  vector.store %ev, %buf[%c0] : memref<4xf64>, vector<4xf64>
  %t = bufferization.to_tensor %buf restrict : memref<4xf64> to tensor<4xf64>
  %u2 = tensor.cast %t : tensor<4xf64> to tensor<*xf64>
  // CHECK: {{\[}}-0.632121,  -0,  2,  -1]
  call @printMemrefF64(%u2) : (tensor<*xf64>) -> ()
  return
}
