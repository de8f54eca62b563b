// Where a visited value sits in its payload: the steps from the payload's
// dictionary down to it ("Relays[0].Foo" is the field Relays, its item 0,
// the item's field Foo). The walker pushes a step on the way down and pops
// it on the way back, so a path costs no string until a message or a table
// lookup asks for its text. (schema::KeyPath is the overlay's dotted path
// into a schema, read from TOML; this one is a position in a profile.)
#pragma once

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
  // True when any step is a free-form map entry.
  bool has_map_entry() const;
  // True when the path is the payload's top-level key `name` itself.
  bool is_top_level_key(std::string_view name) const;

  // "EAPClientConfiguration.UserPassword", "AcceptEAPTypes[1]", "Relays[0].Foo";
  // "" for the payload itself. Formatting a KeyPath with fmt ("{}") gives the same.
  std::string text() const;
  void append_text(std::string& out) const;
  // True when text() equals `text`, without building it: lookups in tables
  // that write paths as text (schema_errata.cc).
  bool spells(std::string_view text) const;

 private:
  std::vector<Step> steps_;
};

}  // namespace profilec::check

template <>
struct fmt::formatter<profilec::check::KeyPath> : fmt::formatter<std::string_view> {
  template <typename FormatContext>
  auto format(const profilec::check::KeyPath& path, FormatContext& ctx) const {
    return fmt::formatter<std::string_view>::format(path.text(), ctx);
  }
};
