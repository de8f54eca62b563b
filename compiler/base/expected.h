// A value or an error, until C++23's std::expected is available to us
// (Debian 12 ships GCC 12). Errors are values in this codebase: only the CLI
// prints or exits.
#pragma once

#include <cassert>
#include <utility>
#include <variant>

namespace profilec {

template <typename E>
struct Unexpected {
  // A constructor, not an aggregate: clang 14 (the fuzz build) has no
  // parenthesized aggregate initialization, so `Unexpected(e)` needs one.
  Unexpected(E e) : error(std::move(e)) {}
  E error;
};
template <typename E>
Unexpected(E) -> Unexpected<E>;

template <typename T, typename E>
class Expected {
 public:
  Expected(T value) : storage_(std::in_place_index<0>, std::move(value)) {}
  template <typename G>
  Expected(Unexpected<G> e) : storage_(std::in_place_index<1>, std::move(e.error)) {}

  bool has_value() const { return storage_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & {
    assert(has_value());
    return std::get<0>(storage_);
  }
  const T& value() const& {
    assert(has_value());
    return std::get<0>(storage_);
  }
  T&& value() && {
    assert(has_value());
    return std::get<0>(std::move(storage_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const E& error() const {
    assert(!has_value());
    return std::get<1>(storage_);
  }

 private:
  std::variant<T, E> storage_;
};

}  // namespace profilec
