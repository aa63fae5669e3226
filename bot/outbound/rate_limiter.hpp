// Keeps outgoing traffic under Telegram's flood limits (by default 30 messages a second in all, 1 a
// second per chat, 20 a minute per group: telegram.rate.*). Pure: the caller passes the current
// time into every call, so tests can simulate hours of traffic instantly.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <map>
#include <string>
#include <string_view>

namespace wgbot {

// Sends allowed in any sliding window; 0 or less switches that limit off.
struct RateLimits {
  int global_per_s = 30;
  int per_chat_per_s = 1;
  int per_group_per_min = 20;
};

class RateLimiter {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  // Chats with no send and no pause for this long are forgotten, bounding memory.
  static constexpr std::chrono::minutes kIdleForget{2};

  explicit RateLimiter(RateLimits limits = {});

  // How long to wait before sending to `chat_id`; zero means now. Rounded up to whole ms.
  [[nodiscard]] std::chrono::milliseconds delay_for(std::string_view chat_id, bool is_group,
                                                    TimePoint now) const;

  // Counts a send made at `now` against every window it belongs to.
  void record_send(std::string_view chat_id, bool is_group, TimePoint now);

  // Holds every send (pause_all_until) or those to one chat until `until`; an earlier pause
  // never shortens a later one.
  void pause_all_until(TimePoint until);
  void pause_chat_until(std::string_view chat_id, TimePoint until);

  // A 429 does not say which limit tripped. One chat refused is that chat's limit: only it
  // waits, so one busy group cannot hold everyone's reminders. Several chats refused close
  // together with no send getting through in between is the bot's global limit: then
  // everything waits. (Scattered refusals among successful sends stay per chat.)
  enum class PauseScope { chat, all };
  static constexpr std::size_t kChatsForGlobalPause = 3;
  static constexpr std::chrono::seconds kRefusalWindow{2};
  PauseScope on_retry_after(std::string_view chat_id, std::chrono::seconds retry_after,
                            TimePoint now);
  // A send got through: the refusals before it were not the global limit.
  void on_delivered() { recent_refusals_.clear(); }

  [[nodiscard]] std::size_t tracked_chats() const { return chats_.size(); }
  // Send times held for the windows, over all chats: at most the sends of the last window.
  [[nodiscard]] std::size_t remembered_sends() const;

 private:
  struct ChatState {
    std::deque<TimePoint> recent;        // this chat's last sends, for the per-second limit
    std::deque<TimePoint> group_recent;  // this group's last sends, for the per-minute limit
    TimePoint paused_until{};
    TimePoint last_active{};
  };

  void forget_idle(TimePoint now);

  RateLimits limits_;
  std::deque<TimePoint> global_recent_;
  TimePoint global_paused_until_{};
  std::deque<std::pair<TimePoint, std::string>> recent_refusals_;  // within kRefusalWindow
  std::map<std::string, ChatState, std::less<>> chats_;
  TimePoint last_forget_{};
};

}  // namespace wgbot
