#include "bot/telegram/api_result.hpp"

#include <charconv>
#include <cstdint>
#include <optional>
#include <utility>

#include "bot/platform/bot_api_result.hpp"
#include "core/json_fields.hpp"

namespace wgbot::telegram {
namespace {

using nlohmann::json;

constexpr std::chrono::seconds kDefaultRetryAfter{1};

// Fallback when a 429 lacks parameters.retry_after: "Too Many Requests: retry after 7".
std::chrono::seconds retry_after_from(std::string_view description) {
  constexpr std::string_view kMarker = "retry after ";
  const auto pos = description.find(kMarker);
  if (pos == std::string_view::npos) return kDefaultRetryAfter;
  const std::string_view digits = description.substr(pos + kMarker.size());
  std::int64_t seconds = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), seconds);
  if (ec != std::errc{} || seconds < 1) return kDefaultRetryAfter;
  return std::chrono::seconds{seconds};
}

ApiOutcome outcome_for_code(int code, std::string_view description) {
  if (code == 401) return ApiOutcome::unauthorized;
  if (code == 403) return ApiOutcome::chat_gone;
  if (code == 409) return ApiOutcome::conflict;
  if (code == 400) {
    if (contains_nocase(description, "message is not modified")) return ApiOutcome::not_modified;
    if (contains_nocase(description, "chat not found")) return ApiOutcome::chat_gone;
    return ApiOutcome::bad_request;
  }
  if (code >= 400 && code < 500) return ApiOutcome::bad_request;
  return ApiOutcome::transient;
}

ApiResult classify_failure(const json& answer, int http_status) {
  ApiResult out;
  out.error_code = static_cast<int>(int_member(answer, "error_code").value_or(http_status));
  if (const json* d = member(answer, "description"); d != nullptr && d->is_string()) {
    out.description = d->get<std::string>();
  }
  const json* parameters = member(answer, "parameters");
  const json empty = json::object();
  const json& params = parameters != nullptr ? *parameters : empty;
  if (const auto migrate = int_member(params, "migrate_to_chat_id")) {
    out.outcome = ApiOutcome::migrate;
    out.migrate_to_chat_id = std::to_string(*migrate);
    return out;
  }
  const auto retry = int_member(params, "retry_after");
  if (retry || out.error_code == 429) {
    out.outcome = ApiOutcome::retry_after;
    out.retry_after =
        retry && *retry >= 1 ? std::chrono::seconds{*retry} : retry_after_from(out.description);
    return out;
  }
  out.outcome = outcome_for_code(out.error_code, out.description);
  return out;
}

ApiResult classify(int http_status, std::string_view body, bool keep_result) {
  BotApiEnvelope envelope = read_envelope(body, keep_result);
  if (!envelope.parsed) return unparsable_result<ApiResult>(http_status);
  if (envelope.ok) return ok_result<ApiResult>(http_status, std::move(envelope));
  return classify_failure(envelope.answer, http_status);
}

}  // namespace

ApiResult classify_response(int http_status, std::string_view body) {
  return classify(http_status, body, true);
}

ApiResult classify_send_response(int http_status, std::string_view body) {
  return classify(http_status, body, false);
}

std::string_view to_string(ApiOutcome outcome) {
  switch (outcome) {
    case ApiOutcome::ok:
      return "ok";
    case ApiOutcome::retry_after:
      return "retry_after";
    case ApiOutcome::migrate:
      return "migrate";
    case ApiOutcome::chat_gone:
      return "chat_gone";
    case ApiOutcome::not_modified:
      return "not_modified";
    case ApiOutcome::bad_request:
      return "bad_request";
    case ApiOutcome::unauthorized:
      return "unauthorized";
    case ApiOutcome::conflict:
      return "conflict";
    case ApiOutcome::transient:
      return "transient";
  }
  return "unknown";
}

}  // namespace wgbot::telegram
