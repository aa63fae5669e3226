// Telegram over the webhook, end to end: fixtures are POSTed to the bot's HTTP server, the
// replies arrive at a fake Bot API server over loopback HTTP.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <string>

#include "bot/outbound/outbox_sender.hpp"
#include "bot/platform/webhook_secret.hpp"
#include "bot/telegram/bot_commands.hpp"
#include "bot/telegram/update_parser.hpp"
#include "bot/telegram/webhook_endpoint.hpp"
#include "core/utf16.hpp"
#include "fakes/telegram_harness.hpp"
#include "storage/connection.hpp"

namespace wgbot::testing {
namespace {

using nlohmann::json;

constexpr const char* kPublicUrl = "https://bot.example.gov.vn";

HarnessOptions webhook_mode() {
  HarnessOptions o;
  o.public_url = kPublicUrl;
  o.max_body_bytes = 64 * 1024;
  return o;
}

class TelegramWebhookTest : public ::testing::Test {
 protected:
  TelegramHarness h{webhook_mode()};

  std::int64_t inbox_rows() { return h.query_int("SELECT COUNT(*) FROM inbox"); }
  // Waits until the sender has nothing left to do, then lists what reached the fake.
  std::vector<RecordedCall> sent() {
    h.sender().settle();
    return h.fake().calls("sendMessage");
  }
};

TEST_F(TelegramWebhookTest, StartupRegistersCommandsAndWebhookWithSecret) {
  ASSERT_EQ(h.fake().count("getMe"), 1u);
  const auto commands = h.fake().calls("setMyCommands");
  ASSERT_EQ(commands.size(), 3u);
  EXPECT_FALSE(commands[0].body.contains("language_code"));  // Vietnamese: the default list
  EXPECT_EQ(commands[1].body.at("language_code"), "vi");
  EXPECT_EQ(commands[2].body.at("language_code"), "en");
  EXPECT_EQ(commands[0].body.at("scope").at("type"), "default");
  EXPECT_EQ(commands[0].body.at("commands"), commands[1].body.at("commands"));
  bool saw_ai = false;
  for (const auto& c : commands[0].body.at("commands")) {
    EXPECT_NE(c.at("command"), "whois");  // the Vietnamese name is listed
    if (c.at("command") == "ai") {
      saw_ai = true;
      EXPECT_EQ(c.at("description").get<std::string>().rfind("tra cứu", 0), 0u);
      EXPECT_TRUE(c.at("description").get<std::string>().ends_with("(/whois)"));
    }
  }
  EXPECT_TRUE(saw_ai);
  const auto set = h.fake().calls("setWebhook");
  ASSERT_EQ(set.size(), 1u);
  EXPECT_EQ(set[0].body.at("url"), std::string(kPublicUrl) + "/webhook/telegram");
  EXPECT_EQ(set[0].body.at("secret_token"), h.secret());
  EXPECT_EQ(set[0].body.at("allowed_updates"),
            json({"message", "edited_message", "callback_query", "my_chat_member"}));
  // The generated secret is kept, so a restart registers the same one.
  EXPECT_EQ(h.secret().size(), 43u);
  EXPECT_EQ(telegram::resolve_webhook_secret(h.bot().config(), h.bot().writer()), h.secret());
  EXPECT_EQ(h.fake().count("getUpdates"), 0u);
}

TEST_F(TelegramWebhookTest, PrivateStartCommandIsAnsweredAsHtmlReply) {
  const auto r = h.post_update(read_fixture("telegram/private_command_start.json"));
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_TRUE(h.fake().wait_for("sendMessage", 1));
  const auto calls = sent();
  ASSERT_EQ(calls.size(), 1u);
  const json& body = calls[0].body;
  EXPECT_EQ(body.at("chat_id"), 1958840321LL);
  EXPECT_EQ(body.at("parse_mode"), "HTML");
  EXPECT_FALSE(body.contains("reply_parameters"));  // only group replies quote the command
  EXPECT_FALSE(body.at("text").get<std::string>().empty());
  EXPECT_EQ(metric_value(h.metrics_text(), "wgbot_updates_received_total"), 1);
  EXPECT_EQ(metric_value(h.metrics_text(), "wgbot_messages_sent_total"), 1);
  EXPECT_EQ(h.query_int("SELECT COUNT(*) FROM outbox WHERE status = 'sent'"), 1);
}

TEST_F(TelegramWebhookTest, GroupCommandWithOurBotnameIsAnsweredInTheGroup) {
  h.bot().link("telegram", "6023417755", "quy");
  ASSERT_EQ(h.post_update(read_fixture("telegram/group_command_with_botname.json")).status, 200);
  ASSERT_TRUE(h.fake().wait_for("sendMessage", 1));
  const auto calls = sent();
  ASSERT_GE(calls.size(), 1u);
  EXPECT_EQ(calls[0].body.at("chat_id"), -1002198457731LL);
  EXPECT_EQ(calls[0].body.at("reply_parameters").at("message_id"), 5521);
}

TEST_F(TelegramWebhookTest, GroupCommandForAnotherBotAndChatterAreIgnored) {
  ASSERT_EQ(h.post_update(read_fixture("telegram/group_command_for_other_bot.json")).status, 200);
  json chatter = json::parse(read_fixture("telegram/group_command_with_botname.json"));
  chatter["update_id"] = 815204500;
  chatter["message"]["text"] = "Chào cả nhà, mai họp lúc 8h nhé";
  chatter["message"].erase("entities");
  ASSERT_EQ(h.post_update(chatter.dump()).status, 200);
  EXPECT_TRUE(sent().empty());
  EXPECT_EQ(inbox_rows(), 2);
}

TEST_F(TelegramWebhookTest, DuplicateDeliveryIsProcessedOnce) {
  const std::string body = read_fixture("telegram/private_command_start.json");
  EXPECT_EQ(h.post_update(body).status, 200);
  EXPECT_EQ(h.post_update(body).status, 200);
  ASSERT_TRUE(h.fake().wait_for("sendMessage", 1));
  EXPECT_EQ(sent().size(), 1u);
  EXPECT_EQ(inbox_rows(), 1);
  EXPECT_EQ(metric_value(h.metrics_text(), "wgbot_updates_received_total"), 1);
  EXPECT_EQ(metric_value(h.metrics_text(), "wgbot_updates_duplicated_total"), 1);
}

TEST_F(TelegramWebhookTest, WrongOrMissingSecretIsRefusedAndNothingStored) {
  const std::string body = read_fixture("telegram/private_command_start.json");
  EXPECT_EQ(h.post_update(body, std::string("not-the-secret")).status, 401);
  EXPECT_EQ(h.post_update(body, std::string("")).status, 401);
  std::string almost = h.secret();
  almost.back() = almost.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(h.post_update(body, almost).status, 401);
  EXPECT_EQ(inbox_rows(), 0);
  EXPECT_EQ(
      metric_value(h.metrics_text(), "wgbot_updates_rejected_total", ",reason=\"unauthorized\""),
      3);
  EXPECT_TRUE(sent().empty());
}

TEST_F(TelegramWebhookTest, MalformedBodyIs400WithRequestId) {
  const auto r = h.post_update("{\"update_id\": 12, \"message\": ");
  EXPECT_EQ(r.status, 400);
  EXPECT_FALSE(r.header("X-Request-Id").empty());
  EXPECT_NE(r.body.find(r.header("X-Request-Id")), std::string::npos);
  EXPECT_EQ(h.post_update(R"({"message":{"text":"no update id"}})").status, 400);
  EXPECT_EQ(h.post_update("[1,2,3]").status, 400);
  EXPECT_EQ(inbox_rows(), 0);
}

TEST_F(TelegramWebhookTest, UnknownUpdateTypeIs200AndIgnored) {
  EXPECT_EQ(h.post_update(R"({"update_id":815204600,"poll":{"id":"1"}})").status, 200);
  EXPECT_EQ(inbox_rows(), 0);
}

TEST_F(TelegramWebhookTest, OversizedBodyIs413) {
  json big = json::parse(read_fixture("telegram/private_text_message.json"));
  big["message"]["text"] = std::string(100 * 1024, 'x');
  EXPECT_EQ(h.post_update(big.dump()).status, 413);
  EXPECT_EQ(inbox_rows(), 0);
}

TEST_F(TelegramWebhookTest, UnavailableDatabaseIs503SoTelegramRedelivers) {
  h.bot().writer().stop();
  EXPECT_EQ(h.post_update(read_fixture("telegram/private_command_start.json")).status, 503);
}

TEST_F(TelegramWebhookTest, UserTextIsEscapedForHtml) {
  h.bot().link("telegram", "1958840321", "quy");
  json update = json::parse(read_fixture("telegram/private_command_start.json"));
  update["message"]["text"] = "/whois <b>Lê & Trần</b>";
  ASSERT_EQ(h.post_update(update.dump()).status, 200);
  ASSERT_TRUE(h.fake().wait_for("sendMessage", 1));
  const std::string text = sent().at(0).body.at("text");
  EXPECT_EQ(text.find("<b>Lê"), std::string::npos) << text;
  EXPECT_NE(text.find("&lt;b&gt;Lê &amp; Trần&lt;/b&gt;"), std::string::npos) << text;
}

TEST_F(TelegramWebhookTest, CallbackQueryIsAnswered) {
  h.bot().link("telegram", "5190233814", "luc");
  ASSERT_EQ(h.post_update(read_fixture("telegram/callback_query.json")).status, 200);
  ASSERT_TRUE(h.fake().wait_for("answerCallbackQuery", 1));
  h.sender().settle();
  const auto answers = h.fake().calls("answerCallbackQuery");
  ASSERT_EQ(answers.size(), 1u);
  EXPECT_EQ(answers[0].body.at("callback_query_id"), "4477920199315602873");
}

TEST_F(TelegramWebhookTest, EditedMessageIsStoredButNeverRun) {
  json edited = json::parse(read_fixture("telegram/edited_message.json"));
  edited["edited_message"]["text"] = "/help@ToCongTacHN_bot";
  ASSERT_EQ(h.post_update(edited.dump()).status, 200);
  EXPECT_TRUE(sent().empty());
  EXPECT_EQ(inbox_rows(), 1);
}

TEST_F(TelegramWebhookTest, BotAddedToGroupRecordsTheChat) {
  ASSERT_EQ(h.post_update(read_fixture("telegram/my_chat_member_added_to_group.json")).status, 200);
  EXPECT_EQ(h.query_int("SELECT COUNT(*) FROM chats WHERE platform = 'telegram' AND "
                        "chat_id = '-4529381765' AND kind = 'group' AND active = 1"),
            1);
}

TEST_F(TelegramWebhookTest, VietnameseAndEmojiTextKeepsEntityOffsets) {
  const std::string body = read_fixture("telegram/vietnamese_diacritics_emoji.json");
  ASSERT_EQ(h.post_update(body).status, 200);
  // Stored byte for byte, so the UTF-16 entity offsets still point at the hashtag.
  const std::string stored = h.bot().writer().run([](storage::Connection& db) {
    return db.execAndGet("SELECT payload FROM inbox").getString();
  });
  EXPECT_EQ(stored, body);
  const auto parsed = telegram::parse_update(stored);
  EXPECT_EQ(utf16_substr(parsed.inbound.text, 17, 12), "#HS2024_0117");
  // A private message that is not a command gets the hint, in Vietnamese.
  ASSERT_TRUE(h.fake().wait_for("sendMessage", 1));
  EXPECT_EQ(sent().at(0).body.at("chat_id"), 1958840321LL);
}

TEST(TelegramWebhookReadiness, UpdatesWait503UntilTheBotKnowsItsName) {
  HarnessOptions o = webhook_mode();
  o.start = false;
  TelegramHarness h(o);
  EXPECT_EQ(h.post_update(read_fixture("telegram/group_command_for_other_bot.json")).status, 503);
  EXPECT_EQ(h.query_int("SELECT COUNT(*) FROM inbox"), 0);
  h.start();
  ASSERT_TRUE(h.fake().wait_for("setWebhook", 1));
  EXPECT_EQ(h.post_update(read_fixture("telegram/group_command_for_other_bot.json")).status, 200);
  h.sender().settle();
  EXPECT_EQ(h.fake().count("sendMessage"), 0u);
}

TEST(TelegramSecret, ComparisonNeedsEqualLengthAndBytes) {
  EXPECT_TRUE(secrets_equal("abc-DEF_123", "abc-DEF_123"));
  EXPECT_FALSE(secrets_equal("abc-DEF_123", "abc-DEF_124"));
  EXPECT_FALSE(secrets_equal("abc", "abcd"));
  EXPECT_FALSE(secrets_equal("", "a"));
}

TEST(TelegramBotCommands, DescriptionIsTheHelpTextAfterTheDash) {
  EXPECT_EQ(telegram::command_description("/whois TÊN — tra cứu thành viên"), "tra cứu thành viên");
  EXPECT_EQ(telegram::command_description("no dash here"), "no dash here");
  const auto vi = telegram::bot_commands(Lang::vi);
  const auto en = telegram::bot_commands(Lang::en);
  ASSERT_EQ(vi.size(), en.size());
  ASSERT_FALSE(vi.empty());
  EXPECT_EQ(vi.front().command, "start");
  EXPECT_EQ(en.front().command, "start");
  // Vietnamese leads with the Vietnamese names, the English name beside; English with English.
  auto find = [](const std::vector<telegram::BotCommand>& list, const std::string& name) {
    for (const auto& c : list) {
      if (c.command == name) return c.description;
    }
    return std::string("(missing)");
  };
  for (const char* name : {"giao", "viec", "xong", "nhac", "danhan", "giahan", "hoannhac"}) {
    EXPECT_NE(find(vi, name), "(missing)") << name;
  }
  EXPECT_EQ(find(vi, "task"), "(missing)");
  EXPECT_TRUE(find(vi, "giao").ends_with("(/task)")) << find(vi, "giao");
  EXPECT_TRUE(find(vi, "nhac").starts_with("đặt lời nhắc")) << find(vi, "nhac");
  for (const char* name : {"task", "tasks", "done", "remind", "due", "snooze"}) {
    EXPECT_NE(find(en, name), "(missing)") << name;
  }
  EXPECT_EQ(find(en, "giao"), "(missing)");
  for (const auto& c : vi) {
    EXPECT_FALSE(c.description.empty()) << c.command;
    EXPECT_LE(c.command.size(), 32u);
  }
}

}  // namespace
}  // namespace wgbot::testing

namespace wgbot::testing {
namespace {

TEST(TelegramWebhookMetrics, AnUpdateIsCountedOnceAndTimedOnce) {
  HarnessOptions options;
  options.public_url = "https://bot.example.gov.vn";
  TelegramHarness h(options);
  const std::string body = read_fixture("telegram/private_command_start.json");
  ASSERT_EQ(h.post_update(body).status, 200);
  ASSERT_EQ(h.post_update(body).status, 200);  // redelivered
  const std::string page = h.metrics_text();
  EXPECT_EQ(metric_value(page, "wgbot_updates_received_total"), 1) << page;
  EXPECT_EQ(metric_value(page, "wgbot_updates_duplicated_total"), 1) << page;
  EXPECT_NE(page.find("\nwgbot_handler_seconds_count 1\n"), std::string::npos) << page;
}

}  // namespace
}  // namespace wgbot::testing
