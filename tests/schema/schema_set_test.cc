#include "schema/schema_set.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "schema/resolve_facts.h"

namespace profilec::schema {
namespace {

namespace fs = std::filesystem;

const SchemaSet& embedded() {
  static const SchemaSet set = SchemaSet::embedded();
  return set;
}

const Key* top_key(const PayloadSchema& schema, std::string_view name) {
  const auto defs = schema.top_level(name);
  return defs.empty() ? nullptr : defs.front().second;
}

TEST(SchemaSetTest, EveryEmbeddedSchemaAndOverlayLoadsAndValidates) {
  ASSERT_EQ(embedded().load_all(), std::nullopt);
  for (const std::string& type : embedded().payload_types()) {
    const PayloadSchema* schema = embedded().find(type);
    ASSERT_NE(schema, nullptr) << type;
    EXPECT_EQ(schema->payload_type, type);
    EXPECT_FALSE(schema->groups.empty()) << type;
    EXPECT_EQ(validate_overlay(*schema), std::nullopt) << type;
  }
}

TEST(SchemaSetTest, EmbedsEveryFileOfTheSchemasFolder) {
  // Counted from the source tree, not hard-coded.
  std::size_t payload_files = 0, overlay_files = 0;
  for (const auto& e : fs::directory_iterator(std::string(PROFILEC_SOURCE_DIR) + "/schemas/payloads")) {
    payload_files += e.path().extension() == ".toml";
  }
  for (const auto& e : fs::directory_iterator(std::string(PROFILEC_SOURCE_DIR) + "/schemas/overlay")) {
    overlay_files += e.path().extension() == ".toml";
  }
  EXPECT_EQ(embedded().payload_types().size(), payload_files);
  std::size_t with_overlay = 0;
  for (const std::string& type : embedded().payload_types())
    with_overlay += !embedded().find(type)->overlay.source_path.empty();
  EXPECT_EQ(with_overlay, overlay_files);
  EXPECT_EQ(embedded().top_level().kind, SchemaKind::kProfile);
  EXPECT_EQ(embedded().common().kind, SchemaKind::kCommon);
  EXPECT_NE(top_key(embedded().top_level(), "PayloadContent"), nullptr);
  EXPECT_NE(top_key(embedded().common(), "PayloadUUID"), nullptr);
}

// Apple's words (docs/cli.md, "schema show"): every payload's and nearly
// every key's `content`, as generated into schemas/ and compiled in.
TEST(SchemaSetTest, EmbeddedSchemasCarryAppleDescriptions) {
  const PayloadSchema* wifi = embedded().find("com.apple.wifi.managed");
  ASSERT_NE(wifi, nullptr);
  EXPECT_EQ(wifi->description, "Use this section to define Wi-Fi settings");
  EXPECT_EQ(wifi->groups.front().description, wifi->description);
  const Key* auto_join = top_key(*wifi, "AutoJoin");
  ASSERT_NE(auto_join, nullptr);
  EXPECT_EQ(auto_join->description,
            "If 'true', the device joins the network automatically.\n"
            "If 'false', the user must tap the network name to join it.\n"
            "Available in iOS 5.0 and later, and in macOS 10.7 and later.");
  std::size_t keys = 0, described = 0;
  auto count = [&](auto&& self, const std::vector<Key>& list) -> void {
    for (const Key& k : list) {
      ++keys;
      if (!k.description.empty()) ++described;
      self(self, k.subkeys);
    }
  };
  for (const std::string& type : embedded().payload_types()) {
    const PayloadSchema* s = embedded().find(type);
    for (const Group& g : s->groups) count(count, g.keys);
    for (const NamedType& t : s->types) count(count, t.keys);
  }
  // Upstream describes all but ~80 of its key definitions.
  EXPECT_GT(described, keys * 9 / 10) << described << " of " << keys;
  EXPECT_LT(described, keys);
}

TEST(SchemaSetTest, FingerprintChangesWithEveryAddedSchema) {
  const std::string plain = SchemaSet::embedded().fingerprint();
  EXPECT_EQ(SchemaSet::embedded().fingerprint(), plain);
  (void)embedded().find("com.apple.wifi.managed");  // decoding changes nothing
  EXPECT_EQ(embedded().fingerprint(), plain);
  const auto with = [](std::string title, std::string type) {
    SchemaSet set = SchemaSet::embedded();
    PayloadSchema schema;
    schema.payload_type = std::move(type);
    schema.title = std::move(title);
    schema.kind = SchemaKind::kPayload;
    set.add_schema(std::move(schema));
    return set.fingerprint();
  };
  EXPECT_NE(with("Agent", "com.example.agent"), plain);
  EXPECT_EQ(with("Agent", "com.example.agent"), with("Agent", "com.example.agent"));
  EXPECT_NE(with("Agent", "com.example.agent"), with("Agent 2", "com.example.agent"));
  EXPECT_NE(with("Agent", "com.apple.wifi.managed"), plain);  // replacing an embedded one
}

TEST(SchemaSetTest, UnknownTypeIsNull) {
  EXPECT_EQ(embedded().find("com.apple.nonexistent"), nullptr);
  EXPECT_EQ(embedded().find("TopLevel"), nullptr) << "the envelope is not a payload type";
}

TEST(SchemaSetTest, TypesSpreadOverSeveralFilesKeepEveryGroup) {
  const PayloadSchema* mcx = embedded().find("com.apple.MCX");
  ASSERT_NE(mcx, nullptr);
  std::size_t plain = 0;
  for (const Group& g : mcx->groups) plain += !g.is_variant();
  EXPECT_EQ(plain, 6u);
  EXPECT_EQ(mcx->top_level("DestroyFVKeyOnStandby").size(), 2u) << "defined in two MCX files";

  const PayloadSchema* sso = embedded().find("com.apple.extensiblesso");
  ASSERT_NE(sso, nullptr);
  const Group* kerberos = nullptr;
  for (const Group& g : sso->groups) {
    if (g.variant == "Kerberos") kerberos = &g;
  }
  ASSERT_NE(kerberos, nullptr);
  EXPECT_EQ(kerberos->when_key, "ExtensionIdentifier");
  EXPECT_EQ(kerberos->when_value, "com.apple.AppSSOKerberos.KerberosExtension");
  EXPECT_NE(resolve_path(*sso, KeyPath{{"ExtensionData", "certificateUUID"}, "Kerberos"}), nullptr);
}

TEST(SchemaSetTest, RecursiveNamedTypeLoadsAndTerminates) {
  const PayloadSchema* layout = embedded().find("com.apple.homescreenlayout");
  ASSERT_NE(layout, nullptr);
  // Walk Dock -> IconItem -> Pages -> PagesItem -> IconItem ... by type index:
  // the structure is a cycle of two named types, not an infinite copy.
  const Key* dock = top_key(*layout, "Dock");
  ASSERT_NE(dock, nullptr);
  ASSERT_GE(dock->subkeys_type, 0);
  const int icon_item = dock->subkeys_type;
  EXPECT_EQ(layout->types[static_cast<std::size_t>(icon_item)].name, "IconItem");
  const Key& item = layout->children(*dock).front();
  const Key* pages = nullptr;
  for (const Key& k : layout->children(item)) {
    if (k.name == "Pages") pages = &k;
  }
  ASSERT_NE(pages, nullptr);
  const Key& pages_item = layout->children(*pages).front();
  EXPECT_EQ(pages_item.subkeys_type, icon_item) << "PagesItem refers back to IconItem";
}

TEST(ResolveFactsTest, KeySupervisedOnlyOnIos) {
  const PayloadSchema* restrictions = embedded().find("com.apple.applicationaccess");
  ASSERT_NE(restrictions, nullptr);
  const auto defs = restrictions->top_level("allowAirDrop");
  ASSERT_EQ(defs.size(), 1u);
  const Key* chain[] = {defs[0].second};
  auto ios = effective_facts(*defs[0].first, chain, Platform::kIOS);
  auto mac = effective_facts(*defs[0].first, chain, Platform::kMacOS);
  ASSERT_TRUE(ios && mac);
  EXPECT_EQ(ios->supervised, true);
  EXPECT_EQ(mac->supervised, std::nullopt) << "macOS states no supervision for it";
  EXPECT_EQ(ios->introduced->text(), "7.0");
  EXPECT_EQ(mac->introduced->text(), "10.13");
  // Inherited from the payload, not restated by the key:
  EXPECT_EQ(ios->multiple, true);
}

TEST(ResolveFactsTest, KeyNotAvailableWhereItsPayloadIs) {
  const PayloadSchema* restrictions = embedded().find("com.apple.applicationaccess");
  const auto defs = restrictions->top_level("allowAirDrop");
  const Key* chain[] = {defs[0].second};
  auto payload_tv = payload_facts(*restrictions, Platform::kTvOS);
  ASSERT_TRUE(payload_tv);
  EXPECT_TRUE(payload_tv->supported());
  auto key_tv = effective_facts(*defs[0].first, chain, Platform::kTvOS);
  ASSERT_TRUE(key_tv);
  EXPECT_FALSE(key_tv->supported());
  EXPECT_EQ(key_tv->supervised, false) << "other facts still inherit from the payload";
}

TEST(ResolveFactsTest, DeprecatedAndRemovedVersions) {
  const PayloadSchema* mdm = embedded().find("com.apple.mdm");
  ASSERT_NE(mdm, nullptr);
  const auto defs = mdm->top_level("ManagedAppleID");
  ASSERT_EQ(defs.size(), 1u);
  const Key* chain[] = {defs[0].second};
  auto ios = effective_facts(*defs[0].first, chain, Platform::kIOS);
  ASSERT_TRUE(ios);
  EXPECT_EQ(ios->deprecated->text(), "17.0");
  EXPECT_EQ(ios->removed->text(), "18.0");
  EXPECT_EQ(ios->userenrollment_mode, Mode::kRequired);
  EXPECT_FALSE(effective_facts(*defs[0].first, chain, Platform::kTvOS)->supported());
}

TEST(ResolveFactsTest, NestedKeysInheritThroughEveryLevel) {
  Group group;
  PlatformFacts payload;
  payload.introduced = OsVersion::parse("10.0");
  payload.supervised = false;
  payload.multiple = true;
  group.os[0] = payload;
  Key outer, inner;
  PlatformFacts outer_facts;
  outer_facts.supervised = true;
  outer.os[0] = outer_facts;
  PlatformFacts inner_facts;
  inner_facts.introduced = OsVersion::parse("12.0");
  inner.os[0] = inner_facts;
  const Key* chain[] = {&outer, &inner};
  auto facts = effective_facts(group, chain, Platform::kIOS);
  ASSERT_TRUE(facts);
  EXPECT_EQ(facts->introduced->text(), "12.0");
  EXPECT_EQ(facts->supervised, true);
  EXPECT_EQ(facts->multiple, true);
  EXPECT_EQ(effective_facts(group, chain, Platform::kMacOS), std::nullopt);
}

TEST(OverlayTest, FactsPresentForTheCorePayloads) {
  auto overlay = [](std::string_view type) -> const Overlay& { return embedded().find(type)->overlay; };
  auto has_secret = [&](std::string_view type, std::string_view path) {
    for (const auto& s : overlay(type).secrets) {
      if (s.path.text() == path) return true;
    }
    return false;
  };
  auto reference_to = [&](std::string_view type, std::string_view path) -> std::vector<std::string> {
    for (const auto& r : overlay(type).references) {
      if (r.path.text() == path) return r.types;
    }
    return {};
  };
  auto rule = [&](std::string_view type, std::string_view path) {
    for (const auto& c : overlay(type).combine) {
      if (c.path.text() == path) return c.rule;
    }
    return CombineRule::kNone;
  };
  // Restrictions and passcode: the most restrictive wins, and every key has a rule.
  EXPECT_TRUE(overlay("com.apple.applicationaccess").combine_complete);
  EXPECT_EQ(rule("com.apple.applicationaccess", "allowCamera"), CombineRule::kBooleanAnd);
  EXPECT_EQ(rule("com.apple.applicationaccess", "forceEncryptedBackup"), CombineRule::kBooleanOr);
  EXPECT_TRUE(overlay("com.apple.mobiledevice.passwordpolicy").combine_complete);
  EXPECT_EQ(rule("com.apple.mobiledevice.passwordpolicy", "minLength"), CombineRule::kNumberMax);
  EXPECT_EQ(rule("com.apple.mobiledevice.passwordpolicy", "maxInactivity"), CombineRule::kNumberMin);
  // Every restrictions key is covered.
  for (const Group& g : embedded().find("com.apple.applicationaccess")->groups) {
    for (const Key& k : g.keys) {
      bool covered = false;
      for (const auto& c : overlay("com.apple.applicationaccess").combine) covered = covered || c.path.text() == k.name;
      EXPECT_TRUE(covered) << k.name;
    }
  }
  // Secrets.
  EXPECT_TRUE(has_secret("com.apple.wifi.managed", "Password"));
  EXPECT_TRUE(has_secret("com.apple.wifi.managed", "EAPClientConfiguration.UserPassword"));
  EXPECT_TRUE(has_secret("com.apple.security.scep", "PayloadContent.Challenge"));
  EXPECT_TRUE(has_secret("com.apple.security.pkcs12", "Password"));
  EXPECT_TRUE(has_secret("com.apple.eas.account", "Password"));
  EXPECT_TRUE(has_secret("com.apple.mail.managed", "IncomingPassword"));
  EXPECT_FALSE(overlay("com.apple.vpn.managed").secrets.empty());
  // References to other payloads' UUIDs.
  const auto identity = reference_to("com.apple.mdm", "IdentityCertificateUUID");
  EXPECT_NE(std::find(identity.begin(), identity.end(), "com.apple.security.scep"), identity.end());
  EXPECT_NE(std::find(identity.begin(), identity.end(), "com.apple.security.pkcs12"), identity.end());
  EXPECT_FALSE(reference_to("com.apple.wifi.managed", "PayloadCertificateUUID").empty());
  EXPECT_FALSE(reference_to("com.apple.wifi.managed", "EAPClientConfiguration.PayloadCertificateAnchorUUID").empty());
  EXPECT_FALSE(overlay("com.apple.vpn.managed").references.empty());
  EXPECT_FALSE(overlay("com.apple.extensiblesso").references.empty());
  EXPECT_FALSE(overlay("com.apple.security.acme").secrets.empty() &&
               overlay("com.apple.security.acme").references.empty());
  // Exclusive.
  ASSERT_TRUE(overlay("com.apple.mdm").exclusive.has_value());
  EXPECT_FALSE(overlay("com.apple.mdm").exclusive->reason.empty());
}

}  // namespace
}  // namespace profilec::schema

#include <fstream>
#include <sstream>

#include "schema/compiled_schemas.h"
#include "schema/schema_codec.h"

namespace profilec::schema {
namespace {

// The compiled form the binary embeds decodes to exactly what the TOML loader
// reads from schemas/.
TEST(SchemaCodecTest, EmbeddedSchemasEqualTheTomlFiles) {
  std::size_t compared = 0;
  for (const auto& entry : fs::recursive_directory_iterator(std::string(PROFILEC_SOURCE_DIR) + "/schemas")) {
    if (entry.path().extension() != ".toml" || entry.path().parent_path().filename() == "overlay") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    const std::string relative = "schemas/" +
                                 fs::relative(entry.path(), std::string(PROFILEC_SOURCE_DIR) + "/schemas").string();
    auto loaded = load_schema(text.str(), relative);
    ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
    const PayloadSchema* embedded_schema = embedded().find_any(loaded->payload_type);
    ASSERT_NE(embedded_schema, nullptr) << loaded->payload_type;
    PayloadSchema expected = *loaded;
    expected.overlay = embedded_schema->overlay;  // attached at build time
    EXPECT_TRUE(*embedded_schema == expected) << relative;
    EXPECT_TRUE(decode_schema(encode_schema(expected)) == expected) << relative;
    ++compared;
  }
  // Every payload and declaration type, + TopLevel, CommonPayloadKeys, DeclarationBase.
  EXPECT_EQ(compared, embedded().payload_types().size() + embedded().declaration_types().size() + 3);
}

// The kind read alone (what listing the types reads) is the decoded one's,
// for every embedded schema of every kind.
TEST(SchemaCodecTest, TheKindReadAloneIsTheDecodedKind) {
  std::set<SchemaKind> kinds;
  for (const CompiledSchema& compiled : compiled_schemas()) {
    const SchemaKind kind = decode_schema_kind(compiled.bytes);
    EXPECT_EQ(kind, decode_schema(compiled.bytes).kind) << compiled.payload_type;
    kinds.insert(kind);
  }
  EXPECT_EQ(kinds.size(), 5U) << "payload, profile, common, declaration, declaration base";
  EXPECT_THROW(decode_schema_kind(""), std::runtime_error);
}

TEST(SchemaCodecTest, TruncatedBytesAreAnErrorNotACrash) {
  const std::string bytes = encode_schema(*embedded().find("com.apple.wifi.managed"));
  for (std::size_t cut : {std::size_t{0}, std::size_t{1}, bytes.size() / 2, bytes.size() - 1}) {
    EXPECT_THROW(decode_schema(std::string_view(bytes).substr(0, cut)), std::runtime_error) << cut;
  }
}

}  // namespace
}  // namespace profilec::schema
