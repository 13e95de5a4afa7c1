// act-run on IR already lowered by act-lower-to-cpu (read from stdin) prints
// what it prints on the IR before lowering; act.signature tells it the types.

// RUN: act-run %s --random-inputs --seed=3 --print | FileCheck %s --match-full-lines --check-prefix=BOTH
// RUN: act-opt %s --act-lower-to-cpu | act-run - --random-inputs --seed=3 --print | FileCheck %s --match-full-lines --check-prefix=BOTH
// RUN: act-run %s --entry=twice --random-inputs --seed=3 --print | FileCheck %s --match-full-lines --check-prefix=TWICE
// RUN: act-opt %s --act-lower-to-cpu | act-run - --entry=twice --random-inputs --seed=3 --print | FileCheck %s --match-full-lines --check-prefix=TWICE
// RUN: act-opt %s --act-lower-to-cpu | FileCheck %s --check-prefix=LOWERED

// The same output, byte for byte.
// RUN: rm -rf %t && mkdir -p %t
// RUN: act-run %s --random-inputs --seed=3 --print > %t/direct.txt
// RUN: act-opt %s --act-lower-to-cpu | act-run - --random-inputs --seed=3 --print > %t/lowered.txt
// RUN: diff %t/direct.txt %t/lowered.txt

// BOTH-LABEL: out0: tensor<2x3xf32> shape=(2, 3) dtype=float32
// BOTH-NEXT: {{\[\[}}0.4701279, -0.5, 0.72193015],
// BOTH-NEXT:  [-0.30726218, 0.4783651, -0.27739462]]
// BOTH-NEXT: out1: tensor<3xi32> shape=(3,) dtype=int32
// BOTH-NEXT: [96, -32, 82]
// BOTH-NOT: {{.}}

// LOWERED-NOT: func.func
// LOWERED-LABEL: llvm.func @main(
// LOWERED-SAME: attributes {act.signature = (tensor<2x3xf32>, tensor<3xi32>) -> (tensor<2x3xf32>, tensor<3xi32>)}
func.func @main(%x: tensor<2x3xf32>, %b: tensor<3xi32>) -> (tensor<2x3xf32>, tensor<3xi32>) {
  %y = act.leaky_relu %x {alpha = 0.25 : f64} : tensor<2x3xf32>
  %z = act.clip %y {min = -0.5 : f64, max = 2.0 : f64} : tensor<2x3xf32>
  %c = arith.addi %b, %b : tensor<3xi32>
  return %z, %c : tensor<2x3xf32>, tensor<3xi32>
}

// TWICE-LABEL: out0: tensor<?x2xi64> shape=(2, 2) dtype=int64
// TWICE-NEXT: {{\[\[}}24, -122],
// TWICE-NEXT:  [36, -62]]
// TWICE-NOT: {{.}}

// LOWERED-LABEL: llvm.func @twice(
// LOWERED-SAME: attributes {act.signature = (tensor<2x2xi64>) -> tensor<?x2xi64>}
// LOWERED-NOT: func.func
func.func @twice(%x: tensor<2x2xi64>) -> tensor<?x2xi64> {
  %y = arith.addi %x, %x : tensor<2x2xi64>
  %z = tensor.cast %y : tensor<2x2xi64> to tensor<?x2xi64>
  return %z : tensor<?x2xi64>
}
