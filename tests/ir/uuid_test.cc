#include "ir/uuid.h"

#include <gtest/gtest.h>

namespace profilec::ir {
namespace {

// Reference values from Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")
// and str(uuid.uuid5(uuid.uuid5(uuid.NAMESPACE_DNS, "profilec"), name)).upper().
TEST(UuidTest, MatchesRfcVersion5) {
  const UuidBytes dns = {0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1,
                         0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};
  EXPECT_EQ(format_uuid(uuid_v5(dns, "python.org")), "886313E1-3B8A-5372-9B90-0C9AEE199E5D");
}

TEST(UuidTest, DerivesPayloadUuidsInTheProfilecNamespace) {
  EXPECT_EQ(derived_payload_uuid("com.acme.trust"), "66CD0633-DC47-5802-8C5D-0CFCBC392289");
  EXPECT_NE(derived_payload_uuid("com.acme.trust"), derived_payload_uuid("com.acme.trust.root-ca"));
}

TEST(UuidTest, RecognisesUuidSyntax) {
  EXPECT_TRUE(is_uuid_syntax("66CD0633-DC47-5802-8C5D-0CFCBC392289"));
  EXPECT_TRUE(is_uuid_syntax("66cd0633-dc47-5802-8c5d-0cfcbc392289"));
  EXPECT_FALSE(is_uuid_syntax("66CD0633DC4758028C5D0CFCBC392289"));
  EXPECT_FALSE(is_uuid_syntax("66CD0633-DC47-5802-8C5D-0CFCBC39228G"));
  EXPECT_FALSE(is_uuid_syntax(""));
}

}  // namespace
}  // namespace profilec::ir
