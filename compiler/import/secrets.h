// Which values of an imported payload are secrets, to be replaced by
// { env = "..." } references: the overlay's secret paths for the payload
// type (schemas/overlay/*.toml `secret = [...]`), and for every payload
// (custom settings included) keys whose name ends in a credential word.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "schema/schema.h"

namespace profilec::import {

// `path`: the keys from the payload's top level down to the value (array
// items are transparent, as in overlay paths). `schema` may be nullptr.
bool is_secret_path(const schema::PayloadSchema* schema, const std::vector<std::string>& path);

// The name heuristic alone: the key's last word (CamelCase, '_', '-' and '.'
// separate words) is password, passwd, passphrase, secret, psk, pin,
// challenge or token, or its last two words are api/access/private/secret
// key. "SharedSecret", "UserPassword", "PSK" and "RegistrationToken" are;
// "PasswordHint", "TokenURL" and "allowPINChange" are not.
bool has_secret_name(std::string_view key);

// Whether a string is worth hiding: not empty, and not wholly an MDM
// variable ($PASSWORD, ${password}, {{password}}, %Password%) that the MDM
// fills in at install time.
bool is_secret_text(std::string_view text);

}  // namespace profilec::import
