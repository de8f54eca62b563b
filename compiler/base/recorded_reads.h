// What a stage read from outside its arguments, noted as it read it, so that
// a result kept between runs (project/result_cache.h) is reused only while
// every one of those reads would still give the same answer. The wrappers
// forward to the real file system and environment and note each call with a
// digest of what it answered (not the answer: a data file or a secret's
// value is never kept); reads_unchanged() asks again and compares.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "base/environment.h"
#include "base/file_system.h"

namespace profilec {

struct RecordedRead {
  enum Kind : std::uint8_t {
    kReadFile,
    kReadFileUpTo,
    kKind,
    kIsSymbolicLink,
    kResolve,
    kListFiles,
    kEnvironment,
  };
  Kind kind = kReadFile;
  std::string name;         // the path or the variable, as the stage asked for it
  std::uint64_t limit = 0;  // kReadFileUpTo's max_bytes
  std::string answer;       // SHA-256 (hex) of the answer's canonical form
  friend bool operator==(const RecordedRead&, const RecordedRead&) = default;
};

// The answer `files` or `environment` gives now to the question `read`
// asked, in the form RecordedRead::answer keeps.
std::string answer_now(const RecordedRead& read, const FileSystem& files, const Environment& environment);

// The answers of one run, asked once each: many policies read the same
// data file. Thread-safe.
class RecordedAnswers {
 public:
  RecordedAnswers(const FileSystem& files, const Environment& environment) : files_(files), environment_(environment) {}
  std::string answer(const RecordedRead& read);

 private:
  const FileSystem& files_;
  const Environment& environment_;
  std::mutex mutex_;
  std::map<std::tuple<RecordedRead::Kind, std::string, std::uint64_t>, std::string> answers_;
};

// True when every read would answer as it did.
bool reads_unchanged(const std::vector<RecordedRead>& reads, RecordedAnswers& answers);

// The digest a read_file of `bytes` is recorded with (for reads made
// elsewhere, such as a fragment the fragment library read once per run).
std::string read_file_answer(std::string_view bytes);

// Reads through `inner`, noting each read. Writes are refused: a stage that
// records what it reads writes nothing. Not thread-safe (one per stage run).
class RecordingFileSystem final : public FileSystem {
 public:
  explicit RecordingFileSystem(const FileSystem& inner) : inner_(inner) {}

  Expected<std::string, IoError> read_file(const std::string& path) const override;
  Expected<std::string, IoError> read_file_up_to(const std::string& path, std::uint64_t max_bytes) const override;
  PathKind kind(const std::string& path) const override;
  bool is_symbolic_link(const std::string& path) const override;
  Expected<ResolvedPath, IoError> resolve(const std::string& path) const override;
  Expected<std::vector<std::string>, IoError> list_files(const std::string& dir) const override;
  std::optional<IoError> write_file_atomically(const std::string& path, const std::string& contents,
                                               FileAccess access) override;

  const std::vector<RecordedRead>& reads() const { return reads_; }

 private:
  const FileSystem& inner_;
  mutable std::vector<RecordedRead> reads_;
};

class RecordingEnvironment final : public Environment {
 public:
  explicit RecordingEnvironment(const Environment& inner) : inner_(inner) {}
  std::optional<std::string> get(const std::string& name) const override;
  const std::vector<RecordedRead>& reads() const { return reads_; }

 private:
  const Environment& inner_;
  mutable std::vector<RecordedRead> reads_;
};

}  // namespace profilec
