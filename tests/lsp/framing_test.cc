#include "lsp/framing.h"

#include <gtest/gtest.h>

#include <sstream>

namespace profilec::lsp {
namespace {

TEST(FramingTest, ReadsMessagesOneAfterAnother) {
  std::istringstream in(
      "Content-Length: 2\r\n\r\n{}Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n"
      "content-length:  3 \r\n\r\n[1]");
  FramedMessage first = read_message(in);
  ASSERT_EQ(first.status, FramedMessage::Status::kMessage);
  EXPECT_EQ(first.body, "{}");
  FramedMessage second = read_message(in);
  ASSERT_EQ(second.status, FramedMessage::Status::kMessage);
  EXPECT_EQ(second.body, "[1]");
  EXPECT_EQ(read_message(in).status, FramedMessage::Status::kEndOfStream);
}

TEST(FramingTest, BadHeadersAreReportedAndTheStreamReadOn) {
  std::istringstream in("Content-Length: x\r\n\r\nContent-Type: a\r\n\r\nno colon\r\nContent-Length: 2\r\n\r\n{}");
  FramedMessage bad = read_message(in);
  ASSERT_EQ(bad.status, FramedMessage::Status::kBadHeader);
  EXPECT_EQ(bad.error, "Content-Length is not a number: 'x'");
  FramedMessage missing = read_message(in);
  ASSERT_EQ(missing.status, FramedMessage::Status::kBadHeader);
  EXPECT_EQ(missing.error, "a message header without Content-Length");
  FramedMessage good = read_message(in);
  ASSERT_EQ(good.status, FramedMessage::Status::kMessage);
  EXPECT_EQ(good.body, "{}");
}

TEST(FramingTest, ATruncatedBodyOrHugeLengthIsRefused) {
  std::istringstream truncated("Content-Length: 10\r\n\r\n{}");
  FramedMessage short_body = read_message(truncated);
  ASSERT_EQ(short_body.status, FramedMessage::Status::kBadHeader);
  EXPECT_EQ(short_body.error, "the stream ended after 2 of the message's 10 bytes");
  std::istringstream huge("Content-Length: 99999999999\r\n\r\n{}");
  FramedMessage too_large = read_message(huge);
  ASSERT_EQ(too_large.status, FramedMessage::Status::kBadHeader);
  EXPECT_NE(too_large.error.find("over the limit"), std::string::npos);
  std::istringstream ended("Content-Length: 2\r\n");
  EXPECT_EQ(read_message(ended).status, FramedMessage::Status::kBadHeader);
}

TEST(FramingTest, WritesTheHeaderWithTheByteLength) {
  std::ostringstream out;
  write_message(out, "{\"a\":\"\xC3\xA9\"}");
  EXPECT_EQ(out.str(), "Content-Length: 10\r\n\r\n{\"a\":\"\xC3\xA9\"}");
}

}  // namespace
}  // namespace profilec::lsp
