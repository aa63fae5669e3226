// Logging set-up: one line per event, `key=value` fields after the time and level, or one JSON
// object per line for log shippers. Secrets are redacted at the sink, so no call site can leak
// them.
#pragma once

#include <string>
#include <vector>

namespace wgbot {

// `level`: trace, debug, info, warn or error. `format`: text or json. `secrets`: every
// configured token and secret; each occurrence in a log line becomes "***".
void install_logger(const std::string& level, const std::string& format,
                    std::vector<std::string> secrets);

// Changes the level of the installed logger (SIGHUP re-reads it from the config). Returns
// false, changing nothing, for an unknown level name.
bool set_log_level(const std::string& level);

}  // namespace wgbot
