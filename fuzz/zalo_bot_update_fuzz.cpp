// libFuzzer target: a Zalo Bot webhook body (wrapped or bare), with and without a bot name.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bot/zalo_bot/update_parser.hpp"

// libFuzzer calls the entry point by this name.
// NOLINTNEXTLINE(readability-identifier-naming)
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  static const std::vector<std::string> kNames{"ToCongTacHN", "Tổ công tác"};
  const auto plain = wgbot::zalo_bot::parse_update(body);
  const auto named = wgbot::zalo_bot::parse_update(body, kNames);
  if (plain.status != named.status) __builtin_trap();  // a bot name changes text, not validity
  (void)wgbot::zalo_bot::strip_bot_mention(body, kNames);
  return 0;
}
