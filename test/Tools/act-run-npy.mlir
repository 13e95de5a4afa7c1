// act-run's .npy files: round trips through --output-dir and --input, the
// f16 and bf16 ('<u2') encodings, dynamic dimensions, and act-numerics compare.

// RUN: rm -rf %t && mkdir -p %t

// f32 round trip: what act-run writes, it reads back unchanged.
// RUN: act-run %s --entry=make_f32 --output-dir=%t/a
// RUN: act-run %s --entry=id_f32 --input=%t/a/out0.npy --output-dir=%t/b --print | FileCheck %s --match-full-lines --check-prefix=ROUND
// RUN: cmp %t/a/out0.npy %t/b/out0.npy

// Headers: version 1.0, C order, data at offset 128 (64-byte aligned).
// RUN: act-run %s --entry=make_all --output-dir=%t/all
// RUN: %python -c "import ast,sys; [print(d[:8], h['descr'], h['fortran_order'], h['shape'], 10+n, d[10+n:].hex()) for d in [open(p,'rb').read() for p in sys.argv[1:]] for n in [d[8]+256*d[9]] for h in [ast.literal_eval(d[10:10+n].decode())]]" %t/all/out0.npy %t/all/out1.npy %t/all/out2.npy %t/all/out3.npy %t/all/out4.npy | FileCheck %s --match-full-lines --check-prefix=HEADER

// f16 and bf16 read back and run.
// RUN: act-run %s --entry=relu_half --input=%t/all/out0.npy --input=%t/all/out1.npy --print --output-dir=%t/half | FileCheck %s --match-full-lines --check-prefix=HALF
// RUN: %python -c "import ast,sys; [print(h['descr'], h['shape'], d[10+n:].hex()) for d in [open(p,'rb').read() for p in sys.argv[1:]] for n in [d[8]+256*d[9]] for h in [ast.literal_eval(d[10:10+n].decode())]]" %t/half/out0.npy %t/half/out1.npy | FileCheck %s --match-full-lines --check-prefix=HALF-FILE

// Dynamic dimensions take the input's sizes, and so does the result.
// RUN: act-run %s --entry=make_f32 --output-dir=%t/d2
// RUN: act-run %s --entry=make_4x3 --output-dir=%t/d4
// RUN: act-run %s --entry=relu_dyn --input=%t/d2/out0.npy --print | FileCheck %s --match-full-lines --check-prefix=DYN2
// RUN: act-run %s --entry=relu_dyn --input=%t/d4/out0.npy --print --output-dir=%t/d4r | FileCheck %s --match-full-lines --check-prefix=DYN4
// RUN: %python -c "import ast,sys; [print(h['descr'], h['shape']) for d in [open(p,'rb').read() for p in sys.argv[1:]] for n in [d[8]+256*d[9]] for h in [ast.literal_eval(d[10:10+n].decode())]]" %t/d4r/out0.npy | FileCheck %s --match-full-lines --check-prefix=DYN4-FILE

// Two runs of the same function on the same input agree bit for bit; relu's
// input and output differ where the input is negative.
// RUN: act-run %s --entry=gelu_dyn --input=%t/d4/out0.npy --output-dir=%t/g1
// RUN: act-run %s --entry=gelu_dyn --input=%t/d4/out0.npy --output-dir=%t/g2
// RUN: act-numerics compare %t/g1/out0.npy %t/g2/out0.npy | FileCheck %s --match-full-lines --check-prefix=SAME
// RUN: not act-numerics compare %t/d4/out0.npy %t/d4r/out0.npy | FileCheck %s --match-full-lines --check-prefix=DIFF
// RUN: not act-numerics compare %t/d4/out0.npy %t/d4r/out0.npy --max-ulp=1073741824 | FileCheck %s --match-full-lines --check-prefix=BOUND

// ROUND-LABEL: out0: tensor<2x3xf32> shape=(2, 3) dtype=float32
// ROUND-NEXT: {{\[\[}}1, -2, 0.1],
// ROUND-NEXT:  [-0, inf, nan]]
// ROUND-NOT: {{.}}
func.func @make_f32() -> tensor<2x3xf32> {
  %c = arith.constant dense<[[1.0, -2.0, 0.1], [-0.0, 0x7F800000, 0x7FC00000]]> : tensor<2x3xf32>
  return %c : tensor<2x3xf32>
}
func.func @id_f32(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  return %x : tensor<2x3xf32>
}

// The raw little-endian bits: f16 1, -2.5, 65504, 0.1 are 3c00 c100 7bff 2e66;
// bf16 1, -2.5, 3e38, 0.1 are 3f80 c020 7f62 3dcd (rounded to nearest even).
// HEADER:      b'\x93NUMPY\x01\x00' <f2 False (4,) 128 003c00c1ff7b662e
// HEADER-NEXT: b'\x93NUMPY\x01\x00' <u2 False (4,) 128 803f20c0627fcd3d
// HEADER-NEXT: b'\x93NUMPY\x01\x00' <f8 False (2,) 128 000000000000f03f000000000000f0ff
// HEADER-NEXT: b'\x93NUMPY\x01\x00' <i4 False (2, 1) 128 ffffffff00000080
// HEADER-NEXT: b'\x93NUMPY\x01\x00' <i8 False () 128 0700000000000000
// HEADER-NOT: {{.}}
func.func @make_all() -> (tensor<4xf16>, tensor<4xbf16>, tensor<2xf64>, tensor<2x1xi32>, tensor<i64>) {
  %a = arith.constant dense<[1.0, -2.5, 65504.0, 0.1]> : tensor<4xf16>
  %b = arith.constant dense<[1.0, -2.5, 3.0e38, 0.1]> : tensor<4xbf16>
  %c = arith.constant dense<[1.0, 0xFFF0000000000000]> : tensor<2xf64>
  %d = arith.constant dense<[[-1], [-2147483648]]> : tensor<2x1xi32>
  %e = arith.constant dense<7> : tensor<i64>
  return %a, %b, %c, %d, %e : tensor<4xf16>, tensor<4xbf16>, tensor<2xf64>, tensor<2x1xi32>, tensor<i64>
}

// HALF-LABEL: out0: tensor<4xf16> shape=(4,) dtype=float16
// HALF-NEXT: [1, 0, 65504, 0.1]
// HALF-NEXT: out1: tensor<4xbf16> shape=(4,) dtype=bfloat16
// HALF-NEXT: [1, 0, 3e+38, 0.1]
// HALF-NOT: {{.}}
// HALF-FILE:      <f2 (4,) 003c0000ff7b662e
// HALF-FILE-NEXT: <u2 (4,) 803f0000627fcd3d
func.func @relu_half(%a: tensor<4xf16>, %b: tensor<4xbf16>) -> (tensor<4xf16>, tensor<4xbf16>) {
  %x = act.relu %a : tensor<4xf16>
  %y = act.relu %b : tensor<4xbf16>
  return %x, %y : tensor<4xf16>, tensor<4xbf16>
}

// DYN2-LABEL: out0: tensor<?x3xf32> shape=(2, 3) dtype=float32
// DYN2-NEXT: {{\[\[}}1, 0, 0.1],
// DYN2-NEXT:  [0, inf, nan]]
// DYN2-NOT: {{.}}
// DYN4-LABEL: out0: tensor<?x3xf32> shape=(4, 3) dtype=float32
// DYN4-NEXT: {{\[\[}}0, 1, 0],
// DYN4-NEXT:  [3, 0, 5],
// DYN4-NEXT:  [0, 7, 0],
// DYN4-NEXT:  [9, 0, 11]]
// DYN4-NOT: {{.}}
// DYN4-FILE: <f4 (4, 3)
func.func @make_4x3() -> tensor<4x3xf32> {
  %c = arith.constant dense<[[0.0, 1.0, -2.0], [3.0, -4.0, 5.0], [-6.0, 7.0, -8.0], [9.0, -10.0, 11.0]]> : tensor<4x3xf32>
  return %c : tensor<4x3xf32>
}
func.func @relu_dyn(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %y = act.relu %x : tensor<?x3xf32>
  return %y : tensor<?x3xf32>
}

// SAME: compare (float32): 12 values, max error 0 ulp (bound 0), 0 over bound
// SAME-NOT: {{.}}
// DIFF: compare (float32): 12 values, max error 1092616192 ulp (bound 0), 5 over bound; worst at element 10
// DIFF-NEXT:   element 2: expected -2, got 0 (1073741824 ulp)
// DIFF-NEXT:   element 4: expected -4, got 0 (1082130432 ulp)
// DIFF-NEXT:   element 6: expected -6, got 0 (1086324736 ulp)
// DIFF-NEXT:   element 8: expected -8, got 0 (1090519040 ulp)
// DIFF-NEXT:   element 10: expected {{.*}}, got 0 (1092616192 ulp)
// DIFF-NOT: {{.}}
// BOUND: compare (float32): 12 values, max error 1092616192 ulp (bound 1073741824), 4 over bound; worst at element 10
// BOUND-NEXT:   element 4: expected -4, got 0 (1082130432 ulp)
func.func @gelu_dyn(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %y = act.gelu %x : tensor<?x3xf32>
  return %y : tensor<?x3xf32>
}
