//===- ActInterfaces.td - act op interfaces -------------------*- tablegen -*-===//

#ifndef ACT_DIALECT_ACT_IR_ACTINTERFACES_TD
#define ACT_DIALECT_ACT_IR_ACTINTERFACES_TD

include "mlir/IR/OpBase.td"

def Act_ActivationOpInterface : OpInterface<"ActivationOpInterface"> {
  let cppNamespace = "::mlir::act";
  let description = [{
    Implemented by every act op. It exposes the op as a description of its
    scalar function (kind and attribute values), which is what the constant
    folder, the tests and any client that needs the op's exact semantics feed
    to the scalar reference implementation (`act/Dialect/Act/Reference`).
  }];
  let methods = [
    InterfaceMethod<
      "Returns the scalar function this op applies element-wise.",
      "::mlir::act::reference::Activation", "getActivation">,
    InterfaceMethod<
      "Returns the activation's input (the first operand).",
      "::mlir::Value", "getInput", (ins), [{ return $_op.getX(); }]>,
  ];
}

#endif // ACT_DIALECT_ACT_IR_ACTINTERFACES_TD
