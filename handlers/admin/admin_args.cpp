#include "handlers/admin/admin_args.hpp"

#include "core/text_fold.hpp"

namespace wgbot {

namespace {

constexpr std::string_view kOpenCurly = "\xE2\x80\x9C";   // “
constexpr std::string_view kCloseCurly = "\xE2\x80\x9D";  // ”

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// The length of the quote mark at the start of `rest` (0 when none).
std::size_t quote_at(std::string_view rest) {
  if (rest.starts_with('"')) return 1;
  if (rest.starts_with(kOpenCurly) || rest.starts_with(kCloseCurly)) return kOpenCurly.size();
  return 0;
}

// Reads one token from `rest` (quoted parts joined, quotes removed) and advances `rest`.
std::string read_token(std::string_view& rest, bool& unterminated) {
  std::string token;
  while (!rest.empty() && !is_space(rest.front())) {
    if (const std::size_t open = quote_at(rest); open > 0) {
      rest.remove_prefix(open);
      std::size_t close = 0;
      while (!rest.empty() && (close = quote_at(rest)) == 0) {
        token += rest.front();
        rest.remove_prefix(1);
      }
      if (rest.empty()) {
        unterminated = true;
        return token;
      }
      rest.remove_prefix(close);
      continue;
    }
    token += rest.front();
    rest.remove_prefix(1);
  }
  return token;
}

// The length of the key when `rest` starts with "key=" (the unquoted part before '=' in the
// same token), else 0.
std::size_t key_length(std::string_view rest) {
  std::size_t eq = 0;
  while (eq < rest.size() && !is_space(rest[eq]) && rest[eq] != '=' &&
         quote_at(rest.substr(eq)) == 0) {
    ++eq;
  }
  return eq > 0 && eq < rest.size() && rest[eq] == '=' ? eq : 0;
}

}  // namespace

std::optional<std::string> AdminArgs::get(std::string_view key) const {
  std::optional<std::string> found;
  for (const auto& p : pairs) {
    if (p.key == key) found = p.value;
  }
  return found;
}

AdminArgs parse_admin_args(std::string_view text) {
  AdminArgs args;
  std::string_view rest = text;
  for (;;) {
    while (!rest.empty() && is_space(rest.front())) rest.remove_prefix(1);
    if (rest.empty()) break;
    if (const std::size_t eq = key_length(rest); eq > 0) {
      KeyValue pair{lower_utf8(rest.substr(0, eq)), {}};
      rest.remove_prefix(eq + 1);
      pair.value = read_token(rest, args.unterminated_quote);
      args.pairs.push_back(std::move(pair));
    } else {
      args.words.push_back(read_token(rest, args.unterminated_quote));
    }
  }
  return args;
}

std::optional<KeyValue> take_leading_pair(std::string_view& rest) {
  std::string_view probe = rest;
  while (!probe.empty() && is_space(probe.front())) probe.remove_prefix(1);
  const std::size_t eq = key_length(probe);
  if (eq == 0) return std::nullopt;
  KeyValue pair{lower_utf8(probe.substr(0, eq)), {}};
  probe.remove_prefix(eq + 1);
  bool unterminated = false;
  pair.value = read_token(probe, unterminated);
  if (unterminated) return std::nullopt;
  rest = probe;
  return pair;
}

std::string handle_of(std::string_view word) {
  word = trim(word);
  if (word.starts_with('@')) word.remove_prefix(1);
  return lower_utf8(word);
}

}  // namespace wgbot
