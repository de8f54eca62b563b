// The base protocol of the Language Server Protocol: each message is a
// header ("Content-Length: N", CRLF-terminated lines, an empty line) and N
// bytes of JSON. The reader is strict about what it needs and lenient about
// the rest: unknown header fields (Content-Type) are skipped, a message
// without a usable Content-Length is reported and the stream read on.
#pragma once

#include <cstddef>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>

namespace profilec::lsp {

// Larger messages are refused (and skipped): no editor sends a document of
// 64 MiB, and a broken header must not make the server allocate gigabytes.
inline constexpr std::size_t kMaxMessageBytes = std::size_t{64} << 20;

struct FramedMessage {
  enum class Status { kMessage, kEndOfStream, kBadHeader };
  Status status = Status::kEndOfStream;
  std::string body;   // kMessage: the JSON text
  std::string error;  // kBadHeader: what was wrong
};

// Reads the next message. After kBadHeader the reader has skipped past the
// broken header (and the body, when its length was known).
FramedMessage read_message(std::istream& in);

// Writes `body` with its header and flushes.
void write_message(std::ostream& out, std::string_view body);

}  // namespace profilec::lsp
