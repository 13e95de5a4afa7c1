//===- Polynomial.h - Polynomial normaliser for act-raise -------*- C++ -*-===//
//
// Frameworks re-associate the sums and products of GELU, SiLU, mish and
// friends freely; act-raise compares them as polynomials over the values it
// does not see through. Private to lib/Dialect/Act/Transforms.
//
//===----------------------------------------------------------------------===//

#ifndef ACT_LIB_DIALECT_ACT_TRANSFORMS_POLYNOMIAL_H
#define ACT_LIB_DIALECT_ACT_TRANSFORMS_POLYNOMIAL_H

#include "ElementwiseView.h"

#include <map>
#include <vector>

namespace mlir {
namespace act {
namespace raise {

/// A sum of monomials over atoms with double coefficients. An atom is any
/// value the normaliser does not see through (x, erf(...), a sigmoid, ...);
/// a monomial is a sorted list of atoms, so x * E and E * x are one term.
class Poly {
public:
  using Monomial = std::vector<const void *>;

  static Poly constant(double value) {
    Poly p;
    if (value != 0.0)
      p.terms[{}] = value;
    return p;
  }
  static Poly atom(Value value) {
    Poly p;
    p.terms[{value.getAsOpaquePointer()}] = 1.0;
    return p;
  }

  Poly scaled(double factor) const {
    Poly p;
    for (const auto &[monomial, coefficient] : terms)
      p.add(monomial, coefficient * factor);
    return p;
  }
  Poly plus(const Poly &other) const {
    Poly p = *this;
    for (const auto &[monomial, coefficient] : other.terms)
      p.add(monomial, coefficient);
    return p;
  }
  std::optional<Poly> times(const Poly &other) const {
    Poly p;
    for (const auto &[lhs, a] : terms) {
      for (const auto &[rhs, b] : other.terms) {
        Monomial monomial = lhs;
        monomial.insert(monomial.end(), rhs.begin(), rhs.end());
        if (monomial.size() > kMaxDegree)
          return std::nullopt;
        llvm::sort(monomial);
        p.add(monomial, a * b);
      }
    }
    if (p.terms.size() > kMaxTerms)
      return std::nullopt;
    return p;
  }

  size_t size() const { return terms.size(); }

  /// The coefficient of the monomial made of `atoms`, or 0.
  double coefficient(ArrayRef<Value> atoms) const {
    Monomial monomial;
    for (Value atom : atoms)
      monomial.push_back(atom.getAsOpaquePointer());
    llvm::sort(monomial);
    auto it = terms.find(monomial);
    return it == terms.end() ? 0.0 : it->second;
  }

  /// The atoms of every term of degree `degree`.
  SmallVector<SmallVector<Value, 2>> monomialsOfDegree(size_t degree) const {
    SmallVector<SmallVector<Value, 2>> result;
    for (const auto &[monomial, coefficient] : terms) {
      if (monomial.size() != degree)
        continue;
      SmallVector<Value, 2> atoms;
      for (const void *atom : monomial)
        atoms.push_back(Value::getFromOpaquePointer(atom));
      result.push_back(atoms);
    }
    return result;
  }

private:
  // Bounds that keep the normaliser linear in practice: activations need
  // x^3 at most and a handful of terms.
  static constexpr size_t kMaxDegree = 4;
  static constexpr size_t kMaxTerms = 16;

  void add(const Monomial &monomial, double coefficient) {
    double &slot = terms[monomial];
    slot += coefficient;
    if (slot == 0.0)
      terms.erase(monomial);
  }

  std::map<Monomial, double> terms;
};

/// Flattens the add/sub/mul/neg/div-by-constant/pow-by-2-or-3 tree rooted at
/// `value`, recording the ops it looks through. Fails when the polynomial
/// would exceed the normaliser's bounds.
std::optional<Poly> flatten(Value value, Match &match, unsigned depth = 0);

/// True if `value` is `coefficient * x` (for instance -x, x * -1.0, 0 - x or
/// x / 1.4142135), binding `x`.
bool isScaledX(Value value, Value &x, double coefficient, bool exact,
               FloatType type, Match &match);

} // namespace raise
} // namespace act
} // namespace mlir

#endif // ACT_LIB_DIALECT_ACT_TRANSFORMS_POLYNOMIAL_H
