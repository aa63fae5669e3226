// Reading the text of `/task`: who (@mentions), what (the title), by when (`hạn …`) and from
// which document (`src …`). Pure: names are resolved to members elsewhere (task_assignees).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/inbound.hpp"
#include "handlers/time/when_parser.hpp"

namespace wgbot {

struct TaskMention {
  std::string name;     // `@luc` → "luc"; for a Telegram text_mention, the text shown
  std::string user_id;  // a text_mention's platform user id, else empty
};

struct TaskText {
  std::vector<TaskMention> mentions;  // in the order written; the first leads
  std::string title;
  std::string src;
  std::optional<timeexpr::When> deadline;
  std::optional<timeexpr::WhenError> deadline_error;
};

// Order of work: mentions come out first (anywhere in the text), then the `src` part (from the
// last word `src` to the end), then the deadline (timeexpr::split_deadline, which takes the LAST
// `hạn`/`due` whose remainder reads as a time). A `hạn …` written after `src` still counts. When
// `reply_to_text` is set (the command replies to a message), that message is the title; words of
// the command's own left over after the mentions are put in front of it ("xem xét: <message>"),
// and the message's own `hạn …` is the deadline when the command gives none.
TaskText parse_task_text(std::string_view args, const std::vector<TextMention>& text_mentions,
                         std::string_view reply_to_text, std::chrono::sys_seconds now,
                         const timeexpr::Calendar& cal, const timeexpr::Options& opt);

// "12" or "#12" (the whole word); nullopt otherwise.
std::optional<std::int64_t> parse_task_id(std::string_view word);

// "12 rest of text" → {12, "rest of text"}; nullopt when the first word is not an id.
struct TaskIdArgs {
  std::int64_t id = 0;
  std::string rest;
};
std::optional<TaskIdArgs> split_task_id(std::string_view args);

// Collapses runs of white space (new lines included) to one space and trims.
std::string squeeze_spaces(std::string_view text);

}  // namespace wgbot
