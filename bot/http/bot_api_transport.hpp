// The request shape Telegram's and Zalo's Bot APIs share: POST <api_base_url>/bot<token>/<method>
// with a JSON body (or a multipart/form-data one to upload a file). Each platform's ApiClient
// classifies the answer its own way. The token is part of every URL, so neither the URL nor the
// token is ever logged here.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/http/http_client.hpp"
#include "bot/http/multipart.hpp"

namespace wgbot::http {

class BotApiTransport {
 public:
  // `api_base_url`: scheme, host and port (a trailing '/' is ignored). `http` must outlive this.
  BotApiTransport(HttpClient& http, std::string api_base_url, std::string token);

  // `answered` runs once on the HTTP client's io_context, with status 0 when no answer came.
  void post(std::string_view method, const nlohmann::json& body, std::chrono::milliseconds timeout,
            std::function<void(const ClientResponse&)> answered);
  // The same call with the body already written as JSON text.
  void post_json(std::string_view method, std::string body_json, std::chrono::milliseconds timeout,
                 std::function<void(const ClientResponse&)> answered);
  // The same call with a multipart/form-data body (a file upload).
  void post_form(std::string_view method, const std::vector<FormPart>& parts,
                 std::chrono::milliseconds timeout,
                 std::function<void(const ClientResponse&)> answered);

 private:
  HttpClient& http_;
  std::string base_url_;  // without trailing '/'
  std::string token_;
};

// Why no answer came (`error`, or "no answer" when the client gave none).
[[nodiscard]] std::string no_answer_reason(const ClientResponse& response);

}  // namespace wgbot::http
