// The one codec for message actions: what a button carries ("done:12") and the command it runs
// ("/done 12"). Handlers write actions with callback_data_for; platforms read them back with
// command_for_callback_data. Action data is client-supplied on the way back: parse, never trust.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace wgbot {

// The most any platform carries back for a button (Telegram's callback_data limit).
inline constexpr std::size_t kMaxActionDataBytes = 64;

// Data for a button running `command` on item `id`: "done"/"xong" -> "done:12", "ack"/"danhan"
// -> "ack:12", "task"/"detail" -> "detail:12", "snooze"/"hoannhac" -> "snooze:12" or
// "snooze:12:60" with `minutes`, "snoozetask" (a task notice) -> "tsnooze:12:60". A leading '/' is
// accepted. Unknown command, negative id or minutes, or data over kMaxActionDataBytes -> nullopt.
[[nodiscard]] std::optional<std::string> callback_data_for(
    std::string_view command, std::int64_t id, std::optional<int> minutes = std::nullopt);

// A button that lists the overdue tasks ("/tasks overdue"), as the digest offers.
inline constexpr std::string_view kOverdueListAction = "list:overdue";

// The command a button's data stands for: kOverdueListAction -> "/tasks overdue", "done:12" ->
// "/done 12", "ack:12" -> "/ack 12", "detail:12" -> "/task 12", "snooze:12:60" ->
// "/snooze 12 60m", "snooze:12" -> "/snooze 12", "tsnooze:12:60" -> "/snooze nv12 60m" (task #12).
// Anything else -> nullopt.
[[nodiscard]] std::optional<std::string> command_for_callback_data(std::string_view data);

}  // namespace wgbot
