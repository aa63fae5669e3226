#include "core/utf16.hpp"

#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace wgbot {
namespace {

std::string read_fixture(const std::string& name) {
  std::ifstream in(std::string(WGBOT_FIXTURES_DIR) + "/" + name, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::size_t code_points(std::string_view utf8) {
  std::size_t n = 0;
  for (const char c : utf8) n += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U ? 1 : 0;
  return n;
}

TEST(Utf16, CountsAsciiVietnameseAndEmoji) {
  EXPECT_EQ(utf16_length(""), 0U);
  EXPECT_EQ(utf16_length("abc"), 3U);
  EXPECT_EQ(utf16_length("Đã nhận"), 7U);  // precomposed (NFC) letters count 1 each
  EXPECT_EQ(utf16_length("👍"), 2U);        // outside the BMP: a surrogate pair
  EXPECT_EQ(utf16_length("🏛️"), 3U);  // U+1F3DB + variation selector U+FE0F
  EXPECT_EQ(utf16_length("✅"), 1U);        // U+2705 is in the BMP
}

TEST(Utf16, FixtureHashtagEntityMapsToByteOffset26) {
  const auto update =
      nlohmann::json::parse(read_fixture("telegram/vietnamese_diacritics_emoji.json"));
  const std::string text = update.at("message").at("text").get<std::string>();
  const auto& entity = update.at("message").at("entities").at(0);
  ASSERT_EQ(entity.at("offset").get<std::size_t>(), 17U);
  ASSERT_EQ(entity.at("length").get<std::size_t>(), 12U);

  const std::size_t byte_offset = utf16_to_utf8_offset(text, 17);
  EXPECT_EQ(byte_offset, 26U);
  EXPECT_EQ(code_points(std::string_view(text).substr(0, byte_offset)), 16U);
  EXPECT_EQ(utf16_substr(text, 17, 12), "#HS2024_0117");
}

TEST(Utf16, OffsetsAtTheEdges) {
  const std::string text = "a👍b";  // units: a=1, 👍=2, b=1; bytes: 1, 4, 1
  EXPECT_EQ(utf16_to_utf8_offset(text, 0), 0U);
  EXPECT_EQ(utf16_to_utf8_offset(text, 1), 1U);
  EXPECT_EQ(utf16_to_utf8_offset(text, 2), 1U);  // inside the pair: rounds down
  EXPECT_EQ(utf16_to_utf8_offset(text, 3), 5U);
  EXPECT_EQ(utf16_to_utf8_offset(text, 4), 6U);
  EXPECT_EQ(utf16_to_utf8_offset(text, 99), 6U);  // past the end
  EXPECT_EQ(utf16_substr(text, 1, 2), "👍");
  EXPECT_EQ(utf16_substr(text, 3, 50), "b");
  EXPECT_EQ(utf16_substr(text, 10, 5), "");
}

TEST(Utf16, InvalidBytesCountAsOneCharacterEach) {
  const std::string broken = std::string("a") + '\xFF' + '\xC3' + "b" + '\xF0' + '\x9F';
  // 'a', 0xFF, 0xC3 (no continuation), 'b', truncated 4-byte lead, stray continuation byte
  EXPECT_EQ(utf16_length(broken), 6U);
  EXPECT_EQ(utf8_char_size(broken, 1), 1U);
  EXPECT_EQ(utf8_char_size(broken, broken.size()), 0U);
  EXPECT_EQ(utf8_char_size("\xED\xA0\x80", 0), 1U);  // an encoded surrogate is not valid UTF-8
  EXPECT_EQ(utf8_char_size("\xC0\xAF", 0), 1U);      // overlong '/'
  EXPECT_EQ(utf16_to_utf8_offset(broken, 6), broken.size());
}

}  // namespace
}  // namespace wgbot
