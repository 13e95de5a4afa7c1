//===- GraphRewrites.cpp - ONNX graph rewrites before emission ------------===//
//
// Done on the ONNX graph rather than as MLIR passes because they need the
// weights as numbers and the graph's use counts, both at hand here, and
// because shape inference must see their results:
//
// - Constant nodes become constants, and nodes whose inputs are all
//   constants are evaluated (ConstantFolding.cpp).
// - BatchNormalization(Conv(x, W, b)) with constant W, b and BN parameters
//   becomes Conv(x, W * a, (b - mean) * a + beta), a = scale / sqrt(var +
//   eps) per output channel; the same for Gemm (along N, C folded into the
//   new bias) and a 2-D MatMul by a constant matrix (which becomes a Gemm).
//   The intermediate must have no other reader.
//
//===----------------------------------------------------------------------===//

#include "ImporterInternal.h"

#include <cmath>
#include <set>

using namespace mlir;
using namespace mlir::act::onnx_import;

namespace {

/// The value of a Constant node.
LogicalResult decodeConstantNode(MLIRContext *context,
                                 const onnx::NodeProto &node,
                                 ConstTensor &value) {
  if (node.attribute_size() != 1)
    return emitNodeError(context, node) << "expects exactly one attribute";
  const onnx::AttributeProto &attribute = node.attribute(0);
  const std::string &name = attribute.name();
  if (name == "value") {
    std::string error;
    std::optional<ConstTensor> decoded = decodeTensor(attribute.t(), error);
    if (!decoded)
      return emitNodeError(context, node) << error;
    value = std::move(*decoded);
    return success();
  }
  if (name == "value_float" || name == "value_floats") {
    value.dataType = onnx::TensorProto::FLOAT;
    if (name == "value_float") {
      value.floats.push_back(attribute.f());
    } else {
      value.floats.assign(attribute.floats().begin(), attribute.floats().end());
      value.dims.push_back(attribute.floats_size());
    }
    return success();
  }
  if (name == "value_int" || name == "value_ints") {
    value.dataType = onnx::TensorProto::INT64;
    if (name == "value_int") {
      value.ints.push_back(attribute.i());
    } else {
      value.ints.assign(attribute.ints().begin(), attribute.ints().end());
      value.dims.push_back(attribute.ints_size());
    }
    return success();
  }
  return emitNodeError(context, node)
         << "unsupported attribute '" << name
         << "' (value, value_float(s) and value_int(s) are supported)";
}

/// Looks up a 1-D float constant of `size` elements and type `dataType`.
const ConstTensor *getChannelVector(const ConstantTable &constants,
                                    const std::string &name, int64_t size,
                                    int32_t dataType) {
  auto it = constants.find(name);
  if (it == constants.end())
    return nullptr;
  const ConstTensor &value = it->second;
  if (value.dataType != dataType || value.dims.size() != 1 ||
      value.dims[0] != size)
    return nullptr;
  return &value;
}

class BatchNormFolder {
public:
  BatchNormFolder(LoadedModel &loaded, ConstantTable &constants)
      : graph(*loaded.model.mutable_graph()), constants(constants) {}

  /// Folds BN nodes; marks the folded ones in `removed`.
  void run(std::vector<bool> &removed);

private:
  bool fold(onnx::NodeProto &bn, onnx::NodeProto &producer);
  std::string addConstant(const std::string &base, ConstTensor value);
  int64_t getRank(const std::string &value) const;

  onnx::GraphProto &graph;
  ConstantTable &constants;
};

std::string BatchNormFolder::addConstant(const std::string &base,
                                         ConstTensor value) {
  std::string name = base;
  for (int suffix = 1; constants.count(name); ++suffix)
    name = base + "_" + std::to_string(suffix);
  constants[name] = std::move(value);
  return name;
}

int64_t BatchNormFolder::getRank(const std::string &value) const {
  for (const onnx::ValueInfoProto &info : graph.value_info())
    if (info.name() == value && info.type().has_tensor_type() &&
        info.type().tensor_type().has_shape())
      return info.type().tensor_type().shape().dim_size();
  return -1;
}

bool BatchNormFolder::fold(onnx::NodeProto &bn, onnx::NodeProto &producer) {
  if (bn.output_size() != 1 || getIntAttr(bn, "training_mode", 0) != 0 ||
      getIntAttr(bn, "spatial", 1) != 1 || bn.input_size() != 5)
    return false;
  const std::string &op = producer.op_type();
  if ((!producer.domain().empty() && producer.domain() != "ai.onnx") ||
      producer.output_size() != 1 || !hasInput(producer, 1))
    return false;
  auto weightIt = constants.find(producer.input(1));
  if (weightIt == constants.end() || !weightIt->second.isFloat())
    return false;
  const ConstTensor &weight = weightIt->second;
  int32_t dataType = weight.dataType;

  // The output channel dimension of the weight and its size.
  int64_t channelDim;
  if (op == "Conv") {
    if (weight.dims.size() < 3)
      return false;
    channelDim = 0;
  } else if (op == "Gemm") {
    if (weight.dims.size() != 2 || getIntAttr(producer, "transA", 0) != 0)
      return false;
    channelDim = getIntAttr(producer, "transB", 0) ? 0 : 1;
  } else if (op == "MatMul") {
    if (weight.dims.size() != 2 || getRank(producer.output(0)) != 2)
      return false;
    channelDim = 1;
  } else {
    return false;
  }
  int64_t channels = weight.dims[channelDim];

  const ConstTensor *scale =
      getChannelVector(constants, bn.input(1), channels, dataType);
  const ConstTensor *beta =
      getChannelVector(constants, bn.input(2), channels, dataType);
  const ConstTensor *mean =
      getChannelVector(constants, bn.input(3), channels, dataType);
  const ConstTensor *var =
      getChannelVector(constants, bn.input(4), channels, dataType);
  if (!scale || !beta || !mean || !var)
    return false;

  // The producer's bias per channel, before the BN.
  std::vector<double> bias(channels, 0.0);
  double gemmBeta = getFloatAttr(producer, "beta", 1.0);
  if (hasInput(producer, 2)) {
    auto it = constants.find(producer.input(2));
    if (it == constants.end() || it->second.dataType != dataType)
      return false;
    const ConstTensor &c = it->second;
    int64_t count = c.getNumElements();
    bool alongChannels =
        count == 1 || (c.dims.size() == 1 && c.dims[0] == channels) ||
        (op == "Gemm" && c.dims.size() == 2 && c.dims[0] == 1 &&
         c.dims[1] == channels);
    if (!alongChannels)
      return false;
    for (int64_t i = 0; i < channels; ++i)
      bias[i] = c.floats[count == 1 ? 0 : i] * (op == "Gemm" ? gemmBeta : 1);
  }

  double epsilon = getFloatAttr(bn, "epsilon", 1e-5);
  std::vector<double> factor(channels), shift(channels);
  for (int64_t i = 0; i < channels; ++i) {
    factor[i] = scale->floats[i] / std::sqrt(var->floats[i] + epsilon);
    shift[i] = beta->floats[i] - mean->floats[i] * factor[i];
  }

  ConstTensor newWeight = weight;
  int64_t inner = 1;
  for (size_t d = channelDim + 1; d < weight.dims.size(); ++d)
    inner *= weight.dims[d];
  for (int64_t i = 0, e = weight.getNumElements(); i < e; ++i) {
    int64_t channel = (i / inner) % channels;
    newWeight.floats[i] = roundToDataType(weight.floats[i] * factor[channel], dataType);
  }
  ConstTensor newBias;
  newBias.dataType = dataType;
  newBias.dims = {channels};
  for (int64_t i = 0; i < channels; ++i)
    newBias.floats.push_back(roundToDataType(bias[i] * factor[i] + shift[i], dataType));

  std::string base = producer.output(0);
  producer.set_input(1, addConstant(base + "_bn_weight", std::move(newWeight)));
  std::string biasName = addConstant(base + "_bn_bias", std::move(newBias));
  if (producer.input_size() > 2)
    producer.set_input(2, biasName);
  else
    producer.add_input(biasName);
  if (op == "MatMul") {
    producer.set_op_type("Gemm");
  } else if (op == "Gemm") {
    bool found = false;
    for (onnx::AttributeProto &attribute : *producer.mutable_attribute())
      if (attribute.name() == "beta") {
        attribute.set_f(1.0f);
        found = true;
      }
    if (!found) {
      onnx::AttributeProto *attribute = producer.add_attribute();
      attribute->set_name("beta");
      attribute->set_type(onnx::AttributeProto::FLOAT);
      attribute->set_f(1.0f);
    }
  }
  producer.set_output(0, bn.output(0));
  return true;
}

void BatchNormFolder::run(std::vector<bool> &removed) {
  std::map<std::string, int> producers, uses;
  for (int i = 0; i < graph.node_size(); ++i) {
    if (removed[i])
      continue;
    for (const std::string &output : graph.node(i).output())
      producers[output] = i;
    for (const std::string &input : graph.node(i).input())
      ++uses[input];
  }
  for (const onnx::ValueInfoProto &output : graph.output())
    ++uses[output.name()];
  for (int i = 0; i < graph.node_size(); ++i) {
    onnx::NodeProto &bn = *graph.mutable_node(i);
    if (removed[i] || bn.op_type() != "BatchNormalization" ||
        (!bn.domain().empty() && bn.domain() != "ai.onnx") ||
        bn.input_size() < 1)
      continue;
    auto producer = producers.find(bn.input(0));
    if (producer == producers.end() || uses[bn.input(0)] != 1)
      continue;
    if (fold(bn, *graph.mutable_node(producer->second)))
      removed[i] = true;
  }
}

} // namespace

LogicalResult mlir::act::onnx_import::rewriteGraph(
    MLIRContext *context, LoadedModel &loaded, ConstantTable &constants,
    const ONNXImportOptions &options) {
  onnx::GraphProto &graph = *loaded.model.mutable_graph();
  std::set<std::string> initializers;
  for (const onnx::TensorProto &initializer : graph.initializer()) {
    std::string error;
    std::optional<ConstTensor> value = decodeTensor(initializer, error);
    if (!value)
      return emitError(NameLoc::get(StringAttr::get(context, initializer.name())))
             << "ONNX initializer '" << initializer.name() << "': " << error;
    constants[initializer.name()] = std::move(*value);
    initializers.insert(initializer.name());
  }

  std::vector<bool> removed(graph.node_size(), false);
  for (int i = 0; i < graph.node_size(); ++i) {
    const onnx::NodeProto &node = graph.node(i);
    if (node.output_size() && loaded.newerNodes.count(node.output(0)))
      continue;
    bool defaultDomain = node.domain().empty() || node.domain() == "ai.onnx";
    if (defaultDomain && node.op_type() == "Constant") {
      ConstTensor value;
      if (failed(decodeConstantNode(context, node, value)))
        return failure();
      constants[node.output(0)] = std::move(value);
      removed[i] = true;
      continue;
    }
    if (!options.foldConstants)
      continue;
    std::vector<const ConstTensor *> inputs;
    bool allConstant = node.input_size() > 0;
    for (const std::string &input : node.input()) {
      auto it = constants.find(input);
      if (input.empty() || it == constants.end()) {
        allConstant = false;
        break;
      }
      inputs.push_back(&it->second);
    }
    std::vector<ConstTensor> outputs;
    if (allConstant && evaluateNode(node, inputs, outputs)) {
      for (int o = 0; o < node.output_size(); ++o)
        constants[node.output(o)] = std::move(outputs[o]);
      removed[i] = true;
    }
  }

  if (options.foldBatchNorm)
    BatchNormFolder(loaded, constants).run(removed);

  google::protobuf::RepeatedPtrField<onnx::NodeProto> kept;
  for (int i = 0; i < graph.node_size(); ++i)
    if (!removed[i])
      *kept.Add() = graph.node(i);
  graph.mutable_node()->Swap(&kept);
  for (const auto &[name, value] : constants)
    if (!initializers.count(name))
      *graph.add_initializer() = encodeTensor(value, name);
  // Initializers that are not graph inputs need IR version 4.
  if (loaded.model.ir_version() < 4)
    loaded.model.set_ir_version(4);
  return success();
}
