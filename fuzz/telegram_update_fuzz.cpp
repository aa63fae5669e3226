// libFuzzer target: a Telegram webhook body or getUpdates answer, as the platform reads it.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bot/telegram/update_parser.hpp"

// libFuzzer calls the entry point by this name.
// NOLINTNEXTLINE(readability-identifier-naming)
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  const auto update = wgbot::telegram::parse_update(body);
  if (update.status == wgbot::telegram::UpdateStatus::ok && update.inbound.raw != body) {
    __builtin_trap();  // the inbox keeps the body as given
  }
  const auto batch = wgbot::telegram::parse_get_updates(body);
  for (const auto& one : batch.updates) {
    if (wgbot::telegram::parse_update(one.json).status ==
        wgbot::telegram::UpdateStatus::malformed) {
      __builtin_trap();  // every element getUpdates hands on must parse again
    }
  }
  return 0;
}
