#include "project/build_manifest.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "base/json_reader.h"
#include "base/json_writer.h"
#include "base/utf8.h"

namespace profilec {
namespace {

// The layout write_build_manifest makes, piece by piece: the writer and
// the reader of that layout (AsWritten) share these.
constexpr std::string_view kHeadBeforeFormat = "{\n  \"format\": ";
constexpr std::string_view kHeadBeforeVersion = ",\n  \"version\": ";
constexpr std::string_view kHeadBeforeFiles = ",\n  \"files\": [";
constexpr std::string_view kEntryOpen = "\n    {\"name\": ";
constexpr std::string_view kEntrySha256 = ", \"sha256\": ";
constexpr std::string_view kEntryMadeFrom = ", \"made_from\": ";
constexpr std::string_view kEntryStamp = ", \"stamp\": [";
constexpr std::string_view kStampSeparator = ", ";
constexpr std::string_view kStampClose = "]";
constexpr std::string_view kEntryClose = "}";
constexpr std::string_view kEntrySeparator = ",";
constexpr std::string_view kTailAfterEntries = "\n  ]\n}\n";
constexpr std::string_view kTailWithoutEntries = "]\n}\n";

std::string layout_head() {
  return fmt::format("{}{}{}{}{}", kHeadBeforeFormat, json_escape(kBuildManifestFormat), kHeadBeforeVersion,
                     kBuildManifestVersion, kHeadBeforeFiles);
}

bool is_digest(std::string_view text) {
  if (text.size() != 64) return false;
  // Without an early exit, so that the compiler vectorizes it: a rebuild
  // checks 20,000 of them.
  bool hex = true;
  for (const char c : text) hex &= (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  return hex;
}

// A name inside the folder: relative, every component a plain visible name.
bool is_safe_name(std::string_view name) {
  if (name.empty() || name.front() == '/' || !name.ends_with(".mobileconfig")) return false;
  std::size_t start = 0;
  while (start <= name.size()) {
    const std::size_t end = std::min(name.find('/', start), name.size());
    const std::string_view component = name.substr(start, end - start);
    if (component.empty() || component.front() == '.') return false;
    start = end + 1;
  }
  return name.find('\0') == std::string_view::npos;
}

// Printable ASCII that JSON needs no escape for: json_escape would only
// add the quotes.
bool is_plain(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c < 0x7F && c != '"' && c != '\\'; });
}

void append_string(std::string& out, std::string_view text) {
  if (!is_plain(text)) {
    out += json_escape(text);
    return;
  }
  out += '"';
  out += text;
  out += '"';
}

void append_integer(std::string& out, std::int64_t value) {
  char buffer[24];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  out.append(buffer, end);
}

bool stamp_is_valid(std::int64_t size, std::int64_t modified_ns, std::int64_t changed_ns) {
  return size >= 0 && modified_ns >= 0 && changed_ns >= 0;
}

// No device: the manifest's files are all in its one output folder.
FileStamp stamp_from(std::int64_t size, std::int64_t inode, std::int64_t modified_ns, std::int64_t changed_ns) {
  return FileStamp{.size = static_cast<std::uint64_t>(size),
                   .modified_ns = modified_ns,
                   .changed_ns = changed_ns,
                   .inode = static_cast<std::uint64_t>(inode)};
}

// Sorted by name (the written layout is already), or the name listed twice.
std::optional<std::string> sort_by_name(std::vector<BuildManifestEntry>& files) {
  const auto by_name = [](const BuildManifestEntry& a, const BuildManifestEntry& b) { return a.name < b.name; };
  if (!std::is_sorted(files.begin(), files.end(), by_name)) std::sort(files.begin(), files.end(), by_name);
  for (std::size_t i = 1; i < files.size(); ++i) {
    if (files[i].name == files[i - 1].name) return fmt::format("'{}' is listed twice", files[i].name);
  }
  return std::nullopt;
}

// nullopt when absent; an error when there but not four integers.
Expected<std::optional<FileStamp>, std::string> read_stamp(const JsonValue& entry) {
  const JsonValue* stamp = entry.find("stamp");
  if (stamp == nullptr) return std::optional<FileStamp>{};
  if (!stamp->is_array() || stamp->items.size() != 4 ||
      !std::all_of(stamp->items.begin(), stamp->items.end(),
                   [](const JsonValue& v) { return v.kind == JsonValue::Kind::kInteger; })) {
    return Unexpected{std::string("is not four integers")};
  }
  const auto& n = stamp->items;
  if (!stamp_is_valid(n[0].integer, n[2].integer, n[3].integer))
    return Unexpected{std::string("holds a negative size or time")};
  return std::optional<FileStamp>{stamp_from(n[0].integer, n[1].integer, n[2].integer, n[3].integer)};
}

// write_build_manifest's layout, byte by byte: each read_ function takes
// the next piece or says the text is not in that layout (false).
class AsWritten {
 public:
  explicit AsWritten(std::string_view text) : text_(text) {}

  std::optional<BuildManifest> read() {
    // The generic reader refuses a text over its limit: so must this one.
    if (text_.size() > JsonLimits{}.max_bytes || !read_literal(layout_head())) return std::nullopt;
    BuildManifest manifest;
    // One entry a line, each at least its punctuation, three quoted
    // strings (a name of one letter or more, two digests): room for as
    // many as the text can hold.
    constexpr std::size_t kQuotedDigest = 66;
    constexpr std::size_t kShortestEntry = kEntryOpen.size() + std::string_view("\"a\"").size() + kEntrySha256.size() +
                                           kEntryMadeFrom.size() + 2 * kQuotedDigest + kEntryClose.size();
    manifest.files.reserve(std::min(static_cast<std::size_t>(std::count(text_.begin(), text_.end(), '\n')),
                                    text_.size() / kShortestEntry));
    if (read_literal(kTailWithoutEntries)) return at_end() ? std::optional(std::move(manifest)) : std::nullopt;
    do {
      BuildManifestEntry& entry = manifest.files.emplace_back();
      if (!read_literal(kEntryOpen) || !read_string(entry.name) || !read_literal(kEntrySha256) ||
          !read_string(entry.sha256) || !read_literal(kEntryMadeFrom) || !read_string(entry.made_from) ||
          !read_entry_stamp(entry.stamp) || !read_literal(kEntryClose)) {
        return std::nullopt;
      }
      if (!is_safe_name(entry.name) || !is_digest(entry.sha256) || !is_digest(entry.made_from)) return std::nullopt;
    } while (read_literal(kEntrySeparator));
    if (!read_literal(kTailAfterEntries) || !at_end() || sort_by_name(manifest.files)) return std::nullopt;
    return manifest;
  }

 private:
  bool at_end() const { return at_ == text_.size(); }

  bool read_literal(std::string_view literal) {
    if (text_.substr(at_, literal.size()) != literal) return false;
    at_ += literal.size();
    return true;
  }

  // A string without escapes: printable ASCII and valid UTF-8, as the
  // generic reader reads it.
  bool read_string(std::string& out) {
    if (!read_literal("\"")) return false;
    const std::size_t end = text_.find('"', at_);
    if (end == std::string_view::npos) return false;
    const std::string_view content = text_.substr(at_, end - at_);
    bool plain = true;  // printable ASCII but the backslash
    for (const char c : content) plain &= c >= 0x20 && c < 0x7F && c != '\\';
    if (!plain) {
      for (std::size_t i = 0; i < content.size();) {
        const auto c = static_cast<unsigned char>(content[i]);
        if (c == '\\' || c < 0x20) return false;
        const std::size_t length = c < 0x80 ? 1 : utf8_sequence_length(content.substr(i));
        if (length == 0) return false;
        i += length;
      }
    }
    out.assign(content);
    at_ = end + 1;
    return true;
  }

  // An integer as JSON writes it (no leading zero) that fits.
  bool read_integer(std::int64_t& out) {
    const std::size_t start = at_;
    if (at_ < text_.size() && text_[at_] == '-') ++at_;
    const std::size_t digits = at_;
    while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') ++at_;
    if (at_ == digits || (text_[digits] == '0' && at_ - digits > 1)) return false;
    const auto [end, error] = std::from_chars(text_.data() + start, text_.data() + at_, out);
    return error == std::errc() && end == text_.data() + at_;
  }

  bool read_entry_stamp(std::optional<FileStamp>& stamp) {
    if (!read_literal(kEntryStamp)) return true;  // none
    std::int64_t n[4];
    for (std::size_t i = 0; i < 4; ++i) {
      if ((i > 0 && !read_literal(kStampSeparator)) || !read_integer(n[i])) return false;
    }
    if (!read_literal(kStampClose) || !stamp_is_valid(n[0], n[2], n[3])) return false;
    stamp = stamp_from(n[0], n[1], n[2], n[3]);
    return true;
  }

  std::string_view text_;
  std::size_t at_ = 0;
};

}  // namespace

std::string write_build_manifest(const BuildManifest& manifest) {
  std::string out = layout_head();
  // An entry is about 260 bytes with its stamp.
  out.reserve(out.size() + manifest.files.size() * 272 + kTailAfterEntries.size());
  for (std::size_t i = 0; i < manifest.files.size(); ++i) {
    const BuildManifestEntry& entry = manifest.files[i];
    if (i > 0) out += kEntrySeparator;
    out += kEntryOpen;
    append_string(out, entry.name);
    out += kEntrySha256;
    append_string(out, entry.sha256);
    out += kEntryMadeFrom;
    append_string(out, entry.made_from);
    if (entry.stamp) {
      out += kEntryStamp;
      const std::int64_t stamp[4] = {static_cast<std::int64_t>(entry.stamp->size),
                                     static_cast<std::int64_t>(entry.stamp->inode), entry.stamp->modified_ns,
                                     entry.stamp->changed_ns};
      for (std::size_t n = 0; n < 4; ++n) {
        if (n > 0) out += kStampSeparator;
        append_integer(out, stamp[n]);
      }
      out += kStampClose;
    }
    out += kEntryClose;
  }
  out += manifest.files.empty() ? kTailWithoutEntries : kTailAfterEntries;
  return out;
}

std::optional<BuildManifest> read_build_manifest_as_written(std::string_view text) { return AsWritten(text).read(); }

Expected<BuildManifest, std::string> read_build_manifest_as_json(std::string_view text) {
  auto json = read_json(text);
  if (!json) {
    return Unexpected{fmt::format("not JSON at line {}, column {}: {}", json.error().position.line,
                                  json.error().position.column, json.error().message)};
  }
  if (!json->is_object() || json->string_or("format") != kBuildManifestFormat) {
    return Unexpected{fmt::format("not a profilec build manifest (no \"format\": \"{}\")", kBuildManifestFormat)};
  }
  const std::int64_t version = json->integer_or("version", -1);
  if (version != kBuildManifestVersion) {
    return Unexpected{
        fmt::format("manifest version {} (this profilec reads version {})", version, kBuildManifestVersion)};
  }
  const JsonValue* files = json->find("files");
  if (files == nullptr || !files->is_array()) return Unexpected{std::string("no \"files\" array")};
  BuildManifest manifest;
  for (const JsonValue& item : files->items) {
    const auto where = [&] { return fmt::format("the entry at line {}", item.position.line); };
    if (!item.is_object()) return Unexpected{fmt::format("{} is not an object", where())};
    BuildManifestEntry entry{std::string(item.string_or("name")), std::string(item.string_or("sha256")),
                             std::string(item.string_or("made_from"))};
    if (!is_safe_name(entry.name)) {
      return Unexpected{
          fmt::format("{} names '{}', which is not a .mobileconfig inside the folder", where(), entry.name)};
    }
    if (!is_digest(entry.sha256) || !is_digest(entry.made_from)) {
      return Unexpected{fmt::format("{} ('{}') has no valid sha256 and made_from", where(), entry.name)};
    }
    auto stamp = read_stamp(item);
    if (!stamp) return Unexpected{fmt::format("{} ('{}'): its \"stamp\" {}", where(), entry.name, stamp.error())};
    entry.stamp = *stamp;
    manifest.files.push_back(std::move(entry));
  }
  if (auto twice = sort_by_name(manifest.files)) return Unexpected{std::move(*twice)};
  return manifest;
}

Expected<BuildManifest, std::string> read_build_manifest(std::string_view text) {
  if (auto manifest = read_build_manifest_as_written(text)) return std::move(*manifest);
  return read_build_manifest_as_json(text);
}

}  // namespace profilec
