// Where the OA's tokens live: one row of the `state` table holding the access token, its expiry
// and the refresh token together, so a pair is replaced whole or not at all. The refresh token
// is single use: once Zalo has answered a refresh, only the new pair works, so it must be stored
// before it is used.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace wgbot::storage {
class Connection;
}

namespace wgbot::zalo_oa {

inline constexpr std::string_view kTokenStateKey = "zalo_oa.tokens";

struct TokenPair {
  std::string access_token;  // "" until the first refresh
  std::string refresh_token;
  std::int64_t expires_at = 0;  // Unix seconds; 0: unknown, refresh before use
  // SHA-256 (hex) of the configured refresh token this chain was seeded from: a new value in the
  // configuration (an admin granted the app again) starts a new chain.
  std::string seeded_from;
};

[[nodiscard]] std::string seed_fingerprint(std::string_view configured_refresh_token);

[[nodiscard]] std::optional<TokenPair> load_tokens(storage::Connection& db);
// Replaces the stored pair; call inside one writer job.
void save_tokens(storage::Connection& db, const TokenPair& pair);

// The stored pair, or, on the first start (or after the configured refresh token changed), a
// new chain seeded from `configured_refresh_token` and stored. Call inside one writer job.
[[nodiscard]] TokenPair load_or_seed_tokens(storage::Connection& db,
                                            std::string_view configured_refresh_token);

}  // namespace wgbot::zalo_oa
