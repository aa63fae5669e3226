// wgbot's command line: parses arguments and calls the app. Exit codes: 0 ok, 1 runtime or user
// error, 2 usage, configuration or lock error.
#include <malloc.h>
#include <unistd.h>

#ifdef WGBOT_WITH_JEMALLOC
// jemalloc reads its settings from this symbol at start (MALLOC_CONF in the environment still
// overrides them). One arena: a few threads on two cores, each with its own cache in front of
// it; the default of four arenas per core kept 2-3 MiB more resident for no speed. Freed pages
// go back to the kernel after two seconds rather than ten.
extern "C" {
// NOLINTNEXTLINE(cppcoreguidelines-avoid-non-const-global-variables): the name is jemalloc's
const char* malloc_conf = "narenas:1,dirty_decay_ms:2000,muzzy_decay_ms:0";
}
#endif

#include <CLI/CLI.hpp>

#include <iostream>

#include "bot/app/app.hpp"
#include "bot/app/cli/admin_cli.hpp"
#include "bot/app/cli/cli_commands.hpp"
#include "bot/app/cli/digest_command.hpp"
#include "bot/app/cli/when_command.hpp"
#include "config/config_loader.hpp"

namespace {

using wgbot::kExitUsage;

struct Options {
  std::string config_path;
  std::string console_handle;
  std::string console_as;
  wgbot::cli::MemberAddArgs member;
  std::string invite_handle;
  std::string roster_file;
  bool roster_update = false;
  wgbot::cli::MemberEditArgs edit;
  std::string deactivate_handle;
  std::string unit_name;
  std::string unit_short;
  std::string export_what;
  std::string export_out;
  int audit_entries = 20;
  std::string backup_file;
  wgbot::cli::WhenArgs when;
  wgbot::cli::DigestArgs digest;
  std::string webhook_platform;
  std::string log_format;
};

void add_member_commands(CLI::App& app, Options& o) {
  auto* member = app.add_subcommand("member", "Manage the roster")->require_subcommand(1);
  auto* add = member->add_subcommand("add", "Add a member");
  add->add_option("--name", o.member.name, "Full name, e.g. \"Ngô Văn Quý\"")->required();
  add->add_option("--handle", o.member.handle, "Short ASCII handle, e.g. quy")->required();
  add->add_option("--unit", o.member.unit, "Unit short or full name")->required();
  add->add_option("--role", o.member.role, "chairman|vice_chairman|standing|member|staff")
      ->required();
  add->add_option("--title", o.member.title, "Title, e.g. \"Giám đốc Sở Nội vụ\"");
  add->add_option("--phone", o.member.phone, "Phone number");
  add->add_option("--email", o.member.email, "E-mail address");
  add->add_flag("--admin", o.member.admin, "Make the member an admin");
  member->add_subcommand("list", "The roster, including who has never started the bot");
  member->add_subcommand("invite", "Print a fresh one-time invite code")
      ->add_option("HANDLE", o.invite_handle, "The member's handle")
      ->required();
  auto* edit = member->add_subcommand("edit", "Correct a member's details");
  edit->add_option("HANDLE", o.edit.handle, "The member's handle")->required();
  edit->add_option("--name", o.edit.name, "Full name");
  edit->add_option("--unit", o.edit.unit, "Unit short or full name");
  edit->add_option("--role", o.edit.role, "chairman|vice_chairman|standing|member|staff");
  edit->add_option("--title", o.edit.title, "Title");
  edit->add_option("--phone", o.edit.phone, "Phone number");
  edit->add_option("--email", o.edit.email, "E-mail address");
  member
      ->add_subcommand("deactivate",
                       "Deactivate a member (history kept); lists their open tasks to reassign")
      ->add_option("HANDLE", o.deactivate_handle, "The member's handle")
      ->required();
}

void add_admin_commands(CLI::App& app, Options& o) {
  auto* unit = app.add_subcommand("unit", "Manage the units")->require_subcommand(1);
  auto* add = unit->add_subcommand("add", "Add a unit");
  add->add_option("--name", o.unit_name, "Full name, e.g. \"Sở Thông tin và Truyền thông\"")
      ->required();
  add->add_option("--short", o.unit_short, "Short name, e.g. stttt")->required();
  unit->add_subcommand("list", "The units with their members and open tasks");
  auto* exp = app.add_subcommand("export", "Write tasks or members as CSV (UTF-8 with BOM)");
  exp->add_option("WHAT", o.export_what, "tasks or members")
      ->required()
      ->check(CLI::IsMember({"tasks", "members"}));
  exp->add_option("--out", o.export_out, "File to write (default: standard output)");
  app.add_subcommand("audit", "Print the latest audit log entries")
      ->add_option("N", o.audit_entries, "How many (default 20)");
}

void add_commands(CLI::App& app, Options& o) {
  // Subcommands inherit fallthrough when they are created: options they do not know, such as
  // --config after the subcommand, go up to the app.
  app.fallthrough();
  app.add_option("--config", o.config_path, "JSON config file (default: ./wgbot.json if present)");
  app.set_version_flag("--version", std::string("wgbot ") + WGBOT_VERSION);
  app.add_option("--log-format", o.log_format, "text or json (overrides log.format)")
      ->check(CLI::IsMember({"text", "json"}));
  auto* serve = app.add_subcommand("serve", "Run the bot until SIGINT/SIGTERM");
  serve->add_option("--console", o.console_handle, "Also chat on stdin as this member");
  app.add_subcommand("console", "A console chat without the server")
      ->add_option("--as", o.console_as, "The member's handle")
      ->required();
  app.add_subcommand("migrate", "Apply pending database migrations");
  app.add_subcommand("check-config", "Print the effective config and where each value came from");
  add_member_commands(app, o);
  add_admin_commands(app, o);
  auto* import = app.add_subcommand("import-roster", "Import members from CSV (all or nothing)");
  import->add_option("FILE", o.roster_file, "CSV with header handle,name,unit,role,title,…")
      ->required();
  import->add_flag("--update", o.roster_update, "Update members whose handle exists");
  app.add_subcommand("backup", "Online backup of the database")
      ->add_option("FILE", o.backup_file, "Target file")
      ->required();
  app.add_subcommand("set-webhook", "Register webhooks and print what the platform reports")
      ->add_option("--platform", o.webhook_platform,
                   "telegram or zalo-bot (default: every enabled)")
      ->check(CLI::IsMember({"telegram", "zalo-bot"}));
  auto* when = app.add_subcommand("when", "Print what a time phrase means");
  when->add_option("PHRASE", o.when.phrase, "e.g. \"thứ 6 tuần sau 17h\"")->required();
  when->add_option("--now", o.when.now, "ISO 8601 instant to read the phrase at (default: now)");
  when->add_option("--for", o.when.purpose, "deadline (default) or reminder")
      ->check(CLI::IsMember({"deadline", "reminder"}));
  when->add_flag("--json", o.when.json, "Print {\"at\":…,\"rrule\":…} or {\"error\":…}");
  auto* digest = app.add_subcommand("digest", "Build the daily digest now: queue it, or print it");
  digest->add_flag("--now", o.digest.now, "Build it now (required)")->required();
  digest->add_flag("--dry-run", o.digest.dry_run, "Print it instead of sending it");
  digest->add_option("--chart", o.digest.chart_file, "Also write its chart (PNG) to this file");
  app.require_subcommand(1);
}

int run(CLI::App& app, Options& o) {
  wgbot::ConfigInputs inputs;
  if (!o.config_path.empty()) inputs.explicit_path = o.config_path;
  inputs.env = wgbot::wgbot_environment();
  wgbot::LoadedConfig loaded;
  try {
    loaded = wgbot::load_config(inputs);
  } catch (const wgbot::ConfigError& e) {
    std::cerr << "wgbot: " << e.what() << "\n";
    return kExitUsage;
  }
  if (!o.log_format.empty()) wgbot::override_log_format(loaded, o.log_format);
  const auto& config = loaded.config;
  auto* sub = app.get_subcommands().front();
  const std::string name = sub->get_name();
  if (name == "serve") {
#ifndef WGBOT_WITH_JEMALLOC
    // The server frees and reallocates the same few large buffers all day (SQLite's statement
    // scratch, request bodies). glibc's defaults hand such memory back to the kernel on every
    // free and map it again on the next use, which costs a system call and a TLB flush on every
    // core each time; a steady few MiB kept is cheaper.
    mallopt(M_MMAP_THRESHOLD, 4 << 20);
    mallopt(M_TRIM_THRESHOLD, 8 << 20);
#endif
    wgbot::ServeOptions serve;
    if (!o.console_handle.empty()) {
      serve.console_handle = o.console_handle;
    } else if (isatty(STDIN_FILENO) != 0) {
      serve.console_handle = "admin";  // the demo admin, for a first look in a terminal
    }
    return wgbot::run_serve(loaded, serve);
  }
  if (name == "console") {
    return wgbot::run_console(loaded, o.console_as, std::cin, std::cout, isatty(STDIN_FILENO) != 0);
  }
  if (name == "migrate") return wgbot::cli::migrate(config, std::cout);
  if (name == "check-config") return wgbot::cli::check_config(loaded, std::cout);
  if (name == "import-roster") {
    return wgbot::cli::import_roster_file(config, o.roster_file, o.roster_update, std::cout);
  }
  if (name == "export") {
    return wgbot::cli::export_csv(config, o.export_what, o.export_out, std::cout);
  }
  if (name == "audit") return wgbot::cli::audit(config, o.audit_entries, std::cout);
  if (name == "set-webhook") {
    return wgbot::cli::set_webhook(config, o.webhook_platform, std::cout);
  }
  if (name == "when") return wgbot::cli::when(config, o.when, std::cout, std::cerr);
  if (name == "backup") return wgbot::cli::backup(config, o.backup_file, std::cout);
  if (name == "digest") return wgbot::cli::digest(config, o.digest, std::cout, std::cerr);
  const std::string action = sub->get_subcommands().front()->get_name();
  if (name == "unit") {
    if (action == "add") return wgbot::cli::unit_add(config, o.unit_name, o.unit_short, std::cout);
    return wgbot::cli::unit_list(config, std::cout);
  }
  if (action == "edit") return wgbot::cli::member_edit(config, o.edit, std::cout);
  if (action == "deactivate") {
    return wgbot::cli::member_deactivate(config, o.deactivate_handle, std::cout);
  }
  if (action == "add") return wgbot::cli::member_add(config, o.member, std::cout);
  if (action == "list") return wgbot::cli::member_list(config, std::cout);
  return wgbot::cli::member_invite(config, o.invite_handle, std::cout);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"wgbot — the working group's assistant (Trợ lý Tổ công tác)", "wgbot"};
  Options options;
  add_commands(app, options);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : kExitUsage;
  }
  try {
    return run(app, options);
  } catch (const std::exception& e) {
    std::cerr << "wgbot: " << e.what() << "\n";
    return wgbot::kExitRuntime;
  }
}
