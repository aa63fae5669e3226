// `wgbot digest --now [--dry-run] [--chart FILE]`: builds the daily digest now. Without
// --dry-run it is queued for every subscriber who has not had today's (the running bot sends
// it; the scheduler will not send today's again); with it, it is printed instead.
#pragma once

#include <iosfwd>
#include <string>

#include "config/config.hpp"

namespace wgbot::cli {

struct DigestArgs {
  bool now = false;
  bool dry_run = false;
  std::string chart_file;  // also write the chart (PNG) here
};

int digest(const Config& config, const DigestArgs& args, std::ostream& out, std::ostream& err);

}  // namespace wgbot::cli
