#include "bot/zalo_oa/api_result.hpp"

#include <nlohmann/json.hpp>

namespace wgbot::zalo_oa {

OaOutcome outcome_of_error(int error) {
  switch (error) {
    case 0:
      return OaOutcome::ok;
    case -216:
    case -220:
      return OaOutcome::token_invalid;
    case -230:
    case -232:
      return OaOutcome::outside_window;
    case -32:
    case -211:
      return OaOutcome::throttled;
    case -209:
    case -212:
    case -219:
    case -221:
    case -223:
    case -224:
      return OaOutcome::needs_admin;
    default:
      return OaOutcome::rejected;
  }
}

OaResult classify_response(const http::ClientResponse& response) {
  OaResult out;
  if (response.status == 0) {
    out.description = response.error;
    return out;
  }
  out.answered = true;
  const auto body = nlohmann::json::parse(response.body, nullptr, false);
  const bool envelope =
      body.is_object() && body.contains("error") && body["error"].is_number_integer();
  if (response.status != 200 || !envelope) {
    out.description = "HTTP " + std::to_string(response.status);
    return out;  // transient: a proxy's error page, a 5xx, a 429
  }
  out.error = body["error"].get<int>();
  if (const auto message = body.find("message"); message != body.end() && message->is_string()) {
    out.description = message->get<std::string>();
  }
  out.outcome = outcome_of_error(out.error);
  return out;
}

}  // namespace wgbot::zalo_oa
