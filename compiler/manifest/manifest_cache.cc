#include "manifest/manifest_cache.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <stdexcept>

#include <fmt/format.h>

#include "base/byte_codec.h"
#include "base/word_checksum.h"
#include "schema/schema_codec.h"

namespace profilec::manifest {
namespace {

constexpr std::string_view kMagic = "profilec manifest cache 2\n";
constexpr std::size_t kChecksumBytes = sizeof(std::uint64_t);
// A manifest changed less than this before the cache was written may have
// changed again within the same clock tick without its stamp moving.
constexpr std::int64_t kSettleNs = 1'000'000'000;
constexpr std::uint64_t kMaxCacheBytes = std::uint64_t{1} << 30;

// The cache file's name: 64-bit FNV-1a of the header, in hex. (SHA-256
// would cost a run OpenSSL's start-up, a third of a warm run's work.) Two
// folders that collided would only take turns writing the file: the header
// inside it is compared in full.
std::string file_name_of(std::string_view header) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : header) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return fmt::format("manifests-{:016x}.cache", hash);
}

std::string header_of(const ManifestCacheOptions& options, const std::string& folder, const std::string& real_folder) {
  ByteWriter out;
  out.str(options.program_identity);
  out.str(folder);
  out.str(real_folder);
  return out.take();
}

void write_stamp(ByteWriter& out, const std::optional<FileStamp>& stamp) {
  out.boolean(stamp.has_value());
  if (!stamp) return;
  out.u64(stamp->size);
  out.i64(stamp->modified_ns);
  out.i64(stamp->changed_ns);
  out.u64(stamp->inode);
  out.u64(stamp->device);
}

std::optional<FileStamp> read_stamp(ByteReader& in) {
  if (!in.boolean()) return std::nullopt;
  FileStamp stamp;
  stamp.size = in.u64();
  stamp.modified_ns = in.i64();
  stamp.changed_ns = in.i64();
  stamp.inode = in.u64();
  stamp.device = in.u64();
  return stamp;
}

void write_finding(ByteWriter& out, const Diagnostic& finding) {
  out.u64(static_cast<std::uint64_t>(finding.code));
  out.u64(static_cast<std::uint64_t>(finding.severity));
  out.str(finding.message);
  out.str(finding.help);
  out.boolean(finding.span.known());
  for (const SourcePosition& at : {finding.span.begin, finding.span.end}) {
    out.u64(at.line);
    out.u64(at.column);
  }
}

Diagnostic read_finding(ByteReader& in) {
  Diagnostic finding;
  const std::uint64_t code = in.u64();
  if (code >= all_diagnostics().size()) in.fail("bad code");
  finding.code = static_cast<DiagnosticCode>(code);
  const std::uint64_t severity = in.u64();
  if (severity > static_cast<std::uint64_t>(Severity::kError)) in.fail("bad severity");
  finding.severity = static_cast<Severity>(severity);
  finding.message = in.str();
  finding.help = in.str();
  // A known span gets its path back in replay_findings; an empty string
  // marks it meanwhile.
  if (in.boolean()) finding.span.path = std::make_shared<const std::string>();
  for (SourcePosition* at : {&finding.span.begin, &finding.span.end}) {
    at->line = static_cast<std::uint32_t>(in.u64());
    at->column = static_cast<std::uint32_t>(in.u64());
  }
  return finding;
}

// Findings the cache can keep: no notes, no fixes, a span in the manifest.
bool keepable(const Diagnostics& findings, const std::string& path) {
  for (const Diagnostic& finding : findings.all()) {
    if (!finding.notes.empty() || !finding.fixes.empty()) return false;
    if (finding.span.known() && *finding.span.path != path) return false;
  }
  return true;
}

std::optional<std::string> non_empty(const Environment& environment, std::string_view name) {
  auto value = environment.get(std::string(name));
  if (!value || value->empty()) return std::nullopt;
  return value;
}

}  // namespace

std::optional<std::string> manifest_cache_dir(const Environment& environment) {
  if (non_empty(environment, kNoManifestCacheVariable)) return std::nullopt;
  if (auto dir = non_empty(environment, kCacheDirVariable)) return dir;
  if (auto xdg = non_empty(environment, "XDG_CACHE_HOME"); xdg && xdg->front() == '/') {
    return join_path(*xdg, "profilec");
  }
  if (auto home = non_empty(environment, "HOME"); home && home->front() == '/') {
    return join_path(*home, ".cache/profilec");
  }
  return std::nullopt;
}

FolderManifestCache::FolderManifestCache(ManifestCacheOptions options, const std::string& folder,
                                         const std::string& real_folder)
    : options_(std::move(options)) {
  header_ = header_of(options_, folder, real_folder);
  path_ = join_path(options_.dir, file_name_of(header_));
  load(folder, real_folder);
}

void FolderManifestCache::load(const std::string& folder, const std::string& real_folder) {
  cache_stamp_ = options_.files->stamp(path_);
  auto mapped = options_.files->map_file_up_to(path_, kMaxCacheBytes);
  if (!mapped) return;
  std::shared_ptr<const FileBytes> owned = std::move(*mapped);
  const std::string_view bytes = owned->bytes();
  if (bytes.size() < kMagic.size() + kChecksumBytes || bytes.substr(0, kMagic.size()) != kMagic) return;
  std::uint64_t expected = 0;
  std::memcpy(&expected, bytes.data() + kMagic.size(), kChecksumBytes);
  const std::string_view body = bytes.substr(kMagic.size() + kChecksumBytes);
  if (word_checksum(body) != expected) return;
  std::map<std::string, CachedManifest, std::less<>> entries;
  try {
    ByteReader in(body, "manifest cache");
    if (in.str() != options_.program_identity || in.str() != folder || in.str() != real_folder) return;
    const std::uint64_t count = in.u64();
    for (std::uint64_t i = 0; i < count; ++i) {
      std::string path = in.str();
      CachedManifest cached;
      cached.stamp = read_stamp(in);
      cached.digest = in.str();
      cached.domain = in.str();
      cached.schema = in.view();
      in.vec(cached.findings, [&](Diagnostic& finding) { finding = read_finding(in); });
      entries.emplace(std::move(path), std::move(cached));
    }
    if (!in.done()) return;
  } catch (const std::runtime_error&) {
    return;  // as if there were no cache
  }
  loaded_ = std::move(entries);
  buffer_ = std::move(owned);
}

bool FolderManifestCache::settled(const FileStamp& stamp) const {
  if (!cache_stamp_) return false;
  const std::int64_t last_change = std::max(stamp.modified_ns, stamp.changed_ns);
  return last_change <= cache_stamp_->modified_ns - kSettleNs;
}

const CachedManifest* FolderManifestCache::find_by_stamp(const std::string& path,
                                                         const std::optional<FileStamp>& stamp) {
  if (!stamp || !settled(*stamp)) return nullptr;
  const auto it = loaded_.find(path);
  if (it == loaded_.end() || it->second.stamp != stamp) return nullptr;
  return &met_.insert(loaded_.extract(it)).position->second;
}

const CachedManifest* FolderManifestCache::find_by_digest(const std::string& path, const std::string& digest,
                                                          const std::optional<FileStamp>& stamp) {
  const auto it = loaded_.find(path);
  if (it == loaded_.end() || it->second.digest != digest) return nullptr;
  CachedManifest& met = met_.insert(loaded_.extract(it)).position->second;
  met.stamp = stamp;
  changed_ = true;  // a newer stamp, or one to settle
  return &met;
}

void FolderManifestCache::store(const std::string& path, const std::optional<FileStamp>& stamp, std::string digest,
                                const schema::PayloadSchema* schema, const Diagnostics& findings) {
  if (!keepable(findings, path)) {
    changed_ = true;  // the old reading, if any, is dropped
    return;
  }
  changed_ = true;
  CachedManifest& cached = met_[path];
  cached.stamp = stamp;
  cached.digest = std::move(digest);
  cached.findings = findings.all();
  if (schema) {
    cached.domain = schema->payload_type;
    cached.schema = *fresh_schemas_.emplace_back(std::make_unique<std::string>(schema::encode_schema(*schema)));
  }
}

void FolderManifestCache::save() {
  if (!changed_ && loaded_.empty()) return;  // what is left in loaded_ is gone from the folder
  ByteWriter out;
  out.u64(met_.size());
  for (const auto& [path, cached] : met_) {
    out.str(path);
    write_stamp(out, cached.stamp);
    out.str(cached.digest);
    out.str(cached.domain);
    out.str(cached.schema);
    out.vec(cached.findings, [&](const Diagnostic& finding) { write_finding(out, finding); });
  }
  const std::string body = header_ + out.take();
  const std::uint64_t sum = word_checksum(body);
  std::string file(kMagic);
  file.append(reinterpret_cast<const char*>(&sum), kChecksumBytes);
  file += body;
  // Unwritable (a read-only home, a full disk): the next run reads the
  // manifests again, as this one did.
  (void)options_.files->write_file_atomically(path_, file);
}

void replay_findings(const CachedManifest& cached, const std::string& path, Diagnostics& diagnostics) {
  if (cached.findings.empty()) return;
  const auto shared_path = std::make_shared<const std::string>(path);
  for (const Diagnostic& finding : cached.findings) {
    Diagnostic& copy = diagnostics.report(finding.code, finding.span, finding.message, finding.help);
    copy.severity = finding.severity;
    if (copy.span.known()) copy.span.path = shared_path;
  }
}

}  // namespace profilec::manifest
