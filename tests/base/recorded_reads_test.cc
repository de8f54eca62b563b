#include "base/recorded_reads.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace profilec {
namespace {

// A file and a variable, read through the recording wrappers.
struct Recorded {
  MemoryFileSystem files;
  MapEnvironment environment{std::map<std::string, std::string>{{"PROFILEC_PSK", "hunter2"}}};
  RecordingFileSystem recording{files};
  RecordingEnvironment recording_environment{environment};
  Recorded() { files.add_file("repo/ca.cer", "DER bytes"); }
};

TEST(RecordedReads, NotesEveryReadAndItsAnswerNotTheContent) {
  Recorded fixture;
  RecordingFileSystem& recording = fixture.recording;
  RecordingEnvironment& recording_environment = fixture.recording_environment;
  EXPECT_EQ(*recording.read_file("repo/ca.cer"), "DER bytes");
  EXPECT_FALSE(recording.read_file_up_to("repo/missing.cer", 10));
  EXPECT_EQ(recording.kind("repo"), PathKind::kDirectory);
  EXPECT_EQ(*recording_environment.get("PROFILEC_PSK"), "hunter2");
  EXPECT_FALSE(recording_environment.get("PROFILEC_UNSET"));
  ASSERT_EQ(recording.reads().size(), 3U);
  EXPECT_EQ(recording.reads()[0].kind, RecordedRead::kReadFile);
  EXPECT_EQ(recording.reads()[0].name, "repo/ca.cer");
  EXPECT_EQ(recording.reads()[0].answer, read_file_answer("DER bytes"));
  EXPECT_EQ(recording.reads()[1].kind, RecordedRead::kReadFileUpTo);
  EXPECT_EQ(recording.reads()[1].limit, 10U);
  EXPECT_EQ(recording.reads()[2].kind, RecordedRead::kKind);
  ASSERT_EQ(recording_environment.reads().size(), 2U);
  for (const RecordedRead& read : recording_environment.reads()) {
    EXPECT_EQ(read.kind, RecordedRead::kEnvironment);
    EXPECT_EQ(read.answer.find("hunter2"), std::string::npos);
    EXPECT_EQ(read.answer.size(), 64U);  // a SHA-256, never the value
  }
  EXPECT_FALSE(recording.write_file_atomically("repo/x", "y", FileAccess::kShared) == std::nullopt);
}

TEST(RecordedReads, UnchangedUntilAnyAnswerChanges) {
  Recorded fixture;
  const MemoryFileSystem& files = fixture.files;
  const MapEnvironment& environment = fixture.environment;
  RecordingFileSystem& recording = fixture.recording;
  RecordingEnvironment& recording_environment = fixture.recording_environment;
  (void)recording.read_file("repo/ca.cer");
  (void)recording.read_file_up_to("repo/ca.cer", 100);
  (void)recording.kind("repo/gone.cer");
  (void)recording.list_files("repo");
  (void)recording.resolve("repo/ca.cer");
  (void)recording_environment.get("PROFILEC_PSK");
  std::vector<RecordedRead> reads = recording.reads();
  reads.insert(reads.end(), recording_environment.reads().begin(), recording_environment.reads().end());
  const auto unchanged = [](const std::vector<RecordedRead>& r, const FileSystem& f, const Environment& e) {
    RecordedAnswers answers(f, e);
    const bool once = reads_unchanged(r, answers);
    EXPECT_EQ(reads_unchanged(r, answers), once);  // the second time from the memo
    return once;
  };
  EXPECT_TRUE(unchanged(reads, files, environment));

  MemoryFileSystem changed = files;
  changed.add_file("repo/ca.cer", "other bytes");
  EXPECT_FALSE(unchanged(reads, changed, environment));
  MemoryFileSystem appeared = files;
  appeared.add_file("repo/gone.cer", "new");
  EXPECT_FALSE(unchanged(reads, appeared, environment));
  EXPECT_FALSE(unchanged(reads, files,
                         MapEnvironment(std::map<std::string, std::string>{{"PROFILEC_PSK", "hunter3"}})));
  EXPECT_FALSE(unchanged(reads, files, MapEnvironment()));
  // Too large now for the limit it was read with.
  MemoryFileSystem larger = files;
  larger.add_file("repo/ca.cer", std::string(200, 'x'));
  EXPECT_FALSE(unchanged({reads[1]}, larger, environment));
}

}  // namespace
}  // namespace profilec
