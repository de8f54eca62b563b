#include "review/git_revision.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace profilec::review {
namespace {

using namespace std::string_literals;

// Answers each git command line from a table; records what it was asked.
class FakeGit final : public ProcessRunner {
 public:
  std::map<std::string, ProcessResult> answers;
  mutable std::vector<std::string> asked;
  mutable std::string batch_input;

  Expected<ProcessResult, IoError> run(const std::vector<std::string>& argv, std::string_view input) const override {
    std::string line;
    for (const std::string& a : argv) line += (line.empty() ? "" : " ") + a;
    asked.push_back(line);
    if (argv.size() > 1 && argv[1] == "cat-file") batch_input = std::string(input);
    const auto it = answers.find(line);
    if (it == answers.end()) return ProcessResult{1, "", "fatal: unexpected\n"};
    return it->second;
  }
};

constexpr const char* kCommit = "0123456789012345678901234567890123456789";

FakeGit repository() {
  FakeGit git;
  git.answers["git rev-parse --show-toplevel"] = {0, "/work/repo\n", ""};
  git.answers["git rev-parse --verify --quiet --end-of-options main^{commit}"] = {0, kCommit + "\n"s, ""};
  git.answers["git ls-tree -r -z --full-tree "s + kCommit] = {0,
                                                              "100644 blob aaaa\tpolicies/a.toml\0"s
                                                              "120000 blob bbbb\tlink\0"s
                                                              "160000 commit cccc\tsub\0"s
                                                              "100755 blob dddd\tpolicies/tab\tand\nnewline.toml\0"s,
                                                              ""};
  git.answers["git cat-file --batch"] = {0,
                                         "aaaa blob 5\nabc\n\n\n"  // five bytes, then the LF that ends each
                                         "dddd blob 0\n\n",
                                         ""};
  return git;
}

TEST(ReadGitRevision, ReadsEveryRegularFileThroughOneBatch) {
  const FakeGit git = repository();
  MemoryFileSystem files;
  const auto read = read_git_revision(git, "main", "revision", files);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->commit, kCommit);
  EXPECT_EQ(read->files, 2u);
  EXPECT_EQ(read->skipped, 2u);  // the symbolic link and the submodule
  EXPECT_EQ(git.batch_input, "aaaa\ndddd\n");
  EXPECT_EQ(files.files().at("revision/policies/a.toml"), "abc\n\n");
  EXPECT_EQ(files.files().at("revision/policies/tab\tand\nnewline.toml"), "");
  EXPECT_EQ(git.asked.size(), 4u);
}

TEST(ReadGitRevision, UnknownRevisionAndNoRepositoryAreClearErrors) {
  const FakeGit git = repository();
  MemoryFileSystem files;
  auto read = read_git_revision(git, "nope", "revision", files);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().message,
            "unknown revision 'nope': neither a folder nor a commit of the repository at /work/repo");
  read = read_git_revision(git, "--output=x", "revision", files);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().message, "unknown revision '--output=x'");

  FakeGit outside;
  outside.answers["git rev-parse --show-toplevel"] =
      {128, "", "fatal: not a git repository (or any of the parent directories): .git\n"};
  read = read_git_revision(outside, "main", "revision", files);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().message,
            "not a git repository (or any of the parent directories): .git: to diff a revision, run profilec "
            "inside its repository");
  EXPECT_TRUE(files.files().empty());
}

TEST(ReadGitRevision, TruncatedBatchOutputIsAnErrorNotAPartialTree) {
  FakeGit git = repository();
  git.answers["git cat-file --batch"] = {0, "aaaa blob 5\nab", ""};
  MemoryFileSystem files;
  const auto read = read_git_revision(git, "main", "revision", files);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().message, "git cat-file main: output ends inside 'policies/a.toml'");
}

}  // namespace
}  // namespace profilec::review
