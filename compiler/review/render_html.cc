#include <fmt/format.h>

#include <set>

#include "base/html_escape.h"
#include "review/render_diff.h"

namespace profilec::review {
namespace {

std::string value_td(const std::optional<ValueSide>& side, bool secret, Change change) {
  if (!side) return "<td></td>";
  if (secret)
    return change == Change::kChanged ? "<td class=secret>(secret, changed)</td>" : "<td class=secret>(secret)</td>";
  return fmt::format("<td><code>{}</code></td>", html_escape(side_text(side, false)));
}

std::string key_table(const std::vector<KeyChange>& changes, bool with_payload) {
  std::string out = "<table>\n<thead><tr>";
  out += with_payload ? "<th>payload</th>" : "";
  out += "<th>key</th><th>change</th><th>old</th><th>new</th><th>source</th></tr></thead>\n<tbody>\n";
  for (const KeyChange& k : changes) {
    out += fmt::format("<tr class={}>", change_name(k.change));
    if (with_payload) out += fmt::format("<td>{}</td>", html_escape(k.payload));
    const std::string before = k.old_value ? place_text(k.old_value->place) : "";
    const std::string after = k.new_value ? place_text(k.new_value->place) : "";
    const std::string source = before.empty() || after.empty() || before == after ? (after.empty() ? before : after)
                                                                                  : before + " → " + after;
    out += fmt::format("<td><code>{}</code></td><td>{}</td>{}{}<td>{}</td></tr>\n", html_escape(k.key),
                       change_name(k.change), value_td(k.old_value, k.secret, k.change),
                       value_td(k.new_value, k.secret, k.change), html_escape(source));
  }
  return out + "</tbody>\n</table>\n";
}

constexpr std::string_view kStyle =
    R"(body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#1b1b1b}
table{border-collapse:collapse;margin:.5em 0 1.5em;width:100%}th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#f2f2f2}code{font:13px ui-monospace,monospace;word-break:break-word}tr.added td:nth-last-child(-n+3){background:#eaffea}
tr.removed td:nth-last-child(-n+4){background:#ffecec}td.secret{font-style:italic}.summary{font-weight:600}
@media print{body{max-width:none}th{background:none}})";

}  // namespace

std::string render_diff_html(const SnapshotDiff& diff) {
  std::string out = "<!DOCTYPE html>\n<html lang=en>\n<head>\n<meta charset=utf-8>\n";
  out += fmt::format("<title>profilec diff: {} → {}</title>\n<style>\n{}\n</style>\n</head>\n<body>\n",
                     html_escape(diff.old_label), html_escape(diff.new_label), kStyle);
  out += fmt::format("<h1>profilec diff: <code>{}</code> → <code>{}</code></h1>\n", html_escape(diff.old_label),
                     html_escape(diff.new_label));
  out += fmt::format("<p class=summary>{}</p>\n", html_escape(summary_text(diff)));
  if (!diff.old_failed.empty() || !diff.new_failed.empty()) {
    out += "<ul>\n";
    for (const std::string& f : diff.old_failed) {
      out += fmt::format("<li>{} ({}) has errors and is left out</li>\n", html_escape(f), html_escape(diff.old_label));
    }
    for (const std::string& f : diff.new_failed) {
      out += fmt::format("<li>{} ({}) has errors and is left out</li>\n", html_escape(f), html_escape(diff.new_label));
    }
    out += "</ul>\n";
  }
  if (!diff.consequences.empty()) {
    out += "<section id=consequences>\n<h2>What devices will do</h2>\n<table>\n";
    out += "<thead><tr><th>kind</th><th>where</th><th>what</th></tr></thead>\n<tbody>\n";
    std::set<ConsequenceKind> kinds;
    for (const Consequence& c : diff.consequences) {
      out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n", consequence_name(c.kind),
                         html_escape(place_text(c.place)), html_escape(c.message));
      kinds.insert(c.kind);
    }
    out += "</tbody>\n</table>\n<dl>\n";
    for (const ConsequenceKind kind : kinds) {
      out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", consequence_name(kind), html_escape(consequence_summary(kind)));
    }
    out += "</dl>\n</section>\n";
  }
  if (!diff.devices.empty()) {
    out += "<section id=devices>\n<h2>Effective settings per device class</h2>\n";
    for (const DeviceClassDiff& d : diff.devices) {
      out += fmt::format("<h3>{}</h3>\n", html_escape(d.label));
      out += key_table(d.settings, true);
    }
    out += "</section>\n";
  }
  if (!diff.profiles.empty()) {
    out += "<section id=profiles>\n<h2>Profiles</h2>\n";
    for (const ProfileDiff& p : diff.profiles) {
      const std::string path = path_text(p);
      out += fmt::format("<h3>{}: <code>{}</code> ({})</h3>\n", change_name(p.change), html_escape(p.identifier),
                         html_escape(path));
      if (!p.old_target.empty() && !p.new_target.empty()) {
        out += fmt::format("<p>Target: {} → {}</p>\n", html_escape(p.old_target), html_escape(p.new_target));
      }
      if (!p.envelope.empty()) out += key_table(p.envelope, false);
      std::vector<KeyChange> keys;
      for (const PayloadDiff& payload : p.payloads) {
        for (KeyChange k : payload.keys) {
          k.payload = fmt::format("{} ({}, {})", payload.identifier, payload.type, change_name(payload.change));
          keys.push_back(std::move(k));
        }
      }
      if (!keys.empty()) out += key_table(keys, true);
    }
    out += "</section>\n";
  }
  return out + "</body>\n</html>\n";
}

}  // namespace profilec::review
