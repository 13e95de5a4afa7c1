// act-run's errors: bad .npy files, inputs that do not fit the entry, bad
// entries, modules and options: each prints one diagnostic and fails, no crash.

// RUN: rm -rf %t && split-file --leading-lines %s %t
// RUN: act-run %t/main.mlir --entry=make_x --output-dir=%t/x
// RUN: act-run %t/main.mlir --entry=make_d --output-dir=%t/d
// RUN: act-run %t/main.mlir --entry=make_y --output-dir=%t/y

// Files that are not usable .npy arrays, made from a good one.
// RUN: not act-run %t/main.mlir --input=%t/nope.npy 2>&1 | FileCheck %s --match-full-lines --check-prefix=MISSING
// RUN: printf 'PK\003\004 this is a zip' > %t/magic.npy
// RUN: not act-run %t/main.mlir --input=%t/magic.npy 2>&1 | FileCheck %s --match-full-lines --check-prefix=MAGIC
// RUN: %python -c "import sys; d=open(sys.argv[1],'rb').read(); open(sys.argv[2],'wb').write(d[:-3])" %t/x/out0.npy %t/truncated.npy
// RUN: not act-run %t/main.mlir --input=%t/truncated.npy 2>&1 | FileCheck %s --match-full-lines --check-prefix=TRUNCATED
// RUN: %python -c "import sys; d=open(sys.argv[1],'rb').read(); open(sys.argv[2],'wb').write(d[:12])" %t/x/out0.npy %t/header.npy
// RUN: not act-run %t/main.mlir --input=%t/header.npy 2>&1 | FileCheck %s --match-full-lines --check-prefix=HEADER
// RUN: %python -c "import sys; d=open(sys.argv[1],'rb').read(); open(sys.argv[2],'wb').write(d.replace(sys.argv[3].encode(), sys.argv[4].encode(), 1))" %t/x/out0.npy %t/u1.npy "'<f4'" "'|u1'"
// RUN: not act-run %t/main.mlir --input=%t/u1.npy 2>&1 | FileCheck %s --match-full-lines --check-prefix=U1
// RUN: %python -c "import sys; d=open(sys.argv[1],'rb').read(); open(sys.argv[2],'wb').write(d.replace(sys.argv[3].encode(), sys.argv[4].encode(), 1))" %t/x/out0.npy %t/c8.npy "'<f4'" "'<c8'"
// RUN: not act-run %t/main.mlir --input=%t/c8.npy 2>&1 | FileCheck %s --match-full-lines --check-prefix=C8
// RUN: %python -c "import sys; d=open(sys.argv[1],'rb').read(); open(sys.argv[2],'wb').write(d.replace(sys.argv[3].encode(), sys.argv[4].encode(), 1))" %t/x/out0.npy %t/big-endian.npy "'<f4'" "'>f4'"
// RUN: not act-run %t/main.mlir --input=%t/big-endian.npy 2>&1 | FileCheck %s --match-full-lines --check-prefix=BIG-ENDIAN
// RUN: %python -c "import sys; d=open(sys.argv[1],'rb').read(); open(sys.argv[2],'wb').write(d.replace(sys.argv[3].encode(), sys.argv[4].encode(), 1))" %t/x/out0.npy %t/fortran.npy "False" "True "
// RUN: not act-run %t/main.mlir --input=%t/fortran.npy 2>&1 | FileCheck %s --match-full-lines --check-prefix=FORTRAN
// A header may declare any shape; nothing is allocated before the size is
// checked. (The replacements keep the header's length.)
// RUN: %python -c "import sys; d=open(sys.argv[1],'rb').read(); open(sys.argv[2],'wb').write(d.replace(sys.argv[3].encode(), sys.argv[4].encode(), 1))" %t/x/out0.npy %t/huge.npy "(4,), }             " "(99999999999999,), }"
// RUN: not act-run %t/main.mlir --input=%t/huge.npy 2>&1 | FileCheck %s --match-full-lines --check-prefix=HUGE
// RUN: %python -c "import sys; d=open(sys.argv[1],'rb').read(); open(sys.argv[2],'wb').write(d.replace(sys.argv[3].encode(), sys.argv[4].encode(), 1))" %t/x/out0.npy %t/wrap.npy "(4,), }                  " "(4611686018427387904,), }"
// RUN: not act-run %t/main.mlir --input=%t/wrap.npy 2>&1 | FileCheck %s --match-full-lines --check-prefix=WRAP

// MISSING: error: cannot read '{{.*}}nope.npy': No such file or directory
// MISSING-NOT: {{.}}
// MAGIC: error: '{{.*}}magic.npy': not a .npy file (bad magic string)
// MAGIC-NOT: {{.}}
// TRUNCATED: error: '{{.*}}truncated.npy': data size mismatch: shape (4,) of float32 needs 16 bytes, the file has 13
// TRUNCATED-NOT: {{.}}
// HEADER: error: '{{.*}}header.npy': truncated .npy header
// HEADER-NOT: {{.}}
// U1: error: '{{.*}}u1.npy': unsupported dtype '|u1' (supported: float16 '<f2', bfloat16 as uint16 '<u2', float32 '<f4', float64 '<f8', int32 '<i4', int64 '<i8')
// U1-NOT: {{.}}
// C8: error: '{{.*}}c8.npy': unsupported dtype '<c8' (supported: float16 '<f2', bfloat16 as uint16 '<u2', float32 '<f4', float64 '<f8', int32 '<i4', int64 '<i8')
// C8-NOT: {{.}}
// BIG-ENDIAN: error: '{{.*}}big-endian.npy': big-endian data ('>f4') is not supported; save it little-endian
// BIG-ENDIAN-NOT: {{.}}
// FORTRAN: error: '{{.*}}fortran.npy': Fortran-order arrays are not supported; save a C-order array (numpy.ascontiguousarray)
// FORTRAN-NOT: {{.}}
// HUGE: error: '{{.*}}huge.npy': data size mismatch: shape (99999999999999,) of float32 needs 399999999999996 bytes, the file has 16
// HUGE-NOT: {{.}}
// WRAP: error: '{{.*}}wrap.npy': data size mismatch: shape (4611686018427387904,) of float32 is too large to address, the file has 16 bytes
// WRAP-NOT: {{.}}

// Good files that do not fit the entry's arguments.
// RUN: not act-run %t/main.mlir --input=%t/d/out0.npy 2>&1 | FileCheck %s --match-full-lines --check-prefix=DTYPE
// RUN: not act-run %t/main.mlir --input=%t/y/out0.npy 2>&1 | FileCheck %s --match-full-lines --check-prefix=SHAPE
// RUN: not act-run %t/main.mlir --input=%t/x/out0.npy --input=%t/x/out0.npy 2>&1 | FileCheck %s --match-full-lines --check-prefix=TOO-MANY
// RUN: not act-run %t/main.mlir 2>&1 | FileCheck %s --match-full-lines --check-prefix=TOO-FEW
// RUN: not act-run %t/main.mlir --entry=relu_dyn --random-inputs 2>&1 | FileCheck %s --match-full-lines --check-prefix=DYNAMIC

// DTYPE: error: argument #0 of 'main' (tensor<4xf32>) needs float32 data, the input is float64
// DTYPE-NOT: {{.}}
// SHAPE: error: argument #0 of 'main' (tensor<4xf32>) needs shape (4,), the input has shape (2, 2)
// SHAPE-NOT: {{.}}
// TOO-MANY: error: 2 --input files given, but 'main' takes 1 argument(s)
// TOO-MANY-NOT: {{.}}
// TOO-FEW: error: 'main' takes 1 argument(s), 0 --input file(s) given (or use --random-inputs)
// TOO-FEW-NOT: {{.}}
// DYNAMIC: error: argument #0 of 'relu_dyn' (tensor<?xf32>) has dynamic dimensions: --random-inputs cannot choose its shape; give it with --input
// DYNAMIC-NOT: {{.}}

// Entries act-run cannot find or call.
// RUN: not act-run %t/main.mlir --entry=nothere 2>&1 | FileCheck %s --match-full-lines --check-prefix=UNKNOWN
// RUN: not act-run %t/main.mlir --entry=declared --random-inputs 2>&1 | FileCheck %s --match-full-lines --check-prefix=NO-BODY
// RUN: not act-run %t/main.mlir --entry=scalar_arg --random-inputs 2>&1 | FileCheck %s --match-full-lines --check-prefix=SCALAR-ARG
// RUN: not act-run %t/main.mlir --entry=scalar_result --random-inputs 2>&1 | FileCheck %s --match-full-lines --check-prefix=SCALAR-RESULT
// RUN: not act-run %t/two-public.mlir --random-inputs 2>&1 | FileCheck %s --match-full-lines --check-prefix=TWO-PUBLIC

// UNKNOWN: {{.*}}main.mlir:{{[0-9]+}}:{{[0-9]+}}: error: no function named 'nothere'
// UNKNOWN-NOT: {{.}}

// Modules act-run cannot run, and options it does not take.
// RUN: not act-run %t/invalid.mlir --random-inputs 2>&1 | FileCheck %s --match-full-lines --check-prefix=INVALID
// RUN: not act-run %t/llvm-no-signature.mlir 2>&1 | FileCheck %s --match-full-lines --check-prefix=NO-SIGNATURE
// RUN: not act-run %t/llvm-wrong-signature.mlir --random-inputs 2>&1 | FileCheck %s --match-full-lines --check-prefix=WRONG-SIGNATURE
// RUN: not act-run %t/main.mlir --random-inputs --target=gpu 2>&1 | FileCheck %s --match-full-lines --check-prefix=TARGET

// TARGET: error: unsupported target 'gpu' (supported: cpu)
// TARGET-NOT: {{.}}

//--- main.mlir
func.func @main(%x: tensor<4xf32>) -> tensor<4xf32> {
  %y = act.relu %x : tensor<4xf32>
  return %y : tensor<4xf32>
}
func.func @make_x() -> tensor<4xf32> {
  %c = arith.constant dense<[1.0, -2.0, 0.5, 3.0]> : tensor<4xf32>
  return %c : tensor<4xf32>
}
func.func @make_d() -> tensor<4xf64> {
  %c = arith.constant dense<[1.0, -2.0, 0.5, 3.0]> : tensor<4xf64>
  return %c : tensor<4xf64>
}
func.func @make_y() -> tensor<2x2xf32> {
  %c = arith.constant dense<[[1.0, -2.0], [0.5, 3.0]]> : tensor<2x2xf32>
  return %c : tensor<2x2xf32>
}
func.func @relu_dyn(%x: tensor<?xf32>) -> tensor<?xf32> {
  %y = act.relu %x : tensor<?xf32>
  return %y : tensor<?xf32>
}
// NO-BODY: {{.*}}main.mlir:[[@LINE+4]]:1: error: entry function 'declared' has no body
// NO-BODY-NEXT: func.func private @declared(%x: tensor<4xf32>) -> tensor<4xf32>
// NO-BODY-NEXT: ^
// NO-BODY-NOT: {{.}}
func.func private @declared(%x: tensor<4xf32>) -> tensor<4xf32>
// SCALAR-ARG: {{.*}}main.mlir:[[@LINE+4]]:1: error: argument #0 of 'scalar_arg' has type 'f32'; the entry must take and return ranked tensors (or memrefs with the identity layout) of f16, bf16, f32, f64, i32 or i64
// SCALAR-ARG-NEXT: func.func @scalar_arg(%x: f32) -> tensor<4xf32> {
// SCALAR-ARG-NEXT: ^
// SCALAR-ARG-NOT: {{.}}
func.func @scalar_arg(%x: f32) -> tensor<4xf32> {
  %t = tensor.splat %x : tensor<4xf32>
  return %t : tensor<4xf32>
}
// SCALAR-RESULT: {{.*}}main.mlir:[[@LINE+4]]:1: error: result #0 of 'scalar_result' has type 'f32'; the entry must take and return ranked tensors (or memrefs with the identity layout) of f16, bf16, f32, f64, i32 or i64
// SCALAR-RESULT-NEXT: func.func @scalar_result(%x: tensor<4xf32>) -> f32 {
// SCALAR-RESULT-NEXT: ^
// SCALAR-RESULT-NOT: {{.}}
func.func @scalar_result(%x: tensor<4xf32>) -> f32 {
  %c0 = arith.constant 0 : index
  %e = tensor.extract %x[%c0] : tensor<4xf32>
  return %e : f32
}

//--- two-public.mlir
// TWO-PUBLIC: {{.*}}two-public.mlir:{{[0-9]+}}:{{[0-9]+}}: error: no 'main' function and 2 public functions; name the entry
// TWO-PUBLIC-NEXT: {{.*}}two-public.mlir:[[@LINE+5]]:1: note: candidate 'f'
// TWO-PUBLIC-NEXT: func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
// TWO-PUBLIC-NEXT: ^
// TWO-PUBLIC-NEXT: {{.*}}two-public.mlir:[[@LINE+5]]:1: note: candidate 'g'
// TWO-PUBLIC-NOT: candidate 'private'
func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
func.func @g(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
func.func private @private(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}

//--- invalid.mlir
// The verifier's error, with its location; nothing is lowered or run.
// INVALID: {{.*}}invalid.mlir:[[@LINE+3]]:8: error: 'act.clip' op requires min <= max, got 6 > 0
// INVALID-NOT: error
func.func @main(%x: tensor<4xf32>) -> tensor<4xf32> {
  %y = act.clip %x {min = 6.0 : f64, max = 0.0 : f64} : tensor<4xf32>
  return %y : tensor<4xf32>
}

//--- llvm-no-signature.mlir
// In the LLVM dialect already, but without act-lower-to-cpu's act.signature.
// NO-SIGNATURE: {{.*}}llvm-no-signature.mlir:[[@LINE+4]]:1: error: cannot tell what 'main' takes and returns: it is lowered to LLVM but carries no 'act.signature' attribute (act-lower-to-cpu records it; lower with that pipeline, or give act-run the IR before lowering)
// NO-SIGNATURE-NEXT: llvm.func @main(%x: f32) -> f32 {
// NO-SIGNATURE-NEXT: ^
// NO-SIGNATURE-NOT: {{.}}
llvm.func @main(%x: f32) -> f32 {
  llvm.return %x : f32
}

//--- llvm-wrong-signature.mlir
// An act.signature that does not fit the lowered function is refused, not
// trusted: calling it would read garbage.
// WRONG-SIGNATURE: {{.*}}llvm-wrong-signature.mlir:[[@LINE+3]]:1: error: 'main' does not match its act.signature: the lowered function should take 5 arguments (3 + 2 * rank per tensor) and return a struct of descriptors, or take 5 more (its results as out-params) and return nothing
// WRONG-SIGNATURE-NEXT: llvm.func @main(%x: f32) -> f32 attributes {act.signature = (tensor<4xf32>) -> tensor<4xf32>} {
// WRONG-SIGNATURE-NEXT: ^
llvm.func @main(%x: f32) -> f32 attributes {act.signature = (tensor<4xf32>) -> tensor<4xf32>} {
  llvm.return %x : f32
}
