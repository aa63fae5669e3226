// `wgbot set-webhook` for a platform whose webhook is registered by an API call (Telegram, Zalo
// Bot): the checks every such platform makes first, and one registration run to its answer on a
// private io_context with its own HTTP client, outside the running bot. Boost-free header.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "bot/http/http_client.hpp"

namespace wgbot {

struct WebhookRegistration {
  bool ok = false;
  std::string error;    // why it failed (the API's description), for the user
  nlohmann::json info;  // what the API says about the webhook now (each platform's own fields)
};

// Why registering cannot start: the platform has no token (`token_key`, e.g. "telegram.token"),
// or there is no public URL to register. nullopt when both are set.
[[nodiscard]] std::optional<WebhookRegistration> registration_refused(
    bool token_set, std::string_view token_key, const std::string& public_url);

// "<method> failed: <description>".
[[nodiscard]] WebhookRegistration registration_failed(std::string_view method,
                                                      const std::string& description);

// One registration, start to answer. Blocks in run().
class RegistrationRun {
 public:
  using Finish = std::function<void(WebhookRegistration)>;

  explicit RegistrationRun(const http::ClientOptions& client);
  ~RegistrationRun();
  RegistrationRun(const RegistrationRun&) = delete;
  RegistrationRun& operator=(const RegistrationRun&) = delete;

  // For the platform's ApiClient; lives as long as this.
  [[nodiscard]] http::HttpClient& http();

  // Calls `begin(finish)` (which starts the platform's calls), then runs them until `finish` is
  // called; if the calls end without it, the result says `unanswered`.
  [[nodiscard]] WebhookRegistration run(const std::function<void(const Finish&)>& begin,
                                        std::string_view unanswered);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace wgbot
