#include "project/result_cache.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <stdexcept>
#include <unordered_map>

#include "base/byte_codec.h"

namespace profilec {
namespace {

constexpr std::string_view kMagic = "profilec-result-cache\n";
constexpr std::uint64_t kFormatVersion = 1;

std::uint64_t checksum(std::string_view body) { return std::hash<std::string_view>{}(body); }

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

ResultCache ResultCache::read(const FileSystem& files, const std::string& path, const std::string& run_key) {
  ResultCache cache;
  cache.run_key_ = run_key;
  if (files.kind(path) == PathKind::kMissing) return cache;
  auto text = files.read_file(path);
  if (!text) {
    cache.why_ = fmt::format("cannot read it: {}", text.error().message);
    return cache;
  }
  const auto owner = std::make_shared<const std::string>(std::move(*text));
  std::string_view bytes = *owner;
  if (!bytes.starts_with(kMagic)) {
    cache.why_ = "not a result cache";
    return cache;
  }
  bytes.remove_prefix(kMagic.size());
  try {
    ByteReader head(bytes, "result cache");
    if (head.u64() != kFormatVersion) {
      cache.why_ = "another format version";
      return cache;
    }
    if (head.view() != run_key) {
      cache.why_ = "made by another build of profilec or for other schemas or options";
      return cache;
    }
    const std::uint64_t sum = head.u64();
    const std::string_view body = head.view();
    if (!head.done() || checksum(body) != sum) {
      cache.why_ = "damaged (its checksum does not match)";
      return cache;
    }
    ByteReader in(body, "result cache");
    std::vector<KeptEntry> entries;
    in.vec(entries, [&](KeptEntry& entry) {
      entry.inputs = read_inputs(in);
      entry.owner = owner;
      entry.result = in.view();
      entry.from_file = true;
    });
    if (!in.done()) in.fail("trailing bytes");
    for (KeptEntry& entry : entries) {
      std::string key = entry.inputs.source_path;
      cache.entries_.insert_or_assign(std::move(key), std::move(entry));
    }
    cache.usable_ = cache.entries_.size() == entries.size();
  } catch (const std::runtime_error& error) {
    cache.entries_.clear();
    cache.why_ = fmt::format("damaged ({})", error.what());
  }
  return cache;
}

const KeptEntry* ResultCache::find(const std::string& source_path) const {
  const auto it = entries_.find(source_path);
  return it == entries_.end() ? nullptr : &it->second;
}

std::string write_result_cache(const std::string& run_key, std::vector<const KeptEntry*> entries) {
  std::sort(entries.begin(), entries.end(),
            [](const KeptEntry* a, const KeptEntry* b) { return a->inputs.source_path < b->inputs.source_path; });
  std::size_t size = 64 + run_key.size();
  for (const KeptEntry* entry : entries) size += entry->result.size() + 512;
  ByteWriter body;
  body.reserve(size);
  body.vec(entries, [&](const KeptEntry* entry) {
    write_inputs(body, entry->inputs);
    body.str(entry->result);
  });
  const std::string body_bytes = body.take();
  ByteWriter head;
  head.reserve(body_bytes.size() + run_key.size() + 64);
  head.u64(kFormatVersion);
  head.str(run_key);
  head.u64(checksum(body_bytes));
  head.str(body_bytes);
  std::string text(kMagic);
  text += head.take();
  return text;
}

}  // namespace profilec
