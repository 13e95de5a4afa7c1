// act-run --bench's report, and --threads: OpenMP loops (threads=2) compute
// the same values as plain ones (threads=1).

// RUN: rm -rf %t && mkdir -p %t
// RUN: act-run %s --random-inputs --bench=5 | FileCheck %s --match-full-lines --check-prefix=BENCH
// RUN: act-run %s --random-inputs --bench=5 | %python -c "import sys; v=dict(f.split('=') for f in sys.stdin.read().splitlines()[-1].split()[1:]); print(float(v['min_ms']) <= float(v['median_ms']) <= float(v['max_ms']), v['iters'])" | FileCheck %s --match-full-lines --check-prefix=ORDER
// RUN: act-run %s --random-inputs --seed=7 --print --bench=1 | FileCheck %s --match-full-lines --check-prefix=PRINT-BENCH
// RUN: act-opt %s --act-lower-to-cpu | act-run - --random-inputs --bench=2 | FileCheck %s --match-full-lines --check-prefix=LOWERED-BENCH

// BENCH: compile: lower_ms={{[0-9]+\.[0-9][0-9][0-9]}} jit_ms={{[0-9]+\.[0-9][0-9][0-9]}}
// BENCH-NEXT: bench: median_ms={{[0-9]+\.[0-9][0-9][0-9][0-9]}} min_ms={{[0-9]+\.[0-9][0-9][0-9][0-9]}} max_ms={{[0-9]+\.[0-9][0-9][0-9][0-9]}} iters=5 cpu_median_ms={{[0-9]+\.[0-9][0-9][0-9][0-9]}}{{$}}
// BENCH-NOT: {{.}}
// ORDER: True 5

// The results print first; the bench line is still the last one.
// PRINT-BENCH: out0: tensor<64x64xf32> shape=(64, 64) dtype=float32
// PRINT-BENCH: ...,
// PRINT-BENCH: compile: lower_ms={{[0-9.]+}} jit_ms={{[0-9.]+}}
// PRINT-BENCH-NEXT: bench: median_ms={{[0-9.]+}} min_ms={{[0-9.]+}} max_ms={{[0-9.]+}} iters=1 cpu_median_ms={{[0-9.]+}}
// PRINT-BENCH-NOT: {{.}}

// Nothing to lower when the input is LLVM IR already.
// LOWERED-BENCH: compile: lower_ms=0.000 jit_ms={{[0-9.]+}}
// LOWERED-BENCH-NEXT: bench: median_ms={{[0-9.]+}} min_ms={{[0-9.]+}} max_ms={{[0-9.]+}} iters=2 cpu_median_ms={{[0-9.]+}}
// LOWERED-BENCH-NOT: {{.}}

// Same printed values and bit-identical files on 1 and 2 threads.
// RUN: act-run %s --random-inputs --seed=7 --threads=1 --print --output-dir=%t/t1 > %t/t1.txt
// RUN: act-run %s --random-inputs --seed=7 --threads=2 --print --output-dir=%t/t2 > %t/t2.txt
// RUN: diff %t/t1.txt %t/t2.txt
// RUN: FileCheck %s --match-full-lines --check-prefix=VALUES < %t/t2.txt
// RUN: act-numerics compare %t/t1/out0.npy %t/t2/out0.npy | FileCheck %s --match-full-lines --check-prefix=COMPARE

// VALUES: out0: tensor<64x64xf32> shape=(64, 64) dtype=float32
// VALUES-NEXT: {{\[\[([0-9.e+-]+, ){3}\.\.\., ([0-9.e+-]+, ){2}[0-9.e+-]+\],}}
// VALUES-COUNT-2: {{ \[([0-9.e+-]+, ){3}\.\.\., ([0-9.e+-]+, ){2}[0-9.e+-]+\],}}
// VALUES-NEXT:  ...,
// COMPARE: compare (float32): 4096 values, max error 0 ulp (bound 0), 0 over bound

// threads=2 runs the parallel loops of the fused elementwise op on OpenMP;
// threads=1 has no OpenMP at all.
// RUN: act-opt %s --act-lower-to-cpu="threads=2" | FileCheck %s --check-prefix=OMP
// RUN: act-opt %s --act-lower-to-cpu="threads=1" | FileCheck %s --check-prefix=NO-OMP

// OMP-LABEL: llvm.func @main(
// OMP: omp.parallel
// OMP: omp.wsloop
// OMP-NEXT: omp.loop_nest
// OMP: omp.terminator
// NO-OMP-LABEL: llvm.func @main(
// NO-OMP-NOT: omp.
func.func @main(%x: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %y = act.relu %x : tensor<64x64xf32>
  %z = act.gelu %y : tensor<64x64xf32>
  return %z : tensor<64x64xf32>
}
