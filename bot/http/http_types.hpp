// Boost-free HTTP request/response types shared by the server, the router and the endpoints.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace wgbot::http {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method;  // as sent, e.g. "POST" (methods are case-sensitive)
  std::string target;  // as sent, e.g. "/webhook/telegram?x=1"
  std::string path;    // target without the query
  std::string query;   // after '?', undecoded; "" if none
  HeaderList headers;  // in arrival order, names as sent
  std::string body;
  std::string remote;  // "ip:port" of the peer
  // Set by the server: "<connection>-<request number>", unique while the process runs. Every
  // answer carries it as X-Request-Id, and the log lines about this request name it.
  std::string id;

  // Case-insensitive lookup of the first header with this name; "" if absent.
  [[nodiscard]] std::string_view header(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
  HeaderList headers;  // extra headers; the server sets Content-Length, Connection and Server
};

[[nodiscard]] Response text_response(int status, std::string body);

// Answers one request exactly once. `send` may be called from any thread (e.g. the storage
// thread finishing a job); a Responder destroyed without an answer answers 500 by itself, so no
// request goes unanswered. If the connection is gone by then, answering is a harmless no-op.
class Responder {
 public:
  using Deliver = std::function<void(Response)>;

  Responder() = default;  // answers nothing; for moved-into slots
  // `deliver` receives the one answer (a 500 if the Responder dies unsent). Endpoint tests can
  // pass a lambda that records the response.
  explicit Responder(Deliver deliver) : deliver_(std::move(deliver)) {}
  // Moved-from Responders are empty (std::function leaves its source unspecified).
  Responder(Responder&& other) noexcept : deliver_(std::move(other.deliver_)) {
    other.deliver_ = nullptr;
  }
  Responder& operator=(Responder&& other) noexcept;
  Responder(const Responder&) = delete;
  Responder& operator=(const Responder&) = delete;
  ~Responder();

  // The first call answers; later calls (and calls on a moved-from Responder) do nothing.
  void send(Response response);
  // True until the answer has been sent.
  [[nodiscard]] bool pending() const { return static_cast<bool>(deliver_); }

 private:
  void answer_unsent() noexcept;

  Deliver deliver_;
};

}  // namespace wgbot::http
