#include "import/write_policy.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "base/base64.h"
#include "base/utf8.h"
#include "schema/payload_fields.h"
#include "import/data_files.h"
#include "import/key_order.h"
#include "import/secrets.h"
#include "import/toml_text.h"
#include "ir/uuid.h"

namespace profilec::import {
namespace {

// Lines longer than this are split (arrays) or become tables (dictionaries).
constexpr std::size_t kLineWidth = 100;
// How deep arrays and dictionaries in a payload (or an envelope key) may
// nest to be written: dictionaries become dotted keys, which TOML files
// here hold up to 128 parts (lang::kMaxDottedKeyParts), arrays and inline
// tables nest up to 256 levels (toml++).
constexpr std::size_t kMaxImportNesting = 128;

// The payload keys written first, in this order; the rest follow the schema.
const std::vector<std::string_view> kPayloadHousekeeping = {
    "PayloadIdentifier",  "PayloadUUID", "PayloadVersion",   "PayloadDisplayName",       "PayloadDescription",
    "PayloadOrganization", "PayloadEnabled", "PayloadScope", "PayloadRemovalDisallowed",
};

// The envelope keys written first, after PayloadIdentifier (`id`); the rest
// follow the TopLevel schema's order.
const std::vector<std::string_view> kEnvelopeHousekeeping = {"PayloadType", "PayloadVersion", "PayloadUUID",
                                                             "PayloadDisplayName"};

// A key = value line, or a table, to write.
struct Item {
  std::string key;
  const ir::Value* value;
  SchemaPlace place;
};

std::size_t nesting(const ir::Value& value) {
  std::size_t deepest = 0;
  if (value.is_array()) {
    for (const ir::Value& item : value.array()) deepest = std::max(deepest, nesting(item));
    return deepest + 1;
  }
  if (value.is_dict()) {
    for (const ir::DictEntry& entry : value.dict()) deepest = std::max(deepest, nesting(entry.value));
    return deepest + 1;
  }
  return 0;
}

bool has_line_break(const ir::Value& value) {
  if (value.is_string()) return value.string().find('\n') != std::string::npos;
  if (value.is_array()) {
    return std::any_of(value.array().begin(), value.array().end(), [](const ir::Value& v) { return has_line_break(v); });
  }
  if (value.is_dict()) {
    return std::any_of(value.dict().begin(), value.dict().end(),
                       [](const ir::DictEntry& e) { return has_line_break(e.value); });
  }
  return false;
}

// A plist whose top-level PayloadType is not Configuration: the reader keeps
// its whole dictionary, PayloadContent included, as the envelope.
bool is_bare(const ir::Profile& profile) {
  const ir::Value* type = profile.envelope.find("PayloadType");
  return type && type->is_string() && type->string() != "Configuration";
}

// "root-ca.cer" -> "root-ca".
std::string_view stem_of(std::string_view file) {
  file = file.substr(file.find_last_of("/\\") == std::string_view::npos ? 0 : file.find_last_of("/\\") + 1);
  return file.substr(0, std::min(file.rfind('.'), file.size()));
}

// A file name fit for a comment line.
std::string one_line(std::string_view text) {
  std::string out = valid_utf8(text, ControlCharacters::kReplaceExceptWhitespace);
  std::replace_if(out.begin(), out.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  return out;
}

bool all_dicts(const ir::Value& value) {
  return value.is_array() && !value.array().empty() &&
         std::all_of(value.array().begin(), value.array().end(), [](const ir::Value& v) { return v.is_dict(); });
}

class PolicyWriter {
 public:
  PolicyWriter(const std::string& name, const schema::SchemaSet& schemas, const ImportOptions& options,
               RunNames& names, Diagnostics& diagnostics)
      : schemas_(schemas), options_(options), names_(names), diagnostics_(diagnostics) {
    out_.name = name;
  }

  std::optional<PolicySource> write(const ir::Profile& profile, const std::string& source_name) {
    if (!profile.envelope.is_dict()) {
      refuse(profile.envelope.span, "the file holds no profile dictionary");
      return std::nullopt;
    }
    const ir::Dict& envelope = profile.envelope.dict();
    const ir::Value* identifier = profile.envelope.find("PayloadIdentifier");
    if (!identifier || !identifier->is_string()) {
      refuse(identifier ? identifier->span : profile.envelope.span,
             identifier ? "the profile's PayloadIdentifier is not a string" : "the profile has no PayloadIdentifier",
             "a policy's [profile].id is its PayloadIdentifier, and devices tell profiles apart by it: "
             "add one to the .mobileconfig, then import it");
      return std::nullopt;
    }
    if (identifier->string().starts_with(".")) {
      refuse(identifier->span,
             fmt::format("the profile's PayloadIdentifier '{}' starts with a dot", identifier->string()),
             "policy source reads such an id as relative to profilec.toml's id_prefix: give the profile an "
             "identifier without the leading dot, then import it");
      return std::nullopt;
    }
    if (const ir::Value* encrypted = profile.envelope.find("EncryptedPayloadContent")) {
      refuse(encrypted->span, "the payloads are encrypted for one device",
             "import the unencrypted profile: policy source holds payloads in the clear");
      return std::nullopt;
    }

    // A bare payload (top-level PayloadType other than Configuration) keeps
    // its PayloadContent in the envelope: its items are the payloads.
    std::vector<ir::Payload> bare_payloads;
    const ir::Value* bare_content = profile.envelope.find("PayloadContent");
    if (bare_content && !all_payloads(*bare_content, bare_payloads)) return std::nullopt;
    const std::vector<ir::Payload>& payloads = bare_content ? bare_payloads : profile.payloads;
    const bool has_content = bare_content || (!is_bare(profile) && profile.has_payload_content);

    // Pass 1: what the source cannot say, data files and secrets, in the
    // order they will be written.
    for (const ir::DictEntry& entry : envelope) {
      if (entry.key != "PayloadContent") prepare_envelope_entry(entry);
    }
    std::vector<std::string> payload_names;
    UniqueNames table_names;
    for (const ir::Payload& payload : payloads) {
      payload_names.push_back(table_names.claim(payload_name_base(payload)));
      prepare_payload(payload, payload_names.back());
    }
    if (diagnostics_.has_errors()) return std::nullopt;

    // Pass 2: the text.
    std::string& text = out_.text;
    text += fmt::format("# Imported by `profilec import` from {}.\n", one_line(source_name));
    text += "# PayloadIdentifier and PayloadUUID are pinned: a profile built from this file replaces\n"
            "# the one devices already have instead of installing beside it.\n";
    write_profile(profile.envelope, has_content, payloads.empty());
    write_target(profile.target);
    for (std::size_t i = 0; i < payloads.size(); ++i) write_payload(payloads[i], payload_names[i]);
    return std::move(out_);
  }

 private:
  // --- pass 1 ---------------------------------------------------------------

  void refuse(const SourceSpan& span, std::string message, std::string help = {}) {
    diagnostics_.report(DiagnosticCode::PC0030, span, std::move(message), std::move(help));
  }

  bool all_payloads(const ir::Value& content, std::vector<ir::Payload>& out) {
    if (!content.is_array() ||
        !std::all_of(content.array().begin(), content.array().end(), [](const ir::Value& v) { return v.is_dict(); })) {
      refuse(content.span, "PayloadContent is not an array of payload dictionaries",
             "import reads configuration profiles: a <dict> whose PayloadContent is an <array> of payloads");
      return false;
    }
    for (const ir::Value& item : content.array()) {
      ir::Payload payload;
      const ir::Value* type = item.find("PayloadType");
      if (type && type->is_string()) payload.type = type->string();
      payload.span = item.span;
      payload.content = item;
      out.push_back(std::move(payload));
    }
    return true;
  }

  // Every top-level key can be written: Apple's (upper-case) in [profile],
  // any other in [profile.extra].
  void prepare_envelope_entry(const ir::DictEntry& entry) {
    if (!is_valid_utf8(entry.key)) refuse(entry.key_span, "a key that is not valid UTF-8");
    payload_ = nullptr;
    prepare(entry.value, {entry.key});
  }

  // The payload that is prepared or written next, with its schema.
  void enter_payload(const ir::Payload& payload, const std::string& name) {
    payload_ = &payload;
    payload_name_ = name;
    payload_schema_ = schemas_.find(payload.type);
    payload_fields_.clear();
    if (payload_schema_) payload_fields_ = schema::payload_fields(*payload_schema_, schemas_, payload.content);
  }

  void prepare_payload(const ir::Payload& payload, const std::string& name) {
    enter_payload(payload, name);
    if (payload.type.empty()) {
      refuse(payload.span, "the payload has no PayloadType string",
             "a policy's payload needs a `type`: add PayloadType to the .mobileconfig, then import it");
      return;
    }
    for (const ir::DictEntry* entry : payload_entries(payload)) {
      if (entry->key == "type" || entry->key == "use" || entry->key == "omit") {
        refuse(entry->key_span, fmt::format("the payload key '{}' is a field of the policy language", entry->key),
               "a payload table reads `type`, `use` and `omit` as its own fields, not as keys");
        continue;
      }
      prepare(entry->value, {entry->key});
    }
  }

  // A dictionary with a single key file, base64 or env reads as a reference.
  void check_reference_shape(const ir::Value& dict) {
    if (dict.dict().size() != 1) return;
    const std::string& key = dict.dict().front().key;
    if (key == "file" || key == "base64" || key == "env") {
      refuse(dict.span, fmt::format("a dictionary whose only key is '{}' cannot be written as policy source", key),
             fmt::format("the policy language reads {{ {} = ... }} as a reference, not as a dictionary", key));
    }
  }

  static bool is_calendar_date(const ir::Date& date) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (date.month < 1 || date.month > 12 || date.hour < 0 || date.hour > 23 || date.minute < 0 ||
        date.minute > 59 || date.second < 0 || date.second > 59) {
      return false;
    }
    const bool leap = (date.year % 4 == 0 && date.year % 100 != 0) || date.year % 400 == 0;
    const int days = kDays[date.month - 1] + (date.month == 2 && leap ? 1 : 0);
    return date.day >= 1 && date.day <= days;
  }

  // One level deeper; false (refused, its contents not visited) past what
  // policy source can nest.
  bool enter_container(const ir::Value& value) {
    if (depth_ >= kMaxImportNesting) {
      refuse(value.span,
             fmt::format("arrays and dictionaries nested more than {} levels deep", kMaxImportNesting),
             fmt::format("policy source (TOML) nests values up to {} levels (dotted keys of up to 128 parts, 256 "
                         "nested arrays and inline tables); no real profile needs more",
                         kMaxImportNesting));
      return false;
    }
    ++depth_;
    return true;
  }

  void prepare(const ir::Value& value, std::vector<std::string> path) {
    switch (value.kind()) {
      case ir::Value::Kind::kString: prepare_string(value, path); return;
      case ir::Value::Kind::kData: prepare_data(value, path); return;
      case ir::Value::Kind::kBigUnsigned:
        refuse(value.span,
               fmt::format("the integer {} is larger than TOML integers can be",
                           std::get<ir::BigUnsigned>(value.storage).value),
               fmt::format("the policy language holds integers up to {}", std::numeric_limits<std::int64_t>::max()));
        return;
      case ir::Value::Kind::kReal:
        if (!std::isfinite(value.real())) refuse(value.span, "a real that is not a finite number");
        return;
      case ir::Value::Kind::kDate:
        if (value.date().year < 1 || value.date().year > 9999) {
          refuse(value.span, "a date outside the years 0001 to 9999");
        } else if (!is_calendar_date(value.date())) {
          // A plist reader accepts 2024-02-30 or a leap second 23:59:60;
          // a TOML date cannot say them.
          refuse(value.span, fmt::format("the date {} does not exist on the calendar", ir::format_date(value.date())),
                 "TOML dates hold real dates and times (seconds 0-59): correct the date in the .mobileconfig, then "
                 "import it");
        }
        return;
      case ir::Value::Kind::kArray:
        if (!enter_container(value)) return;
        for (const ir::Value& item : value.array()) prepare(item, path);
        --depth_;
        return;
      case ir::Value::Kind::kDict:
        if (!enter_container(value)) return;
        check_reference_shape(value);
        for (const ir::DictEntry& entry : value.dict()) {
          if (!is_valid_utf8(entry.key)) refuse(entry.key_span, "a key that is not valid UTF-8");
          std::vector<std::string> child = path;
          child.push_back(entry.key);
          prepare(entry.value, std::move(child));
        }
        --depth_;
        return;
      case ir::Value::Kind::kBoolean:
      case ir::Value::Kind::kInteger: return;
    }
  }

  std::string where(const std::vector<std::string>& path) const {
    if (!payload_) return fmt::format("{}.toml: [profile] {}", out_.name, fmt::join(path, "."));
    return fmt::format("{}.toml: [payload.{}] {}", out_.name, payload_name_, fmt::join(path, "."));
  }

  void prepare_string(const ir::Value& value, const std::vector<std::string>& path) {
    const std::string& text = value.string();
    if (!is_valid_utf8(text)) {
      refuse(value.span, "a string that is not valid UTF-8", "TOML files are UTF-8 text");
      return;
    }
    if (auto c = first_xml_forbidden_character(text)) {
      refuse(value.span, fmt::format("a string with the control character U+{:04X}", *c),
             "XML property lists cannot hold it, so a built profile could not either");
      return;
    }
    if (!payload_ || !is_secret_text(text) || !is_secret_path(payload_schema_, path)) return;
    if (options_.keep_secrets) {
      out_.kept_secrets.push_back(where(path));
      return;
    }
    const std::string variable = names_.variables.claim(env_name({"PROFILEC", out_.name, payload_name_, path.back()}));
    out_.secrets.push_back(SecretVariable{variable, where(path), text});
    replacements_[&value] = fmt::format("{{ env = {} }}", toml_string(variable));
  }

  void prepare_data(const ir::Value& value, const std::vector<std::string>& path) {
    const std::string& bytes = value.data().bytes;
    const bool payload_content = payload_ && path.size() == 1 && path.front() == "PayloadContent";
    const DataPlacement placement = place_data(bytes, payload_ ? payload_->type : "", payload_content);
    if (!placement.file) {
      replacements_[&value] = fmt::format("{{ base64 = {} }}", toml_string(encode_base64(bytes)));
      return;
    }
    // <policy>-<payload>[-<key>], or for a certificate payload that names
    // its file, <policy>-<that name>.
    std::string base = out_.name;
    const ir::Value* named = payload_content ? payload_->content.find("PayloadCertificateFileName") : nullptr;
    if (named && named->is_string() && !stem_of(named->string()).empty()) {
      base = fmt::format("{}-{}", base, slug(stem_of(named->string()), "data"));
    } else if (payload_) {
      base = fmt::format("{}-{}", base, payload_name_);
      if (!payload_content) base = fmt::format("{}-{}", base, slug(path.back(), "data"));
    } else {
      base = fmt::format("{}-{}", base, slug(path.back(), "data"));
    }
    const std::string file = names_.files.claim(base, placement.extension);
    out_.files.push_back(SideFile{file, bytes, placement.what, placement.private_key});
    replacements_[&value] = fmt::format("{{ file = {} }}", toml_string(file));
  }

  // --- pass 2 ---------------------------------------------------------------

  std::vector<const ir::DictEntry*> payload_entries(const ir::Payload& payload) const {
    std::vector<const schema::Key*> known;
    for (const schema::FieldDef& field : payload_fields_) known.push_back(field.key);
    std::vector<const ir::DictEntry*> entries;
    for (const ir::DictEntry* entry : readable_order(payload.content.dict(), kPayloadHousekeeping, known)) {
      if (entry->key == "PayloadType") continue;  // the payload's `type`
      if (entry->key == "PayloadVersion" && entry->value.kind() == ir::Value::Kind::kInteger &&
          entry->value.integer() == 1) {
        continue;  // what lowering writes anyway
      }
      entries.push_back(entry);
    }
    return entries;
  }

  SchemaPlace top_level_place(std::string_view key) const {
    for (const schema::FieldDef& field : payload_fields_) {
      if (field.key->name == key) return {payload_schema_, field.key};
    }
    return {payload_schema_, nullptr};
  }

  std::vector<Item> items_of(const ir::Value& dict, const SchemaPlace& place) const {
    std::vector<Item> items;
    for (const ir::DictEntry* entry : readable_order(dict.dict(), {}, known_children(place))) {
      items.push_back(Item{entry->key, &entry->value, child_place(place, entry->key)});
    }
    return items;
  }

  std::string inline_value(const ir::Value& value, const SchemaPlace& place) const {
    if (auto it = replacements_.find(&value); it != replacements_.end()) return it->second;
    switch (value.kind()) {
      case ir::Value::Kind::kBoolean: return value.boolean() ? "true" : "false";
      case ir::Value::Kind::kInteger: return fmt::format("{}", value.integer());
      case ir::Value::Kind::kReal: return toml_float(value.real());
      case ir::Value::Kind::kString: return toml_string(value.string());
      case ir::Value::Kind::kDate: return toml_date(value.date());
      case ir::Value::Kind::kArray: {
        std::vector<std::string> items;
        for (const ir::Value& item : value.array()) items.push_back(inline_value(item, item_place(place)));
        return fmt::format("[{}]", fmt::join(items, ", "));
      }
      case ir::Value::Kind::kDict: {
        if (value.dict().empty()) return "{}";
        std::vector<std::string> entries;
        for (const Item& item : items_of(value, place)) {
          entries.push_back(fmt::format("{} = {}", toml_key(item.key), inline_value(*item.value, item.place)));
        }
        return fmt::format("{{ {} }}", fmt::join(entries, ", "));
      }
      case ir::Value::Kind::kBigUnsigned:
      case ir::Value::Kind::kData: break;  // refused or replaced in pass 1
    }
    return {};
  }

  // A dictionary, or an array of dictionaries, too large or too deep for one
  // line becomes a [table] or an [[array of tables]].
  bool is_table(const Item& item) const {
    const ir::Value& value = *item.value;
    if (!(value.is_dict() && !value.dict().empty()) && !all_dicts(value)) return false;
    if (nesting(value) > 2 || has_line_break(value)) return true;
    return toml_key(item.key).size() + 3 + inline_value(value, item.place).size() > kLineWidth;
  }

  std::string entry_value(const Item& item) const {
    const ir::Value& value = *item.value;
    if (replacements_.contains(&value)) return replacements_.at(&value);
    if (value.is_string() && value.string().find('\n') != std::string::npos) {
      return toml_multiline_string(value.string());
    }
    std::string one_line = inline_value(value, item.place);
    if (!value.is_array() || toml_key(item.key).size() + 3 + one_line.size() <= kLineWidth) return one_line;
    std::string lines = "[\n";
    for (const ir::Value& element : value.array()) {
      lines += fmt::format("  {},\n", inline_value(element, item_place(item.place)));
    }
    return lines + "]";
  }

  // The key = value lines of a table, then its sub-tables.
  void table_body(const std::string& header, const std::vector<Item>& items) {
    std::string& text = out_.text;
    for (const Item& item : items) {
      if (!is_table(item)) text += fmt::format("{} = {}\n", toml_key(item.key), entry_value(item));
    }
    for (const Item& item : items) {
      if (!is_table(item)) continue;
      const std::string path = fmt::format("{}.{}", header, toml_key(item.key));
      if (item.value->is_dict()) {
        const std::vector<Item> children = items_of(*item.value, item.place);
        // A table of tables needs no header of its own: [a.b.c] defines a.b.
        if (!std::all_of(children.begin(), children.end(), [&](const Item& c) { return is_table(c); })) {
          text += fmt::format("\n[{}]\n", path);
        }
        table_body(path, children);
        continue;
      }
      const SchemaPlace element_place = item_place(item.place);
      for (const ir::Value& element : item.value->array()) {
        text += fmt::format("\n[[{}]]\n", path);
        table_body(path, items_of(element, element_place));
      }
    }
  }

  // The target `check` gave the file (profilec.toml's [[targets]] or
  // [target] where it was read), so that the policy is checked as the file
  // was; a file without one gets a reminder instead.
  void write_target(const ir::Target& target) {
    std::string& text = out_.text;
    if (!target.stated()) {
      text += "\n# [target] is not recorded in a .mobileconfig: add one (docs/language.md) so that\n"
              "# the checks know which devices receive this profile.\n";
      return;
    }
    text += "\n# The target profilec.toml states for the imported file ([[targets]] or [target]).\n[target]\n";
    std::string platforms;
    for (const ir::PlatformTarget& p : target.platforms) {
      platforms += fmt::format("{}{} = \"{}\"", platforms.empty() ? "" : ", ", p.platform, p.min_version);
    }
    text += fmt::format("platforms = {{ {} }}\n", platforms);
    if (target.supervised) text += "supervised = true\n";
    if (target.enrollment == ir::Enrollment::kUser) text += "enrollment = \"user\"\n";
    if (target.enrollment == ir::Enrollment::kAutomated) text += "enrollment = \"automated\"\n";
    if (target.shared_ipad) text += "shared_ipad = true\n";
    if (target.install == ir::InstallMethod::kManual) text += "install = \"manual\"\n";
  }

  void write_profile(const ir::Value& envelope, bool has_content, bool no_payloads) {
    std::string& text = out_.text;
    text += "\n[profile]\n";
    std::vector<std::string> omit;
    std::vector<Item> apple_keys;
    std::vector<Item> extra_keys;  // [profile.extra]: keys [profile] cannot hold
    const schema::PayloadSchema& top = schemas_.top_level();
    std::vector<const schema::Key*> known;
    for (const schema::Group& group : top.groups) {
      for (const schema::Key& key : group.keys) known.push_back(&key);
    }
    const auto apple = [&](const ir::DictEntry& entry) {
      if (!is_apple_key(entry.key)) {
        extra_keys.push_back(Item{entry.key, &entry.value, {}});
        return;
      }
      apple_keys.push_back(Item{entry.key, &entry.value, {&top, nullptr}});
      for (const schema::Key* key : known) {
        if (key->name == entry.key) apple_keys.back().place.key = key;
      }
    };
    const auto field = [&](std::string_view name, const std::string& toml) { text += fmt::format("{} = {}\n", name, toml); };
    std::vector<std::string_view> first = {"PayloadIdentifier"};
    first.insert(first.end(), kEnvelopeHousekeeping.begin(), kEnvelopeHousekeeping.end());
    for (const ir::DictEntry* entry : readable_order(envelope.dict(), first, known)) {
      const ir::Value& v = entry->value;
      const std::string& key = entry->key;
      if (key == "PayloadContent") continue;
      if (key == "PayloadIdentifier") {
        field("id", toml_string(v.string()));
      } else if (key == "PayloadUUID" && v.is_string() && ir::is_uuid_syntax(v.string())) {
        field("uuid", toml_string(v.string()));
      } else if ((key == "PayloadType" && v.is_string() && v.string() == "Configuration") ||
                 (key == "PayloadVersion" && v.kind() == ir::Value::Kind::kInteger && v.integer() == 1)) {
        continue;  // what lowering writes anyway
      } else if (key == "PayloadDisplayName" && v.is_string()) {
        field("name", entry_value(Item{key, &v, {}}));
      } else if (key == "PayloadOrganization" && v.is_string()) {
        field("organization", entry_value(Item{key, &v, {}}));
      } else if (key == "PayloadDescription" && v.is_string()) {
        field("description", entry_value(Item{key, &v, {}}));
      } else if (key == "PayloadScope" && v.is_string() && (v.string() == "System" || v.string() == "User")) {
        field("scope", toml_string(v.string() == "System" ? "system" : "user"));
      } else if (key == "PayloadRemovalDisallowed" && v.is_boolean()) {
        field("removal", toml_string(v.boolean() ? "disallowed" : "allowed"));
      } else if (key == "ConsentText" && is_consent_table(v)) {
        if (v.dict().size() == 1 && v.dict().front().key == "default") {
          field("consent", entry_value(Item{key, &v.dict().front().value, {}}));
        } else {
          apple_keys.push_back(Item{"consent", &v, {}});
        }
      } else if (key == "RemovalDate" && v.kind() == ir::Value::Kind::kDate) {
        field("removal_date", toml_date(v.date()));
      } else if (key == "DurationUntilRemoval" && is_whole_seconds(v)) {
        field("duration_until_removal", fmt::format("{}", static_cast<std::int64_t>(v.real())));
      } else {
        apple(*entry);
      }
    }
    for (std::string_view generated : {"PayloadUUID", "PayloadType", "PayloadVersion", "PayloadDisplayName"}) {
      if (!envelope.find(generated)) omit.emplace_back(generated);
    }
    if (options_.project_sets_organization && !envelope.find("PayloadOrganization")) {
      omit.emplace_back("PayloadOrganization");
    }
    if (!has_content && no_payloads) omit.emplace_back("PayloadContent");
    if (!omit.empty()) field("omit", omit_list(omit));
    // Apple's keys after the fields; a consent table last of all.
    std::stable_partition(apple_keys.begin(), apple_keys.end(), [](const Item& item) { return item.key != "consent"; });
    table_body("profile", apple_keys);
    if (!extra_keys.empty()) {
      text += "\n# Top-level keys that are not Apple's, carried over as found (docs/language.md#profile).\n"
              "[profile.extra]\n";
      table_body("profile.extra", extra_keys);
    }
  }

  // The language's own [profile] fields are lower-case; Apple's keys are not.
  static bool is_apple_key(std::string_view key) { return !key.empty() && key[0] >= 'A' && key[0] <= 'Z'; }

  // What duration_until_removal lowers to: a <real> holding a positive
  // whole number of seconds (exactly representable, so it reads back the same).
  static bool is_whole_seconds(const ir::Value& value) {
    if (value.kind() != ir::Value::Kind::kReal) return false;
    const double seconds = value.real();
    return seconds >= 1 && seconds <= 9007199254740992.0 && seconds == static_cast<double>(static_cast<std::int64_t>(seconds));
  }

  static bool is_consent_table(const ir::Value& value) {
    return value.is_dict() && !value.dict().empty() &&
           std::all_of(value.dict().begin(), value.dict().end(),
                       [](const ir::DictEntry& e) { return e.value.is_string(); });
  }

  static std::string omit_list(const std::vector<std::string>& keys) {
    std::vector<std::string> quoted;
    for (const std::string& key : keys) quoted.push_back(toml_string(key));
    return fmt::format("[{}]", fmt::join(quoted, ", "));
  }

  void write_payload(const ir::Payload& payload, const std::string& name) {
    enter_payload(payload, name);
    std::string& text = out_.text;
    const std::string header = fmt::format("payload.{}", name);
    text += fmt::format("\n[{}]\ntype = {}\n", header, toml_string(payload.type));
    std::vector<std::string> omit;
    for (std::string_view generated : {"PayloadIdentifier", "PayloadUUID", "PayloadVersion"}) {
      if (!payload.content.find(generated)) omit.emplace_back(generated);
    }
    if (!omit.empty()) text += fmt::format("omit = {}\n", omit_list(omit));
    std::vector<Item> items;
    for (const ir::DictEntry* entry : payload_entries(payload)) {
      items.push_back(Item{entry->key, &entry->value, top_level_place(entry->key)});
    }
    table_body(header, items);
  }

  const schema::SchemaSet& schemas_;
  const ImportOptions& options_;
  RunNames& names_;
  Diagnostics& diagnostics_;
  PolicySource out_;
  std::map<const ir::Value*, std::string> replacements_;  // data and secrets, as written

  // The payload being prepared or written; nullptr for the envelope.
  const ir::Payload* payload_ = nullptr;
  std::string payload_name_;
  const schema::PayloadSchema* payload_schema_ = nullptr;
  std::vector<schema::FieldDef> payload_fields_;
  std::size_t depth_ = 0;  // arrays and dictionaries around the value being prepared
};

}  // namespace

std::optional<PolicySource> write_policy(const ir::Profile& profile, const std::string& name,
                                         const std::string& source_name, const schema::SchemaSet& schemas,
                                         const ImportOptions& options, RunNames& names, Diagnostics& diagnostics) {
  Diagnostics found;
  PolicyWriter writer(name, schemas, options, names, found);
  std::optional<PolicySource> source = writer.write(profile, source_name);
  diagnostics.append(found);
  return source;
}

ir::Value original_plist(const ir::Profile& profile) {
  if (is_bare(profile) || profile.envelope.find("PayloadContent")) return profile.envelope;
  return ir::profile_to_plist(profile);
}

}  // namespace profilec::import
