// libFuzzer target: a message's text as the dispatcher reads it — the command and its
// arguments (`/giao` mentions, title, `hạn …`, `src …`; task ids; `/nhac` when and text) —
// and button data sent back by a client.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "bot/dispatch/command_parser.hpp"
#include "handlers/actions.hpp"
#include "handlers/task_parse.hpp"
#include "handlers/time/calendar.hpp"
#include "handlers/time/when_parser.hpp"

// libFuzzer calls the entry point by this name.
// NOLINTNEXTLINE(readability-identifier-naming)
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace std::chrono;
  static const auto cal = wgbot::timeexpr::Calendar::make("Asia/Ho_Chi_Minh");
  const sys_seconds now{seconds{1796450400}};  // 2026-12-04 08:00 in Hanoi
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  if (const auto cmd = wgbot::parse_command(text)) {
    (void)wgbot::addressed_to_us(*cmd, "ToCongTacHN_bot");
    const wgbot::timeexpr::Options deadline{};
    const auto task = wgbot::parse_task_text(cmd->args, {}, {}, now, cal, deadline);
    if (task.deadline && task.deadline_error) __builtin_trap();  // one or the other
    (void)wgbot::parse_task_text(cmd->args, {}, text, now, cal, deadline);
    (void)wgbot::split_task_id(cmd->args);
    (void)wgbot::timeexpr::split_reminder(cmd->args);
  }
  (void)wgbot::parse_task_id(text);
  if (const auto command = wgbot::command_for_callback_data(text)) {
    if (!wgbot::parse_command(*command)) __builtin_trap();  // a button always runs a command
  }
  return 0;
}
