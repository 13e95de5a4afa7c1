// act-run --print: header line and values of f32, f64, i32, i64, rank-0 and
// multiple results, and the `...` summary beyond 1000 elements.

// RUN: rm -rf %t && mkdir -p %t
// RUN: act-run %s --entry=make_f32 --output-dir=%t/f32
// RUN: act-run %s --entry=id_f32 --input=%t/f32/out0.npy --print | FileCheck %s --match-full-lines --check-prefix=F32
// RUN: act-run %s --entry=relu_f32 --input=%t/f32/out0.npy --print | FileCheck %s --match-full-lines --check-prefix=RELU
// RUN: act-run %s --entry=make_f64 --output-dir=%t/f64
// RUN: act-run %s --entry=leaky_f64 --input=%t/f64/out0.npy --print | FileCheck %s --match-full-lines --check-prefix=F64
// RUN: act-run %s --entry=make_int --output-dir=%t/int
// RUN: act-run %s --entry=add_i32 --input=%t/int/out0.npy --input=%t/int/out0.npy --print | FileCheck %s --match-full-lines --check-prefix=I32
// RUN: act-run %s --entry=id_i64 --input=%t/int/out1.npy --print | FileCheck %s --match-full-lines --check-prefix=I64
// RUN: act-run %s --entry=make_scalar --output-dir=%t/scalar
// RUN: act-run %s --entry=leaky_scalar --input=%t/scalar/out0.npy --print | FileCheck %s --match-full-lines --check-prefix=RANK0
// RUN: act-run %s --entry=make_two --output-dir=%t/two
// RUN: act-run %s --entry=two --input=%t/two/out0.npy --print | FileCheck %s --match-full-lines --check-prefix=TWO
// RUN: act-run %s --entry=iota_1000 --print | FileCheck %s --match-full-lines --check-prefix=N1000
// RUN: act-run %s --entry=iota_1001 --print | FileCheck %s --match-full-lines --check-prefix=N1001
// RUN: act-run %s --entry=iota_40x40 --print | FileCheck %s --match-full-lines --check-prefix=IOTA
// RUN: act-run %s --entry=relu_big --random-inputs --print | FileCheck %s --match-full-lines --check-prefix=BIG

// The input itself: -0, infinities and NaN, shortest round-trip digits.
// F32-LABEL: out0: tensor<3x4xf32> shape=(3, 4) dtype=float32
// F32-NEXT: {{\[\[}}1, -2, 0.5, 3],
// F32-NEXT:  [-0, inf, -inf, nan],
// F32-NEXT:  [0.1, 1e-45, 3.4028235e+38, -10000000000]]
// F32-NOT: {{.}}
func.func @make_f32() -> tensor<3x4xf32> {
  %c = arith.constant dense<[[1.0, -2.0, 0.5, 3.0],
                             [-0.0, 0x7F800000, 0xFF800000, 0x7FC00000],
                             [0.1, 1.0e-45, 3.40282347e38, -1.0e10]]> : tensor<3x4xf32>
  return %c : tensor<3x4xf32>
}
func.func @id_f32(%x: tensor<3x4xf32>) -> tensor<3x4xf32> {
  return %x : tensor<3x4xf32>
}

// RELU-LABEL: out0: tensor<3x4xf32> shape=(3, 4) dtype=float32
// RELU-NEXT: {{\[\[}}1, 0, 0.5, 3],
// RELU-NEXT:  [0, inf, 0, nan],
// RELU-NEXT:  [0.1, 1e-45, 3.4028235e+38, 0]]
// RELU-NOT: {{.}}
func.func @relu_f32(%x: tensor<3x4xf32>) -> tensor<3x4xf32> {
  %y = act.relu %x : tensor<3x4xf32>
  return %y : tensor<3x4xf32>
}

// F64-LABEL: out0: tensor<5xf64> shape=(5,) dtype=float64
// F64-NEXT: [0.1, -0.025, -2.5e-301, 1.5e+300, -inf]
// F64-NOT: {{.}}
func.func @make_f64() -> tensor<5xf64> {
  %c = arith.constant dense<[0.1, -0.1, -1.0e-300, 1.5e300, 0xFFF0000000000000]> : tensor<5xf64>
  return %c : tensor<5xf64>
}
func.func @leaky_f64(%x: tensor<5xf64>) -> tensor<5xf64> {
  %y = act.leaky_relu %x {alpha = 0.25 : f64} : tensor<5xf64>
  return %y : tensor<5xf64>
}

// i32 addition wraps around.
// I32-LABEL: out0: tensor<2x2xi32> shape=(2, 2) dtype=int32
// I32-NEXT: {{\[\[}}2, -4],
// I32-NEXT:  [-2, 0]]
// I32-NOT: {{.}}
func.func @make_int() -> (tensor<2x2xi32>, tensor<3xi64>) {
  %a = arith.constant dense<[[1, -2], [2147483647, -2147483648]]> : tensor<2x2xi32>
  %b = arith.constant dense<[9223372036854775807, -9223372036854775808, 0]> : tensor<3xi64>
  return %a, %b : tensor<2x2xi32>, tensor<3xi64>
}
func.func @add_i32(%a: tensor<2x2xi32>, %b: tensor<2x2xi32>) -> tensor<2x2xi32> {
  %c = arith.addi %a, %b : tensor<2x2xi32>
  return %c : tensor<2x2xi32>
}

// I64-LABEL: out0: tensor<3xi64> shape=(3,) dtype=int64
// I64-NEXT: [9223372036854775807, -9223372036854775808, 0]
// I64-NOT: {{.}}
func.func @id_i64(%a: tensor<3xi64>) -> tensor<3xi64> {
  return %a : tensor<3xi64>
}

// A rank-0 result prints its one value without brackets.
// RANK0-LABEL: out0: tensor<f32> shape=() dtype=float32
// RANK0-NEXT: -0.875
// RANK0-NOT: {{.}}
func.func @make_scalar() -> tensor<f32> {
  %c = arith.constant dense<-3.5> : tensor<f32>
  return %c : tensor<f32>
}
func.func @leaky_scalar(%x: tensor<f32>) -> tensor<f32> {
  %y = act.leaky_relu %x {alpha = 0.25 : f64} : tensor<f32>
  return %y : tensor<f32>
}

// TWO-LABEL: out0: tensor<4xf32> shape=(4,) dtype=float32
// TWO-NEXT: [0, 2.5, 7, 6.5]
// TWO-NEXT: out1: tensor<4xf32> shape=(4,) dtype=float32
// TWO-NEXT: [0, 2.5, 6, 6]
// TWO-NOT: {{.}}
func.func @make_two() -> tensor<4xf32> {
  %c = arith.constant dense<[-1.0, 2.5, 7.0, 6.5]> : tensor<4xf32>
  return %c : tensor<4xf32>
}
func.func @two(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %y = act.relu %x : tensor<4xf32>
  %z = act.clip %x {min = 0.0 : f64, max = 6.0 : f64} : tensor<4xf32>
  return %y, %z : tensor<4xf32>, tensor<4xf32>
}

// 1000 elements print in full; 1001 are summarised to 3 + 3 per dimension.
// N1000-LABEL: out0: tensor<1000xi32> shape=(1000,) dtype=int32
// N1000-NEXT: {{\[0, 1, 2, 3, 4, ([0-9]+, )+997, 998, 999\]}}
// N1000-NOT: ...
func.func @iota_1000() -> tensor<1000xi32> {
  %e = tensor.empty() : tensor<1000xi32>
  %r = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>], iterator_types = ["parallel"]}
      outs(%e : tensor<1000xi32>) {
  ^bb0(%out: i32):
    %i = linalg.index 0 : index
    %v = arith.index_cast %i : index to i32
    linalg.yield %v : i32
  } -> tensor<1000xi32>
  return %r : tensor<1000xi32>
}

// N1001-LABEL: out0: tensor<1001xi32> shape=(1001,) dtype=int32
// N1001-NEXT: [0, 1, 2, ..., 998, 999, 1000]
// N1001-NOT: {{.}}
func.func @iota_1001() -> tensor<1001xi32> {
  %e = tensor.empty() : tensor<1001xi32>
  %r = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>], iterator_types = ["parallel"]}
      outs(%e : tensor<1001xi32>) {
  ^bb0(%out: i32):
    %i = linalg.index 0 : index
    %v = arith.index_cast %i : index to i32
    linalg.yield %v : i32
  } -> tensor<1001xi32>
  return %r : tensor<1001xi32>
}

// Element (i, j) is 100 * i + j: the first and last three rows and columns.
// IOTA-LABEL: out0: tensor<40x40xi32> shape=(40, 40) dtype=int32
// IOTA-NEXT: {{\[\[}}0, 1, 2, ..., 37, 38, 39],
// IOTA-NEXT:  [100, 101, 102, ..., 137, 138, 139],
// IOTA-NEXT:  [200, 201, 202, ..., 237, 238, 239],
// IOTA-NEXT:  ...,
// IOTA-NEXT:  [3700, 3701, 3702, ..., 3737, 3738, 3739],
// IOTA-NEXT:  [3800, 3801, 3802, ..., 3837, 3838, 3839],
// IOTA-NEXT:  [3900, 3901, 3902, ..., 3937, 3938, 3939]]
// IOTA-NOT: {{.}}
func.func @iota_40x40() -> tensor<40x40xi32> {
  %e = tensor.empty() : tensor<40x40xi32>
  %r = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>],
                       iterator_types = ["parallel", "parallel"]}
      outs(%e : tensor<40x40xi32>) {
  ^bb0(%out: i32):
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %c100 = arith.constant 100 : index
    %m = arith.muli %i, %c100 : index
    %s = arith.addi %m, %j : index
    %v = arith.index_cast %s : index to i32
    linalg.yield %v : i32
  } -> tensor<40x40xi32>
  return %r : tensor<40x40xi32>
}

// Random f32 values after relu: non-negative, summarised the same way.
// BIG-LABEL: out0: tensor<40x40xf32> shape=(40, 40) dtype=float32
// BIG-NEXT: {{\[\[([0-9.e+-]+, ){3}\.\.\., ([0-9.e+-]+, ){2}[0-9.e+-]+\],}}
// BIG-NEXT: {{ \[([0-9.e+-]+, ){3}\.\.\., ([0-9.e+-]+, ){2}[0-9.e+-]+\],}}
// BIG-NEXT: {{ \[([0-9.e+-]+, ){3}\.\.\., ([0-9.e+-]+, ){2}[0-9.e+-]+\],}}
// BIG-NEXT:  ...,
// BIG-NEXT: {{ \[([0-9.e+-]+, ){3}\.\.\., ([0-9.e+-]+, ){2}[0-9.e+-]+\],}}
// BIG-NEXT: {{ \[([0-9.e+-]+, ){3}\.\.\., ([0-9.e+-]+, ){2}[0-9.e+-]+\],}}
// BIG-NEXT: {{ \[([0-9.e+-]+, ){3}\.\.\., ([0-9.e+-]+, ){2}[0-9.e+-]+\]\]}}
// BIG-NOT: {{.}}
func.func @relu_big(%x: tensor<40x40xf32>) -> tensor<40x40xf32> {
  %y = act.relu %x : tensor<40x40xf32>
  return %y : tensor<40x40xf32>
}
