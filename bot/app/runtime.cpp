#include "bot/app/runtime.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include <algorithm>
#include <atomic>
#include <map>
#include <thread>

#include "bot/app/bootstrap.hpp"
#include "bot/app/service_endpoints.hpp"
#include "bot/dispatch/dispatcher.hpp"
#include "bot/http/http_server.hpp"
#include "bot/http/media_route.hpp"
#include "bot/http/media_shelf.hpp"
#include "bot/http/router.hpp"
#include "bot/platform/platform_host.hpp"
#include "bot/scheduler/scheduler.hpp"
#include "config/config.hpp"
#include "core/clock.hpp"
#include "core/metrics.hpp"
#include "core/thread_name.hpp"
#include "storage/connection.hpp"

namespace wgbot {

namespace asio = boost::asio;

namespace {

http::ServerOptions server_options_for(const Config& config) {
  http::ServerOptions options;
  options.host = config.listen_host;
  options.port = config.listen_port;
  options.max_body_bytes = config.http_max_body_bytes;
  options.max_connections = config.http_max_connections;
  return options;
}

// Runs `done` once `parts` parts have each said they are done.
std::function<void()> after_all(std::size_t parts, std::function<void()> done) {
  if (parts == 0) {
    done();
    return [] {};
  }
  auto left = std::make_shared<std::atomic<std::size_t>>(parts);
  auto shared = std::make_shared<std::function<void()>>(std::move(done));
  return [left, shared] {
    if (--*left == 0) (*shared)();
  };
}

}  // namespace

struct BotRuntime::Impl {
  Impl(std::shared_ptr<const Config> c, const Clock& clk, RuntimeOptions o)
      : config(std::move(c)),
        clock(clk),
        options(std::move(o)),
        writer(prepare_database(*config, clock).db, options.writer),
        dispatcher(config, clock),
        ingest(writer, dispatcher, metrics, options.ingest),
        router(std::make_shared<http::Router>()),
        context{ioc, config, writer, ingest, dispatcher, metrics, clock, media},
        scheduler(writer, config, clock) {
    if (options.settings) {
      dispatcher.use_settings(options.settings);
      scheduler.use_settings(options.settings);
    }
  }

  std::shared_ptr<const Config> config;
  const Clock& clock;
  RuntimeOptions options;
  asio::io_context ioc;
  storage::Writer writer;
  Dispatcher dispatcher;
  Metrics metrics;
  IngestService ingest;
  std::shared_ptr<http::Router> router;
  http::MediaShelf media;
  PlatformContext context;
  scheduler::Scheduler scheduler;
  std::vector<std::unique_ptr<PlatformHost>> hosts;
  std::unique_ptr<http::HttpServer> server;
  std::vector<std::function<void()>> listeners;
  std::atomic<bool> stopping{false};

  void shutdown();
  void drain_writer_then_stop_sending();
  void finish();
};

void BotRuntime::Impl::shutdown() {
  spdlog::info("event=shutdown_started");
  // Step one: no more intake. The server finishes the requests it has (each waits for its
  // update to be stored), the platforms cancel their polls.
  auto intake_done = after_all(
      hosts.size() + 1, [this] { asio::post(ioc, [this] { drain_writer_then_stop_sending(); }); });
  server->shutdown(options.shutdown_grace, intake_done);
  for (auto& host : hosts) host->stop_intake(intake_done);
}

void BotRuntime::Impl::drain_writer_then_stop_sending() {
  // Step two: everything queued so far is committed (or failed) before the senders stop, so
  // the replies to the last updates are in the outbox for the next start.
  writer.submit([](storage::Connection&) {},
                [this](const storage::WriteResult&) {
                  asio::post(ioc, [this] {
                    auto sent =
                        after_all(hosts.size(), [this] { asio::post(ioc, [this] { finish(); }); });
                    for (auto& host : hosts) host->stop_sending(sent);
                  });
                });
}

void BotRuntime::Impl::finish() {
  spdlog::info("event=intake_and_senders_stopped");
  ioc.stop();
}

BotRuntime::BotRuntime(std::shared_ptr<const Config> config, const Clock& clock,
                       RuntimeOptions options)
    : impl_(std::make_unique<Impl>(std::move(config), clock, std::move(options))) {
  auto& impl = *impl_;
  add_service_endpoints(*impl.router, impl.writer, impl.metrics, impl.clock,
                        impl.ioc.get_executor());
  http::add_media_route(*impl.router, impl.media, impl.clock);
  // Which platform each webhook path belongs to, so that what the HTTP layer refuses before a
  // handler sees it (a body too large, bad framing) is counted against that platform.
  auto owners = std::make_shared<std::map<std::string, std::string, std::less<>>>();
  impl.scheduler.count_into(impl.metrics);
  for (const auto& factory : impl.options.platforms) {
    auto platform = factory(impl.context);
    if (!platform) continue;
    const auto before = impl.router->paths();
    platform->add_routes(*impl.router);
    impl.dispatcher.set_capabilities(std::string(platform->id()), platform->capabilities());
    for (const auto& path : impl.router->paths()) {
      if (!std::binary_search(before.begin(), before.end(), path)) {
        owners->emplace(path, std::string(platform->id()));
      }
    }
    impl.hosts.push_back(std::make_unique<PlatformHost>(impl.context, std::move(platform)));
  }
  auto server_options = server_options_for(*impl.config);
  server_options.header_timeout = impl.options.http_header_timeout;
  server_options.body_timeout = impl.options.http_body_timeout;
  server_options.idle_timeout = impl.options.http_idle_timeout;
  server_options.on_refused = [owners, &metrics = impl.metrics](std::string_view path, int status) {
    const auto owner = owners->find(path);
    if (owner == owners->end()) return;
    metrics.update_rejected(owner->second,
                            status == 413 ? RejectReason::too_large : RejectReason::bad_http);
  };
  impl.server =
      std::make_unique<http::HttpServer>(impl.ioc, std::move(server_options), impl.router);
}

BotRuntime::~BotRuntime() {
  // Jobs and the after-commit hook use the ingest service and the hosts: end them first.
  impl_->scheduler.stop();
  impl_->writer.stop();
}

void BotRuntime::on_commit(std::function<void()> listener) {
  impl_->listeners.push_back(std::move(listener));
}

void BotRuntime::start() {
  auto& impl = *impl_;
  impl.writer.set_after_commit([&impl](const storage::CommitChanges& changes) {
    impl.scheduler.notify();
    // A sender applies what it records itself to its memory; only new rows are news to it,
    // and waking it for its own deliveries would have it read the outbox for nothing. The rows
    // themselves come along when the commit knows them all, so it need not read them back.
    if (changes.inserted("outbox")) {
      for (auto& host : impl.hosts) host->notify_outbox(changes.outbox());
    }
    for (auto& listener : impl.listeners) listener();
  });
  impl.server->start();
  spdlog::info("listening on {}:{}", impl.config->listen_host, impl.server->port());
  for (auto& host : impl.hosts) host->start();
  impl.scheduler.start();
}

void BotRuntime::run() {
  auto& impl = *impl_;
  auto threads = impl.options.io_threads;
  if (threads == 0) threads = std::max(2U, std::thread::hardware_concurrency());
  std::vector<std::thread> pool;
  // The main thread keeps the process name (pgrep, systemd); the others say what they do.
  for (std::size_t i = 1; i < threads; ++i) {
    pool.emplace_back([&impl] {
      set_thread_name("wgbot-io");
      impl.ioc.run();
    });
  }
  impl.ioc.run();
  for (auto& t : pool) t.join();
  impl.scheduler.stop();
  spdlog::info("event=stopped");
}

void BotRuntime::request_stop() {
  if (impl_->stopping.exchange(true)) return;
  asio::post(impl_->ioc, [impl = impl_.get()] { impl->shutdown(); });
}

unsigned short BotRuntime::port() const {
  return impl_->server->port();
}

storage::Writer& BotRuntime::writer() {
  return impl_->writer;
}

IngestService& BotRuntime::ingest() {
  return impl_->ingest;
}

Metrics& BotRuntime::metrics() {
  return impl_->metrics;
}

PlatformHost* BotRuntime::host(std::string_view id) {
  for (auto& host : impl_->hosts) {
    if (host->id() == id) return host.get();
  }
  return nullptr;
}

}  // namespace wgbot
