//===- Polynomial.cpp - Polynomial normaliser for act-raise ---------------===//

#include "Polynomial.h"

#include <cmath>

using namespace mlir;
using namespace mlir::act;
using namespace mlir::act::raise;

std::optional<Poly> raise::flatten(Value value, Match &match, unsigned depth) {
  std::optional<Node> node = getNode(value);
  if (!node || depth > 16 || value == match.atom)
    return Poly::atom(value);

  auto operand = [&](unsigned i) {
    return flatten(node->operands[i], match, depth + 1);
  };
  switch (node->kind) {
  case Kind::Constant:
    return Poly::constant(node->constant);
  case Kind::Add:
  case Kind::Sub: {
    std::optional<Poly> lhs = operand(0), rhs = operand(1);
    if (!lhs || !rhs)
      return std::nullopt;
    match.record(*node);
    return lhs->plus(node->kind == Kind::Add ? *rhs : rhs->scaled(-1.0));
  }
  case Kind::Neg: {
    std::optional<Poly> input = operand(0);
    if (!input)
      return std::nullopt;
    match.record(*node);
    return input->scaled(-1.0);
  }
  case Kind::Mul: {
    std::optional<Poly> lhs = operand(0), rhs = operand(1);
    if (!lhs || !rhs)
      return std::nullopt;
    match.record(*node);
    return lhs->times(*rhs);
  }
  case Kind::Div: {
    std::optional<double> divisor = getConstant(node->operands[1]);
    if (!divisor || *divisor == 0.0 || !std::isfinite(*divisor))
      return Poly::atom(value);
    std::optional<Poly> lhs = operand(0);
    if (!lhs)
      return std::nullopt;
    match.record(*node);
    return lhs->scaled(1.0 / *divisor);
  }
  case Kind::Pow: {
    std::optional<double> exponent = getConstant(node->operands[1]);
    if (!exponent || (*exponent != 2.0 && *exponent != 3.0))
      return Poly::atom(value);
    std::optional<Poly> base = operand(0);
    if (!base)
      return std::nullopt;
    std::optional<Poly> power = base->times(*base);
    if (power && *exponent == 3.0)
      power = power->times(*base);
    if (power)
      match.record(*node);
    return power;
  }
  default:
    return Poly::atom(value);
  }
}

bool raise::isScaledX(Value value, Value &x, double coefficient, bool exact,
                      FloatType type, Match &match) {
  std::optional<Poly> poly = flatten(value, match);
  if (!poly || poly->size() != 1)
    return false;
  auto monomials = poly->monomialsOfDegree(1);
  if (monomials.size() != 1 || !bind(x, monomials.front().front()))
    return false;
  double actual = poly->coefficient({x});
  return exact ? actual == coefficient
               : isNearlyEqual(actual, coefficient, type);
}
