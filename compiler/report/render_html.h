// The report model (report_model.h) as one self-contained HTML page: the
// styles inline, no script, no font, image or link that leaves the file, so
// it opens offline, can be attached to an audit, and prints (a print style
// sheet drops the navigation and keeps table rows whole). Every section is
// present, saying "none" when it is empty, each a <section> with an id and a
// data-section attribute (the browser test finds them by it). The same model
// gives the same bytes: nothing is added that the model does not hold.
#pragma once

#include <string>

#include "report/report_model.h"

namespace profilec::report {

// The sections, in page order: id and heading.
struct SectionName {
  std::string_view id;
  std::string_view heading;
};
inline constexpr SectionName kSections[] = {
    {"summary", "Summary"},     {"profiles", "Profiles"},         {"effective", "Effective policy"},
    {"conflicts", "Conflicts"}, {"certificates", "Certificates"}, {"baseline", "Baseline"},
};

std::string render_html(const ReportModel& model);

}  // namespace profilec::report
