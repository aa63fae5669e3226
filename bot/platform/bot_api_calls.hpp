// A Bot-API-style client's calls over BotApiTransport, each answer handed on as the platform's
// own classified result: `no_answer(reason)` when no HTTP answer came, else
// `classify(status, body)`. Telegram's and Zalo Bot's ApiClient keep only their method names and
// bodies. Boost-free.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/http/bot_api_transport.hpp"

namespace wgbot {

template <typename Result>
class BotApiCalls {
 public:
  using Done = std::function<void(Result)>;
  using Classify = Result (*)(int http_status, std::string_view body);
  using NoAnswer = Result (*)(std::string_view what);

  // `api_base_url`: scheme, host and port (a trailing '/' is ignored). `http` must outlive this.
  BotApiCalls(http::HttpClient& http, std::string api_base_url, std::string token,
              Classify classify, NoAnswer no_answer)
      : transport_(http, std::move(api_base_url), std::move(token)),
        classify_(classify),
        no_answer_(no_answer) {}

  // POST <method> with a JSON body; `done` runs once on the HTTP client's io_context.
  void call(std::string_view method, const nlohmann::json& body, std::chrono::milliseconds timeout,
            Done done) {
    transport_.post(method, body, timeout, answered(std::move(done), classify_));
  }
  // The same with the body already written as JSON text, and the answer read by `classify`
  // (null: the client's own).
  void call_json(std::string_view method, std::string&& body_json,
                 std::chrono::milliseconds timeout, Done done, Classify classify = nullptr) {
    transport_.post_json(method, std::move(body_json), timeout,
                         answered(std::move(done), classify != nullptr ? classify : classify_));
  }
  // The same with a multipart/form-data body (a file upload).
  void call_form(std::string_view method, const std::vector<http::FormPart>& parts,
                 std::chrono::milliseconds timeout, Done done) {
    transport_.post_form(method, parts, timeout, answered(std::move(done), classify_));
  }

  // For a method whose answer is read another way (e.g. a batch of updates).
  [[nodiscard]] http::BotApiTransport& transport() { return transport_; }

 private:
  std::function<void(const http::ClientResponse&)> answered(Done done, Classify classify) const {
    return
        [done = std::move(done), classify, no_answer = no_answer_](const http::ClientResponse& r) {
          done(r.status == 0 ? no_answer(http::no_answer_reason(r)) : classify(r.status, r.body));
        };
  }

  http::BotApiTransport transport_;
  Classify classify_;
  NoAnswer no_answer_;
};

}  // namespace wgbot
