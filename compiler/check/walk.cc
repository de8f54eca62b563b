#include "check/walk.h"

#include "check/schema_errata.h"

#include <string_view>

#include "check/key_path.h"
#include "check/rules/payload_keys.h"
#include "check/visit_memo.h"

namespace profilec::check {
namespace {

// One profile's walk: owns the path to the value being shown and what the
// rules remember while they look at this profile (visit_memo.h).
class Walker {
 public:
  Walker(const ir::Profile& profile, const schema::SchemaSet& schemas, const std::vector<const Rule*>& rules,
         Diagnostics& diagnostics)
      : profile_(profile), schemas_(schemas), rules_(rules), diagnostics_(diagnostics) {}

  void walk() {
    for (const Rule* rule : rules_) rule->check_profile(ProfileVisit{profile_, schemas_}, diagnostics_);
    envelope();
    for (const ir::Payload& payload : profile_.payloads) this->payload(payload);
    if (profile_.payloads.empty() && rules::payload_keys::is_checked_as_payload(profile_)) {
      // A bare payload at the top level (PC1013): its keys are still checked,
      // or that one error would hide every other finding of the file.
      const ir::Payload bare{"", profile_.envelope.find("PayloadType")->string(), profile_.envelope.span,
                             profile_.envelope};
      this->payload(bare);
    }
  }

 private:
  void payload(const ir::Payload& payload) {
    const PayloadVisit visit{profile_, payload, schemas_.find(payload.type), schemas_, memo_};
    for (const Rule* rule : rules_) rule->check_payload(visit, diagnostics_);
    if (!visit.schema) return;
    dict(visit, visit.payload.content, schemas_.field_indexes().payload(*visit.schema, schemas_, visit.payload.content),
         true);
    if (payload.type == kCustomSettingsType) custom_settings(payload);
  }

  // Custom Settings: PayloadContent maps each preference domain to its
  // Forced / Set-Once / Often settings, each an array of dictionaries whose
  // mcx_preference_settings hold the domain's keys. A domain with an app
  // schema (docs/app-schemas.md) has those keys walked against it, as a
  // payload of that type; Apple's own domains and domains without a schema
  // are left as they are (no schema, no findings).
  void custom_settings(const ir::Payload& payload) {
    const ir::Value* content = payload.content.find("PayloadContent");
    if (content == nullptr || !content->is_dict()) return;
    path_.push_field("PayloadContent");
    for (const ir::DictEntry& domain : content->dict()) {
      const schema::PayloadSchema* app = schemas_.find(domain.key);
      if (app == nullptr || schemas_.is_embedded(domain.key) || !domain.value.is_dict()) continue;
      path_.push_map_entry(domain.key);
      for (const ir::DictEntry& level : domain.value.dict()) {
        if (!level.value.is_array()) continue;
        path_.push_field(level.key);
        for (std::size_t i = 0; i < level.value.array().size(); ++i) {
          const ir::Value& item = level.value.array()[i];
          const ir::Value* settings = item.is_dict() ? item.find("mcx_preference_settings") : nullptr;
          if (settings == nullptr || !settings->is_dict()) continue;
          path_.push_item(i);
          path_.push_field("mcx_preference_settings");
          const ir::Payload stand_in{payload.name, domain.key, domain.key_span, *settings};
          const PayloadVisit visit{profile_, stand_in, app, schemas_, memo_};
          // The domain's own keys: the keys every payload has are not
          // preferences of the app.
          std::vector<FieldDef> own;
          for (const schema::Group& group : app->groups) {
            if (group.is_variant()) continue;
            for (const schema::Key& key : group.keys) own.push_back({&key, &group});
          }
          const schema::FieldIndex fields(std::move(own));
          dict(visit, *settings, fields, true);
          path_.pop();
          path_.pop();
        }
        path_.pop();
      }
      path_.pop();
    }
    path_.pop();
  }

  static constexpr std::string_view kCustomSettingsType = "com.apple.ManagedClient.preferences";

  // The profile's own top-level keys, against the TopLevel schema: unknown
  // keys, types, allowed values and the keys' platform facts, by the rules
  // that check payloads (one rule, one code). A bare payload at the top level
  // is PC1013's, and its keys are not the envelope's.
  void envelope() {
    const ir::Value& top = profile_.envelope;
    if (!top.is_dict()) return;
    if (const ir::Value* type = top.find("PayloadType");
        type && type->is_string() && type->string() != "Configuration") {
      return;
    }
    const schema::PayloadSchema& top_level = schemas_.top_level();
    const ir::Payload stand_in{"", std::string(kEnvelopeType), top.span, top};
    PayloadVisit visit{profile_, stand_in, &top_level, schemas_, memo_};
    visit.envelope = true;
    dict(visit, stand_in.content, schemas_.field_indexes().payload(top_level, schemas_, stand_in.content), true);
  }

  // `fields` is made once a run for each schema (field_index.h): Restrictions
  // has hundreds, and every entry is looked up by name.
  void dict(const PayloadVisit& payload, const ir::Value& value, const schema::FieldIndex& fields, bool top_level) {
    const DictVisit visit{payload, value, fields, path_, top_level};
    for (const Rule* rule : rules_) rule->check_dict(visit, diagnostics_);
    for (const ir::DictEntry& entry : value.dict()) {
      const FieldDef* field = fields.find(entry.key);
      if (field == nullptr || (payload.envelope && owned_by_identity_rules(entry.key))) continue;
      path_.push_field(entry.key);
      this->value(payload, *field->group, *field->key, entry.value, entry.key_span);
      path_.pop();
    }
  }

  // The envelope's identity keys have their own rules (PC1010 PayloadVersion,
  // PC1012 missing or not a string, PC1013 PayloadType), and PayloadContent
  // holds the payloads, walked one by one.
  static bool owned_by_identity_rules(std::string_view key) {
    return key == "PayloadIdentifier" || key == "PayloadUUID" || key == "PayloadType" || key == "PayloadVersion" ||
           key == "PayloadContent";
  }

  void value(const PayloadVisit& payload, const schema::Group& group, const schema::Key& key, const ir::Value& v,
             const SourceSpan& key_span) {
    chain_.push_back(&key);
    const ValueVisit visit{payload, group, chain_, key, v, key_span, path_};
    memo_.start_value(visit);
    for (const Rule* rule : rules_) rule->check_value(visit, diagnostics_);
    if (value_has_type(v, key.type)) children(payload, group, key, v);
    chain_.pop_back();
  }

  void children(const PayloadVisit& payload, const schema::Group& group, const schema::Key& key, const ir::Value& v) {
    const schema::PayloadSchema& s = *payload.schema;
    const std::vector<schema::Key>* defs_here = &s.children(key);
    if (defs_here->size() == 1 && !errata::item_is_the_map(payload.payload.type, path_).empty()) {
      defs_here = &s.children(defs_here->front());
    }
    const std::vector<schema::Key>& defs = *defs_here;
    if (defs.empty()) return;  // free-form dictionary or untyped array
    if (key.type == schema::ValueType::kArray) {
      const schema::Key& item = defs.front();
      for (std::size_t i = 0; i < v.array().size(); ++i) {
        const ir::Value& element = v.array()[i];
        path_.push_item(i);
        value(payload, group, item, element, element.span);
        path_.pop();
      }
      return;
    }
    if (key.type != schema::ValueType::kDictionary) return;
    if (defs.size() == 1 && defs.front().is_any_name()) {
      // A map: every entry follows the one definition.
      for (const ir::DictEntry& entry : v.dict()) {
        path_.push_map_entry(entry.key);
        value(payload, group, defs.front(), entry.value, entry.key_span);
        path_.pop();
      }
      return;
    }
    dict(payload, v, schemas_.field_indexes().nested(defs, group), false);
  }

  const ir::Profile& profile_;
  const schema::SchemaSet& schemas_;
  const std::vector<const Rule*>& rules_;
  Diagnostics& diagnostics_;
  std::vector<const schema::Key*> chain_;  // the schema keys down to the value being shown
  KeyPath path_;                           // and the steps in the profile down to it
  VisitMemo memo_;
};

}  // namespace

void walk_profile(const ir::Profile& profile, const schema::SchemaSet& schemas, const std::vector<const Rule*>& rules,
                  Diagnostics& diagnostics) {
  Walker(profile, schemas, rules, diagnostics).walk();
}

}  // namespace profilec::check
