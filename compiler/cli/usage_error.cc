#include "cli/usage_error.h"

#include <fmt/format.h>

#include <fmt/ranges.h>

#include <optional>
#include <string_view>
#include <vector>

#include "base/spelling.h"
#include "cli/exit_codes.h"

namespace profilec::cli {
namespace {

// The apps a command line reached: the top-level app, then each parsed
// subcommand (`profilec schema show`: three). Options of every one of them
// apply (global options may follow the command).
std::vector<const CLI::App*> command_chain(const CLI::App& app) {
  std::vector<const CLI::App*> chain{&app};
  while (!chain.back()->get_subcommands().empty()) chain.push_back(chain.back()->get_subcommands().front());
  return chain;
}

std::string command_path(const std::vector<const CLI::App*>& chain) {
  std::vector<std::string> names;
  names.reserve(chain.size());
  for (const CLI::App* app : chain) names.push_back(app->get_name());
  return fmt::format("{}", fmt::join(names, " "));
}

// The option `name` ("--output", "-o" or a positional's name) of the
// command, the innermost command first.
const CLI::Option* find_option(const std::vector<const CLI::App*>& chain, const std::string& name) {
  for (auto app = chain.rbegin(); app != chain.rend(); ++app) {
    if (const CLI::Option* option = (*app)->get_option_no_throw(name)) return option;
  }
  return nullptr;
}

// Every long option the command takes ("--platform"), for did-you-mean.
std::vector<std::string> long_option_names(const std::vector<const CLI::App*>& chain) {
  std::vector<std::string> names;
  for (const CLI::App* app : chain) {
    for (const CLI::Option* option : app->get_options()) {
      for (const std::string& name : option->get_lnames()) names.push_back("--" + name);
    }
  }
  return names;
}

std::vector<std::string> subcommand_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    names.push_back(sub->get_name());
  }
  return names;
}

// The values an IsMember check allows, from the option's type name as
// CLI11 prints it in --help ("TEXT:{human,json,sarif,github}").
std::vector<std::string> allowed_values(const CLI::Option& option) {
  const std::string type = option.get_type_name();
  const auto open = type.find('{');
  const auto close = type.find('}', open);
  if (open == std::string::npos || close == std::string::npos) return {};
  return CLI::detail::split(type.substr(open + 1, close - open - 1), ',');
}

// "TEXT" ends "rest" when `text` starts with "prefix", else nullopt.
std::optional<std::string> after(std::string_view text, std::string_view prefix) {
  if (text.substr(0, prefix.size()) != prefix) return std::nullopt;
  return std::string(text.substr(prefix.size()));
}

// A likely typo of one of `allowed`, or the one value `value` begins
// (`--fail-on warn`: 'warning').
std::optional<std::string> suggested_value(const std::string& value, const std::vector<std::string>& allowed) {
  if (auto near = closest_spelling(value, allowed)) return near;
  std::optional<std::string> extended;
  for (const std::string& candidate : allowed) {
    if (value.empty() || !candidate.starts_with(value)) continue;
    if (extended) return std::nullopt;
    extended = candidate;
  }
  return extended;
}

std::string lowercase_first(std::string text) {
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = static_cast<char>(text[0] - 'A' + 'a');
  return text;
}

class UsageMessage {
 public:
  UsageMessage(const CLI::App& app, const CLI::ParseError& error)
      : chain_(command_chain(app)), command_(command_path(chain_)), text_(error.what()), error_kind_(error) {}

  // By type, not get_name(): an ExtrasError is named after the app.
  std::string build() {
    if (is<CLI::ExtrasError>()) extras();
    else if (is<CLI::RequiredError>()) required();
    else if (is<CLI::ValidationError>()) validation();
    else if (is<CLI::ConversionError>()) conversion();
    else if (is<CLI::ArgumentMismatch>()) argument_mismatch();
    else if (is<CLI::RequiresError>()) pair(" requires ", "{} needs {}");
    else if (is<CLI::ExcludesError>()) pair(" excludes ", "{} cannot be used with {}");
    if (error_.empty()) error_ = lowercase_first(text_);
    if (!help_closing_) help_.push_back(fmt::format("{} --help describes its options", command_));
    std::string out = fmt::format("profilec: error: {}\n", error_);
    for (const std::string& line : help_) out += fmt::format("  help: {}\n", line);
    return out;
  }

 private:
  template <typename Kind>
  bool is() const {
    return dynamic_cast<const Kind*>(&error_kind_) != nullptr;
  }

  const CLI::App& innermost() const { return *chain_.back(); }

  // What nothing took, in command-line order: with fallthrough, arguments a
  // subcommand does not know stay with the top-level app.
  std::vector<std::string> leftovers() const { return chain_.front()->remaining(true); }

  // An argument nothing took: an unknown option, a mistyped command, or one
  // argument too many.
  void unexpected(const std::string& argument) {
    if (argument.size() > 1 && argument[0] == '-') {
      const std::string name = argument.substr(0, argument.find('='));
      error_ = fmt::format("unknown option '{}' for '{}'", name, command_);
      // A long option with one dash or none too many finds its spelling;
      // single letters are too short to guess at.
      const std::string bare = name.substr(name.find_first_not_of('-'));
      if (bare.size() > 1) {
        std::vector<std::string> bare_names;
        const std::vector<std::string> names = long_option_names(chain_);
        bare_names.reserve(names.size());
        for (const std::string& option : names) bare_names.push_back(option.substr(2));
        if (auto near = closest_spelling(bare, bare_names)) help_.push_back(fmt::format("did you mean '--{}'?", *near));
      }
      return;
    }
    const std::vector<std::string> commands = subcommand_names(innermost());
    if (!commands.empty() && innermost().get_subcommands().empty()) {
      error_ = chain_.size() == 1 ? fmt::format("unknown command '{}'", argument)
                                  : fmt::format("unknown command '{}' for '{}'", argument, command_);
      if (auto near = closest_spelling(argument, commands)) help_.push_back(fmt::format("did you mean '{}'?", *near));
      list_commands(commands);
      return;
    }
    error_ = fmt::format("unexpected argument '{}' for '{}'", argument, command_);
    help_.push_back(fmt::format("{} --help describes the arguments it takes", command_));
    help_closing_ = true;
  }

  void list_commands(const std::vector<std::string>& commands) {
    help_.push_back(fmt::format("the commands are {} ({} --help describes them)", fmt::join(commands, ", "), command_));
    help_closing_ = true;
  }

  void extras() {
    const std::vector<std::string> rest = leftovers();
    if (!rest.empty()) unexpected(rest.front());
  }

  void required() {
    // A command that needs a subcommand: none given, or an unknown one.
    if (text_ == "A subcommand is required") {
      const std::vector<std::string> rest = leftovers();
      if (!rest.empty()) {
        unexpected(rest.front());
        if (!help_closing_) list_commands(subcommand_names(innermost()));
        return;
      }
      error_ = chain_.size() == 1 ? std::string("no command given") : fmt::format("'{}' needs a command", command_);
      list_commands(subcommand_names(innermost()));
      return;
    }
    // `build --ouput x`: --output is missing because of the typo; name it.
    if (!leftovers().empty()) {
      extras();
      return;
    }
    auto name = text_.ends_with(" is required") ? std::optional(text_.substr(0, text_.size() - 12)) : std::nullopt;
    const CLI::Option* option = name ? find_option(chain_, *name) : nullptr;
    if (option == nullptr) return;
    error_ = option->get_positional() ? fmt::format("'{}' needs its '{}' argument", command_, *name)
                                      : fmt::format("'{}' needs {}", command_, *name);
    describe(*option);
  }

  void describe(const CLI::Option& option) {
    help_.push_back(fmt::format("{}: {}", option.get_name(false, true), option.get_description()));
  }

  // "NAME: message": CLI11 puts the option's name first.
  std::optional<std::pair<const CLI::Option*, std::string>> named_message() const {
    const auto colon = text_.find(": ");
    if (colon == std::string::npos) return std::nullopt;
    const CLI::Option* option = find_option(chain_, text_.substr(0, colon));
    if (option == nullptr) return std::nullopt;
    return std::pair(option, text_.substr(colon + 2));
  }

  void validation() {
    auto named = named_message();
    if (!named) return;
    const auto& [option, message] = *named;
    const std::string name = option->get_name();
    if (const auto in = message.find(" not in {"); in != std::string::npos) {
      const std::string value = message.substr(0, in);
      const std::vector<std::string> allowed = allowed_values(*option);
      error_ = fmt::format("{} '{}' is not one of {}", name, value, fmt::join(allowed, ", "));
      if (auto near = suggested_value(value, allowed)) help_.push_back(fmt::format("did you mean '{}'?", *near));
    } else if (auto folder = after(message, "Directory does not exist: ")) {
      error_ = fmt::format("{} '{}': no such folder", name, *folder);
    } else if (auto file = after(message, "Directory is actually a file: ")) {
      error_ = fmt::format("{} '{}' is a file, not a folder", name, *file);
    } else if (auto missing = after(message, "File does not exist: ")) {
      error_ = fmt::format("{} '{}': no such file", name, *missing);
    } else if (auto range = after(message, "Value ")) {
      // "Value 5000 not in range 0 to 3650"
      const auto space = range->find(" not in range ");
      if (space == std::string::npos) return;
      error_ = fmt::format("{} {} is out of range: give a number from {}", name, range->substr(0, space),
                           range->substr(space + 14));
    } else {
      error_ = fmt::format("{}: {}", name, lowercase_first(message));
    }
    describe(*option);
  }

  void conversion() {
    // "Could not convert: --jobs = x"
    auto rest = after(text_, "Could not convert: ");
    if (!rest) {
      if (auto named = named_message()) {
        error_ = fmt::format("{}: {}", named->first->get_name(), lowercase_first(named->second));
        describe(*named->first);
      }
      return;
    }
    const auto equals = rest->find(" = ");
    if (equals == std::string::npos) return;
    const CLI::Option* option = find_option(chain_, rest->substr(0, equals));
    if (option == nullptr) return;
    const std::string value = rest->substr(equals + 3);
    if (option->get_type_size_max() == 0 || option->get_items_expected_max() == 0) {
      error_ = fmt::format("{} is a flag: give it without a value, not '{}'", option->get_name(), value);
    } else {
      const std::string type = option->get_type_name();
      const std::string_view wanted = type == "UINT"  ? "a whole number, 0 or more"
                                      : type == "INT" ? "a whole number"
                                                      : "a value of the kind it takes";
      error_ = fmt::format("{} '{}' is not {}", option->get_name(), value, wanted);
    }
    describe(*option);
  }

  void argument_mismatch() {
    auto named = named_message();
    if (!named) return;
    const auto& [option, message] = *named;
    if (auto given = after(message, "At Most ")) {
      // "At Most 1 required but received 2"
      const auto received = given->rfind(' ');
      error_ = fmt::format("{} is given {} times, but takes {}", option->get_name(), given->substr(received + 1),
                           given->substr(0, given->find(' ')) == "1" ? std::string("one value")
                                                                     : "at most " + given->substr(0, given->find(' ')));
      help_.push_back(fmt::format("give {} once", option->get_name()));
    } else if (message.ends_with(" missing")) {
      // "1 required TEXT missing": the option ended the command line.
      error_ = fmt::format("{} needs a value", option->get_name());
    } else {
      error_ = fmt::format("{}: {}", option->get_name(), lowercase_first(message));
    }
    describe(*option);
  }

  // RequiresError and ExcludesError: "A requires B", "A excludes B".
  void pair(std::string_view separator, fmt::format_string<const std::string&, const std::string&> wording) {
    const auto at = text_.find(separator);
    if (at == std::string::npos) return;
    const std::string first = text_.substr(0, at);
    const std::string second = text_.substr(at + separator.size());
    error_ = fmt::format(wording, first, second);
  }

  std::vector<const CLI::App*> chain_;
  std::string command_;
  std::string text_;
  const CLI::ParseError& error_kind_;
  std::string error_;
  std::vector<std::string> help_;
  bool help_closing_ = false;  // the last help line already points at --help
};

}  // namespace

std::string usage_error_message(const CLI::App& app, const CLI::ParseError& error) {
  if (dynamic_cast<const CLI::Success*>(&error) != nullptr) return {};
  return UsageMessage(app, error).build();
}

int report_parse_error(const CLI::App& app, const CLI::ParseError& error) {
  if (dynamic_cast<const CLI::Success*>(&error) != nullptr) {
    app.exit(error);  // --help, --version: standard output, exit 0
    return kExitClean;
  }
  fmt::print(stderr, "{}", usage_error_message(app, error));
  return kExitUsage;
}

}  // namespace profilec::cli
