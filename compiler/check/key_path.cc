#include "check/key_path.h"

#include <charconv>
#include <iterator>

namespace profilec::check {
namespace {

// A field follows a dot unless it opens the text (the payload's own keys);
// a map entry always does.
bool dot_before(const KeyPath::Step& step, std::size_t text_so_far) {
  return step.kind == KeyPath::Step::Kind::kMapEntry || text_so_far > 0;
}

}  // namespace

bool KeyPath::has_map_entry() const {
  for (const Step& step : steps_) {
    if (step.kind == Step::Kind::kMapEntry) return true;
  }
  return false;
}

bool KeyPath::is_top_level_key(std::string_view name) const {
  return steps_.size() == 1 && steps_.front().kind == Step::Kind::kField && steps_.front().name == name;
}

std::string KeyPath::text() const {
  std::string out;
  append_text(out);
  return out;
}

void KeyPath::append_text(std::string& out) const {
  const std::size_t start = out.size();
  for (const Step& step : steps_) {
    if (step.kind == Step::Kind::kItem) {
      fmt::format_to(std::back_inserter(out), "[{}]", step.index);
      continue;
    }
    if (dot_before(step, out.size() - start)) out += '.';
    out += step.name;
  }
}

bool KeyPath::spells(std::string_view text) const {
  std::size_t at = 0;
  for (const Step& step : steps_) {
    std::string_view rest = text.substr(at);
    if (step.kind == Step::Kind::kItem) {
      char digits[24];
      const char* end = std::to_chars(digits, digits + sizeof digits, step.index).ptr;  // 20 digits at most
      const std::string_view index(digits, static_cast<std::size_t>(end - digits));
      if (!rest.starts_with('[') || !rest.substr(1).starts_with(index) || rest.size() < index.size() + 2 ||
          rest[index.size() + 1] != ']') {
        return false;
      }
      at += index.size() + 2;
      continue;
    }
    if (dot_before(step, at)) {
      if (!rest.starts_with('.')) return false;
      rest.remove_prefix(1);
      ++at;
    }
    if (!rest.starts_with(step.name)) return false;
    at += step.name.size();
  }
  return at == text.size();
}

}  // namespace profilec::check
