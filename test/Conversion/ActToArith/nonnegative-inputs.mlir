// RUN: act-opt %s --split-input-file --convert-act-to-arith=fast=true | FileCheck %s --check-prefix=FAST
// RUN: act-opt %s --split-input-file --convert-act-to-arith | FileCheck %s --check-prefix=ACCURATE

// gelu and clip of a value known to be NaN, +0.0 or positive (here a
// relu's result). Fast: gelu is x - min(x, 5.5) * exp(q(min(x, 5.5))), q
// the degree-8 polynomial for log(Phi(-x)), exp by range reduction, a
// degree-5 polynomial and an exponent add. Both paths: the clip keeps only
// its upper bound.

// FAST-LABEL: func.func @relu_gelu_clip(
// FAST-SAME: %[[X:.*]]: vector<16xf32>)
// FAST-DAG: %[[SIX:.*]] = arith.constant dense<6.000000e+00> : vector<16xf32>
// FAST-DAG: %[[SHIFT:.*]] = arith.constant dense<23> : vector<16xi32>
// FAST-DAG: %[[ONE:.*]] = arith.constant dense<1.000000e+00> : vector<16xf32>
// FAST-DAG: %[[LOG2E:.*]] = arith.constant dense<1.44269502> : vector<16xf32>
// FAST-DAG: %[[MAGIC:.*]] = arith.constant dense<0x4B400000> : vector<16xf32>
// FAST-DAG: %[[Q0:.*]] = arith.constant dense<-0.693147182> : vector<16xf32>
// FAST-DAG: %[[Q1:.*]] = arith.constant dense<-0.797885417> : vector<16xf32>
// FAST-DAG: %[[Q8:.*]] = arith.constant dense<-1.85603619E-6> : vector<16xf32>
// FAST-DAG: %[[Q7:.*]] = arith.constant dense<2.63662296E-5> : vector<16xf32>
// FAST-DAG: %[[CUT:.*]] = arith.constant dense<5.500000e+00> : vector<16xf32>
// FAST-DAG: %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : vector<16xf32>
// FAST: %[[RELU:.*]] = arith.maximumf %[[X]], %[[ZERO]] : vector<16xf32>
// FAST-NEXT: %[[XC:.*]] = arith.minimumf %[[RELU]], %[[CUT]] : vector<16xf32>
// FAST-NEXT: %[[P8:.*]] = math.fma %[[Q8]], %[[XC]], %[[Q7]] : vector<16xf32>
// FAST-COUNT-6: math.fma %{{.*}}, %[[XC]], %{{.*}} : vector<16xf32>
// FAST-NEXT: %[[Q:.*]] = math.fma %{{.*}}, %[[XC]], %[[Q0]] : vector<16xf32>
// FAST-NEXT: %[[J:.*]] = math.fma %[[Q]], %[[LOG2E]], %[[MAGIC]] : vector<16xf32>
// FAST-NEXT: %[[K:.*]] = arith.subf %[[J]], %[[MAGIC]] : vector<16xf32>
// FAST-NEXT: %[[R:.*]] = math.fma %[[K]], %[[Q0]], %[[Q]] : vector<16xf32>
// FAST-COUNT-4: math.fma %{{.*}}, %[[R]], %{{.*}} : vector<16xf32>
// FAST-NEXT: %[[E:.*]] = math.fma %{{.*}}, %[[R]], %[[ONE]] : vector<16xf32>
// FAST-NEXT: %[[JB:.*]] = arith.bitcast %[[J]] : vector<16xf32> to vector<16xi32>
// FAST-NEXT: %[[KB:.*]] = arith.shli %[[JB]], %[[SHIFT]] : vector<16xi32>
// FAST-NEXT: %[[EB:.*]] = arith.bitcast %[[E]] : vector<16xf32> to vector<16xi32>
// FAST-NEXT: %[[SB:.*]] = arith.addi %[[EB]], %[[KB]] : vector<16xi32>
// FAST-NEXT: %[[PHI:.*]] = arith.bitcast %[[SB]] : vector<16xi32> to vector<16xf32>
// FAST-NEXT: %[[H:.*]] = arith.mulf %[[XC]], %[[PHI]] : vector<16xf32>
// FAST-NEXT: %[[GELU:.*]] = arith.subf %[[RELU]], %[[H]] : vector<16xf32>
// FAST-NEXT: %[[CLIP:.*]] = arith.minimumf %[[GELU]], %[[SIX]] : vector<16xf32>
// FAST-NEXT: return %[[CLIP]] : vector<16xf32>

// ACCURATE-LABEL: func.func @relu_gelu_clip(
// ACCURATE: %[[RELU:.*]] = arith.maximumf
// ACCURATE: math.erfc {{.*}} : vector<16xf64>
// ACCURATE: %[[GELU:.*]] = arith.truncf {{.*}} : vector<16xf64> to vector<16xf32>
// ACCURATE-NEXT: %[[CLIP:.*]] = arith.minimumf %[[GELU]], %{{.*}} : vector<16xf32>
// ACCURATE-NEXT: return %[[CLIP]] : vector<16xf32>
func.func @relu_gelu_clip(%x: vector<16xf32>) -> vector<16xf32> {
  %0 = act.relu %x : vector<16xf32>
  %1 = act.gelu %0 : vector<16xf32>
  %2 = act.clip %1 {min = 0.0 : f64, max = 6.0 : f64} : vector<16xf32>
  return %2 : vector<16xf32>
}

// -----

// Not known to be non-negative: an argument, a relu that ignores NaN (its
// zero's sign is unspecified), a clip whose lower bound is negative. gelu
// keeps the erfc formula, the clips their lower bound.

// FAST-LABEL: func.func @unknown(
// FAST-SAME: %[[X:.*]]: f32)
// FAST: math.erfc %{{.*}} : f32
// FAST: %[[RELU:.*]] = arith.maxnumf %[[X]], %{{.*}} : f32
// FAST-NEXT: %[[LO:.*]] = arith.maximumf %[[RELU]], %{{.*}} : f32
// FAST-NEXT: arith.minimumf %[[LO]], %{{.*}} : f32
// FAST: %[[C:.*]] = arith.maximumf %[[X]], %{{.*}} : f32
// FAST-NEXT: %[[CLO:.*]] = arith.minimumf %[[C]], %{{.*}} : f32
// FAST-NEXT: %[[CLO2:.*]] = arith.maximumf %[[CLO]], %{{.*}} : f32
// FAST-NEXT: arith.minimumf %[[CLO2]], %{{.*}} : f32

// ACCURATE-LABEL: func.func @unknown(
// ACCURATE: math.erfc %{{.*}} : f64
func.func @unknown(%x: f32) -> (f32, f32, f32) {
  %0 = act.gelu %x : f32
  %1 = act.relu %x {nan_mode = #act.nan_mode<ignore>} : f32
  %2 = act.clip %1 {min = 0.0 : f64, max = 6.0 : f64} : f32
  %3 = act.clip %x {min = -1.0 : f64, max = 1.0 : f64} : f32
  %4 = act.clip %3 {min = 0.0 : f64, max = 6.0 : f64} : f32
  return %0, %2, %4 : f32, f32, f32
}
