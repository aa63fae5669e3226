// The OA API's answers reduced to what the caller must do. Errors arrive with HTTP 200 and a
// non-zero `error` in the envelope {"data":…,"error":<int>,"message":"…"}, so the status line
// alone says little.
#pragma once

#include <string>

#include "bot/http/http_client.hpp"

namespace wgbot::zalo_oa {

enum class OaOutcome {
  ok,              // error 0
  token_invalid,   // -216 / -220: refresh the access token, then retry once
  outside_window,  // -230 / -232: the user has not written in 7 days; wait for them
  throttled,       // -32 app rate limit, -211 out of quota: back off
  needs_admin,     // app or OA not set up (removed, not activated, not granted, not verified)
  rejected,        // this request will not succeed (bad parameter, not a follower, banned, …)
  transient,       // 5xx, network, timeout, an answer that is not the envelope
};

struct OaResult {
  OaOutcome outcome = OaOutcome::transient;
  int error = 0;            // the envelope's code; 0 when there was none
  std::string description;  // its message, the HTTP status or the network error, for the log
  bool answered = false;    // the API answered at all
};

[[nodiscard]] OaResult classify_response(const http::ClientResponse& response);

// The outcome of an envelope error code; unknown negative codes are `rejected` (logged), so an
// unexpected answer cannot make the sender loop.
[[nodiscard]] OaOutcome outcome_of_error(int error);

}  // namespace wgbot::zalo_oa
