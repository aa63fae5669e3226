// Internal to the HTTP client's .cpp files (includes Boost): the TLS settings every outbound
// connection shares — TLS 1.2+, peer verification against the system store and/or a PEM file,
// SNI and host-name verification per connection.
#pragma once

#include <string>

#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "bot/http/http_client.hpp"

namespace wgbot::http::detail {

// Throws std::runtime_error when the CA file cannot be loaded (a start-up error). With neither
// the system store nor a file, every certificate is refused: the client fails closed.
[[nodiscard]] boost::asio::ssl::context make_client_tls_context(const ClientOptions& options);

// SNI (for names, not IP literals) and verification of `host` against the certificate.
// Returns "" or the error.
[[nodiscard]] std::string prepare_tls_stream(
    boost::beast::ssl_stream<boost::beast::tcp_stream>& stream, const std::string& host);

}  // namespace wgbot::http::detail
