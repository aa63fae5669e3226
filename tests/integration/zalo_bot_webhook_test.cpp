// POST /webhook/zalo through the bot's real HTTP server: the secret header, both body shapes,
// redelivery, non-text messages, events the bot does not handle, and set-webhook.
#include <gtest/gtest.h>

#include <future>
#include <string>

#include "bot/zalo_bot/zalo_bot_platform.hpp"
#include "config/config.hpp"
#include "core/metrics.hpp"
#include "fakes/fake_telegram.hpp"
#include "fakes/fake_zalo_bot.hpp"
#include "fakes/temp_dir.hpp"
#include "fakes/test_bot.hpp"
#include "fakes/writer_gate.hpp"
#include "fakes/zalo_bot_runtime.hpp"

namespace wgbot::testing {
namespace {

constexpr const char* kPublicUrl = "https://wgbot.example.vn";

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(ZaloBotWebhook, StartUpRegistersTheWebhookWithTheSecret) {
  TempDir dir;
  FakeZaloBot fake;
  ZaloBotRuntime bot(dir, fake, kPublicUrl);
  EXPECT_EQ(fake.count("getMe"), 1U);
  const auto set = fake.calls("setWebhook");
  ASSERT_EQ(set.size(), 1U);
  EXPECT_EQ(set[0].body.value("url", ""), "https://wgbot.example.vn/webhook/zalo");
  EXPECT_EQ(set[0].body.value("secret_token", ""), kZaloSecret);
}

TEST(ZaloBotWebhook, AWrongOrMissingSecretIsRefusedAndNothingStored) {
  TempDir dir;
  FakeZaloBot fake;
  ZaloBotRuntime bot(dir, fake, kPublicUrl);
  const std::string body = read_fixture("zalo-bot/webhook_text_private.json");
  EXPECT_EQ(bot.post(body, std::string("not-the-secret-at-all")), 401);
  EXPECT_EQ(bot.post(body, std::string("")), 401);
  EXPECT_EQ(bot.query_int("SELECT COUNT(*) FROM inbox"), 0);
  const std::string page = bot.runtime().metrics().render({});
  EXPECT_TRUE(contains(
      page, "wgbot_updates_rejected_total{platform=\"zalo_bot\",reason=\"unauthorized\"} 2"))
      << page;
}

TEST(ZaloBotWebhook, WrappedAndBareBodiesAreStoredAndARepeatOnlyOnce) {
  TempDir dir;
  FakeZaloBot fake;
  ZaloBotRuntime bot(dir, fake, kPublicUrl);
  EXPECT_EQ(bot.post(read_fixture("zalo-bot/webhook_text_private.json")), 200);
  // The same message_id again, now bare: a redelivery, answered 200 and not handled twice.
  EXPECT_EQ(bot.post(read_fixture("zalo-bot/webhook_text_private_unwrapped.json")), 200);
  EXPECT_EQ(bot.query_int("SELECT COUNT(*) FROM inbox WHERE platform = 'zalo_bot'"), 1);
  EXPECT_EQ(bot.post(ZaloUpdate{"bare-1", "u-bare", "/help"}.bare().dump()), 200);
  EXPECT_EQ(bot.query_int("SELECT COUNT(*) FROM inbox WHERE update_key = 'bare-1'"), 1);
  // The first update got one answer (not linked), not two.
  fake.wait_for_texts("7c1e5a9d3b20f4e8a6c2", 1);
  EXPECT_EQ(bot.query_int("SELECT COUNT(*) FROM outbox WHERE chat_id = '7c1e5a9d3b20f4e8a6c2'"), 1);
}

TEST(ZaloBotWebhook, AnImageIsAnsweredWithTheTextOnlyHint) {
  TempDir dir;
  FakeZaloBot fake;
  ZaloBotRuntime bot(dir, fake, kPublicUrl);
  ZaloUpdate image{"img-1", "u-photo", ""};
  image.event = "message.image.received";
  EXPECT_EQ(bot.post(image.wrapped()), 200);
  const auto texts = fake.wait_for_texts("u-photo", 1);
  ASSERT_EQ(texts.size(), 1U);
  EXPECT_EQ(texts[0], "Hiện Trợ lý chỉ đọc được tin nhắn dạng chữ. Gõ /help để xem các lệnh.");
}

TEST(ZaloBotWebhook, UnknownEventsAreAcknowledgedAndMalformedBodiesRefused) {
  TempDir dir;
  FakeZaloBot fake;
  ZaloBotRuntime bot(dir, fake, kPublicUrl);
  ZaloUpdate follow{"f-1", "u-follow", ""};
  follow.event = "user.follow";
  EXPECT_EQ(bot.post(follow.wrapped()), 200);
  EXPECT_EQ(bot.post("{not json"), 400);
  EXPECT_EQ(bot.post(R"({"event_name":"message.text.received","message":{"text":"/help"}})"), 400);
  EXPECT_EQ(bot.query_int("SELECT COUNT(*) FROM inbox"), 0);
}

// `wgbot set-webhook --platform zalo-bot`: the URL and a secret generated once and kept.
TEST(ZaloBotWebhook, ACommandKeptWaitingByABusyDatabaseShowsTypingOnce) {
  TempDir dir;
  FakeZaloBot fake;
  ZaloBotRuntime bot(dir, fake, kPublicUrl);
  std::future<int> answered;
  {
    WriterGate busy(bot.runtime().writer());
    answered = std::async(std::launch::async, [&] { return bot.say("u-luc", "/viec"); });
    ASSERT_TRUE(fake.wait_for("sendChatAction", 1));
  }
  EXPECT_EQ(answered.get(), 200);
  const auto calls = fake.calls("sendChatAction");
  ASSERT_EQ(calls.size(), 1U);
  EXPECT_EQ(calls[0].body.value("chat_id", ""), "u-luc");
  EXPECT_EQ(calls[0].body.value("action", ""), "typing");
}

TEST(ZaloBotWebhook, SetWebhookRegistersTheUrlWithAKeptGeneratedSecret) {
  FakeZaloBot fake;
  TestBot bot;
  Config config = bot.config();
  config.public_url = "https://wgbot.example.vn/";
  config.zalo_bot.token = std::string(FakeZaloBot::kToken);
  config.zalo_bot.api_base_url = fake.base_url();
  const auto registration = zalo_bot::register_webhook(config, bot.writer());
  ASSERT_TRUE(registration.ok) << registration.error;
  EXPECT_EQ(registration.info.at("verification").value("outcome", ""), "webhook.ok");
  const auto set = fake.calls("setWebhook");
  ASSERT_EQ(set.size(), 1U);
  EXPECT_EQ(set[0].body.value("url", ""), "https://wgbot.example.vn/webhook/zalo");
  const std::string secret = set[0].body.value("secret_token", "");
  EXPECT_EQ(secret.size(), 43U);
  EXPECT_EQ(zalo_bot::resolve_webhook_secret(config, bot.writer()), secret);
}

}  // namespace
}  // namespace wgbot::testing
