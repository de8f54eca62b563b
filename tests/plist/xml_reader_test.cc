// The XML plist reader: every element kind, spans of values and keys,
// CoreFoundation's leniencies, and one clear located error per kind of bad
// input (billion laughs, 10,000-deep nesting, mismatched tags...).
#include "plist/xml_reader.h"

#include <fmt/format.h>
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
  const Read r =
      read(plist("<dict>\n"
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
  EXPECT_EQ(v.find("s")->string(),
            "a & b <c> \xC3\xA9"
            "A");
  EXPECT_EQ(v.find("e")->string(), "");
  EXPECT_EQ(v.find("d")->date(), (ir::Date{2026, 6, 30, 12, 0, 0}));
  EXPECT_EQ(v.find("b")->data().bytes, "hello");
  ASSERT_EQ(v.find("a")->array().size(), 2u);
  EXPECT_EQ(v.find("a")->array()[1].string(), "x");
  EXPECT_TRUE(v.find("n")->dict().empty());
}

TEST(XmlReader, SpansPointAtKeysAndValuesInCodePoints) {
  const Read r = read(plist(
      "<dict>\n\t<key>Name</key>\n\t<string>x</string>\n\t<key>\xC3\xA9t\xC3\xA9</key> <integer>1</integer>\n</dict>"));
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
  EXPECT_TRUE(r.diagnostics.empty());
}

// CoreFoundation's parseStringTag copies the bytes between the tags as they
// are: unlike an XML 1.0 parser (section 2.11), it turns neither CR LF nor a
// lone CR into LF, in text, in CDATA or in keys. That is what a device
// gets, so it is what profilec reads; it is no leniency (the file is XML),
// so there is no finding.
TEST(XmlReader, LineBreaksInStringsAreKeptByteForByteAsCoreFoundationKeepsThem) {
  const Read r = read(
      "<plist><dict>"
      "<key>crlf</key><string>a\r\nb\r\n</string>"
      "<key>cr</key><string>a\rb</string>"
      "<key>lf</key><string>a\nb</string>"
      "<key>cdata</key><string><![CDATA[a\r\nb]]></string>"
      "<key>references</key><string>a&#13;&#10;b&#xD;</string>"
      "<key>k\r\ney</key><true/>"
      "</dict></plist>");
  ASSERT_TRUE(r.value);
  EXPECT_TRUE(r.diagnostics.empty());
  EXPECT_EQ(r.value->find("crlf")->string(), "a\r\nb\r\n");
  EXPECT_EQ(r.value->find("cr")->string(), "a\rb");
  EXPECT_EQ(r.value->find("lf")->string(), "a\nb");
  EXPECT_EQ(r.value->find("cdata")->string(), "a\r\nb");
  EXPECT_EQ(r.value->find("references")->string(), "a\r\nb\r");
  EXPECT_NE(r.value->find("k\r\ney"), nullptr);
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

// "line:col: CODE message" of every finding, one per line.
std::string findings(const Read& r) {
  std::string out;
  for (const Diagnostic& d : r.diagnostics.all()) {
    out += std::to_string(d.span.begin.line) + ":" + std::to_string(d.span.begin.column) + ": " +
           std::string(info(d.code).id) + " " + d.message + "\n";
  }
  return out;
}

std::string data_bytes(const std::string& base64) {
  const Read r = read(plist("<data>" + base64 + "</data>"));
  return r.value ? r.value->data().bytes : "(unread)";
}

TEST(XmlReader, StrictBase64IsReadWithoutAFinding) {
  for (const std::string text : {"aGVsbG8=", "aGVs\n\tbG8=\n", "QQ==", "QUI=", "QQ= =", ""}) {
    const Read r = read(plist("<data>" + text + "</data>"));
    ASSERT_TRUE(r.value) << text;
    EXPECT_TRUE(r.diagnostics.empty()) << text << ": " << findings(r);
  }
  EXPECT_EQ(data_bytes("aGVsbG8="), "hello");
  EXPECT_EQ(data_bytes("QQ= ="), "A");
  EXPECT_EQ(only_finding(read(plist("<data/>"))), "4:1: PC0017 empty <data/>");
  EXPECT_EQ(read(plist("<data></data>")).value->data().bytes, "");
}

// CoreFoundation's parseDataTag: bytes come out only for complete groups of
// four, so an incomplete last group gives nothing (a decoder that is
// lenient the usual way gives one or two more bytes).
TEST(XmlReader, IncompleteLastBase64GroupIsDroppedAsCoreFoundationDoes) {
  EXPECT_EQ(data_bytes("aGVsbG8"), "hel");
  EXPECT_EQ(data_bytes("aGVsbA"), "hel");
  EXPECT_EQ(data_bytes("QQ"), "");
  EXPECT_EQ(data_bytes("QUI"), "");
  EXPECT_EQ(data_bytes("QUJDQQ="), "ABC");
  const Read r = read(plist("<data>aGVsbG8</data>"));
  EXPECT_EQ(only_finding(r), "4:1: PC0024 <data> ends in an incomplete base64 group");
  EXPECT_EQ(r.diagnostics.all()[0].severity, Severity::kWarning);
  EXPECT_EQ(r.diagnostics.all()[0].help,
            "Apple's parser drops its last 3 characters and reads 3 bytes; other parsers decode them or refuse the "
            "file: complete the group with '=' padding");
  EXPECT_EQ(read(plist("<data>Q</data>")).diagnostics.all().at(0).help,
            "Apple's parser drops its last 1 character and reads 0 bytes; other parsers decode them or refuse the "
            "file: complete the group with '=' padding");
}

TEST(XmlReader, Base64OutsideTheAlphabetIsSkippedAsCoreFoundationDoes) {
  EXPECT_EQ(data_bytes("aGVs!bG8="), "hello");
  EXPECT_EQ(data_bytes("aGVs-bG8_="), "hello");
  EXPECT_EQ(only_finding(read(plist("<data>aGVs!bG8=</data>"))), "4:1: PC0024 <data> holds '!', which is not base64");
  // '=' inside: each group of four on its own, "QQ==" one byte, "QUJD" three.
  EXPECT_EQ(data_bytes("QQ==QUJD"), "AABC");
  EXPECT_EQ(only_finding(read(plist("<data>QQ==QUJD</data>"))), "4:1: PC0024 <data> has '=' padding before its end");
}

// The current CoreFoundation refuses a byte above 0x7F in <data> ("Could
// not interpret <data> ... invalid character"); so does profilec.
TEST(XmlReader, NonAsciiOrCdataInDataIsAnError) {
  EXPECT_EQ(only_finding(read(plist("<data>aGVs\xC3\xA9</data>"))),
            "4:1: PC0017 <data> holds '\xC3\xA9', which is not base64");
  EXPECT_FALSE(read(plist("<data>aGVs\xC3\xA9</data>")).value);
  EXPECT_EQ(only_finding(read(plist("<data><![CDATA[aGVsbG8=]]></data>"))), "4:7: PC0017 CDATA inside <data>");
}

TEST(XmlReader, StraightQuotesInPrologAndAttributesGiveNoFinding) {
  const Read r = read(plist("<dict><key>k</key><string>v</string></dict>"));
  ASSERT_TRUE(r.value);
  EXPECT_TRUE(r.diagnostics.empty()) << findings(r);
  const Read single = read(
      "<?xml version='1.0' encoding='UTF-8' standalone='no' ?>\n<plist version='1.0' >"
      "<dict a=\"x\" b='y'/></plist>");
  ASSERT_TRUE(single.value);
  EXPECT_TRUE(single.diagnostics.empty()) << findings(single);
}

// CoreFoundation skips the XML declaration to "?>" and the DOCTYPE to '>'
// without reading them, and ignores every start tag's attributes
// (parseXMLElement reads the name, then skips to '>').
TEST(XmlReader, CurlyQuotesInPrologAndPlistTagAreReadWithPC0024) {
  const Read r = read(
      "<?xml version=\xE2\x80\x9C"
      "1.0\xE2\x80\x9D encoding=\xE2\x80\x9CUTF-8\xE2\x80\x9D?>\n"
      "<!DOCTYPE plist PUBLIC \xE2\x80\x9C-//Apple//DTD PLIST 1.0//EN\xE2\x80\x9D "
      "\xE2\x80\x9Chttp://www.apple.com/DTDs/PropertyList-1.0.dtd\xE2\x80\x9D>\n"
      "<plist version=\xE2\x80\x9C"
      "1.0\xE2\x80\x9D>\n"
      "<dict><key>k</key><string>v</string></dict>\n"
      "</plist>\n");
  ASSERT_TRUE(r.value) << findings(r);
  EXPECT_EQ(r.value->find("k")->string(), "v");
  EXPECT_EQ(r.value->span.begin, (SourcePosition{4, 1}));
  EXPECT_EQ(findings(r),
            "1:15: PC0024 curly quotes in the XML declaration\n"
            "2:24: PC0024 curly quotes in the DOCTYPE\n"
            "3:16: PC0024 curly quotes in the attributes of <plist>\n");
  for (const Diagnostic& d : r.diagnostics.all()) EXPECT_EQ(d.severity, Severity::kWarning);
  EXPECT_EQ(r.diagnostics.all()[2].help,
            "Apple's parser ignores the attributes of every element; XML parsers refuse the file: write straight "
            "quotes (\") instead of curly ones");
  EXPECT_EQ(r.diagnostics.all()[2].span.end, (SourcePosition{3, 22}));
}

TEST(XmlReader, EachLenientPieceOfMarkupAlone) {
  // Only the <plist> tag: pugixml alone refuses it ("malformed attribute").
  const Read plist_tag = read(
      "<plist version=\xE2\x80\x98"
      "1.0\xE2\x80\x99><string>x</string></plist>");
  ASSERT_TRUE(plist_tag.value);
  EXPECT_EQ(plist_tag.value->string(), "x");
  EXPECT_EQ(only_finding(plist_tag), "1:16: PC0024 curly quotes in the attributes of <plist>");
  // Any element, empty or not; unquoted values.
  const Read dict = read("<plist><dict a=\xE2\x80\x9Cx\xE2\x80\x9D/></plist>");
  ASSERT_TRUE(dict.value);
  EXPECT_TRUE(dict.value->dict().empty());
  EXPECT_EQ(only_finding(dict), "1:16: PC0024 curly quotes in the attributes of <dict>");
  EXPECT_EQ(only_finding(read("<plist version=1.0><true/></plist>")), "1:16: PC0024 malformed attributes in <plist>");
  // One straight and one curly quote: still what a word processor left.
  const Read mixed = read("<plist version=\"1.0\xE2\x80\x9D><string>x</string></plist><!-- \" -->");
  ASSERT_TRUE(mixed.value) << findings(mixed);
  EXPECT_EQ(mixed.value->string(), "x");
  EXPECT_EQ(only_finding(mixed), "1:20: PC0024 curly quotes in the attributes of <plist>");
  EXPECT_EQ(only_finding(read("<?xml version=\"1.0\"encoding=\"UTF-8\"?><plist><true/></plist>")),
            "1:20: PC0024 malformed XML declaration");
  EXPECT_EQ(only_finding(read("<!DOCTYPE plist PUBLIC -//Apple//DTD PLIST 1.0//EN><plist><true/></plist>")),
            "1:24: PC0024 malformed DOCTYPE");
}

TEST(XmlReader, BlanksBeforeTheXmlDeclarationAreReadWithPC0024) {
  const Read r = read("\n  <?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist><string>x</string></plist>");
  ASSERT_TRUE(r.value);
  EXPECT_EQ(only_finding(r), "2:3: PC0024 the XML declaration does not start the file");
  EXPECT_EQ(r.diagnostics.all()[0].help,
            "Apple's parser skips the blanks before it; XML parsers refuse the file: delete the blanks before '<?xml'");
  // Without a declaration, blanks first are XML.
  EXPECT_TRUE(read("\n  <plist><string>x</string></plist>").diagnostics.empty());
}

// A UTF-8 byte-order mark is XML, and CoreFoundation skips it
// (encodingForXMLData): no finding, with or without blanks after it.
TEST(XmlReader, AByteOrderMarkIsRead) {
  for (const std::string text : {"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<plist><string>x</string></plist>",
                                 "\xEF\xBB\xBF\n<plist><string>x</string></plist>"}) {
    const Read r = read(text);
    ASSERT_TRUE(r.value) << findings(r);
    EXPECT_EQ(r.value->string(), "x");
    EXPECT_TRUE(r.diagnostics.empty()) << findings(r);
  }
  EXPECT_EQ(only_finding(read("\xEF\xBB\xBF  <?xml version=\"1.0\"?><plist><true/></plist>")),
            "1:4: PC0024 the XML declaration does not start the file");
}

// CoreFoundation returns the root value without reading further
// (parseXMLPropertyList); XML allows only comments, processing
// instructions and blanks there.
TEST(XmlReader, ContentAfterTheRootElementIsIgnoredWithPC0024) {
  const Read comments = read("<plist><string>x</string></plist>\n<!-- c -->\n<?pi x?>\n");
  ASSERT_TRUE(comments.value);
  EXPECT_TRUE(comments.diagnostics.empty()) << findings(comments);

  const Read text = read("<plist><string>x</string></plist>\n<!-- c -->\ngarbage <<< &nope;\n");
  ASSERT_TRUE(text.value) << findings(text);
  EXPECT_EQ(text.value->string(), "x");
  EXPECT_EQ(only_finding(text), "3:1: PC0024 content after the root element");

  const Read second = read("<plist><string>x</string></plist><plist><string>y</string></plist>");
  ASSERT_TRUE(second.value) << findings(second);
  EXPECT_EQ(second.value->string(), "x");
  EXPECT_EQ(only_finding(second), "1:34: PC0024 content after the root element");

  const Read empty_root = read("<plist/>trailing");
  EXPECT_FALSE(empty_root.value);  // <plist/> itself is an error, as in CoreFoundation
  EXPECT_EQ(findings(empty_root), "1:9: PC0024 content after the root element\n1:1: PC0017 <plist> holds no value\n");
}

TEST(XmlReader, KeyOutsideADictIsAStringWithPC0024) {
  const Read r = read(plist("<array><key>k</key></array>"));
  ASSERT_TRUE(r.value);
  EXPECT_EQ(r.value->array().at(0).string(), "k");
  EXPECT_EQ(only_finding(r), "4:8: PC0024 <key> outside a <dict>");
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

// The duplicate-key check is a hash lookup per key (it compared each key
// with every earlier one: a dict of 500,000 keys took 20 minutes). What it
// finds must not change: every repeat located, its note at the one before,
// each key's last value kept in the place of that value.
TEST(XmlReader, DuplicateKeysInALargeDictAreEachFoundAndTheLastValuesKeptInOrder) {
  std::string body = "<dict>\n";
  constexpr int kKeys = 2000;
  for (int i = 0; i < kKeys; ++i) body += fmt::format("<key>k{}</key><integer>{}</integer>\n", i, i);
  // Line of the first key: 5 (XML declaration, DOCTYPE, <plist>, <dict>).
  body += "<key>k7</key><integer>-1</integer>\n";  // line 5 + kKeys
  body += "<key>k3</key><integer>-2</integer>\n";  // line 6 + kKeys
  body += "<key>k7</key><integer>-3</integer>\n";  // line 7 + kKeys: the third k7
  body += "</dict>";
  const Read r = read(plist(body));
  ASSERT_TRUE(r.value);
  const ir::Dict& dict = r.value->dict();
  ASSERT_EQ(dict.size(), static_cast<std::size_t>(kKeys));
  EXPECT_EQ(dict[0].key, "k0");
  EXPECT_EQ(dict[3].key, "k4");  // k3 moved to where its last value stands
  EXPECT_EQ(dict[kKeys - 2].key, "k3");
  EXPECT_EQ(dict[kKeys - 2].value.integer(), -2);
  EXPECT_EQ(dict[kKeys - 1].key, "k7");
  EXPECT_EQ(dict[kKeys - 1].value.integer(), -3);
  EXPECT_EQ(r.value->find("k1999")->integer(), 1999);

  const auto& found = r.diagnostics.all();
  ASSERT_EQ(found.size(), 3u);
  const auto line_of = [](const SourceSpan& span) { return span.begin.line; };
  EXPECT_EQ(found[0].message, "key 'k7' is set twice in one <dict>");
  EXPECT_EQ(line_of(found[0].span), 5u + kKeys);
  EXPECT_EQ(line_of(found[0].notes.at(0).span), 5u + 7);
  EXPECT_EQ(found[1].message, "key 'k3' is set twice in one <dict>");
  EXPECT_EQ(line_of(found[1].span), 6u + kKeys);
  EXPECT_EQ(line_of(found[1].notes.at(0).span), 5u + 3);
  EXPECT_EQ(line_of(found[2].span), 7u + kKeys);
  EXPECT_EQ(line_of(found[2].notes.at(0).span), 5u + kKeys);  // the k7 before it, not the first
  EXPECT_EQ(found[2].span.begin.column, 1u);
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
  EXPECT_EQ(only_finding(read("&lt;plist&gt;")),
            "1:1: PC0017 the file holds HTML-escaped XML ('&lt;' where '<' belongs)");
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
  EXPECT_EQ(only_finding(read(plist("<string>a\x01"
                                    "b</string>"))),
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

// The pass that looks for lenient markup stays linear: an attribute value
// is looked for no further than the next '<' (a value cannot hold one), so
// 200,000 tags that each open a quote and never close it cost no more than
// 200,000 good ones (a scan to the closing quote would be quadratic: tens
// of seconds here).
TEST(XmlReader, UnclosedQuotesInManyTagsCostLinearTime) {
  std::string text = "<plist><array>";
  for (int i = 0; i < 200000; ++i) text += "<a b='>";
  const Read r = read(text);
  EXPECT_FALSE(r.value);
  EXPECT_EQ(r.diagnostics.all().at(0).message, "malformed attributes in <a>");
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
