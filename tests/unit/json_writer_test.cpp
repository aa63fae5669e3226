#include "core/json_writer.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace wgbot {
namespace {

using nlohmann::json;

std::string as_json_string(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

TEST(JsonWriter, EscapesLikeAJsonPrinter) {
  // Every character JSON must escape, and text that needs none, read back unchanged and printed
  // as a JSON library prints it.
  std::string all_controls;
  for (char c = 1; c < 0x20; ++c) all_controls += c;
  const std::vector<std::string> samples = {"",
                                            "plain ascii",
                                            "Việc #12 — “Báo cáo” 👍",
                                            "quote \" backslash \\ slash /",
                                            "line\nfeed\ttab\rreturn\bback\fform",
                                            all_controls,
                                            std::string("nul\0inside", 10),
                                            "\x7F del stays"};
  for (const std::string& sample : samples) {
    const std::string text = as_json_string(sample);
    EXPECT_EQ(json::parse(text).get<std::string>(), sample) << text;
    EXPECT_EQ(text, json(sample).dump()) << text;
  }
}

TEST(JsonWriter, BytesThatAreNotUtf8BecomeReplacementCharacters) {
  const std::string broken =
      "ab\xC3"
      "c\xFF"
      "d\xE1\xBA"
      "e\xED\xA0\x80";  // cut, stray, surrogate
  const std::string text = as_json_string(broken);
  const std::string back = json::parse(text).get<std::string>();  // valid JSON and UTF-8
  EXPECT_EQ(back.substr(0, 2), "ab");
  EXPECT_NE(back.find("\xEF\xBF\xBD"
                      "c"),
            std::string::npos);
  EXPECT_NE(back.find("\xEF\xBF\xBD"
                      "d"),
            std::string::npos);
  EXPECT_EQ(back,
            "ab\xEF\xBF\xBD"
            "c\xEF\xBF\xBD"
            "d\xEF\xBF\xBD"
            "e\xEF\xBF\xBD");  // one each
  EXPECT_EQ(back.find("\xED\xA0"), std::string::npos);
  EXPECT_EQ(as_json_string(std::string(1, '\xC3') + "\xA9"), "\"é\"");  // a whole character is kept
}

TEST(JsonWriter, WritesNestedObjectsAndArraysWithCommasInPlace) {
  JsonWriter w;
  w.begin_object()
      .key("chat_id")
      .integer(-1002198457731)
      .key("text")
      .string("a & b")
      .key("flags")
      .begin_array()
      .boolean(true)
      .boolean(false)
      .begin_array()
      .end_array()
      .begin_object()
      .end_object()
      .integer(0)
      .end_array()
      .key("empty")
      .begin_object()
      .end_object()
      .key("nested")
      .begin_object()
      .key("n")
      .integer(INT64_MIN)
      .end_object()
      .end_object();
  const std::string text = w.take();
  EXPECT_EQ(text, R"({"chat_id":-1002198457731,"text":"a & b","flags":[true,false,[],{},0],)"
                  R"("empty":{},"nested":{"n":-9223372036854775808}})");
  EXPECT_TRUE(json::accept(text));
}

}  // namespace
}  // namespace wgbot
