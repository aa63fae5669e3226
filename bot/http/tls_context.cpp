#include "bot/http/tls_context.hpp"

#include <stdexcept>

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>

namespace wgbot::http::detail {

namespace ssl = boost::asio::ssl;

ssl::context make_client_tls_context(const ClientOptions& options) {
  ssl::context ctx(ssl::context::tls_client);
  ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                  ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
  SSL_CTX_set_min_proto_version(ctx.native_handle(), TLS1_2_VERSION);
  ctx.set_verify_mode(ssl::verify_peer);
  boost::system::error_code ec;
  if (options.use_system_ca) {
    ctx.set_default_verify_paths(ec);
    if (ec) throw std::runtime_error("cannot use the system CA store: " + ec.message());
  }
  if (!options.extra_ca_file.empty()) {
    ctx.load_verify_file(options.extra_ca_file, ec);
    if (ec) {
      throw std::runtime_error("cannot load CA file " + options.extra_ca_file + ": " +
                               ec.message());
    }
  }
  return ctx;
}

std::string prepare_tls_stream(boost::beast::ssl_stream<boost::beast::tcp_stream>& stream,
                               const std::string& host) {
  boost::system::error_code ec;
  boost::asio::ip::make_address(host, ec);
  const bool is_ip_literal = !ec;
  // SNI carries host names only (RFC 6066).
  if (!is_ip_literal && SSL_set_tlsext_host_name(stream.native_handle(), host.c_str()) != 1) {
    return "cannot set SNI";
  }
  stream.set_verify_mode(ssl::verify_peer);
  stream.set_verify_callback(
      [check = ssl::host_name_verification(host)](bool preverified,
                                                  ssl::verify_context& context) mutable {
        const bool ok = check(preverified, context);
        // Name the reason; OpenSSL would report an "unspecified" verification error.
        if (preverified && !ok) {
          X509_STORE_CTX_set_error(context.native_handle(), X509_V_ERR_HOSTNAME_MISMATCH);
        }
        return ok;
      },
      ec);
  if (ec) return "cannot set host-name verification: " + ec.message();
  return {};
}

}  // namespace wgbot::http::detail
