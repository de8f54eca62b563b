// profilec import FILE... -o DIR [--force] [--keep-secrets]: existing
// .mobileconfig files -> policy source (compiler/import/, docs/import.md).
//
// All or nothing: every file is read, imported and checked before anything
// is written, and an existing file is never replaced without --force.
#include <fmt/format.h>

#include <map>
#include <memory>
#include <set>

#include "cli/commands.h"
#include "cli/completion_hint.h"
#include "cli/exit_codes.h"
#include "cli/load_schemas.h"
#include "cli/signing_options.h"
#include "diag/code_severities.h"
#include "import/import_declaration.h"
#include "import/import_profile.h"
#include "import/import_tree.h"
#include "plist/read_limits.h"
#include "project/declaration_input.h"
#include "project/discover.h"
#include "project/mobileconfig_input.h"
#include "project/project_config.h"
#include "read/read_declaration.h"
#include "read/read_profile.h"

namespace profilec::cli {
namespace {

constexpr std::string_view kEnvExample = ".env.example";

std::string file_name(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string stem(const std::string& path) {
  const std::string name = file_name(path);
  const std::size_t dot = name.rfind('.');
  return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

// A .mobileconfig to import, and the folder below -o its policy goes to:
// the file's folder below the folder named on the command line, so a
// repository imports as the same tree.
struct ImportInput {
  std::string path;
  std::string subfolder;
  bool walked = false;  // found in a folder: a .json file that is not a declaration is skipped
};

bool is_mobileconfig(const std::string& path) {
  constexpr std::string_view kExtension = ".mobileconfig";
  if (path.size() < kExtension.size()) return false;
  for (std::size_t i = 0; i < kExtension.size(); ++i) {
    const char c = path[path.size() - kExtension.size() + i];
    if (std::tolower(static_cast<unsigned char>(c)) != kExtension[i]) return false;
  }
  return true;
}

// Files as named; folders walked for their *.mobileconfig and *.json files
// (the walk `check` makes; policies and other files in them are not
// imported, nor .json files that are not declarations).
std::optional<std::vector<ImportInput>> expand_inputs(const FileSystem& files, const std::vector<std::string>& named) {
  std::vector<ImportInput> out;
  for (const std::string& path : named) {
    if (files.kind(path) != PathKind::kDirectory) {
      out.push_back({path, ""});
      continue;
    }
    auto found = discover_policies(files, {path});
    if (!found) {
      print_io_error(found.error());
      return std::nullopt;
    }
    std::size_t count = 0;
    for (const PolicyInput& input : *found) {
      if (!is_mobileconfig(input.path) && !input.path.ends_with(".json")) continue;
      const std::size_t slash = input.output_name.rfind('/');
      out.push_back({input.path, slash == std::string::npos ? "" : input.output_name.substr(0, slash), true});
      ++count;
    }
    if (count == 0) {
      fmt::print(stderr, "profilec: error: '{}' holds no .mobileconfig or declaration files\n", path);
      return std::nullopt;
    }
  }
  return out;
}

struct Output {
  std::string path;
  std::string bytes;
  // A policy that kept its secrets inline (--keep-secrets) and a data file
  // holding a private key are written owner-only (0600).
  FileAccess access = FileAccess::kShared;
};

// .env.example: what is there stays; each new variable is added once, with
// where it is used. Never a value.
std::string env_example(const std::string& existing, const std::vector<import::ImportedPolicy>& policies) {
  std::set<std::string> present;
  std::size_t start = 0;
  while (start < existing.size()) {
    std::size_t end = existing.find('\n', start);
    if (end == std::string::npos) end = existing.size();
    const std::string line = existing.substr(start, end - start);
    if (const std::size_t eq = line.find('='); eq != std::string::npos && !line.starts_with("#")) {
      present.insert(line.substr(0, eq));
    }
    start = end + 1;
  }
  std::string out = existing;
  if (out.empty()) {
    out =
        "# Secrets of the policies `profilec import` wrote in this folder. Set each variable\n"
        "# where `profilec build` runs (a CI secret store, a local shell); never commit the values.\n";
  } else if (out.back() != '\n') {
    out += '\n';
  }
  for (const import::ImportedPolicy& policy : policies) {
    for (const import::SecretVariable& secret : policy.source.secrets) {
      if (!present.insert(secret.name).second) continue;
      // The name is [A-Z0-9_] (import::env_name); where it is used holds
      // the profile's own key names, printed on one line whatever they hold
      // (a newline in a key name would start a line of its own).
      out += fmt::format("\n# {}\n{}=\n", printable_path(secret.where), secret.name);
    }
  }
  return out;
}

// The .env.example to merge into: missing (""), or a regular file read as
// it is. A symbolic link is refused, never followed: its target (any file
// the user can read) would be copied into the new file. Anything else that
// is not a regular file is refused too; nullopt after printing why.
std::optional<std::string> current_env_example(const FileSystem& files, const std::string& path) {
  if (files.is_symbolic_link(path)) {
    fmt::print(stderr,
               "profilec: error: '{}' is a symbolic link, which import does not follow or replace; make it a regular "
               "file (or remove it) and import again; nothing written\n",
               printable_path(path));
    return std::nullopt;
  }
  if (files.kind(path) == PathKind::kMissing) return std::string();
  auto text = files.read_file_up_to(path, kMaxPlistBytes);
  if (!text) {
    fmt::print(stderr, "profilec: error: cannot read '{}': {}; nothing written\n", printable_path(path),
               text.error().too_large ? "the file is too large" : text.error().message);
    return std::nullopt;
  }
  return std::move(*text);
}

// The findings the allow comments keep, counted by rule.
std::string kept_summary(const std::vector<Diagnostic>& kept) {
  std::map<std::string_view, std::size_t> by_code;
  for (const Diagnostic& d : kept) ++by_code[info(d.code).id];
  std::string out;
  for (const auto& [code, count] : by_code) {
    out += fmt::format("{}{} {}", out.empty() ? "" : ", ", code, find_diagnostic(code)->name);
    if (count > 1) out += fmt::format(" x{}", count);
  }
  return out;
}

}  // namespace

std::function<int()> setup_import(CLI::App* sub, const GlobalOptions& globals) {
  struct Options {
    std::vector<std::string> inputs;
    std::string output;
    bool force = false;
    bool keep_secrets = false;
    IdentityOptions device;
  };
  auto options = std::make_shared<Options>();
  sub->add_option("files", options->inputs,
                  ".mobileconfig files (XML, binary or signed), declaration JSON files, or folders to import every "
                  ".mobileconfig and declaration below")
      ->required()
      ->check(completes(ValueHint::kProfile));
  sub->add_option("-o,--output", options->output, "Folder to write the policies (and their data files) to")
      ->required()
      ->check(completes(ValueHint::kFolder));
  sub->add_flag("--force", options->force, "Replace policies and data files that already exist");
  // Encrypted profiles: the identity of the device they were encrypted for.
  add_identity_options(*sub, options->device, "device");
  sub->add_flag("--keep-secrets", options->keep_secrets,
                "Keep passwords and other secrets inline instead of { env = } references (for dry runs)");
  return [options, &globals] {
    auto schemas = load_schemas(globals);
    if (!schemas) return static_cast<int>(kExitUsage);
    const auto expiry = expiry_policy(CertificateClock{});
    if (!expiry) return static_cast<int>(kExitUsage);
    DiskFileSystem files;
    std::optional<sign::SigningIdentity> device;
    if (options->device.given()) {
      device = load_identity(options->device, files);
      if (!device) return static_cast<int>(kExitUsage);
    }
    read::ReadOptions read_options;
    read_options.decrypt_with = device ? &*device : nullptr;
    if (files.kind(options->output) != PathKind::kMissing && files.kind(options->output) != PathKind::kDirectory) {
      fmt::print(stderr, "profilec: error: '{}' exists and is not a folder\n", options->output);
      return static_cast<int>(kExitUsage);
    }

    // Read and import everything first.
    import::ImportContext context{files, *schemas, *expiry, options->keep_secrets, {}};
    context.names.files.reserve(std::string(kEnvExample));
    Diagnostics diagnostics;
    SourceMap sources;
    const auto inputs = expand_inputs(files, options->inputs);
    if (!inputs) return static_cast<int>(kExitUsage);
    std::vector<import::ImportedPolicy> policies;
    std::vector<ir::Profile> originals;  // policies[i] was imported from originals[i]
    policies.reserve(inputs->size());
    originals.reserve(inputs->size());
    bool unreadable = false;
    std::size_t failed = 0;
    // The profilec.toml files where the inputs are, for the target `check`
    // gives each ([[targets]], [target]); their own findings are check's.
    ProjectConfigs source_projects(files);
    std::vector<import::ImportedPolicy> declaration_policies;  // declarations only: nothing across files to check
    std::size_t imported_files = 0;
    for (const auto& [input, subfolder, walked] : *inputs) {
      auto bytes = files.read_file_up_to(input, kMaxPlistBytes);
      const PolicyInput as_input{input, "", !walked};
      if (walked && input.ends_with(".json") && (!bytes || !is_declaration_input(as_input, *bytes))) continue;
      ++imported_files;
      if (!bytes && bytes.error().too_large) {  // refused before it is read, as read_profile would refuse it
        read::report_profile_too_large(input, *bytes.error().too_large, diagnostics);
        ++failed;
        continue;
      }
      if (!bytes) {
        print_io_error(bytes.error());
        unreadable = true;
        ++failed;
        continue;
      }
      Diagnostics found;
      const std::string folder = subfolder.empty() ? options->output : join_path(options->output, subfolder);
      if (is_declaration_input(as_input, *bytes)) {
        read::DeclarationRead read = read::read_declaration(*bytes, input, stem(input), found);
        if (read.shape == read::DeclarationShape::kNotADeclaration && walked) {
          --imported_files;
          continue;
        }
        sources.add(input, std::string(*bytes));
        if (read.shape == read::DeclarationShape::kNotADeclaration) {
          found.report(DiagnosticCode::PC6041, whole_file_span(std::make_shared<const std::string>(input)),
                       "not a declaration: the top level is not an object whose \"Type\" is a declaration type");
        }
        if (read.declaration && !found.has_errors()) {
          if (auto policy = import::import_declaration(*read.declaration, folder, stem(input), file_name(input),
                                                       context, found))
            declaration_policies.push_back(std::move(*policy));
        }
        if (found.has_errors()) ++failed;
        diagnostics.append(found);
        continue;
      }
      read::ReadResult read = read::read_profile(*bytes, input, found, read_options);
      sources.add(input, read.text);
      for (Diagnostic& d : found.mutable_all()) {
        // The content of a signed file is imported whatever its signature
        // says; the source will be signed again when it is built.
        if (d.code == DiagnosticCode::PC0020) regrade(d, Severity::kWarning);
      }
      if (read.profile && read.decrypted) {
        // Decrypted with --device-*: the policy holds the payloads in the
        // clear; `build --encrypt-for` encrypts them again.
        ir::Dict& envelope = read.profile->envelope.dict();
        std::erase_if(envelope, [](const ir::DictEntry& e) {
          return e.key == "EncryptedPayloadContent" || e.key == "IsEncrypted";
        });
        fmt::print(stderr,
                   "profilec: note: {}: decrypted with the device identity; the policy holds the payloads in "
                   "the clear (build --encrypt-for encrypts them again)\n",
                   input);
      }
      if (read.profile)
        read.profile->target = mobileconfig_target(std::nullopt, source_projects.for_file(input), input);
      if (read.profile && !found.has_errors()) {
        if (auto policy = import::import_profile(*read.profile, folder, stem(input), file_name(input), context,
                                                 found)) {
          policies.push_back(std::move(*policy));
          originals.push_back(std::move(*read.profile));
        }
      }
      if (found.has_errors()) ++failed;
      diagnostics.append(found);
    }
    // Each policy builds on its own; together they must build too, or
    // `build` of the folder would fail on what the files do to each other.
    // Checked also when some files failed, so that one run lists everything
    // that blocks the tree.
    std::size_t blocking = 0;
    if (policies.size() > 1) {
      std::vector<import::ImportedFile> imported;
      imported.reserve(policies.size());
      for (std::size_t i = 0; i < policies.size(); ++i) imported.push_back({policies[i], originals[i]});
      Diagnostics blockers;
      import::check_imported_together(imported, context, blockers);
      for (const Diagnostic& d : blockers.all()) blocking += d.severity == Severity::kError ? 1 : 0;
      diagnostics.append(blockers);
    }
    for (import::ImportedPolicy& policy : declaration_policies) policies.push_back(std::move(policy));
    print_diagnostics(diagnostics, sources, globals.report);
    if (unreadable || failed > 0) {
      if (imported_files == 1) {
        fmt::print(stderr, "profilec: nothing written: the file could not be imported\n");
      } else {
        fmt::print(stderr, "profilec: nothing written: {} of {} files could not be imported{}\n", failed,
                   imported_files,
                   blocking == 0 ? ""
                                 : fmt::format(", and the others would not build together ({} error{} across "
                                               "files)",
                                               blocking, blocking == 1 ? "" : "s"));
      }
      return static_cast<int>(kExitUsage);
    }
    if (blocking > 0) {
      fmt::print(stderr,
                 "profilec: nothing written: the imported policies would not build together: {} error{} across "
                 "files, in the .mobileconfig files themselves (above); fix {} there, or import the files "
                 "concerned into separate folders\n",
                 blocking, blocking == 1 ? "" : "s", blocking == 1 ? "it" : "them");
      return static_cast<int>(kExitFindings);
    }

    // Everything that would be written, checked before any of it is.
    std::vector<Output> outputs;
    for (const import::ImportedPolicy& policy : policies) {
      outputs.push_back({policy.path, policy.source.text,
                         policy.source.kept_secrets.empty() ? FileAccess::kShared : FileAccess::kOwnerOnly});
      for (const import::SideFile& file : policy.source.files) {
        outputs.push_back({join_path(parent_path(policy.path), file.name), file.bytes,
                           file.private_key ? FileAccess::kOwnerOnly : FileAccess::kShared});
      }
    }
    std::vector<std::string> existing;
    for (const Output& output : outputs) {
      if (files.kind(output.path) != PathKind::kMissing) existing.push_back(output.path);
    }
    if (!existing.empty() && !options->force) {
      for (const std::string& path : existing) fmt::print(stderr, "profilec: error: '{}' already exists\n", path);
      fmt::print(stderr, "profilec: nothing written: pass --force to replace {}\n",
                 existing.size() == 1 ? "it" : "them");
      return static_cast<int>(kExitUsage);
    }
    const std::string env_path = join_path(options->output, std::string(kEnvExample));
    bool any_secret = false;
    for (const import::ImportedPolicy& policy : policies) any_secret = any_secret || !policy.source.secrets.empty();
    if (any_secret) {
      const auto current = current_env_example(files, env_path);
      if (!current) return static_cast<int>(kExitUsage);
      outputs.push_back({env_path, env_example(*current, policies)});
    }

    std::FILE* progress = progress_stream(globals.report);
    // All or nothing on disk too: every file is written and flushed before
    // any replaces what was there.
    std::vector<std::pair<std::string, std::string>> writes;
    std::vector<FileAccess> access;
    writes.reserve(outputs.size());
    for (const Output& output : outputs) {
      writes.emplace_back(output.path, output.bytes);
      access.push_back(output.access);
    }
    if (auto error = files.write_files_atomically(writes, access)) {
      fmt::print(stderr, "profilec: error: cannot write '{}': {}; nothing written\n", error->path, error->message);
      return static_cast<int>(kExitUsage);
    }
    for (const Output& output : outputs) fmt::print(progress, "wrote {}\n", printable_path(output.path));

    // What the user has to know now.
    for (const import::ImportedPolicy& policy : policies) {
      if (!policy.kept.empty()) {
        fmt::print(progress, "{}: kept as found, with `# profilec: allow` comments: {}\n", policy.path,
                   kept_summary(policy.kept));
      }
      if (policy.warnings > 0) {
        fmt::print(progress, "{}: {} warning{}: see `profilec check {}`\n", policy.path, policy.warnings,
                   policy.warnings == 1 ? "" : "s", policy.path);
      }
      for (const import::SideFile& file : policy.source.files) {
        if (file.private_key) {
          fmt::print(stderr, "profilec: warning: '{}' holds a private key: keep it out of version control\n",
                     join_path(parent_path(policy.path), file.name));
        }
      }
      if (!policy.source.kept_secrets.empty()) {
        fmt::print(stderr, "profilec: warning: --keep-secrets: {} holds {} secret{} in plain text: {}\n", policy.path,
                   policy.source.kept_secrets.size(), policy.source.kept_secrets.size() == 1 ? "" : "s",
                   "do not commit it");
      }
    }
    if (any_secret) {
      fmt::print(progress, "set these environment variables where `profilec build` runs (listed in {}):\n", env_path);
      for (const import::ImportedPolicy& policy : policies) {
        for (const import::SecretVariable& secret : policy.source.secrets) {
          fmt::print(progress, "  {}  ({})\n", secret.name, printable_path(secret.where));
        }
      }
    }
    return static_cast<int>(kExitClean);
  };
}

}  // namespace profilec::cli
