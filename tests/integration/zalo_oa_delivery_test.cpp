// Sending through the OA: the access token is refreshed before it expires and when the API
// calls it invalid, a new pair is stored whole or not at all, a user outside the 7-day window
// is recorded rather than retried, and long replies arrive split between lines.
#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "bot/platform/platform_host.hpp"
#include "bot/zalo_oa/text_split.hpp"
#include "bot/zalo_oa/token_store.hpp"
#include "bot/zalo_oa/zalo_oa_platform.hpp"
#include "fakes/fake_zalo_oa.hpp"
#include "fakes/faulty_vfs.hpp"
#include "fakes/temp_dir.hpp"
#include "fakes/zalo_oa_bot.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/outbox_repository.hpp"

namespace wgbot::testing {
namespace {

using namespace std::chrono_literals;

constexpr const char* kLuc = "7301845529613370112";

// Waits (real time, for I/O) until `sql` counts at least `n`.
bool eventually(ZaloOaBot& bot, const std::string& sql, std::int64_t n) {
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (std::chrono::steady_clock::now() < deadline) {
    if (bot.query_int(sql) >= n) return true;
    std::this_thread::sleep_for(10ms);
  }
  return false;
}

zalo_oa::ZaloOaPlatform& platform_of(ZaloOaBot& bot) {
  return dynamic_cast<zalo_oa::ZaloOaPlatform&>(bot.runtime().host("zalo_oa")->platform());
}

zalo_oa::TokenPair stored_tokens(const TempDir& dir) {
  auto db = storage::open_database(dir.file("wgbot.db"), storage::OpenMode::read_only);
  return zalo_oa::load_tokens(*db).value();
}

TEST(ZaloOaTokens, TheTokenIsRefreshedBeforeItExpires) {
  TempDir dir;
  FakeZaloOa fake;
  ZaloOaBot bot(dir, fake);
  ASSERT_TRUE(fake.wait_for_calls(FakeZaloOa::kTokenPath, 1));  // start-up: the seed is traded
  ASSERT_EQ(bot.say(kLuc, "/help"), 200);
  EXPECT_EQ(fake.wait_for_delivered(kLuc, 1).at(0).access_token, "access-1");

  bot.clock().advance(std::chrono::seconds{90000} - 30min);  // less than an hour left
  ASSERT_EQ(bot.say(kLuc, "/help"), 200);
  const auto sent = fake.wait_for_delivered(kLuc, 2);
  ASSERT_EQ(sent.size(), 2U);
  EXPECT_EQ(sent[1].access_token, "access-2");
  EXPECT_EQ(fake.count(FakeZaloOa::kTokenPath), 2U);
  bot.stop();
  const auto stored = stored_tokens(dir);
  EXPECT_EQ(stored.access_token, "access-2");
  EXPECT_EQ(stored.refresh_token, "refresh-2");
  EXPECT_TRUE(fake.refresh_token_works(stored.refresh_token));
}

// Waits (real time, for I/O) until the platform holds the pair whose refresh token is `token`.
bool holds_refresh_token(ZaloOaBot& bot, const std::string& token) {
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (std::chrono::steady_clock::now() < deadline) {
    if (platform_of(bot).tokens().pair().refresh_token == token) return true;
    std::this_thread::sleep_for(10ms);
  }
  return false;
}

TEST(ZaloOaTokens, TheTokenIsRefreshedBeforeItExpiresOnADayWithoutMessages) {
  TempDir dir;
  FakeZaloOa fake;
  ZaloOaBot bot(dir, fake, 10ms);
  // The seed traded at start-up, its expiry counted from the clock's start.
  ASSERT_TRUE(holds_refresh_token(bot, "refresh-1"));
  bot.clock().advance(std::chrono::seconds{90000} - 2h);  // more than the margin left
  ASSERT_FALSE(fake.wait_for_calls(FakeZaloOa::kTokenPath, 2, 300ms));
  bot.clock().advance(90min);  // now less than an hour: refreshed with nothing sent
  ASSERT_TRUE(fake.wait_for_calls(FakeZaloOa::kTokenPath, 2));
  EXPECT_EQ(fake.count(FakeZaloOa::kSendPath), 0U);
  ASSERT_TRUE(holds_refresh_token(bot, "refresh-2"));
  bot.stop();
  EXPECT_EQ(stored_tokens(dir).refresh_token, "refresh-2");
}

TEST(ZaloOaTokens, AnInvalidTokenIsRefreshedAndTheMessageSentOnce) {
  TempDir dir;
  FakeZaloOa fake;
  ZaloOaBot bot(dir, fake);
  ASSERT_TRUE(fake.wait_for_calls(FakeZaloOa::kTokenPath, 1));
  fake.fail_next_send(-216);
  ASSERT_EQ(bot.say(kLuc, "/help"), 200);
  const auto sent = fake.wait_for_delivered(kLuc, 1);
  ASSERT_EQ(sent.size(), 1U);
  EXPECT_EQ(sent[0].access_token, "access-2");
  EXPECT_EQ(fake.count(FakeZaloOa::kTokenPath), 2U);
  EXPECT_EQ(fake.count(FakeZaloOa::kSendPath), 2U);  // the refused one and the resend
  EXPECT_TRUE(eventually(bot, "SELECT COUNT(*) FROM outbox WHERE status = 'sent'", 1));
  EXPECT_EQ(fake.delivered().size(), 1U);
}

TEST(ZaloOaTokens, ACrashBeforeTheNewPairIsStoredLeavesTheOldPairWhole) {
  auto& vfs = FaultyVfs::install();
  TempDir dir;
  FakeZaloOa fake;
  fake.set_rotation(FakeZaloOa::Rotation::until_successor_used);
  {
    ZaloOaBot bot(dir, fake);
    ASSERT_TRUE(fake.wait_for_calls(FakeZaloOa::kTokenPath, 1));
    ASSERT_TRUE(eventually(bot, "SELECT COUNT(*) FROM state WHERE value LIKE '%refresh-1%'", 1));
    const auto writer_thread =
        bot.runtime().writer().run([](storage::Connection&) { return std::this_thread::get_id(); });
    vfs.arm(StorageFault::io_error, FaultyVfs::kAlways, writer_thread);
    bot.clock().advance(std::chrono::seconds{90000} - 30min);
    std::promise<zalo_oa::TokenResult> answered;
    platform_of(bot).tokens().current(
        [&answered](const zalo_oa::TokenResult& r) { answered.set_value(r); });
    const auto result = answered.get_future().get();
    EXPECT_EQ(fake.count(FakeZaloOa::kTokenPath), 2U);  // Zalo answered with pair 2 ...
    EXPECT_EQ(result.access_token, "access-1");         // ... which is not used unstored
    bot.stop();  // the "crash": pair 2 never reached the disk
    vfs.disarm();
  }
  const auto stored = stored_tokens(dir);
  EXPECT_EQ(stored.access_token, "access-1");
  EXPECT_EQ(stored.refresh_token, "refresh-1");
  EXPECT_TRUE(fake.refresh_token_works(stored.refresh_token));

  // After the restart the stored refresh token still buys a new pair.
  ZaloOaBot again(dir, fake);
  again.clock().advance(std::chrono::seconds{90000});
  ASSERT_EQ(again.say(kLuc, "/help"), 200);
  const auto sent = fake.wait_for_delivered(kLuc, 1);
  ASSERT_EQ(sent.size(), 1U);
  EXPECT_EQ(sent[0].access_token, "access-3");
}

TEST(ZaloOaTokens, AFailedRefreshIsAuditedAndNotRetriedAtOnce) {
  TempDir dir;
  FakeZaloOa fake;
  fake.fail_refreshes(true);
  ZaloOaBot bot(dir, fake);
  ASSERT_TRUE(fake.wait_for_calls(FakeZaloOa::kTokenPath, 1));
  ASSERT_TRUE(eventually(
      bot, "SELECT COUNT(*) FROM audit_log WHERE action = 'zalo_oa_token_refresh_failed'", 1));
  ASSERT_EQ(bot.say(kLuc, "/help"), 200);
  ASSERT_TRUE(eventually(bot, "SELECT COUNT(*) FROM outbox WHERE attempts >= 1", 1));
  EXPECT_EQ(fake.count(FakeZaloOa::kTokenPath), 1U);  // backing off on the clock
  EXPECT_EQ(fake.count(FakeZaloOa::kSendPath), 0U);

  fake.fail_refreshes(false);
  bot.clock().advance(5min);
  ASSERT_EQ(bot.say(kLuc, "/help"), 200);  // a commit wakes the sender
  EXPECT_EQ(fake.wait_for_delivered(kLuc, 2).size(), 2U);
  EXPECT_EQ(fake.count(FakeZaloOa::kTokenPath), 2U);
}

TEST(ZaloOaDelivery, AUserOutsideTheWindowIsRecordedAndNotRetried) {
  TempDir dir;
  FakeZaloOa fake;
  ZaloOaBot bot(dir, fake);
  ASSERT_TRUE(fake.wait_for_calls(FakeZaloOa::kTokenPath, 1));
  fake.fail_next_send(-230);
  ASSERT_EQ(bot.say(kLuc, "/help"), 200);
  ASSERT_TRUE(eventually(bot, "SELECT COUNT(*) FROM outbox WHERE status = 'failed'", 1));
  EXPECT_EQ(bot.query_int("SELECT COUNT(*) FROM audit_log WHERE action = "
                          "'zalo_oa_outside_window' AND target = 'zalo_oa:" +
                          std::string(kLuc) + "'"),
            1);
  bot.clock().advance(1h);
  ASSERT_EQ(bot.say(kLuc, "/help"), 200);  // the user wrote again: this reply goes out
  EXPECT_EQ(fake.wait_for_delivered(kLuc, 1).size(), 1U);
  EXPECT_EQ(fake.count(FakeZaloOa::kSendPath), 2U);  // the dropped one was not sent again
}

TEST(ZaloOaDelivery, ALongReplyArrivesInTwoMessagesSplitBetweenLines) {
  TempDir dir;
  FakeZaloOa fake;
  ZaloOaBot bot(dir, fake);
  std::string text;
  for (int i = 0; i < 60; ++i) {
    text += "Hồ sơ " + std::to_string(100 + i) + ": " + std::string(37, 'x') + ".\n";
  }
  ASSERT_EQ(zalo_oa::char_count(text), 3000U);
  bot.runtime().writer().run([&](storage::Connection& db) {
    Outgoing out;
    out.platform = "zalo_oa";
    out.chat_id = kLuc;
    out.text = text;
    return storage::OutboxRepository(db).enqueue(out, ZaloOaBot::kStart);
  });
  const auto sent = fake.wait_for_delivered(kLuc, 2);
  ASSERT_EQ(sent.size(), 2U);
  EXPECT_LE(zalo_oa::char_count(sent[0].text), 2000U);
  EXPECT_EQ(sent[0].text.back(), '\n');
  EXPECT_EQ(sent[0].text + sent[1].text, text);
}

}  // namespace
}  // namespace wgbot::testing
