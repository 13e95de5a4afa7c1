// RUN: act-opt %s --split-input-file --canonicalize | FileCheck %s

// Every algebraic rewrite has a positive test and, next to it, the negative
// tests that show where it must not fire.

// CHECK-LABEL: func @relu_of_relu
// CHECK-SAME: (%[[X:.*]]: tensor<8xf32>)
// CHECK-NEXT: %[[R:.*]] = act.relu %[[X]] : tensor<8xf32>
// CHECK-NEXT: return %[[R]]
func.func @relu_of_relu(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = act.relu %x : tensor<8xf32>
  %1 = act.relu %0 : tensor<8xf32>
  return %1 : tensor<8xf32>
}

// relu(ignore) of relu(ignore): the inner result is never NaN and the outer
// one's zero sign is free.
// CHECK-LABEL: func @relu_ignore_of_relu_ignore
// CHECK-NEXT: %[[R:.*]] = act.relu %{{.*}} {nan_mode = #act.nan_mode<ignore>}
// CHECK-NEXT: return %[[R]]
func.func @relu_ignore_of_relu_ignore(%x: f32) -> f32 {
  %0 = act.relu %x {nan_mode = #act.nan_mode<ignore>} : f32
  %1 = act.relu %0 {nan_mode = #act.nan_mode<ignore>} : f32
  return %1 : f32
}

// Negative: the outer relu pins the zero sign the inner (ignore) leaves free.
// CHECK-LABEL: func @relu_of_relu_ignore_kept
// CHECK-NEXT: %[[A:.*]] = act.relu %{{.*}} {nan_mode = #act.nan_mode<ignore>}
// CHECK-NEXT: %[[B:.*]] = act.relu %[[A]] : f32
// CHECK-NEXT: return %[[B]]
func.func @relu_of_relu_ignore_kept(%x: f32) -> f32 {
  %0 = act.relu %x {nan_mode = #act.nan_mode<ignore>} : f32
  %1 = act.relu %0 : f32
  return %1 : f32
}

// Negative: the outer relu(ignore) maps the inner NaN to 0.
// CHECK-LABEL: func @relu_ignore_of_relu_kept
// CHECK-NEXT: %[[A:.*]] = act.relu %{{.*}} : f32
// CHECK-NEXT: %[[B:.*]] = act.relu %[[A]] {nan_mode = #act.nan_mode<ignore>}
// CHECK-NEXT: return %[[B]]
func.func @relu_ignore_of_relu_kept(%x: f32) -> f32 {
  %0 = act.relu %x : f32
  %1 = act.relu %0 {nan_mode = #act.nan_mode<ignore>} : f32
  return %1 : f32
}

// -----

// relu of a value known non-negative is that value.

// CHECK-LABEL: func @relu_of_nonnegative
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK-NEXT: %[[S:.*]] = act.sigmoid %[[X]]
// CHECK-NEXT: %[[P:.*]] = act.softplus %[[X]]
// CHECK-NEXT: %[[C:.*]] = act.clip %[[X]] {max = 6.000000e+00 : f64, min = 0.000000e+00 : f64}
// CHECK-NEXT: %[[C2:.*]] = act.clip %[[X]] {max = 6.000000e+00 : f64, min = 1.000000e+00 : f64}
// CHECK-NEXT: %[[H:.*]] = act.hard_sigmoid %[[X]]
// CHECK-NEXT: return %[[S]], %[[P]], %[[C]], %[[C2]], %[[H]]
func.func @relu_of_nonnegative(%x: f32) -> (f32, f32, f32, f32, f32) {
  %s = act.sigmoid %x : f32
  %0 = act.relu %s : f32
  %p = act.softplus %x : f32
  %1 = act.relu %p : f32
  %c = act.clip %x {min = 0.0 : f64, max = 6.0 : f64} : f32
  %2 = act.relu %c : f32
  %c2 = act.clip %x {min = 1.0 : f64, max = 6.0 : f64} : f32
  %3 = act.relu %c2 : f32
  %h = act.hard_sigmoid %x : f32
  %4 = act.relu %h : f32
  return %0, %1, %2, %3, %4 : f32, f32, f32, f32, f32
}

// Negative: softplus with a negative threshold returns x for x in
// (threshold, 0), so its result can be negative.
// CHECK-LABEL: func @relu_of_softplus_negative_threshold_kept
// CHECK: %[[P:.*]] = act.softplus %{{.*}} {threshold = -1.000000e+00 : f64}
// CHECK-NEXT: %[[R:.*]] = act.relu %[[P]]
// CHECK-NEXT: return %[[R]]
func.func @relu_of_softplus_negative_threshold_kept(%x: f32) -> f32 {
  %p = act.softplus %x {threshold = -1.0 : f64} : f32
  %0 = act.relu %p : f32
  return %0 : f32
}

// Negative: relu(ignore) turns the sigmoid's NaN into 0.
// CHECK-LABEL: func @relu_ignore_of_sigmoid_kept
// CHECK: %[[S:.*]] = act.sigmoid
// CHECK-NEXT: %[[R:.*]] = act.relu %[[S]] {nan_mode = #act.nan_mode<ignore>}
// CHECK-NEXT: return %[[R]]
func.func @relu_ignore_of_sigmoid_kept(%x: f32) -> f32 {
  %s = act.sigmoid %x : f32
  %0 = act.relu %s {nan_mode = #act.nan_mode<ignore>} : f32
  return %0 : f32
}

// Negative: hard_sigmoid(ignore) may return -0.0, which relu maps to +0.0.
// CHECK-LABEL: func @relu_of_hard_sigmoid_ignore_kept
// CHECK: %[[H:.*]] = act.hard_sigmoid %{{.*}} {nan_mode = #act.nan_mode<ignore>}
// CHECK-NEXT: %[[R:.*]] = act.relu %[[H]] : f32
// CHECK-NEXT: return %[[R]]
func.func @relu_of_hard_sigmoid_ignore_kept(%x: f32) -> f32 {
  %h = act.hard_sigmoid %x {nan_mode = #act.nan_mode<ignore>} : f32
  %0 = act.relu %h : f32
  return %0 : f32
}

// Negative: tanh is not non-negative.
// CHECK-LABEL: func @relu_of_tanh_kept
// CHECK: %[[T:.*]] = act.tanh
// CHECK-NEXT: %[[R:.*]] = act.relu %[[T]]
func.func @relu_of_tanh_kept(%x: f32) -> f32 {
  %t = act.tanh %x : f32
  %0 = act.relu %t : f32
  return %0 : f32
}

// -----

// relu(clip) and clip(relu) merge into one clip.

// CHECK-LABEL: func @relu_of_clip
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK-NEXT: %[[C:.*]] = act.clip %[[X]] {max = 6.000000e+00 : f64, min = 0.000000e+00 : f64} : f32
// CHECK-NEXT: return %[[C]]
func.func @relu_of_clip(%x: f32) -> f32 {
  %c = act.clip %x {min = -1.0 : f64, max = 6.0 : f64} : f32
  %0 = act.relu %c : f32
  return %0 : f32
}

// A clip to [-0.0, 6] keeps -0.0; relu of it does not, so the merged clip
// starts at +0.0.
// CHECK-LABEL: func @relu_of_clip_negative_zero_min
// CHECK-NEXT: %[[C:.*]] = act.clip %{{.*}} {max = 6.000000e+00 : f64, min = 0.000000e+00 : f64} : f32
// CHECK-NEXT: return %[[C]]
func.func @relu_of_clip_negative_zero_min(%x: f32) -> f32 {
  %c = act.clip %x {min = -0.0 : f64, max = 6.0 : f64} : f32
  %0 = act.relu %c : f32
  return %0 : f32
}

// CHECK-LABEL: func @clip_of_relu
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK-NEXT: %[[C:.*]] = act.clip %[[X]] {max = 6.000000e+00 : f64, min = 0.000000e+00 : f64} : f32
// CHECK-NEXT: return %[[C]]
func.func @clip_of_relu(%x: f32) -> f32 {
  %r = act.relu %x : f32
  %0 = act.clip %r {min = -3.0 : f64, max = 6.0 : f64} : f32
  return %0 : f32
}

// Negative: nan_mode differs.
// CHECK-LABEL: func @relu_of_clip_ignore_kept
// CHECK: %[[C:.*]] = act.clip %{{.*}} {max = 6.000000e+00 : f64, min = -1.000000e+00 : f64, nan_mode = #act.nan_mode<ignore>}
// CHECK-NEXT: %[[R:.*]] = act.relu %[[C]] : f32
// CHECK-NEXT: return %[[R]]
func.func @relu_of_clip_ignore_kept(%x: f32) -> f32 {
  %c = act.clip %x {min = -1.0 : f64, max = 6.0 : f64, nan_mode = #act.nan_mode<ignore>} : f32
  %0 = act.relu %c : f32
  return %0 : f32
}

// -----

// clip(clip(x)) = clip(x, c2(min1), c2(max1)) for monotone clamps c1, c2.

// CHECK-LABEL: func @clip_of_clip_overlapping
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK-NEXT: %[[C:.*]] = act.clip %[[X]] {max = 4.000000e+00 : f64, min = -1.000000e+00 : f64} : f32
// CHECK-NEXT: return %[[C]]
func.func @clip_of_clip_overlapping(%x: f32) -> f32 {
  %0 = act.clip %x {min = -2.0 : f64, max = 4.0 : f64} : f32
  %1 = act.clip %0 {min = -1.0 : f64, max = 6.0 : f64} : f32
  return %1 : f32
}

// Disjoint ranges: every number lands on 2; NaN stays NaN.
// CHECK-LABEL: func @clip_of_clip_disjoint
// CHECK-NEXT: %[[C:.*]] = act.clip %{{.*}} {max = 2.000000e+00 : f64, min = 2.000000e+00 : f64} : f32
// CHECK-NEXT: return %[[C]]
func.func @clip_of_clip_disjoint(%x: f32) -> f32 {
  %0 = act.clip %x {min = 0.0 : f64, max = 1.0 : f64} : f32
  %1 = act.clip %0 {min = 2.0 : f64, max = 3.0 : f64} : f32
  return %1 : f32
}

// Both ignore: NaN -> min1 -> c2(min1) either way.
// CHECK-LABEL: func @clip_of_clip_ignore
// CHECK-NEXT: %[[C:.*]] = act.clip %{{.*}} {max = 1.000000e+00 : f64, min = 5.000000e-01 : f64, nan_mode = #act.nan_mode<ignore>} : f32
// CHECK-NEXT: return %[[C]]
func.func @clip_of_clip_ignore(%x: f32) -> f32 {
  %0 = act.clip %x {min = -1.0 : f64, max = 1.0 : f64, nan_mode = #act.nan_mode<ignore>} : f32
  %1 = act.clip %0 {min = 0.5 : f64, max = 2.0 : f64, nan_mode = #act.nan_mode<ignore>} : f32
  return %1 : f32
}

// The inner clip has another user: it stays for that user, and the outer
// clip reads x directly (no work is duplicated).
// CHECK-LABEL: func @clip_of_clip_shared_inner
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK-DAG: %[[INNER:.*]] = act.clip %[[X]] {max = 4.000000e+00 : f64, min = -2.000000e+00 : f64} : f32
// CHECK-DAG: %[[MERGED:.*]] = act.clip %[[X]] {max = 4.000000e+00 : f64, min = -1.000000e+00 : f64} : f32
// CHECK: return %[[MERGED]], %[[INNER]]
func.func @clip_of_clip_shared_inner(%x: f32) -> (f32, f32) {
  %0 = act.clip %x {min = -2.0 : f64, max = 4.0 : f64} : f32
  %1 = act.clip %0 {min = -1.0 : f64, max = 6.0 : f64} : f32
  return %1, %0 : f32, f32
}

// Negative: nan_mode differs.
// CHECK-LABEL: func @clip_of_clip_mixed_nan_mode_kept
// CHECK: act.clip %{{.*}} {max = 4.000000e+00 : f64, min = -2.000000e+00 : f64} : f32
// CHECK-NEXT: act.clip %{{.*}} {max = 6.000000e+00 : f64, min = -1.000000e+00 : f64, nan_mode = #act.nan_mode<ignore>} : f32
func.func @clip_of_clip_mixed_nan_mode_kept(%x: f32) -> f32 {
  %0 = act.clip %x {min = -2.0 : f64, max = 4.0 : f64} : f32
  %1 = act.clip %0 {min = -1.0 : f64, max = 6.0 : f64, nan_mode = #act.nan_mode<ignore>} : f32
  return %1 : f32
}

// -----

// CHECK-LABEL: func @clip_zero_to_inf_is_relu
// CHECK-NEXT: %[[R:.*]] = act.relu %{{.*}} : tensor<8xf32>
// CHECK-NEXT: %[[I:.*]] = act.relu %{{.*}} {nan_mode = #act.nan_mode<ignore>} : tensor<8xf32>
// CHECK-NEXT: return %[[R]], %[[I]]
func.func @clip_zero_to_inf_is_relu(%x: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>) {
  %0 = act.clip %x {min = 0.0 : f64} : tensor<8xf32>
  %1 = act.clip %x {min = 0.0 : f64, nan_mode = #act.nan_mode<ignore>} : tensor<8xf32>
  return %0, %1 : tensor<8xf32>, tensor<8xf32>
}

// Negative: clip to [-0.0, +inf] keeps -0.0, relu does not; clip to [0, 6]
// is not relu.
// CHECK-LABEL: func @clip_not_relu_kept
// CHECK-NEXT: act.clip %{{.*}} {min = -0.000000e+00 : f64} : f32
// CHECK-NEXT: act.clip %{{.*}} {max = 6.000000e+00 : f64, min = 0.000000e+00 : f64} : f32
func.func @clip_not_relu_kept(%x: f32) -> (f32, f32) {
  %0 = act.clip %x {min = -0.0 : f64} : f32
  %1 = act.clip %x {min = 0.0 : f64, max = 6.0 : f64} : f32
  return %0, %1 : f32, f32
}

// clip(-inf, +inf) clamps nothing under propagate.
// CHECK-LABEL: func @clip_unbounded_is_identity
// CHECK-SAME: (%[[X:.*]]: f32)
// CHECK-NEXT: return %[[X]]
func.func @clip_unbounded_is_identity(%x: f32) -> f32 {
  %0 = act.clip %x : f32
  return %0 : f32
}

// Negative: under ignore it still maps NaN to -inf.
// CHECK-LABEL: func @clip_unbounded_ignore_kept
// CHECK-NEXT: %[[C:.*]] = act.clip %{{.*}} {nan_mode = #act.nan_mode<ignore>} : f32
// CHECK-NEXT: return %[[C]]
func.func @clip_unbounded_ignore_kept(%x: f32) -> f32 {
  %0 = act.clip %x {nan_mode = #act.nan_mode<ignore>} : f32
  return %0 : f32
}

// -----

// CHECK-LABEL: func @leaky_relu_alpha_zero_is_relu
// CHECK-SAME: (%[[X:.*]]: tensor<8xbf16>)
// CHECK-NEXT: %[[R:.*]] = act.relu %[[X]] : tensor<8xbf16>
// CHECK-NEXT: return %[[R]]
func.func @leaky_relu_alpha_zero_is_relu(%x: tensor<8xbf16>) -> tensor<8xbf16> {
  %0 = act.leaky_relu %x {alpha = 0.0 : f64} : tensor<8xbf16>
  return %0 : tensor<8xbf16>
}

// CHECK-LABEL: func @leaky_relu_nonzero_alpha_kept
// CHECK-NEXT: act.leaky_relu %{{.*}} : tensor<8xbf16>
// CHECK-NEXT: act.leaky_relu %{{.*}} {alpha = 1.000000e-30 : f64} : tensor<8xbf16>
func.func @leaky_relu_nonzero_alpha_kept(%x: tensor<8xbf16>) -> (tensor<8xbf16>, tensor<8xbf16>) {
  %0 = act.leaky_relu %x : tensor<8xbf16>
  %1 = act.leaky_relu %x {alpha = 1.0e-30 : f64} : tensor<8xbf16>
  return %0, %1 : tensor<8xbf16>, tensor<8xbf16>
}

// -----

// CHECK-LABEL: func @thresholded_relu_alpha_zero_is_relu
// CHECK-SAME: (%[[X:.*]]: f64)
// CHECK-NEXT: %[[R:.*]] = act.relu %[[X]] : f64
// CHECK-NEXT: %[[I:.*]] = act.relu %[[X]] {nan_mode = #act.nan_mode<ignore>} : f64
// CHECK-NEXT: return %[[R]], %[[I]]
func.func @thresholded_relu_alpha_zero_is_relu(%x: f64) -> (f64, f64) {
  %0 = act.thresholded_relu %x {alpha = 0.0 : f64} : f64
  %1 = act.thresholded_relu %x {alpha = 0.0 : f64, nan_mode = #act.nan_mode<ignore>} : f64
  return %0, %1 : f64, f64
}

// CHECK-LABEL: func @thresholded_relu_nonzero_alpha_kept
// CHECK-NEXT: act.thresholded_relu %{{.*}} {alpha = 5.000000e-01 : f64} : f64
func.func @thresholded_relu_nonzero_alpha_kept(%x: f64) -> f64 {
  %0 = act.thresholded_relu %x {alpha = 0.5 : f64} : f64
  return %0 : f64
}
