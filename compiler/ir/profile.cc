#include "ir/profile.h"

#include <algorithm>

namespace profilec::ir {

Value profile_to_plist(const Profile& profile) {
  Value root = profile.envelope;
  if (!root.is_dict()) root = make_dict({}, profile.envelope.span);
  if (!profile.has_payload_content && profile.payloads.empty()) return root;
  Array content;
  content.reserve(profile.payloads.size());
  for (const Payload& payload : profile.payloads) content.push_back(payload.content);
  root.dict().push_back(DictEntry{"PayloadContent", root.span, make_array(std::move(content), root.span)});
  return root;
}

namespace {

bool contains_secret(const Value& value) {
  if (value.secret) return true;
  if (value.kind() == Value::Kind::kArray) {
    return std::any_of(value.array().begin(), value.array().end(), contains_secret);
  }
  if (value.kind() == Value::Kind::kDict) {
    return std::any_of(value.dict().begin(), value.dict().end(),
                       [](const DictEntry& entry) { return contains_secret(entry.value); });
  }
  return false;
}

}  // namespace

bool holds_secret(const Value& value) { return contains_secret(value); }

bool holds_secret(const Profile& profile) {
  return contains_secret(profile.envelope) ||
         std::any_of(profile.payloads.begin(), profile.payloads.end(),
                     [](const Payload& payload) { return contains_secret(payload.content); });
}

}  // namespace profilec::ir
