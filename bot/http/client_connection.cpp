#include "bot/http/client_connection.hpp"

#include <cerrno>
#include <utility>

#include <sys/socket.h>

namespace wgbot::http::detail {

ClientConnection::ClientConnection(asio::any_io_executor strand, std::string origin)
    : strand_(std::move(strand)),
      origin_(std::move(origin)),
      stream_(std::in_place_type<beast::tcp_stream>, strand_) {}

ClientConnection::ClientConnection(asio::any_io_executor strand, std::string origin,
                                   asio::ssl::context& tls)
    : strand_(std::move(strand)),
      origin_(std::move(origin)),
      stream_(std::in_place_type<TlsStream>, strand_, tls) {}

beast::tcp_stream& ClientConnection::tcp() {
  if (auto* tls_stream = tls()) return tls_stream->next_layer();
  return std::get<beast::tcp_stream>(stream_);
}

bool ClientConnection::looks_reusable() {
  auto& socket = tcp().socket();
  if (!socket.is_open()) return false;
  // A peek that must find nothing: EOF means the server closed the idle connection, bytes
  // mean it sent something unasked (for TLS, typically a close_notify alert).
  char byte = 0;
  const auto n = ::recv(socket.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

void ClientConnection::close() {
  boost::system::error_code ec;
  auto& socket = tcp().socket();
  if (!socket.is_open()) return;
  socket.shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  tcp().close();
}

std::shared_ptr<ClientConnection> ConnectionPool::take(const std::string& origin) {
  std::lock_guard lock(mu_);
  const auto it = idle_.find(origin);
  if (it == idle_.end() || it->second.empty()) return nullptr;
  auto connection = std::move(it->second.back());
  it->second.pop_back();
  if (it->second.empty()) idle_.erase(it);
  return connection;
}

bool ConnectionPool::put(std::shared_ptr<ClientConnection> connection) {
  std::lock_guard lock(mu_);
  if (closed_ || max_idle_ == 0) return false;
  auto& idle = idle_[connection->origin()];
  if (idle.size() >= max_idle_) return false;
  idle.push_back(std::move(connection));
  return true;
}

std::vector<std::shared_ptr<ClientConnection>> ConnectionPool::take_all(bool close_pool) {
  std::lock_guard lock(mu_);
  if (close_pool) closed_ = true;
  std::vector<std::shared_ptr<ClientConnection>> all;
  for (auto& [origin, idle] : idle_) {
    for (auto& connection : idle) all.push_back(std::move(connection));
  }
  idle_.clear();
  return all;
}

}  // namespace wgbot::http::detail
