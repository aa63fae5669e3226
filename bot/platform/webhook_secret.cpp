#include "bot/platform/webhook_secret.hpp"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <array>
#include <stdexcept>

#include "storage/audit_repository.hpp"
#include "storage/connection.hpp"
#include "storage/writer.hpp"

namespace wgbot {

std::string webhook_url(std::string_view public_url, std::string_view path) {
  while (!public_url.empty() && public_url.back() == '/') public_url.remove_suffix(1);
  return std::string(public_url) + std::string(path);
}

bool secrets_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string generate_webhook_secret() {
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
  std::array<unsigned char, 43> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    throw std::runtime_error("cannot generate a webhook secret: no randomness");
  }
  std::string secret;
  for (unsigned char b : bytes) secret += kAlphabet[b % kAlphabet.size()];
  return secret;
}

std::string resolve_webhook_secret(const std::string& configured, std::string_view state_key,
                                   storage::Writer& writer) {
  if (!configured.empty()) return configured;
  return writer.run([key = std::string(state_key)](storage::Connection& db) {
    storage::StateRepository state(db);
    if (auto kept = state.get(key); kept && !kept->empty()) return *kept;
    std::string secret = generate_webhook_secret();
    state.set(key, secret);
    return secret;
  });
}

}  // namespace wgbot
