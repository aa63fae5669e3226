#include "bot/zalo_bot/api_result.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <utility>

#include "bot/platform/bot_api_result.hpp"
#include "core/json_fields.hpp"

namespace wgbot::zalo_bot {
namespace {

using nlohmann::json;

// The documented error table has no "chat gone" code, so only a description that says so makes a
// 400 or 403 final for the chat; anything else could be our request or Zalo's side.
bool says_chat_unreachable(std::string_view description) {
  static constexpr std::array<std::string_view, 5> kPhrases = {
      "chat not found", "user not found", "blocked", "not a member", "removed"};
  return std::any_of(kPhrases.begin(), kPhrases.end(),
                     [&](std::string_view phrase) { return contains_nocase(description, phrase); });
}

ApiOutcome outcome_for_code(int code, std::string_view description) {
  if (code == 408) return ApiOutcome::no_update;
  if (code == 429) return ApiOutcome::rate_limited;
  if (code == 401) return ApiOutcome::unauthorized;
  if ((code == 400 || code == 403) && says_chat_unreachable(description)) {
    return ApiOutcome::chat_gone;
  }
  // 403 is labelled "internal server error" in Zalo's table: retry rather than drop.
  if (code == 403) return ApiOutcome::transient;
  if (code >= 400 && code < 500) return ApiOutcome::bad_request;
  return ApiOutcome::transient;
}

// The docs show `error_code`; one documented sample (testWebhook's quota) uses `errorCode`.
std::optional<int> body_error_code(const json& answer) {
  for (const char* key : {"error_code", "errorCode"}) {
    if (const auto code = int_member(answer, key)) return static_cast<int>(*code);
  }
  return std::nullopt;
}

bool is_success_status(int http_status) {
  return http_status >= 200 && http_status < 300;
}

ApiResult failure(int code, std::string description) {
  ApiResult out;
  out.error_code = code;
  out.outcome = outcome_for_code(code, description);
  out.description = std::move(description);
  return out;
}

}  // namespace

ApiResult classify_response(int http_status, std::string_view body) {
  BotApiEnvelope envelope = read_envelope(body);
  if (!envelope.parsed) {
    if (!is_success_status(http_status)) {
      return failure(http_status, "HTTP " + std::to_string(http_status));
    }
    return unparsable_result<ApiResult>(http_status);
  }
  if (envelope.ok && is_success_status(http_status))
    return ok_result<ApiResult>(http_status, std::move(envelope));
  const int fallback = is_success_status(http_status) ? 500 : http_status;
  return failure(body_error_code(envelope.answer).value_or(fallback),
                 string_member(envelope.answer, "description"));
}

std::string_view to_string(ApiOutcome outcome) {
  switch (outcome) {
    case ApiOutcome::ok:
      return "ok";
    case ApiOutcome::no_update:
      return "no_update";
    case ApiOutcome::rate_limited:
      return "rate_limited";
    case ApiOutcome::chat_gone:
      return "chat_gone";
    case ApiOutcome::bad_request:
      return "bad_request";
    case ApiOutcome::unauthorized:
      return "unauthorized";
    case ApiOutcome::transient:
      return "transient";
  }
  return "unknown";
}

}  // namespace wgbot::zalo_bot
