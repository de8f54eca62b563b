#include "project/result_cache.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <unordered_map>

#include "base/byte_codec.h"
#include "base/word_checksum.h"

namespace profilec {
namespace {

// Each file: its magic line, the format version, the checksum of the
// body (8 bytes as this machine keeps a word; word_checksum), the body.
// The base's body: the run key, then its entries. The journal's: the run
// key, the checksum and size of the base it extends, its entries, the
// source paths it withdraws. An entry: its inputs and its result, as one
// string (copied as it is when the base is written whole).
constexpr std::string_view kMagic = "profilec-result-cache\n";
constexpr std::string_view kJournalMagic = "profilec-result-cache-journal\n";
constexpr std::uint64_t kFormatVersion = 2;
constexpr std::size_t kChecksumBytes = sizeof(std::uint64_t);
constexpr std::uint64_t kMaxCacheBytes = std::uint64_t{1} << 32;

// Spans keep their path by pointer: the spans of one file share one string,
// and a fragment's keys carry a string of their own per payload and use
// (lang::FragmentSite::path), found again by its address. So paths are
// written once each, as a table, and every span names its entry: decoding
// gives one string per entry, shared as the encoded ones were.
class ResultWriter {
 public:
  void span(const SourceSpan& s) {
    out_.u64(path(s.path.get()));
    out_.u64(s.begin.line);
    out_.u64(s.begin.column);
    out_.u64(s.end.line);
    out_.u64(s.end.column);
  }
  void value(const ir::Value& v) {
    out_.u64(static_cast<std::uint64_t>(v.kind()));
    switch (v.kind()) {
      case ir::Value::Kind::kBoolean: out_.boolean(v.boolean()); break;
      case ir::Value::Kind::kInteger: out_.i64(v.integer()); break;
      case ir::Value::Kind::kBigUnsigned: out_.u64(std::get<ir::BigUnsigned>(v.storage).value); break;
      case ir::Value::Kind::kReal: out_.f64(v.real()); break;
      case ir::Value::Kind::kString: out_.str(v.string()); break;
      case ir::Value::Kind::kDate: {
        const ir::Date& d = v.date();
        for (int part : {d.year, d.month, d.day, d.hour, d.minute, d.second}) out_.i64(part);
        break;
      }
      case ir::Value::Kind::kData: out_.str(v.data().bytes); break;
      case ir::Value::Kind::kArray: out_.vec(v.array(), [&](const ir::Value& item) { value(item); }); break;
      case ir::Value::Kind::kDict:
        out_.vec(v.dict(), [&](const ir::DictEntry& entry) {
          out_.str(entry.key);
          span(entry.key_span);
          value(entry.value);
        });
        break;
    }
    span(v.span);
    out_.boolean(v.secret);
  }
  void profile(const ir::Profile& p) {
    out_.str(p.source_path);
    value(p.envelope);
    out_.vec(p.payloads, [&](const ir::Payload& payload) {
      out_.str(payload.name);
      out_.str(payload.type);
      span(payload.span);
      value(payload.content);
    });
    const ir::Target& t = p.target;
    out_.vec(t.platforms, [&](const ir::PlatformTarget& platform) {
      out_.str(platform.platform);
      out_.str(platform.min_version);
      span(platform.span);
    });
    out_.boolean(t.supervised);
    out_.u64(static_cast<std::uint64_t>(t.enrollment));
    out_.boolean(t.shared_ipad);
    out_.u64(static_cast<std::uint64_t>(t.install));
    span(t.span);
    out_.boolean(p.has_payload_content);
    out_.boolean(p.read_from_plist);
  }
  void diagnostic(const Diagnostic& d) {
    out_.u64(static_cast<std::uint64_t>(d.code));
    out_.u64(static_cast<std::uint64_t>(d.severity));
    out_.str(d.message);
    span(d.span);
    out_.vec(d.notes, [&](const DiagnosticNote& note) {
      span(note.span);
      out_.str(note.message);
    });
    out_.str(d.help);
    out_.vec(d.fixes, [&](const DiagnosticFix& fix) {
      span(fix.span);
      out_.str(fix.replacement);
      out_.str(fix.title);
    });
  }
  void unused(const UnusedSuppression& u) {
    span(u.span);
    out_.u64(static_cast<std::uint64_t>(u.code));
    out_.str(u.written);
    out_.u64(u.covered);
  }
  void site(const lang::FragmentSite& s) {
    out_.str(s.name);
    span(s.use);
    out_.str(s.via);
    out_.u64(path(s.path.get()));
    out_.boolean(s.stdlib);
    span(s.named_at);
    out_.str(s.named);
  }
  ByteWriter& out() { return out_; }
  // The path table, then the body.
  std::string take() {
    ByteWriter all;
    all.vec(paths_, [&](const std::string* p) { all.str(*p); });
    std::string bytes = all.take();
    bytes += out_.take();
    return bytes;
  }

 private:
  std::uint64_t path(const std::string* p) {
    if (p == nullptr) return 0;
    auto [it, inserted] = index_.emplace(p, paths_.size() + 1);
    if (inserted) paths_.push_back(p);
    return it->second;
  }

  ByteWriter out_;
  std::vector<const std::string*> paths_;
  std::unordered_map<const std::string*, std::uint64_t> index_;
};

class ResultReader {
 public:
  explicit ResultReader(std::string_view bytes) : in_(bytes, "result cache entry") {
    std::vector<std::string> names;
    in_.vec(names, [&](std::string& name) { name = in_.str(); });
    for (std::string& name : names) paths_.push_back(std::make_shared<const std::string>(std::move(name)));
  }
  template <typename E>
  E enumerator(std::uint64_t last) {
    const std::uint64_t v = in_.u64();
    if (v > last) in_.fail("bad enumerator");
    return static_cast<E>(v);
  }
  std::uint32_t u32() {
    const std::uint64_t v = in_.u64();
    if (v > UINT32_MAX) in_.fail("bad position");
    return static_cast<std::uint32_t>(v);
  }
  SourceSpan span() {
    SourceSpan s;
    span_into(s);
    return s;
  }
  // In place, as value_into: no span, value or string is made and then moved.
  void span_into(SourceSpan& s) {
    s.path = path();
    s.begin = {u32(), u32()};
    s.end = {u32(), u32()};
  }
  void value_into(ir::Value& v, int depth) {
    if (depth > 512) in_.fail("too deep");
    switch (enumerator<ir::Value::Kind>(static_cast<std::uint64_t>(ir::Value::Kind::kDict))) {
      case ir::Value::Kind::kBoolean: v.storage.emplace<bool>(in_.boolean()); break;
      case ir::Value::Kind::kInteger: v.storage.emplace<std::int64_t>(in_.i64()); break;
      case ir::Value::Kind::kBigUnsigned: v.storage.emplace<ir::BigUnsigned>(ir::BigUnsigned{in_.u64()}); break;
      case ir::Value::Kind::kReal: v.storage.emplace<double>(in_.f64()); break;
      case ir::Value::Kind::kString: v.storage.emplace<std::string>(in_.view()); break;
      case ir::Value::Kind::kDate: {
        ir::Date d;
        for (int* part : {&d.year, &d.month, &d.day, &d.hour, &d.minute, &d.second}) {
          *part = static_cast<int>(in_.i64());
        }
        v.storage.emplace<ir::Date>(d);
        break;
      }
      case ir::Value::Kind::kData: v.storage.emplace<ir::Data>(ir::Data{in_.str()}); break;
      case ir::Value::Kind::kArray: {
        ir::Array& items = v.storage.emplace<ir::Array>();
        in_.vec(items, [&](ir::Value& item) { value_into(item, depth + 1); });
        break;
      }
      case ir::Value::Kind::kDict: {
        ir::Dict& entries = v.storage.emplace<ir::Dict>();
        in_.vec(entries, [&](ir::DictEntry& entry) {
          entry.key = in_.view();
          span_into(entry.key_span);
          value_into(entry.value, depth + 1);
        });
        break;
      }
    }
    span_into(v.span);
    v.secret = in_.boolean();
  }
  ir::Profile profile() {
    ir::Profile p;
    p.source_path = in_.str();
    value_into(p.envelope, 0);
    in_.vec(p.payloads, [&](ir::Payload& payload) {
      payload.name = in_.str();
      payload.type = in_.str();
      span_into(payload.span);
      value_into(payload.content, 0);
    });
    ir::Target& t = p.target;
    in_.vec(t.platforms, [&](ir::PlatformTarget& platform) {
      platform.platform = in_.str();
      platform.min_version = in_.str();
      platform.span = span();
    });
    t.supervised = in_.boolean();
    t.enrollment = enumerator<ir::Enrollment>(static_cast<std::uint64_t>(ir::Enrollment::kAutomated));
    t.shared_ipad = in_.boolean();
    t.install = enumerator<ir::InstallMethod>(static_cast<std::uint64_t>(ir::InstallMethod::kManual));
    t.span = span();
    p.has_payload_content = in_.boolean();
    p.read_from_plist = in_.boolean();
    return p;
  }
  DiagnosticCode code() { return enumerator<DiagnosticCode>(static_cast<std::uint64_t>(all_diagnostics().size()) - 1); }
  Diagnostic diagnostic() {
    Diagnostic d{};
    d.code = code();
    d.severity = enumerator<Severity>(static_cast<std::uint64_t>(Severity::kError));
    d.message = in_.str();
    d.span = span();
    in_.vec(d.notes, [&](DiagnosticNote& note) {
      note.span = span();
      note.message = in_.str();
    });
    d.help = in_.str();
    in_.vec(d.fixes, [&](DiagnosticFix& fix) {
      fix.span = span();
      fix.replacement = in_.str();
      fix.title = in_.str();
    });
    return d;
  }
  UnusedSuppression unused() {
    UnusedSuppression u;
    u.span = span();
    u.code = code();
    u.written = in_.str();
    u.covered = u32();
    return u;
  }
  lang::FragmentSite site() {
    lang::FragmentSite s;
    s.name = in_.str();
    s.use = span();
    s.via = in_.str();
    s.path = path();
    s.stdlib = in_.boolean();
    s.named_at = span();
    s.named = in_.str();
    return s;
  }
  ByteReader& in() { return in_; }

 private:
  std::shared_ptr<const std::string> path() {
    const std::uint64_t index = in_.u64();
    if (index > paths_.size()) in_.fail("bad path");
    return index == 0 ? nullptr : paths_[index - 1];
  }

  ByteReader in_;
  std::vector<std::shared_ptr<const std::string>> paths_;
};

void write_inputs(ByteWriter& out, const KeptInputs& inputs) {
  out.str(inputs.source_path);
  out.str(inputs.output_name);
  out.str(inputs.source_sha256);
  out.str(inputs.project_key);
  out.vec(inputs.reads, [&](const RecordedRead& read) {
    out.u64(read.kind);
    out.str(read.name);
    out.u64(read.limit);
    out.str(read.answer);
  });
  out.vec(inputs.fragments, [&](const KeptFragment& fragment) {
    out.str(fragment.path);
    out.boolean(fragment.stdlib);
    out.str(fragment.name);
    out.str(fragment.answer);
  });
  out.i64(inputs.clock.from);
  out.i64(inputs.clock.until);
  out.str(inputs.unsigned_sha256);
}

KeptInputs read_inputs(ByteReader& in) {
  KeptInputs inputs;
  inputs.source_path = in.str();
  inputs.output_name = in.str();
  inputs.source_sha256 = in.str();
  inputs.project_key = in.str();
  in.vec(inputs.reads, [&](RecordedRead& read) {
    const std::uint64_t kind = in.u64();
    if (kind > RecordedRead::kEnvironment) in.fail("bad read");
    read.kind = static_cast<RecordedRead::Kind>(kind);
    read.name = in.str();
    read.limit = in.u64();
    read.answer = in.str();
  });
  in.vec(inputs.fragments, [&](KeptFragment& fragment) {
    fragment.path = in.str();
    fragment.stdlib = in.boolean();
    fragment.name = in.str();
    fragment.answer = in.str();
  });
  inputs.clock.from = in.i64();
  inputs.clock.until = in.i64();
  inputs.unsigned_sha256 = in.str();
  return inputs;
}

}  // namespace

std::string encode_kept_result(const ir::Profile& profile, const Diagnostics& diagnostics,
                               const std::vector<UnusedSuppression>& unused_suppressions,
                               const lang::UseResolution& uses) {
  ResultWriter writer;
  writer.profile(profile);
  writer.out().vec(diagnostics.all(), [&](const Diagnostic& d) { writer.diagnostic(d); });
  writer.out().vec(unused_suppressions, [&](const UnusedSuppression& u) { writer.unused(u); });
  writer.out().boolean(uses.usable);
  writer.out().vec(uses.sites, [&](const lang::FragmentSite& s) { writer.site(s); });
  return writer.take();
}

KeptResult decode_kept_result(std::string_view bytes) {
  ResultReader reader(bytes);
  KeptResult result;
  result.profile = reader.profile();
  std::vector<Diagnostic> diagnostics;
  reader.in().vec(diagnostics, [&](Diagnostic& d) { d = reader.diagnostic(); });
  result.diagnostics.mutable_all() = std::move(diagnostics);
  reader.in().vec(result.unused_suppressions, [&](UnusedSuppression& u) { u = reader.unused(); });
  result.uses.usable = reader.in().boolean();
  reader.in().vec(result.uses.sites, [&](lang::FragmentSite& s) { s = reader.site(); });
  if (!reader.in().done()) reader.in().fail("trailing bytes");
  return result;
}

namespace {

// A file is written in one buffer: its head (magic, version, room for the
// checksum), then its body, then the checksum of the body in its room.
class FileWriter {
 public:
  FileWriter(std::string_view magic, std::size_t body_bytes) {
    out.reserve(magic.size() + 16 + body_bytes);
    out.raw(magic);
    out.u64(kFormatVersion);
    head_ = magic.size() + 1;
    out.raw(std::string_view("\0\0\0\0\0\0\0\0", kChecksumBytes));
  }
  std::string take(std::uint64_t* sum = nullptr) {
    std::string file = out.take();
    const std::uint64_t checksum = word_checksum(std::string_view(file).substr(head_ + kChecksumBytes));
    std::memcpy(file.data() + head_, &checksum, kChecksumBytes);
    if (sum != nullptr) *sum = checksum;
    return file;
  }

  ByteWriter out;

 private:
  std::size_t head_ = 0;
};
static_assert(kFormatVersion < 0x80, "FileWriter keeps one byte for the version");

// What an entry takes in a file, at least.
std::size_t least_size(const KeptEntry& entry) {
  return entry.encoded.empty() ? entry.result.size() + entry.inputs.source_path.size() : entry.encoded.size();
}

// A file's body once its magic, version and checksum hold.
struct Unsealed {
  std::string_view body;
  std::uint64_t checksum = 0;
  std::string problem;  // "" when it holds
};

Unsealed unseal(std::string_view bytes, std::string_view magic, std::string_view kind) {
  Unsealed file;
  if (!bytes.starts_with(magic)) {
    file.problem = fmt::format("not a {}", kind);
    return file;
  }
  bytes.remove_prefix(magic.size());
  try {
    ByteReader head(bytes, kind);
    if (head.u64() != kFormatVersion) {
      file.problem = "of another format version";
      return file;
    }
    const std::size_t at = bytes.size() - head.rest().size();
    if (bytes.size() - at < kChecksumBytes) head.fail("truncated");
    std::memcpy(&file.checksum, bytes.data() + at, kChecksumBytes);
    file.body = bytes.substr(at + kChecksumBytes);
  } catch (const std::runtime_error& error) {
    file.problem = fmt::format("damaged ({})", error.what());
    return file;
  }
  if (word_checksum(file.body) != file.checksum) file.problem = "damaged (its checksum does not match)";
  return file;
}

void write_entry(ByteWriter& out, const KeptEntry& entry) {
  if (!entry.encoded.empty()) {
    out.str(entry.encoded);
    return;
  }
  ByteWriter one;
  one.reserve(entry.result.size() + 512);
  write_inputs(one, entry.inputs);
  one.str(entry.result);
  out.str(one.take());
}

// The entries of a body, their bytes in `owner`; the source path of each
// (a view into `owner`) to `paths` when given.
std::vector<KeptEntry> read_entries(ByteReader& in, const std::shared_ptr<const FileBytes>& owner, bool journal,
                                    std::vector<std::string_view>* paths) {
  std::vector<KeptEntry> entries;
  in.vec(entries, [&](KeptEntry& entry) {
    entry.encoded = in.view();
    ByteReader one(entry.encoded, "result cache entry");
    if (paths != nullptr) paths->push_back(ByteReader(entry.encoded, "result cache entry").view());
    entry.inputs = read_inputs(one);
    entry.result = one.view();
    if (!one.done()) one.fail("trailing bytes");
    entry.owner = owner;
    entry.from_file = true;
    entry.from_journal = journal;
  });
  return entries;
}

std::string write_journal(const std::string& run_key, std::uint64_t base_checksum, std::uint64_t base_size,
                          const std::vector<const KeptEntry*>& entries,
                          const std::vector<std::string_view>& withdrawn) {
  std::size_t size = 64 + run_key.size();
  for (const KeptEntry* entry : entries) size += least_size(*entry) + 512;
  FileWriter file(kJournalMagic, size);
  file.out.str(run_key);
  file.out.u64(base_checksum);
  file.out.u64(base_size);
  file.out.vec(entries, [&](const KeptEntry* entry) { write_entry(file.out, *entry); });
  file.out.vec(withdrawn, [&](std::string_view path) { file.out.str(path); });
  return file.take();
}

std::string write_base(const std::string& run_key, const std::vector<const KeptEntry*>& entries,
                       std::uint64_t* checksum) {
  std::size_t size = 64 + run_key.size();
  for (const KeptEntry* entry : entries) size += least_size(*entry) + (entry->encoded.empty() ? 512 : 8);
  FileWriter file(kMagic, size);
  file.out.str(run_key);
  file.out.vec(entries, [&](const KeptEntry* entry) { write_entry(file.out, *entry); });
  return file.take(checksum);
}

constexpr std::string_view kOtherRunKey = "made by another build of profilec or for other schemas or options";

}  // namespace

ResultCache ResultCache::read(const FileSystem& files, const std::string& path, const std::string& run_key) {
  ResultCache cache;
  cache.path_ = path;
  cache.run_key_ = run_key;
  const std::string journal_path = path + std::string(kResultCacheJournalSuffix);
  cache.journal_exists_ = files.kind(journal_path) != PathKind::kMissing;
  if (files.kind(path) == PathKind::kMissing) {
    if (cache.journal_exists_) cache.why_ = "its journal has no base";
    return cache;
  }
  auto base = files.map_file_up_to(path, kMaxCacheBytes);
  if (!base) {
    cache.why_ = fmt::format("cannot read it: {}", base.error().message);
    return cache;
  }
  std::shared_ptr<const FileBytes> base_bytes = std::move(*base);
  const Unsealed base_file = unseal(base_bytes->bytes(), kMagic, "result cache");
  if (!base_file.problem.empty()) {
    cache.why_ = base_file.problem.starts_with("of ") ? base_file.problem.substr(3) : base_file.problem;
    return cache;
  }
  std::vector<KeptEntry> entries;
  std::vector<std::string_view> base_paths;
  try {
    ByteReader in(base_file.body, "result cache");
    if (in.view() != run_key) {
      cache.why_ = kOtherRunKey;
      return cache;
    }
    entries = read_entries(in, base_bytes, false, &base_paths);
    if (!in.done()) in.fail("trailing bytes");
  } catch (const std::runtime_error& error) {
    cache.why_ = fmt::format("damaged ({})", error.what());
    return cache;
  }
  std::vector<KeptEntry> changed;
  std::vector<std::string_view> withdrawn;
  std::shared_ptr<const FileBytes> journal_bytes;
  if (cache.journal_exists_) {
    auto journal = files.map_file_up_to(journal_path, kMaxCacheBytes);
    if (!journal) {
      cache.why_ = fmt::format("cannot read its journal: {}", journal.error().message);
      return cache;
    }
    journal_bytes = std::move(*journal);
    const Unsealed journal_file = unseal(journal_bytes->bytes(), kJournalMagic, "result cache journal");
    if (!journal_file.problem.empty()) {
      cache.why_ = fmt::format("its journal is {}", journal_file.problem);
      return cache;
    }
    try {
      ByteReader in(journal_file.body, "result cache journal");
      if (in.view() != run_key) {
        cache.why_ = fmt::format("its journal was {}", kOtherRunKey);
        return cache;
      }
      const std::uint64_t extends = in.u64();
      if (extends != base_file.checksum || in.u64() != base_bytes->bytes().size()) {
        cache.why_ = "its journal extends another base";
        return cache;
      }
      changed = read_entries(in, journal_bytes, true, nullptr);
      in.vec(withdrawn, [&](std::string_view& gone) { gone = in.view(); });
      if (!in.done()) in.fail("trailing bytes");
    } catch (const std::runtime_error& error) {
      cache.why_ = fmt::format("its journal is damaged ({})", error.what());
      return cache;
    }
  }
  for (KeptEntry& entry : entries) {
    std::string key = entry.inputs.source_path;
    cache.entries_.insert_or_assign(std::move(key), std::move(entry));
  }
  for (const std::string_view gone : withdrawn) {
    if (const auto it = cache.entries_.find(gone); it != cache.entries_.end()) cache.entries_.erase(it);
  }
  for (KeptEntry& entry : changed) {
    std::string key = entry.inputs.source_path;
    cache.entries_.insert_or_assign(std::move(key), std::move(entry));
  }
  std::sort(base_paths.begin(), base_paths.end());
  cache.base_paths_ = std::move(base_paths);
  cache.base_ = std::move(base_bytes);
  cache.base_checksum_ = base_file.checksum;
  cache.usable_ = true;
  return cache;
}

ResultCacheWrite ResultCache::next(std::vector<const KeptEntry*> entries) const {
  ResultCacheWrite write;
  if (usable_ && entries.size() == entries_.size() &&
      std::all_of(entries.begin(), entries.end(), [](const KeptEntry* e) { return e->from_file; })) {
    return write;
  }
  std::sort(entries.begin(), entries.end(),
            [](const KeptEntry* a, const KeptEntry* b) { return a->inputs.source_path < b->inputs.source_path; });
  const std::string journal_path = path_ + std::string(kResultCacheJournalSuffix);
  if (base_) {
    // The entries not in the base as they are, and the base's paths no
    // entry keeps.
    std::vector<const KeptEntry*> changed;
    for (const KeptEntry* entry : entries) {
      if (!entry->from_file || entry->from_journal) changed.push_back(entry);
    }
    std::vector<std::string_view> withdrawn;
    auto kept = entries.begin();
    for (const std::string_view path : base_paths_) {
      while (kept != entries.end() && (*kept)->inputs.source_path < path) ++kept;
      if (kept == entries.end() || (*kept)->inputs.source_path != path) withdrawn.push_back(path);
    }
    // Not made when its entries alone would not fit.
    std::uint64_t least = 0;
    for (const KeptEntry* entry : changed) least += least_size(*entry);
    std::string journal;
    if (journal_fits(least, base_->bytes().size())) {
      journal = write_journal(run_key_, base_checksum_, base_->bytes().size(), changed, withdrawn);
    }
    if (!journal.empty() && journal_fits(journal.size(), base_->bytes().size())) {
      write.kind = ResultCacheWrite::Kind::kJournal;
      write.entries = changed.size();
      write.withdrawn = withdrawn.size();
      write.files.emplace_back(journal_path, std::move(journal));
      return write;
    }
  }
  write.kind = ResultCacheWrite::Kind::kWhole;
  write.entries = entries.size();
  std::uint64_t checksum = 0;
  std::string base = write_base(run_key_, entries, &checksum);
  // An old journal would extend another base: the cache would be ignored.
  if (journal_exists_) write.files.emplace_back(journal_path, write_journal(run_key_, checksum, base.size(), {}, {}));
  write.files.emplace(write.files.begin(), path_, std::move(base));
  return write;
}

const KeptEntry* ResultCache::find(const std::string& source_path) const {
  const auto it = entries_.find(source_path);
  return it == entries_.end() ? nullptr : &it->second;
}

std::string write_result_cache(const std::string& run_key, std::vector<const KeptEntry*> entries) {
  std::sort(entries.begin(), entries.end(),
            [](const KeptEntry* a, const KeptEntry* b) { return a->inputs.source_path < b->inputs.source_path; });
  return write_base(run_key, entries, nullptr);
}

}  // namespace profilec
