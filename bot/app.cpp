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
#include "bot/service_endpoints.hpp"
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

std::size_t io_threads() {
  const auto n = std::thread::hardware_concurrency();
  return n == 0 ? 2 : n;
}

}  // namespace

int run_serve(const LoadedConfig& loaded, const ServeOptions& options) {
  const auto config = std::make_shared<const Config>(loaded.config);
  install_logger(config->log_level, config->log_format, secrets_of(*config));
  std::unique_ptr<storage::DbLock> lock;
  try {
    lock = std::make_unique<storage::DbLock>(config->db);
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
    std::cerr << "wgbot: " << e.what() << "\n";
    return kExitUsage;
  }
  SystemClock clock;
  PreparedDatabase prepared = prepare_database(*config, clock);
  storage::Writer writer(std::move(prepared.db));
  Dispatcher dispatcher(config, clock);
  Metrics metrics;
  dispatcher.set_metrics(&metrics);

  boost::asio::io_context ioc;
  auto router = std::make_shared<http::Router>();
  add_service_endpoints(*router, writer, metrics, clock);
  http::ServerOptions server_options;
  server_options.host = config->listen_host;
  server_options.port = config->listen_port;
  server_options.max_body_bytes = config->http_max_body_bytes;
  server_options.max_connections = config->http_max_connections;
  http::HttpServer server(ioc, server_options, router);
  try {
    server.start();
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
    return kExitRuntime;
  }
  spdlog::info("listening on {}:{}", config->listen_host, server.port());

  StdinLines stdin_lines;
  std::atomic<bool> stopping{false};
  auto begin_shutdown = [&] {
    if (stopping.exchange(true)) return;
    spdlog::info("event=shutdown_started");
    stdin_lines.cancel();
    server.shutdown(kShutdownGrace, [&ioc] { ioc.stop(); });
  };
  boost::asio::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int) {
    if (!ec) begin_shutdown();
  });

  std::thread console_thread;
  if (options.console_handle) {
    auto session = std::make_shared<ConsoleSession>(
        writer, dispatcher, clock, *options.console_handle, std::cout, isatty(STDIN_FILENO) != 0);
    if (!session->open()) {
      std::cerr << "wgbot: no active member has the handle " << *options.console_handle << "\n";
      begin_shutdown();
    } else {
      console_thread = std::thread([&, session] {
        while (auto line = stdin_lines.next()) session->submit_line(*line);
        // End of input (Ctrl-D) ends the bot cleanly, as SIGTERM does.
        boost::asio::post(ioc, begin_shutdown);
      });
    }
  }

  std::vector<std::thread> pool;
  for (std::size_t i = 1; i < io_threads(); ++i) pool.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
  for (auto& t : pool) t.join();
  stdin_lines.cancel();
  if (console_thread.joinable()) console_thread.join();
  writer.stop();
  spdlog::info("event=stopped");
  return kExitOk;
}

int run_console(const LoadedConfig& loaded, const std::string& handle, std::istream& in,
                std::ostream& out, bool interactive) {
  const auto config = std::make_shared<const Config>(loaded.config);
  install_logger(interactive ? config->log_level : "warn", config->log_format, secrets_of(*config));
  std::unique_ptr<storage::DbLock> lock;
  try {
    lock = std::make_unique<storage::DbLock>(config->db);
  } catch (const std::exception& e) {
    std::cerr << "wgbot: " << e.what() << "\n";
    return kExitUsage;
  }
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
