#include "fakes/fake_zalo_oa.hpp"

#include <algorithm>
#include <map>

#include "bot/zalo_oa/event_parser.hpp"
#include "bot/zalo_oa/signature.hpp"
#include "fakes/fake_telegram.hpp"

namespace wgbot::testing {

using nlohmann::json;

namespace {

http::Response json_answer(const json& body) {
  http::Response response;
  response.status = 200;
  response.content_type = "application/json";
  response.body = body.dump();
  return response;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += text[i] == '+' ? ' ' : text[i];
    }
  }
  return out;
}

std::map<std::string, std::string> parse_form(std::string_view form) {
  std::map<std::string, std::string> out;
  for (std::size_t start = 0; start <= form.size();) {
    const std::size_t amp = std::min(form.find('&', start), form.size());
    const std::string_view pair = form.substr(start, amp - start);
    const std::size_t eq = pair.find('=');
    if (eq != std::string_view::npos) {
      out[percent_decode(pair.substr(0, eq))] = percent_decode(pair.substr(eq + 1));
    }
    start = amp + 1;
  }
  return out;
}

json error_envelope(int error) {
  if (error == -216) return json::parse(read_fixture("zalo-oa/error_-216_invalid_token.json"));
  if (error == -230) return json::parse(read_fixture("zalo-oa/error_-230_outside_7_days.json"));
  return {{"error", error}, {"message", "error " + std::to_string(error)}};
}

}  // namespace

FakeZaloOa::FakeZaloOa() {
  live_refresh_tokens_.insert(std::string(kSeedRefreshToken));
  issued_refresh_.emplace_back(kSeedRefreshToken);
  server_ = std::make_unique<test::FakeHttpServer>(
      [this](const test::FakeExchange& exchange) { return handle(exchange.request); });
}

FakeZaloOa::~FakeZaloOa() {
  server_.reset();
}

std::string FakeZaloOa::base_url() const {
  return server_->base_url();
}

void FakeZaloOa::set_rotation(Rotation rotation) {
  std::lock_guard lock(mu_);
  rotation_ = rotation;
}

void FakeZaloOa::fail_next_send(int error) {
  std::lock_guard lock(mu_);
  send_errors_.push_back(error);
}

void FakeZaloOa::fail_refreshes(bool fail) {
  std::lock_guard lock(mu_);
  fail_refreshes_ = fail;
}

test::FakeReply FakeZaloOa::handle(const http::Request& request) {
  if (request.method == "POST" && request.path == kSendPath) return answer_send(request);
  if (request.method == "POST" && request.path == kTokenPath) return answer_token(request);
  return test::FakeReply::respond(404, "not found");
}

void FakeZaloOa::record(OaCall call) {
  {
    std::lock_guard lock(mu_);
    calls_.push_back(std::move(call));
  }
  changed_.notify_all();
}

test::FakeReply FakeZaloOa::answer_send(const http::Request& request) {
  const std::string token(request.header("access_token"));
  const json body = json::parse(request.body, nullptr, false);
  record(OaCall{request.path, token, body, {}});
  std::lock_guard lock(mu_);
  if (!send_errors_.empty()) {
    const int error = send_errors_.front();
    send_errors_.pop_front();
    return test::FakeReply::respond(json_answer(error_envelope(error)));
  }
  if (!live_access_tokens_.contains(token)) {
    return test::FakeReply::respond(json_answer(error_envelope(-216)));
  }
  const std::string user = body.at("recipient").at("user_id").get<std::string>();
  delivered_.push_back(OaDelivered{user, body.at("message").at("text").get<std::string>(), token});
  changed_.notify_all();
  json answer = json::parse(read_fixture("zalo-oa/message_cs_response.json"));
  answer["data"]["message_id"] = "fake-msg-" + std::to_string(++next_message_);
  answer["data"]["user_id"] = user;
  return test::FakeReply::respond(json_answer(answer));
}

test::FakeReply FakeZaloOa::answer_token(const http::Request& request) {
  record(OaCall{request.path, {}, {}, request.body});
  const auto form = parse_form(request.body);
  std::lock_guard lock(mu_);
  const auto field = [&](const std::string& key) {
    const auto it = form.find(key);
    return it == form.end() ? std::string() : it->second;
  };
  const std::string given = field("refresh_token");
  const bool valid = !fail_refreshes_ && request.header("secret_key") == kAppSecret &&
                     field("app_id") == kAppId && field("grant_type") == "refresh_token" &&
                     live_refresh_tokens_.contains(given);
  if (!valid) {
    return test::FakeReply::respond(json_answer({{"error", -14014},
                                                 {"error_name", "invalid_refresh_token"},
                                                 {"error_description", "Invalid refresh token"}}));
  }
  if (rotation_ == Rotation::strict) {
    live_refresh_tokens_.erase(given);
  } else {  // the given token is now used: everything issued before it dies
    const auto used = std::find(issued_refresh_.begin(), issued_refresh_.end(), given);
    for (auto it = issued_refresh_.begin(); it != used; ++it) live_refresh_tokens_.erase(*it);
  }
  ++next_token_;
  json answer = json::parse(read_fixture("zalo-oa/oauth_refresh_response.json"));
  const std::string access = "access-" + std::to_string(next_token_);
  const std::string refresh = "refresh-" + std::to_string(next_token_);
  answer["access_token"] = access;
  answer["refresh_token"] = refresh;
  live_access_tokens_.insert(access);
  live_refresh_tokens_.insert(refresh);
  issued_access_.push_back(access);
  issued_refresh_.push_back(refresh);
  return test::FakeReply::respond(json_answer(answer));
}

std::vector<OaCall> FakeZaloOa::calls(std::string_view path) const {
  std::lock_guard lock(mu_);
  std::vector<OaCall> out;
  for (const auto& call : calls_) {
    if (call.path == path) out.push_back(call);
  }
  return out;
}

std::size_t FakeZaloOa::count(std::string_view path) const {
  return calls(path).size();
}

std::vector<OaDelivered> FakeZaloOa::delivered() const {
  std::lock_guard lock(mu_);
  return delivered_;
}

std::vector<OaDelivered> FakeZaloOa::delivered_to(const std::string& user_id) const {
  std::lock_guard lock(mu_);
  std::vector<OaDelivered> out;
  for (const auto& d : delivered_) {
    if (d.user_id == user_id) out.push_back(d);
  }
  return out;
}

std::vector<std::string> FakeZaloOa::issued_access_tokens() const {
  std::lock_guard lock(mu_);
  return issued_access_;
}

bool FakeZaloOa::refresh_token_works(const std::string& token) const {
  std::lock_guard lock(mu_);
  return live_refresh_tokens_.contains(token);
}

std::vector<OaDelivered> FakeZaloOa::wait_for_delivered(const std::string& user_id, std::size_t n,
                                                        std::chrono::seconds timeout) {
  {
    std::unique_lock lock(mu_);
    changed_.wait_for(lock, timeout, [&] {
      return static_cast<std::size_t>(
                 std::count_if(delivered_.begin(), delivered_.end(),
                               [&](const OaDelivered& d) { return d.user_id == user_id; })) >= n;
    });
  }
  return delivered_to(user_id);
}

bool FakeZaloOa::wait_for_calls(std::string_view path, std::size_t n,
                                std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mu_);
  return changed_.wait_for(lock, timeout, [&] {
    return static_cast<std::size_t>(std::count_if(
               calls_.begin(), calls_.end(), [&](const auto& c) { return c.path == path; })) >= n;
  });
}

std::string FakeZaloOa::sign(const std::string& body) {
  return "mac=" + zalo_oa::event_mac(kAppId, body, zalo_oa::event_timestamp(body), kOaSecret);
}

std::string FakeZaloOa::text_event(const std::string& user_id, const std::string& msg_id,
                                   const std::string& text, std::int64_t at_ms) {
  const json event = {{"app_id", kAppId},
                      {"sender", {{"id", user_id}}},
                      {"recipient", {{"id", "4318720066135098412"}}},
                      {"event_name", "user_send_text"},
                      {"message", {{"text", text}, {"msg_id", msg_id}}},
                      {"timestamp", std::to_string(at_ms)}};
  return event.dump();
}

}  // namespace wgbot::testing
