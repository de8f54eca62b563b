// libFuzzer target: the activation predicate parser
// (check/declarations/predicate.h), which reads a string of an untrusted
// policy. It must return an error or the names, never crash or recurse
// without bound; every name it returns lies inside the input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "check/declarations/predicate.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const profilec::check::ParsedPredicate parsed = profilec::check::parse_predicate(text);
  if (parsed.error && parsed.error->offset > size) std::abort();
  for (const auto& reference : parsed.references) {
    if (reference.offset + reference.length > size || text.substr(reference.offset, reference.length) != reference.name)
      std::abort();
  }
  return 0;
}
