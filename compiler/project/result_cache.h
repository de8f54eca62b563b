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
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/recorded_reads.h"
#include "cert/payload_certificates.h"
#include "diag/diagnostic.h"
#include "diag/suppression.h"
#include "ir/profile.h"
#include "lang/resolve_uses.h"

namespace profilec {

inline constexpr std::string_view kResultCacheName = ".profilec-build-cache";

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
// (encode_kept_result), in bytes `owner` holds: the cache file's, or its own.
struct KeptEntry {
  KeptInputs inputs;
  std::shared_ptr<const std::string> owner;
  std::string_view result;
  // Read from the cache file (not made in this run).
  bool from_file = false;
};

std::string encode_kept_result(const ir::Profile& profile, const Diagnostics& diagnostics,
                               const std::vector<UnusedSuppression>& unused_suppressions,
                               const lang::UseResolution& uses);
// Throws std::runtime_error on bytes encode_kept_result did not write.
KeptResult decode_kept_result(std::string_view bytes);

class ResultCache {
 public:
  ResultCache() = default;
  // Reads `path` for a run whose key is `run_key`. Anything wrong with it
  // gives an empty cache; why() says what ("" when there was no file).
  static ResultCache read(const FileSystem& files, const std::string& path, const std::string& run_key);

  // The entry of the policy at `source_path`, or nullptr.
  const KeptEntry* find(const std::string& source_path) const;
  std::size_t size() const { return entries_.size(); }
  const std::string& why() const { return why_; }
  const std::string& run_key() const { return run_key_; }
  // True when the file holds exactly these entries for this run key: a
  // build that keeps the same entries (all from_file, as many) need not
  // write it again.
  bool usable() const { return usable_; }

 private:
  std::string run_key_;
  bool usable_ = false;
  std::string why_;
  std::map<std::string, KeptEntry, std::less<>> entries_;  // by source path
};

// The cache file's bytes for `entries` (one per source path; written in
// path order, so the same entries give the same bytes).
std::string write_result_cache(const std::string& run_key, std::vector<const KeptEntry*> entries);

}  // namespace profilec
