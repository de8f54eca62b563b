#include "report/render_html.h"

#include <fmt/format.h>

#include "analyze/value_layout.h"
#include "base/civil_time.h"
#include "base/html_escape.h"

namespace profilec::report {
namespace {

// Values wider than this break into one entry a line, in a <pre>.
constexpr std::size_t kValueWidth = 56;

constexpr std::string_view kStyle = R"(
:root { --ink: #1d1d1f; --muted: #5f6368; --line: #d7d9de; --band: #f4f5f7; --accent: #0a5bd3;
  --ok: #1b7f3b; --ok-bg: #e5f5ea; --warn: #8a5a00; --warn-bg: #fff3d6; --bad: #b3261e; --bad-bg: #fde7e5; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 14px/1.45 -apple-system, "Segoe UI", "Helvetica Neue", "DejaVu Sans", Arial, sans-serif; }
header { padding: 24px 32px 16px; border-bottom: 1px solid var(--line); background: var(--band); }
header h1 { margin: 0 0 4px; font-size: 22px; }
header p { margin: 0; color: var(--muted); }
nav { padding: 8px 32px; border-bottom: 1px solid var(--line); font-size: 13px; }
nav a { color: var(--accent); text-decoration: none; margin-right: 16px; }
main { padding: 8px 32px 32px; max-width: 1200px; }
section { margin-top: 24px; }
h2 { font-size: 18px; margin: 0 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 15px; margin: 20px 0 6px; }
p.note { color: var(--muted); margin: 4px 0 8px; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 12px; font-size: 13px; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); }
th { background: var(--band); font-weight: 600; }
tr.group td { background: #fafbfc; font-weight: 600; color: var(--muted); }
code, pre { font: 12px/1.4 "DejaVu Sans Mono", Menlo, Consolas, monospace; }
pre { margin: 0; white-space: pre-wrap; word-break: break-word; }
.source { color: var(--muted); white-space: nowrap; font-size: 12px; }
td.date { white-space: nowrap; }
table.settings { table-layout: fixed; }
table.settings td { overflow-wrap: anywhere; }
table.settings th:nth-child(1) { width: 24%; }
table.settings th:nth-child(2) { width: 44%; }
table.settings th:nth-child(3) { width: 20%; }
.badge { display: inline-block; padding: 1px 7px; border-radius: 9px; font-size: 12px; font-weight: 600;
  white-space: nowrap; }
.ok { color: var(--ok); background: var(--ok-bg); }
.warn { color: var(--warn); background: var(--warn-bg); }
.bad { color: var(--bad); background: var(--bad-bg); }
.plain { color: var(--muted); background: var(--band); }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 8px 0; }
dl.summary dt { color: var(--muted); }
dl.summary dd { margin: 0; font-weight: 600; }
@media print {
  body { font-size: 11px; }
  header { background: none; padding: 0 0 8px; }
  nav { display: none; }
  main { padding: 0; max-width: none; }
  section { break-before: auto; }
  h2, h3 { break-after: avoid; }
  tr { break-inside: avoid; }
  .badge { border: 1px solid currentColor; }
  a { color: inherit; text-decoration: none; }
}
)";

std::string place(const SourceSpan& span) {
  if (!span.known()) return "?";
  return fmt::format("{}:{}", span.path_or_empty(), span.begin.line);
}

std::string date(std::int64_t seconds) { return format_utc(civil_time_from_unix_seconds(seconds)).substr(0, 10); }

std::string value_cell(const ir::Value& value) {
  return fmt::format("<pre>{}</pre>", html_escape(analyze::layout_value(value, kValueWidth, 0, 0)));
}

std::string badge(std::string_view kind, std::string_view text) {
  return fmt::format(R"(<span class="badge {}">{}</span>)", kind, html_escape(text));
}

std::string class_id(std::size_t index) { return fmt::format("device-class-{}", index + 1); }

void open_section(std::string& out, std::size_t index) {
  const SectionName& s = kSections[index];
  out += fmt::format(R"(<section id="{0}" data-section="{0}">)"
                     "\n<h2>{1}</h2>\n",
                     s.id, s.heading);
}

void summary(std::string& out, const ReportModel& model) {
  open_section(out, 0);
  std::size_t conflicts = 0;
  for (const DeviceClass& c : model.device_classes) conflicts += c.conflicts.size();
  out += "<dl class=\"summary\">\n";
  out += fmt::format("<dt>Profiles</dt><dd>{}</dd>\n", model.profiles.size());
  out += fmt::format("<dt>Kinds of device reached</dt><dd>{}</dd>\n", model.device_classes.size());
  out += fmt::format("<dt>Settings set more than once</dt><dd>{}</dd>\n", conflicts);
  out += fmt::format("<dt>Certificates</dt><dd>{}</dd>\n", model.certificates.size());
  out += fmt::format("<dt>Certificates judged on</dt><dd>{}</dd>\n",
                     model.as_of == 0 ? "no date given (--as-of)" : date(model.as_of));
  out += fmt::format("<dt>Baseline</dt><dd>{}</dd>\n",
                     model.baseline ? html_escape(model.baseline->name) : "none given (--baseline)");
  out += "</dl>\n";
  if (!model.device_classes.empty()) {
    out += "<ul>\n";
    for (std::size_t i = 0; i < model.device_classes.size(); ++i) {
      const DeviceClass& c = model.device_classes[i];
      out += fmt::format(R"(<li><a href="#{}">{}</a>: {} profile{}, {} setting{}</li>)"
                         "\n",
                         class_id(i), html_escape(describe_device_class(c)), c.policy.profiles.size(),
                         c.policy.profiles.size() == 1 ? "" : "s", c.policy.settings.size(),
                         c.policy.settings.size() == 1 ? "" : "s");
    }
    out += "</ul>\n";
  }
  out += "</section>\n";
}

void profiles(std::string& out, const ReportModel& model) {
  open_section(out, 1);
  if (model.profiles.empty()) {
    out += "<p class=\"note\">No profiles.</p>\n</section>\n";
    return;
  }
  out +=
      "<table>\n<thead><tr><th>File</th><th>PayloadIdentifier</th><th>Name</th><th>Payloads</th><th>Target</th>"
      "</tr></thead>\n<tbody>\n";
  for (const ProfileRow& p : model.profiles) {
    out += fmt::format("<tr><td><code>{}</code></td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                       html_escape(p.path), html_escape(p.identifier), html_escape(p.display_name), p.payloads,
                       html_escape(p.target));
  }
  out += "</tbody>\n</table>\n</section>\n";
}

std::string resolution_badge(const analyze::EffectiveSetting& s) {
  switch (s.resolution) {
    case analyze::Resolution::kSingle: return s.overridden.empty() ? std::string() : badge("plain", "same value");
    case analyze::Resolution::kCombined: return badge("warn", s.rule);
    case analyze::Resolution::kUndefined: return badge("bad", "undefined: the device picks one");
  }
  return {};
}

void effective(std::string& out, const ReportModel& model) {
  open_section(out, 2);
  if (model.device_classes.empty()) out += "<p class=\"note\">No kind of device receives a profile.</p>\n";
  for (std::size_t i = 0; i < model.device_classes.size(); ++i) {
    const DeviceClass& c = model.device_classes[i];
    out += fmt::format(R"(<h3 id="{}">{}</h3>)"
                       "\n",
                       class_id(i), html_escape(describe_device_class(c)));
    out += "<p class=\"note\">Receives: ";
    for (std::size_t p = 0; p < c.policy.profiles.size(); ++p) {
      out += fmt::format("{}<code>{}</code>", p ? ", " : "", html_escape(c.policy.profiles[p]->source_path));
    }
    out += "</p>\n";
    if (c.policy.settings.empty()) {
      out += "<p class=\"note\">No settings.</p>\n";
      continue;
    }
    out +=
        "<table class=\"settings\">\n<thead><tr><th>Key</th><th>Value</th><th>Set at</th><th>Resolution</th></tr>"
        "</thead>\n<tbody>\n";
    std::string_view payload;
    for (const analyze::EffectiveSetting& s : c.policy.settings) {
      if (s.payload != payload) {
        out += fmt::format("<tr class=\"group\"><td colspan=\"4\"><code>{}</code></td></tr>\n", html_escape(s.payload));
        payload = s.payload;
      }
      out += fmt::format(R"(<tr><td><code>{}</code></td><td>{}</td><td class="source">{}</td><td>{}</td></tr>)"
                         "\n",
                         html_escape(s.key), value_cell(s.value),
                         s.winner ? html_escape(place(s.winner->key_span)) : "combined", resolution_badge(s));
    }
    out += "</tbody>\n</table>\n";
  }
  out += "</section>\n";
}

void conflicts(std::string& out, const ReportModel& model) {
  open_section(out, 3);
  out +=
      "<p class=\"note\">Keys that more than one profile sets for the same device. A combine rule (the most "
      "restrictive value) decides where the key has one; otherwise the device's choice is undefined.</p>\n";
  bool any = false;
  for (std::size_t i = 0; i < model.device_classes.size(); ++i) {
    const DeviceClass& c = model.device_classes[i];
    if (c.conflicts.empty()) continue;
    any = true;
    out += fmt::format("<h3>{}</h3>\n", html_escape(describe_device_class(c)));
    out +=
        "<table>\n<thead><tr><th>Payload</th><th>Key</th><th>Effective value</th><th>How it resolves</th>"
        "<th>Other values</th></tr></thead>\n<tbody>\n";
    for (const std::size_t index : c.conflicts) {
      const analyze::EffectiveSetting& s = c.policy.settings[index];
      std::string others;
      for (const analyze::SettingSource& o : s.overridden) {
        others += fmt::format(R"({}<div class="source">{}</div>)", value_cell(o.value), html_escape(place(o.key_span)));
      }
      const std::string winner = s.winner ? fmt::format(R"(<div class="source">{}</div>)",
                                                        html_escape(place(s.winner->key_span)))
                                          : "";
      const std::string resolution = s.resolution == analyze::Resolution::kSingle ? badge("plain", "same value")
                                                                                  : resolution_badge(s);
      out +=
          fmt::format("<tr><td><code>{}</code></td><td><code>{}</code></td><td>{}{}</td><td>{}</td><td>{}</td></tr>\n",
                      html_escape(s.payload), html_escape(s.key), value_cell(s.value), winner, resolution, others);
    }
    out += "</tbody>\n</table>\n";
  }
  if (!any) out += "<p class=\"note\">None: no key is set twice for any kind of device.</p>\n";
  out += "</section>\n";
}

std::string certificate_status(const CertificateRow& row, int warning_days) {
  switch (row.status) {
    case CertificateStatus::kUndated: return badge("plain", "not judged");
    case CertificateStatus::kValid: return badge("ok", fmt::format("valid, {} days left", row.days_left));
    case CertificateStatus::kExpiring:
      return badge("warn", fmt::format("expires in {} days (under {})", row.days_left, warning_days));
    case CertificateStatus::kExpired: return badge("bad", "expired");
    case CertificateStatus::kNotYetValid: return badge("bad", "not yet valid");
    case CertificateStatus::kUnreadable: return badge("bad", "not a certificate");
  }
  return {};
}

void certificates(std::string& out, const ReportModel& model) {
  open_section(out, 4);
  if (model.certificates.empty()) {
    out += "<p class=\"note\">None: no profile ships a certificate.</p>\n</section>\n";
    return;
  }
  if (model.as_of == 0) {
    out += "<p class=\"note\">No date was given: run <code>profilec report --as-of DATE</code> to judge them.</p>\n";
  } else {
    out += fmt::format("<p class=\"note\">Judged on {}.</p>\n", date(model.as_of));
  }
  out +=
      "<table>\n<thead><tr><th>Subject</th><th>Issuer</th><th>Payload</th><th>Valid from</th><th>Valid until</th>"
      "<th>Status</th></tr></thead>\n<tbody>\n";
  for (const CertificateRow& row : model.certificates) {
    const std::string payload = fmt::format(R"(<code>{}</code><div class="source">{}</div>)", html_escape(row.payload),
                                            html_escape(place(row.span)));
    if (!row.info) {
      out += fmt::format("<tr><td colspan=\"2\">{}</td><td>{}</td><td></td><td></td><td>{}</td></tr>\n",
                         html_escape(row.error), payload, certificate_status(row, model.warning_days));
      continue;
    }
    out += fmt::format(
        R"(<tr><td>{}</td><td>{}</td><td>{}</td><td class="date">{}</td><td class="date">{}</td><td>{}</td></tr>)"
        "\n",
        html_escape(row.info->subject), html_escape(row.info->issuer), payload, date(row.info->not_before),
        date(row.info->not_after), certificate_status(row, model.warning_days));
  }
  out += "</tbody>\n</table>\n</section>\n";
}

std::string baseline_status(const BaselineRow& row) {
  switch (row.status) {
    case BaselineStatus::kMeets: return badge("ok", "meets");
    case BaselineStatus::kOverrides: return badge("warn", "overrides");
    case BaselineStatus::kMisses: return badge("bad", "misses");
  }
  return {};
}

void baseline(std::string& out, const ReportModel& model) {
  open_section(out, 5);
  if (model.baseline == nullptr) {
    out +=
        "<p class=\"note\">No baseline was given: run <code>profilec report --baseline NAME</code> with a stdlib "
        "fragment (<code>profilec stdlib list</code>) or a fragment file.</p>\n</section>\n";
    return;
  }
  const Baseline& b = *model.baseline;
  out += fmt::format("<p class=\"note\"><code>{}</code>{}{}: {} setting{} of <code>{}</code>.</p>\n",
                     html_escape(b.name), b.description.empty() ? "" : ", ", html_escape(b.description),
                     b.settings.size(), b.settings.size() == 1 ? "" : "s", html_escape(b.payload_type));
  bool any = false;
  for (const DeviceClass& c : model.device_classes) {
    if (!c.baseline_applies) continue;
    any = true;
    std::size_t counts[3] = {0, 0, 0};
    for (const BaselineRow& row : c.baseline) ++counts[static_cast<int>(row.status)];
    out += fmt::format("<h3>{}</h3>\n<p>{} {} {}</p>\n", html_escape(describe_device_class(c)),
                       badge("ok", fmt::format("{} met", counts[0])),
                       badge("warn", fmt::format("{} overridden", counts[1])),
                       badge("bad", fmt::format("{} missed", counts[2])));
    out +=
        "<table>\n<thead><tr><th>Key</th><th>Baseline</th><th>Status</th><th>The device gets</th></tr></thead>\n"
        "<tbody>\n";
    for (const BaselineRow& row : c.baseline) {
      std::string actual;
      if (row.actual != nullptr) {
        actual = value_cell(row.actual->value);
        if (row.actual->winner) {
          actual += fmt::format(R"(<div class="source">{}</div>)", html_escape(place(row.actual->winner->key_span)));
        }
      }
      out += fmt::format(
          R"(<tr><td><code>{}</code></td><td>{}<div class="source">{}</div></td><td>{}</td><td>{}</td></tr>)"
          "\n",
          html_escape(row.setting->key), value_cell(row.setting->value), html_escape(place(row.setting->span)),
          baseline_status(row), actual);
    }
    out += "</tbody>\n</table>\n";
  }
  if (!any) out += "<p class=\"note\">The baseline is meant for no platform the repository reaches.</p>\n";
  out += "</section>\n";
}

}  // namespace

std::string render_html(const ReportModel& model) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += fmt::format("<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n", html_escape(model.title), kStyle);
  out += fmt::format(
      "<header>\n<h1>{}</h1>\n<p>The effective policy of each kind of device, as profilec computes it "
      "from the repository.</p>\n</header>\n<nav>",
      html_escape(model.title));
  for (const SectionName& s : kSections) out += fmt::format(R"(<a href="#{}">{}</a>)", s.id, s.heading);
  out += "</nav>\n<main>\n";
  summary(out, model);
  profiles(out, model);
  effective(out, model);
  conflicts(out, model);
  certificates(out, model);
  baseline(out, model);
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace profilec::report
