// A fake Zalo Bot API server on 127.0.0.1:0, built on the project's own HttpServer. It records
// every call (method + JSON body; sendPhoto's chat_id, photo URL and caption among them),
// answers from the fixtures under tests/fixtures/zalo-bot, hands out queued updates through
// getUpdates ONE per call (holding a long poll open until one is queued, else answering 408
// after a short real-time cap), and answers with queued canned responses (429, 500, 401, …)
// before its defaults.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <nlohmann/json.hpp>

#include "bot/http/http_server.hpp"

namespace wgbot::testing {

struct ZaloCall {
  std::string method;
  nlohmann::json body;
};

// One sendPhoto as the fake received it.
struct ZaloPhoto {
  std::string chat_id;
  std::string url;      // `photo`
  std::string caption;  // "" when none was sent
};

class FakeZaloBot {
 public:
  static constexpr std::string_view kToken = "2204981736650142315:fakeZaloBotTokenForTests";

  FakeZaloBot();
  ~FakeZaloBot();
  FakeZaloBot(const FakeZaloBot&) = delete;
  FakeZaloBot& operator=(const FakeZaloBot&) = delete;

  [[nodiscard]] std::string base_url() const;  // "http://127.0.0.1:PORT"

  // The next call of `method` gets this answer instead of the default (in the order pushed).
  void push_response(const std::string& method, int status, std::string body);
  // getUpdates hands these out, one per call, in order (each as the `result` of an ok answer).
  void queue_update(const std::string& update_json);
  // Longest a getUpdates call is held open (real time) when nothing is queued; then 408.
  void set_max_poll_hold(std::chrono::milliseconds hold);

  [[nodiscard]] std::vector<ZaloCall> calls(std::string_view method) const;
  [[nodiscard]] std::size_t count(std::string_view method) const;
  // sendMessage calls to `chat_id`, in order.
  [[nodiscard]] std::vector<std::string> texts_to(const std::string& chat_id) const;
  // What `chat_id` was given to read, in order: sendMessage texts and sendPhoto captions.
  [[nodiscard]] std::vector<std::string> words_to(const std::string& chat_id) const;
  // sendPhoto calls to `chat_id`, in order.
  [[nodiscard]] std::vector<ZaloPhoto> photos_to(const std::string& chat_id) const;
  // Waits (real time, for I/O) until `method` was called at least `n` times.
  bool wait_for(std::string_view method, std::size_t n,
                std::chrono::milliseconds timeout = std::chrono::seconds{10}) const;
  // Waits until `chat_id` was sent at least `n` messages; returns their texts.
  std::vector<std::string> wait_for_texts(const std::string& chat_id, std::size_t n,
                                          std::chrono::milliseconds timeout = std::chrono::seconds{
                                              10}) const;

 private:
  struct ParkedPoll;

  void handle(const std::string& method, http::Request request, http::Responder responder);
  http::Response default_answer(const std::string& method, const nlohmann::json& body);
  void serve_update(std::chrono::seconds timeout, http::Responder responder);
  void answer_parked_polls();

  boost::asio::io_context ioc_;
  std::unique_ptr<http::HttpServer> server_;
  std::thread thread_;

  mutable std::mutex mu_;
  mutable std::condition_variable changed_;
  std::vector<ZaloCall> calls_;
  std::map<std::string, std::deque<std::pair<int, std::string>>> canned_;
  std::deque<std::string> updates_;
  std::vector<std::shared_ptr<ParkedPoll>> parked_;
  std::chrono::milliseconds max_hold_{200};
  int next_message_id_ = 0;
};

}  // namespace wgbot::testing
