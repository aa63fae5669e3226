// What a chat platform can show and do, so shared code asks the platform instead of its name.
#pragma once

#include <cstddef>

namespace wgbot {

struct Capabilities {
  bool buttons = false;                // inline buttons under a message
  std::size_t max_message_length = 0;  // in the platform's own units; 0 = no limit
  bool groups = false;                 // group chats, besides private ones
  bool files = false;                  // documents
  bool photos = false;                 // images
};

}  // namespace wgbot
