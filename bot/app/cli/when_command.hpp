// `wgbot when "<phrase>"`: what a time phrase means, for users, admins and tests.
#pragma once

#include <iosfwd>
#include <string>

#include "config/config.hpp"

namespace wgbot::cli {

struct WhenArgs {
  std::string phrase;
  std::string now;                   // ISO 8601; without an offset it is in the configured zone
  std::string purpose = "deadline";  // deadline | reminder
  bool json = false;
};

// 0 when the phrase reads, 1 when it does not, 2 for a bad --now or --for.
int when(const Config& config, const WhenArgs& args, std::ostream& out, std::ostream& err);

}  // namespace wgbot::cli
