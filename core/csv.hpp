// A small RFC 4180 CSV reader: quoted fields, doubled quotes, CRLF or LF, a UTF-8 BOM.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace wgbot {

struct CsvRow {
  std::size_t line = 0;  // 1-based line where the row starts
  std::vector<std::string> fields;
};

struct CsvResult {
  std::vector<CsvRow> rows;
  std::string error;  // empty on success
  std::size_t error_line = 0;
};

CsvResult parse_csv(std::string_view text);

// Quotes a field when it needs it.
std::string csv_field(std::string_view value);

}  // namespace wgbot
