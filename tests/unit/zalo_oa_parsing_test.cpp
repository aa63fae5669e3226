// The OA's events, API answers and OAuth answers as the bot reads them, and how its replies
// are cut into messages.
#include <gtest/gtest.h>

#include "bot/zalo_oa/api_result.hpp"
#include "bot/zalo_oa/event_parser.hpp"
#include "bot/zalo_oa/oauth_client.hpp"
#include "bot/zalo_oa/text_split.hpp"
#include "bot/zalo_oa/zalo_oa_delivery.hpp"
#include "fakes/fake_telegram.hpp"

namespace wgbot::zalo_oa {
namespace {

using testing::read_fixture;

http::ClientResponse reply(int status, std::string body) {
  http::ClientResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

TEST(ZaloOaEvents, AUserTextBecomesAPrivateMessageKeyedByMsgId) {
  const ParsedEvent e = parse_event(read_fixture("zalo-oa/user_send_text.json"));
  ASSERT_EQ(e.status, EventStatus::ok) << e.reason;
  EXPECT_EQ(e.inbound.platform, "zalo_oa");
  EXPECT_EQ(e.inbound.kind, InboundKind::message);
  EXPECT_EQ(e.inbound.update_key, "a1f3c09e5b7d4e2f8c61");
  EXPECT_EQ(e.inbound.chat_id, "7301845529613370112");  // > 2^53, kept exactly
  EXPECT_EQ(e.inbound.sender_id, "7301845529613370112");
  EXPECT_EQ(e.inbound.chat_kind, ChatKind::private_chat);
  EXPECT_EQ(e.inbound.text, "Cho tôi hỏi tiến độ hồ sơ số 117 ạ");
  EXPECT_EQ(e.inbound.sent_at.time_since_epoch().count(), 1795569302);
}

TEST(ZaloOaEvents, FollowAndSubmitInfoAreStoredWithoutAMessageId) {
  const ParsedEvent follow = parse_event(read_fixture("zalo-oa/follow.json"));
  ASSERT_EQ(follow.status, EventStatus::ok) << follow.reason;
  EXPECT_EQ(follow.inbound.kind, InboundKind::followed);
  EXPECT_EQ(follow.inbound.update_key, "follow:1795568400456:7301845529613370112");
  const ParsedEvent info = parse_event(read_fixture("zalo-oa/user_submit_info.json"));
  ASSERT_EQ(info.status, EventStatus::ok) << info.reason;
  EXPECT_EQ(info.inbound.kind, InboundKind::ignored);
  EXPECT_EQ(info.inbound.update_key, "user_submit_info:1795569900789:7301845529613370112");
  const ParsedEvent unfollow =
      parse_event(R"({"event_name":"unfollow","follower":{"id":"1"},"timestamp":"2","oa_id":"3"})");
  ASSERT_EQ(unfollow.status, EventStatus::ok);
  EXPECT_EQ(unfollow.inbound.kind, InboundKind::ignored);
}

TEST(ZaloOaEvents, EchoesReceiptsAndUnknownEventsAreIgnoredGarbageIsMalformed) {
  EXPECT_EQ(parse_event(read_fixture("zalo-oa/oa_send_text_echo.json")).status,
            EventStatus::ignored);
  EXPECT_EQ(parse_event(R"({"event_name":"user_seen_message"})").status, EventStatus::ignored);
  EXPECT_EQ(parse_event(R"({"event_name":"user_send_sticker","sender":{"id":"1"}})").status,
            EventStatus::ignored);
  EXPECT_EQ(parse_event("not json").status, EventStatus::malformed);
  EXPECT_EQ(parse_event("[1]").status, EventStatus::malformed);
  EXPECT_EQ(parse_event(R"({"event_name":"user_send_text","message":{"text":"x"}})").status,
            EventStatus::malformed);
  EXPECT_EQ(parse_event(R"({"event_name":7})").status, EventStatus::malformed);
}

TEST(ZaloOaEvents, OldEventsAreNotRefused) {
  const ParsedEvent e = parse_event(
      R"({"event_name":"user_send_text","sender":{"id":"9"},"message":{"text":"hi","msg_id":"m"},"timestamp":"1000"})");
  EXPECT_EQ(e.status, EventStatus::ok);
}

TEST(ZaloOaApi, ErrorsArriveWithHttp200) {
  EXPECT_EQ(classify_response(reply(200, read_fixture("zalo-oa/message_cs_response.json"))).outcome,
            OaOutcome::ok);
  const OaResult invalid =
      classify_response(reply(200, read_fixture("zalo-oa/error_-216_invalid_token.json")));
  EXPECT_EQ(invalid.outcome, OaOutcome::token_invalid);
  EXPECT_EQ(invalid.error, -216);
  EXPECT_EQ(
      classify_response(reply(200, read_fixture("zalo-oa/error_-230_outside_7_days.json"))).outcome,
      OaOutcome::outside_window);
  EXPECT_EQ(classify_response(reply(502, "bad gateway")).outcome, OaOutcome::transient);
  EXPECT_EQ(classify_response(reply(200, "<html>")).outcome, OaOutcome::transient);
  EXPECT_EQ(classify_response(reply(0, "")).outcome, OaOutcome::transient);
  EXPECT_EQ(outcome_of_error(-201), OaOutcome::rejected);
  EXPECT_EQ(outcome_of_error(-32), OaOutcome::throttled);
  EXPECT_EQ(outcome_of_error(-223), OaOutcome::needs_admin);
  EXPECT_EQ(outcome_of_error(-99999), OaOutcome::rejected);
}

TEST(ZaloOaApi, DeliveryResultsDropOutsideTheWindowAndRetryTransientFailures) {
  OaResult r;
  r.outcome = OaOutcome::outside_window;
  EXPECT_EQ(to_delivery_result(r).status, DeliveryStatus::rejected);
  r.outcome = OaOutcome::token_invalid;
  EXPECT_EQ(to_delivery_result(r).status, DeliveryStatus::transient);
  r.outcome = OaOutcome::ok;
  EXPECT_EQ(to_delivery_result(r).status, DeliveryStatus::sent);
}

TEST(ZaloOaApi, TheCsMessageHasTheDocumentedShape) {
  const auto expected = nlohmann::json::parse(read_fixture("zalo-oa/message_cs_request.json"));
  EXPECT_EQ(
      build_cs_message("7301845529613370112",
                       "Hồ sơ số 117 đang chờ ký duyệt, dự kiến trả kết quả ngày 27/11/2026."),
      expected);
}

TEST(ZaloOaOAuth, TheRefreshIsFormEncodedWithTheSecretInAHeader) {
  const auto request = build_refresh_request({"https://oauth.example/", "123", "s3cret", "a+b/c"});
  EXPECT_EQ(request.url, "https://oauth.example/v4/oa/access_token");
  EXPECT_EQ(request.content_type, "application/x-www-form-urlencoded");
  EXPECT_EQ(request.body, "refresh_token=a%2Bb%2Fc&app_id=123&grant_type=refresh_token");
  ASSERT_EQ(request.headers.size(), 1U);
  EXPECT_EQ(request.headers[0].first, "secret_key");
  EXPECT_EQ(request.headers[0].second, "s3cret");
}

TEST(ZaloOaOAuth, ExpiresInIsAStringAndFailuresKeepNoToken) {
  const RefreshAnswer ok =
      parse_refresh_answer(reply(200, read_fixture("zalo-oa/oauth_refresh_response.json")));
  ASSERT_TRUE(ok.ok);
  EXPECT_EQ(ok.expires_in.count(), 90000);
  EXPECT_EQ(ok.refresh_token, "Zr9pL4_fake_refresh_token_for_tests_Vv1c");
  const RefreshAnswer bad = parse_refresh_answer(
      reply(200, R"({"error":-14014,"error_description":"Invalid refresh token"})"));
  EXPECT_FALSE(bad.ok);
  EXPECT_TRUE(bad.access_token.empty());
  EXPECT_NE(bad.error.find("Invalid refresh token"), std::string::npos);
}

TEST(ZaloOaText, LongRepliesSplitBetweenLinesWithinTheLimit) {
  std::string text;
  for (int i = 0; i < 60; ++i)
    text += "Dòng số " + std::to_string(i) + ": " + std::string(40, 'x') + "\n";
  const auto parts = split_plain_text(text, 2000);
  ASSERT_EQ(parts.size(), 2U);
  EXPECT_EQ(parts[0] + parts[1], text);
  EXPECT_LE(char_count(parts[0]), 2000U);
  EXPECT_EQ(parts[0].back(), '\n');
  EXPECT_TRUE(split_plain_text("", 2000).empty());
  EXPECT_TRUE(split_plain_text("  \n ", 2000).empty());
}

TEST(ZaloOaText, ALineLongerThanTheLimitIsCutAtACharacterBoundary) {
  std::string line;
  for (int i = 0; i < 700; ++i) line += "hồ ";  // 3 characters, 4 bytes each time
  const auto parts = split_plain_text(line, 2000);
  ASSERT_EQ(parts.size(), 2U);
  EXPECT_LE(char_count(parts[0]), 2000U);
  EXPECT_EQ(parts[0].back(), ' ');
  EXPECT_EQ(parts[0] + parts[1], line);
}

TEST(ZaloOaText, TheHintLineReplacesButtons) {
  Outgoing out;
  out.text = "Việc #1";
  out.hint = "/xong 1";
  EXPECT_EQ(visible_text(out), "Việc #1\n/xong 1");
}

TEST(ZaloOaText, BoldMarkersAreRemovedForThePlainTextOa) {
  Outgoing out;
  out.text = "**Nhiệm vụ #1**\nHạn: **15/12**";
  EXPECT_EQ(visible_text(out), "Nhiệm vụ #1\nHạn: 15/12");
}

// Plain text: bold markers and the backticks of fixed-width lines are dropped.
TEST(ZaloOaText, MarkupIsDropped) {
  Outgoing out;
  out.text = "**Theo đơn vị**\n`Sở Nội vụ   1`";
  EXPECT_EQ(visible_text(out), "Theo đơn vị\nSở Nội vụ   1");
}

}  // namespace
}  // namespace wgbot::zalo_oa
