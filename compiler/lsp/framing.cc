#include "lsp/framing.h"

#include <fmt/format.h>

#include <charconv>

namespace profilec::lsp {
namespace {

// A header line without its CRLF (a bare LF is accepted too); false at the
// end of the stream.
bool read_header_line(std::istream& in, std::string& line) {
  line.clear();
  if (!std::getline(in, line)) return false;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return true;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

FramedMessage read_message(std::istream& in) {
  FramedMessage message;
  std::string line;
  bool have_length = false;
  std::size_t length = 0;
  std::string error;
  bool any_line = false;
  while (true) {
    if (!read_header_line(in, line)) {
      if (any_line) {
        message.status = FramedMessage::Status::kBadHeader;
        message.error = "the stream ended inside a message header";
        return message;
      }
      return message;  // end of stream between messages
    }
    if (line.empty()) {
      if (!any_line) continue;  // blank lines between messages
      break;
    }
    any_line = true;
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos) {
      if (error.empty()) error = fmt::format("a header line without ':': '{}'", line.substr(0, 80));
      continue;
    }
    const std::string_view name = trimmed(std::string_view(line).substr(0, colon));
    const std::string_view value = trimmed(std::string_view(line).substr(colon + 1));
    if (!equals_ignoring_case(name, "Content-Length")) continue;
    std::size_t parsed = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
    if (ec != std::errc() || end != value.data() + value.size() || value.empty()) {
      if (error.empty()) error = fmt::format("Content-Length is not a number: '{}'", value.substr(0, 80));
      continue;
    }
    have_length = true;
    length = parsed;
  }
  if (!have_length) {
    message.status = FramedMessage::Status::kBadHeader;
    message.error = error.empty() ? "a message header without Content-Length" : error;
    return message;
  }
  if (length > kMaxMessageBytes) {
    in.ignore(static_cast<std::streamsize>(length));
    message.status = FramedMessage::Status::kBadHeader;
    message.error = fmt::format("a message of {} bytes, over the limit of {}", length, kMaxMessageBytes);
    return message;
  }
  message.body.resize(length);
  in.read(message.body.data(), static_cast<std::streamsize>(length));
  if (static_cast<std::size_t>(in.gcount()) != length) {
    message.status = FramedMessage::Status::kBadHeader;
    message.error = fmt::format("the stream ended after {} of the message's {} bytes", in.gcount(), length);
    message.body.clear();
    return message;
  }
  message.status = FramedMessage::Status::kMessage;
  return message;
}

void write_message(std::ostream& out, std::string_view body) {
  out << "Content-Length: " << body.size() << "\r\n\r\n" << body;
  out.flush();
}

}  // namespace profilec::lsp
