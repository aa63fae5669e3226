#include "bot/zalo_bot/api_client.hpp"

#include "bot/http/http_client.hpp"

namespace wgbot::zalo_bot {

using nlohmann::json;

struct ApiClient::Shared {
  http::HttpClient& http;
  std::string base_url;  // without trailing '/'
  std::string token;
};

namespace {

// Message text is user input: invalid UTF-8 must not make dump() throw.
std::string serialize(const json& body) {
  return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

ApiClient::ApiClient(http::HttpClient& http, std::string api_base_url, std::string token)
    : shared_(std::make_shared<Shared>(Shared{http, std::move(api_base_url), std::move(token)})) {
  while (!shared_->base_url.empty() && shared_->base_url.back() == '/')
    shared_->base_url.pop_back();
}

void ApiClient::call(std::string_view method, const json& body, Done done,
                     std::chrono::milliseconds timeout) {
  http::ClientRequest request;
  request.method = "POST";
  request.url = shared_->base_url + "/bot" + shared_->token + "/" + std::string(method);
  request.content_type = "application/json";
  request.body = serialize(body);
  request.timeout = timeout;
  shared_->http.request(std::move(request),
                        [done = std::move(done)](const http::ClientResponse& r) {
                          if (r.status == 0) {
                            done(network_error(r.error.empty() ? "no answer" : r.error));
                            return;
                          }
                          done(classify_response(r.status, r.body));
                        });
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

}  // namespace wgbot::zalo_bot
