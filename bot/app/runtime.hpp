// The running bot, assembled: database writer, ingest service, HTTP server, scheduler and one
// PlatformHost per enabled platform, on one io_context run by a small pool of threads.
//
// Shutdown keeps every promise made to a platform: first no more intake (the server stops
// accepting and finishes its requests; pollers are cancelled), then the writer drains what was
// queued (each update that was answered 200 is committed), then the senders record their sends
// in flight, then the threads end; the writer stops before anything its jobs use is destroyed.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "bot/dispatch/ingest.hpp"
#include "bot/platform/platform.hpp"
#include "config/settings_overlay.hpp"
#include "storage/writer.hpp"

namespace wgbot {

class Clock;
class PlatformHost;
struct Config;

struct RuntimeOptions {
  std::vector<PlatformFactory> platforms;  // usually registered_platforms()
  std::size_t io_threads = 0;              // 0: one per hardware thread
  storage::WriterOptions writer{512, 4096, 500};
  IngestOptions ingest;
  std::chrono::milliseconds shutdown_grace{5000};
  // When set, the dispatcher and the scheduler apply the run-time settings (/settings).
  std::shared_ptr<SettingsOverlay> settings;
  // The HTTP server's timeouts (see http::ServerOptions): header, body, idle between requests.
  std::chrono::milliseconds http_header_timeout{std::chrono::seconds{10}};
  std::chrono::milliseconds http_body_timeout{std::chrono::seconds{30}};
  std::chrono::milliseconds http_idle_timeout{std::chrono::seconds{60}};
};

class BotRuntime {
 public:
  // Opens and prepares the database (migrations, demo roster, admins); throws
  // std::runtime_error with a one-line reason.
  BotRuntime(std::shared_ptr<const Config> config, const Clock& clock, RuntimeOptions options);
  ~BotRuntime();
  BotRuntime(const BotRuntime&) = delete;
  BotRuntime& operator=(const BotRuntime&) = delete;

  // Listens, then starts the platforms and the scheduler. Throws std::runtime_error when the
  // address cannot be bound.
  void start();
  // Runs the io_context on the calling thread and the pool until shutdown has finished, then
  // stops the scheduler. The writer takes jobs until the runtime is destroyed (a console may
  // still be finishing). Call once, after start().
  void run();
  // Begins the orderly shutdown; any thread, idempotent. run() returns when it is done.
  void request_stop();
  // Also called after every commit that changed rows (e.g. the console's printer). Before start().
  void on_commit(std::function<void()> listener);

  [[nodiscard]] unsigned short port() const;
  storage::Writer& writer();
  IngestService& ingest();
  Metrics& metrics();
  // The host of platform `id`; nullptr when it is not enabled.
  PlatformHost* host(std::string_view id);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace wgbot
