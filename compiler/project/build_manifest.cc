#include "project/build_manifest.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/json_reader.h"
#include "base/json_writer.h"

namespace profilec {
namespace {

bool is_digest(std::string_view text) {
  return text.size() == 64 &&
         std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
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

std::string stamp_json(const std::optional<FileStamp>& stamp) {
  if (!stamp) return "";
  return fmt::format(", \"stamp\": [{}, {}, {}, {}]", stamp->size, static_cast<std::int64_t>(stamp->inode),
                     stamp->modified_ns, stamp->changed_ns);
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
  if (n[0].integer < 0 || n[2].integer < 0 || n[3].integer < 0)
    return Unexpected{std::string("holds a negative size or time")};
  // No device: the manifest's files are all in its one output folder.
  return std::optional<FileStamp>{FileStamp{.size = static_cast<std::uint64_t>(n[0].integer),
                                            .modified_ns = n[2].integer,
                                            .changed_ns = n[3].integer,
                                            .inode = static_cast<std::uint64_t>(n[1].integer)}};
}

}  // namespace

std::string write_build_manifest(const BuildManifest& manifest) {
  std::string out = fmt::format("{{\n  \"format\": {},\n  \"version\": {},\n  \"files\": [",
                                json_escape(kBuildManifestFormat), kBuildManifestVersion);
  for (std::size_t i = 0; i < manifest.files.size(); ++i) {
    const BuildManifestEntry& entry = manifest.files[i];
    out += fmt::format("{}\n    {{\"name\": {}, \"sha256\": {}, \"made_from\": {}{}}}", i == 0 ? "" : ",",
                       json_escape(entry.name), json_escape(entry.sha256), json_escape(entry.made_from),
                       stamp_json(entry.stamp));
  }
  out += manifest.files.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

Expected<BuildManifest, std::string> read_build_manifest(std::string_view text) {
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
  std::sort(manifest.files.begin(), manifest.files.end(),
            [](const BuildManifestEntry& a, const BuildManifestEntry& b) { return a.name < b.name; });
  for (std::size_t i = 1; i < manifest.files.size(); ++i) {
    if (manifest.files[i].name == manifest.files[i - 1].name) {
      return Unexpected{fmt::format("'{}' is listed twice", manifest.files[i].name)};
    }
  }
  return manifest;
}

}  // namespace profilec
