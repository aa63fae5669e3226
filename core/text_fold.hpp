// Folding Vietnamese text for search: lower case, no diacritics, đ → d, single spaces.
#pragma once

#include <string>
#include <string_view>

namespace wgbot {

// "NGÔ VĂN QUÝ" → "ngo van quy"; "Đỗ" → "do". Invalid UTF-8 bytes are dropped.
std::string fold_for_search(std::string_view text);

// Lower case only, keeping diacritics (NFC).
std::string lower_utf8(std::string_view text);

// Trims ASCII white space at both ends.
std::string_view trim(std::string_view text);

}  // namespace wgbot
