#include "bot/telegram/update_parser.hpp"

#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace wgbot::telegram {
namespace {

using nlohmann::json;

std::string read_fixture(const std::string& name) {
  std::ifstream in(std::string(WGBOT_FIXTURES_DIR) + "/telegram/" + name, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

ParsedUpdate parse_fixture(const std::string& name) {
  return parse_update(read_fixture(name));
}

std::chrono::sys_seconds at(std::int64_t seconds) {
  return std::chrono::sys_seconds{std::chrono::seconds{seconds}};
}

TEST(TelegramUpdateParser, PrivateTextMessage) {
  const std::string body = read_fixture("private_text_message.json");
  const ParsedUpdate p = parse_update(body);
  ASSERT_EQ(p.status, UpdateStatus::ok) << p.reason;
  const Inbound& in = p.inbound;
  EXPECT_EQ(p.update_id, 815204417);
  EXPECT_EQ(in.platform, "telegram");
  EXPECT_EQ(in.update_key, "815204417");
  EXPECT_EQ(in.kind, InboundKind::message);
  EXPECT_EQ(in.chat_id, "5190233814");
  EXPECT_EQ(in.chat_kind, ChatKind::private_chat);
  EXPECT_EQ(in.chat_title, "");
  EXPECT_EQ(in.sender_id, "5190233814");
  EXPECT_EQ(in.sender_name, "Lực Nguyễn Văn");
  EXPECT_EQ(in.sender_username, "nvluc_vpub");
  EXPECT_EQ(in.sender_language, "vi");
  EXPECT_EQ(in.message_id, "1204");
  EXPECT_EQ(in.text, "Cho tôi xem các việc còn hạn trong tuần này");
  EXPECT_EQ(in.sent_at, at(1795569302));
  EXPECT_EQ(in.raw, body);
  EXPECT_TRUE(in.text_mentions.empty());
}

TEST(TelegramUpdateParser, PrivateStartCommandWithoutUsername) {
  const ParsedUpdate p = parse_fixture("private_command_start.json");
  ASSERT_EQ(p.status, UpdateStatus::ok);
  EXPECT_EQ(p.inbound.kind, InboundKind::message);
  EXPECT_EQ(p.inbound.text, "/start HN7Q2K");
  EXPECT_EQ(p.inbound.sender_username, "");
  EXPECT_EQ(p.inbound.sender_name, "Hạnh Trần Thị");
}

TEST(TelegramUpdateParser, GroupCommandKeepsBotNameForTheRouter) {
  const ParsedUpdate p = parse_fixture("group_command_with_botname.json");
  ASSERT_EQ(p.status, UpdateStatus::ok);
  const Inbound& in = p.inbound;
  EXPECT_EQ(in.kind, InboundKind::message);
  EXPECT_EQ(in.chat_id, "-1002198457731");
  EXPECT_EQ(in.chat_kind, ChatKind::group);
  EXPECT_EQ(in.chat_title, "Tổ công tác CQĐT TP Hà Nội");
  EXPECT_EQ(in.sender_id, "6023417755");
  EXPECT_EQ(in.text,
            "/giao@ToCongTacHN_bot @luc Dự thảo Quy chế hoạt động của Ban Chỉ đạo hạn thứ 6 "
            "tuần sau 17h");
}

TEST(TelegramUpdateParser, CommandForOtherBotIsPassedThroughUnchanged) {
  const ParsedUpdate p = parse_fixture("group_command_for_other_bot.json");
  ASSERT_EQ(p.status, UpdateStatus::ok);
  EXPECT_EQ(p.inbound.kind, InboundKind::message);
  EXPECT_EQ(p.inbound.text, "/xong@OtherCityBot 12");  // the router drops it by the suffix
}

TEST(TelegramUpdateParser, CallbackDoneBecomesDoneCommand) {
  const ParsedUpdate p = parse_fixture("callback_query.json");
  ASSERT_EQ(p.status, UpdateStatus::ok);
  const Inbound& in = p.inbound;
  EXPECT_EQ(in.kind, InboundKind::callback);
  EXPECT_EQ(in.update_key, "815204420");
  EXPECT_EQ(in.text, "/done 12");
  EXPECT_EQ(in.callback_id, "4477920199315602873");
  EXPECT_EQ(in.callback_message_id, "5523");
  EXPECT_EQ(in.chat_id, "-1002198457731");
  EXPECT_EQ(in.chat_kind, ChatKind::group);
  EXPECT_EQ(in.sender_id, "5190233814");  // who pressed, not who the card was for
  EXPECT_EQ(in.sender_username, "nvluc_vpub");
}

TEST(TelegramUpdateParser, CallbackDataMapping) {
  auto update = json::parse(read_fixture("callback_query.json"));
  const auto with_data = [&update](const std::string& data) {
    update["callback_query"]["data"] = data;
    return parse_update(update.dump());
  };
  EXPECT_EQ(with_data("snooze:12:60").inbound.text, "/snooze 12 60m");
  EXPECT_EQ(with_data("snooze:12").inbound.text, "/snooze 12");
  EXPECT_EQ(with_data("ack:12").inbound.text, "/ack 12");
  EXPECT_EQ(with_data("detail:12").inbound.text, "/task 12");
  for (const char* bad :
       {"rm:12", "done:", "done:abc", "done:12:3", "snooze:12:x", "", "done 12", "done:-1"}) {
    const ParsedUpdate p = with_data(bad);
    ASSERT_EQ(p.status, UpdateStatus::ok) << bad;
    EXPECT_EQ(p.inbound.kind, InboundKind::ignored) << bad;
    EXPECT_EQ(p.inbound.callback_id, "4477920199315602873") << "still answerable: " << bad;
  }
}

TEST(TelegramUpdateParser, EditedMessageKind) {
  const ParsedUpdate p = parse_fixture("edited_message.json");
  ASSERT_EQ(p.status, UpdateStatus::ok);
  EXPECT_EQ(p.inbound.kind, InboundKind::edited_message);
  EXPECT_EQ(p.inbound.message_id, "5524");
  EXPECT_EQ(p.inbound.sent_at, at(1795569602));
  EXPECT_EQ(p.update_id, 815204421);
}

TEST(TelegramUpdateParser, BotAddedToGroupIsChatJoined) {
  const ParsedUpdate p = parse_fixture("my_chat_member_added_to_group.json");
  ASSERT_EQ(p.status, UpdateStatus::ok);
  EXPECT_EQ(p.inbound.kind, InboundKind::chat_joined);
  EXPECT_EQ(p.inbound.chat_id, "-4529381765");
  EXPECT_EQ(p.inbound.chat_kind, ChatKind::group);
  EXPECT_EQ(p.inbound.chat_title, "Tổ công tác CQĐT TP Hà Nội");
  EXPECT_EQ(p.inbound.sender_id, "6023417755");
}

TEST(TelegramUpdateParser, BotStatusChanges) {
  auto update = json::parse(read_fixture("my_chat_member_added_to_group.json"));
  const auto with_status = [&update](const std::string& status) {
    update["my_chat_member"]["new_chat_member"]["status"] = status;
    return parse_update(update.dump()).inbound.kind;
  };
  EXPECT_EQ(with_status("administrator"), InboundKind::chat_joined);
  EXPECT_EQ(with_status("left"), InboundKind::chat_left);
  EXPECT_EQ(with_status("kicked"), InboundKind::chat_left);
  EXPECT_EQ(with_status("restricted"), InboundKind::chat_left);
  EXPECT_EQ(with_status("something_new"), InboundKind::ignored);
  update["my_chat_member"]["new_chat_member"]["is_member"] = true;
  EXPECT_EQ(with_status("restricted"), InboundKind::chat_joined);
}

TEST(TelegramUpdateParser, MigrationGivesNewChatId) {
  const ParsedUpdate p = parse_fixture("group_migrated_to_supergroup.json");
  ASSERT_EQ(p.status, UpdateStatus::ok);
  EXPECT_EQ(p.inbound.kind, InboundKind::chat_migrated);
  EXPECT_EQ(p.inbound.chat_id, "-4529381765");
  EXPECT_EQ(p.inbound.migrate_to_chat_id, "-1002198457731");
}

TEST(TelegramUpdateParser, VietnameseAndEmojiTextIsKeptIntact) {
  const ParsedUpdate p = parse_fixture("vietnamese_diacritics_emoji.json");
  ASSERT_EQ(p.status, UpdateStatus::ok);
  EXPECT_EQ(p.inbound.text,
            "Đã nhận 👍 hồ sơ #HS2024_0117 của phường Hải Châu 🏛️");
  EXPECT_TRUE(p.inbound.text_mentions.empty());  // a hashtag is not a mention
}

TEST(TelegramUpdateParser, TextMentionIsCutByUtf16Offsets) {
  const json update = {{"update_id", 7},
                       {"message",
                        {{"message_id", 9},
                         {"chat", {{"id", -1002198457731}, {"type", "supergroup"}, {"title", "T"}}},
                         {"from", {{"id", 6023417755}, {"first_name", "Quý"}}},
                         {"date", 1795569402},
                         {"text", "/giao 👍 Hạnh Trần lập hồ sơ"},
                         {"entities",
                          {{{"type", "bot_command"}, {"offset", 0}, {"length", 5}},
                           {{"type", "text_mention"},
                            {"offset", 9},
                            {"length", 9},
                            {"user", {{"id", 1958840321}, {"first_name", "Hạnh"}}}}}}}}};
  const ParsedUpdate p = parse_update(update.dump());
  ASSERT_EQ(p.inbound.text_mentions.size(), 1U);
  EXPECT_EQ(p.inbound.text_mentions[0].shown, "Hạnh Trần");
  EXPECT_EQ(p.inbound.text_mentions[0].user_id, "1958840321");
}

TEST(TelegramUpdateParser, CaptionAndReplyText) {
  json update = json::parse(read_fixture("private_text_message.json"));
  json& message = update["message"];
  message.erase("text");
  message["caption"] = "Ảnh biên bản";
  message["reply_to_message"] = {{"message_id", 1}, {"text", "Gửi biên bản họp"}};
  const ParsedUpdate p = parse_update(update.dump());
  EXPECT_EQ(p.inbound.kind, InboundKind::message);
  EXPECT_EQ(p.inbound.text, "Ảnh biên bản");
  EXPECT_EQ(p.inbound.reply_to_text, "Gửi biên bản họp");
}

TEST(TelegramUpdateParser, ServiceMessageWithoutTextIsIgnoredKind) {
  json update = json::parse(read_fixture("private_text_message.json"));
  update["message"].erase("text");
  update["message"]["new_chat_members"] = json::array();
  const ParsedUpdate p = parse_update(update.dump());
  EXPECT_EQ(p.status, UpdateStatus::ok);
  EXPECT_EQ(p.inbound.kind, InboundKind::ignored);
}

TEST(TelegramUpdateParser, UnknownUpdateTypeIsIgnoredWithItsId) {
  const ParsedUpdate p =
      parse_update(R"({"update_id":815204430,"channel_post":{"message_id":1,"date":1}})");
  EXPECT_EQ(p.status, UpdateStatus::ignored);
  EXPECT_EQ(p.update_id, 815204430);
}

TEST(TelegramUpdateParser, MalformedBodies) {
  for (const char* body :
       {"", "not json", "[]", "{}", "42", R"({"update_id":"12"})", R"({"update_id":1.5})",
        R"({"update_id":18446744073709551615})", R"({"update_id":1,"message":)", "\xFF\xFE"}) {
    EXPECT_EQ(parse_update(body).status, UpdateStatus::malformed) << body;
  }
}

TEST(TelegramUpdateParser, OddShapesNeverThrow) {
  for (const char* body : {
           R"({"update_id":1,"message":"text"})",
           R"({"update_id":1,"message":{"chat":"x","text":"hi"}})",
           R"({"update_id":1,"message":{"chat":{"id":null},"text":"hi"}})",
           R"({"update_id":1,"message":{"chat":{"id":5,"type":7},"from":[],"text":5,
               "entities":{"a":1},"date":"x","message_id":{}}})",
           R"({"update_id":1,"message":{"chat":{"id":5},"text":"ab","entities":[1,
               {"type":"text_mention","offset":-1,"length":2,"user":{"id":1}},
               {"type":"text_mention","offset":1,"length":99,"user":{"id":1}},
               {"type":"text_mention","offset":0,"length":1}]}})",
           R"({"update_id":1,"callback_query":{"id":"q","data":"done:1"}})",
           R"({"update_id":1,"callback_query":{"id":"q","message":{"chat":{}},"data":5}})",
           R"({"update_id":1,"my_chat_member":{"chat":{"id":1},"new_chat_member":null}})",
           R"({"update_id":1,"my_chat_member":{"chat":{"id":1},
               "new_chat_member":{"status":"restricted"}}})",
       }) {
    const ParsedUpdate p = parse_update(body);
    EXPECT_NE(p.status, UpdateStatus::malformed) << body;  // an update, so 200, never 400
    EXPECT_EQ(p.update_id, 1) << body;
  }
  const ParsedUpdate clipped = parse_update(
      R"({"update_id":1,"message":{"chat":{"id":5},"text":"ab","entities":[
          {"type":"text_mention","offset":1,"length":99,"user":{"id":1}}]}})");
  ASSERT_EQ(clipped.inbound.text_mentions.size(), 1U);
  EXPECT_EQ(clipped.inbound.text_mentions[0].shown, "b");
}

TEST(TelegramUpdateParser, GetUpdatesSplitsIntoParsableUpdates) {
  const GetUpdatesResult r = parse_get_updates(read_fixture("getUpdates_two_updates.json"));
  ASSERT_EQ(r.api.outcome, ApiOutcome::ok);
  ASSERT_EQ(r.updates.size(), 2U);
  EXPECT_EQ(r.updates[0].update_id, 815204417);
  EXPECT_EQ(r.updates[1].update_id, 815204418);
  EXPECT_EQ(r.next_offset, 815204419);
  EXPECT_EQ(r.skipped, 0U);

  const ParsedUpdate first = parse_update(r.updates[0].json);
  ASSERT_EQ(first.status, UpdateStatus::ok);
  EXPECT_EQ(first.inbound.text, "Cho tôi xem các việc còn hạn trong tuần này");
  EXPECT_EQ(first.inbound.raw, r.updates[0].json);
  const ParsedUpdate second = parse_update(r.updates[1].json);
  ASSERT_EQ(second.status, UpdateStatus::ok);
  EXPECT_EQ(second.inbound.text, parse_fixture("group_command_with_botname.json").inbound.text);
  EXPECT_EQ(json::parse(r.updates[1].json),
            json::parse(read_fixture("group_command_with_botname.json")));
}

TEST(TelegramUpdateParser, GetUpdatesErrorsAndOddBatches) {
  const GetUpdatesResult conflict =
      parse_get_updates(read_fixture("error_409_webhook_active.json"), 409);
  EXPECT_EQ(conflict.api.outcome, ApiOutcome::conflict);
  EXPECT_TRUE(conflict.updates.empty());
  EXPECT_FALSE(conflict.next_offset.has_value());

  const GetUpdatesResult empty = parse_get_updates(R"({"ok":true,"result":[]})");
  EXPECT_EQ(empty.api.outcome, ApiOutcome::ok);
  EXPECT_TRUE(empty.updates.empty());
  EXPECT_FALSE(empty.next_offset.has_value());

  const GetUpdatesResult odd = parse_get_updates(
      R"({"ok":true,"result":[{"update_id":9},"x",{"no_id":1},{"update_id":3}]})");
  EXPECT_EQ(odd.updates.size(), 2U);
  EXPECT_EQ(odd.skipped, 2U);
  EXPECT_EQ(odd.next_offset, 10);

  EXPECT_EQ(parse_get_updates(R"({"ok":true,"result":{}})").api.outcome, ApiOutcome::transient);
  EXPECT_EQ(parse_get_updates("<html>", 502).api.outcome, ApiOutcome::transient);
}

}  // namespace
}  // namespace wgbot::telegram
