// Turns platform-blind Outgoing messages into Bot API request bodies: sendMessage,
// answerCallbackQuery and editMessageText, in parse_mode HTML with inline keyboards.
//
// Handlers write plain text. The only markup is `**bold**` within one line (a whole line wrapped
// in `**` is the common case) and a whole line between backticks, shown as <code> so that table
// rows stay aligned; everything else is escaped for parse_mode HTML.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/outgoing.hpp"

namespace wgbot::telegram {

inline constexpr std::size_t kMaxMessageUnits = 4096;        // sendMessage / editMessageText text
inline constexpr std::size_t kMaxCaptionUnits = 1024;        // sendPhoto / sendDocument caption
inline constexpr std::size_t kMaxCallbackAnswerUnits = 200;  // answerCallbackQuery toast
inline constexpr std::size_t kMaxCallbackDataBytes = 64;

// Escapes `<`, `>`, `&` and `"` (the only named entities Telegram accepts).
[[nodiscard]] std::string escape_html(std::string_view text);
// The same, appended to `out`.
void append_escaped_html(std::string& out, std::string_view text);

// Plain text with `**bold**` spans -> Telegram HTML. Unpaired `**` stays literal. A line between
// backticks becomes one <code> element (per line, so a split between lines never cuts a tag).
[[nodiscard]] std::string render_html(std::string_view plain);

// utf16_length(render_html(plain)), without rendering.
[[nodiscard]] std::size_t rendered_units(std::string_view plain);
// At least rendered_units(plain), counted in one pass over the bytes.
[[nodiscard]] std::size_t rendered_units_at_most(std::string_view plain);

// Plain text with the `**` of bold spans removed, for places without formatting (toasts).
[[nodiscard]] std::string strip_markup(std::string_view plain);

// Splits `text` into chunks whose render_html() is at most `limit_units` UTF-16 units. Splits
// between lines (the newline stays at the end of the earlier chunk, so the chunks concatenate
// to `text`); a line too long on its own is cut at a character boundary, after a space when one
// is near the end. Chunks of only whitespace are dropped (Telegram refuses them), so empty text
// gives no chunks.
[[nodiscard]] std::vector<std::string> split_message(std::string_view text,
                                                     std::size_t limit_units = kMaxMessageUnits);

// sendMessage body (JSON text) for one chunk of `out` (shape:
// fixtures/telegram/sendMessage_request.json). Buttons go only where `with_buttons` is set (the
// last chunk); invalid buttons are dropped, since one bad callback_data would make Telegram
// reject the whole message. Only where `quote_reply` is set (the first chunk) does it quote the
// message it answers. Written as text, without a JSON document: every reply sends one.
[[nodiscard]] std::string build_send_message(const Outgoing& out, std::string_view chunk_text_plain,
                                             bool with_buttons, bool quote_reply = true);

// sendPhoto / sendDocument fields for `out.file` with `caption_plain` (may be empty) as its
// caption; buttons where `with_buttons` is set. The file itself goes as a multipart part.
[[nodiscard]] nlohmann::json build_send_file(const Outgoing& out, const std::string& caption_plain,
                                             bool with_buttons);

// A message with a file: its text fits one caption (then one call sends both), else the file
// goes first without a caption and the text follows as messages.
[[nodiscard]] bool text_fits_caption(std::string_view text);

// answerCallbackQuery body; `out.text` (markup stripped, cut to 200 units) is the toast, if any.
[[nodiscard]] nlohmann::json build_answer_callback(const Outgoing& out);

// editMessageText body for `out.edit_message_id`. Text beyond one message is cut to the first
// chunk; without buttons the old keyboard disappears.
[[nodiscard]] nlohmann::json build_edit_message_text(const Outgoing& out);

// 1-64 bytes, as Telegram requires.
[[nodiscard]] bool is_valid_callback_data(std::string_view data);

}  // namespace wgbot::telegram
