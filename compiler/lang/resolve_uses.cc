#include "lang/resolve_uses.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <unordered_map>
#include <unordered_set>

#include "base/repository_boundary.h"
#include "base/spelling.h"
#include "base/stdlib_path.h"
#include "diag/fixes.h"
#include "lang/parse_fragment.h"
#include "lang/stdlib.h"
#include "lang/toml_limits.h"

namespace profilec::lang {
namespace {

constexpr std::string_view kStdlibPrefix = kStdlibPathPrefix;  // names and paths start alike
constexpr std::string_view kExtension = ".toml";

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }
bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// "./fragments/../fragments/wifi" -> "fragments/wifi"; nullopt for a name
// that is empty, absolute, a folder, or leaves the root.
std::optional<std::string> normal_name(std::string_view name) {
  if (ends_with(name, kExtension)) name.remove_suffix(kExtension.size());
  if (name.empty() || name.front() == '/' || name.back() == '/') return std::nullopt;
  std::string normal = std::filesystem::path(name).lexically_normal().generic_string();
  if (normal.empty() || normal == "." || normal.back() == '/' || normal == ".." || starts_with(normal, "../")) {
    return std::nullopt;
  }
  return normal;
}

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

// { file = } paths are relative to the file they are written in. Lowering
// reads them relative to the policy's folder, so a reference that came from
// a fragment is rewritten to reach the same file from there.
void rebase_file_refs(Value& value, const std::string& policy_dir) {
  switch (value.kind) {
    case Value::Kind::kArray:
      for (Value& item : value.items) rebase_file_refs(item, policy_dir);
      break;
    case Value::Kind::kTable:
      for (Entry& entry : value.entries) rebase_file_refs(entry.value, policy_dir);
      break;
    case Value::Kind::kFileRef: {
      if (!value.span.known() || starts_with(*value.span.path, kStdlibPrefix)) break;
      const std::string target = join_path(parent_path(*value.span.path), value.text);
      if (!target.empty() && target[0] == '/') {
        value.text = target;
        break;
      }
      const auto relative =
          std::filesystem::path(target).lexically_relative(policy_dir.empty() ? "." : policy_dir).generic_string();
      if (!relative.empty()) value.text = relative;
      break;
    }
    default: break;
  }
}

}  // namespace

struct FragmentLibrary::Name {
  std::string name;  // "stdlib:passcode/baseline" or "fragments/wifi"
  std::string path;  // "stdlib:passcode/baseline.toml" or "<root>/fragments/wifi.toml"
  bool stdlib = false;
};

struct FragmentLibrary::Fragment {
  enum class State { kNew, kExpanding, kDone };

  std::string name;
  std::string path;
  bool stdlib = false;
  std::optional<FragmentFile> file;  // nullopt after a syntax error
  bool broken = false;               // an error in it, or in a fragment it uses
  State state = State::kNew;
  // The fragments whose keys it takes, in its `use` order: those that
  // loaded, are of its type and close no cycle. Its effective keys are
  // theirs merged in this order, then its own; they are made when a payload
  // asks (effective_keys), never kept per fragment: a chain of N fragments
  // kept N copies of the chain's keys (quadratic memory, issue 15).
  std::vector<Fragment*> merged;
  std::vector<SourceSpan> merged_at;  // for each of `merged`: the `use` entry naming it
};

FragmentLibrary::FragmentLibrary(const FileSystem& files) : files_(files) {}
FragmentLibrary::~FragmentLibrary() = default;

namespace {

// Entries with an index by key, and one for each table among them, so that
// merging into a large table costs the size of what is merged in, not of the
// table (merge_entries' rules).
class MergeTable {
 public:
  MergeTable() = default;
  explicit MergeTable(std::vector<Entry> entries) { merge(std::move(entries)); }

  // Merges `overlay` in: a new key is added at the end, a table over a
  // table merges key by key, anything else replaces the entry in its place.
  void merge(std::vector<Entry> overlay) {
    for (Entry& entry : overlay) {
      const auto [it, added] = index_.try_emplace(entry.key, entries_.size());
      if (added) {
        entries_.push_back(std::move(entry));
        tables_.push_back(nullptr);
        adopt_table(entries_.size() - 1);
        continue;
      }
      const std::size_t at = it->second;
      Entry& old = entries_[at];
      if (tables_[at] && entry.value.kind == Value::Kind::kTable) {
        tables_[at]->merge(std::move(entry.value.entries));
        old.key_span = std::move(entry.key_span);
        old.value.span = std::move(entry.value.span);
      } else {
        old = std::move(entry);
        tables_[at] = nullptr;
        adopt_table(at);
      }
    }
  }

  bool empty() const { return entries_.empty(); }

  // The merged entries, tables filled in again; leaves this table empty.
  std::vector<Entry> take() {
    for (std::size_t i = 0; i < entries_.size(); ++i) {
      if (tables_[i]) entries_[i].value.entries = tables_[i]->take();
    }
    std::vector<Entry> out = std::move(entries_);
    *this = MergeTable();
    return out;
  }

 private:
  // A table entry's own entries move into a MergeTable of their own.
  void adopt_table(std::size_t at) {
    Value& value = entries_[at].value;
    if (value.kind != Value::Kind::kTable) return;
    tables_[at] = std::make_unique<MergeTable>(std::move(value.entries));
    value.entries.clear();
  }

  std::vector<Entry> entries_;
  std::vector<std::unique_ptr<MergeTable>> tables_;  // per entry: its table's entries, or null
  std::unordered_map<std::string, std::size_t> index_;
};

}  // namespace

void merge_entries(std::vector<Entry>& base, const std::vector<Entry>& overlay) {
  MergeTable table(std::move(base));
  table.merge(overlay);
  base = table.take();
}

const std::vector<std::string>& FragmentLibrary::known_names(const UseContext& context) const {
  auto [it, inserted] = known_names_.try_emplace(context.project_file);
  std::vector<std::string>& names = it->second;
  if (!inserted) return names;
  for (const std::string& name : stdlib_fragment_names()) names.push_back(std::string(kStdlibPrefix) + name);
  if (context.project_file.empty()) return names;
  const std::string dir = context.root.empty() ? "." : context.root;
  auto listed = files_.list_files(dir);
  if (!listed) return names;
  const std::string prefix = dir + "/";
  for (const std::string& file : *listed) {
    if (!ends_with(file, kExtension) || ends_with(file, "/profilec.toml")) continue;
    std::string_view relative = file;
    if (starts_with(relative, prefix)) relative.remove_prefix(prefix.size());
    relative.remove_suffix(kExtension.size());
    names.emplace_back(relative);
  }
  return names;
}

std::optional<FragmentLibrary::Name> FragmentLibrary::resolve_name(const Field<std::string>& use,
                                                                   const UseContext& context, bool from_stdlib,
                                                                   Diagnostics& diagnostics) const {
  const std::string& written = use.value;
  auto did_you_mean = [&](std::string fallback) {
    if (auto suggestion = closest_spelling(written, known_names(context))) {
      return fmt::format("did you mean '{}'?", *suggestion);
    }
    return fallback;
  };
  // The entry rewritten to the name it surely means (certain_spelling).
  auto fix_name = [&](Diagnostic& d) {
    const double limit = std::max(1.0, static_cast<double>(written.size()) / 3.0);  // closest_spelling's
    if (auto certain = certain_spelling(written, known_names(context), limit)) {
      attach(d, string_value_fix(use.span, written, *certain));
    }
  };

  if (starts_with(written, kStdlibPrefix)) {
    const auto name = normal_name(std::string_view(written).substr(kStdlibPrefix.size()));
    if (name && find_stdlib_fragment(*name)) {
      return Name{std::string(kStdlibPrefix) + *name, std::string(kStdlibPrefix) + *name + ".toml", true};
    }
    std::vector<std::string> names = stdlib_fragment_names();
    if (names.size() > 8) {
      names.resize(8);
      names.push_back("...");
    }
    fix_name(diagnostics.report(DiagnosticCode::PC0013, use.span, fmt::format("no stdlib fragment '{}'", written),
                                did_you_mean(fmt::format("the stdlib has {}", join_names(names)))));
    return std::nullopt;
  }

  if (from_stdlib) {
    diagnostics.report(DiagnosticCode::PC0013, use.span,
                       fmt::format("stdlib fragment uses '{}', which is not in the stdlib", written),
                       "a stdlib fragment can only use other stdlib fragments");
    return std::nullopt;
  }
  const auto name = normal_name(written);
  if (!name) {
    diagnostics.report(DiagnosticCode::PC0013, use.span, fmt::format("'{}' is not a fragment name", written),
                       "write a path below the repository root without '.toml', such as \"fragments/wifi\", "
                       "or \"stdlib:NAME\"");
    return std::nullopt;
  }
  if (context.project_file.empty()) {
    diagnostics.report(DiagnosticCode::PC0013, use.span,
                       fmt::format("cannot resolve '{}': no profilec.toml marks the repository root", written),
                       did_you_mean("create profilec.toml (it may be empty) in the repository's top folder: "
                                    "fragment names are relative to it"));
    return std::nullopt;
  }
  const std::string path = normal_path(join_path(context.root, *name + std::string(kExtension)));
  if (files_.kind(path) == PathKind::kDirectory) {
    diagnostics.report(DiagnosticCode::PC0013, use.span, fmt::format("fragment '{}' is a folder, not a file", written),
                       fmt::format("'{}' is a folder; a fragment is a TOML file", path));
    return std::nullopt;
  }
  if (files_.kind(path) != PathKind::kFile) {
    fix_name(diagnostics.report(DiagnosticCode::PC0013, use.span, fmt::format("cannot find fragment '{}'", written),
                                did_you_mean(fmt::format("there is no '{}' (names are relative to the folder of '{}')",
                                                         path, context.project_file))));
    return std::nullopt;
  }
  return Name{*name, path, false};
}

FragmentLibrary::Fragment& FragmentLibrary::parse(const Name& name, const std::string& cache_key, std::string text,
                                                  Diagnostics& diagnostics) {
  auto fragment = std::make_unique<Fragment>();
  fragment->name = name.name;
  fragment->path = name.path;
  fragment->stdlib = name.stdlib;
  const std::size_t errors_before = diagnostics.count(Severity::kError);
  fragment->file = parse_fragment(text, name.path, diagnostics);
  fragment->broken = !fragment->file || diagnostics.count(Severity::kError) > errors_before;
  texts_.emplace(name.path, std::move(text));
  return *fragments_.emplace(cache_key, std::move(fragment)).first->second;
}

FragmentLibrary::Fragment* FragmentLibrary::load(const Field<std::string>& use, const UseContext& context,
                                                 bool from_stdlib, Diagnostics& diagnostics) {
  auto name = resolve_name(use, context, from_stdlib, diagnostics);
  if (!name) return nullptr;
  // A repository fragment's own uses resolve against the root of the
  // policy's project, so the same file may expand differently per root.
  const std::string cache_key = name->stdlib ? name->path : name->path + '\n' + context.root;
  if (auto it = fragments_.find(cache_key); it != fragments_.end()) return it->second.get();
  std::string text;
  if (name->stdlib) {
    text = std::string(*find_stdlib_fragment(name->name.substr(kStdlibPrefix.size())));
  } else {
    // A link out of the repository is not read (docs/security.md).
    if (const BoundaryCheck check = check_input_file(files_, name->path, context.root);
        check.verdict == BoundaryCheck::kOutside) {
      diagnostics.report(DiagnosticCode::PC0027, use.span,
                         fmt::format("fragment '{}' leads outside the repository, to '{}' (a symbolic link); it was "
                                     "not read",
                                     use.value, check.real),
                         fmt::format("'{}' must be a file below the repository root ('{}'), not a link out of it",
                                     name->path, context.root.empty() ? "." : context.root));
      return nullptr;
    }
    auto read = files_.read_file_up_to(name->path, kMaxTomlBytes);
    if (!read && read.error().too_large) {
      report_toml_too_large(name->path, *read.error().too_large, diagnostics);
      return nullptr;
    }
    if (!read) {
      diagnostics.report(DiagnosticCode::PC0013, use.span,
                         fmt::format("cannot read fragment '{}': {}", use.value, read.error().message),
                         fmt::format("make '{}' readable", name->path));
      return nullptr;
    }
    text = std::move(*read);
  }
  return &parse(*name, cache_key, std::move(text), diagnostics);
}

namespace {

// A fragment's type must be the payload's (or the using fragment's).
bool check_type(const std::optional<Field<std::string>>& user_type, std::string_view user_kind,
                const Field<std::string>& use, const std::optional<FragmentFile>& used, std::string_view used_name,
                Diagnostics& diagnostics) {
  if (!user_type || !used || !used->type || used->type->value == user_type->value) return true;
  Diagnostic& d = diagnostics.report(DiagnosticCode::PC0015, use.span,
                                     fmt::format("fragment '{}' is for {}, not {}", used_name, used->type->value,
                                                 user_type->value),
                                     fmt::format("use it in a payload of type {}, or pick a fragment for {}",
                                                 used->type->value, user_type->value));
  d.notes.push_back({used->type->span, "the fragment's type is set here"});
  d.notes.push_back({user_type->span, fmt::format("the {}'s type is set here", user_kind)});
  return false;
}

}  // namespace

// Depth first through the uses, with a stack of its own rather than the
// call stack: a chain of 60,000 fragments overflowed the call stack (issue
// 15). The findings come in the order of a recursive walk: a use's own
// problems, then those of the fragment it names and below, then its type.
void FragmentLibrary::expand(Fragment& root, const UseContext& context, std::vector<const Fragment*>& stack,
                             Diagnostics& diagnostics) {
  if (root.state != Fragment::State::kNew) return;
  struct Frame {
    Fragment* fragment;
    std::size_t next = 0;  // the next of its uses to follow
  };
  std::vector<Frame> frames;
  const auto open = [&](Fragment& fragment) {
    fragment.state = Fragment::State::kExpanding;
    stack.push_back(&fragment);
    frames.push_back({&fragment});
  };
  // After `used` is expanded: its type, then its keys for `fragment`.
  const auto take = [&](Fragment& fragment, const Field<std::string>& use, Fragment& used) {
    if (!check_type(fragment.file->type, "fragment", use, used.file, used.name, diagnostics)) {
      fragment.broken = true;
      return;
    }
    if (used.broken) fragment.broken = true;
    fragment.merged.push_back(&used);
    fragment.merged_at.push_back(use.span);
  };
  open(root);
  while (!frames.empty()) {
    Fragment& fragment = *frames.back().fragment;
    if (fragment.file && frames.back().next < fragment.file->uses.size()) {
      const Field<std::string>& use = fragment.file->uses[frames.back().next++];
      Fragment* used = load(use, context, fragment.stdlib, diagnostics);
      if (!used) {
        fragment.broken = true;
        continue;
      }
      if (used->state == Fragment::State::kExpanding) {
        std::vector<std::string> chain;
        const auto first = std::find(stack.begin(), stack.end(), used);
        for (auto it = first; it != stack.end(); ++it) chain.push_back((*it)->name);
        chain.push_back(used->name);
        std::string text;
        for (const std::string& name : chain) text += (text.empty() ? "" : " -> ") + name;
        diagnostics.report(DiagnosticCode::PC0014, use.span, fmt::format("use cycle: {}", text),
                           "remove one of these uses: a fragment cannot use itself, directly or through others");
        fragment.broken = true;
        continue;
      }
      if (used->state == Fragment::State::kNew) {
        open(*used);  // taken when it is done, below
        continue;
      }
      take(fragment, use, *used);
      continue;
    }
    stack.pop_back();
    fragment.state = Fragment::State::kDone;
    frames.pop_back();
    if (!frames.empty()) {
      Frame& user = frames.back();
      take(*user.fragment, user.fragment->file->uses[user.next - 1], fragment);
    }
  }
}

namespace {

using FragmentPtr = const FragmentLibrary::Fragment*;

// Every fragment `root` brings in (itself last), once each, in the order of
// their first merge: each fragment after the ones it uses.
std::vector<FragmentPtr> fragments_under(FragmentPtr root) {
  std::vector<FragmentPtr> order;
  std::unordered_set<FragmentPtr> seen{root};
  struct Frame {
    FragmentPtr fragment;
    std::size_t next;
  };
  std::vector<Frame> stack{{root, 0}};
  while (!stack.empty()) {
    Frame& frame = stack.back();
    if (frame.next < frame.fragment->merged.size()) {
      FragmentPtr used = frame.fragment->merged[frame.next++];
      if (seen.insert(used).second) stack.push_back({used, 0});
      continue;
    }
    order.push_back(frame.fragment);
    stack.pop_back();
  }
  return order;
}

// One site per fragment `root` brings in for a payload whose entry `use`
// names it: root first, then each fragment where a depth-first walk of the
// uses first reaches it (so a stdlib fragment is named by the repository
// entry on that path).
std::vector<FragmentSite> sites_under(const FragmentLibrary::Fragment& root, const SourceSpan& use) {
  std::vector<FragmentSite> sites;
  const auto add = [&](FragmentPtr f, const SourceSpan& named_by, const FragmentSite* user) {
    FragmentSite site;
    site.name = f->name;
    site.use = use;
    if (f != &root) site.via = root.name;
    site.path = std::make_shared<const std::string>(f->path);
    site.stdlib = f->stdlib;
    if (f->stdlib && user && user->stdlib) {  // in the stdlib, through a stdlib fragment: named where that one is
      site.named_at = user->named_at;
      site.named = user->named;
    } else if (f->stdlib) {  // named by the policy or by a fragment of the repository
      site.named_at = named_by;
      site.named = f->name;
    }
    sites.push_back(std::move(site));
  };
  add(&root, use, nullptr);
  std::unordered_set<FragmentPtr> seen{&root};
  struct Frame {
    FragmentPtr fragment;
    std::size_t site;  // its index in `sites`
    std::size_t next;
  };
  std::vector<Frame> stack{{&root, 0, 0}};
  while (!stack.empty()) {
    Frame& frame = stack.back();
    if (frame.next == frame.fragment->merged.size()) {
      stack.pop_back();
      continue;
    }
    const std::size_t i = frame.next++;
    FragmentPtr used = frame.fragment->merged[i];
    if (!seen.insert(used).second) continue;
    const FragmentSite user = sites[frame.site];
    add(used, frame.fragment->merged_at[i], &user);
    stack.push_back({used, sites.size() - 1, 0});
  }
  return sites;
}

// Gives the spans of keys from a fragment the path of their site.
void give_site_paths(Value& value, const std::unordered_map<std::string_view, const FragmentSite*>& by_path);

void give_site_path(SourceSpan& span, const std::unordered_map<std::string_view, const FragmentSite*>& by_path) {
  if (!span.known()) return;
  const auto it = by_path.find(*span.path);
  if (it != by_path.end()) span.path = it->second->path;
}

void give_site_paths(std::vector<Entry>& entries,
                     const std::unordered_map<std::string_view, const FragmentSite*>& by_path) {
  for (Entry& entry : entries) {
    give_site_path(entry.key_span, by_path);
    give_site_paths(entry.value, by_path);
  }
}

void give_site_paths(Value& value, const std::unordered_map<std::string_view, const FragmentSite*>& by_path) {
  give_site_path(value.span, by_path);
  for (Value& item : value.items) give_site_paths(item, by_path);
  give_site_paths(value.entries, by_path);
}

}  // namespace

// A fragment's effective keys: those of the fragments it uses, merged in
// their order, then its own. Each fragment below `root` is merged once: one
// that several others use is made once and handed to each (moved to the
// last), and a fragment's first use is taken over rather than copied, so a
// chain of N fragments costs N merges of one fragment's keys each, not N
// copies of the chain.
std::vector<Entry> FragmentLibrary::effective_keys(const Fragment& root) {
  const std::vector<FragmentPtr> order = fragments_under(&root);
  std::unordered_map<FragmentPtr, std::size_t> users;  // how many fragments below root take each one's keys
  for (FragmentPtr f : order) {
    for (FragmentPtr used : f->merged) ++users[used];
  }
  // In `order`, each fragment comes after all it uses: a fragment used once
  // is built into its user's table; one used several times is kept until
  // its last user has taken it.
  std::unordered_map<FragmentPtr, MergeTable> built;
  std::unordered_map<FragmentPtr, std::vector<Entry>> shared;
  for (FragmentPtr f : order) {
    MergeTable table;
    for (FragmentPtr used : f->merged) {
      std::vector<Entry> keys;
      if (auto it = built.find(used); it != built.end()) {
        if (table.empty()) {
          table = std::move(it->second);  // taken over whole: no copy, no re-indexing
          built.erase(it);
          continue;
        }
        keys = it->second.take();
        built.erase(it);
      } else {
        const auto kept = shared.find(used);
        if (--users[used] == 0) {
          keys = std::move(kept->second);  // its last user
          shared.erase(kept);
        } else {
          keys = kept->second;
        }
      }
      table.merge(std::move(keys));
    }
    if (f->file) table.merge(f->file->keys);
    if (f == &root || users[f] <= 1) {
      built.emplace(f, std::move(table));
    } else {
      shared.emplace(f, table.take());
    }
  }
  return built.at(&root).take();
}

UseResolution FragmentLibrary::resolve_uses(PolicyFile& policy, const UseContext& context, Diagnostics& diagnostics) {
  UseResolution resolution;
  const std::string policy_dir = parent_path(policy.path);
  std::vector<std::string> targeted;
  for (const PlatformTarget& p : policy.target.platforms) targeted.push_back(p.platform);

  // Declarations use fragments as payloads do (a fragment's `type` is then
  // a declaration type).
  std::vector<PayloadDecl*> users;
  for (PayloadDecl& payload : policy.payloads) users.push_back(&payload);
  for (PayloadDecl& declaration : policy.declarations) users.push_back(&declaration);
  for (PayloadDecl* user : users) {
    PayloadDecl& payload = *user;
    if (payload.uses.empty()) continue;
    MergeTable mixed;
    std::vector<const Fragment*> platform_warned;
    for (const Field<std::string>& use : payload.uses) {
      Fragment* fragment = load(use, context, false, diagnostics);
      if (!fragment) {
        resolution.usable = false;
        continue;
      }
      std::vector<const Fragment*> stack;
      expand(*fragment, context, stack, diagnostics);
      if (fragment->broken) resolution.usable = false;
      if (!check_type(payload.type, "payload", use, fragment->file, fragment->name, diagnostics)) {
        resolution.usable = false;
        continue;
      }

      // The fragment named, then all it brings in.
      std::vector<const Fragment*> brought_in = fragments_under(fragment);
      std::rotate(brought_in.rbegin(), brought_in.rbegin() + 1, brought_in.rend());
      for (const Fragment* f : brought_in) {
        if (!f->file || f->file->platforms.empty() || targeted.empty()) continue;
        if (std::find(platform_warned.begin(), platform_warned.end(), f) != platform_warned.end()) continue;
        std::vector<std::string> meant_for, missing;
        for (const auto& p : f->file->platforms) meant_for.push_back(p.value);
        for (const std::string& p : targeted) {
          if (std::find(meant_for.begin(), meant_for.end(), p) == meant_for.end()) missing.push_back(p);
        }
        if (missing.empty()) continue;
        platform_warned.push_back(f);
        const std::string through = f == fragment ? "" : fmt::format(" (used by '{}')", fragment->name);
        Diagnostic& d =
            diagnostics.report(DiagnosticCode::PC0016, use.span,
                               fmt::format("fragment '{}'{} is meant for {}, but the profile also targets {}", f->name,
                                           through, join_names(meant_for), join_names(missing)),
                               fmt::format("use it only in profiles for {}, or give {} a profile of its own",
                                           join_names(meant_for), join_names(missing)));
        d.notes.push_back({f->file->platforms_span, "the fragment's platforms are set here"});
        if (policy.target.platforms_span.known()) {
          d.notes.push_back({policy.target.platforms_span, "the profile's platforms are set here"});
        }
      }
      std::vector<Entry> keys = effective_keys(*fragment);
      std::vector<FragmentSite> sites = sites_under(*fragment, use.span);
      std::unordered_map<std::string_view, const FragmentSite*> by_path;
      for (const FragmentSite& site : sites) by_path.emplace(*site.path, &site);
      give_site_paths(keys, by_path);
      for (FragmentSite& site : sites) resolution.sites.push_back(std::move(site));
      mixed.merge(std::move(keys));
    }
    std::vector<Entry> keys = mixed.take();
    for (Entry& entry : keys) rebase_file_refs(entry.value, policy_dir);
    MergeTable own(std::move(keys));
    own.merge(std::move(payload.keys));
    payload.keys = own.take();
  }
  return resolution;
}

void FragmentLibrary::check_fragment_file(const std::string& path, const UseContext& context,
                                          Diagnostics& diagnostics) {
  const std::string normal = normal_path(path);
  const std::string cache_key = normal + '\n' + context.root;
  Fragment* fragment = nullptr;
  if (auto it = fragments_.find(cache_key); it != fragments_.end()) {
    fragment = it->second.get();
  } else {
    auto text = files_.read_file(normal);
    if (!text) return;  // the caller has read it already
    // Named as a use would name it, when it is below the root.
    std::string name = normal;
    const std::string prefix = context.root.empty() ? "" : normal_path(context.root) + "/";
    if (!context.project_file.empty() && starts_with(name, prefix)) name = name.substr(prefix.size());
    if (ends_with(name, kExtension)) name.resize(name.size() - kExtension.size());
    fragment = &parse(Name{name, normal, false}, cache_key, std::move(*text), diagnostics);
  }
  std::vector<const Fragment*> stack;
  expand(*fragment, context, stack, diagnostics);
}

void FragmentSites::add(const UseResolution& resolution) {
  for (const FragmentSite& site : resolution.sites) {
    const FragmentSite& kept = sites_.emplace_back(site);
    by_address_.emplace(kept.path.get(), &kept);
    by_path_.emplace(*kept.path, &kept);
  }
}

const FragmentSite* FragmentSites::of_key(const SourceSpan& span) const {
  if (!span.known()) return nullptr;
  const auto it = by_address_.find(span.path.get());
  return it == by_address_.end() ? nullptr : it->second;
}

const FragmentSite* FragmentSites::find(const SourceSpan& span) const {
  if (const FragmentSite* site = of_key(span)) return site;
  if (!span.known()) return nullptr;
  const auto it = by_path_.find(*span.path);
  return it == by_path_.end() ? nullptr : it->second;
}

namespace {

// "set by stdlib:passcode/baseline at line 27", for the stdlib place of a
// finding or note that moved to the repository.
std::string set_by(const FragmentSite& site, const SourceSpan& span) {
  std::string text = span.begin.known() ? fmt::format("set by {} at line {}", site.name, span.begin.line)
                                        : fmt::format("set by {}", site.name);
  if (site.named != site.name) text += fmt::format(", which '{}' uses", site.named);
  return text;
}

// The note at the policy's `use` entry, when the finding is elsewhere: for
// a fragment of the repository, or a stdlib fragment named by one.
std::optional<DiagnosticNote> use_note(const FragmentSite& site) {
  const std::string& root = site.via.empty() ? site.name : site.via;  // the fragment the policy names
  const std::string& shown = site.stdlib ? site.named : site.name;    // where the finding is
  if (site.stdlib && shown == root) return std::nullopt;              // at the policy's entry already
  return DiagnosticNote{site.use, shown == root ? fmt::format("'{}' is used here", shown)
                                                : fmt::format("'{}' comes in through '{}', used here", shown, root)};
}

}  // namespace

void note_fragment_uses(const FragmentSites& sites, Diagnostics& diagnostics) {
  if (sites.empty()) return;
  for (Diagnostic& d : diagnostics.mutable_all()) {
    std::vector<DiagnosticNote> notes;
    notes.reserve(d.notes.size());
    for (DiagnosticNote& note : d.notes) {
      // Only a note on a key: one at a fragment's own fields (its type, its
      // platforms) belongs to a finding at the `use` entry already.
      const FragmentSite* site = sites.of_key(note.span);
      if (!site || !site->stdlib) {
        notes.push_back(std::move(note));
        continue;
      }
      notes.push_back({site->named_at, fmt::format("{} (by {}, used here)", note.message, site->named)});
      notes.push_back({note.span, set_by(*site, note.span)});
    }
    d.notes = std::move(notes);
    const FragmentSite* site = sites.find(d.span);
    if (!site) continue;
    if (site->stdlib) {
      d.notes.insert(d.notes.begin(), {d.span, set_by(*site, d.span)});
      d.span = site->named_at;
      d.fixes.clear();  // the stdlib is never edited, and the span now names the `use` entry
    }
    if (auto use = use_note(*site)) d.notes.push_back(std::move(*use));
  }
}

}  // namespace profilec::lang
