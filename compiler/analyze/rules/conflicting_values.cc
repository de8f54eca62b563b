// PC4001 / PC4002: the same top-level key of the same payload type set to
// different values by two payloads that reach the same devices.
//
// Only payload types whose overlay states combine facts are compared: their
// payloads hold settings that merge on a device (Restrictions, Passcode).
// Payloads of other types that allow several instances describe separate
// things (two Wi-Fi networks, two certificates), and a second payload of a
// type that allows one is PC3005's finding.
//
// Apple resolves conflicting restrictions to the most restrictive value on
// iPhone and iPad only; everywhere else the outcome is undefined. So a
// conflict is a warning (PC4001, with the effective value) when the key has
// a combine rule and every device kind both payloads reach is an iOS one,
// and an error (PC4002) otherwise -- including macOS, where Apple promises no
// merge order.
//
// Grouping is by (payload type, key) in a hash map, and within a group by
// device kind (targets.h): linear in the number of keys.
#include <fmt/format.h>

#include <unordered_map>

#include "analyze/combine.h"
#include "analyze/rules/rules.h"
#include "analyze/value_compare.h"

namespace profilec::analyze {
namespace {

struct Setting {
  const PayloadRef* payload;
  const ir::DictEntry* entry;
};

struct Finding {
  const Setting* first;
  const Setting* here;
  bool undefined = false;  // an error
  DeviceKind kind{};       // where it was found (the undefined one, if any)
  std::optional<ir::Value> effective;
};

std::string group_key(std::string_view type, std::string_view key) {
  std::string out;
  out.reserve(type.size() + key.size() + 1);
  out.append(type).push_back('\n');
  out.append(key);
  return out;
}

std::vector<Involved> involved(const Finding& f) {
  const PayloadRef& a = *f.first->payload;
  const PayloadRef& b = *f.here->payload;
  return {{a.profile, a.kinds, a.assumed}, {b.profile, b.kinds, b.assumed}};
}

void report(const Finding& f, schema::CombineRule rule, Diagnostics& diagnostics) {
  const ir::DictEntry& here = *f.here->entry;
  const ir::DictEntry& first = *f.first->entry;
  const SourceSpan here_span = here.key_span.known() ? here.key_span : here.value.span;
  const SourceSpan first_span = first.key_span.known() ? first.key_span : first.value.span;
  if (!f.undefined && f.effective) {
    Diagnostic& d = diagnostics.report(
        DiagnosticCode::PC4001, here_span,
        fmt::format("{} resolves to {}: the most restrictive value wins ({} here, {} at {})", here.key,
                    describe_value(*f.effective), describe_value(here.value), describe_value(first.value),
                    where(first_span)),
        fmt::format("on iPhone and iPad {}; set the same value in both payloads to make the intent plain",
                    combine_reason(rule)));
    d.notes.push_back({first_span, fmt::format("{} is set to {} here", first.key, describe_value(first.value))});
    qualify_assumption(d, involved(f));
    return;
  }
  std::string help = "set the same value in both payloads, or give the profiles targets that do not overlap";
  if (rule != schema::CombineRule::kNone) {
    help += "; Apple resolves conflicting restrictions to the most restrictive value on iPhone and iPad only";
  }
  Diagnostic& d = diagnostics.report(
      DiagnosticCode::PC4002, here_span,
      fmt::format("{} is {} here but {} at {}, on devices both reach ({}): the result is undefined", here.key,
                  describe_value(here.value), describe_value(first.value), where(first_span), describe(f.kind)),
      std::move(help));
  d.notes.push_back({first_span, fmt::format("{} is set to {} here", first.key, describe_value(first.value))});
  qualify_assumption(d, involved(f));
}

}  // namespace

void check_conflicting_values(const Index& index, Diagnostics& diagnostics) {
  std::unordered_map<std::string, std::vector<Setting>> groups;
  std::vector<const std::string*> order;  // groups in first-seen order, for stable output
  for (const PayloadRef& ref : index.payloads) {
    if (!has_combine_facts(ref.schema) || !ref.payload->content.is_dict()) continue;
    for (const ir::DictEntry& entry : ref.payload->content.dict()) {
      if (is_bookkeeping_key(entry.key)) continue;
      auto [it, inserted] = groups.try_emplace(group_key(ref.payload->type, entry.key));
      if (inserted) order.push_back(&it->first);
      it->second.push_back(Setting{&ref, &entry});
    }
  }
  std::vector<const Setting*> reached;
  std::vector<const ir::Value*> values;
  for (const std::string* name : order) {
    const std::vector<Setting>& settings = groups.at(*name);
    if (settings.size() < 2) continue;
    bool differ = false;
    for (const Setting& s : settings) differ = differ || !same_value(s.entry->value, settings.front().entry->value);
    if (!differ) continue;
    const schema::CombineRule rule = combine_rule(settings.front().payload->schema, settings.front().entry->key);
    std::unordered_map<const Setting*, Finding> findings;  // by the later setting
    std::vector<const Setting*> finding_order;
    for (std::size_t k = 0; k < kDeviceKindCount; ++k) {
      reached.clear();
      for (const Setting& s : settings) {
        if (s.payload->kinds & (KindMask{1} << k)) reached.push_back(&s);
      }
      if (reached.size() < 2) continue;
      const DeviceKind kind = device_kind(k);
      values.clear();
      for (const Setting* s : reached) values.push_back(&s->entry->value);
      std::optional<ir::Value> effective;
      if (kind.platform == schema::Platform::kIOS) effective = combine_values(rule, values);
      for (std::size_t i = 1; i < reached.size(); ++i) {
        if (same_value(reached[i]->entry->value, reached.front()->entry->value)) continue;
        auto [it, inserted] = findings.try_emplace(reached[i]);
        Finding& f = it->second;
        if (inserted) {
          finding_order.push_back(reached[i]);
          f = Finding{reached.front(), reached[i], !effective, kind, effective};
        } else if (!effective && !f.undefined) {
          f.undefined = true;
          f.kind = kind;
          f.first = reached.front();
        }
      }
    }
    for (const Setting* s : finding_order) report(findings.at(s), rule, diagnostics);
  }
}

}  // namespace profilec::analyze
