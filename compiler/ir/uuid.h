// Name-based UUIDs (RFC 9562 version 5, SHA-1), so the same identifier gives
// the same PayloadUUID on every machine.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace profilec::ir {

using UuidBytes = std::array<std::uint8_t, 16>;

// The namespace profilec derives every UUID in: UUIDv5 of the name
// "profilec" in the RFC's DNS namespace (6ba7b810-9dad-11d1-80b4-00c04fd430c8).
const UuidBytes& profilec_namespace();

UuidBytes uuid_v5(const UuidBytes& name_space, std::string_view name);

// Upper-case 8-4-4-4-12 hex, the form Apple's tools write.
std::string format_uuid(const UuidBytes& uuid);

// The PayloadUUID profilec derives for an identifier.
std::string derived_payload_uuid(std::string_view payload_identifier);

// True for 8-4-4-4-12 hex (any case).
bool is_uuid_syntax(std::string_view text);

}  // namespace profilec::ir
