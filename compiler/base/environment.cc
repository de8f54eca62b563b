#include "base/environment.h"

#include <cstdlib>

namespace profilec {

std::optional<std::string> ProcessEnvironment::get(const std::string& name) const {
  if (const char* value = std::getenv(name.c_str())) return std::string(value);
  return std::nullopt;
}

std::optional<std::string> MapEnvironment::get(const std::string& name) const {
  const auto it = vars_.find(name);
  if (it == vars_.end()) return std::nullopt;
  return it->second;
}

}  // namespace profilec
