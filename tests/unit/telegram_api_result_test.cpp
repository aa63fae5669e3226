#include "bot/telegram/api_result.hpp"

#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

namespace wgbot::telegram {
namespace {

std::string read_fixture(const std::string& name) {
  std::ifstream in(std::string(WGBOT_FIXTURES_DIR) + "/telegram/" + name, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(TelegramApiResult, SendMessageOkCarriesTheSentMessage) {
  const ApiResult r = classify_response(200, read_fixture("sendMessage_response_ok.json"));
  ASSERT_EQ(r.outcome, ApiOutcome::ok);
  EXPECT_TRUE(r.succeeded());
  EXPECT_EQ(r.result.at("message_id").get<int>(), 5525);
}

// A sent message's answer is read without its result; every fixture is classified as the full
// reading classifies it.
TEST(TelegramApiResult, ASendsAnswerIsClassifiedWithoutItsResult) {
  const ApiResult sent = classify_send_response(200, read_fixture("sendMessage_response_ok.json"));
  ASSERT_EQ(sent.outcome, ApiOutcome::ok);
  EXPECT_TRUE(sent.result.is_null());
  for (const auto& [status, name] : std::initializer_list<std::pair<int, const char*>>{
           {200, "sendMessage_response_ok.json"},
           {200, "answerCallbackQuery_response_ok.json"},
           {400, "error_400_migrate_to_chat_id.json"},
           {403, "error_403_blocked_by_user.json"},
           {409, "error_409_webhook_active.json"},
           {429, "error_429_retry_after.json"},
           {502, "<html>bad gateway</html>"},
           {200, R"({"ok":true})"},
           {200, R"({"result":{"message_id":1}})"}}) {
    const std::string body = name[0] == '<' || name[0] == '{' ? name : read_fixture(name);
    const ApiResult full = classify_response(status, body);
    const ApiResult lean = classify_send_response(status, body);
    EXPECT_EQ(lean.outcome, full.outcome) << name;
    EXPECT_EQ(lean.error_code, full.error_code) << name;
    EXPECT_EQ(lean.description, full.description) << name;
    EXPECT_EQ(lean.retry_after, full.retry_after) << name;
    EXPECT_EQ(lean.migrate_to_chat_id, full.migrate_to_chat_id) << name;
  }
}

TEST(TelegramApiResult, AnswerCallbackOkResultIsTrue) {
  const ApiResult r = classify_response(200, read_fixture("answerCallbackQuery_response_ok.json"));
  ASSERT_EQ(r.outcome, ApiOutcome::ok);
  EXPECT_EQ(r.result, true);
}

TEST(TelegramApiResult, GetMeOkGivesUsername) {
  const ApiResult r = classify_response(200, read_fixture("getMe_response.json"));
  ASSERT_EQ(r.outcome, ApiOutcome::ok);
  EXPECT_EQ(r.result.at("username").get<std::string>(), "ToCongTacHN_bot");
}

TEST(TelegramApiResult, TooManyRequestsGivesRetryAfter) {
  const ApiResult r = classify_response(429, read_fixture("error_429_retry_after.json"));
  ASSERT_EQ(r.outcome, ApiOutcome::retry_after);
  EXPECT_EQ(r.retry_after, std::chrono::seconds{7});
  EXPECT_EQ(r.error_code, 429);
  EXPECT_FALSE(r.succeeded());
}

TEST(TelegramApiResult, RetryAfterWithoutParametersFallsBackToDescription) {
  EXPECT_EQ(classify_response(429, R"({"ok":false,"error_code":429,
              "description":"Too Many Requests: retry after 12"})")
                .retry_after,
            std::chrono::seconds{12});
  const ApiResult bare = classify_response(429, R"({"ok":false,"error_code":429})");
  EXPECT_EQ(bare.outcome, ApiOutcome::retry_after);
  EXPECT_EQ(bare.retry_after, std::chrono::seconds{1});
}

TEST(TelegramApiResult, MigrationGivesNewChatId) {
  const ApiResult r = classify_response(400, read_fixture("error_400_migrate_to_chat_id.json"));
  ASSERT_EQ(r.outcome, ApiOutcome::migrate);
  EXPECT_EQ(r.migrate_to_chat_id, "-1002198457731");
}

TEST(TelegramApiResult, BlockedByUserIsChatGone) {
  const ApiResult r = classify_response(403, read_fixture("error_403_blocked_by_user.json"));
  EXPECT_EQ(r.outcome, ApiOutcome::chat_gone);
  EXPECT_EQ(r.description, "Forbidden: bot was blocked by the user");
}

TEST(TelegramApiResult, WebhookActiveIsConflict) {
  EXPECT_EQ(classify_response(409, read_fixture("error_409_webhook_active.json")).outcome,
            ApiOutcome::conflict);
}

TEST(TelegramApiResult, BadRequestSubCases) {
  const auto classify_400 = [](const std::string& description) {
    return classify_response(
        400, R"({"ok":false,"error_code":400,"description":")" + description + R"("})");
  };
  EXPECT_EQ(classify_400("Bad Request: chat not found").outcome, ApiOutcome::chat_gone);
  EXPECT_EQ(classify_400("Bad Request: Chat Not Found").outcome, ApiOutcome::chat_gone);
  const ApiResult same = classify_400(
      "Bad Request: message is not modified: specified new message content and reply markup "
      "are exactly the same");
  EXPECT_EQ(same.outcome, ApiOutcome::not_modified);
  EXPECT_TRUE(same.succeeded());
  EXPECT_EQ(classify_400("Bad Request: can't parse entities: Unsupported start tag").outcome,
            ApiOutcome::bad_request);
  EXPECT_EQ(classify_400("Bad Request: message is too long").outcome, ApiOutcome::bad_request);
}

TEST(TelegramApiResult, OtherStatuses) {
  EXPECT_EQ(classify_response(401, R"({"ok":false,"error_code":401,"description":"Unauthorized"})")
                .outcome,
            ApiOutcome::unauthorized);
  EXPECT_EQ(
      classify_response(404, R"({"ok":false,"error_code":404,"description":"Not Found"})").outcome,
      ApiOutcome::bad_request);
  EXPECT_EQ(
      classify_response(500, R"({"ok":false,"error_code":500,"description":"Internal"})").outcome,
      ApiOutcome::transient);
  EXPECT_EQ(classify_response(502, "<html>Bad Gateway</html>").outcome, ApiOutcome::transient);
  EXPECT_EQ(classify_response(200, "").outcome, ApiOutcome::transient);
  EXPECT_EQ(classify_response(200, R"({"result":1})").outcome, ApiOutcome::transient);
  EXPECT_EQ(network_error("connection refused").outcome, ApiOutcome::transient);
  EXPECT_EQ(network_error("timeout").description, "timeout");
}

TEST(TelegramApiResult, ErrorCodeInBodyWinsOverHttpStatus) {
  const ApiResult r =
      classify_response(200, R"({"ok":false,"error_code":403,"description":"Forbidden: x"})");
  EXPECT_EQ(r.outcome, ApiOutcome::chat_gone);
  EXPECT_EQ(r.error_code, 403);
  // Without error_code the HTTP status decides.
  EXPECT_EQ(classify_response(409, R"({"ok":false})").outcome, ApiOutcome::conflict);
}

TEST(TelegramApiResult, OutcomeNames) {
  EXPECT_EQ(to_string(ApiOutcome::retry_after), "retry_after");
  EXPECT_EQ(to_string(ApiOutcome::not_modified), "not_modified");
}

}  // namespace
}  // namespace wgbot::telegram
