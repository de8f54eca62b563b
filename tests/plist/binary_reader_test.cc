// Binary plists: libplist's output read back, and the structure checks that
// keep libplist 2.2 from recursing without bound or looping.
#include "plist/binary_reader.h"

#include <gtest/gtest.h>
#include <plist/plist.h>

#include <bit>
#include <cstdlib>
#include <limits>
#include <vector>

#include "base/file_system.h"
#include "plist/read_limits.h"

namespace profilec {
namespace {

const auto kPath = std::make_shared<const std::string>("b.mobileconfig");

std::string to_binary(plist_t root) {
  char* bytes = nullptr;
  std::uint32_t length = 0;
  plist_to_bin(root, &bytes, &length);
  std::string out(bytes, length);
  std::free(bytes);
  plist_free(root);
  return out;
}

TEST(BinaryReader, ReadsWhatLibplistWrites) {
  plist_t dict = plist_new_dict();
  plist_dict_set_item(dict, "PayloadType", plist_new_string("Configuration"));
  plist_dict_set_item(dict, "Version", plist_new_uint(1));
  plist_dict_set_item(dict, "Negative", plist_new_uint(static_cast<std::uint64_t>(-5)));
  plist_dict_set_item(dict, "Ratio", plist_new_real(0.25));
  plist_dict_set_item(dict, "On", plist_new_bool(1));
  plist_dict_set_item(dict, "Blob", plist_new_data("\x00\x01", 2));
  plist_dict_set_item(dict, "When", plist_new_date(0, 0));  // 2001-01-01T00:00:00Z
  plist_t array = plist_new_array();
  plist_array_append_item(array, plist_new_string("\xC3\xA9t\xC3\xA9"));
  plist_dict_set_item(dict, "Items", array);
  const std::string bytes = to_binary(dict);
  ASSERT_TRUE(is_binary_plist(bytes));

  Diagnostics diagnostics;
  const auto value = read_binary_plist(bytes, kPath, diagnostics);
  ASSERT_TRUE(value);
  EXPECT_TRUE(diagnostics.empty());
  EXPECT_EQ(value->find("PayloadType")->string(), "Configuration");
  EXPECT_EQ(value->find("Version")->integer(), 1);
  EXPECT_EQ(value->find("Negative")->integer(), -5);
  EXPECT_EQ(value->find("Ratio")->real(), 0.25);
  EXPECT_TRUE(value->find("On")->boolean());
  EXPECT_EQ(value->find("Blob")->data().bytes, std::string("\x00\x01", 2));
  EXPECT_EQ(value->find("When")->date(), (ir::Date{2001, 1, 1, 0, 0, 0}));
  EXPECT_EQ(value->find("Items")->array().at(0).string(), "\xC3\xA9t\xC3\xA9");
  EXPECT_EQ(*value->span.path, "b.mobileconfig");
  EXPECT_FALSE(value->span.begin.known());  // a binary file has no lines
}

// Arrays are read with libplist's iterator (plist_array_get_item(i) walks
// the list from its start: 2 million items did not finish in a minute).
// Every item, in order, of a large array and of arrays inside it.
TEST(BinaryReader, LargeArraysAreReadWholeAndInOrder) {
  constexpr std::uint32_t kItems = 20000;
  plist_t dict = plist_new_dict();
  plist_t array = plist_new_array();
  for (std::uint32_t i = 0; i < kItems; ++i) {
    if (i % 1000 == 0) {
      plist_t inner = plist_new_array();
      plist_array_append_item(inner, plist_new_uint(i));
      plist_array_append_item(inner, plist_new_string("second"));
      plist_array_append_item(array, inner);
    } else {
      plist_array_append_item(array, plist_new_string(std::to_string(i).c_str()));
    }
  }
  plist_dict_set_item(dict, "Items", array);
  plist_dict_set_item(dict, "Empty", plist_new_array());
  const std::string bytes = to_binary(dict);

  Diagnostics diagnostics;
  const auto value = read_binary_plist(bytes, kPath, diagnostics);
  ASSERT_TRUE(value);
  EXPECT_TRUE(diagnostics.empty());
  const ir::Array& items = value->find("Items")->array();
  ASSERT_EQ(items.size(), kItems);
  for (std::uint32_t i = 0; i < kItems; ++i) {
    if (i % 1000 == 0) {
      ASSERT_EQ(items[i].array().size(), 2u) << i;
      EXPECT_EQ(items[i].array()[0].integer(), i);
      EXPECT_EQ(items[i].array()[1].string(), "second");
    } else {
      ASSERT_EQ(items[i].string(), std::to_string(i)) << i;
    }
  }
  EXPECT_TRUE(value->find("Empty")->array().empty());
}

TEST(BinaryReader, DeepNestingIsRefusedBeforeLibplistRecurses) {
  plist_t root = plist_new_array();
  plist_t current = root;
  for (std::size_t i = 0; i < kMaxPlistDepth + 10; ++i) {
    plist_t child = plist_new_array();
    plist_array_append_item(current, child);
    current = child;
  }
  const std::string bytes = to_binary(root);
  Diagnostics diagnostics;
  EXPECT_FALSE(read_binary_plist(bytes, kPath, diagnostics));
  ASSERT_EQ(diagnostics.all().size(), 1u);
  EXPECT_EQ(diagnostics.all()[0].message, "containers nested more than 512 levels deep");
}

// bplist00, then the objects, the offset table and the 32-byte trailer.
std::string handmade(const std::string& objects, std::size_t count) {
  std::string bytes = "bplist00" + objects;
  const std::size_t table = bytes.size();
  // One-byte offsets: every object here is one or two bytes long.
  std::size_t at = 8;
  for (std::size_t i = 0; i < count; ++i) {
    bytes += static_cast<char>(at);
    at += 2;
  }
  std::string trailer(32, '\0');
  trailer[6] = 1;  // offset size
  trailer[7] = 1;  // reference size
  trailer[15] = static_cast<char>(count);
  trailer[31] = static_cast<char>(table);
  return bytes + trailer;
}

TEST(BinaryReader, ACycleIsAnErrorNotALoop) {
  // Object 0: an array holding one reference, to itself.
  Diagnostics diagnostics;
  EXPECT_FALSE(read_binary_plist(handmade(std::string("\xA1\x00", 2), 1), kPath, diagnostics));
  ASSERT_EQ(diagnostics.all().size(), 1u);
  EXPECT_EQ(diagnostics.all()[0].message, "malformed binary property list: a container holds itself");
}

TEST(BinaryReader, SharedObjectsThatExpandBeyondTheLimitAreRefused) {
  // Object i is an array of two references to object i+1: 2^40 leaves once expanded.
  std::string objects;
  const std::size_t levels = 40;
  for (std::size_t i = 0; i < levels; ++i)
    objects += std::string("\xA2") + static_cast<char>(i + 1) + static_cast<char>(i + 1);
  // Make every object two bytes apart for handmade()'s offsets: use 3-byte
  // arrays, so build the offsets here instead.
  std::string bytes = "bplist00" + objects + "\x09";  // the last object: true
  const std::size_t table = bytes.size();
  for (std::size_t i = 0; i <= levels; ++i) bytes += static_cast<char>(8 + 3 * i);
  std::string trailer(32, '\0');
  trailer[6] = 1;
  trailer[7] = 1;
  trailer[15] = static_cast<char>(levels + 1);
  trailer[31] = static_cast<char>(table);
  bytes += trailer;
  Diagnostics diagnostics;
  EXPECT_FALSE(read_binary_plist(bytes, kPath, diagnostics));
  ASSERT_EQ(diagnostics.all().size(), 1u);
  EXPECT_EQ(diagnostics.all()[0].message, "malformed binary property list: it expands to more than 16777216 values");
}

// Object 0: an array holding one reference, `ref`; object 1: true. Two
// objects, so reference 1 is the last one there is and 2 the first past them.
std::string array_referring_to(char ref) {
  std::string bytes = std::string("bplist00\xA1", 9) + ref + "\x09";
  const std::size_t table = bytes.size();
  bytes += static_cast<char>(8);
  bytes += static_cast<char>(10);
  std::string trailer(32, '\0');
  trailer[6] = 1;
  trailer[7] = 1;
  trailer[15] = 2;
  trailer[31] = static_cast<char>(table);
  return bytes + trailer;
}

TEST(BinaryReader, AReferenceEqualToTheObjectCountIsRefused) {
  Diagnostics diagnostics;
  EXPECT_FALSE(read_binary_plist(array_referring_to(2), kPath, diagnostics));
  ASSERT_EQ(diagnostics.all().size(), 1u);
  EXPECT_EQ(diagnostics.all()[0].message,
            "malformed binary property list: a container is malformed or a string holds a NUL character");
}

TEST(BinaryReader, AReferenceToTheLastObjectIsRead) {
  Diagnostics diagnostics;
  const std::optional<ir::Value> root = read_binary_plist(array_referring_to(1), kPath, diagnostics);
  ASSERT_TRUE(root) << (diagnostics.all().empty() ? "" : diagnostics.all()[0].message);
  EXPECT_TRUE(diagnostics.all().empty());
  ASSERT_TRUE(root->is_array());
  ASSERT_EQ(root->array().size(), 1u);
  EXPECT_TRUE(root->array()[0].is_boolean());
}

// Found by fuzz/fuzz_binary_plist: libplist 2.2 aborts (an assert in
// plist_get_key_val) on a dictionary key holding a NUL character.
TEST(BinaryReader, AStringHoldingNulIsAnErrorNotAnAbort) {
  for (const std::string& key : {std::string("\x51\x00", 2), std::string("\x61\x00\x00", 3)}) {
    // Object 0: a dictionary {key: true}; object 1: the key; object 2: true.
    std::string bytes = std::string("bplist00\xD1\x01\x02", 11) + key + "\x09";
    const std::size_t table = bytes.size();
    bytes += static_cast<char>(8);
    bytes += static_cast<char>(11);
    bytes += static_cast<char>(11 + key.size());
    std::string trailer(32, '\0');
    trailer[6] = 1;
    trailer[7] = 1;
    trailer[15] = 3;
    trailer[31] = static_cast<char>(table);
    bytes += trailer;
    Diagnostics diagnostics;
    EXPECT_FALSE(read_binary_plist(bytes, kPath, diagnostics));
    ASSERT_EQ(diagnostics.all().size(), 1u);
    EXPECT_EQ(diagnostics.all()[0].message,
              "malformed binary property list: a container is malformed or a string holds a NUL character");
  }
}

TEST(BinaryReader, TheFuzzerCrashWithANulInAUtf16KeyIsAnError) {
  const std::string path = std::string(PROFILEC_SOURCE_DIR) +
                           "/tests/fuzz_regressions/binary_plist_nul_in_utf16_key.bplist";
  auto bytes = DiskFileSystem().read_file(path);
  ASSERT_TRUE(bytes) << path;
  Diagnostics diagnostics;
  EXPECT_FALSE(read_binary_plist(*bytes, kPath, diagnostics));
  ASSERT_EQ(diagnostics.all().size(), 1u);
  EXPECT_EQ(info(diagnostics.all()[0].code).id, "PC0017");
}

TEST(BinaryReader, AnotherVersionThanBplist00IsNamedNotReadAsXml) {
  // "bplist" with any version is told apart from XML; only 00 is read.
  const std::string bplist01 = std::string("bplist01", 8) + std::string(40, '\0');
  ASSERT_TRUE(is_binary_plist(bplist01));
  Diagnostics diagnostics;
  EXPECT_FALSE(read_binary_plist(bplist01, kPath, diagnostics));
  ASSERT_EQ(diagnostics.all().size(), 1u);
  EXPECT_EQ(info(diagnostics.all()[0].code).id, "PC0017");
  EXPECT_EQ(diagnostics.all()[0].message,
            "unsupported binary property list version 'bplist01'; profilec reads 'bplist00'");
  Diagnostics odd;
  EXPECT_FALSE(read_binary_plist(std::string("bplist\x01'", 8), kPath, odd));
  ASSERT_EQ(odd.all().size(), 1u);
  EXPECT_EQ(odd.all()[0].message,
            "unsupported binary property list version 'bplist\\x01\\x27'; profilec reads 'bplist00'");
  EXPECT_FALSE(is_binary_plist("bplis"));
}

TEST(BinaryReader, TruncatedFilesAreErrors) {
  plist_t dict = plist_new_dict();
  plist_dict_set_item(dict, "k", plist_new_string("v"));
  const std::string bytes = to_binary(dict);
  for (const std::size_t keep : {std::size_t{8}, std::size_t{20}, bytes.size() - 1}) {
    Diagnostics diagnostics;
    EXPECT_FALSE(read_binary_plist(bytes.substr(0, keep), kPath, diagnostics)) << keep;
    ASSERT_EQ(diagnostics.all().size(), 1u) << keep;
    EXPECT_EQ(info(diagnostics.all()[0].code).id, "PC0017");
  }
}

// Issue 15 item 11: libplist 2.2 gives dates as 32-bit seconds, so dates
// outside 1901-2038, NaN and infinity all became 1932-12-13 without a word.
// A dict {"When": <date>} with the date's float64 set by hand.
std::string with_date(double seconds) {
  plist_t dict = plist_new_dict();
  plist_dict_set_item(dict, "When", plist_new_date(0, 0));
  std::string bytes = to_binary(dict);
  const std::size_t at = bytes.find(std::string("\x33\0\0\0\0\0\0\0\0", 9));
  EXPECT_NE(at, std::string::npos);
  const auto bits = std::bit_cast<std::uint64_t>(seconds);
  for (int i = 0; i < 8; ++i) bytes[at + 1 + i] = static_cast<char>((bits >> (56 - 8 * i)) & 0xFF);
  return bytes;
}

TEST(BinaryReader, DatesOutsideThe32BitRangeAreReadExactly) {
  const std::pair<double, ir::Date> cases[] = {
      {-3187252800.0, {1900, 1, 1, 12, 0, 0}}, {3137184000.0, {2100, 6, 1, 0, 0, 0}},
      {599529601.0, {2020, 1, 1, 0, 0, 1}},    {-0.5, {2000, 12, 31, 23, 59, 59}},  // whole seconds, rounded down
      {-63113904000.0, {1, 1, 1, 0, 0, 0}},    {252423993599.0, {9999, 12, 31, 23, 59, 59}},
  };
  for (const auto& [seconds, date] : cases) {
    Diagnostics diagnostics;
    const auto value = read_binary_plist(with_date(seconds), kPath, diagnostics);
    ASSERT_TRUE(value) << seconds;
    EXPECT_TRUE(diagnostics.empty()) << seconds;
    EXPECT_EQ(value->find("When")->date(), date) << seconds;
  }
}

TEST(BinaryReader, DatesProfilecCannotHoldArePC0032NotAnotherDate) {
  const std::pair<double, std::string> cases[] = {
      {std::numeric_limits<double>::quiet_NaN(), "is not a number (NaN)"},
      {std::numeric_limits<double>::infinity(), "is infinite"},
      {-std::numeric_limits<double>::infinity(), "is infinite"},
      {-63113904001.0, "(-63113904001 seconds from 2001-01-01) is outside the years 0001 to 9999"},
      {252423993600.0, "(252423993600 seconds from 2001-01-01) is outside the years 0001 to 9999"},
  };
  for (const auto& [seconds, what] : cases) {
    Diagnostics diagnostics;
    EXPECT_FALSE(read_binary_plist(with_date(seconds), kPath, diagnostics)) << what;
    ASSERT_EQ(diagnostics.all().size(), 1u) << what;
    const Diagnostic& d = diagnostics.all()[0];
    EXPECT_EQ(info(d.code).id, "PC0032");
    EXPECT_EQ(*d.span.path, "b.mobileconfig");
    EXPECT_TRUE(d.message.starts_with("the date at byte ")) << d.message;
    EXPECT_TRUE(d.message.ends_with(what)) << d.message;
  }
}

// A dict {"S": <UTF-16 string>} with its code units set by hand.
std::string with_utf16(const std::vector<std::uint16_t>& units) {
  plist_t dict = plist_new_dict();
  plist_dict_set_item(dict, "S", plist_new_string(std::string(units.size(), 'x').insert(0, "\xC3\xA9").c_str()));
  std::string bytes = to_binary(dict);
  const std::size_t at = bytes.find(std::string("\x00\xE9", 2));
  EXPECT_NE(at, std::string::npos);
  bytes[at - 1] = static_cast<char>(0x60 | units.size());  // marker: UTF-16, this many units
  for (std::size_t i = 0; i < units.size(); ++i) {
    bytes[at + 2 * i] = static_cast<char>(units[i] >> 8);
    bytes[at + 2 * i + 1] = static_cast<char>(units[i] & 0xFF);
  }
  return bytes;
}

TEST(BinaryReader, ALoneUtf16SurrogateIsPC0032NotDropped) {
  for (const std::vector<std::uint16_t>& units :
       {std::vector<std::uint16_t>{0x61, 0xD800, 0x62}, std::vector<std::uint16_t>{0x61, 0xDC00, 0x62},
        std::vector<std::uint16_t>{0x61, 0x62, 0xD83D}}) {
    Diagnostics diagnostics;
    EXPECT_FALSE(read_binary_plist(with_utf16(units), kPath, diagnostics));
    ASSERT_EQ(diagnostics.all().size(), 1u);
    EXPECT_EQ(info(diagnostics.all()[0].code).id, "PC0032");
    EXPECT_NE(diagnostics.all()[0].message.find("holds a lone UTF-16 surrogate U+D"), std::string::npos)
        << diagnostics.all()[0].message;
  }
  Diagnostics diagnostics;  // a pair is one character: U+1F600
  const auto value = read_binary_plist(with_utf16({0x61, 0xD83D, 0xDE00}), kPath, diagnostics);
  ASSERT_TRUE(value);
  EXPECT_TRUE(diagnostics.empty());
  EXPECT_EQ(value->find("S")->string(), "a\xF0\x9F\x98\x80");
}

}  // namespace
}  // namespace profilec
