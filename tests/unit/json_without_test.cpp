#include "core/json_without.hpp"

#include <gtest/gtest.h>

namespace wgbot {
namespace {

using nlohmann::json;

TEST(JsonWithout, TheDocumentLessTheSkippedTopLevelMember) {
  const std::string text =
      R"({"ok":true,"result":{"message_id":7,"chat":{"id":-100},"entities":[{"a":[1,{}]}]},)"
      R"("parameters":{"retry_after":3,"result":"kept"},"list":[null,false,1.5,-2,18446744073709551615,"x",[],{}],)"
      R"("description":"Đã nhận \"x\""})";
  const auto parsed = parse_json_without(text, "result");
  ASSERT_TRUE(parsed.has_value());
  json expected = json::parse(text);
  expected.erase("result");
  EXPECT_EQ(*parsed, expected);
  EXPECT_EQ(parsed->at("parameters").at("result"), "kept");  // only the top-level one goes
}

TEST(JsonWithout, EverythingElseAsTheLibraryReadsIt) {
  for (const char* text : {R"({"a":1,"a":2})", R"([{"result":1}])", R"("result")", "3", "null",
                           R"({"result":[1,[2,[3]]],"b":{"c":[]}})", R"({"result":"s","z":0})"}) {
    const auto parsed = parse_json_without(text, "result");
    ASSERT_TRUE(parsed.has_value()) << text;
    json expected = json::parse(text);
    if (expected.is_object()) expected.erase("result");
    EXPECT_EQ(*parsed, expected) << text;
  }
  for (const char* bad : {"", "{", R"({"ok":true,"result":{"x":})", "[1,]", "{} x"}) {
    EXPECT_FALSE(parse_json_without(bad, "result").has_value()) << bad;
  }
}

}  // namespace
}  // namespace wgbot
