// Logging set-up: one line per event, text or JSON, with secrets redacted at the sink so no call
// site can leak them.
#pragma once

#include <string>
#include <vector>

namespace wgbot {

// `secrets`: every configured token and secret; each occurrence in a log line becomes "***".
void install_logger(const std::string& level, const std::string& format,
                    std::vector<std::string> secrets);

}  // namespace wgbot
