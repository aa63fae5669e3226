// The one-shot CLI subcommands (everything but serve and console). Each returns an exit code.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

#include "config/config_loader.hpp"

namespace wgbot::cli {

struct MemberAddArgs {
  std::string name;
  std::string handle;
  std::string unit;
  std::string role;
  std::string title;
  std::string phone;
  std::string email;
  bool admin = false;
};

int migrate(const Config& config, std::ostream& out);
int check_config(const LoadedConfig& loaded, std::ostream& out);
int member_add(const Config& config, const MemberAddArgs& args, std::ostream& out);
int member_list(const Config& config, std::ostream& out);
int member_invite(const Config& config, const std::string& handle, std::ostream& out);
// With `update`, rows whose handle exists update that member (all rows or none).
int import_roster_file(const Config& config, const std::string& path, bool update,
                       std::ostream& out);
int backup(const Config& config, const std::string& target, std::ostream& out);
// Registers the webhooks of the enabled platforms (or only `platform`) and prints what each
// platform reports.
int set_webhook(const Config& config, const std::string& platform, std::ostream& out);

}  // namespace wgbot::cli
