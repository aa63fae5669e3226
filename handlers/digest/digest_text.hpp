// The digest in words, Vietnamese or English: plain text with the catalogue's markup (bold
// headers, the unit table as fixed-width lines), so each platform renders and splits it its own
// way (Telegram HTML, Zalo plain text) between lines, never inside one.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/outgoing.hpp"
#include "handlers/digest/digest_data.hpp"
#include "handlers/messages.hpp"

namespace wgbot::digest {

struct TextOptions {
  int no_progress_days = 5;
  int due_window_working_days = 3;
  bool late = false;  // sent after downtime, later than its time
  std::size_t max_overdue = 10;
  std::size_t max_due = 10;
  std::size_t max_units = 15;
};

struct DigestMessage {
  std::string text;
  ButtonRows buttons;  // "Xem việc quá hạn" when something is overdue
  std::string hint;    // the same, spelled out as a command
};

DigestMessage digest_message(Lang lang, const DigestData& data, const timeexpr::Calendar& cal,
                             const TextOptions& options);

// The columns a fixed-width font gives `text` (NFC Vietnamese: one per letter; combining marks
// take none).
std::size_t display_width(std::string_view text);

}  // namespace wgbot::digest
