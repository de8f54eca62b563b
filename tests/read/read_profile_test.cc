// read_profile: bytes -> ir::Profile, the envelope/payload split, and what
// it says about files that are not profiles.
#include "read/read_profile.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "plist/read_limits.h"

namespace profilec::read {
namespace {

std::string profile(const std::string& content, const std::string& extra = "") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\">\n<dict>\n"
         "<key>PayloadContent</key>\n" +
         content +
         "\n<key>PayloadIdentifier</key><string>com.example.p</string>\n"
         "<key>PayloadType</key><string>Configuration</string>\n" +
         extra + "</dict>\n</plist>\n";
}

TEST(ReadProfile, SplitsTheEnvelopeFromThePayloads) {
  Diagnostics diagnostics;
  const ReadResult r =
      read_profile(profile("<array>\n<dict><key>PayloadType</key><string>com.apple.wifi.managed</string></dict>\n"
                           "<dict><key>SSID_STR</key><string>x</string></dict>\n</array>"),
                   "a.mobileconfig", diagnostics);
  ASSERT_TRUE(r.profile);
  EXPECT_TRUE(diagnostics.empty());
  EXPECT_EQ(r.format, PlistFormat::kXml);
  EXPECT_FALSE(r.signature);
  EXPECT_EQ(r.profile->source_path, "a.mobileconfig");
  EXPECT_EQ(r.profile->envelope.find("PayloadContent"), nullptr);
  EXPECT_EQ(r.profile->envelope.find("PayloadIdentifier")->string(), "com.example.p");
  ASSERT_EQ(r.profile->payloads.size(), 2u);
  EXPECT_EQ(r.profile->payloads[0].type, "com.apple.wifi.managed");
  EXPECT_EQ(r.profile->payloads[0].span.begin, (SourcePosition{6, 1}));
  EXPECT_EQ(r.profile->payloads[1].type, "");  // no PayloadType: PC1012 says so
  EXPECT_TRUE(r.profile->payloads[0].name.empty());
  EXPECT_TRUE(r.profile->target.platforms.empty());
  EXPECT_TRUE(r.profile->read_from_plist);
  EXPECT_TRUE(r.profile->has_payload_content);
}

// A profile whose only fault is curly quotes in its prolog and <plist> tag
// (as a word processor or a web page leaves them): devices install it, so
// it is read, every payload with it, and PC0024 says what other tools
// will refuse. With straight quotes the same file has no finding.
TEST(ReadProfile, CurlyQuotesAroundAnotherwiseGoodProfileArePC0024NotPC0017) {
  const std::string body =
      "<dict>\n<key>PayloadContent</key>\n<array>\n"
      "<dict><key>PayloadType</key><string>com.apple.wifi.managed</string>"
      "<key>Certificate</key><data>aGVsbG8</data></dict>\n</array>\n"
      "<key>PayloadType</key><string>Configuration</string>\n</dict>\n</plist>\n";
  const std::string curly =
      "<?xml version=\xE2\x80\x9C"
      "1.0\xE2\x80\x9D encoding=\xE2\x80\x9CUTF-8\xE2\x80\x9D?>\n"
      "<!DOCTYPE plist PUBLIC \xE2\x80\x9C-//Apple//DTD PLIST 1.0//EN\xE2\x80\x9D "
      "\xE2\x80\x9Chttp://www.apple.com/DTDs/PropertyList-1.0.dtd\xE2\x80\x9D>\n"
      "<plist version=\xE2\x80\x9C"
      "1.0\xE2\x80\x9D>\n" +
      body;
  Diagnostics diagnostics;
  const ReadResult r = read_profile(curly, "curly.mobileconfig", diagnostics);
  ASSERT_TRUE(r.profile);
  ASSERT_EQ(r.profile->payloads.size(), 1u);
  EXPECT_EQ(r.profile->payloads[0].type, "com.apple.wifi.managed");
  EXPECT_EQ(r.profile->payloads[0].span.begin, (SourcePosition{7, 1}));
  // The incomplete last base64 group is dropped, as on a device.
  EXPECT_EQ(r.profile->payloads[0].content.find("Certificate")->data().bytes, "hel");
  std::vector<std::string> seen;
  for (const Diagnostic& d : diagnostics.all()) {
    EXPECT_EQ(d.severity, Severity::kWarning);
    seen.push_back(fmt::format("{}:{}: {} {}", d.span.begin.line, d.span.begin.column, info(d.code).id, d.message));
  }
  EXPECT_EQ(seen, (std::vector<std::string>{
                      "1:15: PC0024 curly quotes in the XML declaration",
                      "2:24: PC0024 curly quotes in the DOCTYPE",
                      "3:16: PC0024 curly quotes in the attributes of <plist>",
                      "7:90: PC0024 <data> ends in an incomplete base64 group",
                  }));

  Diagnostics straight;
  const std::string fixed =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
      "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
      "<plist version=\"1.0\">\n" +
      body;
  std::string padded = fixed;
  padded.replace(padded.find("aGVsbG8<"), 8, "aGVsbG8=<");
  const ReadResult clean = read_profile(padded, "straight.mobileconfig", straight);
  ASSERT_TRUE(clean.profile);
  EXPECT_TRUE(straight.empty());
  EXPECT_EQ(clean.profile->payloads[0].content.find("Certificate")->data().bytes, "hello");
}

TEST(ReadProfile, ShapesThatAreNotProfiles) {
  Diagnostics root;
  EXPECT_FALSE(read_profile("<plist><array/></plist>", "a", root).profile);
  EXPECT_EQ(root.all().at(0).message, "the property list is <array>, not a profile's <dict>");

  Diagnostics content;
  const ReadResult r = read_profile(profile("<dict/>"), "a", content);
  ASSERT_TRUE(r.profile);
  EXPECT_EQ(content.all().at(0).message, "PayloadContent is <dict>, not an <array> of payloads");

  Diagnostics item;
  const ReadResult skipped = read_profile(profile("<array><string>x</string><dict/></array>"), "a", item);
  ASSERT_TRUE(skipped.profile);
  EXPECT_EQ(skipped.profile->payloads.size(), 1u);
  EXPECT_EQ(item.all().at(0).message, "payload 1 is <string>, not a <dict>");
}

TEST(ReadProfile, EncryptedPayloadsAreANote) {
  Diagnostics diagnostics;
  const std::string text =
      "<plist><dict><key>EncryptedPayloadContent</key><data>AAAA</data>"
      "<key>PayloadType</key><string>Configuration</string></dict></plist>";
  const ReadResult r = read_profile(text, "e.mobileconfig", diagnostics);
  ASSERT_TRUE(r.profile);
  EXPECT_TRUE(r.encrypted);
  EXPECT_FALSE(r.decrypted);
  EXPECT_TRUE(r.profile->payloads.empty());
  EXPECT_FALSE(r.profile->has_payload_content);
  ASSERT_EQ(diagnostics.all().size(), 1u);
  EXPECT_EQ(info(diagnostics.all()[0].code).id, "PC0022");
  EXPECT_EQ(diagnostics.all()[0].severity, Severity::kNote);
}

TEST(ReadProfile, ABarePayloadKeepsItsDictionaryAsTheEnvelope) {
  Diagnostics diagnostics;
  const ReadResult r = read_profile(
      "<plist><dict><key>PayloadType</key><string>com.apple.TCC.configuration-profile-policy</string>"
      "<key>PayloadContent</key><dict/></dict></plist>",
      "t.mobileconfig", diagnostics);
  ASSERT_TRUE(r.profile);
  EXPECT_TRUE(diagnostics.empty());  // PC1013 is the check stage's
  EXPECT_TRUE(r.profile->payloads.empty());
  EXPECT_NE(r.profile->envelope.find("PayloadContent"), nullptr);
}

TEST(ReadProfile, FilesOverTheSizeLimitAreRefusedUnread) {
  Diagnostics diagnostics;
  const std::string huge(kMaxPlistBytes + 1, ' ');
  EXPECT_FALSE(read_profile(huge, "h.mobileconfig", diagnostics).profile);
  EXPECT_EQ(diagnostics.all().at(0).message,
            "the file is 67108865 bytes (64.0 MiB); profilec reads profiles up to 64 MiB (67108864 bytes)");
}

TEST(ReadProfile, TruncatedDerIsUnreadableSignedProfile) {
  Diagnostics diagnostics;
  EXPECT_FALSE(read_profile(std::string("\x30\x82\x10\x00\x06\x09", 6), "s.mobileconfig", diagnostics).profile);
  ASSERT_EQ(diagnostics.all().size(), 1u);
  EXPECT_EQ(info(diagnostics.all()[0].code).id, "PC0021");
}

TEST(ReadProfile, TellsPlistsFromToml) {
  EXPECT_TRUE(looks_like_plist("\xEF\xBB\xBF  <?xml version=\"1.0\"?>"));
  EXPECT_TRUE(looks_like_plist("bplist00..."));
  EXPECT_TRUE(looks_like_plist(std::string("\x30\x82\x01\x00", 4)));
  EXPECT_FALSE(looks_like_plist("[profile]\nid = \"x\"\n"));
  EXPECT_FALSE(looks_like_plist("# <plist> in a comment\n"));
}

// Issue 15 item 12: a UTF-8 byte-order mark is read past, and line 1's
// columns do not count it (an editor does not show it); the text kept for
// snippets starts after it.
TEST(ReadProfile, AUtf8ByteOrderMarkIsSkippedAndNotCountedAsAColumn) {
  const std::string line1 =
      "<plist version=\"1.0\"><dict><key>PayloadType</key><string>Configuration</string>"
      "<key>PayloadVersion</key><integer>x</integer></dict></plist>\n";
  Diagnostics plain_findings;
  const ReadResult plain = read_profile(line1, "a.mobileconfig", plain_findings);
  Diagnostics bom_findings;
  const ReadResult bom = read_profile("\xEF\xBB\xBF" + line1, "a.mobileconfig", bom_findings);
  ASSERT_EQ(bom_findings.all().size(), 1u);
  ASSERT_EQ(plain_findings.all().size(), 1u);
  EXPECT_EQ(info(bom_findings.all()[0].code).id, "PC0017");
  EXPECT_EQ(bom_findings.all()[0].span.begin, (SourcePosition{1, 105}));
  EXPECT_EQ(bom_findings.all()[0].span.begin, plain_findings.all()[0].span.begin);
  EXPECT_EQ(bom.text, line1);

  Diagnostics good_findings;
  const ReadResult good = read_profile("\xEF\xBB\xBF" + profile("<array/>"), "b.mobileconfig", good_findings);
  EXPECT_TRUE(good.profile);
  EXPECT_FALSE(good_findings.has_errors());
}

// UTF-32 (either byte order, by its mark or by the NULs beside '<') is
// named as such; it used to be called UTF-16.
TEST(ReadProfile, Utf32IsNamedUtf32AndUtf16StaysUtf16) {
  using namespace std::string_literals;
  const std::pair<std::string, std::string_view> cases[] = {
      {"\xFF\xFE\0\0<\0\0\0"s, "UTF-32"}, {"\0\0\xFE\xFF\0\0\0<"s, "UTF-32"}, {"<\0\0\0p\0\0\0"s, "UTF-32"},
      {"\0\0\0<\0\0\0p"s, "UTF-32"},      {"\xFF\xFE<\0p\0"s, "UTF-16"},      {"\xFE\xFF\0<\0p"s, "UTF-16"},
  };
  for (const auto& [bytes, encoding] : cases) {
    EXPECT_TRUE(looks_like_plist(bytes)) << encoding;
    Diagnostics diagnostics;
    read_profile(bytes, "u.mobileconfig", diagnostics);
    ASSERT_EQ(diagnostics.all().size(), 1u) << encoding;
    EXPECT_EQ(diagnostics.all()[0].message, fmt::format("the file is {}, which profilec does not read", encoding));
  }
}

}  // namespace
}  // namespace profilec::read
