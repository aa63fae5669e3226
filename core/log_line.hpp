// How one log event becomes one line: secrets replaced, and for `--log-format json` the
// `key=value` fields of the message lifted into a JSON object. Pure functions, so they can be
// tested without the global logger.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace wgbot {

// Replaces every occurrence of each secret (of 4 characters or more) with "***".
std::string redact(std::string line, const std::vector<std::string>& secrets);

// One JSON object on one line (no newline): {"time":…,"level":…, every key=value field of
// `message`, "msg": the words that are not fields}. Values written `key="a \"b\""` are
// unquoted; values made of digits only become numbers. Invalid UTF-8 is replaced, never
// passed through.
std::string json_log_line(std::string_view time, std::string_view level, std::string_view message);

}  // namespace wgbot
