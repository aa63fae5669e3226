#include "core/utf16.hpp"

namespace wgbot {
namespace {

bool is_continuation(unsigned char byte) {
  return (byte & 0xC0U) == 0x80U;
}

// Valid range of the second byte for a lead byte (RFC 3629 table), which rules out overlong
// forms, surrogates and code points above U+10FFFF.
bool second_byte_ok(unsigned char lead, unsigned char second) {
  switch (lead) {
    case 0xE0:
      return second >= 0xA0 && second <= 0xBF;
    case 0xED:
      return second >= 0x80 && second <= 0x9F;
    case 0xF0:
      return second >= 0x90 && second <= 0xBF;
    case 0xF4:
      return second >= 0x80 && second <= 0x8F;
    default:
      return is_continuation(second);
  }
}

}  // namespace

std::size_t utf8_char_size(std::string_view utf8, std::size_t pos) {
  if (pos >= utf8.size()) return 0;
  const auto lead = static_cast<unsigned char>(utf8[pos]);
  std::size_t size = 1;
  if (lead >= 0xC2 && lead <= 0xDF) {
    size = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    size = 3;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    size = 4;
  }
  if (size == 1 || pos + size > utf8.size()) return 1;
  if (!second_byte_ok(lead, static_cast<unsigned char>(utf8[pos + 1]))) return 1;
  for (std::size_t i = 2; i < size; ++i) {
    if (!is_continuation(static_cast<unsigned char>(utf8[pos + i]))) return 1;
  }
  return size;
}

std::size_t utf16_units_at(std::string_view utf8, std::size_t pos) {
  return utf8_char_size(utf8, pos) == 4 ? 2 : 1;
}

std::size_t utf16_length(std::string_view utf8) {
  std::size_t units = 0;
  for (std::size_t pos = 0; pos < utf8.size();) {
    if (static_cast<unsigned char>(utf8[pos]) < 0x80U) {  // ASCII, the most of any text
      ++units;
      ++pos;
      continue;
    }
    const std::size_t size = utf8_char_size(utf8, pos);
    units += size == 4 ? 2 : 1;
    pos += size;
  }
  return units;
}

std::size_t utf16_to_utf8_offset(std::string_view utf8, std::size_t units) {
  std::size_t consumed = 0;
  std::size_t pos = 0;
  while (pos < utf8.size()) {
    const std::size_t size = utf8_char_size(utf8, pos);
    const std::size_t char_units = size == 4 ? 2 : 1;
    if (consumed + char_units > units) break;
    consumed += char_units;
    pos += size;
  }
  return pos;
}

std::string_view utf16_substr(std::string_view utf8, std::size_t offset_units,
                              std::size_t length_units) {
  const std::size_t begin = utf16_to_utf8_offset(utf8, offset_units);
  const std::string_view rest = utf8.substr(begin);
  return rest.substr(0, utf16_to_utf8_offset(rest, length_units));
}

}  // namespace wgbot
