// Fragments: resolving `use = [...]` and mixing the fragments' keys into the
// payloads that use them (docs/language.md, "Fragments").
//
// Merge order, for a payload with use = [A, B] (and likewise inside a
// fragment, whose own [keys] come last):
//   A's effective keys, then B's over them, then the payload's own keys over
//   all. Tables merge key by key, recursively; any other value (scalars,
//   arrays, { file/base64/env } references) replaces what was there whole.
// Every key keeps the span of the file it was written in, so findings on a
// key that came from a fragment point into the fragment; its path is a
// string of its own per payload and use (FragmentSite::path), so the
// finding also knows which payload's `use` brought the key in.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/file_system.h"
#include "diag/diagnostic.h"
#include "lang/ast.h"

namespace profilec::lang {

// Where `use` names lead, for one policy: plain names are paths (without
// `.toml`) below the folder of the profilec.toml that applies; `stdlib:NAME`
// is the embedded stdlib/NAME.toml (lang/stdlib.h).
struct UseContext {
  std::string project_file;  // the profilec.toml that applies; empty when none (plain names cannot resolve)
  std::string root;          // its folder
};

// How a payload brings in a fragment: for findings inside it
// (note_fragment_uses).
struct FragmentSite {
  std::string name;  // "stdlib:passcode/baseline"
  SourceSpan use;    // the policy's `use` entry
  std::string via;   // the fragment named in that entry, when this one comes in through it
  // The path the spans of the keys this payload takes from the fragment
  // carry: the fragment's path, in a string of its own per payload and use,
  // so a finding on such a key, from any later stage (the analysis across
  // files too), leads back to this site by the string's address.
  std::shared_ptr<const std::string> path;
  // For a stdlib fragment (not a file of the repository): the entry of a
  // repository file (the policy, or a fragment of the repository) that
  // names the stdlib fragment it comes in through, and that fragment's
  // name. Findings inside it are reported there.
  bool stdlib = false;
  SourceSpan named_at;
  std::string named;
};

struct UseResolution {
  // False when a fragment could not be used (not found, a cycle, the wrong
  // type, or errors of its own): the policy must not be compiled. The
  // reason has been reported, once per run.
  bool usable = true;
  std::vector<FragmentSite> sites;  // in the order the payloads' uses bring them in
};

// The sites of one policy or of a whole run, found by a span's path.
class FragmentSites {
 public:
  FragmentSites() = default;
  explicit FragmentSites(const UseResolution& resolution) { add(resolution); }
  void add(const UseResolution& resolution);
  // The site of the payload a key's span came in with (by its path's
  // address); nullptr for any other span.
  const FragmentSite* of_key(const SourceSpan& span) const;
  // That, or else the first site of a fragment with the span's path: a
  // fragment's own problems, reported at its first user.
  const FragmentSite* find(const SourceSpan& span) const;
  bool empty() const { return sites_.empty(); }

 private:
  std::deque<FragmentSite> sites_;  // stable addresses
  std::unordered_map<const std::string*, const FragmentSite*> by_address_;
  std::unordered_map<std::string, const FragmentSite*> by_path_;
};

// Reads each fragment once per run and remembers what it found: a fragment
// used by many policies is parsed once and its problems are reported once.
class FragmentLibrary {
 public:
  explicit FragmentLibrary(const FileSystem& files);
  ~FragmentLibrary();
  FragmentLibrary(const FragmentLibrary&) = delete;
  FragmentLibrary& operator=(const FragmentLibrary&) = delete;

  // Replaces each payload's keys with the merge of its fragments and its
  // own keys. Reports unresolved uses (PC0013),
  // cycles (PC0014), fragments of another payload type (PC0015) and
  // fragments meant for other platforms than the policy's [target] names
  // (PC0016). Call after apply_project_defaults, so [target] is complete.
  UseResolution resolve_uses(PolicyFile& policy, const UseContext& context, Diagnostics& diagnostics);

  // A fragment file named on the command line or found in a folder walk:
  // checks it (and what it uses) without any payload.
  void check_fragment_file(const std::string& path, const UseContext& context, Diagnostics& diagnostics);

  // The text of every fragment read so far, by the path its spans carry
  // ("stdlib:passcode/baseline.toml" for the stdlib), for the SourceMap.
  const std::map<std::string, std::string>& texts() const { return texts_; }

  struct Fragment;

 private:
  struct Name;

  std::optional<Name> resolve_name(const Field<std::string>& use, const UseContext& context, bool from_stdlib,
                                   Diagnostics& diagnostics) const;
  Fragment* load(const Field<std::string>& use, const UseContext& context, bool from_stdlib, Diagnostics& diagnostics);
  Fragment& parse(const Name& name, const std::string& cache_key, std::string text, Diagnostics& diagnostics);
  void expand(Fragment& root, const UseContext& context, std::vector<const Fragment*>& stack, Diagnostics& diagnostics);
  static std::vector<Entry> effective_keys(const Fragment& root);
  // Every name a use could have meant, for "did you mean" (computed on the
  // first miss under each root, then remembered).
  const std::vector<std::string>& known_names(const UseContext& context) const;

  const FileSystem& files_;
  std::map<std::string, std::unique_ptr<Fragment>> fragments_;  // by path (and root, for repository files)
  std::map<std::string, std::string> texts_;
  mutable std::map<std::string, std::vector<std::string>> known_names_;  // by project file
};

// Merges `overlay` into `base` by the rules above.
void merge_entries(std::vector<Entry>& base, const std::vector<Entry>& overlay);

// Findings inside fragments (docs/language.md, "Fragments"): one in a
// fragment of the repository stays there and gains a note at the policy's
// `use` entry that brought it in; one inside a stdlib fragment moves to the
// repository entry that names the stdlib fragment (site.named_at), with the
// stdlib line as a note ("set by stdlib:passcode/baseline at line 27"), so
// every output format places it in a file of the repository. A note inside
// a stdlib fragment moves there the same way.
void note_fragment_uses(const FragmentSites& sites, Diagnostics& diagnostics);

}  // namespace profilec::lang
