#include "plist/xml_writer.h"

#include <gtest/gtest.h>

#include <limits>

namespace profilec {
namespace {

constexpr std::string_view kHeader =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
    "<plist version=\"1.0\">\n";

std::string body(const ir::Value& v) {
  auto xml = write_xml_plist(v);
  EXPECT_TRUE(xml.has_value());
  if (!xml) return {};
  EXPECT_EQ(xml->substr(0, kHeader.size()), kHeader);
  return xml->substr(kHeader.size(), xml->size() - kHeader.size() - std::string_view("</plist>\n").size());
}

TEST(XmlWriterTest, SortsKeysAndIndentsWithTabs) {
  ir::Dict d;
  d.push_back({"b", {}, ir::make_integer(2)});
  d.push_back({"a", {}, ir::make_array({ir::make_boolean(true), ir::make_boolean(false)})});
  d.push_back({"C", {}, ir::make_dict()});
  EXPECT_EQ(body(ir::make_dict(std::move(d))),
            "<dict>\n"
            "\t<key>C</key>\n"
            "\t<dict/>\n"
            "\t<key>a</key>\n"
            "\t<array>\n"
            "\t\t<true/>\n"
            "\t\t<false/>\n"
            "\t</array>\n"
            "\t<key>b</key>\n"
            "\t<integer>2</integer>\n"
            "</dict>\n");
}

TEST(XmlWriterTest, EscapesMarkupAndCarriageReturns) {
  EXPECT_EQ(body(ir::make_string("a<b>&c\r\nd")), "<string>a&lt;b&gt;&amp;c&#13;\nd</string>\n");
  ir::Dict d;
  d.push_back({"k&<", {}, ir::make_string("")});
  EXPECT_EQ(body(ir::make_dict(std::move(d))), "<dict>\n\t<key>k&amp;&lt;</key>\n\t<string></string>\n</dict>\n");
}

TEST(XmlWriterTest, RefusesCharactersXmlCannotHold) {
  SourceSpan span{std::make_shared<const std::string>("p.toml"), {3, 5}, {3, 9}};
  auto xml = write_xml_plist(ir::make_string("a\x01z", span));
  ASSERT_FALSE(xml.has_value());
  EXPECT_EQ(xml.error().message, "string contains the control character U+0001");
  EXPECT_EQ(xml.error().span.begin.line, 3u);
  EXPECT_FALSE(write_xml_plist(ir::make_string("\xEF\xBF\xBF")).has_value());
  ir::Dict d;
  d.push_back({std::string("k\0", 2), {}, ir::make_string("")});
  EXPECT_FALSE(write_xml_plist(ir::make_dict(std::move(d))).has_value());
}

// Text is copied in runs between the bytes that need a look (xml_writer.cc):
// other characters that start with 0xEF are copied, a noncharacter anywhere
// in a text is the finding even after a control character, and runs at
// either end or between two escapes are all kept.
TEST(XmlWriterTest, CopiesRunsAroundEscapesAndReportsTheNoncharacterFirst) {
  EXPECT_EQ(body(ir::make_string("\xEF\xBF\xBD \xEF\xBC\xA1&&x<")),
            "<string>\xEF\xBF\xBD \xEF\xBC\xA1&amp;&amp;x&lt;</string>\n");
  EXPECT_EQ(body(ir::make_string(">plain\ttext\n")), "<string>&gt;plain\ttext\n</string>\n");
  auto both =
      write_xml_plist(ir::make_string("a\x02"
                                      "b\xEF\xBF\xBE"));
  ASSERT_FALSE(both.has_value());
  EXPECT_EQ(both.error().message, "string contains the noncharacter U+FFFE");
  ir::Dict d;
  d.push_back({"k\xEF\xBF\xBF", {}, ir::make_string("")});
  auto key = write_xml_plist(ir::make_dict(std::move(d)));
  ASSERT_FALSE(key.has_value());
  EXPECT_EQ(key.error().message, "key contains the noncharacter U+FFFF");
  auto control = write_xml_plist(ir::make_string("\xEF\xBF\x1F"));
  ASSERT_FALSE(control.has_value());
  EXPECT_EQ(control.error().message, "string contains the control character U+001F");
}

TEST(XmlWriterTest, WritesNumbersExactly) {
  EXPECT_EQ(body(ir::make_integer(std::numeric_limits<std::int64_t>::min())),
            "<integer>-9223372036854775808</integer>\n");
  ir::Value big;
  big.storage = ir::BigUnsigned{18446744073709551615ull};
  EXPECT_EQ(body(big), "<integer>18446744073709551615</integer>\n");
  EXPECT_EQ(body(ir::make_real(0.1)), "<real>0.1</real>\n");
  EXPECT_EQ(body(ir::make_real(1e300)), "<real>1e+300</real>\n");
  EXPECT_FALSE(write_xml_plist(ir::make_real(std::numeric_limits<double>::infinity())).has_value());
}

TEST(XmlWriterTest, WritesDatesAndWrappedBase64) {
  EXPECT_EQ(body(ir::make_date({2026, 1, 2, 3, 4, 5})), "<date>2026-01-02T03:04:05Z</date>\n");
  EXPECT_EQ(body(ir::make_data("")), "<data></data>\n");
  const std::string xml = body(ir::make_data(std::string(60, 'x')));
  EXPECT_EQ(xml,
            "<data>\n"
            "eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4\n"
            "eHh4eHh4eHh4\n"
            "</data>\n");
}

}  // namespace
}  // namespace profilec
