#include "core/csv.hpp"

namespace wgbot {

namespace {

struct Reader {
  std::string_view text;
  std::size_t pos = 0;
  std::size_t line = 1;

  [[nodiscard]] bool done() const { return pos >= text.size(); }
  [[nodiscard]] char peek() const { return text[pos]; }
};

bool end_of_record(Reader& r) {
  if (r.done()) return true;
  if (r.peek() == '\n') {
    ++r.pos;
    ++r.line;
    return true;
  }
  if (r.peek() == '\r' && r.pos + 1 < r.text.size() && r.text[r.pos + 1] == '\n') {
    r.pos += 2;
    ++r.line;
    return true;
  }
  return false;
}

// Reads one quoted field; returns false on an unterminated quote.
bool read_quoted(Reader& r, std::string& field) {
  ++r.pos;  // opening quote
  while (!r.done()) {
    const char c = r.peek();
    ++r.pos;
    if (c == '"') {
      if (!r.done() && r.peek() == '"') {
        field += '"';
        ++r.pos;
        continue;
      }
      return true;
    }
    if (c == '\n') ++r.line;
    field += c;
  }
  return false;
}

}  // namespace

CsvResult parse_csv(std::string_view text) {
  CsvResult result;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  Reader r{text};
  while (!r.done()) {
    CsvRow row;
    row.line = r.line;
    std::string field;
    for (;;) {
      if (!r.done() && r.peek() == '"' && field.empty()) {
        if (!read_quoted(r, field)) {
          result.error = "unterminated quoted field";
          result.error_line = row.line;
          return result;
        }
      }
      if (r.done() || r.peek() == ',' || r.peek() == '\n' || r.peek() == '\r') {
        row.fields.push_back(std::move(field));
        field.clear();
        if (!r.done() && r.peek() == ',') {
          ++r.pos;
          continue;
        }
        if (end_of_record(r)) break;
        field += r.peek();  // a lone '\r'
        ++r.pos;
        continue;
      }
      field += r.peek();
      ++r.pos;
    }
    const bool blank = row.fields.size() == 1 && row.fields[0].empty();
    if (!blank) result.rows.push_back(std::move(row));
  }
  return result;
}

std::string csv_field(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace wgbot
