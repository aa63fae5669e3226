#include "handlers/actions.hpp"

#include <algorithm>
#include <vector>

namespace wgbot {

namespace {

// At most 18 digits, so the number always fits in an int64 when the command is parsed.
bool is_digits(std::string_view s) {
  return !s.empty() && s.size() <= 18 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::optional<std::string> callback_data_for(std::string_view command, std::int64_t id,
                                             std::optional<int> minutes) {
  if (!command.empty() && command.front() == '/') command.remove_prefix(1);
  if (id < 0 || (minutes && *minutes < 0)) return std::nullopt;
  std::string verb;
  if (command == "done" || command == "xong") {
    verb = "done";
  } else if (command == "ack" || command == "danhan") {
    verb = "ack";
  } else if (command == "task" || command == "detail") {
    verb = "detail";
  } else if (command == "snooze" || command == "hoannhac") {
    verb = "snooze";
  } else if (command == "snoozetask") {
    verb = "tsnooze";
  } else {
    return std::nullopt;
  }
  if (minutes && verb != "snooze" && verb != "tsnooze") return std::nullopt;
  std::string data = verb + ":" + std::to_string(id);
  if (minutes) data += ":" + std::to_string(*minutes);
  if (data.size() > kMaxActionDataBytes) return std::nullopt;
  return data;
}

std::optional<std::string> command_for_callback_data(std::string_view data) {
  if (data == kOverdueListAction) return "/tasks overdue";
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const std::size_t colon = data.find(':', start);
    parts.push_back(data.substr(start, colon - start));
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  if (parts.size() < 2 || !is_digits(parts[1])) return std::nullopt;
  const std::string id(parts[1]);
  const std::string_view verb = parts[0];
  if (parts.size() == 2) {
    if (verb == "done") return "/done " + id;
    if (verb == "ack") return "/ack " + id;
    if (verb == "detail") return "/task " + id;
    if (verb == "snooze") return "/snooze " + id;
    if (verb == "tsnooze") return "/snooze nv" + id;
    return std::nullopt;
  }
  if (parts.size() == 3 && verb == "snooze" && is_digits(parts[2])) {
    return "/snooze " + id + " " + std::string(parts[2]) + "m";
  }
  if (parts.size() == 3 && verb == "tsnooze" && is_digits(parts[2])) {
    return "/snooze nv" + id + " " + std::string(parts[2]) + "m";
  }
  return std::nullopt;
}

}  // namespace wgbot
