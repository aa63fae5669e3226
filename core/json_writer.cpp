#include "core/json_writer.hpp"

#include <array>
#include <charconv>

#include "core/utf16.hpp"

namespace wgbot {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The escape for a character JSON does not allow as is; empty for any other.
std::string_view short_escape(char c) {
  switch (c) {
    case '"':
      return "\\\"";
    case '\\':
      return "\\\\";
    case '\b':
      return "\\b";
    case '\f':
      return "\\f";
    case '\n':
      return "\\n";
    case '\r':
      return "\\r";
    case '\t':
      return "\\t";
    default:
      return {};
  }
}

// How many bytes one U+FFFD stands for at `pos`, where no UTF-8 character starts: a lead byte
// with the continuation bytes after it (a character cut short), or a single stray byte.
std::size_t invalid_run(std::string_view text, std::size_t pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  const std::size_t expected = lead >= 0xF0U ? 4 : lead >= 0xE0U ? 3 : lead >= 0xC2U ? 2 : 1;
  std::size_t size = 1;
  while (size < expected && pos + size < text.size() &&
         (static_cast<unsigned char>(text[pos + size]) & 0xC0U) == 0x80U) {
    ++size;
  }
  return size;
}

void append_control(std::string& out, unsigned char c) {
  constexpr std::string_view kHex = "0123456789abcdef";
  out += "\\u00";
  out += kHex[c >> 4U];
  out += kHex[c & 0xFU];
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  out.reserve(out.size() + text.size() + 2);
  out += '"';
  // Runs of characters that need nothing are copied whole.
  std::size_t run = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    if (byte >= 0x20U && byte < 0x80U && byte != '"' && byte != '\\') {
      ++pos;
      continue;
    }
    if (byte >= 0x80U) {
      const std::size_t size = utf8_char_size(text, pos);
      if (size > 1) {
        pos += size;
        continue;
      }
    }
    out.append(text.substr(run, pos - run));
    if (byte >= 0x80U) {
      out += kReplacement;
      pos += invalid_run(text, pos);
    } else {
      if (const std::string_view escape = short_escape(text[pos]); !escape.empty()) {
        out += escape;
      } else {
        append_control(out, byte);
      }
      ++pos;
    }
    run = pos;
  }
  out.append(text.substr(run));
  out += '"';
}

void JsonWriter::before_value() {
  if (after_value_) out_ += ',';
  after_value_ = true;
}

JsonWriter& JsonWriter::open(char bracket) {
  before_value();
  out_ += bracket;
  after_value_ = false;  // the first member or element takes no comma
  return *this;
}

JsonWriter& JsonWriter::close(char bracket) {
  out_ += bracket;
  after_value_ = true;
  return *this;
}

JsonWriter& JsonWriter::begin_object() {
  return open('{');
}

JsonWriter& JsonWriter::end_object() {
  return close('}');
}

JsonWriter& JsonWriter::begin_array() {
  return open('[');
}

JsonWriter& JsonWriter::end_array() {
  return close(']');
}

JsonWriter& JsonWriter::key(std::string_view name) {
  before_value();
  append_json_string(out_, name);
  out_ += ':';
  after_value_ = false;  // the value that follows takes no comma
  return *this;
}

JsonWriter& JsonWriter::string(std::string_view value) {
  before_value();
  append_json_string(out_, value);
  return *this;
}

JsonWriter& JsonWriter::integer(std::int64_t value) {
  before_value();
  std::array<char, 24> digits{};
  const auto result = std::to_chars(digits.data(), digits.data() + digits.size(), value);
  out_.append(digits.data(), result.ptr);
  return *this;
}

JsonWriter& JsonWriter::boolean(bool value) {
  before_value();
  out_ += value ? "true" : "false";
  return *this;
}

}  // namespace wgbot
