// The composition root: owns the io_context, the threads, the database writer and every
// platform, and wires them together for `serve` and `console`.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

#include "config/config_loader.hpp"
#include "core/clock.hpp"

namespace wgbot {

struct ServeOptions {
  std::optional<std::string> console_handle;  // also chat on stdin as this member
};

// Exit codes: 0 ok, 1 runtime failure, 2 usage, configuration or lock error.
inline constexpr int kExitOk = 0;
inline constexpr int kExitRuntime = 1;
inline constexpr int kExitUsage = 2;

// The source named in the report for a value given on the command line.
inline constexpr const char* kCommandLineSource = "command line";

// Sets log.format from the command line (--log-format), over the file and the environment.
void override_log_format(LoadedConfig& loaded, const std::string& format);

// Runs the bot until SIGINT/SIGTERM (or end of the console's input). Returns the exit code.
int run_serve(const LoadedConfig& loaded, const ServeOptions& options);

// A console chat without the server; returns when the input ends and every reply is printed.
int run_console(const LoadedConfig& loaded, const std::string& handle, std::istream& in,
                std::ostream& out, bool interactive);

}  // namespace wgbot
