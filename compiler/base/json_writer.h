// A small streaming JSON writer: correct escaping, no dependencies, stable
// output (members in the order written).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace profilec {

class JsonWriter {
 public:
  explicit JsonWriter(bool pretty = true) : pretty_(pretty) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);  // inside an object, before each value
  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(std::int64_t number);
  JsonWriter& value(double number);  // non-finite numbers are written as null
  JsonWriter& value(bool flag);
  JsonWriter& null();

  // Shorthands for object members.
  template <typename T>
  JsonWriter& member(std::string_view name, const T& v) {
    key(name);
    return value(v);
  }

  const std::string& str() const { return out_; }

 private:
  void before_value();
  void newline();

  std::string out_;
  std::vector<bool> first_;  // per open container: nothing written yet
  bool after_key_ = false;
  bool pretty_;
};

// With the quotes. Invalid UTF-8 becomes U+FFFD, so the result is always
// valid JSON whatever bytes came in.
std::string json_escape(std::string_view text);

}  // namespace profilec
