// base/html_escape.h: the five characters HTML gives meaning to, and nothing else.
#include "base/html_escape.h"

#include <gtest/gtest.h>

namespace profilec {
namespace {

TEST(HtmlEscapeTest, EscapesTheFiveCharacters) {
  EXPECT_EQ(html_escape(R"(<a href="x" title='y'>&</a>)"),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  EXPECT_EQ(html_escape(R"(<a href="x">'Tom' & Jerry</a>)"),
            "&lt;a href=&quot;x&quot;&gt;&#39;Tom&#39; &amp; Jerry&lt;/a&gt;");
}

TEST(HtmlEscapeTest, LeavesEverythingElse) {
  EXPECT_EQ(html_escape(""), "");
  EXPECT_EQ(html_escape("plain text, 100% = {x}; caf\xc3\xa9\n\t"), "plain text, 100% = {x}; caf\xc3\xa9\n\t");
  EXPECT_EQ(html_escape("&amp;"), "&amp;amp;");  // escaped again: the input is text, not HTML
}

}  // namespace
}  // namespace profilec
