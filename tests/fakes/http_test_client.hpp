// A small blocking HTTP/1.1 client for tests that talk to a server on 127.0.0.1. Every operation
// gives up after a timeout, so a broken server fails a test instead of hanging it.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace wgbot::test {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

inline constexpr std::chrono::milliseconds kClientTimeout{5000};

struct HttpResult {
  int status = 0;  // 0: no response; see `error`
  std::string body;
  HeaderList headers;
  std::string error;  // transport or parse error; "" on success

  // Case-insensitive; "" if absent.
  [[nodiscard]] std::string header(std::string_view name) const;
};

// One request on a fresh connection ("Connection: close").
HttpResult http_request(unsigned short port, std::string_view method, std::string_view target,
                        std::string_view body = {}, const HeaderList& headers = {});

// A connection kept open across calls: keep-alive, raw bytes, and waiting for the server to
// close it.
class HttpTestConnection {
 public:
  explicit HttpTestConnection(unsigned short port,
                              std::chrono::milliseconds timeout = kClientTimeout);
  ~HttpTestConnection();
  HttpTestConnection(const HttpTestConnection&) = delete;
  HttpTestConnection& operator=(const HttpTestConnection&) = delete;

  [[nodiscard]] bool connected() const;
  [[nodiscard]] const std::string& connect_error() const;

  // A keep-alive request; reads one response.
  HttpResult request(std::string_view method, std::string_view target, std::string_view body = {},
                     const HeaderList& headers = {});
  // Writes `bytes` as they are, then reads one response (a 1xx counts as one).
  HttpResult send_raw(std::string_view bytes);
  // Writes `bytes` without reading; returns the error text, "" on success.
  std::string write_raw(std::string_view bytes);
  // Reads one response without writing.
  HttpResult read_response();
  // Waits until the server closes the connection (end of stream or reset); data that arrives
  // meanwhile is dropped. False if still open after `timeout`.
  bool wait_closed(std::chrono::milliseconds timeout);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace wgbot::test
