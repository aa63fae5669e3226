// Classifies a Bot API answer (ok with a result, or an error_code with a description and
// parameters) into what the sender should do next: go on, wait and resend, resend to another
// chat, stop sending to the chat, or drop the request.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "bot/platform/bot_api_result.hpp"

namespace wgbot::telegram {

enum class ApiOutcome {
  ok,            // `result` holds the method's answer
  retry_after,   // flood control: wait `retry_after`, then resend the same request
  migrate,       // the group became a supergroup: resend to `migrate_to_chat_id`
  chat_gone,     // blocked, kicked or chat not found: stop sending to this chat
  not_modified,  // editMessageText with identical content: nothing to do, counts as success
  bad_request,   // other 4xx: this request will never succeed; drop it and log
  unauthorized,  // 401: the token is wrong; nothing will work until it is fixed
  conflict,      // 409: another poller, or getUpdates while a webhook is set
  transient,     // 5xx, network error, unparsable answer: retry with backoff
};

struct ApiResult {
  ApiOutcome outcome = ApiOutcome::transient;
  nlohmann::json result;  // the `result` field when outcome is ok
  int error_code = 0;     // Telegram's error_code, else the HTTP status (0: no answer)
  std::string description;
  std::chrono::seconds retry_after{0};  // for retry_after, always >= 1 s
  std::string migrate_to_chat_id;       // for migrate

  [[nodiscard]] bool succeeded() const {
    return outcome == ApiOutcome::ok || outcome == ApiOutcome::not_modified;
  }
};

// `http_status` is the HTTP status of the answer and `body` its body. Telegram's `error_code` and
// `parameters` decide first; `description` only tells 400 sub-cases apart. Never throws.
[[nodiscard]] ApiResult classify_response(int http_status, std::string_view body);
// The same for a call whose result nobody reads (sendMessage: the message comes back whole):
// `result` stays null, skipped as the answer is read.
[[nodiscard]] ApiResult classify_send_response(int http_status, std::string_view body);

// The request never got an answer (DNS, connect, TLS, timeout): always transient.
[[nodiscard]] inline ApiResult network_error(std::string_view what) {
  return no_answer_result<ApiResult>(what);
}

[[nodiscard]] std::string_view to_string(ApiOutcome outcome);

}  // namespace wgbot::telegram
