#include "fakes/fake_telegram.hpp"

#include "fakes/multipart_reader.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <algorithm>
#include <array>
#include <fstream>
#include <future>
#include <sstream>
#include <stdexcept>

#include "bot/http/router.hpp"

namespace wgbot::testing {

using nlohmann::json;

namespace {

constexpr std::array<std::string_view, 12> kMethods = {
    "getMe",           "getUpdates",    "setWebhook",  "deleteWebhook",
    "getWebhookInfo",  "setMyCommands", "sendMessage", "answerCallbackQuery",
    "editMessageText", "logOut",        "sendPhoto",   "sendDocument"};

http::Response json_response(int status, std::string body) {
  http::Response response;
  response.status = status;
  response.content_type = "application/json";
  response.body = std::move(body);
  return response;
}

std::string ok_true() {
  return R"({"ok":true,"result":true})";
}

}  // namespace

std::string read_fixture(const std::string& relative_path) {
  const std::string path = std::string(WGBOT_FIXTURES_DIR) + "/" + relative_path;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read fixture " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

struct FakeTelegram::ParkedPoll {
  ParkedPoll(boost::asio::io_context& ioc, http::Responder r, std::optional<std::int64_t> o)
      : responder(std::move(r)), offset(o), timer(ioc) {}
  http::Responder responder;
  std::optional<std::int64_t> offset;
  boost::asio::steady_timer timer;
};

FakeTelegram::FakeTelegram() {
  auto router = std::make_shared<http::Router>();
  for (std::string_view method : kMethods) {
    const std::string name(method);
    router->add("POST", "/bot" + std::string(kToken) + "/" + name,
                [this, name](http::Request request, http::Responder responder) {
                  handle(name, std::move(request), std::move(responder));
                });
  }
  http::ServerOptions options;
  options.host = "127.0.0.1";
  options.port = 0;
  server_ = std::make_unique<http::HttpServer>(ioc_, options, router);
  server_->start();
  thread_ = std::thread([this] {
    auto guard = boost::asio::make_work_guard(ioc_);
    ioc_.run();
  });
}

FakeTelegram::~FakeTelegram() {
  // Answer held polls and close connections while the io_context still runs, so that no
  // Responder or timer outlives it.
  std::promise<void> answered;
  boost::asio::post(ioc_, [this, &answered] {
    answer_parked_polls();
    answered.set_value();
  });
  answered.get_future().wait();
  auto closed = std::make_shared<std::promise<void>>();
  server_->shutdown(std::chrono::milliseconds{500}, [closed] { closed->set_value(); });
  closed->get_future().wait_for(std::chrono::seconds{2});
  ioc_.stop();
  thread_.join();
}

std::string FakeTelegram::base_url() const {
  return "http://127.0.0.1:" + std::to_string(port());
}

void FakeTelegram::set_clock(const Clock* clock) {
  std::lock_guard lock(mu_);
  clock_ = clock;
}

void FakeTelegram::push_response(const std::string& method, int status, std::string body,
                                 const std::string& chat_id) {
  std::lock_guard lock(mu_);
  canned_[method].push_back(Canned{status, std::move(body), chat_id});
}

void FakeTelegram::push_fixture(const std::string& method, int status, const std::string& fixture,
                                const std::string& chat_id) {
  push_response(method, status, read_fixture(fixture), chat_id);
}

void FakeTelegram::queue_update(const std::string& update_json) {
  const json update = json::parse(update_json);
  {
    std::lock_guard lock(mu_);
    updates_.emplace_back(update.at("update_id").get<std::int64_t>(), update.dump());
  }
  boost::asio::post(ioc_, [this] { answer_parked_polls(); });
}

void FakeTelegram::set_max_poll_hold(std::chrono::milliseconds hold) {
  std::lock_guard lock(mu_);
  max_hold_ = hold;
}

void FakeTelegram::set_webhook_url(std::string url) {
  std::lock_guard lock(mu_);
  webhook_url_ = std::move(url);
}

std::string FakeTelegram::webhook_url() const {
  std::lock_guard lock(mu_);
  return webhook_url_;
}

std::vector<RecordedCall> FakeTelegram::calls() const {
  std::lock_guard lock(mu_);
  return calls_;
}

std::vector<RecordedCall> FakeTelegram::calls(std::string_view method) const {
  std::lock_guard lock(mu_);
  std::vector<RecordedCall> out;
  for (const auto& call : calls_) {
    if (call.method == method) out.push_back(call);
  }
  return out;
}

std::size_t FakeTelegram::count(std::string_view method) const {
  return calls(method).size();
}

bool FakeTelegram::wait_for(std::string_view method, std::size_t n,
                            std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mu_);
  return changed_.wait_for(lock, timeout, [&] {
    std::size_t seen = 0;
    for (const auto& call : calls_) seen += call.method == method ? 1 : 0;
    return seen >= n;
  });
}

void FakeTelegram::handle(const std::string& method, http::Request request,
                          http::Responder responder) {
  json body = json::parse(request.body, nullptr, false);
  if (body.is_discarded()) body = json::object();
  std::vector<UploadedFile> files;
  if (const auto parts = read_multipart(request.header("Content-Type"), request.body)) {
    for (const auto& part : *parts) {
      if (!part.filename.empty()) {
        files.push_back(UploadedFile{part.name, part.filename, part.content_type, part.data});
        continue;
      }
      json value = json::parse(part.data, nullptr, false);
      body[part.name] = value.is_object() || value.is_array() ? value : json(part.data);
    }
  }
  std::optional<std::pair<int, std::string>> canned;
  {
    std::lock_guard lock(mu_);
    const auto now =
        clock_ != nullptr
            ? clock_->now()
            : std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    calls_.push_back(RecordedCall{method, body, now, std::move(files)});
    if (auto it = canned_.find(method); it != canned_.end()) {
      const std::string chat = body.contains("chat_id") ? body.at("chat_id").dump() : "";
      auto& queue = it->second;
      const auto match = std::find_if(queue.begin(), queue.end(), [&](const Canned& c) {
        return c.chat_id.empty() || c.chat_id == chat;
      });
      if (match != queue.end()) {
        canned.emplace(match->status, std::move(match->body));
        queue.erase(match);
      }
    }
  }
  changed_.notify_all();
  if (canned) {
    responder.send(json_response(canned->first, std::move(canned->second)));
    return;
  }
  if (method == "getUpdates") {
    std::optional<std::int64_t> offset;
    if (body.contains("offset")) offset = body.at("offset").get<std::int64_t>();
    serve_updates(offset, std::chrono::seconds{body.value("timeout", 0)}, std::move(responder));
    return;
  }
  responder.send(default_answer(method, body));
}

http::Response FakeTelegram::default_answer(const std::string& method, const json& body) {
  std::lock_guard lock(mu_);
  if (method == "getMe") return json_response(200, read_fixture("telegram/getMe_response.json"));
  if (method == "setWebhook") {
    webhook_url_ = body.value("url", "");
    return json_response(200, ok_true());
  }
  if (method == "deleteWebhook") {
    webhook_url_.clear();
    return json_response(200, ok_true());
  }
  if (method == "getWebhookInfo") {
    const json info = {{"ok", true},
                       {"result",
                        {{"url", webhook_url_},
                         {"has_custom_certificate", false},
                         {"pending_update_count", 0},
                         {"max_connections", 40}}}};
    return json_response(200, info.dump());
  }
  if (method == "sendPhoto" || method == "sendDocument") {
    const json sent = {{"ok", true},
                       {"result",
                        {{"message_id", ++next_message_id_},
                         {"date", 1795569300},
                         {"chat", {{"id", body.value("chat_id", json(0))}}},
                         {"caption", body.value("caption", "")}}}};
    return json_response(200, sent.dump());
  }
  if (method == "sendMessage" || method == "editMessageText") {
    const json sent = {{"ok", true},
                       {"result",
                        {{"message_id", body.value("message_id", ++next_message_id_)},
                         {"date", 1795569300},
                         {"chat", {{"id", body.value("chat_id", json(0))}}},
                         {"text", body.value("text", "")}}}};
    return json_response(200, sent.dump());
  }
  return json_response(200, ok_true());
}

void FakeTelegram::serve_updates(std::optional<std::int64_t> offset, std::chrono::seconds timeout,
                                 http::Responder responder) {
  std::unique_lock lock(mu_);
  if (!webhook_url_.empty()) {
    lock.unlock();
    responder.send(json_response(409, read_fixture("telegram/error_409_webhook_active.json")));
    return;
  }
  const bool available = std::any_of(updates_.begin(), updates_.end(),
                                     [&](const auto& u) { return !offset || u.first >= *offset; });
  if (available || timeout.count() == 0) {
    std::string answer = take_updates_locked(offset);
    lock.unlock();
    responder.send(json_response(200, std::move(answer)));
    return;
  }
  auto parked = std::make_shared<ParkedPoll>(ioc_, std::move(responder), offset);
  parked_.push_back(parked);
  parked->timer.expires_after(std::min<std::chrono::milliseconds>(timeout, max_hold_));
  parked->timer.async_wait([this, parked](const boost::system::error_code&) {
    std::unique_lock inner(mu_);
    const auto it = std::find(parked_.begin(), parked_.end(), parked);
    if (it == parked_.end()) return;  // already answered
    parked_.erase(it);
    std::string answer = take_updates_locked(parked->offset);
    inner.unlock();
    parked->responder.send(json_response(200, std::move(answer)));
  });
}

std::string FakeTelegram::take_updates_locked(std::optional<std::int64_t> offset) {
  if (offset) {
    while (!updates_.empty() && updates_.front().first < *offset) updates_.pop_front();
  }
  std::string result = R"({"ok":true,"result":[)";
  bool first = true;
  for (const auto& [id, text] : updates_) {
    if (!first) result += ",";
    result += text;
    first = false;
  }
  return result + "]}";
}

// On the fake's io thread: updates arrived, so answer every held long poll now.
void FakeTelegram::answer_parked_polls() {
  std::vector<std::shared_ptr<ParkedPoll>> polls;
  {
    std::lock_guard lock(mu_);
    polls.swap(parked_);
  }
  for (auto& poll : polls) {
    std::string answer;
    {
      std::lock_guard lock(mu_);
      answer = take_updates_locked(poll->offset);
    }
    poll->timer.cancel();
    poll->responder.send(json_response(200, std::move(answer)));
  }
}

}  // namespace wgbot::testing
