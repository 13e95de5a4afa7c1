// The vectorized elementwise path (act-lower-to-cpu{fast-math=true}:
// act-vectorize-elementwise, blocks of vectors with a masked rest,
// non-temporal stores for large results, gelu of a relu in its
// non-negative form, clip without the lower bound a relu made redundant)
// against the accurate lowering, which is the scalar reference in f32 (0
// ulp, docs/semantics.md), at most 2 ulp apart: on the standard inputs
// (±0, ±Inf, NaNs, denormals, every binade; 60607 values, so the last
// vector is masked), and on sizes around the vector length, odd large
// sizes (1000003; 1048579, whose 4.2 MB result takes non-temporal stores
// after a masked head), a 2-D broadcast with an odd row length, on 1 and 2
// threads. act-numerics
// compare fails a NaN against a non-NaN or a zero of the wrong sign at any
// bound.

// RUN: rm -rf %t && mkdir -p %t
// RUN: act-numerics inputs --dtype=f32 -o %t/x.npy
// RUN: act-opt %s --act-lower-to-cpu=fast-math=true > %t/fast.mlir
// RUN: act-opt %s --act-lower-to-cpu="fast-math=true threads=2 results-to-out-params=true" > %t/fast2.mlir
// RUN: act-opt %s --act-lower-to-cpu > %t/accurate.mlir

// RUN: act-run %t/fast.mlir --entry=chain --input=%t/x.npy --output-dir=%t/chain-fast
// RUN: act-run %t/accurate.mlir --entry=chain --input=%t/x.npy --output-dir=%t/chain-accurate
// RUN: act-numerics compare %t/chain-accurate/out0.npy %t/chain-fast/out0.npy --max-ulp=2 >> %t/report
// RUN: act-run %t/fast.mlir --entry=relu_gelu --input=%t/x.npy --output-dir=%t/relu-gelu-fast
// RUN: act-run %t/accurate.mlir --entry=relu_gelu --input=%t/x.npy --output-dir=%t/relu-gelu-accurate
// RUN: act-numerics compare %t/relu-gelu-accurate/out0.npy %t/relu-gelu-fast/out0.npy --max-ulp=2 >> %t/report

// RUN: act-run %t/accurate.mlir --entry=chain_1 --random-inputs --seed=1 --output-dir=%t/c1-accurate
// RUN: act-run %t/fast.mlir --entry=chain_1 --random-inputs --seed=1 --output-dir=%t/c1-fast
// RUN: act-numerics compare %t/c1-accurate/out0.npy %t/c1-fast/out0.npy --max-ulp=2 >> %t/report
// RUN: act-run %t/accurate.mlir --entry=chain_15 --random-inputs --seed=1 --output-dir=%t/c15-accurate
// RUN: act-run %t/fast.mlir --entry=chain_15 --random-inputs --seed=1 --output-dir=%t/c15-fast
// RUN: act-numerics compare %t/c15-accurate/out0.npy %t/c15-fast/out0.npy --max-ulp=2 >> %t/report
// RUN: act-run %t/accurate.mlir --entry=chain_17 --random-inputs --seed=1 --output-dir=%t/c17-accurate
// RUN: act-run %t/fast.mlir --entry=chain_17 --random-inputs --seed=1 --output-dir=%t/c17-fast
// RUN: act-numerics compare %t/c17-accurate/out0.npy %t/c17-fast/out0.npy --max-ulp=2 >> %t/report
// RUN: act-run %t/accurate.mlir --entry=chain_1000003 --random-inputs --seed=1 --output-dir=%t/cbig-accurate
// RUN: act-run %t/fast.mlir --entry=chain_1000003 --random-inputs --seed=1 --output-dir=%t/cbig-fast
// RUN: act-numerics compare %t/cbig-accurate/out0.npy %t/cbig-fast/out0.npy --max-ulp=2 >> %t/report
// RUN: act-run %t/fast2.mlir --entry=chain_1000003 --random-inputs --seed=1 --output-dir=%t/cbig-fast2
// RUN: act-numerics compare %t/cbig-accurate/out0.npy %t/cbig-fast2/out0.npy --max-ulp=2 >> %t/report
// RUN: act-run %t/accurate.mlir --entry=chain_1048579 --random-inputs --seed=2 --output-dir=%t/cnt-accurate
// RUN: act-run %t/fast.mlir --entry=chain_1048579 --random-inputs --seed=2 --output-dir=%t/cnt-fast
// RUN: act-numerics compare %t/cnt-accurate/out0.npy %t/cnt-fast/out0.npy --max-ulp=2 >> %t/report
// RUN: act-run %t/fast2.mlir --entry=chain_1048579 --random-inputs --seed=2 --output-dir=%t/cnt-fast2
// RUN: act-numerics compare %t/cnt-accurate/out0.npy %t/cnt-fast2/out0.npy --max-ulp=2 >> %t/report
// RUN: act-run %t/accurate.mlir --entry=bias_silu --random-inputs --seed=1 --output-dir=%t/bias-accurate
// RUN: act-run %t/fast.mlir --entry=bias_silu --random-inputs --seed=1 --output-dir=%t/bias-fast
// RUN: act-numerics compare %t/bias-accurate/out0.npy %t/bias-fast/out0.npy --max-ulp=2 >> %t/report
// RUN: act-run %t/fast2.mlir --entry=bias_silu --random-inputs --seed=1 --output-dir=%t/bias-fast2
// RUN: act-numerics compare %t/bias-accurate/out0.npy %t/bias-fast2/out0.npy --max-ulp=2 >> %t/report

// The vector code is what ran: no scalar loop for the chain, and the
// 4.2 MB result is written with non-temporal stores.
// RUN: FileCheck %s --check-prefix=IR < %t/fast.mlir
// IR-LABEL: llvm.func @chain_1000003
// IR-NOT: nontemporal
// IR-LABEL: llvm.func @chain_1048579
// IR: llvm.store {{.*}} {alignment = 64 : i64, nontemporal} : vector<16xf32>, !llvm.ptr
// IR: llvm.intr.masked.store

// RUN: FileCheck %s < %t/report
// CHECK: compare (float32): 60607 values, max error {{[0-2]}} ulp (bound 2), 0 over bound
// CHECK-NEXT: compare (float32): 60607 values, max error {{[0-2]}} ulp (bound 2), 0 over bound
// CHECK-NEXT: compare (float32): 1 values, max error {{[0-2]}} ulp (bound 2), 0 over bound
// CHECK-NEXT: compare (float32): 15 values, max error {{[0-2]}} ulp (bound 2), 0 over bound
// CHECK-NEXT: compare (float32): 17 values, max error {{[0-2]}} ulp (bound 2), 0 over bound
// CHECK-NEXT: compare (float32): 1000003 values, max error {{[0-2]}} ulp (bound 2), 0 over bound
// CHECK-NEXT: compare (float32): 1000003 values, max error {{[0-2]}} ulp (bound 2), 0 over bound
// CHECK-NEXT: compare (float32): 1048579 values, max error {{[0-2]}} ulp (bound 2), 0 over bound
// CHECK-NEXT: compare (float32): 1048579 values, max error {{[0-2]}} ulp (bound 2), 0 over bound
// CHECK-NEXT: compare (float32): 119 values, max error {{[0-2]}} ulp (bound 2), 0 over bound
// CHECK-NEXT: compare (float32): 119 values, max error {{[0-2]}} ulp (bound 2), 0 over bound

func.func @chain(%x: tensor<?xf32>) -> tensor<?xf32> {
  %0 = act.relu %x : tensor<?xf32>
  %1 = act.gelu %0 : tensor<?xf32>
  %2 = act.clip %1 {min = 0.0 : f64, max = 6.0 : f64} : tensor<?xf32>
  return %2 : tensor<?xf32>
}

func.func @relu_gelu(%x: tensor<?xf32>) -> tensor<?xf32> {
  %0 = act.relu %x : tensor<?xf32>
  %1 = act.gelu %0 : tensor<?xf32>
  return %1 : tensor<?xf32>
}

func.func @chain_1(%x: tensor<1xf32>) -> tensor<1xf32> {
  %0 = act.relu %x : tensor<1xf32>
  %1 = act.gelu %0 : tensor<1xf32>
  %2 = act.clip %1 {min = 0.0 : f64, max = 6.0 : f64} : tensor<1xf32>
  return %2 : tensor<1xf32>
}

func.func @chain_15(%x: tensor<15xf32>) -> tensor<15xf32> {
  %0 = act.relu %x : tensor<15xf32>
  %1 = act.gelu %0 : tensor<15xf32>
  %2 = act.clip %1 {min = 0.0 : f64, max = 6.0 : f64} : tensor<15xf32>
  return %2 : tensor<15xf32>
}

func.func @chain_17(%x: tensor<17xf32>) -> tensor<17xf32> {
  %0 = act.relu %x : tensor<17xf32>
  %1 = act.gelu %0 : tensor<17xf32>
  %2 = act.clip %1 {min = 0.0 : f64, max = 6.0 : f64} : tensor<17xf32>
  return %2 : tensor<17xf32>
}

func.func @chain_1000003(%x: tensor<1000003xf32>) -> tensor<1000003xf32> {
  %0 = act.relu %x : tensor<1000003xf32>
  %1 = act.gelu %0 : tensor<1000003xf32>
  %2 = act.clip %1 {min = 0.0 : f64, max = 6.0 : f64} : tensor<1000003xf32>
  return %2 : tensor<1000003xf32>
}

func.func @chain_1048579(%x: tensor<1048579xf32>) -> tensor<1048579xf32> {
  %0 = act.relu %x : tensor<1048579xf32>
  %1 = act.gelu %0 : tensor<1048579xf32>
  %2 = act.clip %1 {min = 0.0 : f64, max = 6.0 : f64} : tensor<1048579xf32>
  return %2 : tensor<1048579xf32>
}

// silu(x + bias) with the bias broadcast along rows of 17.
func.func @bias_silu(%x: tensor<7x17xf32>, %bias: tensor<17xf32>) -> tensor<7x17xf32> {
  %e = tensor.empty() : tensor<7x17xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x, %bias : tensor<7x17xf32>, tensor<17xf32>) outs(%e : tensor<7x17xf32>) {
  ^bb0(%a: f32, %b: f32, %out: f32):
    %s = arith.addf %a, %b : f32
    %y = act.silu %s : f32
    linalg.yield %y : f32
  } -> tensor<7x17xf32>
  return %r : tensor<7x17xf32>
}
