// Telegram over long polling, end to end: the fake Bot API hands out updates from getUpdates,
// the bot stores them, persists the offset and answers through sendMessage.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <string>

#include "bot/outbound/outbox_sender.hpp"
#include "bot/telegram/poller.hpp"
#include "fakes/telegram_harness.hpp"
#include "storage/audit_repository.hpp"
#include "storage/connection.hpp"

namespace wgbot::testing {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

std::optional<std::string> stored_offset(TestBot& bot) {
  return bot.writer().run([](storage::Connection& db) {
    return storage::StateRepository(db).get(std::string(telegram::kPollOffsetKey));
  });
}

// Waits (real time, for I/O) until a getUpdates call asks for `offset`.
bool wait_for_offset(FakeTelegram& fake, std::int64_t offset) {
  for (std::size_t n = 1; n < 200; ++n) {
    if (!fake.wait_for("getUpdates", n, 3s)) return false;
    const auto calls = fake.calls("getUpdates");
    if (calls[n - 1].body.value("offset", std::int64_t{0}) == offset) return true;
  }
  return false;
}

TEST(TelegramPolling, StartupRemovesALeftoverWebhookThenPolls) {
  HarnessOptions o;
  o.preset_webhook_url = "https://old.example.gov.vn/webhook/telegram";
  TelegramHarness h(o);
  EXPECT_EQ(h.fake().count("deleteWebhook"), 1u);
  EXPECT_TRUE(h.fake().webhook_url().empty());
  EXPECT_EQ(h.fake().count("setWebhook"), 0u);
  const auto polls = h.fake().calls("getUpdates");
  ASSERT_FALSE(polls.empty());
  EXPECT_EQ(polls[0].body.at("timeout"), 1);
  EXPECT_FALSE(polls[0].body.contains("offset"));  // nothing persisted yet
  EXPECT_EQ(polls[0].body.at("allowed_updates"),
            json({"message", "edited_message", "callback_query", "my_chat_member"}));
}

TEST(TelegramPolling, NoWebhookMeansNoDelete) {
  TelegramHarness h;
  EXPECT_EQ(h.fake().count("getWebhookInfo"), 1u);
  EXPECT_EQ(h.fake().count("deleteWebhook"), 0u);
}

TEST(TelegramPolling, ConversationOverLongPolling) {
  TelegramHarness h;
  h.fake().queue_update(read_fixture("telegram/private_command_start.json"));
  ASSERT_TRUE(h.fake().wait_for("sendMessage", 1));
  const auto sent = h.fake().calls("sendMessage");
  EXPECT_EQ(sent[0].body.at("chat_id"), 1958840321LL);
  EXPECT_EQ(sent[0].body.at("parse_mode"), "HTML");
  ASSERT_TRUE(wait_for_offset(h.fake(), 815204417));
  EXPECT_EQ(stored_offset(h.bot()), "815204417");
  EXPECT_EQ(h.query_int("SELECT COUNT(*) FROM inbox"), 1);
}

TEST(TelegramPolling, ABatchIsStoredThenTheNextOffsetAsked) {
  TelegramHarness h;
  h.bot().link("telegram", "6023417755", "quy");
  const json batch = json::parse(read_fixture("telegram/getUpdates_two_updates.json"));
  for (const auto& update : batch.at("result")) h.fake().queue_update(update.dump());
  ASSERT_TRUE(wait_for_offset(h.fake(), 815204419));
  EXPECT_EQ(stored_offset(h.bot()), "815204419");
  EXPECT_EQ(h.query_int("SELECT COUNT(*) FROM inbox"), 2);
  ASSERT_TRUE(h.fake().wait_for("sendMessage", 2));
  h.sender().settle();
  EXPECT_EQ(metric_value(h.metrics_text(), "wgbot_updates_received_total"), 2);
}

TEST(TelegramPolling, RestartResumesFromThePersistedOffsetWithoutReplaying) {
  TelegramHarness h;
  h.fake().queue_update(read_fixture("telegram/private_command_start.json"));
  ASSERT_TRUE(wait_for_offset(h.fake(), 815204417));
  ASSERT_TRUE(h.fake().wait_for("sendMessage", 1));
  ASSERT_TRUE(h.stop_platform());
  const auto polls_before = h.fake().count("getUpdates");
  h.restart_platform();
  ASSERT_TRUE(h.fake().wait_for("getUpdates", polls_before + 1));
  EXPECT_EQ(h.fake().calls("getUpdates")[polls_before].body.at("offset"), 815204417);
  h.fake().queue_update(read_fixture("telegram/vietnamese_diacritics_emoji.json"));
  ASSERT_TRUE(wait_for_offset(h.fake(), 815204423));
  ASSERT_TRUE(h.fake().wait_for("sendMessage", 2));
  h.sender().settle();
  EXPECT_EQ(h.fake().count("sendMessage"), 2u);
  EXPECT_EQ(h.query_int("SELECT COUNT(*) FROM inbox"), 2);
}

TEST(TelegramPolling, ConflictAndServerErrorsAreRetried) {
  HarnessOptions o;
  o.start = false;
  TelegramHarness h(o);
  h.fake().push_fixture("getUpdates", 409, "telegram/error_409_webhook_active.json");
  h.fake().push_response("getUpdates", 502, "bad gateway");
  h.start();
  ASSERT_TRUE(h.fake().wait_for("getUpdates", 3));
  h.fake().queue_update(read_fixture("telegram/private_command_start.json"));
  EXPECT_TRUE(h.fake().wait_for("sendMessage", 1));
}

TEST(TelegramPolling, StopEndsTheLongPollPromptly) {
  HarnessOptions o;
  o.start = false;
  TelegramHarness h(o);
  h.fake().set_max_poll_hold(30s);
  h.start();
  ASSERT_TRUE(h.fake().wait_for("getUpdates", 1));
  const auto began = std::chrono::steady_clock::now();
  EXPECT_TRUE(h.stop_platform());
  EXPECT_LT(std::chrono::steady_clock::now() - began, 2s);
}

TEST(TelegramPolling, EditedMessagesAndMemberChangesArriveByPollingToo) {
  TelegramHarness h;
  // Queued in update_id order, as Telegram hands them out.
  h.fake().queue_update(read_fixture("telegram/my_chat_member_added_to_group.json"));
  h.fake().queue_update(read_fixture("telegram/edited_message.json"));
  ASSERT_TRUE(wait_for_offset(h.fake(), 815204422));
  EXPECT_EQ(h.query_int("SELECT COUNT(*) FROM inbox"), 2);
  EXPECT_EQ(h.query_int("SELECT COUNT(*) FROM chats WHERE chat_id = '-4529381765'"), 1);
  h.sender().settle();
  EXPECT_EQ(h.fake().count("sendMessage"), 0u);
}

}  // namespace
}  // namespace wgbot::testing
