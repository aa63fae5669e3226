#include "handlers/admin/invite_code.hpp"

#include <openssl/rand.h>

#include <array>
#include <stdexcept>
#include <string_view>

namespace wgbot {

namespace {
constexpr std::string_view kAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
constexpr std::size_t kLength = 10;
}  // namespace

std::string make_invite_code() {
  static_assert(kAlphabet.size() == 32);
  std::array<unsigned char, kLength> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    throw std::runtime_error("no random bytes for an invite code");
  }
  std::string code;
  code.reserve(kLength);
  // 256 is a multiple of 32: taking the low 5 bits keeps every character equally likely.
  for (const unsigned char b : bytes) code += kAlphabet[b & 0x1FU];
  return code;
}

std::string normalize_invite_code(std::string_view typed) {
  std::string code;
  for (const char c : typed) {
    if (c == ' ' || c == '-') continue;
    code += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return code;
}

}  // namespace wgbot
