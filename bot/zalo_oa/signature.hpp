// The OA webhook's `X-ZEvent-Signature`: "mac=" + lowercase hex SHA-256 (plain, not HMAC) of
// app id ‖ raw body ‖ the body's `timestamp` value ‖ OA secret key, concatenated without
// separators. Computed over the bytes as received: re-serialised JSON would change key order,
// spacing and escapes, and so the digest.
#pragma once

#include <string>
#include <string_view>

namespace wgbot::zalo_oa {

inline constexpr std::string_view kSignatureHeader = "X-ZEvent-Signature";

// Lowercase hex SHA-256 of first ‖ body ‖ timestamp ‖ secret.
[[nodiscard]] std::string event_mac(std::string_view first, std::string_view body,
                                    std::string_view timestamp, std::string_view secret);

// True when `header` ("mac=<hex>", the prefix optional, hex in any case) is the MAC of `body`
// for `app_id`, `timestamp` and `secret`. Compared in constant time; an empty secret or header
// never matches.
[[nodiscard]] bool signature_matches(std::string_view header, std::string_view app_id,
                                     std::string_view body, std::string_view timestamp,
                                     std::string_view secret);

// The hex digest part of a header value: without "mac=", lowercased.
[[nodiscard]] std::string header_digest(std::string_view header);

}  // namespace wgbot::zalo_oa
