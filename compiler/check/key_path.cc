#include "check/key_path.h"

#include <iterator>

namespace profilec::check {
namespace {

// An output iterator that compares what is written with `text` instead of
// keeping it: spells() is text() == text by construction.
class Comparer {
 public:
  explicit Comparer(std::string_view text) : text_(text) {}
  Comparer& operator*() { return *this; }
  Comparer& operator++() { return *this; }
  Comparer& operator++(int) { return *this; }
  Comparer& operator=(char c) {
    same_ = same_ && at_ < text_.size() && text_[at_] == c;
    ++at_;
    return *this;
  }
  bool matched() const { return same_ && at_ == text_.size(); }

 private:
  std::string_view text_;
  std::size_t at_ = 0;
  bool same_ = true;
};

}  // namespace

bool KeyPath::is_top_level_key(std::string_view name) const {
  return steps_.size() == 1 && steps_.front().kind == Step::Kind::kField && steps_.front().name == name;
}

std::string KeyPath::text() const {
  std::string out;
  write(std::back_inserter(out));
  return out;
}

bool KeyPath::spells(std::string_view text) const { return write(Comparer(text)).matched(); }

}  // namespace profilec::check
