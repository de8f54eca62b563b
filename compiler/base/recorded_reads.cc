#include "base/recorded_reads.h"

#include <fmt/format.h>

#include "base/sha256.h"

namespace profilec {
namespace {

std::string file_answer(const Expected<std::string, IoError>& result) {
  if (result) return read_file_answer(*result);
  const IoError& error = result.error();
  return sha256_hex(fmt::format("error\n{}\n{}", error.message, error.too_large ? *error.too_large : 0));
}

std::string kind_answer(PathKind kind) { return sha256_hex(fmt::format("kind {}", static_cast<int>(kind))); }

std::string link_answer(bool link) { return sha256_hex(link ? "link" : "not a link"); }

std::string resolve_answer(const Expected<ResolvedPath, IoError>& result) {
  if (!result) return sha256_hex(fmt::format("error\n{}", result.error().message));
  return sha256_hex(fmt::format("ok\n{}\n{}", static_cast<int>(result->kind), result->real));
}

std::string list_answer(const Expected<std::vector<std::string>, IoError>& result) {
  if (!result) return sha256_hex(fmt::format("error\n{}", result.error().message));
  std::string text = "ok\n";
  for (const std::string& path : *result) {
    text += path;
    text += '\0';
  }
  return sha256_hex(text);
}

std::string environment_answer(const std::optional<std::string>& value) {
  return sha256_hex(value ? "set\n" + *value : std::string("unset"));
}

}  // namespace

std::string read_file_answer(std::string_view bytes) {
  std::string text = "ok\n";
  text += bytes;
  return sha256_hex(text);
}

std::string answer_now(const RecordedRead& read, const FileSystem& files, const Environment& environment) {
  switch (read.kind) {
    case RecordedRead::kReadFile: return file_answer(files.read_file(read.name));
    case RecordedRead::kReadFileUpTo: return file_answer(files.read_file_up_to(read.name, read.limit));
    case RecordedRead::kKind: return kind_answer(files.kind(read.name));
    case RecordedRead::kIsSymbolicLink: return link_answer(files.is_symbolic_link(read.name));
    case RecordedRead::kResolve: return resolve_answer(files.resolve(read.name));
    case RecordedRead::kListFiles: return list_answer(files.list_files(read.name));
    case RecordedRead::kEnvironment: return environment_answer(environment.get(read.name));
  }
  return {};  // a kind this build does not know: never equal to a recorded answer
}

std::string RecordedAnswers::answer(const RecordedRead& read) {
  auto key = std::make_tuple(read.kind, read.name, read.limit);
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (const auto it = answers_.find(key); it != answers_.end()) return it->second;
  }
  std::string answer = answer_now(read, files_, environment_);
  const std::lock_guard<std::mutex> lock(mutex_);
  return answers_.emplace(std::move(key), std::move(answer)).first->second;
}

bool reads_unchanged(const std::vector<RecordedRead>& reads, RecordedAnswers& answers) {
  for (const RecordedRead& read : reads) {
    if (answers.answer(read) != read.answer) return false;
  }
  return true;
}

Expected<std::string, IoError> RecordingFileSystem::read_file(const std::string& path) const {
  auto result = inner_.read_file(path);
  reads_.push_back({RecordedRead::kReadFile, path, 0, file_answer(result)});
  return result;
}

Expected<std::string, IoError> RecordingFileSystem::read_file_up_to(const std::string& path,
                                                                    std::uint64_t max_bytes) const {
  auto result = inner_.read_file_up_to(path, max_bytes);
  reads_.push_back({RecordedRead::kReadFileUpTo, path, max_bytes, file_answer(result)});
  return result;
}

PathKind RecordingFileSystem::kind(const std::string& path) const {
  const PathKind result = inner_.kind(path);
  reads_.push_back({RecordedRead::kKind, path, 0, kind_answer(result)});
  return result;
}

bool RecordingFileSystem::is_symbolic_link(const std::string& path) const {
  const bool result = inner_.is_symbolic_link(path);
  reads_.push_back({RecordedRead::kIsSymbolicLink, path, 0, link_answer(result)});
  return result;
}

Expected<ResolvedPath, IoError> RecordingFileSystem::resolve(const std::string& path) const {
  auto result = inner_.resolve(path);
  reads_.push_back({RecordedRead::kResolve, path, 0, resolve_answer(result)});
  return result;
}

Expected<std::vector<std::string>, IoError> RecordingFileSystem::list_files(const std::string& dir) const {
  auto result = inner_.list_files(dir);
  reads_.push_back({RecordedRead::kListFiles, dir, 0, list_answer(result)});
  return result;
}

std::optional<IoError> RecordingFileSystem::write_file_atomically(const std::string& path,
                                                                  const std::string& /*contents*/,
                                                                  FileAccess /*access*/) {
  return IoError{path, "this file system only reads"};
}

std::optional<std::string> RecordingEnvironment::get(const std::string& name) const {
  auto value = inner_.get(name);
  reads_.push_back({RecordedRead::kEnvironment, name, 0, environment_answer(value)});
  return value;
}

}  // namespace profilec
