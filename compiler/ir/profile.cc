#include "ir/profile.h"

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

}  // namespace profilec::ir
