// Classifies a Zalo Bot API answer into what the caller should do next. The envelope is
// Telegram-like ({"ok":true,"result":…} or {"ok":false,"error_code":…,"description":…}), but
// it carries no retry_after and no migration id, and whether the HTTP status repeats the
// error_code is not documented: both are read, the body's code first.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "bot/platform/bot_api_result.hpp"

namespace wgbot::zalo_bot {

enum class ApiOutcome {
  ok,            // `result` holds the method's answer
  no_update,     // 408: an idle getUpdates long poll ended; poll again
  rate_limited,  // 429 "quota exceeded": no retry_after is given, so back off exponentially
  chat_gone,     // the chat or user cannot be reached: stop sending to it
  bad_request,   // other 4xx: this request will never succeed; drop it and log
  unauthorized,  // 401: the token is wrong; nothing will work until it is fixed
  transient,     // 5xx, 403 (documented as a server-side failure), network, unparsable answer
};

struct ApiResult {
  ApiOutcome outcome = ApiOutcome::transient;
  nlohmann::json result;  // the `result` field when outcome is ok
  int error_code = 0;     // the body's error_code (or errorCode), else the HTTP status; 0: none
  std::string description;

  [[nodiscard]] bool succeeded() const { return outcome == ApiOutcome::ok; }
};

// Never throws. A non-2xx status with an unparsable body is classified by the status alone.
[[nodiscard]] ApiResult classify_response(int http_status, std::string_view body);

// The request never got an answer (DNS, connect, TLS, timeout, cancelled): always transient.
[[nodiscard]] inline ApiResult network_error(std::string_view what) {
  return no_answer_result<ApiResult>(what);
}

[[nodiscard]] std::string_view to_string(ApiOutcome outcome);

}  // namespace wgbot::zalo_bot
