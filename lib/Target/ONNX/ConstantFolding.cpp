//===- ConstantFolding.cpp - Evaluate ONNX nodes on constants -------------===//
//
// The subgraphs exporters leave behind that only read initializers: weight
// transposes and reshapes, scale computations, shape tensors built with
// Concat. Evaluated here in double and rounded to the element type after
// every node, which for the basic arithmetic and sqrt is the correctly
// rounded result of the node in that type.
//
//===----------------------------------------------------------------------===//

#include "ImporterInternal.h"

#include <cmath>
#include <algorithm>

using namespace mlir;
using namespace mlir::act::onnx_import;

namespace {

/// NumPy's multidirectional broadcast of two shapes.
bool broadcastShapes(const std::vector<int64_t> &a,
                     const std::vector<int64_t> &b,
                     std::vector<int64_t> &result) {
  size_t rank = std::max(a.size(), b.size());
  result.assign(rank, 1);
  for (size_t i = 0; i < rank; ++i) {
    int64_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    int64_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (da != db && da != 1 && db != 1)
      return false;
    result[i] = da == 1 ? db : da;
  }
  return true;
}

/// The flat index into `dims` (broadcast to `resultDims`) of the result
/// element at `index`.
int64_t broadcastIndex(int64_t index, const std::vector<int64_t> &resultDims,
                       const std::vector<int64_t> &dims) {
  size_t offset = resultDims.size() - dims.size();
  int64_t flat = 0, stride = 1;
  for (int64_t d = static_cast<int64_t>(resultDims.size()) - 1; d >= 0; --d) {
    int64_t coordinate = index % resultDims[d];
    index /= resultDims[d];
    if (d < static_cast<int64_t>(offset))
      continue;
    int64_t size = dims[d - offset];
    if (size != 1)
      flat += coordinate * stride;
    stride *= size;
  }
  return flat;
}

bool evaluateBinary(const std::string &op, const ConstTensor &a,
                    const ConstTensor &b, ConstTensor &out) {
  if (a.dataType != b.dataType && op != "Pow")
    return false;
  if (!broadcastShapes(a.dims, b.dims, out.dims))
    return false;
  out.dataType = a.dataType;
  int64_t count = out.getNumElements();
  if (a.isFloat()) {
    if (op == "Pow" && !b.isFloat() && b.dataType != onnx::TensorProto::INT64 &&
        b.dataType != onnx::TensorProto::INT32)
      return false;
    for (int64_t i = 0; i < count; ++i) {
      double x = a.floats[broadcastIndex(i, out.dims, a.dims)];
      double y = b.at(broadcastIndex(i, out.dims, b.dims));
      double r;
      if (op == "Add")
        r = x + y;
      else if (op == "Sub")
        r = x - y;
      else if (op == "Mul")
        r = x * y;
      else if (op == "Div")
        r = x / y;
      else if (op == "Pow")
        r = std::pow(x, y);
      else
        return false;
      out.floats.push_back(roundToDataType(r, out.dataType));
    }
    return true;
  }
  // Integer shape arithmetic (int64 and int32 only; Div's rounding and
  // overflow rules are not modelled).
  if ((a.dataType != onnx::TensorProto::INT64 &&
       a.dataType != onnx::TensorProto::INT32) ||
      (op != "Add" && op != "Sub" && op != "Mul"))
    return false;
  for (int64_t i = 0; i < count; ++i) {
    int64_t x = a.ints[broadcastIndex(i, out.dims, a.dims)];
    int64_t y = b.ints[broadcastIndex(i, out.dims, b.dims)];
    out.ints.push_back(op == "Add" ? x + y : op == "Sub" ? x - y : x * y);
  }
  return true;
}

bool evaluateUnary(const std::string &op, const ConstTensor &x,
                   ConstTensor &out) {
  if (!x.isFloat())
    return false;
  out.dataType = x.dataType;
  out.dims = x.dims;
  for (double value : x.floats) {
    double r;
    if (op == "Sqrt")
      r = std::sqrt(value);
    else if (op == "Exp")
      r = std::exp(value);
    else if (op == "Erf")
      r = std::erf(value);
    else
      return false;
    out.floats.push_back(roundToDataType(r, x.dataType));
  }
  return true;
}

/// The result shape of Reshape (0 copies the input dimension unless
/// allowzero, -1 is inferred).
bool getReshapeDims(const ConstTensor &data, const ConstTensor &shape,
                    bool allowZero, std::vector<int64_t> &dims) {
  if (shape.dataType != onnx::TensorProto::INT64 || shape.dims.size() != 1)
    return false;
  int64_t known = 1, inferred = -1;
  for (size_t i = 0; i < shape.ints.size(); ++i) {
    int64_t dim = shape.ints[i];
    if (dim == 0 && !allowZero) {
      if (i >= data.dims.size())
        return false;
      dim = data.dims[i];
    }
    if (dim == -1) {
      if (inferred >= 0)
        return false;
      inferred = static_cast<int64_t>(i);
    } else if (dim < 0) {
      return false;
    } else {
      known *= dim;
    }
    dims.push_back(dim);
  }
  int64_t total = data.getNumElements();
  if (inferred >= 0) {
    if (known == 0 || total % known)
      return false;
    dims[inferred] = total / known;
  } else if (known != total) {
    return false;
  }
  return true;
}

bool concat(const std::vector<const ConstTensor *> &inputs, int64_t axis,
            ConstTensor &out) {
  const ConstTensor &first = *inputs.front();
  int64_t rank = static_cast<int64_t>(first.dims.size());
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis >= rank)
    return false;
  out.dataType = first.dataType;
  out.dims = first.dims;
  out.dims[axis] = 0;
  for (const ConstTensor *input : inputs) {
    if (input->dataType != first.dataType ||
        static_cast<int64_t>(input->dims.size()) != rank)
      return false;
    for (int64_t d = 0; d < rank; ++d)
      if (d != axis && input->dims[d] != first.dims[d])
        return false;
    out.dims[axis] += input->dims[axis];
  }
  int64_t outer = 1;
  for (int64_t d = 0; d < axis; ++d)
    outer *= first.dims[d];
  for (int64_t o = 0; o < outer; ++o) {
    for (const ConstTensor *input : inputs) {
      int64_t block = input->getNumElements() / std::max<int64_t>(outer, 1);
      for (int64_t i = o * block; i < (o + 1) * block; ++i) {
        if (first.isFloat())
          out.floats.push_back(input->floats[i]);
        else
          out.ints.push_back(input->ints[i]);
      }
    }
  }
  return true;
}

} // namespace

bool mlir::act::onnx_import::evaluateNode(
    const onnx::NodeProto &node,
    const std::vector<const ConstTensor *> &inputs,
    std::vector<ConstTensor> &outputs) {
  const std::string &op = node.op_type();
  if (!node.domain().empty() && node.domain() != "ai.onnx")
    return false;
  if (node.output_size() != 1 || inputs.empty())
    return false;
  for (const ConstTensor *input : inputs)
    if (!input)
      return false;
  ConstTensor out;
  if (op == "Identity" || op == "Dropout") {
    // Dropout folds in inference mode only (training_mode absent or false).
    if (inputs.size() > 2 && inputs[2]->getNumElements() == 1 &&
        inputs[2]->at(0) != 0)
      return false;
    out = *inputs[0];
  } else if (op == "Add" || op == "Sub" || op == "Mul" || op == "Div" ||
             op == "Pow") {
    if (inputs.size() != 2 || !evaluateBinary(op, *inputs[0], *inputs[1], out))
      return false;
  } else if (op == "Sqrt" || op == "Exp" || op == "Erf") {
    if (!evaluateUnary(op, *inputs[0], out))
      return false;
  } else if (op == "Reshape") {
    if (inputs.size() != 2)
      return false;
    out = *inputs[0];
    out.dims.clear();
    if (!getReshapeDims(*inputs[0], *inputs[1],
                        getIntAttr(node, "allowzero", 0) != 0, out.dims))
      return false;
  } else if (op == "Flatten") {
    const ConstTensor &x = *inputs[0];
    int64_t rank = static_cast<int64_t>(x.dims.size());
    int64_t axis = getIntAttr(node, "axis", 1);
    if (axis < 0)
      axis += rank;
    if (axis < 0 || axis > rank)
      return false;
    int64_t outer = 1;
    for (int64_t d = 0; d < axis; ++d)
      outer *= x.dims[d];
    out = x;
    out.dims = {outer, outer ? x.getNumElements() / outer : 0};
  } else if (op == "Transpose") {
    const ConstTensor &x = *inputs[0];
    std::vector<int64_t> perm = getIntsAttr(node, "perm");
    if (perm.empty())
      for (int64_t d = static_cast<int64_t>(x.dims.size()) - 1; d >= 0; --d)
        perm.push_back(d);
    std::vector<int64_t> sorted = perm;
    std::sort(sorted.begin(), sorted.end());
    for (size_t i = 0; i < sorted.size(); ++i)
      if (sorted[i] != static_cast<int64_t>(i))
        return false;
    if (perm.size() != x.dims.size())
      return false;
    out = transposeConstant(x, perm);
  } else if (op == "Concat") {
    if (!concat(inputs, getIntAttr(node, "axis", 0), out))
      return false;
  } else {
    return false;
  }
  outputs.push_back(std::move(out));
  return true;
}

ConstTensor
mlir::act::onnx_import::transposeConstant(const ConstTensor &x,
                                          const std::vector<int64_t> &perm) {
  ConstTensor out;
  out.dataType = x.dataType;
  for (int64_t p : perm)
    out.dims.push_back(x.dims[p]);
  std::vector<int64_t> inStrides(x.dims.size(), 1);
  for (int64_t i = static_cast<int64_t>(x.dims.size()) - 2; i >= 0; --i)
    inStrides[i] = inStrides[i + 1] * x.dims[i + 1];
  int64_t count = x.getNumElements();
  for (int64_t i = 0; i < count; ++i) {
    int64_t rest = i, source = 0;
    for (int64_t d = static_cast<int64_t>(out.dims.size()) - 1; d >= 0; --d) {
      source += (rest % out.dims[d]) * inStrides[perm[d]];
      rest /= out.dims[d];
    }
    if (x.isFloat())
      out.floats.push_back(x.floats[source]);
    else
      out.ints.push_back(x.ints[source]);
  }
  return out;
}
