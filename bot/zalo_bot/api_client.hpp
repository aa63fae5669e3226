// The Zalo Bot API methods wgbot calls: POST <api_base_url>/bot<token>/<method> with a JSON
// body, answered as a classified ApiResult. The token is part of every URL, so neither the URL
// nor the token is ever logged here; callers log the method name and the outcome.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "bot/zalo_bot/api_result.hpp"

namespace wgbot::http {
class HttpClient;
}

namespace wgbot::zalo_bot {

// Long-poll length of getUpdates; the HTTP timeout adds kPollSlack so that Zalo answers first.
inline constexpr std::chrono::seconds kPollTimeout{30};
inline constexpr std::chrono::seconds kPollSlack{10};
// Every other method.
inline constexpr std::chrono::seconds kCallTimeout{15};

class ApiClient {
 public:
  using Done = std::function<void(ApiResult)>;

  // `api_base_url`: scheme, host and port, e.g. "https://bot-api.zaloplatforms.com" (a trailing
  // '/' is ignored). `http` must outlive the client.
  ApiClient(http::HttpClient& http, std::string api_base_url, std::string token);

  // Any method (names are case-sensitive); `done` runs once on the HTTP client's io_context.
  void call(std::string_view method, const nlohmann::json& body, Done done,
            std::chrono::milliseconds timeout = kCallTimeout);

  void get_me(Done done);
  // One update in `result`, or outcome no_update (408) when none came within `timeout`.
  void get_updates(std::chrono::seconds timeout, Done done);
  void set_webhook(const std::string& url, const std::string& secret_token, Done done);
  void delete_webhook(Done done);
  void send_message(const std::string& chat_id, const std::string& text, Done done);
  // A photo Zalo fetches from `photo_url` (HTTP(S); Zalo takes no upload), with `caption`
  // (<= 2000 characters) under it unless it is empty.
  void send_photo(const std::string& chat_id, const std::string& photo_url,
                  const std::string& caption, Done done);
  // Shows "typing…" in the chat (the only action Zalo offers).
  void send_typing(const std::string& chat_id, Done done);

 private:
  struct Shared;
  std::shared_ptr<Shared> shared_;
};

}  // namespace wgbot::zalo_bot
