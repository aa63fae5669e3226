// libFuzzer target: a Zalo OA webhook body, and the timestamp the MAC is computed over.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bot/zalo_oa/event_parser.hpp"

// libFuzzer calls the entry point by this name.
// NOLINTNEXTLINE(readability-identifier-naming)
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  const auto event = wgbot::zalo_oa::parse_event(body);
  if (event.status == wgbot::zalo_oa::EventStatus::ok && event.inbound.update_key.empty()) {
    __builtin_trap();  // a stored event always has a dedupe key
  }
  (void)wgbot::zalo_oa::event_timestamp(body);
  return 0;
}
