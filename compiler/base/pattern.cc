#include "base/pattern.h"

#include <stdexcept>
#include <string>

namespace profilec {

Pattern::Pattern(std::string_view expression) {
  const std::string text(expression);
  if (const int code = ::regcomp(&compiled_, text.c_str(), REG_EXTENDED | REG_NOSUB); code != 0) {
    char message[256];
    ::regerror(code, &compiled_, message, sizeof message);
    throw std::invalid_argument("pattern '" + text + "' does not compile: " + message);
  }
}

Pattern::~Pattern() { ::regfree(&compiled_); }

bool Pattern::matches(std::string_view text) const {
  if (text.find('\0') != std::string_view::npos) return false;
  const std::string terminated(text);
  return ::regexec(&compiled_, terminated.c_str(), 0, nullptr, 0) == 0;
}

}  // namespace profilec
