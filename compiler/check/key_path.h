// Where a visited value sits in its payload: the steps from the payload's
// dictionary down to it ("Relays[0].Foo" is the field Relays, its item 0,
// the item's field Foo). The walker pushes a step on the way down and pops
// it on the way back, so a path costs no string until a message or a table
// lookup asks for its text. (schema::KeyPath is the overlay's dotted path
// into a schema, read from TOML; this one is a position in a profile.)
#pragma once

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace profilec::check {

class KeyPath {
 public:
  struct Step {
    enum class Kind : std::uint8_t {
      kField,     // a key the dictionary's schema defines: "EAPClientConfiguration"
      kMapEntry,  // an entry of a free-form map (a schema "ANY" key): its name is the profile's own
      kItem,      // an array item: "[0]"
    };
    Kind kind;
    std::string_view name;  // kField, kMapEntry: the key as the profile writes it
    std::size_t index = 0;  // kItem
  };

  // The names are viewed, not copied: they must outlive the step (the
  // walker's point to the profile's keys).
  void push_field(std::string_view name) { steps_.push_back({Step::Kind::kField, name}); }
  void push_map_entry(std::string_view name) { steps_.push_back({Step::Kind::kMapEntry, name}); }
  void push_item(std::size_t index) { steps_.push_back({Step::Kind::kItem, {}, index}); }
  void pop() { steps_.pop_back(); }

  bool empty() const { return steps_.empty(); }  // the payload's dictionary itself
  std::span<const Step> steps() const { return steps_; }
  // True when the path is the payload's top-level key `name` itself.
  bool is_top_level_key(std::string_view name) const;

  // "EAPClientConfiguration.UserPassword", "AcceptEAPTypes[1]", "Relays[0].Foo";
  // "" for the payload itself. Formatting a KeyPath with fmt ("{}") gives the same.
  std::string text() const;
  // Writes text() through an output iterator (fmt's, a back_inserter) and
  // returns it.
  template <typename Out>
  Out write(Out out) const;
  // True when text() equals `text`, without building it: lookups in tables
  // that write paths as text (schema_errata.cc).
  bool spells(std::string_view text) const;

 private:
  std::vector<Step> steps_;
};

template <typename Out>
Out KeyPath::write(Out out) const {
  bool empty_so_far = true;
  for (const Step& step : steps_) {
    if (step.kind == Step::Kind::kItem) {
      char digits[24];
      const char* end = std::to_chars(digits, digits + sizeof digits, step.index).ptr;  // 20 digits at most
      *out++ = '[';
      for (const char* c = digits; c != end; ++c) *out++ = *c;
      *out++ = ']';
      empty_so_far = false;
      continue;
    }
    // A field follows a dot unless it opens the text (the payload's own
    // keys); a map entry always does (a map is never the payload itself).
    if (step.kind == Step::Kind::kMapEntry || !empty_so_far) *out++ = '.';
    for (const char c : step.name) *out++ = c;
    empty_so_far = empty_so_far && step.kind == Step::Kind::kField && step.name.empty();
  }
  return out;
}

}  // namespace profilec::check

// "{}" formats a KeyPath as its text().
template <>
struct fmt::formatter<profilec::check::KeyPath> {
  constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
  template <typename FormatContext>
  auto format(const profilec::check::KeyPath& path, FormatContext& ctx) const {
    return path.write(ctx.out());
  }
};
