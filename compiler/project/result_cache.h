// The result cache of `build` (docs/cli.md, "Incremental builds"): beside
// the build manifest, `.profilec-build-cache` keeps, for each policy the
// last build compiled, a digest of everything its result was made from and
// the result itself, so that the next build into the folder uses the kept
// result of an unchanged policy instead of compiling it again.
//
// What a result is made from: the policy's bytes; every file, folder link
// and { env = } variable lowering read (base/recorded_reads.h), each with a
// digest of the answer; each fragment it uses (its bytes and where its path
// leads); the profilec.toml that applies (its path and bytes); the clock
// window over which its certificate findings hold
// (cert/payload_certificates.h); and, for the whole file, the run key:
// this build of profilec, the schema set's fingerprint, the certificate
// warning period, the APNs certificate and the signing secrets no policy
// may read. The result: the profile IR with its source spans (what the
// checks across files read), the policy's own findings after its
// suppressions and [rules], its unused suppressions, its fragment sites,
// and the SHA-256 of its unsigned XML (build_input_digest_of_unsigned).
//
// Kept only for a policy that compiled into a profile that holds no
// secret, declares nothing, and whose fragments reported nothing of their
// own in that run. The cache is an optimisation: a missing, truncated,
// damaged (its checksum), foreign (another format, another build of
// profilec, another run key) cache is as if there were none, and a kept
// result is used only when its profile is still in the folder as the
// manifest says it was made (PreviousBuild::intact).
//
// Written in part (docs/cli.md, "The result cache"): the cache is a base
// file and a journal beside it, `.profilec-build-cache.journal`, which
// names the base it extends (the base's checksum and size) and holds the
// entries new or changed since the base, each replacing the base's entry
// of its source path, and the source paths whose base entry is withdrawn
// (a policy deleted, or no longer kept). So the base and its journal
// always hold exactly the entries the last build kept. A build that keeps
// other entries writes a new journal, or, when that journal would be
// larger than an eighth of the base (journal_fits), the base whole (and an
// empty journal when there was one); a build that keeps the same entries
// writes neither. A journal that cannot be read, or extends another base,
// makes the whole cache as if there were none.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/file_system.h"
#include "base/recorded_reads.h"
#include "cert/payload_certificates.h"
#include "diag/diagnostic.h"
#include "diag/suppression.h"
#include "ir/profile.h"
#include "lang/resolve_uses.h"

namespace profilec {

inline constexpr std::string_view kResultCacheName = ".profilec-build-cache";
// The journal beside the base: the base's path and this suffix.
inline constexpr std::string_view kResultCacheJournalSuffix = ".journal";

// Whether a journal of `journal_bytes` may extend a base of `base_bytes`:
// at most an eighth of it. Above, the base is written whole (and the
// journal emptied). Every build that changes the cache writes its journal
// whole, so the eighth bounds what such a build writes and reads beyond
// the base, while a whole rewrite comes only after changes of an eighth of
// the base's bytes (docs/cli.md, "The result cache").
constexpr bool journal_fits(std::uint64_t journal_bytes, std::uint64_t base_bytes) {
  return journal_bytes <= base_bytes / 8;
}

// One policy's compile, as the cache keeps it.
struct KeptResult {
  ir::Profile profile;
  Diagnostics diagnostics;  // its own, after its suppressions and [rules]
  std::vector<UnusedSuppression> unused_suppressions;
  lang::UseResolution uses;
};

// A fragment a kept result used: the path its spans carry, and (for a
// file of the repository) the digest of its bytes.
struct KeptFragment {
  std::string path;
  bool stdlib = false;
  std::string name;    // "stdlib:passcode/baseline" (stdlib ones: where the text comes from)
  std::string answer;  // read_file_answer of the file's bytes; empty for the stdlib
  friend bool operator==(const KeptFragment&, const KeptFragment&) = default;
};

// What one kept result was made from.
struct KeptInputs {
  std::string source_path;  // as the run names it
  std::string output_name;
  std::string source_sha256;
  std::string project_key;  // the profilec.toml that applies and the repository root (project_key())
  std::vector<RecordedRead> reads;
  std::vector<KeptFragment> fragments;
  cert::ClockWindow clock;
  std::string unsigned_sha256;  // of the unsigned XML
};

// One entry: what it was made from and the result, encoded
// (encode_kept_result), in bytes `owner` holds: the cache file's (mapped),
// or its own.
struct KeptEntry {
  KeptInputs inputs;
  std::shared_ptr<const void> owner;
  std::string_view result;
  // Read from the cache (not made in this run): from its base, or from its
  // journal.
  bool from_file = false;
  bool from_journal = false;
  // Read from the cache: the entry's bytes there, copied as they are when
  // the base is written whole.
  std::string_view encoded;
};

std::string encode_kept_result(const ir::Profile& profile, const Diagnostics& diagnostics,
                               const std::vector<UnusedSuppression>& unused_suppressions,
                               const lang::UseResolution& uses);
// Throws std::runtime_error on bytes encode_kept_result did not write.
KeptResult decode_kept_result(std::string_view bytes);

// What a build writes of the result cache (ResultCache::next).
struct ResultCacheWrite {
  enum class Kind {
    kNothing,  // it keeps the entries the cache holds
    kJournal,  // a new journal over the base as it is
    kWhole,    // the base whole (and an empty journal when there was one)
  };
  Kind kind = Kind::kNothing;
  std::vector<std::pair<std::string, std::string>> files;  // path, bytes
  std::size_t entries = 0;                                 // the entries written (to the journal, or the base)
  std::size_t withdrawn = 0;                               // the base's entries the journal withdraws
};

class ResultCache {
 public:
  ResultCache() = default;
  // Reads the base at `path` (mapped) and its journal (`path` and
  // kResultCacheJournalSuffix) for a run whose key is `run_key`. Anything
  // wrong with either gives an empty cache; why() says what ("" when there
  // was no file).
  static ResultCache read(const FileSystem& files, const std::string& path, const std::string& run_key);

  // What to write after a build that keeps `entries` (one per source
  // path): nothing when they are the entries the cache holds; else a
  // journal over the base when it fits (journal_fits); else the base whole.
  ResultCacheWrite next(std::vector<const KeptEntry*> entries) const;

  // The entry of the policy at `source_path`, or nullptr.
  const KeptEntry* find(const std::string& source_path) const;
  std::size_t size() const { return entries_.size(); }
  const std::string& why() const { return why_; }
  const std::string& run_key() const { return run_key_; }
  // True when the files hold exactly these entries for this run key: a
  // build that keeps the same entries (all from_file, as many) need not
  // write them again.
  bool usable() const { return usable_; }

 private:
  std::string path_;
  std::string run_key_;
  bool usable_ = false;
  std::string why_;
  std::map<std::string, KeptEntry, std::less<>> entries_;  // by source path
  // The base, when a journal may extend it: its checksum and size, and the
  // source paths of its entries (views into `base_`), in order.
  std::shared_ptr<const FileBytes> base_;
  std::uint64_t base_checksum_ = 0;
  std::vector<std::string_view> base_paths_;
  bool journal_exists_ = false;
};

// The base file's bytes for `entries` (one per source path; written in
// path order, so the same entries give the same bytes).
std::string write_result_cache(const std::string& run_key, std::vector<const KeptEntry*> entries);

}  // namespace profilec
