// A platform as the app runs it: the platform itself and the shared outbox sender that drains
// its rows through its Delivery. The host is what the app keeps a list of.
#pragma once

#include <functional>
#include <memory>
#include <string_view>

#include "bot/platform/platform.hpp"

namespace wgbot {

class OutboxSender;
namespace storage {
struct CommittedOutbox;
}

class PlatformHost {
 public:
  // `platform` must not be null; the context's references outlive the host.
  PlatformHost(PlatformContext& context, std::unique_ptr<Platform> platform);
  // Call stop_intake and stop_sending, and wait for them, first.
  ~PlatformHost();
  PlatformHost(const PlatformHost&) = delete;
  PlatformHost& operator=(const PlatformHost&) = delete;

  [[nodiscard]] std::string_view id() const { return platform_->id(); }
  Platform& platform() { return *platform_; }
  OutboxSender& sender() { return *sender_; }

  // Starts the sender, then the platform's intake.
  void start();
  // New outbox rows may be committed: `committed` if the commit knows them all (else null).
  // Any thread; cheap.
  void notify_outbox(std::shared_ptr<const storage::CommittedOutbox> committed = nullptr);
  // Shutdown, step one: no more updates come in. `done` on the io_context.
  void stop_intake(std::function<void()> done);
  // Shutdown, last step: sends in flight are recorded, nothing more is sent. `done` likewise.
  void stop_sending(std::function<void()> done);

 private:
  std::unique_ptr<Platform> platform_;
  std::unique_ptr<OutboxSender> sender_;
};

}  // namespace wgbot
