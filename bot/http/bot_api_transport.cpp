#include "bot/http/bot_api_transport.hpp"

#include <utility>

namespace wgbot::http {

BotApiTransport::BotApiTransport(HttpClient& http, std::string api_base_url, std::string token)
    : http_(http), base_url_(std::move(api_base_url)), token_(std::move(token)) {
  while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
}

void BotApiTransport::post(std::string_view method, const nlohmann::json& body,
                           std::chrono::milliseconds timeout,
                           std::function<void(const ClientResponse&)> answered) {
  // Message text is user input: invalid UTF-8 must not make dump() throw.
  post_json(method, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), timeout,
            std::move(answered));
}

void BotApiTransport::post_json(std::string_view method, std::string body_json,
                                std::chrono::milliseconds timeout,
                                std::function<void(const ClientResponse&)> answered) {
  ClientRequest request;
  request.method = "POST";
  request.url = base_url_ + "/bot" + token_ + "/" + std::string(method);
  request.content_type = "application/json";
  request.body = std::move(body_json);
  request.timeout = timeout;
  http_.request(std::move(request), std::move(answered));
}

void BotApiTransport::post_form(std::string_view method, const std::vector<FormPart>& parts,
                                std::chrono::milliseconds timeout,
                                std::function<void(const ClientResponse&)> answered) {
  MultipartBody form = build_multipart(parts);
  ClientRequest request;
  request.method = "POST";
  request.url = base_url_ + "/bot" + token_ + "/" + std::string(method);
  request.content_type = std::move(form.content_type);
  request.body = std::move(form.body);
  request.timeout = timeout;
  http_.request(std::move(request), std::move(answered));
}

std::string no_answer_reason(const ClientResponse& response) {
  return response.error.empty() ? "no answer" : response.error;
}

}  // namespace wgbot::http
