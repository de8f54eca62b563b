#include "base/json_writer.h"
#include "ir/enrollment_name.h"
#include "ir/value_json.h"
#include "review/render_diff.h"

namespace profilec::review {
namespace {

void side_json(JsonWriter& json, const std::optional<ValueSide>& side, bool secret) {
  if (!side) {
    json.null();
    return;
  }
  json.begin_object();
  if (!secret) {
    json.key("value");
    ir::value_json(json, side->value);
  }
  json.member("file", std::string_view(side->place.file));
  json.member("line", static_cast<std::int64_t>(side->place.line));
  json.end_object();
}

void key_changes_json(JsonWriter& json, const std::vector<KeyChange>& changes, bool with_payload) {
  json.begin_array();
  for (const KeyChange& k : changes) {
    json.begin_object();
    if (with_payload) json.member("payload", std::string_view(k.payload));
    json.member("key", std::string_view(k.key));
    json.member("change", change_name(k.change));
    json.member("secret", k.secret);
    json.key("old");
    side_json(json, k.old_value, k.secret);
    json.key("new");
    side_json(json, k.new_value, k.secret);
    json.end_object();
  }
  json.end_array();
}

// A member whose value is `text`, or null where it is empty.
void text_or_null(JsonWriter& json, std::string_view name, const std::string& text) {
  json.key(name);
  if (text.empty()) json.null();
  else json.value(std::string_view(text));
}

void side_info(JsonWriter& json, std::string_view name, const std::string& label,
               const std::vector<std::string>& failed) {
  json.key(name).begin_object();
  json.member("label", std::string_view(label));
  json.key("failed_files").begin_array();
  for (const std::string& f : failed) json.value(std::string_view(f));
  json.end_array();
  json.end_object();
}

}  // namespace

std::string render_diff_json(const SnapshotDiff& diff) {
  const DiffCounts counts = count_changes(diff);
  JsonWriter json;
  json.begin_object();
  json.member("version", std::int64_t{1});
  side_info(json, "old", diff.old_label, diff.old_failed);
  side_info(json, "new", diff.new_label, diff.new_failed);
  json.key("summary").begin_object();
  json.member("profiles_added", static_cast<std::int64_t>(counts.profiles_added));
  json.member("profiles_removed", static_cast<std::int64_t>(counts.profiles_removed));
  json.member("profiles_changed", static_cast<std::int64_t>(counts.profiles_changed));
  json.member("settings_changed", static_cast<std::int64_t>(counts.settings));
  json.member("device_classes", static_cast<std::int64_t>(diff.devices.size()));
  json.member("consequences", static_cast<std::int64_t>(diff.consequences.size()));
  json.end_object();
  json.key("consequences").begin_array();
  for (const Consequence& c : diff.consequences) {
    json.begin_object();
    json.member("kind", consequence_name(c.kind));
    json.member("profile", std::string_view(c.profile));
    json.member("message", std::string_view(c.message));
    json.member("file", std::string_view(c.place.file));
    json.member("line", static_cast<std::int64_t>(c.place.line));
    json.end_object();
  }
  json.end_array();
  json.key("devices").begin_array();
  for (const DeviceClassDiff& d : diff.devices) {
    json.begin_object();
    json.member("label", std::string_view(d.label));
    json.member("platform", schema::platform_name(d.device.platform));
    json.member("supervised", d.device.supervised);
    json.member("enrollment", enrollment_name(d.device.enrollment));
    json.key("settings");
    key_changes_json(json, d.settings, true);
    json.end_object();
  }
  json.end_array();
  json.key("profiles").begin_array();
  for (const ProfileDiff& p : diff.profiles) {
    json.begin_object();
    json.member("identifier", std::string_view(p.identifier));
    json.member("change", change_name(p.change));
    text_or_null(json, "old_path", p.old_path);
    text_or_null(json, "new_path", p.new_path);
    json.key("target");
    if (p.old_target.empty() && p.new_target.empty()) {
      json.null();
    } else {
      json.begin_object();
      text_or_null(json, "old", p.old_target);
      text_or_null(json, "new", p.new_target);
      json.end_object();
    }
    json.key("envelope");
    key_changes_json(json, p.envelope, false);
    json.key("payloads").begin_array();
    for (const PayloadDiff& payload : p.payloads) {
      json.begin_object();
      json.member("identifier", std::string_view(payload.identifier));
      json.member("type", std::string_view(payload.type));
      json.member("change", change_name(payload.change));
      json.key("keys");
      key_changes_json(json, payload.keys, false);
      json.end_object();
    }
    json.end_array();
    json.end_object();
  }
  json.end_array();
  json.end_object();
  return json.str() + "\n";
}

}  // namespace profilec::review
