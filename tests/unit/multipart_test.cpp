// multipart/form-data bodies: what the builder writes, read back the way a server reads them.
#include <gtest/gtest.h>

#include "bot/http/multipart.hpp"
#include "fakes/multipart_reader.hpp"

namespace wgbot {
namespace {

TEST(Multipart, FieldsAndAFileRoundTrip) {
  using namespace std::string_literals;
  const std::string bytes = "\x89PNG\r\n\x1a\n\0\0\r\n--"s;  // NULs and a boundary-like tail
  ASSERT_EQ(bytes.size(), 14U);
  const auto form = http::build_multipart({{"chat_id", "1958840321"},
                                           {"caption", "Báo cáo <b>nhanh</b>"},
                                           {"photo", bytes, "digest.png", "image/png"}});
  ASSERT_TRUE(form.content_type.starts_with("multipart/form-data; boundary="));
  const auto parts = testing::read_multipart(form.content_type, form.body);
  ASSERT_TRUE(parts.has_value());
  ASSERT_EQ(parts->size(), 3U);
  EXPECT_EQ((*parts)[0].name, "chat_id");
  EXPECT_EQ((*parts)[0].data, "1958840321");
  EXPECT_EQ((*parts)[1].data, "Báo cáo <b>nhanh</b>");
  EXPECT_EQ((*parts)[2].name, "photo");
  EXPECT_EQ((*parts)[2].filename, "digest.png");
  EXPECT_EQ((*parts)[2].content_type, "image/png");
  EXPECT_EQ((*parts)[2].data, bytes);
}

// The boundary never occurs inside a part, whatever the part holds.
TEST(Multipart, BoundaryAvoidsThePartsContent) {
  const auto first = http::build_multipart({{"a", "x"}});
  const std::string boundary = first.content_type.substr(first.content_type.find('=') + 1);
  const auto form = http::build_multipart({{"a", "--" + boundary + "--\r\n"}});
  EXPECT_NE(form.content_type, first.content_type);
  const auto parts = testing::read_multipart(form.content_type, form.body);
  ASSERT_TRUE(parts.has_value());
  ASSERT_EQ(parts->size(), 1U);
  EXPECT_EQ((*parts)[0].data, "--" + boundary + "--\r\n");
}

// A name cannot end the part's headers early.
TEST(Multipart, NamesCannotBreakTheHeaders) {
  const auto form = http::build_multipart({{"x\"\r\n\r\nevil", "v", "a\"\r\n.png", "image/png"}});
  const auto parts = testing::read_multipart(form.content_type, form.body);
  ASSERT_TRUE(parts.has_value());
  ASSERT_EQ(parts->size(), 1U);
  EXPECT_EQ((*parts)[0].data, "v");
  EXPECT_EQ((*parts)[0].filename, "a___.png");
}

}  // namespace
}  // namespace wgbot
