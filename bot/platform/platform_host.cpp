#include "bot/platform/platform_host.hpp"

#include "bot/outbound/outbox_sender.hpp"
#include "config/config.hpp"
#include "core/metrics.hpp"

namespace wgbot {

namespace {

SenderOptions sender_options(const Config& config, const Platform& platform) {
  SenderOptions options;
  options.db_path = config.db;
  options.limits = platform.rate_limits();
  options.max_in_flight = in_flight_window(options.limits);
  return options;
}

}  // namespace

PlatformHost::PlatformHost(PlatformContext& context, std::unique_ptr<Platform> platform)
    : platform_(std::move(platform)),
      sender_(std::make_unique<OutboxSender>(context.ioc, context.writer, platform_->delivery(),
                                             context.clock, context.metrics,
                                             sender_options(*context.config, *platform_))) {
  context.metrics.add_platform(platform_->id());
}

PlatformHost::~PlatformHost() = default;

void PlatformHost::start() {
  sender_->start();
  platform_->start();
}

void PlatformHost::notify_outbox(std::shared_ptr<const storage::CommittedOutbox> committed) {
  sender_->notify(std::move(committed));
}

void PlatformHost::stop_intake(std::function<void()> done) {
  platform_->stop(std::move(done));
}

void PlatformHost::stop_sending(std::function<void()> done) {
  sender_->stop(std::move(done));
}

}  // namespace wgbot
