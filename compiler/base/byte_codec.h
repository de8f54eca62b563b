// The primitives of profilec's compact binary forms: LEB128 integers,
// length-prefixed strings, raw doubles. Used by the embedded schemas
// (schema/schema_codec.h) and the manifest cache (manifest/manifest_cache.h).
// Not a portable format: the bytes are read back by the same build that
// wrote them.
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace profilec {

class ByteWriter {
 public:
  void u64(std::uint64_t v) {
    do {  // LEB128
      std::uint8_t byte = v & 0x7F;
      v >>= 7;
      if (v) byte |= 0x80;
      out_ += static_cast<char>(byte);
    } while (v);
  }
  void i64(std::int64_t v) { u64(static_cast<std::uint64_t>(v)); }
  void f64(double v) {
    char bytes[sizeof v];
    std::memcpy(bytes, &v, sizeof v);
    out_.append(bytes, sizeof v);
  }
  void boolean(bool v) { u64(v ? 1 : 0); }
  void str(std::string_view s) {
    u64(s.size());
    out_.append(s);
  }
  template <typename T, typename F>
  void opt(const std::optional<T>& v, F&& each) {
    boolean(v.has_value());
    if (v) each(*v);
  }
  template <typename T, typename F>
  void vec(const std::vector<T>& v, F&& each) {
    u64(v.size());
    for (const T& item : v) each(item);
  }
  // Bytes as they are (no length): a magic line, a fixed-size field.
  void raw(std::string_view s) { out_.append(s); }
  void reserve(std::size_t bytes) { out_.reserve(bytes); }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

// Throws std::runtime_error ("<what>: truncated", ...) on malformed input.
class ByteReader {
 public:
  ByteReader(std::string_view in, std::string_view what) : in_(in), what_(what) {}
  std::uint64_t u64() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      const auto byte = static_cast<std::uint8_t>(next());
      v |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
      if (!(byte & 0x80)) return v;
    }
    fail("bad integer");
  }
  std::int64_t i64() { return static_cast<std::int64_t>(u64()); }
  double f64() {
    double v;
    need(sizeof v);
    std::memcpy(&v, in_.data() + at_, sizeof v);
    at_ += sizeof v;
    return v;
  }
  bool boolean() { return u64() != 0; }
  // A string's bytes where they lie in the input (no copy).
  std::string_view view() {
    const std::uint64_t n = u64();
    need(n);
    std::string_view s = in_.substr(at_, static_cast<std::size_t>(n));
    at_ += static_cast<std::size_t>(n);
    return s;
  }
  std::string str() { return std::string(view()); }
  template <typename T, typename F>
  void opt(std::optional<T>& v, F&& each) {
    if (boolean()) {
      v.emplace();
      each(*v);
    }
  }
  template <typename T, typename F>
  void vec(std::vector<T>& v, F&& each) {
    const std::uint64_t n = u64();
    if (n > in_.size()) fail("bad length");
    v.resize(static_cast<std::size_t>(n));
    for (T& item : v) each(item);
  }
  bool done() const { return at_ == in_.size(); }
  // What is left to read.
  std::string_view rest() const { return in_.substr(at_); }
  [[noreturn]] void fail(std::string_view problem) const {
    throw std::runtime_error(std::string(what_) + ": " + std::string(problem));
  }

 private:
  char next() {
    need(1);
    return in_[at_++];
  }
  void need(std::uint64_t n) const {
    if (in_.size() - at_ < n) fail("truncated");
  }
  std::string_view in_;
  std::string_view what_;
  std::size_t at_ = 0;
};

}  // namespace profilec
