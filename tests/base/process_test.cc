#include "base/process.h"

#include <gtest/gtest.h>

#include <string>

namespace profilec {
namespace {

TEST(PosixProcessRunner, PassesInputAndCollectsBothOutputs) {
  const PosixProcessRunner runner;
  // More than any pipe buffer both ways: written and read at once, no deadlock.
  const std::string input(3 * 1024 * 1024, 'x');
  const auto result = runner.run({"cat"}, input);
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->exit_code, 0);
  EXPECT_EQ(result->out.size(), input.size());
  EXPECT_EQ(result->out, input);
  EXPECT_EQ(result->err, "");
}

TEST(PosixProcessRunner, ReportsTheExitCodeAndStandardError) {
  const PosixProcessRunner runner;
  const auto result = runner.run({"sh", "-c", "echo out; echo err >&2; exit 3"}, "");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->exit_code, 3);
  EXPECT_EQ(result->out, "out\n");
  EXPECT_EQ(result->err, "err\n");
}

TEST(PosixProcessRunner, ArgumentsReachTheProgramAsTheyAre) {
  const PosixProcessRunner runner;
  // No shell between: $HOME and ; are plain bytes.
  const auto result = runner.run({"printf", "%s|", "$HOME; rm -rf x", "two words"}, "");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->out, "$HOME; rm -rf x|two words|");
}

TEST(PosixProcessRunner, AProgramThatStopsReadingEndsNormally) {
  const PosixProcessRunner runner;
  const auto result = runner.run({"true"}, std::string(1024 * 1024, 'y'));
  ASSERT_TRUE(result);
  EXPECT_EQ(result->exit_code, 0);
}

TEST(PosixProcessRunner, AMissingProgramIsAnError) {
  const PosixProcessRunner runner;
  const auto result = runner.run({"profilec-no-such-program"}, "");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().path, "profilec-no-such-program");
  EXPECT_EQ(result.error().message, "no such file or directory");
  EXPECT_FALSE(runner.run({}, ""));
}

}  // namespace
}  // namespace profilec
