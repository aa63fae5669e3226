// The Zalo OA webhook through the real HTTP server, and a whole conversation through BotRuntime
// over a fake OA API: every event is signed from the exact bytes posted.
#include <gtest/gtest.h>

#include "core/metrics.hpp"
#include "fakes/fake_telegram.hpp"
#include "fakes/fake_zalo_oa.hpp"
#include "fakes/temp_dir.hpp"
#include "fakes/zalo_oa_bot.hpp"

namespace wgbot::testing {
namespace {

using namespace std::chrono_literals;

constexpr const char* kLuc = "7301845529613370112";
constexpr const char* kHung = "7301845529613370999";

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::int64_t inbox_rows(ZaloOaBot& bot) {
  return bot.query_int("SELECT COUNT(*) FROM inbox WHERE platform = 'zalo_oa'");
}

TEST(ZaloOaWebhook, AMissingOrWrongSignatureIsRefusedAndNothingStored) {
  TempDir dir;
  FakeZaloOa fake;
  ZaloOaBot bot(dir, fake);
  const std::string body = read_fixture("zalo-oa/user_send_text.json");
  EXPECT_EQ(bot.post(body, "").status, 401);
  EXPECT_EQ(bot.post(body, "mac=" + std::string(64, '0')).status, 401);
  // Signed over other bytes: the same event re-serialised.
  EXPECT_EQ(bot.post(body, FakeZaloOa::sign(nlohmann::json::parse(body).dump())).status, 401);
  EXPECT_EQ(inbox_rows(bot), 0);
  EXPECT_TRUE(
      contains(bot.runtime().metrics().render({}),
               "wgbot_updates_rejected_total{platform=\"zalo_oa\",reason=\"unauthorized\"} 3"));
  // The pretty-printed fixture, signed from its own bytes, is accepted as it is.
  EXPECT_EQ(bot.post(body).status, 200);
  EXPECT_EQ(inbox_rows(bot), 1);
}

TEST(ZaloOaWebhook, TheSameMessageTwiceIsStoredOnce) {
  TempDir dir;
  FakeZaloOa fake;
  ZaloOaBot bot(dir, fake);
  const std::string body = FakeZaloOa::text_event(kLuc, "dup-1", "/help", 1795662000123);
  EXPECT_EQ(bot.post(body).status, 200);
  EXPECT_EQ(bot.post(body).status, 200);
  EXPECT_EQ(inbox_rows(bot), 1);
  EXPECT_EQ(bot.query_int("SELECT COUNT(*) FROM inbox WHERE update_key = 'dup-1'"), 1);
}

TEST(ZaloOaWebhook, TheOasOwnEchoIsAcknowledgedButNeitherStoredNorAnswered) {
  TempDir dir;
  FakeZaloOa fake;
  ZaloOaBot bot(dir, fake);
  EXPECT_EQ(bot.post(read_fixture("zalo-oa/oa_send_text_echo.json")).status, 200);
  EXPECT_EQ(inbox_rows(bot), 0);
  EXPECT_EQ(bot.query_int("SELECT COUNT(*) FROM outbox"), 0);
  EXPECT_EQ(fake.count(FakeZaloOa::kSendPath), 0U);
}

TEST(ZaloOaWebhook, ANewFollowerIsGreetedOnceAndSubmittedInfoIsStoredWithoutAReply) {
  TempDir dir;
  FakeZaloOa fake;
  ZaloOaBot bot(dir, fake);
  EXPECT_EQ(bot.post(read_fixture("zalo-oa/follow.json")).status, 200);
  EXPECT_EQ(bot.post(read_fixture("zalo-oa/follow.json")).status, 200);  // Zalo's retry
  EXPECT_EQ(bot.post(read_fixture("zalo-oa/user_submit_info.json")).status, 200);
  EXPECT_EQ(inbox_rows(bot), 2);
  // The follower (not yet linked) is told how to start, once: the retry is a duplicate.
  const auto greeting = fake.wait_for_delivered(kLuc, 1);
  ASSERT_EQ(greeting.size(), 1U);
  EXPECT_TRUE(contains(greeting[0].text, "/start")) << greeting[0].text;
  EXPECT_EQ(bot.query_int("SELECT COUNT(*) FROM outbox"), 1);
  EXPECT_EQ(bot.post("{not json", FakeZaloOa::sign("{not json")).status, 400);
}

TEST(ZaloOaWebhook, ALinkedMemberWhoFollowsAgainIsGreetedByName) {
  TempDir dir;
  FakeZaloOa fake;
  ZaloOaBot bot(dir, fake);
  ASSERT_EQ(bot.say(kLuc, "/start " + bot.invite("luc")), 200);
  ASSERT_EQ(fake.wait_for_delivered(kLuc, 1).size(), 1U);
  EXPECT_EQ(bot.post(read_fixture("zalo-oa/follow.json")).status, 200);
  const auto messages = fake.wait_for_delivered(kLuc, 2);
  ASSERT_EQ(messages.size(), 2U);
  EXPECT_TRUE(contains(messages[1].text, "Lê Tự Lực")) << messages[1].text;
}

TEST(ZaloOaConversation, LinkingTasksAndARemindersThroughTheOa) {
  TempDir dir;
  FakeZaloOa fake;
  ZaloOaBot bot(dir, fake);

  ASSERT_EQ(bot.say(kLuc, "/start " + bot.invite("luc")), 200);
  ASSERT_EQ(bot.say(kHung, "/start " + bot.invite("hung")), 200);
  EXPECT_TRUE(contains(fake.wait_for_delivered(kLuc, 1).at(0).text, "Lê Tự Lực"));
  EXPECT_TRUE(contains(fake.wait_for_delivered(kHung, 1).at(0).text, "Phạm Quốc Hùng"));

  ASSERT_EQ(bot.say(kLuc, "/whois quy"), 200);
  const auto whois = fake.wait_for_delivered(kLuc, 2);
  ASSERT_EQ(whois.size(), 2U);
  EXPECT_TRUE(contains(whois[1].text, "Ngô Văn Quý")) << whois[1].text;

  // The assignee's notice spells out the command its buttons would stand for.
  ASSERT_EQ(bot.say(kLuc, "/giao @hung Rà soát hồ sơ cấp phép hạn 15/12"), 200);
  const auto to_luc = fake.wait_for_delivered(kLuc, 3);
  ASSERT_EQ(to_luc.size(), 3U);
  EXPECT_TRUE(contains(to_luc[2].text, "#1")) << to_luc[2].text;
  const auto to_hung = fake.wait_for_delivered(kHung, 2);
  ASSERT_EQ(to_hung.size(), 2U);
  EXPECT_TRUE(contains(to_hung[1].text, "Rà soát hồ sơ cấp phép")) << to_hung[1].text;
  EXPECT_TRUE(contains(to_hung[1].text, "/xong 1")) << to_hung[1].text;

  ASSERT_EQ(bot.say(kHung, "/xong 1"), 200);
  const auto after_done = fake.wait_for_delivered(kLuc, 4);
  ASSERT_EQ(after_done.size(), 4U);
  EXPECT_TRUE(contains(after_done[3].text, "#1")) << after_done[3].text;

  ASSERT_EQ(bot.say(kLuc, "/nhac 11h: gọi điện Sở Tài chính"), 200);
  const std::size_t before = fake.wait_for_delivered(kLuc, 5).size();
  bot.clock().advance(2h);
  ASSERT_EQ(bot.say(kLuc, "/help"), 200);  // any commit wakes the scheduler
  const auto reminded = fake.wait_for_delivered(kLuc, before + 2);
  bool fired = false;
  for (const auto& m : reminded) {
    if (contains(m.text, "gọi điện Sở Tài chính") && contains(m.text, "/hoannhac 1")) fired = true;
  }
  EXPECT_TRUE(fired);
  // Every send carried the access token the OAuth server issued at start-up.
  for (const auto& call : fake.calls(FakeZaloOa::kSendPath)) {
    EXPECT_EQ(call.access_token, "access-1");
  }
  EXPECT_EQ(fake.count(FakeZaloOa::kTokenPath), 1U);
}

}  // namespace
}  // namespace wgbot::testing
