#include "bot/platform/webhook_registration.hpp"

#include <boost/asio/io_context.hpp>

#include <utility>

namespace wgbot {

std::optional<WebhookRegistration> registration_refused(bool token_set, std::string_view token_key,
                                                        const std::string& public_url) {
  WebhookRegistration out;
  if (!token_set) {
    out.error = std::string(token_key) + " is not set";
    return out;
  }
  if (public_url.empty()) {
    out.error = "public_url is not set (without it the bot uses long polling)";
    return out;
  }
  return std::nullopt;
}

WebhookRegistration registration_failed(std::string_view method, const std::string& description) {
  WebhookRegistration out;
  out.error = std::string(method) + " failed: " + description;
  return out;
}

struct RegistrationRun::Impl {
  explicit Impl(const http::ClientOptions& client) : http(ioc, client) {}

  boost::asio::io_context ioc;
  http::HttpClient http;
};

RegistrationRun::RegistrationRun(const http::ClientOptions& client)
    : impl_(std::make_unique<Impl>(client)) {}

RegistrationRun::~RegistrationRun() = default;

http::HttpClient& RegistrationRun::http() {
  return impl_->http;
}

WebhookRegistration RegistrationRun::run(const std::function<void(const Finish&)>& begin,
                                         std::string_view unanswered) {
  std::optional<WebhookRegistration> out;
  begin([&out](WebhookRegistration result) { out = std::move(result); });
  while (!out && impl_->ioc.run_one() > 0) {
  }
  if (out) return std::move(*out);
  WebhookRegistration none;
  none.error = std::string(unanswered);
  return none;
}

}  // namespace wgbot
