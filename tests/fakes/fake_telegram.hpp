// A fake Telegram Bot API server on 127.0.0.1:0, built on the project's own HttpServer. It
// records every call (method + JSON body, or a multipart upload's fields and files, + the time on
// the test's clock), serves getUpdates
// from a queue (holding a long poll open until updates arrive or a short real-time cap passes),
// keeps the webhook URL that setWebhook / deleteWebhook set, and answers with queued canned
// responses (429, 500, 403, migrate, …) before its defaults.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <nlohmann/json.hpp>

#include "bot/http/http_server.hpp"
#include "core/clock.hpp"

namespace wgbot::testing {

// A file under tests/fixtures, e.g. "telegram/getMe_response.json"; throws if unreadable.
std::string read_fixture(const std::string& relative_path);

struct UploadedFile {
  std::string field;  // "photo", "document"
  std::string filename;
  std::string content_type;
  std::string bytes;
};

struct RecordedCall {
  std::string method;
  // The JSON body; for a multipart upload, its text fields (a field holding a JSON object or
  // array, such as reply_markup, parsed).
  nlohmann::json body;
  std::chrono::sys_seconds at{};      // the test clock's time when the call arrived
  std::vector<UploadedFile> files{};  // a multipart upload's files
};

class FakeTelegram {
 public:
  static constexpr std::string_view kToken = "7812345601:AAFakeTokenForTests_abcdefghijklmn";

  FakeTelegram();
  ~FakeTelegram();
  FakeTelegram(const FakeTelegram&) = delete;
  FakeTelegram& operator=(const FakeTelegram&) = delete;

  [[nodiscard]] unsigned short port() const { return server_->port(); }
  [[nodiscard]] std::string base_url() const;  // "http://127.0.0.1:PORT"

  // Calls are stamped with this clock's time (system time until set).
  void set_clock(const Clock* clock);

  // The next call of `method` (to `chat_id`, if given) gets this answer instead of the default;
  // answers are used in the order they were pushed.
  void push_response(const std::string& method, int status, std::string body,
                     const std::string& chat_id = "");
  void push_fixture(const std::string& method, int status, const std::string& fixture,
                    const std::string& chat_id = "");

  // getUpdates hands these out (update_id ascending, as queued); an update is forgotten once a
  // getUpdates call asks for a higher offset.
  void queue_update(const std::string& update_json);
  // Longest a getUpdates call is held open (real time) when nothing is queued.
  void set_max_poll_hold(std::chrono::milliseconds hold);
  void set_webhook_url(std::string url);
  [[nodiscard]] std::string webhook_url() const;

  [[nodiscard]] std::vector<RecordedCall> calls() const;
  [[nodiscard]] std::vector<RecordedCall> calls(std::string_view method) const;
  [[nodiscard]] std::size_t count(std::string_view method) const;
  // Waits (real time, for I/O) until `method` was called at least `n` times.
  bool wait_for(std::string_view method, std::size_t n,
                std::chrono::milliseconds timeout = std::chrono::seconds{5}) const;

 private:
  struct ParkedPoll;

  void handle(const std::string& method, http::Request request, http::Responder responder);
  http::Response default_answer(const std::string& method, const nlohmann::json& body);
  void serve_updates(std::optional<std::int64_t> offset, std::chrono::seconds timeout,
                     http::Responder responder);
  // Under mu_: the queued updates from `offset` on, as a getUpdates answer; forgets older ones.
  std::string take_updates_locked(std::optional<std::int64_t> offset);
  void answer_parked_polls();

  boost::asio::io_context ioc_;
  std::unique_ptr<http::HttpServer> server_;
  std::thread thread_;

  mutable std::mutex mu_;
  mutable std::condition_variable changed_;
  const Clock* clock_ = nullptr;
  std::vector<RecordedCall> calls_;
  struct Canned {
    int status;
    std::string body;
    std::string chat_id;  // "" = any chat
  };
  std::map<std::string, std::deque<Canned>> canned_;
  std::deque<std::pair<std::int64_t, std::string>> updates_;
  std::vector<std::shared_ptr<ParkedPoll>> parked_;
  std::chrono::milliseconds max_hold_{200};
  std::string webhook_url_;
  std::int64_t next_message_id_ = 9000;
};

}  // namespace wgbot::testing
