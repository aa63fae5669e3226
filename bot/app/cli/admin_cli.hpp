// The roster administration subcommands: units, member edit/deactivate, export and audit. Each
// change goes through the same code as the chat commands and writes the same audit rows, with
// the actor "cli".
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

#include "config/config.hpp"

namespace wgbot::cli {

int unit_add(const Config& config, const std::string& name, const std::string& short_name,
             std::ostream& out);
int unit_list(const Config& config, std::ostream& out);

struct MemberEditArgs {
  std::string handle;
  std::optional<std::string> name, unit, role, title, phone, email;
};

int member_edit(const Config& config, const MemberEditArgs& args, std::ostream& out);
int member_deactivate(const Config& config, const std::string& handle, std::ostream& out);

// Writes the CSV (UTF-8 with BOM) to `out_file`, or to `out` when it is empty.
int export_csv(const Config& config, const std::string& what, const std::string& out_file,
               std::ostream& out);
int audit(const Config& config, int entries, std::ostream& out);

}  // namespace wgbot::cli
