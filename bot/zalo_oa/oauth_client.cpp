#include "bot/zalo_oa/oauth_client.hpp"

#include <cctype>
#include <charconv>

#include <nlohmann/json.hpp>

namespace wgbot::zalo_oa {

namespace {

using nlohmann::json;

constexpr std::chrono::seconds kAssumedLifetime{3600};

std::chrono::seconds lifetime_of(const json& body) {
  const auto it = body.find("expires_in");
  if (it == body.end()) return kAssumedLifetime;
  std::int64_t seconds = 0;
  if (it->is_number_integer()) {
    seconds = it->get<std::int64_t>();
  } else if (it->is_string()) {
    const auto& text = it->get_ref<const std::string&>();
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (error != std::errc() || end != text.data() + text.size()) seconds = 0;
  }
  return seconds > 0 ? std::chrono::seconds{seconds} : kAssumedLifetime;
}

std::string string_field(const json& body, std::string_view key) {
  const auto it = body.find(key);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The error fields Zalo's OAuth answers carry; the exact codes are not documented.
std::string describe_error(const json& body) {
  std::string out = "error " + (body.contains("error") ? body["error"].dump() : std::string("?"));
  for (std::string_view key : {"error_name", "error_reason", "error_description", "message"}) {
    const std::string value = string_field(body, key);
    if (!value.empty()) out += " " + std::string(key) + "=\"" + value + "\"";
  }
  return out;
}

}  // namespace

std::string form_encode(std::string_view value) {
  static constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out;
  for (const char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4U];
      out += kHex[byte & 0x0FU];
    }
  }
  return out;
}

http::ClientRequest build_refresh_request(const RefreshRequest& request) {
  std::string base = request.oauth_base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  http::ClientRequest out;
  out.method = "POST";
  out.url = base + "/v4/oa/access_token";
  out.content_type = "application/x-www-form-urlencoded";
  out.body = "refresh_token=" + form_encode(request.refresh_token) +
             "&app_id=" + form_encode(request.app_id) + "&grant_type=refresh_token";
  out.headers.emplace_back("secret_key", request.app_secret);
  out.timeout = std::chrono::seconds{20};
  return out;
}

RefreshAnswer parse_refresh_answer(const http::ClientResponse& response) {
  RefreshAnswer out;
  if (response.status == 0) {
    out.error = "network: " + response.error;
    return out;
  }
  const json body = json::parse(response.body, nullptr, false);
  if (!body.is_object()) {
    out.error = "HTTP " + std::to_string(response.status) + ", not JSON";
    return out;
  }
  out.access_token = string_field(body, "access_token");
  out.refresh_token = string_field(body, "refresh_token");
  if (response.status != 200 || out.access_token.empty() || out.refresh_token.empty()) {
    out.error = "HTTP " + std::to_string(response.status) + " " + describe_error(body);
    out.access_token.clear();
    out.refresh_token.clear();
    return out;
  }
  out.ok = true;
  out.expires_in = lifetime_of(body);
  return out;
}

}  // namespace wgbot::zalo_oa
