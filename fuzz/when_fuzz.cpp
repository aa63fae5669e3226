// libFuzzer target: the `<when>` phrase of deadlines and reminders, at a few moments of the
// year (a weekday morning, a Friday evening, New Year's Eve).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <variant>

#include "handlers/time/calendar.hpp"
#include "handlers/time/when_parser.hpp"

// libFuzzer calls the entry point by this name.
// NOLINTNEXTLINE(readability-identifier-naming)
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace std::chrono;
  namespace te = wgbot::timeexpr;
  static const auto cal = te::Calendar::make("Asia/Ho_Chi_Minh");
  static const sys_seconds kMoments[] = {sys_seconds{seconds{1796450400}},   // Fri 4/12 08:00
                                         sys_seconds{seconds{1796486400}},   // Fri 4/12 18:00
                                         sys_seconds{seconds{1798736340}}};  // 31/12 16:59
  const std::string_view phrase(reinterpret_cast<const char*>(data), size);
  te::Options reminder;
  reminder.purpose = te::Purpose::reminder;
  reminder.allow_recurrence = true;
  for (const auto now : kMoments) {
    const auto deadline = te::parse_when(phrase, now, cal, te::Options{});
    if (const auto* when = std::get_if<te::When>(&deadline)) {
      if (when->recurrence) __builtin_trap();  // deadlines never recur
    }
    const auto remind = te::parse_when(phrase, now, cal, reminder);
    if (const auto* when = std::get_if<te::When>(&remind); when && when->recurrence) {
      if (when->at <= now) __builtin_trap();  // a rule's first occurrence is after now
    }
    (void)te::split_deadline(phrase, now, cal, te::Options{});
  }
  return 0;
}
