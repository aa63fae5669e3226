#include "bot/http/url.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace wgbot::http {

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool has_control_or_space(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c <= 0x20 || c == 0x7f;
  });
}

bool is_host_char(char ch) {
  const auto c = static_cast<unsigned char>(ch);
  return std::isalnum(c) != 0 || ch == '-' || ch == '.' || ch == '_';
}

std::optional<unsigned short> parse_port(std::string_view text) {
  unsigned value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || value == 0 || value > 65535) {
    return std::nullopt;
  }
  return static_cast<unsigned short>(value);
}

// Host and optional port from the authority; false if malformed.
bool parse_authority(std::string_view authority, Url& url) {
  std::string_view port_text;
  if (authority.starts_with('[')) {
    const auto close = authority.find(']');
    if (close == std::string_view::npos || close == 1) return false;
    const auto literal = authority.substr(1, close - 1);
    if (!std::all_of(literal.begin(), literal.end(), [](char ch) {
          return std::isxdigit(static_cast<unsigned char>(ch)) != 0 || ch == ':' || ch == '.';
        })) {
      return false;
    }
    url.host = lower(literal);
    const auto rest = authority.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return false;
      port_text = rest.substr(1);
      if (port_text.empty()) return false;
    }
  } else {
    const auto colon = authority.find(':');
    const auto host = authority.substr(0, colon);
    if (host.empty() || !std::all_of(host.begin(), host.end(), is_host_char)) return false;
    url.host = lower(host);
    if (colon != std::string_view::npos) {
      port_text = authority.substr(colon + 1);
      if (port_text.empty()) return false;
    }
  }
  if (!port_text.empty()) {
    const auto port = parse_port(port_text);
    if (!port) return false;
    url.port = *port;
  }
  return true;
}

}  // namespace

std::string Url::origin() const {
  const std::string shown = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  return scheme + "://" + shown + ":" + std::to_string(port);
}

std::string Url::host_header() const {
  const std::string shown = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  const unsigned short default_port = tls() ? 443 : 80;
  return port == default_port ? shown : shown + ":" + std::to_string(port);
}

std::optional<Url> parse_url(std::string_view text) {
  if (has_control_or_space(text)) return std::nullopt;
  const auto scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos) return std::nullopt;
  Url url;
  url.scheme = lower(text.substr(0, scheme_end));
  if (url.scheme != "http" && url.scheme != "https") return std::nullopt;
  url.port = url.tls() ? 443 : 80;

  auto rest = text.substr(scheme_end + 3);
  rest = rest.substr(0, rest.find('#'));
  const auto authority_end = rest.find_first_of("/?");
  const auto authority = rest.substr(0, authority_end);
  if (authority.find('@') != std::string_view::npos) return std::nullopt;
  if (!parse_authority(authority, url)) return std::nullopt;

  const auto target =
      authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);
  if (target.empty()) {
    url.target = "/";
  } else if (target.front() == '?') {
    url.target = "/" + std::string(target);
  } else {
    url.target = std::string(target);
  }
  return url;
}

}  // namespace wgbot::http
