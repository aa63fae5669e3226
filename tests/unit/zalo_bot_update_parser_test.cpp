// Zalo Bot updates -> Inbound: both body shapes, private and group chats, the mention in front
// of a group command, non-text messages, unknown events and broken bodies.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "bot/zalo_bot/update_parser.hpp"
#include "fakes/fake_telegram.hpp"

namespace wgbot::testing {
namespace {

using nlohmann::json;
using zalo_bot::parse_update;
using zalo_bot::strip_bot_mention;
using zalo_bot::UpdateStatus;

const std::vector<std::string> kNames = {"bot.TctHaNoi7"};

// The private fixture with its event name and message changed.
std::string private_update(const std::string& event, const json& message_changes) {
  json update = json::parse(read_fixture("zalo-bot/webhook_text_private_unwrapped.json"));
  update["event_name"] = event;
  update["message"].merge_patch(message_changes);
  return update.dump();
}

TEST(ZaloBotUpdateParser, WrappedPrivateTextBecomesAMessage) {
  const auto body = read_fixture("zalo-bot/webhook_text_private.json");
  const auto parsed = parse_update(body, kNames);
  ASSERT_EQ(parsed.status, UpdateStatus::ok) << parsed.reason;
  const Inbound& in = parsed.inbound;
  EXPECT_EQ(in.platform, "zalo_bot");
  EXPECT_EQ(in.update_key, "b3f91c0e77a24d5e9a10");
  EXPECT_EQ(in.message_id, "b3f91c0e77a24d5e9a10");
  EXPECT_EQ(in.kind, InboundKind::message);
  EXPECT_EQ(in.chat_id, "7c1e5a9d3b20f4e8a6c2");
  EXPECT_EQ(in.chat_kind, ChatKind::private_chat);
  EXPECT_EQ(in.sender_id, "7c1e5a9d3b20f4e8a6c2");
  EXPECT_EQ(in.sender_name, "Nguyễn Văn Lực");
  EXPECT_EQ(in.text, "/viec");
  EXPECT_EQ(in.sent_at.time_since_epoch().count(), 1795569302);  // milliseconds -> seconds
  EXPECT_EQ(in.raw, body);
}

TEST(ZaloBotUpdateParser, BareBodyGivesTheSameMessage) {
  const auto wrapped = parse_update(read_fixture("zalo-bot/webhook_text_private.json"), kNames);
  const auto bare =
      parse_update(read_fixture("zalo-bot/webhook_text_private_unwrapped.json"), kNames);
  ASSERT_EQ(bare.status, UpdateStatus::ok) << bare.reason;
  EXPECT_EQ(bare.inbound.update_key, wrapped.inbound.update_key);
  EXPECT_EQ(bare.inbound.chat_id, wrapped.inbound.chat_id);
  EXPECT_EQ(bare.inbound.text, wrapped.inbound.text);
}

TEST(ZaloBotUpdateParser, GetUpdatesResultParsesAsAnUpdate) {
  const json answer = json::parse(read_fixture("zalo-bot/getUpdates_response.json"));
  const auto parsed = zalo_bot::parse_update_json(answer.at("result"), "raw", kNames);
  ASSERT_EQ(parsed.status, UpdateStatus::ok) << parsed.reason;
  EXPECT_EQ(parsed.inbound.text, "/viec");
  EXPECT_EQ(parsed.inbound.raw, "raw");
}

TEST(ZaloBotUpdateParser, GroupMentionIsStrippedBeforeTheCommand) {
  // getMe's account_name is not what the mention shows: the leading @… before a command goes.
  const auto parsed = parse_update(read_fixture("zalo-bot/webhook_text_group.json"), kNames);
  ASSERT_EQ(parsed.status, UpdateStatus::ok) << parsed.reason;
  EXPECT_EQ(parsed.inbound.chat_kind, ChatKind::group);
  EXPECT_EQ(parsed.inbound.chat_id, "f04a2b6c9e1d38a7b5c4");
  EXPECT_EQ(parsed.inbound.sender_id, "2d9b60e4a1c7f3085be9");
  EXPECT_EQ(parsed.inbound.text, "/xong 12 đã trình Trưởng ban");
}

TEST(ZaloBotUpdateParser, MentionByAKnownNameIsStrippedEvenWithoutACommand) {
  EXPECT_EQ(strip_bot_mention("@Bot Trợ lý TCT xin chào", {"Bot Trợ lý TCT"}), "xin chào");
  EXPECT_EQ(strip_bot_mention("@bot trợ lý tct /help", {"Bot Trợ lý TCT"}), "/help");
  EXPECT_EQ(strip_bot_mention("/help", {"Bot Trợ lý TCT"}), "/help");
  EXPECT_EQ(strip_bot_mention("@hung xin chào", {"Bot Trợ lý TCT"}), "@hung xin chào");
}

TEST(ZaloBotUpdateParser, PrivateTextKeepsALeadingAt) {
  const auto parsed = parse_update(
      private_update("message.text.received", {{"text", "@Bot Trợ lý TCT /help"}}), kNames);
  ASSERT_EQ(parsed.status, UpdateStatus::ok);
  EXPECT_EQ(parsed.inbound.text, "@Bot Trợ lý TCT /help");
}

TEST(ZaloBotUpdateParser, ImageAndStickerBecomeMessagesWithoutText) {
  for (const char* event : {"message.image.received", "message.sticker.received"}) {
    const auto parsed = parse_update(
        private_update(event, {{"text", nullptr}, {"photo", "https://example.vn/a.jpg"}}), kNames);
    ASSERT_EQ(parsed.status, UpdateStatus::ok) << event << ": " << parsed.reason;
    EXPECT_EQ(parsed.inbound.kind, InboundKind::message);
    EXPECT_TRUE(parsed.inbound.text.empty()) << event;
  }
}

TEST(ZaloBotUpdateParser, SenderNameFallsBackToName) {
  const auto parsed =
      parse_update(private_update("message.text.received",
                                  {{"from", {{"display_name", nullptr}, {"name", "Lê Tự Lực"}}}}),
                   kNames);
  ASSERT_EQ(parsed.status, UpdateStatus::ok);
  EXPECT_EQ(parsed.inbound.sender_name, "Lê Tự Lực");
}

TEST(ZaloBotUpdateParser, UnknownEventsAreIgnored) {
  EXPECT_EQ(parse_update(private_update("user.follow", {}), kNames).status, UpdateStatus::ignored);
  EXPECT_EQ(parse_update(R"({"ok":true,"result":{"event_name":"x"}})", kNames).status,
            UpdateStatus::ignored);
}

TEST(ZaloBotUpdateParser, BrokenBodiesAreMalformed) {
  EXPECT_EQ(parse_update("{not json", kNames).status, UpdateStatus::malformed);
  EXPECT_EQ(parse_update("[1,2]", kNames).status, UpdateStatus::malformed);
  EXPECT_EQ(parse_update(R"({"event_name":"message.text.received"})", kNames).status,
            UpdateStatus::malformed);
  EXPECT_EQ(parse_update(private_update("message.text.received", {{"message_id", nullptr}}), kNames)
                .status,
            UpdateStatus::malformed);
  EXPECT_EQ(
      parse_update(private_update("message.text.received", {{"chat", nullptr}}), kNames).status,
      UpdateStatus::malformed);
}

TEST(ZaloBotUpdateParser, ApiAnswerFixturesAreNotUpdates) {
  for (const char* fixture :
       {"zalo-bot/getMe_response.json", "zalo-bot/sendMessage_response.json",
        "zalo-bot/setWebhook_response.json", "zalo-bot/getUpdates_timeout_408.json",
        "zalo-bot/error_401_unauthorized.json", "zalo-bot/sendMessage_request.json"}) {
    EXPECT_EQ(parse_update(read_fixture(fixture), kNames).status, UpdateStatus::ignored) << fixture;
  }
}

}  // namespace
}  // namespace wgbot::testing
