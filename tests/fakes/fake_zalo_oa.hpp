// A fake Zalo OA API and OAuth server on 127.0.0.1:0 (a FakeHttpServer). It records every call,
// answers customer-service sends from the fixtures (only with an access token it issued), can be
// told to answer the next send with an error (-216, -230, …), and serves the token endpoint:
// each refresh issues a new pair and retires the refresh token it was given.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "fakes/fake_http_server.hpp"

namespace wgbot::testing {

struct OaCall {
  std::string path;
  std::string access_token;  // the header, for sends
  nlohmann::json body;       // JSON sends
  std::string form;          // token requests, as sent
};

struct OaDelivered {
  std::string user_id;
  std::string text;
  std::string access_token;
};

class FakeZaloOa {
 public:
  static constexpr std::string_view kAppId = "2871045937716548123";
  static constexpr std::string_view kAppSecret = "app-secret-for-tests";
  static constexpr std::string_view kOaSecret = "hN4q8XzV2bLk7TmRw9Ps";
  static constexpr std::string_view kSeedRefreshToken = "seed-refresh-token";
  static constexpr std::string_view kSendPath = "/v3.0/oa/message/cs";
  static constexpr std::string_view kTokenPath = "/v4/oa/access_token";

  // How long a refresh token lives once a newer one is issued. Zalo documents single use
  // (strict); `until_successor_used` keeps it valid until the new one is first used, the model
  // under which a bot that lost the new pair in a crash can still recover.
  enum class Rotation { strict, until_successor_used };

  FakeZaloOa();
  ~FakeZaloOa();
  FakeZaloOa(const FakeZaloOa&) = delete;
  FakeZaloOa& operator=(const FakeZaloOa&) = delete;

  [[nodiscard]] std::string base_url() const;

  void set_rotation(Rotation rotation);
  // The next send gets this envelope error (with HTTP 200), read from the fixtures when one
  // exists for the code.
  void fail_next_send(int error);
  // Every token request fails from now on (true) or succeeds again (false).
  void fail_refreshes(bool fail);

  [[nodiscard]] std::vector<OaCall> calls(std::string_view path) const;
  [[nodiscard]] std::size_t count(std::string_view path) const;
  // Sends answered with success, in order.
  [[nodiscard]] std::vector<OaDelivered> delivered() const;
  [[nodiscard]] std::vector<OaDelivered> delivered_to(const std::string& user_id) const;
  // The access tokens issued so far, oldest first.
  [[nodiscard]] std::vector<std::string> issued_access_tokens() const;
  [[nodiscard]] bool refresh_token_works(const std::string& token) const;

  // Wait (real time, for I/O) until `n` sends succeeded to `user_id` / `n` calls reached `path`.
  std::vector<OaDelivered> wait_for_delivered(const std::string& user_id, std::size_t n,
                                              std::chrono::seconds timeout = std::chrono::seconds{
                                                  10});
  bool wait_for_calls(std::string_view path, std::size_t n,
                      std::chrono::milliseconds timeout = std::chrono::seconds{10}) const;

  // "mac=<hex>" for `body` as the OA would sign it (app id ‖ body ‖ timestamp ‖ OA secret).
  [[nodiscard]] static std::string sign(const std::string& body);
  // A user_send_text event, serialised once: post exactly these bytes.
  [[nodiscard]] static std::string text_event(const std::string& user_id, const std::string& msg_id,
                                              const std::string& text, std::int64_t at_ms);

 private:
  test::FakeReply handle(const http::Request& request);
  test::FakeReply answer_send(const http::Request& request);
  test::FakeReply answer_token(const http::Request& request);
  void record(OaCall call);

  mutable std::mutex mu_;
  mutable std::condition_variable changed_;
  std::vector<OaCall> calls_;
  std::vector<OaDelivered> delivered_;
  std::deque<int> send_errors_;
  std::set<std::string> live_refresh_tokens_;
  std::set<std::string> live_access_tokens_;
  std::vector<std::string> issued_access_;
  std::vector<std::string> issued_refresh_;
  Rotation rotation_ = Rotation::strict;
  bool fail_refreshes_ = false;
  int next_token_ = 0;
  int next_message_ = 0;
  std::unique_ptr<test::FakeHttpServer> server_;  // last: stops before the state it uses goes
};

}  // namespace wgbot::testing
