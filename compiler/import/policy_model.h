// The policy import writes, decided but not yet printed: every value already
// in the form it will take (inline TOML, a data file, an { env = } secret, a
// table), every table's entries in the order they will be written. Built
// from a profile by build_policy_model.h, turned into text by
// print_policy.h; plain data, so a printer test can build one by hand.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ir/value.h"

namespace profilec::import {

struct ModelEntry;

struct ModelValue {
  enum class Kind {
    kBoolean,
    kInteger,
    kReal,
    kString,
    kDate,
    kFile,        // { file = "<text>" }: a data file written beside the policy
    kBase64,      // { base64 = "<text>" }
    kEnv,         // { env = "<text>" }: a secret left out of the source
    kPayloadRef,  // { payload = "<text>" }: the PayloadUUID of [payload.<text>]
    kArray,
    kTable,
  };

  Kind kind = Kind::kString;
  bool boolean = false;
  std::int64_t integer = 0;
  double real = 0;
  std::string text;  // string, file name, base64 text, variable name or payload name
  ir::Date date;
  // The plist string had a line break (a secret's included): as a key's
  // value a kString is written as a """ string, and a table holding it is
  // written as a [table]. False for a string the source keeps on one line.
  bool line_break = false;
  std::vector<ModelValue> items;    // kArray
  std::vector<ModelEntry> entries;  // kTable, in the order to write
};

struct ModelEntry {
  std::string key;
  ModelValue value;
};

// [profile]
struct ProfileModel {
  std::vector<ModelEntry> fields;      // the language's own fields (id = ..., name = ...), in order
  std::vector<std::string> omit;       // omit = [...]
  std::vector<ModelEntry> apple_keys;  // Apple's envelope keys, then a consent table
  std::vector<ModelEntry> extra_keys;  // [profile.extra]: top-level keys that are not Apple's
};

// [target], as profilec.toml stated it for the imported file.
struct TargetModel {
  std::vector<std::pair<std::string, std::string>> platforms;  // platform, minimum version
  bool supervised = false;
  std::string enrollment;  // "", "user" or "automated" (device is the default)
  bool shared_ipad = false;
  bool manual_install = false;
};

// [payload.<name>]
struct PayloadModel {
  std::string name;
  std::string type;
  std::vector<std::string> omit;    // generated keys the payload did not have
  std::vector<ModelEntry> entries;  // Apple's keys, in the order to write
};

struct PolicyModel {
  std::string source_name;  // the imported file, for the header comment
  ProfileModel profile;
  std::optional<TargetModel> target;  // nullopt: none stated, the source gets a reminder
  std::vector<PayloadModel> payloads;
  // [declaration.<name>] (a declaration JSON file imported, docs/ddm.md):
  // a policy of declarations only has no [profile].
  std::vector<PayloadModel> declarations;
};

}  // namespace profilec::import
