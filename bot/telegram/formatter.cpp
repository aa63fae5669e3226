#include "bot/telegram/formatter.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>

#include "core/json_writer.hpp"
#include "core/text_markup.hpp"
#include "core/text_split.hpp"
#include "core/utf16.hpp"

namespace wgbot::telegram {
namespace {

using nlohmann::json;

// The entity a special character becomes in Telegram HTML; empty for any other character.
constexpr std::string_view html_entity(char c) {
  switch (c) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '"':
      return "&quot;";
    default:
      return {};
  }
}

// What escape_html adds to a text's length.
std::size_t escape_growth(std::string_view text) {
  std::size_t growth = 0;
  for (const char c : text) {
    if (const std::string_view entity = html_entity(c); !entity.empty()) {
      growth += entity.size() - 1;
    }
  }
  return growth;
}

}  // namespace

// Counted the way render_html builds its text, without building it.
std::size_t rendered_units(std::string_view plain) {
  constexpr std::size_t kCodeTags = std::string_view("<code></code>").size();
  constexpr std::size_t kBoldTags = std::string_view("<b></b>").size();
  std::size_t units = utf16_length(plain) + escape_growth(plain);
  for (std::size_t start = 0; start <= plain.size();) {
    const std::size_t nl = plain.find('\n', start);
    const std::string_view line = plain.substr(start, nl - start);
    if (!monospace_line(line).empty()) {
      units = units + kCodeTags - 2;  // the two backticks become the tags
    } else {
      for_each_markup_segment(line, [&units](std::string_view /*segment*/, bool bold) {
        if (bold) units = units + kBoldTags - 4;  // the two `**` become the tags
      });
    }
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return units;
}

// A character takes at most one unit per byte; an entity adds its length less one; a monospace
// line's tags add 11 units for its two backticks, a bold pair's 3 for its four asterisks. Added up
// from a table of what each byte may add: a loop without branches.
std::size_t rendered_units_at_most(std::string_view plain) {
  static constexpr auto kMayAdd = [] {
    std::array<std::uint8_t, 256> table{};
    for (int c = 0; c < 256; ++c) {
      const std::string_view entity = html_entity(static_cast<char>(c));
      if (!entity.empty()) table[c] = static_cast<std::uint8_t>(entity.size() - 1);
    }
    table[static_cast<unsigned char>(kMonospaceMarker)] = 6;
    table['*'] = 1;
    return table;
  }();
  std::size_t units = plain.size();
  for (const char c : plain) units += kMayAdd[static_cast<unsigned char>(c)];
  return units;
}

namespace {

// What one character costs once escaped; bold tags are caught by measuring the rendered prefix.
std::size_t escaped_units(std::string_view text, std::size_t pos) {
  const std::string_view entity = html_entity(text[pos]);
  return entity.empty() ? utf16_units_at(text, pos) : entity.size();
}

std::optional<std::int64_t> parse_int64(std::string_view text) {
  std::int64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc{} || ptr != end) return std::nullopt;
  return value;
}

// Numeric ids go out as integers (as in the fixture); "@channel" stays a string.
json id_value(const std::string& id) {
  if (const auto number = parse_int64(id)) return *number;
  return id;
}

void write_id(JsonWriter& body, const std::string& id) {
  if (const auto number = parse_int64(id)) {
    body.integer(*number);
  } else {
    body.string(id);
  }
}

// A button Telegram accepts; one bad callback_data would make it reject the whole message.
bool is_shown(const Button& button) {
  return !button.label.empty() && is_valid_callback_data(button.data);
}

bool has_shown(const std::vector<Button>& row) {
  return std::any_of(row.begin(), row.end(), is_shown);
}

// The `reply_markup` member of a body being written: the buttons Telegram accepts, row by row;
// nothing when none is left.
void write_keyboard(JsonWriter& body, const ButtonRows& rows) {
  if (std::none_of(rows.begin(), rows.end(), has_shown)) return;
  body.key("reply_markup").begin_object().key("inline_keyboard").begin_array();
  for (const auto& row : rows) {
    if (!has_shown(row)) continue;
    body.begin_array();
    for (const Button& button : row) {
      if (!is_shown(button)) continue;
      body.begin_object()
          .key("text")
          .string(button.label)
          .key("callback_data")
          .string(button.data)
          .end_object();
    }
    body.end_array();
  }
  body.end_array().end_object();
}

// The same member in a body built as a document (a file's fields, an edit: rarer calls), read
// back from what write_keyboard writes so that the buttons are chosen in one place.
void add_keyboard(json& body, const ButtonRows& rows) {
  JsonWriter markup;
  markup.begin_object();
  write_keyboard(markup, rows);
  json written = json::parse(markup.end_object().take());
  if (const auto it = written.find("reply_markup"); it != written.end()) {
    body["reply_markup"] = std::move(*it);
  }
}

}  // namespace

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  append_escaped_html(out, text);
  return out;
}

void append_escaped_html(std::string& out, std::string_view text) {
  // Copies the runs between special characters whole: most text has none. A plain loop, as
  // find_first_of with a set searches the set for every character of the text.
  std::size_t from = 0;
  for (std::size_t at = 0; at < text.size(); ++at) {
    const std::string_view entity = html_entity(text[at]);
    if (entity.empty()) continue;
    out.append(text.substr(from, at - from));
    out += entity;
    from = at + 1;
  }
  out.append(text.substr(from));
}

std::string render_html(std::string_view plain) {
  return map_lines(plain, [](std::string_view line, std::string& out) {
    if (const auto fixed = monospace_line(line); !fixed.empty()) {
      out += "<code>";
      append_escaped_html(out, fixed);
      out += "</code>";
      return;
    }
    for_each_markup_segment(line, [&out](std::string_view segment, bool bold) {
      if (bold) out += "<b>";
      append_escaped_html(out, segment);
      if (bold) out += "</b>";
    });
  });
}

std::string strip_markup(std::string_view plain) {
  return strip_bold_markup(plain);
}

std::vector<std::string> split_message(std::string_view text, std::size_t limit_units) {
  // Rendering is per line, so a chunk's size is the sum of its lines' sizes; the bold tags a
  // `**` pair adds are caught by measuring the rendered prefix.
  static const TextMeasure rendered{rendered_units, escaped_units, rendered_units_at_most};
  return split_text(text, limit_units, rendered);
}

std::string build_send_message(const Outgoing& out, std::string_view chunk_text_plain,
                               bool with_buttons, bool quote_reply) {
  JsonWriter body;
  body.begin_object().key("chat_id");
  write_id(body, out.chat_id);
  body.key("text")
      .string(render_html(chunk_text_plain))
      .key("parse_mode")
      .string("HTML")
      .key("disable_notification")
      .boolean(false);
  if (const auto reply_to = parse_int64(out.reply_to_message_id); reply_to && quote_reply) {
    // Still deliver the answer if the user deleted the command meanwhile.
    body.key("reply_parameters")
        .begin_object()
        .key("message_id")
        .integer(*reply_to)
        .key("allow_sending_without_reply")
        .boolean(true)
        .end_object();
  }
  if (with_buttons) write_keyboard(body, out.buttons);
  return body.end_object().take();
}

json build_send_file(const Outgoing& out, const std::string& caption_plain, bool with_buttons) {
  json body = {{"chat_id", id_value(out.chat_id)}};
  if (!caption_plain.empty()) {
    body["caption"] = render_html(caption_plain);
    body["parse_mode"] = "HTML";
  }
  if (const auto reply_to = parse_int64(out.reply_to_message_id)) {
    body["reply_parameters"] = {{"message_id", *reply_to}, {"allow_sending_without_reply", true}};
  }
  if (with_buttons) add_keyboard(body, out.buttons);
  return body;
}

bool text_fits_caption(std::string_view text) {
  return rendered_units(text) <= kMaxCaptionUnits;
}

json build_answer_callback(const Outgoing& out) {
  json body = {{"callback_query_id", out.callback_id}};
  const std::string toast = strip_markup(out.text);
  if (!toast.empty()) {
    body["text"] = toast.substr(0, utf16_to_utf8_offset(toast, kMaxCallbackAnswerUnits));
  }
  return body;
}

json build_edit_message_text(const Outgoing& out) {
  const std::vector<std::string> chunks = split_message(out.text);
  json body = {{"chat_id", id_value(out.chat_id)},
               {"message_id", id_value(out.edit_message_id)},
               {"text", chunks.empty() ? std::string() : render_html(chunks.front())},
               {"parse_mode", "HTML"}};
  add_keyboard(body, out.buttons);
  return body;
}

bool is_valid_callback_data(std::string_view data) {
  return !data.empty() && data.size() <= kMaxCallbackDataBytes;
}

}  // namespace wgbot::telegram
