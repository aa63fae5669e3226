#include "core/log_line.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

namespace wgbot {

namespace {

bool is_key(std::string_view key) {
  return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.';
  });
}

// Reads a value that starts at message[pos]: "quoted, with \" escapes" or up to the next space.
std::string read_value(std::string_view message, std::size_t& pos) {
  std::string value;
  if (pos < message.size() && message[pos] == '"') {
    ++pos;
    while (pos < message.size() && message[pos] != '"') {
      if (message[pos] == '\\' && pos + 1 < message.size()) ++pos;
      value += message[pos++];
    }
    if (pos < message.size()) ++pos;  // the closing quote
    return value;
  }
  while (pos < message.size() && message[pos] != ' ') value += message[pos++];
  return value;
}

bool all_digits(const std::string& s) {
  return !s.empty() && s.size() < 16 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::string redact(std::string line, const std::vector<std::string>& secrets) {
  for (const auto& secret : secrets) {
    if (secret.size() < 4) continue;
    for (auto pos = line.find(secret); pos != std::string::npos; pos = line.find(secret, pos + 3)) {
      line.replace(pos, secret.size(), "***");
    }
  }
  return line;
}

std::string json_log_line(std::string_view time, std::string_view level, std::string_view message) {
  nlohmann::ordered_json line;
  line["time"] = time;
  line["level"] = level;
  std::string words;
  std::size_t pos = 0;
  while (pos < message.size()) {
    while (pos < message.size() && message[pos] == ' ') ++pos;
    const std::size_t start = pos;
    const std::size_t space = std::min(message.find(' ', start), message.size());
    const std::size_t eq = message.find('=', start);
    const std::string_view key =
        eq < space ? message.substr(start, eq - start) : std::string_view{};
    if (is_key(key) && key != "time" && key != "level" && key != "msg") {
      pos = eq + 1;
      std::string value = read_value(message, pos);
      if (all_digits(value)) {
        line[std::string(key)] = std::stoll(value);
      } else {
        line[std::string(key)] = std::move(value);
      }
      continue;
    }
    if (space > start) {
      if (!words.empty()) words += ' ';
      words.append(message.substr(start, space - start));
    }
    pos = space;
  }
  if (!words.empty()) line["msg"] = words;
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace wgbot
