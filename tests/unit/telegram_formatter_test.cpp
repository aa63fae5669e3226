#include "bot/telegram/formatter.hpp"

#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "bot/telegram/update_parser.hpp"
#include "core/utf16.hpp"
#include "handlers/actions.hpp"

namespace wgbot::telegram {
namespace {

using nlohmann::json;

json read_fixture(const std::string& name) {
  std::ifstream in(std::string(WGBOT_FIXTURES_DIR) + "/telegram/" + name, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return json::parse(out.str());
}

// The first `count` characters of `pattern` repeated; `pattern` must be valid UTF-8.
std::string repeat_chars(std::string_view pattern, std::size_t count) {
  std::string out;
  for (std::size_t pos = 0; count > 0; --count) {
    if (pos == pattern.size()) pos = 0;
    const std::size_t size = utf8_char_size(pattern, pos);
    out += pattern.substr(pos, size);
    pos += size;
  }
  return out;
}

// The reference measure: the rendered text itself.
std::size_t units_of_rendered(const std::string& chunk) {
  return utf16_length(render_html(chunk));
}

std::string join(const std::vector<std::string>& chunks) {
  std::string out;
  for (const auto& chunk : chunks) out += chunk;
  return out;
}

const std::string kFixturePlain =
    "**Việc #12** đã hoàn thành ✅\nGhi chú: đã trình Trưởng ban <bản cuối> & gửi Văn phòng";

TEST(TelegramFormatter, EscapesHtml) {
  EXPECT_EQ(escape_html("a < b > c & d \"e\" 'f'"), "a &lt; b &gt; c &amp; d &quot;e&quot; 'f'");
  EXPECT_EQ(escape_html("&lt;"), "&amp;lt;");
  EXPECT_EQ(escape_html("Tiếng Việt 👍"), "Tiếng Việt 👍");
  EXPECT_EQ(escape_html(""), "");
  EXPECT_EQ(escape_html("\"<>&"), "&quot;&lt;&gt;&amp;");
  EXPECT_EQ(escape_html("x>"), "x&gt;");
}

TEST(TelegramFormatter, MeasuresTheRenderedTextWithoutRenderingIt) {
  for (const std::string& text :
       std::initializer_list<std::string>{"",
                                          "plain",
                                          "**Việc #12** đã xong ✅ 👍",
                                          "a < b > c & d \"e\"",
                                          "**",
                                          "****",
                                          "** x",
                                          "**a** and **b**",
                                          "**<&>**",
                                          "`code & <x>`",
                                          "`**not bold**`",
                                          "``",
                                          "` `",
                                          "`a",
                                          "line\n`fixed`\n**b**\n\n",
                                          "\n\n",
                                          "**open\nclose**",
                                          "x **** y **z**",
                                          "🇻🇳 \"quoted\" & **đậm** <tag>\n`  `\n`&`",
                                          "`\"\"\"`\n`&`\n`<`",
                                          "**\"**\n**&**\n****\"\"****",
                                          "\xFF\xE1\xBA \xF0\x9F\x91",
                                          kFixturePlain}) {
    EXPECT_EQ(rendered_units(text), units_of_rendered(text)) << text;
    EXPECT_GE(rendered_units_at_most(text), rendered_units(text)) << text;
  }
}

TEST(TelegramFormatter, BoldMarkupIsTheOnlyMarkup) {
  EXPECT_EQ(render_html("**Tiêu đề <x>**"), "<b>Tiêu đề &lt;x&gt;</b>");
  EXPECT_EQ(render_html("**Việc #12** xong\n**Hạn** <b>"),
            "<b>Việc #12</b> xong\n<b>Hạn</b> &lt;b&gt;");
  EXPECT_EQ(render_html("2 ** 3 = 8"), "2 ** 3 = 8");
  EXPECT_EQ(render_html("****"), "****");
  EXPECT_EQ(render_html("**a\nb**"), "**a\nb**");  // spans never cross lines
  EXPECT_EQ(strip_markup("**Việc #12** xong & <ok>"), "Việc #12 xong & <ok>");
}

TEST(TelegramFormatter, SendMessageMatchesFixtureExactly) {
  Outgoing out;
  out.platform = "telegram";
  out.chat_id = "-1002198457731";
  out.text = kFixturePlain;
  out.reply_to_message_id = "5521";
  out.buttons = {{{"📋 Chi tiết", "detail:12"}}};
  const auto chunks = split_message(out.text);
  ASSERT_EQ(chunks.size(), 1U);
  EXPECT_EQ(json::parse(build_send_message(out, chunks[0], true)),
            read_fixture("sendMessage_request.json"));
}

TEST(TelegramFormatter, TelegramShowsWhatTheHandlerWrote) {
  // The success answer is the same message after entity parsing: tags gone, bold entity.
  const json sent = read_fixture("sendMessage_response_ok.json").at("result");
  EXPECT_EQ(strip_markup(kFixturePlain), sent.at("text").get<std::string>());
  EXPECT_EQ(sent.at("entities").at(0).at("length").get<std::size_t>(), utf16_length("Việc #12"));
}

TEST(TelegramFormatter, SendMessageVariants) {
  Outgoing out;
  out.chat_id = "@wg_channel";
  out.buttons = {{{"ok", std::string(65, 'x')}, {"", "done:1"}}, {}, {{"✅ Xong", "done:12"}}};
  json body = json::parse(build_send_message(out, "a & b", false));
  EXPECT_EQ(body.at("chat_id"), "@wg_channel");
  EXPECT_EQ(body.at("text"), "a &amp; b");
  EXPECT_FALSE(body.contains("reply_parameters"));
  EXPECT_FALSE(body.contains("reply_markup"));  // buttons only on the last chunk
  body = json::parse(build_send_message(out, "x", true));
  const json expected = json::parse(R"([[{"text":"✅ Xong","callback_data":"done:12"}]])");
  EXPECT_EQ(body.at("reply_markup").at("inline_keyboard"), expected);  // invalid ones dropped
}

TEST(TelegramFormatter, SendMessageQuotesOnlyWhenAskedAndSurvivesBrokenText) {
  Outgoing out;
  out.chat_id = "42";
  out.reply_to_message_id = "77";
  const json first = json::parse(build_send_message(out, "Đã nhận \xFF", false));
  EXPECT_EQ(first.at("chat_id"), 42);
  EXPECT_EQ(first.at("reply_parameters").at("message_id"), 77);
  EXPECT_EQ(first.at("text"), "Đã nhận \xEF\xBF\xBD");  // not UTF-8: replaced, still sent
  EXPECT_FALSE(json::parse(build_send_message(out, "next", false, false))
                   .contains("reply_parameters"));  // a later part of a long reply
}

TEST(TelegramFormatter, LongReplySplitsAtLineBoundaryWithEscapingCounted) {
  // 50 lines of 100 characters = 5000 characters. Each line renders to 110 units because of
  // `&`, `<`, `>`: a split that ignored escaping would put 40 lines (4400 units) in one chunk.
  const std::string prefix = "Đã trình <bản cuối> & gửi Văn phòng 👍 ";  // 38 characters
  const std::string body = prefix + std::string(99 - 38, 'x');
  std::string text;
  for (int i = 0; i < 50; ++i) text += body + "\n";
  ASSERT_EQ(utf16_length(body), 100U);  // 98 BMP characters + one emoji
  const auto chunks = split_message(text);
  ASSERT_EQ(chunks.size(), 2U);
  EXPECT_EQ(join(chunks), text);
  for (const auto& chunk : chunks) EXPECT_LE(units_of_rendered(chunk), 4096U);
  EXPECT_EQ(chunks[0].back(), '\n');
  EXPECT_GT(units_of_rendered(chunks[0] + body + "\n"), 4096U);  // the first chunk is full
}

TEST(TelegramFormatter, FiveThousandCharacterReplySplitsIntoTwo) {
  std::string text;
  for (int i = 0; text.size() < 5000; ++i) {
    text += "Dong " + std::to_string(i) + ": " + std::string(80, 'x') + "\n";
  }
  text.resize(5000);
  const auto chunks = split_message(text);
  ASSERT_EQ(chunks.size(), 2U);
  EXPECT_EQ(join(chunks), text);
  EXPECT_EQ(chunks[0].back(), '\n');
  for (const auto& chunk : chunks) EXPECT_LE(units_of_rendered(chunk), 4096U);
}

TEST(TelegramFormatter, OverLongLineIsCutAfterASpace) {
  const std::string line = repeat_chars("hồ sơ dự thảo ", 6000);
  const auto chunks = split_message(line + "\nDòng cuối");
  ASSERT_EQ(chunks.size(), 2U);
  EXPECT_EQ(join(chunks), line + "\nDòng cuối");
  EXPECT_EQ(chunks[0].back(), ' ');
  EXPECT_GT(units_of_rendered(chunks[0]), 4096U - 10);
  for (const auto& chunk : chunks) EXPECT_LE(units_of_rendered(chunk), 4096U);
}

TEST(TelegramFormatter, OverLongWordIsCutAtCharacterBoundary) {
  const std::string word = repeat_chars("ệ", 5000);  // 3 bytes each, no space anywhere
  const auto chunks = split_message(word);
  ASSERT_EQ(chunks.size(), 2U);
  EXPECT_EQ(chunks[0].size(), 4096U * 3);
  EXPECT_EQ(join(chunks), word);
}

TEST(TelegramFormatter, EmojiCountTwoUnits) {
  const std::string fits = repeat_chars("👍", 2048);  // 4096 units
  EXPECT_EQ(split_message(fits).size(), 1U);
  const std::string over = repeat_chars("👍", 2100);  // 2100 characters but 4200 units
  const auto chunks = split_message(over);
  ASSERT_EQ(chunks.size(), 2U);
  EXPECT_EQ(utf16_length(chunks[0]), 4096U);
  EXPECT_EQ(utf16_length(chunks[1]), 104U);
  EXPECT_EQ(join(chunks), over);
}

TEST(TelegramFormatter, BoldTagsCountTowardTheLimit) {
  const std::string line = "**" + std::string(4090, 'a') + "**";  // 4094 plain, 4097 rendered
  const auto chunks = split_message(line);
  ASSERT_EQ(chunks.size(), 2U);
  for (const auto& chunk : chunks) EXPECT_LE(units_of_rendered(chunk), 4096U);
  EXPECT_EQ(join(chunks), line);
}

TEST(TelegramFormatter, SmallLimitsHoldForMixedText) {
  const std::string pattern = "a&<\"**ệ👍 \nb ** c\n\n";
  std::uint32_t seed = 7;
  for (int round = 0; round < 300; ++round) {
    seed = seed * 1103515245U + 12345U;
    const std::size_t limit = 8 + seed % 40;
    std::string text = repeat_chars(pattern.substr(seed % 5), 20 + seed % 200);
    const auto chunks = split_message(text, limit);
    std::string joined;
    for (const auto& chunk : chunks) {
      EXPECT_LE(units_of_rendered(chunk), limit) << chunk;
      EXPECT_NE(chunk.find_first_not_of(" \n"), std::string::npos);
      joined += chunk;
    }
    std::erase_if(text, [](char c) { return c == ' ' || c == '\n'; });
    std::erase_if(joined, [](char c) { return c == ' ' || c == '\n'; });
    EXPECT_EQ(joined, text);  // only blank chunks may be dropped
  }
  EXPECT_TRUE(split_message("").empty());
  EXPECT_TRUE(split_message("\n \n").empty());
}

TEST(TelegramFormatter, AnswerCallback) {
  Outgoing out;
  out.kind = OutKind::callback_answer;
  out.callback_id = "4477920199315602873";
  EXPECT_EQ(build_answer_callback(out),
            json::parse(R"({"callback_query_id":"4477920199315602873"})"));
  out.text = "**Việc #12** đã xong " + repeat_chars("👍", 150);
  const json body = build_answer_callback(out);
  const std::string toast = body.at("text").get<std::string>();
  EXPECT_EQ(toast.rfind("Việc #12 đã xong 👍", 0), 0U);
  EXPECT_EQ(utf16_length(toast), 199U);  // 17 + 91 emoji; a 92nd would make 201
}

TEST(TelegramFormatter, EditMessageText) {
  Outgoing out;
  out.kind = OutKind::edit;
  out.chat_id = "-1002198457731";
  out.edit_message_id = "5523";
  out.text = "**Việc #12** đã xong ✅";
  EXPECT_EQ(build_edit_message_text(out), json::parse(R"({"chat_id":-1002198457731,
      "message_id":5523,"text":"<b>Việc #12</b> đã xong ✅","parse_mode":"HTML"})"));
  out.buttons = {{{"📋 Chi tiết", "detail:12"}}};
  out.text = std::string(5000, 'x');
  const json body = build_edit_message_text(out);
  EXPECT_EQ(body.at("text").get<std::string>().size(), 4096U);
  EXPECT_TRUE(body.contains("reply_markup"));
}

TEST(TelegramFormatter, CallbackDataRoundTripsWithFixtureButtons) {
  const json keyboard =
      read_fixture("callback_query.json").at("callback_query").at("message").at("reply_markup");
  std::vector<std::string> seen;
  for (const auto& row : keyboard.at("inline_keyboard")) {
    for (const auto& button : row) seen.push_back(button.at("callback_data").get<std::string>());
  }
  const std::vector<std::string> expected = {*callback_data_for("/done", 12),
                                             *callback_data_for("snooze", 12, 60),
                                             *callback_data_for("task", 12)};
  EXPECT_EQ(seen, expected);
  EXPECT_EQ(command_for_callback_data(seen[0]), "/done 12");
  EXPECT_EQ(command_for_callback_data(seen[1]), "/snooze 12 60m");
  EXPECT_EQ(command_for_callback_data(seen[2]), "/task 12");
  EXPECT_EQ(command_for_callback_data(*callback_data_for("danhan", 7)), "/ack 7");
  // A task notice's ⏰ button snoozes the task, not a reminder with the same number.
  EXPECT_EQ(callback_data_for("snoozetask", 12, 60), "tsnooze:12:60");
  EXPECT_EQ(command_for_callback_data("tsnooze:12:60"), "/snooze nv12 60m");
  EXPECT_EQ(command_for_callback_data("tsnooze:12"), "/snooze nv12");
}

TEST(TelegramFormatter, CallbackDataRejectsWhatCannotBeAButton) {
  EXPECT_FALSE(callback_data_for("tasks", 12).has_value());
  EXPECT_FALSE(callback_data_for("done", -1).has_value());
  EXPECT_FALSE(callback_data_for("done", 12, 60).has_value());
  EXPECT_FALSE(callback_data_for("snooze", 12, -5).has_value());
  const auto biggest = callback_data_for("snooze", INT64_MAX, INT32_MAX);
  ASSERT_TRUE(biggest.has_value());
  EXPECT_LE(biggest->size(), kMaxCallbackDataBytes);
  EXPECT_TRUE(is_valid_callback_data(std::string(64, 'a')));
  EXPECT_FALSE(is_valid_callback_data(std::string(65, 'a')));
  EXPECT_FALSE(is_valid_callback_data(""));
}

// A whole line between backticks is one <code> element, so table rows keep their columns.
TEST(TelegramFormatter, BacktickLineIsMonospace) {
  EXPECT_EQ(render_html("**Theo đơn vị**\n`Sở Nội vụ  <1>`\n`x"),
            "<b>Theo đơn vị</b>\n<code>Sở Nội vụ  &lt;1&gt;</code>\n`x");
  EXPECT_EQ(strip_markup("`Sở Nội vụ  1`"), "Sở Nội vụ  1");
}

}  // namespace
}  // namespace wgbot::telegram
