// Start and stop of one coroutine on a strand: a platform's start-up, or its poller's loop.
// Stopping cancels the API call in flight and the back-off timer and tells the caller once the
// coroutine (and any other part stopped with it) has ended. Shared so that every platform starts,
// retries and stops the same way.
#pragma once

#include <functional>
#include <memory>
#include <random>
#include <string>
#include <utility>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/outbound/retry_policy.hpp"
#include "bot/platform/cancellable_call.hpp"

namespace wgbot {

class IntakeLifecycle {
 public:
  using Strand = boost::asio::strand<boost::asio::io_context::executor_type>;
  // Stops another part together with the coroutine (e.g. the poller the start-up started); it
  // calls `ended` once that part has ended, even if it never ran.
  using StopPart = std::function<void(std::function<void()> ended)>;

  explicit IntakeLifecycle(boost::asio::io_context& ioc, StopPart stop_part = {});

  // Spawns `body` on the strand once; a second start, or one after stop, does nothing. An
  // exception from it is logged as `<crash_event> error="…"`. `keep_alive` is held until the
  // coroutine has ended (for an owner the coroutine uses that may be released before). Any thread.
  void start(std::function<boost::asio::awaitable<void>()> body, std::string crash_event,
             std::shared_ptr<void> keep_alive = nullptr);
  // Cancels the call in flight and the back-off, stops the other part; `done` runs on the strand
  // once everything has ended. A second stop is told when the first one finishes. Any thread.
  void stop(std::function<void()> done);

  // Strand only: the coroutine's executor, its cancellable calls, and whether it should end.
  [[nodiscard]] const Strand& strand() const { return state_->strand; }
  [[nodiscard]] CallCanceller& canceller() { return state_->cancel; }
  [[nodiscard]] bool stopping() const { return state_->stopping; }

  // Waits out the back-off after `failures` failures; false if stopping.
  boost::asio::awaitable<bool> pause(int failures, BackoffPolicy policy);

  // Awaits `make_call()` (an operation whose Result has succeeded()) until it succeeds, calling
  // `failed(result)` and pausing after each failure. A failed result only when stopping.
  template <typename Result, typename MakeCall, typename Failed>
  boost::asio::awaitable<Result> call_until_ok(MakeCall make_call, Failed failed,
                                               BackoffPolicy policy) {
    for (int failures = 1;; ++failures) {
      // Operations are created before co_await: GCC 12 mishandles temporaries inside it.
      auto op = make_call();
      Result r = co_await std::move(op);
      if (stopping() || r.succeeded()) co_return r;
      failed(r);
      auto wait = pause(failures, policy);
      if (!co_await std::move(wait)) co_return r;
    }
  }

 private:
  struct State {
    explicit State(boost::asio::io_context& ioc, StopPart part);
    void part_stopped();

    Strand strand;
    boost::asio::steady_timer timer;
    std::mt19937_64 rng;
    StopPart stop_part;
    // Strand only.
    CallCanceller cancel;
    bool started = false;
    bool stopping = false;
    int parts_running = 0;
    std::function<void()> stopped;
  };
  // Shared with the handlers posted to the strand, which may run after the owner has gone.
  std::shared_ptr<State> state_;
};

}  // namespace wgbot
