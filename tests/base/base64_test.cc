// What decode_base64 accepts and refuses, pinned before the strict decoder
// and the lenient one that reads <data> as CoreFoundation does
// (plist/xml_reader.cc) become one (issue 16 item 7).
#include "base/base64.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace profilec {
namespace {

TEST(Base64Test, EncodesAndDecodesStandardBase64) {
  EXPECT_EQ(encode_base64(""), "");
  EXPECT_EQ(encode_base64("h"), "aA==");
  EXPECT_EQ(encode_base64("hi"), "aGk=");
  EXPECT_EQ(encode_base64("hello"), "aGVsbG8=");
  EXPECT_EQ(encode_base64(std::string("\x00\xff\xfe", 3)), "AP/+");
  for (const std::string bytes : {"", "h", "hi", "hey", "hello", "\x00\x01\x02\xff"}) {
    EXPECT_EQ(decode_base64(encode_base64(bytes)), bytes);
  }
}

TEST(Base64Test, SpacesTabsAndLineBreaksAreIgnored) {
  EXPECT_EQ(decode_base64(" aGVs\n\tbG8=\r\n"), "hello");
  EXPECT_EQ(decode_base64("aG Vs bG 8="), "hello");
  EXPECT_EQ(decode_base64("  \n"), "");
}

TEST(Base64Test, AnythingElseIsRefused) {
  for (const std::string text : {
           "aGVsbG8",     // an incomplete last group
           "aGVsbG8==",   // a group of five
           "QQ==QUJD",    // '=' before the end
           "Q===",        // three '='
           "====",        // padding only
           "QQ=A",        // '=' then a letter
           "aGVs!G8=",    // outside the alphabet
           "aGVs\vbG8=",  // a vertical tab is not one of the blanks ignored
           "aGVs-_8=",    // the URL-safe alphabet
       }) {
    EXPECT_EQ(decode_base64(text), std::nullopt) << text;
  }
  EXPECT_EQ(decode_base64(std::string("aG\0k", 4)), std::nullopt);
}

}  // namespace
}  // namespace profilec
