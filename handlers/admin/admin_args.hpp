// Arguments of the admin commands: words and key=value pairs, values optionally quoted
// (name="Lê Tự Lực"; the curly quotes phones insert work too).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wgbot {

struct KeyValue {
  std::string key;  // lower case
  std::string value;
};

struct AdminArgs {
  std::vector<std::string> words;  // tokens without '='
  std::vector<KeyValue> pairs;
  bool unterminated_quote = false;

  // The value of `key`, if given (the last one wins).
  [[nodiscard]] std::optional<std::string> get(std::string_view key) const;
};

AdminArgs parse_admin_args(std::string_view text);

// Reads one key=value pair at the start of `rest` (after spaces) and advances past it; nullopt
// (and `rest` unchanged) when `rest` does not start with one. For commands whose options come
// before free text (/broadcast unit=snv …).
std::optional<KeyValue> take_leading_pair(std::string_view& rest);

// "@luc" or "luc" → "luc"; empty when the word is empty.
std::string handle_of(std::string_view word);

}  // namespace wgbot
