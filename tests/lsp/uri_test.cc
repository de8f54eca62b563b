#include "lsp/uri.h"

#include <gtest/gtest.h>

namespace profilec::lsp {
namespace {

TEST(UriTest, FileUrisRoundTrip) {
  EXPECT_EQ(path_from_uri("file:///home/a%20b/x.toml"), "/home/a b/x.toml");
  EXPECT_EQ(path_from_uri("FILE://localhost/x.toml"), "/x.toml");
  EXPECT_EQ(uri_from_path("/home/a b/\xC3\xA9.toml"), "file:///home/a%20b/%C3%A9.toml");
  EXPECT_EQ(path_from_uri(uri_from_path("/r/100%/[x].toml")), "/r/100%/[x].toml");
}

TEST(UriTest, OtherSchemesAndBrokenEscapesHaveNoPath) {
  EXPECT_EQ(path_from_uri("untitled:Untitled-1"), std::nullopt);
  EXPECT_EQ(path_from_uri("file://server/share/x.toml"), std::nullopt);
  EXPECT_EQ(path_from_uri("file:///x%2"), std::nullopt);
  EXPECT_EQ(path_from_uri("file:///x%zz"), std::nullopt);
}

}  // namespace
}  // namespace profilec::lsp
