// Splits an absolute http(s) URL into what a client needs to connect and what it may log.
// Pure and Boost-free.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace wgbot::http {

struct Url {
  std::string scheme;  // "http" or "https", lower case
  std::string host;    // lower case; an IPv6 literal without its brackets
  unsigned short port = 0;
  std::string target;  // "/path?query", "/" when empty; may hold a secret — never log it

  [[nodiscard]] bool tls() const { return scheme == "https"; }
  // "scheme://host:port": safe to log and used as the connection pool key.
  [[nodiscard]] std::string origin() const;
  // The Host header: the port only when it is not the scheme's default.
  [[nodiscard]] std::string host_header() const;
};

// `http://host[:port][/path][?query][#fragment]` or `https://…`; the fragment is dropped.
// Userinfo (`user@host`), other schemes, bad ports and control characters are refused.
[[nodiscard]] std::optional<Url> parse_url(std::string_view text);

}  // namespace wgbot::http
