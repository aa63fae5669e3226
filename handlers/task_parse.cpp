#include "handlers/task_parse.hpp"

#include <algorithm>
#include <charconv>

namespace wgbot {

namespace {

struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
  TaskMention mention;
};

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-';
}

// A mention starts a word (or follows an opening bracket or punctuation) so that e-mail
// addresses stay in the title.
bool starts_mention(std::string_view text, std::size_t at) {
  if (text[at] != '@') return false;
  if (at > 0 && !is_space(text[at - 1]) &&
      std::string_view("(,;:").find(text[at - 1]) == std::string_view::npos) {
    return false;
  }
  return at + 1 < text.size() && is_name_char(text[at + 1]) && text[at + 1] != '.' &&
         text[at + 1] != '-';
}

std::vector<Span> at_mentions(std::string_view text) {
  std::vector<Span> out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!starts_mention(text, i)) continue;
    std::size_t end = i + 1;
    while (end < text.size() && is_name_char(text[end])) ++end;
    // "@luc." at the end of a sentence: the dot is punctuation.
    while (end > i + 1 && (text[end - 1] == '.' || text[end - 1] == '-')) --end;
    out.push_back(Span{i, end, TaskMention{std::string(text.substr(i + 1, end - i - 1)), ""}});
    i = end - 1;
  }
  return out;
}

bool overlaps(const std::vector<Span>& spans, std::size_t begin, std::size_t end) {
  return std::any_of(spans.begin(), spans.end(),
                     [&](const Span& s) { return begin < s.end && s.begin < end; });
}

// Telegram text mentions carry no offsets here, only the text shown: find each in turn.
void add_text_mentions(std::string_view text, const std::vector<TextMention>& mentions,
                       std::vector<Span>& spans) {
  for (const auto& m : mentions) {
    if (m.shown.empty() || m.user_id.empty()) continue;
    for (std::size_t from = 0;;) {
      const std::size_t at = text.find(m.shown, from);
      if (at == std::string_view::npos) break;
      const std::size_t end = at + m.shown.size();
      if (!overlaps(spans, at, end)) {
        spans.push_back(Span{at, end, TaskMention{m.shown, m.user_id}});
        break;
      }
      from = at + 1;
    }
  }
}

std::string without_spans(std::string_view text, const std::vector<Span>& spans) {
  std::string out;
  std::size_t pos = 0;
  for (const auto& s : spans) {
    out.append(text.substr(pos, s.begin - pos));
    out.push_back(' ');
    pos = s.end;
  }
  out.append(text.substr(pos));
  return out;
}

bool ascii_iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x | 0x20) == (y | 0x20);
         });
}

// Where the last word `src` (or `src:`) starts, when something follows it.
std::optional<std::size_t> find_src(std::string_view text) {
  std::optional<std::size_t> found;
  for (std::size_t i = 0; i + 3 <= text.size(); ++i) {
    if (i > 0 && !is_space(text[i - 1])) continue;
    if (!ascii_iequals(text.substr(i, 3), "src")) continue;
    if (i + 3 < text.size() && !is_space(text[i + 3]) && text[i + 3] != ':') continue;
    std::string_view rest = text.substr(i + 3);
    if (!rest.empty() && rest.front() == ':') rest.remove_prefix(1);
    if (!squeeze_spaces(rest).empty()) found = i;
  }
  return found;
}

// Punctuation left at the edges once mentions and keywords are gone ("@luc: Dự thảo …",
// "… cùng @lan, @stc"). ASCII only: stripping bytes of a multi-byte character would break it.
std::string strip_edges(const std::string& text) {
  const auto first = text.find_first_not_of(" ,;:-");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" ,;:-.");
  if (last == std::string::npos || last < first) return {};
  return text.substr(first, last - first + 1);
}

void take_deadline(TaskText& out, timeexpr::DeadlineSplit split) {
  out.deadline = std::move(split.deadline);
  out.deadline_error = std::move(split.error);
}

}  // namespace

std::string squeeze_spaces(std::string_view text) {
  std::string out;
  bool space = false;
  for (const char c : text) {
    if (is_space(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

TaskText parse_task_text(std::string_view args, const std::vector<TextMention>& text_mentions,
                         std::string_view reply_to_text, std::chrono::sys_seconds now,
                         const timeexpr::Calendar& cal, const timeexpr::Options& opt) {
  TaskText out;
  auto spans = at_mentions(args);
  add_text_mentions(args, text_mentions, spans);
  std::sort(spans.begin(), spans.end(),
            [](const Span& a, const Span& b) { return a.begin < b.begin; });
  for (const auto& s : spans) out.mentions.push_back(s.mention);
  std::string rest = squeeze_spaces(without_spans(args, spans));

  if (const auto src_at = find_src(rest)) {
    std::string_view src = std::string_view(rest).substr(*src_at + 3);
    if (!src.empty() && src.front() == ':') src.remove_prefix(1);
    auto split = timeexpr::split_deadline(src, now, cal, opt);
    if (split.deadline || split.error) {
      out.src = strip_edges(split.title);
      take_deadline(out, std::move(split));
    } else {
      out.src = strip_edges(squeeze_spaces(src));
    }
    rest.resize(*src_at);
  }
  std::string title = rest;
  if (!out.deadline && !out.deadline_error) {
    auto split = timeexpr::split_deadline(rest, now, cal, opt);
    title = split.title;
    take_deadline(out, std::move(split));
  }
  title = strip_edges(squeeze_spaces(title));

  const std::string quoted = squeeze_spaces(reply_to_text);
  if (!quoted.empty()) {
    std::string quoted_title = quoted;
    if (!out.deadline && !out.deadline_error) {
      auto split = timeexpr::split_deadline(quoted, now, cal, opt);
      // The quoted message's own deadline only counts when it reads; a failed attempt there is
      // not the sender's mistake, so the whole message stays the title.
      if (split.deadline) {
        quoted_title = strip_edges(squeeze_spaces(split.title));
        out.deadline = std::move(split.deadline);
      }
    }
    title = title.empty() ? quoted_title : title + ": " + quoted_title;
  }
  out.title = std::move(title);
  return out;
}

std::optional<std::int64_t> parse_task_id(std::string_view word) {
  if (word.starts_with('#')) word.remove_prefix(1);
  if (word.empty() || word.size() > 15) return std::nullopt;
  std::int64_t id = 0;
  const auto [ptr, ec] = std::from_chars(word.data(), word.data() + word.size(), id);
  if (ec != std::errc{} || ptr != word.data() + word.size() || id <= 0) return std::nullopt;
  return id;
}

std::optional<TaskIdArgs> split_task_id(std::string_view args) {
  const std::string text = squeeze_spaces(args);
  const auto space = text.find(' ');
  const auto id = parse_task_id(std::string_view(text).substr(0, space));
  if (!id) return std::nullopt;
  return TaskIdArgs{*id, space == std::string::npos ? std::string() : text.substr(space + 1)};
}

}  // namespace wgbot
