// An outbound HTTP/1.1 client for the platforms' APIs: https:// with certificate and host-name
// verification against the system CA store and SNI, or plain http:// for tests and emulators;
// keep-alive connections reused per host; a timeout on every phase. Boost-free header.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace boost::asio {
class io_context;
}

namespace wgbot::http {

struct ClientRequest {
  std::string method = "POST";
  std::string url;  // "https://api.telegram.org/bot<token>/sendMessage" — never logged
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::chrono::milliseconds timeout{std::chrono::seconds(35)};  // whole request after connect
};

struct ClientResponse {
  int status = 0;  // 0 when no HTTP answer arrived; see `error`
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string error;  // network, TLS or timeout error; "" when an answer arrived
};

struct ClientOptions {
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(10)};
  std::string extra_ca_file;  // PEM file trusted in addition to (or instead of) the system store
  bool use_system_ca = true;  // tests with a private CA set this to false
  std::size_t max_idle_per_host = 128;  // as many as a sender may have in flight
  // Longer answers fail with an error instead of growing memory without bound.
  std::size_t max_body_bytes = std::size_t{16} * 1024 * 1024;
};

class HttpClient {
 public:
  using Done = std::function<void(ClientResponse)>;

  HttpClient(boost::asio::io_context& ioc, ClientOptions options = {});
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends `request`; `done` runs exactly once on the io_context with the answer or the error.
  void request(ClientRequest request, Done done);

  // Closes idle connections; requests in flight finish or fail.
  void close_idle();

  // Where `done` runs (for async_request in http_client_awaitable.hpp).
  [[nodiscard]] boost::asio::io_context& context() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace wgbot::http
