// Where Apple's schema data and working profiles disagree: our own facts,
// each with its reason, in one place. The rules consult these tables instead
// of reporting what devices in fact accept (false positives are bugs) or
// calling removed things merely unknown.
#pragma once

#include <string_view>
#include <vector>

#include "check/key_path.h"
#include "schema/schema.h"

namespace profilec::check::errata {

// A key the data spells otherwise, that devices read as written here.
// Returns the reason, or empty.
std::string_view known_good_key(std::string_view payload_type, std::string_view key);

// A key Apple removed (old profiles still carry it) inside the dictionary at
// `dict_path` (empty = the payload). Returns the note for the finding, or empty.
std::string_view removed_key(std::string_view payload_type, const KeyPath& dict_path, std::string_view key);

// A value outside the data's allowed values that devices accept, because
// the data misspells it. Returns the reason, or empty.
std::string_view known_good_value(std::string_view payload_type, std::string_view key, std::string_view value);

// A value Apple removed from a key's allowed values. Returns the note, or empty.
std::string_view removed_value(std::string_view payload_type, std::string_view key, std::string_view value);

// The values beyond the data's allowed values of `key` that the two above
// let through (known good and removed ones), in table order: the JSON
// Schema export (project/json_schema.h) allows them too.
std::vector<std::string_view> values_beyond_data(std::string_view payload_type, std::string_view key);

// A dictionary key whose data nests one named item dictionary where devices
// read a map (TopLevel's ConsentText: the data has ConsentText ->
// ConsentTextItem -> ANY string; profiles have ConsentText -> language ->
// text). Returns the reason, or empty: the item's children describe the map.
std::string_view item_is_the_map(std::string_view payload_type, const KeyPath& key_path);
// A top-level key the data marks "n/a" on a platform where it works: its
// facts there are its payload's. Returns the reason, or empty.
std::string_view available_despite_data(std::string_view payload_type, std::string_view key, schema::Platform platform);

// A key the data marks required that working profiles leave out, when the
// dictionary has (or lacks) the given sibling keys. `has_key` answers
// whether the dictionary holds a key.
template <typename HasKey>
bool not_required(std::string_view payload_type, std::string_view key, HasKey&& has_key);

// --- implementation detail ---------------------------------------------------

struct NotRequired {
  std::string_view payload_type, key, unless,
      why;  // "*": every payload type; `unless`: sibling making it optional ("" = always)
};
extern const NotRequired kNotRequired[];
extern const std::size_t kNotRequiredCount;

template <typename HasKey>
bool not_required(std::string_view payload_type, std::string_view key, HasKey&& has_key) {
  for (std::size_t i = 0; i < kNotRequiredCount; ++i) {
    const NotRequired& n = kNotRequired[i];
    if ((n.payload_type != "*" && n.payload_type != payload_type) || n.key != key) continue;
    if (n.unless.empty() || has_key(n.unless)) return true;
  }
  return false;
}

}  // namespace profilec::check::errata
