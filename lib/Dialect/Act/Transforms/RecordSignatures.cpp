//===- RecordSignatures.cpp - Record function types before lowering -------===//

#include "act/Dialect/Act/IR/ActDialect.h"
#include "act/Dialect/Act/Transforms/Passes.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Interfaces/FunctionInterfaces.h"

namespace mlir {
namespace act {
#define GEN_PASS_DEF_ACTRECORDSIGNATURES
#include "act/Dialect/Act/Transforms/Passes.h.inc"
} // namespace act
} // namespace mlir

using namespace mlir;
using namespace mlir::act;

namespace {
struct ActRecordSignaturesPass
    : public act::impl::ActRecordSignaturesBase<ActRecordSignaturesPass> {
  void runOnOperation() override {
    StringAttr name = StringAttr::get(&getContext(),
                                      ActDialect::getSignatureAttrName());
    for (auto function : getOperation().getOps<FunctionOpInterface>()) {
      if (!function.isPublic() || function.isExternal() ||
          function->hasAttr(name))
        continue;
      function->setAttr(name, TypeAttr::get(function.getFunctionType()));
    }
  }
};
} // namespace
