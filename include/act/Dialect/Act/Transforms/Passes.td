//===- Passes.td - act dialect transformation passes ----------*- tablegen -*-===//

#ifndef ACT_DIALECT_ACT_TRANSFORMS_PASSES_TD
#define ACT_DIALECT_ACT_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def ActRecordSignatures : Pass<"act-record-signatures", "ModuleOp"> {
  let summary = "Record the type of every public function in `act.signature`";
  let description = [{
    Attaches `act.signature = <function type>` to every public function with
    a body that does not carry one yet. Lowering to the LLVM dialect turns a
    `tensor<4x8xf32>` argument into a pointer pair and integers, and with
    opaque pointers the element type is gone; the recorded signature is what
    lets `act-run` (and a reader of the lowered IR) know what the function
    takes and returns. `act-lower-to-cpu` runs this pass first.

    ```mlir
    func.func @f(%x: tensor<?xf32>) -> tensor<?xf32>
    // becomes
    func.func @f(%x: tensor<?xf32>) -> tensor<?xf32>
        attributes {act.signature = (tensor<?xf32>) -> tensor<?xf32>}
    ```
  }];
}

#endif // ACT_DIALECT_ACT_TRANSFORMS_PASSES_TD
