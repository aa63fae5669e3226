#include "bot/zalo_bot/api_client.hpp"

#include "bot/platform/bot_api_calls.hpp"

namespace wgbot::zalo_bot {

using nlohmann::json;

using Calls = BotApiCalls<ApiResult>;

struct ApiClient::Shared {
  Calls calls;
};

ApiClient::ApiClient(http::HttpClient& http, std::string api_base_url, std::string token)
    : shared_(std::make_shared<Shared>(Shared{Calls(http, std::move(api_base_url), std::move(token),
                                                    classify_response, network_error)})) {}

void ApiClient::call(std::string_view method, const json& body, Done done,
                     std::chrono::milliseconds timeout) {
  shared_->calls.call(method, body, timeout, std::move(done));
}

void ApiClient::get_me(Done done) {
  call("getMe", json::object(), std::move(done));
}

void ApiClient::get_updates(std::chrono::seconds timeout, Done done) {
  call("getUpdates", json{{"timeout", timeout.count()}}, std::move(done), timeout + kPollSlack);
}

void ApiClient::set_webhook(const std::string& url, const std::string& secret_token, Done done) {
  call("setWebhook", json{{"url", url}, {"secret_token", secret_token}}, std::move(done));
}

void ApiClient::delete_webhook(Done done) {
  call("deleteWebhook", json::object(), std::move(done));
}

void ApiClient::send_message(const std::string& chat_id, const std::string& text, Done done) {
  call("sendMessage", json{{"chat_id", chat_id}, {"text", text}}, std::move(done));
}

void ApiClient::send_photo(const std::string& chat_id, const std::string& photo_url,
                           const std::string& caption, Done done) {
  json body{{"chat_id", chat_id}, {"photo", photo_url}};
  if (!caption.empty()) body["caption"] = caption;
  call("sendPhoto", body, std::move(done));
}

void ApiClient::send_typing(const std::string& chat_id, Done done) {
  call("sendChatAction", json{{"chat_id", chat_id}, {"action", "typing"}}, std::move(done));
}

}  // namespace wgbot::zalo_bot
