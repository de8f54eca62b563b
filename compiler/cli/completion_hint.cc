#include "cli/completion_hint.h"

#include <array>
#include <string_view>
#include <utility>

namespace profilec::cli {
namespace {

// Each hint's validator name.
constexpr std::array<std::pair<ValueHint, std::string_view>, 10> kHintNames = {{
    {ValueHint::kText, "completes:text"},
    {ValueHint::kFile, "completes:file"},
    {ValueHint::kFolder, "completes:folder"},
    {ValueHint::kPolicyPath, "completes:policy-path"},
    {ValueHint::kProfile, "completes:profile"},
    {ValueHint::kPayloadType, "completes:payload-type"},
    {ValueHint::kRule, "completes:rule"},
    {ValueHint::kStdlibFragment, "completes:stdlib-fragment"},
    {ValueHint::kPlatform, "completes:platform"},
    {ValueHint::kEnvironmentVariable, "completes:environment-variable"},
}};

}  // namespace

CLI::Validator completes(ValueHint hint) {
  std::string name;
  for (const auto& [each, each_name] : kHintNames) {
    if (each == hint) name = std::string(each_name);
  }
  // An empty description keeps --help's type name as it was.
  return {[](std::string&) { return std::string(); }, std::string(), name};
}

std::optional<ValueHint> completion_hint(CLI::Option& option) {
  for (const CLI::Validator* validator : validators_of(option)) {
    for (const auto& [hint, name] : kHintNames) {
      if (validator->get_name() == name) return hint;
    }
  }
  return std::nullopt;
}

std::vector<const CLI::Validator*> validators_of(CLI::Option& option) {
  // CLI11 2.1 lists an option's validators only by index, and says where
  // they end with an exception.
  std::vector<const CLI::Validator*> out;
  for (int index = 0;; ++index) {
    try {
      out.push_back(option.get_validator(index));
    } catch (const CLI::OptionNotFound&) {
      return out;
    }
  }
}

}  // namespace profilec::cli
