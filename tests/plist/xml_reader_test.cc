// The XML plist reader: every element kind, spans of values and keys,
// CoreFoundation's leniencies, and one clear located error per kind of bad
// input (billion laughs, 10,000-deep nesting, mismatched tags...).
#include "plist/xml_reader.h"

#include <gtest/gtest.h>

#include <cmath>

#include "plist/read_limits.h"

namespace profilec {
namespace {

const auto kPath = std::make_shared<const std::string>("p.mobileconfig");

std::string plist(const std::string& body) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
         "<plist version=\"1.0\">\n" +
         body + "\n</plist>\n";
}

struct Read {
  std::optional<ir::Value> value;
  Diagnostics diagnostics;
};

Read read(const std::string& text) {
  Read r;
  r.value = read_xml_plist(text, kPath, r.diagnostics);
  return r;
}

// "line:col: CODE message" of the only finding.
std::string only_finding(const Read& r) {
  if (r.diagnostics.all().size() != 1) return "expected one finding, got " + std::to_string(r.diagnostics.all().size());
  const Diagnostic& d = r.diagnostics.all()[0];
  return std::to_string(d.span.begin.line) + ":" + std::to_string(d.span.begin.column) + ": " +
         std::string(info(d.code).id) + " " + d.message;
}

TEST(XmlReader, ReadsEveryElementKind) {
  const Read r = read(plist(
      "<dict>\n"
      "\t<key>t</key><true/>\n"
      "\t<key>f</key><false></false>\n"
      "\t<key>i</key><integer>-42</integer>\n"
      "\t<key>r</key><real>1.5</real>\n"
      "\t<key>s</key><string>a &amp; b &lt;c&gt; &#233;&#x41;</string>\n"
      "\t<key>e</key><string/>\n"
      "\t<key>d</key><date>2026-06-30T12:00:00Z</date>\n"
      "\t<key>b</key><data>\n\t\taGVs\n\t\tbG8=\n\t</data>\n"
      "\t<key>a</key><array><integer>1</integer><string>x</string></array>\n"
      "\t<key>n</key><dict/>\n"
      "</dict>"));
  ASSERT_TRUE(r.value) << only_finding(r);
  EXPECT_TRUE(r.diagnostics.empty());
  const ir::Value& v = *r.value;
  EXPECT_TRUE(v.find("t")->boolean());
  EXPECT_FALSE(v.find("f")->boolean());
  EXPECT_EQ(v.find("i")->integer(), -42);
  EXPECT_EQ(v.find("r")->real(), 1.5);
  EXPECT_EQ(v.find("s")->string(), "a & b <c> \xC3\xA9" "A");
  EXPECT_EQ(v.find("e")->string(), "");
  EXPECT_EQ(v.find("d")->date(), (ir::Date{2026, 6, 30, 12, 0, 0}));
  EXPECT_EQ(v.find("b")->data().bytes, "hello");
  ASSERT_EQ(v.find("a")->array().size(), 2u);
  EXPECT_EQ(v.find("a")->array()[1].string(), "x");
  EXPECT_TRUE(v.find("n")->dict().empty());
}

TEST(XmlReader, SpansPointAtKeysAndValuesInCodePoints) {
  const Read r = read(plist("<dict>\n\t<key>Name</key>\n\t<string>x</string>\n\t<key>\xC3\xA9t\xC3\xA9</key> <integer>1</integer>\n</dict>"));
  ASSERT_TRUE(r.value);
  const ir::Dict& d = r.value->dict();
  EXPECT_EQ(r.value->span.begin, (SourcePosition{4, 1}));
  EXPECT_EQ(d[0].key_span.begin, (SourcePosition{5, 2}));
  EXPECT_EQ(d[0].key_span.end, (SourcePosition{5, 17}));
  EXPECT_EQ(d[0].value.span.begin, (SourcePosition{6, 2}));
  EXPECT_EQ(d[0].value.span.end, (SourcePosition{6, 20}));
  // "<key>été</key>" is 14 code points; the value starts after one space.
  EXPECT_EQ(d[1].key_span.begin, (SourcePosition{7, 2}));
  EXPECT_EQ(d[1].value.span.begin, (SourcePosition{7, 17}));
  EXPECT_EQ(*d[1].value.span.path, "p.mobileconfig");
}

TEST(XmlReader, CrLfLineEndingsCountLinesAndStayInStrings) {
  const Read r = read("<plist>\r\n<dict>\r\n<key>k</key>\r\n<string>a\r\nb</string>\r\n</dict>\r\n</plist>\r\n");
  ASSERT_TRUE(r.value);
  EXPECT_EQ(r.value->dict()[0].key_span.begin, (SourcePosition{3, 1}));
  EXPECT_EQ(r.value->find("k")->string(), "a\r\nb");  // as CoreFoundation keeps it
}

TEST(XmlReader, SkipsCommentsAndProcessingInstructionsBetweenElements) {
  const Read r = read(plist("<!-- a --><dict><!-- b --><key>k</key><?pi x?><true/><!-- c --></dict>"));
  ASSERT_TRUE(r.value) << only_finding(r);
  EXPECT_TRUE(r.value->find("k")->boolean());
}

TEST(XmlReader, CdataIsTextAsWritten) {
  const Read r = read(plist("<string>a<![CDATA[<&>]]>b</string>"));
  ASSERT_TRUE(r.value);
  EXPECT_EQ(r.value->string(), "a<&>b");
}

TEST(XmlReader, IntegersAsCoreFoundationReadsThem) {
  const auto integer = [](const std::string& text) {
    const Read r = read(plist("<integer>" + text + "</integer>"));
    return r.value;
  };
  EXPECT_EQ(integer("0x1F")->integer(), 31);
  EXPECT_EQ(integer(" +7")->integer(), 7);
  EXPECT_EQ(integer("-9223372036854775808")->integer(), INT64_MIN);
  const auto big = integer("18446744073709551615");
  ASSERT_TRUE(big);
  ASSERT_EQ(big->kind(), ir::Value::Kind::kBigUnsigned);
  EXPECT_EQ(std::get<ir::BigUnsigned>(big->storage).value, UINT64_MAX);
  EXPECT_EQ(integer("9223372036854775807")->kind(), ir::Value::Kind::kInteger);
}

TEST(XmlReader, BadIntegersAreLocatedErrors) {
  EXPECT_EQ(only_finding(read(plist("<integer>12a</integer>"))), "4:1: PC0017 <integer> '12a' is not a whole number");
  EXPECT_EQ(only_finding(read(plist("<integer>18446744073709551616</integer>"))),
            "4:1: PC0017 <integer> '18446744073709551616' is out of range");
  EXPECT_EQ(only_finding(read(plist("<integer>-9223372036854775809</integer>"))),
            "4:1: PC0017 <integer> '-9223372036854775809' is out of range");
  EXPECT_EQ(only_finding(read(plist("<integer/>"))), "4:1: PC0017 empty <integer>");
  EXPECT_EQ(only_finding(read(plist("<integer>5 </integer>"))), "4:1: PC0017 <integer> '5 ' is not a whole number");
}

TEST(XmlReader, RealsIncludingNanAndInfinity) {
  EXPECT_TRUE(std::isnan(read(plist("<real>nan</real>")).value->real()));
  EXPECT_EQ(read(plist("<real>-Infinity</real>")).value->real(), -HUGE_VAL);
  EXPECT_EQ(read(plist("<real>+2.5e3</real>")).value->real(), 2500.0);
  EXPECT_EQ(only_finding(read(plist("<real>1,5</real>"))), "4:1: PC0017 <real> '1,5' is not a number");
}

TEST(XmlReader, DatesAreStrict) {
  EXPECT_EQ(only_finding(read(plist("<date>2026-06-30 12:00:00</date>"))),
            "4:1: PC0017 <date> '2026-06-30 12:00:00' is not a date");
  EXPECT_EQ(only_finding(read(plist("<date>2026-13-01T00:00:00Z</date>"))),
            "4:1: PC0017 <date> '2026-13-01T00:00:00Z' is not a date");
}

TEST(XmlReader, DataOutsideStrictBase64IsReadLikeAppleWithAWarning) {
  const Read r = read(plist("<data>aGVsbG8</data>"));  // no padding
  ASSERT_TRUE(r.value);
  EXPECT_EQ(r.value->data().bytes, "hello");
  ASSERT_EQ(r.diagnostics.all().size(), 1u);
  EXPECT_EQ(r.diagnostics.all()[0].severity, Severity::kWarning);
  EXPECT_EQ(only_finding(read(plist("<data/>"))), "4:1: PC0017 empty <data/>");
  EXPECT_EQ(read(plist("<data></data>")).value->data().bytes, "");
}

TEST(XmlReader, DuplicateKeysKeepTheLastValue) {
  const Read r = read(plist("<dict>\n<key>k</key><integer>1</integer>\n<key>k</key><integer>2</integer>\n</dict>"));
  ASSERT_TRUE(r.value);
  ASSERT_EQ(r.value->dict().size(), 1u);
  EXPECT_EQ(r.value->find("k")->integer(), 2);
  EXPECT_EQ(only_finding(r), "6:1: PC0019 key 'k' is set twice in one <dict>");
  EXPECT_EQ(r.diagnostics.all()[0].notes.at(0).span.begin.line, 5u);
  EXPECT_EQ(r.diagnostics.all()[0].severity, Severity::kWarning);
}

TEST(XmlReader, MalformedStructureIsOneLocatedError) {
  EXPECT_EQ(only_finding(read(plist("<dict>\n<key>a</key>\n</dict>"))), "5:1: PC0017 key 'a' has no value");
  EXPECT_EQ(only_finding(read(plist("<dict>\n<string>a</string>\n</dict>"))),
            "5:1: PC0017 <string> where a <key> belongs");
  EXPECT_EQ(only_finding(read(plist("<dict>\n<key>a</key><bool>1</bool>\n</dict>"))),
            "5:13: PC0017 unknown element <bool>");
  EXPECT_EQ(only_finding(read(plist("<string>a<!-- x --></string>"))), "4:10: PC0017 a comment inside <string>");
  EXPECT_EQ(only_finding(read(plist("<dict>text</dict>"))), "4:7: PC0017 text 'text' inside <dict>");
  EXPECT_EQ(only_finding(read(plist("<true/><false/>"))), "4:8: PC0017 <plist> holds more than one value");
  EXPECT_EQ(only_finding(read("")), "0:0: PC0017 the file is empty");
  EXPECT_EQ(only_finding(read(std::string("<plist><string>a\0b</string></plist>", 36))),
            "1:17: PC0017 the file holds a NUL byte, which XML does not allow");
  EXPECT_EQ(only_finding(read("&lt;plist&gt;")), "1:1: PC0017 the file holds HTML-escaped XML ('&lt;' where '<' belongs)");
  EXPECT_EQ(only_finding(read("{\"a\": 1}")), "1:1: PC0017 not a property list: the text does not start with '<'");
}

TEST(XmlReader, MismatchedTagsNameBothEnds) {
  const Read r = read(plist("<dict>\n<key>a</key>\n<string>x</strin>\n</dict>"));
  EXPECT_EQ(only_finding(r), "6:10: PC0017 end tag </strin> where </string> belongs");
  ASSERT_EQ(r.diagnostics.all()[0].notes.size(), 1u);
  EXPECT_EQ(r.diagnostics.all()[0].notes[0].span.begin, (SourcePosition{6, 1}));
  EXPECT_EQ(only_finding(read("<plist><dict><key>a</key>")), "1:26: PC0017 the file ends inside <dict>");
}

TEST(XmlReader, EntitiesOtherThanXmlsFiveAreErrorsNeverExpansions) {
  EXPECT_EQ(only_finding(read(plist("<string>a &nbsp; b</string>"))), "4:11: PC0017 unknown entity '&nbsp;'");
  EXPECT_EQ(only_finding(read(plist("<string>Tom & Jerry</string>"))), "4:13: PC0017 '&' that starts no entity");
  EXPECT_EQ(only_finding(read(plist("<string>&#0;</string>"))), "4:9: PC0017 invalid character reference '&#0;'");
}

// XML 1.0 allows no C0 control character but tab, line feed and carriage
// return, neither raw nor as a character reference.
TEST(XmlReader, ControlCharactersAreErrorsRawOrAsReferences) {
  EXPECT_EQ(only_finding(read(plist("<string>a\x01" "b</string>"))),
            "4:10: PC0017 the file holds the control character U+0001, which XML does not allow");
  EXPECT_EQ(only_finding(read(plist("<dict>\n<key>k\x1F</key><true/>\n</dict>"))),
            "5:7: PC0017 the file holds the control character U+001F, which XML does not allow");
  EXPECT_EQ(only_finding(read(plist("<string>a&#1;b</string>"))),
            "4:10: PC0017 character reference '&#1;' is the control character U+0001, which XML does not allow");
  EXPECT_EQ(only_finding(read(plist("<string>&#x1b;</string>"))),
            "4:9: PC0017 character reference '&#x1b;' is the control character U+001B, which XML does not allow");
  // Tab, line feed and carriage return are characters XML allows, raw or not.
  const Read allowed = read(plist("<string>a\tb\nc&#9;&#10;&#13;&#x7F;</string>"));
  EXPECT_TRUE(allowed.diagnostics.empty());
  ASSERT_TRUE(allowed.value);
  EXPECT_EQ(allowed.value->string(), "a\tb\nc\t\n\r\x7F");
}

TEST(XmlReader, BillionLaughsIsRefusedWithoutExpanding) {
  std::string doctype = "<?xml version=\"1.0\"?>\n<!DOCTYPE plist [\n<!ENTITY lol \"lol\">\n";
  for (int i = 1; i <= 9; ++i) {
    doctype += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int j = 0; j < 10; ++j) doctype += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
    doctype += "\">\n";
  }
  doctype += "<!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n]>\n";
  const Read laughs = read(doctype + "<plist><string>&lol9;</string></plist>\n");
  EXPECT_EQ(only_finding(laughs), "15:16: PC0017 unknown entity '&lol9;'");
  const Read external = read(doctype + "<plist><string>&xxe;</string></plist>\n");
  EXPECT_EQ(only_finding(external), "15:16: PC0017 unknown entity '&xxe;'");
  // The DOCTYPE itself is skipped: a plist that uses none of it reads fine.
  EXPECT_TRUE(read(doctype + "<plist><string>ok</string></plist>\n").value);
}

TEST(XmlReader, DeepNestingIsRefusedBeforeParsing) {
  std::string deep = "<plist>";
  for (int i = 0; i < 10000; ++i) deep += "<array>";
  for (int i = 0; i < 10000; ++i) deep += "</array>";
  deep += "</plist>";
  // <plist> is level 1: the array at level kMaxPlistDepth + 1 is refused.
  const std::size_t column = 8 + 7 * (kMaxPlistDepth - 1);
  EXPECT_EQ(only_finding(read(deep)),
            "1:" + std::to_string(column) + ": PC0018 elements nested more than 512 levels deep");
  std::string ok = "<plist>";
  for (std::size_t i = 0; i + 1 < kMaxPlistDepth; ++i) ok += "<array>";
  for (std::size_t i = 0; i + 1 < kMaxPlistDepth; ++i) ok += "</array>";
  ok += "</plist>";
  EXPECT_TRUE(read(ok).value);
}

TEST(XmlReader, AMillionLevelsCostNoStack) {
  std::string deep(7 * 1000000, ' ');
  for (std::size_t i = 0; i < 1000000; ++i) deep.replace(i * 7, 7, "<array>");
  const Read r = read(deep);
  EXPECT_FALSE(r.value);
  EXPECT_EQ(info(r.diagnostics.all().at(0).code).id, "PC0018");
}

TEST(XmlReader, ABareValueWithoutPlistIsRead) {
  const Read r = read("<dict><key>a</key><true/></dict>");
  ASSERT_TRUE(r.value);
  EXPECT_TRUE(r.value->find("a")->boolean());
}

TEST(XmlReader, InvalidUtf8InAStringIsAnError) {
  EXPECT_EQ(only_finding(read(plist("<string>\xFF</string>"))), "4:1: PC0017 <string> is not valid UTF-8");
}

}  // namespace
}  // namespace profilec
