// Zalo Bot's plain text: bold markers removed, the hint line instead of buttons, long texts
// split between lines at 2000 UTF-16 units; and how the API's answers are classified.
#include <gtest/gtest.h>

#include <string>

#include <boost/asio/io_context.hpp>

#include "bot/http/http_client.hpp"
#include "bot/zalo_bot/api_client.hpp"
#include "bot/zalo_bot/api_result.hpp"
#include "bot/zalo_bot/formatter.hpp"
#include "bot/zalo_bot/zalo_bot_delivery.hpp"
#include "core/utf16.hpp"
#include "fakes/fake_telegram.hpp"

namespace wgbot::testing {
namespace {

using zalo_bot::ApiOutcome;
using zalo_bot::classify_response;
using zalo_bot::kMaxMessageUnits;
using zalo_bot::message_text;
using zalo_bot::split_text;

std::string joined(const std::vector<std::string>& chunks) {
  std::string all;
  for (const auto& c : chunks) all += c;
  return all;
}

TEST(ZaloBotFormatter, BoldMarkersGoAndTheHintReplacesTheButtons) {
  Outgoing out;
  out.text = "**Việc #12** đã giao cho Phạm Quốc Hùng";
  out.buttons = {{Button{"✅ Xong", "done:12"}}};
  out.hint = "Trả lời: /xong 12 · /danhan 12";
  EXPECT_EQ(message_text(out),
            "Việc #12 đã giao cho Phạm Quốc Hùng\nTrả lời: /xong 12 · /danhan 12");
  out.hint.clear();
  EXPECT_EQ(message_text(out), "Việc #12 đã giao cho Phạm Quốc Hùng");  // no button labels
}

TEST(ZaloBotFormatter, AFiveThousandCharacterTextSplitsBetweenLines) {
  std::string text;
  for (int i = 0; utf16_length(text) < 5000; ++i)
    text += "Dòng " + std::to_string(i) + " của báo cáo\n";
  ASSERT_GE(utf16_length(text), 5000U);
  const auto chunks = split_text(text);
  ASSERT_GE(chunks.size(), 3U);
  for (const auto& chunk : chunks) {
    EXPECT_LE(utf16_length(chunk), kMaxMessageUnits);
    EXPECT_EQ(chunk.back(), '\n');  // cut after a whole line
  }
  EXPECT_EQ(joined(chunks), text);
}

TEST(ZaloBotFormatter, ASingleLongLineIsCutAtCharacterBoundaries) {
  std::string line;
  while (utf16_length(line) < 3000) line += "Đồng chí Quý ";
  const auto chunks = split_text(line);
  ASSERT_EQ(chunks.size(), 2U);
  for (const auto& chunk : chunks) EXPECT_LE(utf16_length(chunk), kMaxMessageUnits);
  EXPECT_EQ(chunks[0].back(), ' ');  // after a word, not inside one
  EXPECT_EQ(joined(chunks), line);
}

TEST(ZaloBotFormatter, EmojiCountTwoUnitsAndBlankTextSendsNothing) {
  const std::string emoji = "👍";  // outside the BMP: 2 UTF-16 units
  std::string text;
  for (int i = 0; i < 1001; ++i) text += emoji;
  const auto chunks = split_text(text);
  ASSERT_EQ(chunks.size(), 2U);
  EXPECT_EQ(utf16_length(chunks[0]), 2000U);
  EXPECT_TRUE(split_text(" \n\n").empty());
}

TEST(ZaloBotDelivery, CallbackAnswersSendNothingAndEditsGoAsNewMessages) {
  boost::asio::io_context ioc;  // never run: parts() makes no call
  http::HttpClient http(ioc);
  zalo_bot::ApiClient api(http, "http://127.0.0.1:1", "token");
  zalo_bot::ZaloBotDelivery delivery(api);
  Outgoing answer;
  answer.kind = OutKind::callback_answer;
  answer.text = "Đã ghi nhận";
  EXPECT_EQ(delivery.parts(answer), 0);
  Outgoing edit;
  edit.kind = OutKind::edit;
  edit.text = "Việc #12: Hoàn thành";
  EXPECT_EQ(delivery.parts(edit), 1);
  Outgoing blank;
  blank.text = "  ";
  EXPECT_EQ(delivery.parts(blank), 0);
}

TEST(ZaloBotApiResult, ClassifiesByBodyCodeThenHttpStatus) {
  EXPECT_EQ(classify_response(200, read_fixture("zalo-bot/sendMessage_response.json")).outcome,
            ApiOutcome::ok);
  EXPECT_EQ(classify_response(200, read_fixture("zalo-bot/getUpdates_timeout_408.json")).outcome,
            ApiOutcome::no_update);
  EXPECT_EQ(classify_response(408, read_fixture("zalo-bot/getUpdates_timeout_408.json")).outcome,
            ApiOutcome::no_update);
  const auto unauthorized =
      classify_response(401, read_fixture("zalo-bot/error_401_unauthorized.json"));
  EXPECT_EQ(unauthorized.outcome, ApiOutcome::unauthorized);
  EXPECT_EQ(unauthorized.error_code, 401);
  EXPECT_EQ(unauthorized.description, "Unauthorized");
  EXPECT_EQ(classify_response(200, R"({"ok":false,"errorCode":429,"description":"quota"})").outcome,
            ApiOutcome::rate_limited);
  EXPECT_EQ(classify_response(429, "Too Many Requests").outcome, ApiOutcome::rate_limited);
  EXPECT_EQ(classify_response(502, "<html>bad gateway</html>").outcome, ApiOutcome::transient);
  EXPECT_EQ(classify_response(200, "not json").outcome, ApiOutcome::transient);
  EXPECT_EQ(classify_response(400, R"({"ok":false,"error_code":400,"description":"bad"})").outcome,
            ApiOutcome::bad_request);
  EXPECT_EQ(
      classify_response(400, R"({"ok":false,"error_code":400,"description":"Chat not found"})")
          .outcome,
      ApiOutcome::chat_gone);
  // 403 is documented as a server-side failure: retried, unless it says the user is gone.
  EXPECT_EQ(classify_response(403, R"({"ok":false,"error_code":403,"description":"x"})").outcome,
            ApiOutcome::transient);
  EXPECT_EQ(classify_response(503, R"({"ok":true,"result":{}})").outcome, ApiOutcome::transient);
}

TEST(ZaloBotApiResult, DeliveryRetriesRateLimitsAndBadTokensAndDropsBadRequests) {
  using zalo_bot::to_delivery_result;
  EXPECT_EQ(to_delivery_result(classify_response(429, "")).status, DeliveryStatus::transient);
  EXPECT_EQ(to_delivery_result(classify_response(401, "")).status, DeliveryStatus::transient);
  EXPECT_EQ(to_delivery_result(classify_response(400, "")).status, DeliveryStatus::rejected);
  EXPECT_EQ(to_delivery_result(classify_response(200, R"({"ok":true,"result":{}})")).status,
            DeliveryStatus::sent);
  EXPECT_FALSE(to_delivery_result(zalo_bot::network_error("timeout")).answered);
}

}  // namespace
}  // namespace wgbot::testing
