#include "fakes/fake_zalo_bot.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <algorithm>
#include <array>
#include <future>
#include <optional>

#include "bot/http/router.hpp"
#include "fakes/fake_telegram.hpp"

namespace wgbot::testing {

using nlohmann::json;

namespace {

constexpr std::array<std::string_view, 8> kMethods = {
    "getMe",          "getUpdates",  "setWebhook", "deleteWebhook",
    "getWebhookInfo", "sendMessage", "sendPhoto",  "sendChatAction"};

http::Response json_response(int status, std::string body) {
  http::Response response;
  response.status = status;
  response.content_type = "application/json";
  response.body = std::move(body);
  return response;
}

// Zalo answers an idle long poll with error 408 (fixture getUpdates_timeout_408.json).
http::Response no_update() {
  return json_response(408, read_fixture("zalo-bot/getUpdates_timeout_408.json"));
}

http::Response update_answer(const std::string& update) {
  return json_response(200, R"({"ok":true,"result":)" + update + "}");
}

}  // namespace

struct FakeZaloBot::ParkedPoll {
  ParkedPoll(boost::asio::io_context& ioc, http::Responder r)
      : responder(std::move(r)), timer(ioc) {}
  http::Responder responder;
  boost::asio::steady_timer timer;
};

FakeZaloBot::FakeZaloBot() {
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

FakeZaloBot::~FakeZaloBot() {
  // Answer held polls and close connections while the io_context still runs, so that no
  // Responder or timer outlives it.
  std::promise<void> answered;
  boost::asio::post(ioc_, [this, &answered] {
    std::vector<std::shared_ptr<ParkedPoll>> polls;
    {
      std::lock_guard lock(mu_);
      polls.swap(parked_);
    }
    for (auto& poll : polls) {
      poll->timer.cancel();
      poll->responder.send(no_update());
    }
    answered.set_value();
  });
  answered.get_future().wait();
  auto closed = std::make_shared<std::promise<void>>();
  server_->shutdown(std::chrono::milliseconds{500}, [closed] { closed->set_value(); });
  closed->get_future().wait_for(std::chrono::seconds{2});
  ioc_.stop();
  thread_.join();
}

std::string FakeZaloBot::base_url() const {
  return "http://127.0.0.1:" + std::to_string(server_->port());
}

void FakeZaloBot::push_response(const std::string& method, int status, std::string body) {
  std::lock_guard lock(mu_);
  canned_[method].emplace_back(status, std::move(body));
}

void FakeZaloBot::queue_update(const std::string& update_json) {
  {
    std::lock_guard lock(mu_);
    updates_.push_back(json::parse(update_json).dump());
  }
  boost::asio::post(ioc_, [this] { answer_parked_polls(); });
}

void FakeZaloBot::set_max_poll_hold(std::chrono::milliseconds hold) {
  std::lock_guard lock(mu_);
  max_hold_ = hold;
}

std::vector<ZaloCall> FakeZaloBot::calls(std::string_view method) const {
  std::lock_guard lock(mu_);
  std::vector<ZaloCall> out;
  for (const auto& call : calls_) {
    if (call.method == method) out.push_back(call);
  }
  return out;
}

std::size_t FakeZaloBot::count(std::string_view method) const {
  return calls(method).size();
}

std::vector<std::string> FakeZaloBot::texts_to(const std::string& chat_id) const {
  std::vector<std::string> texts;
  for (const auto& call : calls("sendMessage")) {
    if (call.body.value("chat_id", "") == chat_id) texts.push_back(call.body.value("text", ""));
  }
  return texts;
}

std::vector<std::string> FakeZaloBot::words_to(const std::string& chat_id) const {
  std::lock_guard lock(mu_);
  std::vector<std::string> words;
  for (const auto& call : calls_) {
    if (call.body.value("chat_id", "") != chat_id) continue;
    if (call.method == "sendMessage") words.push_back(call.body.value("text", ""));
    if (call.method == "sendPhoto" && call.body.contains("caption")) {
      words.push_back(call.body.value("caption", ""));
    }
  }
  return words;
}

std::vector<ZaloPhoto> FakeZaloBot::photos_to(const std::string& chat_id) const {
  std::vector<ZaloPhoto> photos;
  for (const auto& call : calls("sendPhoto")) {
    if (call.body.value("chat_id", "") != chat_id) continue;
    photos.push_back(ZaloPhoto{call.body.value("chat_id", ""), call.body.value("photo", ""),
                               call.body.value("caption", "")});
  }
  return photos;
}

bool FakeZaloBot::wait_for(std::string_view method, std::size_t n,
                           std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mu_);
  return changed_.wait_for(lock, timeout, [&] {
    return static_cast<std::size_t>(std::count_if(calls_.begin(), calls_.end(), [&](const auto& c) {
             return c.method == method;
           })) >= n;
  });
}

std::vector<std::string> FakeZaloBot::wait_for_texts(const std::string& chat_id, std::size_t n,
                                                     std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mu_);
  changed_.wait_for(lock, timeout, [&] {
    return static_cast<std::size_t>(std::count_if(calls_.begin(), calls_.end(), [&](const auto& c) {
             return c.method == "sendMessage" && c.body.value("chat_id", "") == chat_id;
           })) >= n;
  });
  lock.unlock();
  return texts_to(chat_id);
}

void FakeZaloBot::handle(const std::string& method, http::Request request,
                         http::Responder responder) {
  json body = json::parse(request.body, nullptr, false);
  if (body.is_discarded()) body = json::object();
  std::optional<std::pair<int, std::string>> canned;
  {
    std::lock_guard lock(mu_);
    calls_.push_back(ZaloCall{method, body});
    if (auto it = canned_.find(method); it != canned_.end() && !it->second.empty()) {
      canned = std::move(it->second.front());
      it->second.pop_front();
    }
  }
  changed_.notify_all();
  if (canned) {
    responder.send(json_response(canned->first, std::move(canned->second)));
    return;
  }
  if (method == "getUpdates") {
    serve_update(std::chrono::seconds{body.value("timeout", 0)}, std::move(responder));
    return;
  }
  responder.send(default_answer(method, body));
}

http::Response FakeZaloBot::default_answer(const std::string& method, const json& body) {
  if (method == "getMe") return json_response(200, read_fixture("zalo-bot/getMe_response.json"));
  if (method == "setWebhook") {
    return json_response(200, read_fixture("zalo-bot/setWebhook_response.json"));
  }
  if (method == "sendMessage" || method == "sendPhoto") {
    std::lock_guard lock(mu_);
    const json sent = {
        {"ok", true},
        {"result",
         {{"message_id", "fake" + std::to_string(++next_message_id_)}, {"date", 1795569303456}}}};
    return json_response(200, sent.dump());
  }
  (void)body;
  if (method == "sendChatAction") return json_response(200, R"({"ok":true})");
  return json_response(200, R"({"ok":true,"result":{"url":"","updated_at":1795569300000}})");
}

void FakeZaloBot::serve_update(std::chrono::seconds timeout, http::Responder responder) {
  std::unique_lock lock(mu_);
  if (!updates_.empty()) {
    std::string update = std::move(updates_.front());
    updates_.pop_front();
    lock.unlock();
    responder.send(update_answer(update));
    return;
  }
  if (timeout.count() == 0) {
    lock.unlock();
    responder.send(no_update());
    return;
  }
  auto parked = std::make_shared<ParkedPoll>(ioc_, std::move(responder));
  parked_.push_back(parked);
  parked->timer.expires_after(std::min<std::chrono::milliseconds>(timeout, max_hold_));
  parked->timer.async_wait([this, parked](const boost::system::error_code&) {
    std::unique_lock inner(mu_);
    const auto it = std::find(parked_.begin(), parked_.end(), parked);
    if (it == parked_.end()) return;  // already answered
    parked_.erase(it);
    inner.unlock();
    parked->responder.send(no_update());
  });
}

// On the fake's io thread: an update arrived, so the oldest held long poll gets it.
void FakeZaloBot::answer_parked_polls() {
  std::shared_ptr<ParkedPoll> poll;
  std::string update;
  {
    std::lock_guard lock(mu_);
    if (parked_.empty() || updates_.empty()) return;
    poll = parked_.front();
    parked_.erase(parked_.begin());
    update = std::move(updates_.front());
    updates_.pop_front();
  }
  poll->timer.cancel();
  poll->responder.send(update_answer(update));
}

}  // namespace wgbot::testing
