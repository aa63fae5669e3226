#include "bot/platform/intake_lifecycle.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>

#include <exception>

namespace wgbot {

namespace asio = boost::asio;

IntakeLifecycle::State::State(asio::io_context& ioc, StopPart part)
    : strand(asio::make_strand(ioc)),
      timer(strand),
      rng(std::random_device{}()),
      stop_part(std::move(part)) {}

void IntakeLifecycle::State::part_stopped() {
  if (--parts_running > 0 || !stopped) return;
  asio::post(strand, std::exchange(stopped, nullptr));
}

IntakeLifecycle::IntakeLifecycle(asio::io_context& ioc, StopPart stop_part)
    : state_(std::make_shared<State>(ioc, std::move(stop_part))) {}

void IntakeLifecycle::start(std::function<asio::awaitable<void>()> body, std::string crash_event,
                            std::shared_ptr<void> keep_alive) {
  asio::post(state_->strand, [state = state_, body = std::move(body),
                              crash_event = std::move(crash_event),
                              keep_alive = std::move(keep_alive)]() mutable {
    if (state->started || state->stopping) return;
    state->started = true;
    // The other part reports even when it never started.
    state->parts_running = state->stop_part ? 2 : 1;
    asio::co_spawn(state->strand, body(),
                   asio::bind_executor(state->strand, [state, crash_event,
                                                       keep_alive](const std::exception_ptr& e) {
                     if (e) {
                       try {
                         std::rethrow_exception(e);
                       } catch (const std::exception& ex) {
                         spdlog::error("{} error=\"{}\"", crash_event, ex.what());
                       }
                     }
                     state->part_stopped();
                   }));
  });
}

void IntakeLifecycle::stop(std::function<void()> done) {
  asio::post(state_->strand, [state = state_, done = std::move(done)]() mutable {
    if (state->stopping) {  // a second stop() is told when the first one finishes
      if (state->parts_running <= 0 || !state->started) {
        if (done) asio::post(state->strand, std::move(done));
      } else if (done) {
        state->stopped = [first = std::move(state->stopped), done = std::move(done)] {
          if (first) first();
          done();
        };
      }
      return;
    }
    state->stopping = true;
    state->stopped = std::move(done);
    if (!state->started || state->parts_running <= 0) {
      if (state->stopped) asio::post(state->strand, std::exchange(state->stopped, nullptr));
      return;
    }
    state->cancel.cancel();
    state->timer.cancel();
    if (state->stop_part) {
      state->stop_part([state] { asio::post(state->strand, [state] { state->part_stopped(); }); });
    }
  });
}

asio::awaitable<bool> IntakeLifecycle::pause(int failures, BackoffPolicy policy) {
  if (state_->stopping) co_return false;
  state_->timer.expires_after(backoff(failures, state_->rng(), policy));
  co_await state_->timer.async_wait(asio::as_tuple(asio::use_awaitable));
  co_return !state_->stopping;
}

}  // namespace wgbot
