#include "bot/zalo_oa/token_store.hpp"

#include <nlohmann/json.hpp>

#include "bot/zalo_oa/signature.hpp"
#include "storage/audit_repository.hpp"

namespace wgbot::zalo_oa {

using nlohmann::json;

std::string seed_fingerprint(std::string_view configured_refresh_token) {
  return event_mac("", configured_refresh_token, "", "");  // plain SHA-256
}

std::optional<TokenPair> load_tokens(storage::Connection& db) {
  const auto stored = storage::StateRepository(db).get(std::string(kTokenStateKey));
  if (!stored) return std::nullopt;
  const json value = json::parse(*stored, nullptr, false);
  if (!value.is_object()) return std::nullopt;
  TokenPair pair;
  pair.access_token = value.value("access_token", std::string());
  pair.refresh_token = value.value("refresh_token", std::string());
  pair.expires_at = value.value("expires_at", std::int64_t{0});
  pair.seeded_from = value.value("seeded_from", std::string());
  return pair;
}

void save_tokens(storage::Connection& db, const TokenPair& pair) {
  const json value = {{"access_token", pair.access_token},
                      {"refresh_token", pair.refresh_token},
                      {"expires_at", pair.expires_at},
                      {"seeded_from", pair.seeded_from}};
  storage::StateRepository(db).set(std::string(kTokenStateKey), value.dump());
}

TokenPair load_or_seed_tokens(storage::Connection& db, std::string_view configured_refresh_token) {
  const std::string fingerprint = seed_fingerprint(configured_refresh_token);
  if (auto stored = load_tokens(db); stored && stored->seeded_from == fingerprint) return *stored;
  TokenPair seeded;
  seeded.refresh_token = std::string(configured_refresh_token);
  seeded.seeded_from = fingerprint;
  save_tokens(db, seeded);
  return seeded;
}

}  // namespace wgbot::zalo_oa
