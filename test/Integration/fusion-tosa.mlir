// A TOSA graph (batched tosa.matmul + rank-equal broadcast bias + scale +
// clamp + sigmoid) fused by --act-fuse gives bit-identical outputs to the
// same graph lowered by upstream's tosa-to-linalg: the epilogue computes
// each TOSA op with tosa-to-linalg's scalar formula.

// RUN: rm -rf %t && mkdir -p %t
// RUN: act-opt %s --pass-pipeline='builtin.module(func.func(tosa-to-linalg-named,tosa-to-linalg,tosa-to-arith,tosa-to-tensor))' | act-run - --random-inputs --seed=9 --output-dir=%t/tosa
// RUN: act-opt %s --act-fuse | FileCheck %s --check-prefix=FUSED
// RUN: act-opt %s --act-fuse | act-run - --random-inputs --seed=9 --output-dir=%t/fused
// RUN: act-numerics compare %t/tosa/out0.npy %t/fused/out0.npy --max-ulp=0 | FileCheck %s

// FUSED-NOT: tosa.matmul
// FUSED: act.fused_matmul ins(%{{.*}}, %{{.*}} : tensor<2x16x32xf32>, tensor<2x32x24xf32>) bias(%{{.*}} : tensor<1x1x24xf32>) operands(%{{.*}} : tensor<1x1x24xf32>)
// CHECK: compare (float32): 768 values, max error 0 ulp (bound 0), 0 over bound

func.func @main(%a: tensor<2x16x32xf32>, %b: tensor<2x32x24xf32>, %bias: tensor<1x1x24xf32>, %scale: tensor<1x1x24xf32>) -> tensor<2x16x24xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %mm = tosa.matmul %a, %b, %zp, %zp : (tensor<2x16x32xf32>, tensor<2x32x24xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<2x16x24xf32>
  %s = tosa.add %mm, %bias : (tensor<2x16x24xf32>, tensor<1x1x24xf32>) -> tensor<2x16x24xf32>
  %m = tosa.mul %s, %scale, %shift : (tensor<2x16x24xf32>, tensor<1x1x24xf32>, tensor<1xi8>) -> tensor<2x16x24xf32>
  %c = tosa.clamp %m {min_val = -6.0 : f32, max_val = 6.0 : f32} : (tensor<2x16x24xf32>) -> tensor<2x16x24xf32>
  %y = tosa.sigmoid %c : (tensor<2x16x24xf32>) -> tensor<2x16x24xf32>
  return %y : tensor<2x16x24xf32>
}
