#include "bot/zalo_oa/signature.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <array>
#include <cctype>

namespace wgbot::zalo_oa {

namespace {

constexpr std::string_view kMacPrefix = "mac=";

std::string to_hex(const unsigned char* bytes, unsigned int size) {
  static constexpr std::string_view kDigits = "0123456789abcdef";
  std::string out;
  out.reserve(std::size_t{size} * 2);
  for (unsigned int i = 0; i < size; ++i) {
    out += kDigits[bytes[i] >> 4U];
    out += kDigits[bytes[i] & 0x0FU];
  }
  return out;
}

// Equal strings, in time independent of where they differ (their length may leak; a digest's
// length is public anyway).
bool digests_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || a.empty()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

std::string event_mac(std::string_view first, std::string_view body, std::string_view timestamp,
                      std::string_view secret) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  const bool ok = ctx != nullptr && EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr) == 1 &&
                  EVP_DigestUpdate(ctx, first.data(), first.size()) == 1 &&
                  EVP_DigestUpdate(ctx, body.data(), body.size()) == 1 &&
                  EVP_DigestUpdate(ctx, timestamp.data(), timestamp.size()) == 1 &&
                  EVP_DigestUpdate(ctx, secret.data(), secret.size()) == 1 &&
                  EVP_DigestFinal_ex(ctx, digest.data(), &size) == 1;
  EVP_MD_CTX_free(ctx);
  return ok ? to_hex(digest.data(), size) : std::string();
}

std::string header_digest(std::string_view header) {
  if (header.size() >= kMacPrefix.size() && header.substr(0, kMacPrefix.size()) == kMacPrefix) {
    header.remove_prefix(kMacPrefix.size());
  }
  std::string out(header);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool signature_matches(std::string_view header, std::string_view app_id, std::string_view body,
                       std::string_view timestamp, std::string_view secret) {
  if (header.empty() || secret.empty()) return false;
  const std::string expected = event_mac(app_id, body, timestamp, secret);
  return digests_equal(header_digest(header), expected);
}

}  // namespace wgbot::zalo_oa
