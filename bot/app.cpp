#include "bot/app.hpp"

#include <poll.h>
#include <unistd.h>

#include <SQLiteCpp/SQLiteCpp.h>
#include <spdlog/spdlog.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>

#include <iostream>
#include <thread>

#include "bot/bootstrap.hpp"
#include "bot/console/console_session.hpp"
#include "bot/console/stdin_lines.hpp"
#include "bot/core/logging.hpp"
#include "bot/dispatch/dispatcher.hpp"
#include "bot/http/http_server.hpp"
#include "bot/scheduler/scheduler.hpp"
#include "bot/service_endpoints.hpp"
#include "bot/telegram/telegram_platform.hpp"
#include "storage/connection.hpp"
#include "storage/db_lock.hpp"
#include "storage/writer.hpp"

namespace wgbot {

namespace {

constexpr auto kShutdownGrace = std::chrono::seconds(5);

std::vector<std::string> secrets_of(const Config& c) {
  return {c.telegram.token,          c.telegram.webhook_secret, c.zalo_bot.token,
          c.zalo_bot.webhook_secret, c.zalo_oa.app_secret,      c.zalo_oa.oa_secret,
          c.zalo_oa.refresh_token};
}

// What the bot's parts share; owned by run_serve.
struct ServeParts {
  storage::Writer& writer;
  Dispatcher& dispatcher;
  Metrics& metrics;
  const Clock& clock;
};

std::size_t io_threads() {
  const auto n = std::thread::hardware_concurrency();
  return n == 0 ? 2 : n;
}

}  // namespace

namespace {

http::ServerOptions server_options_for(const Config& config) {
  http::ServerOptions options;
  options.host = config.listen_host;
  options.port = config.listen_port;
  options.max_body_bytes = config.http_max_body_bytes;
  options.max_connections = config.http_max_connections;
  return options;
}

// Runs `done` once every part that was asked to stop has said it has.
class StopBarrier {
 public:
  StopBarrier(int parts, std::function<void()> done) : left_(parts), done_(std::move(done)) {}
  std::function<void()> part_done() {
    return [this] {
      if (--left_ == 0) done_();
    };
  }

 private:
  std::atomic<int> left_;
  std::function<void()> done_;
};

// The console of `serve --console HANDLE`; nullptr when no active member has the handle.
std::shared_ptr<ConsoleSession> open_console(const std::string& handle, ServeParts& parts) {
  auto session = std::make_shared<ConsoleSession>(parts.writer, parts.dispatcher, parts.clock,
                                                  handle, std::cout, isatty(STDIN_FILENO) != 0);
  if (!session->open()) {
    std::cerr << "wgbot: no active member has the handle " << handle << "\n";
    return nullptr;
  }
  return session;
}

// One bot per database; nullptr (and the reason on stderr) when another process serves it.
std::unique_ptr<storage::DbLock> lock_database(const std::string& db_path) {
  try {
    return std::make_unique<storage::DbLock>(db_path);
  } catch (const std::exception& e) {
    std::cerr << "wgbot: " << e.what() << "\n";
    return nullptr;
  }
}

}  // namespace

int run_serve(const LoadedConfig& loaded, const ServeOptions& options) {
  const auto config = std::make_shared<const Config>(loaded.config);
  install_logger(config->log_level, config->log_format, secrets_of(*config));
  const auto lock = lock_database(config->db);
  if (!lock) return kExitUsage;
  SystemClock clock;
  storage::Writer writer(prepare_database(*config, clock).db);
  Dispatcher dispatcher(config, clock);
  Metrics metrics;
  dispatcher.set_metrics(&metrics);
  ServeParts parts{writer, dispatcher, metrics, clock};

  boost::asio::io_context ioc;
  auto router = std::make_shared<http::Router>();
  add_service_endpoints(*router, writer, metrics, clock);
  std::unique_ptr<telegram::TelegramPlatform> tg;
  if (config->telegram.enabled()) {
    tg = std::make_unique<telegram::TelegramPlatform>(ioc, config, writer, dispatcher, metrics,
                                                      clock);
    tg->add_routes(*router);
  }
  scheduler::Scheduler scheduler(writer, config, clock);
  std::shared_ptr<ConsoleSession> console;
  if (options.console_handle) {
    console = open_console(*options.console_handle, parts);
    if (!console) return kExitUsage;
    console->start_background_drain();
  }
  writer.set_after_commit([&tg, &scheduler, &console] {
    scheduler.notify();
    if (tg) tg->notify_outbox();
    if (console) console->request_drain();
  });
  http::HttpServer server(ioc, server_options_for(*config), router);
  try {
    server.start();
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
    return kExitRuntime;
  }
  spdlog::info("listening on {}:{}", config->listen_host, server.port());
  if (tg) tg->start();
  scheduler.start();

  StdinLines stdin_lines;
  std::atomic<bool> stopping{false};
  StopBarrier barrier(tg ? 2 : 1, [&ioc] { ioc.stop(); });
  const std::function<void()> begin_shutdown = [&] {
    if (stopping.exchange(true)) return;
    spdlog::info("event=shutdown_started");
    stdin_lines.cancel();
    server.shutdown(kShutdownGrace, barrier.part_done());
    if (tg) tg->stop(barrier.part_done());
  };
  boost::asio::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int) {
    if (!ec) begin_shutdown();
  });
  std::thread console_thread;
  if (console) {
    console_thread = std::thread([&] {
      while (auto line = stdin_lines.next()) console->submit_line(*line);
      // End of input (Ctrl-D) ends the bot cleanly, as SIGTERM does.
      boost::asio::post(ioc, begin_shutdown);
    });
  }

  std::vector<std::thread> pool;
  for (std::size_t i = 1; i < io_threads(); ++i) pool.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
  for (auto& t : pool) t.join();
  stdin_lines.cancel();
  if (console_thread.joinable()) console_thread.join();
  scheduler.stop();
  if (console) console->stop_background_drain();
  writer.set_after_commit({});
  tg.reset();
  writer.stop();
  spdlog::info("event=stopped");
  return kExitOk;
}

int run_console(const LoadedConfig& loaded, const std::string& handle, std::istream& in,
                std::ostream& out, bool interactive) {
  const auto config = std::make_shared<const Config>(loaded.config);
  install_logger(interactive ? config->log_level : "warn", config->log_format, secrets_of(*config));
  const auto lock = lock_database(config->db);
  if (!lock) return kExitUsage;
  SystemClock clock;
  PreparedDatabase prepared = prepare_database(*config, clock);
  storage::Writer writer(std::move(prepared.db));
  Dispatcher dispatcher(config, clock);
  ConsoleSession session(writer, dispatcher, clock, handle, out, interactive);
  if (!session.open()) {
    std::cerr << "wgbot: no active member has the handle " << handle << "\n";
    return kExitUsage;
  }
  session.run(in);
  writer.stop();
  return kExitOk;
}

}  // namespace wgbot
