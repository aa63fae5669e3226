// The OAuth call that trades the single-use refresh token for a new access + refresh pair:
// POST <oauth_base_url>/v4/oa/access_token, form-encoded, the app secret in a `secret_key`
// header (not in the body).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "bot/http/http_client.hpp"

namespace wgbot::zalo_oa {

struct RefreshRequest {
  std::string oauth_base_url;
  std::string app_id;
  std::string app_secret;
  std::string refresh_token;
};

struct RefreshAnswer {
  bool ok = false;
  std::string access_token;
  std::string refresh_token;
  std::chrono::seconds expires_in{0};
  std::string error;  // why it failed, without any token, for the log and the audit
};

// `application/x-www-form-urlencoded` escaping of one value.
[[nodiscard]] std::string form_encode(std::string_view value);

[[nodiscard]] http::ClientRequest build_refresh_request(const RefreshRequest& request);

// Success needs both tokens. `expires_in` is documented as a string ("90000"); a number is
// accepted too, and a missing or unreadable one counts as one hour, so the bot refreshes early
// rather than sending with a dead token.
[[nodiscard]] RefreshAnswer parse_refresh_answer(const http::ClientResponse& response);

}  // namespace wgbot::zalo_oa
