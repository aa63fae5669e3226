// The CSV exports (tasks, members): UTF-8 with a byte-order mark so Excel shows Vietnamese
// correctly, CRLF line ends, dates in the deployment's time zone. Used by /export and the CLI.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "config/config.hpp"

namespace wgbot::storage {
class Connection;
}

namespace wgbot {

struct CsvExport {
  std::string file_name;  // "tasks.csv", "members.csv"
  std::string bytes;
  std::size_t rows = 0;  // data rows, header excluded
};

// `what` is "tasks" or "members"; nullopt for anything else.
std::optional<CsvExport> build_export(storage::Connection& db, const Config& config,
                                      std::string_view what);

}  // namespace wgbot
