// What every platform's webhook needs: the URL it registers, and to trust a request, a secret it
// gave the platform's API (setWebhook) and compares against a request header.
#pragma once

#include <string>
#include <string_view>

namespace wgbot::storage {
class Writer;
}

namespace wgbot {

// `public_url` (trailing '/' dropped) + `path`: where the platform is told to post.
[[nodiscard]] std::string webhook_url(std::string_view public_url, std::string_view path);

// Equal strings, compared in time independent of where they differ (the length may leak).
[[nodiscard]] bool secrets_equal(std::string_view a, std::string_view b);

// 43 characters of A-Z a-z 0-9 _ - (258 bits): accepted by Telegram and by Zalo Bot (8–256).
[[nodiscard]] std::string generate_webhook_secret();

// `configured` if not empty, else the secret generated on first use and kept in the state table
// under `state_key`, so a restart keeps the secret the platform already knows. Blocks on the
// writer: start-up and CLI only.
[[nodiscard]] std::string resolve_webhook_secret(const std::string& configured,
                                                 std::string_view state_key,
                                                 storage::Writer& writer);

}  // namespace wgbot
