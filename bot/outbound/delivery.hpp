// What an outbox sender needs from a platform: how many API calls a message takes and how to
// make one, with the answer reduced to what the sender must do next.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include "core/outgoing.hpp"

namespace wgbot {

enum class DeliveryStatus {
  sent,         // this part arrived (or there was nothing to change)
  retry_after,  // flood control: wait `retry_after`, then send the same part again
  migrate,      // the chat has a new id (`new_chat_id`): move its rows and resend there
  chat_gone,    // blocked, kicked, or the chat does not exist: stop sending to this chat
  rejected,     // this request will never succeed (bad request): drop the message
  transient,    // 5xx, network, timeout: retry with backoff
};

struct DeliveryResult {
  DeliveryStatus status = DeliveryStatus::transient;
  std::chrono::seconds retry_after{0};
  std::string new_chat_id;
  std::string error;      // the platform's description or the network error, for the log
  bool answered = false;  // the platform's API answered at all (for the reachability gauge)
};

class Delivery {
 public:
  using Done = std::function<void(DeliveryResult)>;

  virtual ~Delivery() = default;

  [[nodiscard]] virtual std::string platform() const = 0;
  // How many API calls delivering `message` takes (a long text is split); 0 = nothing to send.
  // Must give the same answer for the same message across restarts.
  [[nodiscard]] virtual int parts(const Outgoing& message) const = 0;
  // Sends part `part` (0-based) of `message`; `done` runs exactly once, on any thread.
  virtual void send_part(const Outgoing& message, int part, Done done) = 0;
};

}  // namespace wgbot
