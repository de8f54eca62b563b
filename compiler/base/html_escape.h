// Text made safe for HTML element content and for double-quoted attribute
// values (`diff --format html`, `report`): & < > " ' become character
// references; nothing else changes.
#pragma once

#include <string>
#include <string_view>

namespace profilec {

std::string html_escape(std::string_view text);

}  // namespace profilec
