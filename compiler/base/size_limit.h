// How a file over one of profilec's size limits is described, the same way
// for every reader (docs/robustness.md, "Limits").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace profilec {

// "67108865 bytes (64.0 MiB); profilec reads profiles up to 64 MiB
// (67108864 bytes)", `what` being "profiles" here, to follow "the file is "
// or "'NAME' is ". `limit` is a whole number of MiB.
std::string over_size_limit_message(std::uint64_t size, std::uint64_t limit, std::string_view what);

}  // namespace profilec
