#include "bot/app/app.hpp"

#include <poll.h>
#include <unistd.h>

#include <spdlog/spdlog.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <iostream>
#include <thread>

#include "bot/app/bootstrap.hpp"
#include "bot/app/platforms.hpp"
#include "bot/app/runtime.hpp"
#include "bot/console/console_session.hpp"
#include "bot/console/stdin_lines.hpp"
#include "bot/dispatch/dispatcher.hpp"
#include "bot/dispatch/ingest.hpp"
#include "core/logging.hpp"
#include "core/metrics.hpp"
#include "storage/connection.hpp"
#include "storage/db_lock.hpp"
#include "storage/writer.hpp"

namespace wgbot {

namespace {

// One bot per database; nullptr (and the reason on stderr) when another process serves it.
std::unique_ptr<storage::DbLock> lock_database(const std::string& db_path) {
  try {
    return std::make_unique<storage::DbLock>(db_path);
  } catch (const std::exception& e) {
    std::cerr << "wgbot: " << e.what() << "\n";
    return nullptr;
  }
}

// Re-reads the configuration on SIGHUP and applies what is safe to change while running: the
// log level. Every other key needs a restart; a changed one is named in the log.
void reload_config(const LoadedConfig& started) {
  ConfigInputs inputs;
  if (!started.file.empty()) inputs.explicit_path = started.file;
  inputs.env = wgbot_environment();
  LoadedConfig fresh;
  try {
    fresh = load_config(inputs);
  } catch (const std::exception& e) {  // ConfigError, or the file could not be read
    spdlog::error("event=config_reload_failed error=\"{}\"", e.what());
    return;
  }
  std::string restart_keys;
  for (const auto& now : fresh.report) {
    if (now.key == "log.level") continue;
    for (const auto& before : started.report) {
      if (before.source == kCommandLineSource) continue;  // the command line still holds
      if (before.key == now.key && before.value != now.value) {
        restart_keys += (restart_keys.empty() ? "" : ",") + now.key;
      }
    }
  }
  set_log_level(fresh.config.log_level);
  spdlog::info("event=config_reloaded log_level={}", fresh.config.log_level);
  if (!restart_keys.empty()) {
    spdlog::warn("event=config_restart_needed keys={}", restart_keys);
  }
}

// Stops the runtime on SIGINT/SIGTERM and reloads the config on SIGHUP. Its own io_context and
// thread, so a signal is seen even while the runtime's threads are busy.
class SignalWatcher {
 public:
  SignalWatcher(BotRuntime& runtime, const LoadedConfig& loaded)
      : stop_(ioc_, SIGINT, SIGTERM), hangup_(ioc_, SIGHUP), loaded_(loaded) {
    stop_.async_wait([&runtime](const boost::system::error_code& ec, int) {
      if (!ec) runtime.request_stop();
    });
    wait_for_hangup();
    thread_ = std::thread([this] { ioc_.run(); });
  }
  ~SignalWatcher() {
    ioc_.stop();
    thread_.join();
  }
  SignalWatcher(const SignalWatcher&) = delete;
  SignalWatcher& operator=(const SignalWatcher&) = delete;

 private:
  void wait_for_hangup() {
    hangup_.async_wait([this](const boost::system::error_code& ec, int) {
      if (ec) return;
      reload_config(loaded_);
      wait_for_hangup();
    });
  }

  boost::asio::io_context ioc_;
  boost::asio::signal_set stop_;
  boost::asio::signal_set hangup_;
  const LoadedConfig& loaded_;
  std::thread thread_;
};

}  // namespace

void override_log_format(LoadedConfig& loaded, const std::string& format) {
  loaded.config.log_format = format;
  for (auto& entry : loaded.report) {
    if (entry.key == "log.format") {
      entry.value = "\"" + format + "\"";
      entry.source = kCommandLineSource;
    }
  }
}

int run_serve(const LoadedConfig& loaded, const ServeOptions& options) {
  const auto config = std::make_shared<const Config>(loaded.config);
  install_logger(config->log_level, config->log_format, loaded.secrets);
  const auto lock = lock_database(config->db);
  if (!lock) return kExitUsage;
  SystemClock clock;
  RuntimeOptions runtime_options;
  runtime_options.platforms = registered_platforms();
  runtime_options.settings = std::make_shared<SettingsOverlay>(loaded.base_values, config);
  BotRuntime runtime(config, clock, std::move(runtime_options));

  std::unique_ptr<ConsoleSession> console;
  if (options.console_handle) {
    console = std::make_unique<ConsoleSession>(runtime.writer(), runtime.ingest(), clock,
                                               *options.console_handle, std::cout,
                                               isatty(STDIN_FILENO) != 0);
    if (!console->open()) {
      std::cerr << "wgbot: no active member has the handle " << *options.console_handle << "\n";
      return kExitUsage;
    }
    console->start_background_drain();
    runtime.on_commit([&console] { console->request_drain(); });
  }
  // Signals are handled from here on, before "listening on" is logged: a SIGTERM that arrives
  // early still stops the bot cleanly (run() handles the request), and SIGHUP never kills it.
  SignalWatcher signals(runtime, loaded);
  try {
    runtime.start();
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
    return kExitRuntime;
  }
  StdinLines stdin_lines;
  std::thread console_thread;
  if (console) {
    console_thread = std::thread([&] {
      while (auto line = stdin_lines.next()) console->submit_line(*line);
      // End of input (Ctrl-D) ends the bot cleanly, as SIGTERM does.
      runtime.request_stop();
    });
  }
  runtime.run();
  stdin_lines.cancel();
  if (console_thread.joinable()) console_thread.join();
  if (console) console->stop_background_drain();
  return kExitOk;
}

int run_console(const LoadedConfig& loaded, const std::string& handle, std::istream& in,
                std::ostream& out, bool interactive) {
  const auto config = std::make_shared<const Config>(loaded.config);
  install_logger(interactive ? config->log_level : "warn", config->log_format, loaded.secrets);
  const auto lock = lock_database(config->db);
  if (!lock) return kExitUsage;
  SystemClock clock;
  PreparedDatabase prepared = prepare_database(*config, clock);
  storage::Writer writer(std::move(prepared.db));
  Dispatcher dispatcher(config, clock);
  dispatcher.use_settings(std::make_shared<SettingsOverlay>(loaded.base_values, config));
  Metrics metrics;
  IngestService ingest(writer, dispatcher, metrics);
  ConsoleSession session(writer, ingest, clock, handle, out, interactive);
  if (!session.open()) {
    std::cerr << "wgbot: no active member has the handle " << handle << "\n";
    return kExitUsage;
  }
  session.run(in);
  writer.stop();
  return kExitOk;
}

}  // namespace wgbot
