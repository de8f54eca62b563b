#include "base/html_escape.h"

#include <gtest/gtest.h>

namespace profilec {
namespace {

TEST(HtmlEscape, ReplacesTheFiveCharactersAndNothingElse) {
  EXPECT_EQ(html_escape(R"(<a href="x">'Tom' & Jerry</a>)"),
            "&lt;a href=&quot;x&quot;&gt;&#39;Tom&#39; &amp; Jerry&lt;/a&gt;");
  EXPECT_EQ(html_escape("plain text, é, \n\t"), "plain text, é, \n\t");
  EXPECT_EQ(html_escape(""), "");
  EXPECT_EQ(html_escape("&amp;"), "&amp;amp;");  // escaped again, never decoded
}

}  // namespace
}  // namespace profilec
