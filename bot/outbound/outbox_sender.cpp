#include "bot/outbound/outbox_sender.hpp"

#include <algorithm>
#include <atomic>

#include <SQLiteCpp/SQLiteCpp.h>
#include <spdlog/spdlog.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>

#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <stdexcept>
#include <vector>

#include "bot/outbound/delivery.hpp"
#include "bot/outbound/outbox_records.hpp"
#include "bot/outbound/pending_outbox.hpp"
#include "core/clock.hpp"
#include "core/metrics.hpp"
#include "core/thread_name.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/outbox_lanes.hpp"
#include "storage/writer.hpp"

namespace wgbot {

namespace asio = boost::asio;
using TimeMs = OutboxSender::TimeMs;

namespace {

SendResult send_result_of(DeliveryStatus status) {
  switch (status) {
    case DeliveryStatus::sent:
      return SendResult::sent;
    case DeliveryStatus::retry_after:
      return SendResult::rate_limited;
    case DeliveryStatus::migrate:
      return SendResult::migrated;
    case DeliveryStatus::chat_gone:
      return SendResult::chat_gone;
    case DeliveryStatus::rejected:
      return SendResult::rejected;
    case DeliveryStatus::transient:
      break;
  }
  return SendResult::error;
}

// Answers to button presses skip the per-chat windows; this key is never recorded, so only
// the global window and a global pause apply to them.
constexpr std::string_view kCallbackLimiterKey = "#callback-answers";
constexpr auto kReadRetry = std::chrono::seconds{1};

RateLimiter::TimePoint limiter_time(TimeMs t) {
  return RateLimiter::TimePoint{
      std::chrono::duration_cast<RateLimiter::TimePoint::duration>(t.time_since_epoch())};
}

std::int64_t seconds_floor(TimeMs t) {
  return std::chrono::floor<std::chrono::seconds>(t.time_since_epoch()).count();
}

std::int64_t seconds_ceil(TimeMs t) {
  return std::chrono::ceil<std::chrono::seconds>(t.time_since_epoch()).count();
}

// One send in flight: the row as read, which part, and the lane it holds.
struct Attempt {
  storage::OutboxRow row;
  int part = 0;
  int parts = 1;
  bool is_group = false;
};

// What recording a send's result did to its row, so the rows held in memory can follow.
struct Recorded {
  enum class Effect {
    part_delivered,  // parts_done is now `parts_done`
    retry,           // waits until `retry_at`
    done,            // sent or dropped
    chat_changed,    // other rows moved or failed too: read everything again
  };
  Effect effect = Effect::done;
  int parts_done = 0;
  std::int64_t retry_at = 0;
  bool counts_as_sent = false;
};

// One trip to the outbox on the reader thread: everything (at start, or after a chat changed),
// or the rows committed since the last read and the further rows of lanes that emptied.
struct ReadRequest {
  bool everything = false;
  std::int64_t after_id = 0;  // new rows: above this id
  std::size_t room = 0;       // new rows: at most this many
  std::vector<LaneRead> lanes;
  std::size_t per_lane = 0;
};

struct ReadOutcome {
  ReadRequest request;
  bool ok = false;
  storage::PendingRows rows;
  std::vector<std::vector<storage::LaneHead>> lane_rows;  // one per request.lanes
};

}  // namespace

struct OutboxSender::Impl : std::enable_shared_from_this<Impl> {
  Impl(asio::io_context& io, storage::Writer& w, Delivery& d, const Clock& c, Metrics& m,
       SenderOptions o)
      : strand(asio::make_strand(io)),
        timer(strand),
        writer(w),
        delivery(d),
        clock(c),
        metrics(m),
        options(std::move(o)),
        platform(d.platform()),
        limiter(options.limits),
        rng(std::random_device{}()),
        pending(PendingLimits{options.memory_rows, options.memory_bytes, options.memory_per_chat}) {
    asio::post(reader, [] { set_thread_name("wgbot-outbox-rd"); });
  }

  asio::strand<asio::io_context::executor_type> strand;
  asio::steady_timer timer;
  storage::Writer& writer;
  Delivery& delivery;
  const Clock& clock;
  Metrics& metrics;
  const SenderOptions options;
  const std::string platform;

  // The outbox is read on a thread of its own with a read-only connection: reading through the
  // writer would commit, fire the after-commit hook and wake this sender again, forever.
  asio::thread_pool reader{1};
  std::unique_ptr<storage::Connection> read_db;  // reader thread only

  // Strand only.
  bool running = false;
  bool stopping = false;
  bool pass_running = false;
  bool pass_again = false;
  std::size_t in_flight = 0;               // sends not yet recorded
  std::map<std::int64_t, int> migrations;  // row id -> times it followed a chat migration
  RateLimiter limiter;
  std::mt19937_64 rng;
  std::optional<TimeMs> next_wake;
  std::vector<std::shared_ptr<std::promise<std::optional<TimeMs>>>> settle_waiters;
  std::function<void()> stopped;
  // Everything is read again (at start, and after a chat changed) only when no send is in flight:
  // such a read replaces memory and must see every result recorded.
  bool read_everything = true;
  PendingOutbox pending;  // the oldest pending rows
  // Results waiting to be recorded. One writer job at a time is queued for them and takes all
  // that arrived before the writer reached it: a burst of results costs one job (one savepoint,
  // one wake-up), and none waits longer than it would alone.
  struct ResultToRecord {
    Attempt attempt;
    storage::Writer::Job job;
    Recorded recorded;
  };
  struct ResultsToRecord {
    std::mutex mutex;  // the strand adds, the writer's thread takes
    std::vector<ResultToRecord> waiting;
    bool job_queued = false;
  };
  std::shared_ptr<ResultsToRecord> results = std::make_shared<ResultsToRecord>();

  // Any thread.
  std::atomic<std::uint64_t> full_reads{0};
  std::atomic<std::uint64_t> new_row_reads{0};
  std::atomic<std::uint64_t> lane_reads{0};
  std::atomic<std::uint64_t> handed_rows{0};
  std::atomic<std::size_t> rows_in_memory{0};

  void request_pass();
  void take_committed(const storage::CommittedOutbox* committed);
  void read(ReadRequest request);
  void on_read(ReadOutcome outcome);
  void send_due(TimeMs now, std::optional<TimeMs>& wake);
  void send_from_memory();
  void finish_pass(TimeMs now, std::optional<TimeMs> wake);
  bool try_send(storage::LaneHead& head, TimeMs now, std::optional<TimeMs>& wake);
  void on_result(const Attempt& attempt, const DeliveryResult& result);
  void record(const Attempt& attempt, storage::Writer::Job job, const Recorded& recorded);
  void write_records();
  void on_recorded(const Attempt& attempt, const Recorded& recorded, bool stored);
  void arm_timer(TimeMs now);
  void maybe_idle();
  storage::Writer::Job job_for(const Attempt& attempt, const DeliveryResult& result, TimeMs now,
                               Recorded& recorded);
};

void OutboxSender::Impl::request_pass() {
  if (!running || stopping) return maybe_idle();
  if (pass_running) {
    pass_again = true;
    return;
  }
  if (read_everything && in_flight > 0) return;  // on_recorded asks again
  ReadRequest request;
  if (read_everything) {
    pending.clear();
    request.everything = true;
  } else {
    request.lanes = pending.lanes_to_read();
  }
  request.after_id = pending.seen_id();
  request.room = pending.room();
  request.per_lane = pending.max_per_lane();
  pass_running = true;
  read(std::move(request));
}

// The rows a commit wrote are exactly what a read would bring now when memory holds everything
// up to the outbox's highest id before that commit, no read is under way (its snapshot might hold
// them too) and they fit; else the outbox is read as before.
void OutboxSender::Impl::take_committed(const storage::CommittedOutbox* committed) {
  if (committed == nullptr || !running || stopping || read_everything || pass_running ||
      pending.seen_id() != committed->previous_top) {
    return request_pass();
  }
  storage::PendingRows rows;
  rows.top_id = committed->top;
  for (const storage::CommittedOutboxRow& r : committed->rows) {
    if (r.message.platform == platform) rows.rows.push_back(storage::LaneHead::committed(r));
  }
  if (rows.rows.size() > pending.room()) return request_pass();
  handed_rows += rows.rows.size();
  pending.add(std::move(rows));
  rows_in_memory = pending.size();
  if (pending.wants_read()) pass_again = true;
  send_from_memory();
}

void OutboxSender::Impl::read(ReadRequest request) {
  // A weak reference: a read still queued when the sender is destroyed is dropped with the
  // reader pool, which Impl owns; a strong one would keep Impl, and so the pool, alive forever.
  // While a read runs, OutboxSender (which joins the reader first) still holds Impl.
  asio::post(reader, [weak = weak_from_this(), request = std::move(request)]() mutable {
    auto self = weak.lock();
    if (!self) return;
    ReadOutcome outcome;
    try {
      if (!self->read_db) {
        self->read_db = storage::open_database(self->options.db_path, storage::OpenMode::read_only);
      }
      storage::OutboxLanes lanes(*self->read_db);
      const auto per_lane = static_cast<int>(request.per_lane);
      for (const LaneRead& lane : request.lanes) {
        outcome.lane_rows.push_back(
            lane.ids.empty() ? lanes.pending_in_lane(self->platform, lane.chat_id, lane.callbacks,
                                                     lane.after_id, lane.up_to_id, per_lane)
                             : lanes.pending_with_ids(lane.ids));
      }
      if (request.room > 0) {
        outcome.rows =
            lanes.pending_after(self->platform, request.after_id, static_cast<int>(request.room));
      } else {
        outcome.rows.complete = false;  // memory is full: nothing above after_id is taken
      }
      // Bodies are parsed here, off the sender's strand.
      for (auto& row : outcome.rows.rows) row.read_message();
      for (auto& rows : outcome.lane_rows) {
        for (auto& row : rows) row.read_message();
      }
      outcome.ok = true;
    } catch (const std::exception& e) {
      spdlog::error("event=outbox_read_failed platform={} error=\"{}\"", self->platform, e.what());
      self->read_db.reset();
    }
    outcome.request = std::move(request);
    auto& strand = self->strand;
    // The last reference must not die on the reader thread (its destructor joins that thread).
    asio::post(strand, [self = std::move(self), outcome = std::move(outcome)]() mutable {
      self->on_read(std::move(outcome));
    });
  });
}

void OutboxSender::Impl::on_read(ReadOutcome outcome) {
  pass_running = false;
  const TimeMs now = clock.now_ms();
  std::optional<TimeMs> wake;
  const ReadRequest& request = outcome.request;
  if (!outcome.ok) {
    // Lanes that were to be read are asked for again; everything is read again if it was asked.
    if (!request.everything) {
      for (const LaneRead& lane : request.lanes) pending.add_lane(lane, {}, 1);
    }
    wake = now + kReadRetry;
  } else if (request.everything && !read_everything) {
    pass_again = true;  // a chat changed while this read ran (cannot happen: nothing in flight)
  } else {
    if (request.everything) {
      ++full_reads;
      read_everything = false;
    } else {
      ++new_row_reads;
    }
    for (std::size_t i = 0; i < request.lanes.size(); ++i) {
      pending.add_lane(request.lanes[i], std::move(outcome.lane_rows[i]), request.per_lane);
    }
    lane_reads += request.lanes.size();
    const bool more_above = !outcome.rows.complete && pending.room() > 0;
    pending.add(std::move(outcome.rows));
    if (more_above) pass_again = true;  // the read was cut by its limit; memory still has room
    rows_in_memory = pending.size();
    if (running && !stopping) send_due(now, wake);
  }
  finish_pass(now, wake);
}

// Sends the due heads of the lanes in memory while the window has room.
void OutboxSender::Impl::send_due(TimeMs now, std::optional<TimeMs>& wake) {
  if (read_everything || in_flight >= options.max_in_flight) return;
  const std::int64_t now_s = seconds_floor(now);
  // Picked first, sent after: sending must not run while the heads are walked.
  std::vector<storage::LaneHead*> due;
  const std::size_t room = options.max_in_flight - in_flight;
  pending.for_each_head([&](storage::LaneHead& head) {
    if (head.next_attempt_at > now_s) {  // in order: the rest are not due either
      const TimeMs at{std::chrono::seconds{head.next_attempt_at}};
      wake = wake ? std::min(*wake, at) : at;
      return false;
    }
    due.push_back(&head);  // heads in flight are not walked (PendingOutbox::sending)
    return due.size() < room;
  });
  for (storage::LaneHead* head : due) try_send(*head, now, wake);
}

// In memory, the next sends need no read: a result recorded frees a lane and a window slot.
void OutboxSender::Impl::send_from_memory() {
  const TimeMs now = clock.now_ms();
  std::optional<TimeMs> wake;
  send_due(now, wake);
  finish_pass(now, wake);
}

void OutboxSender::Impl::finish_pass(TimeMs now, std::optional<TimeMs> wake) {
  next_wake = wake;
  arm_timer(now);
  if (pass_again) {
    pass_again = false;
    request_pass();
    return;
  }
  maybe_idle();
}

// Sends the head of a lane if the limits allow; else notes when to retry. The lane is free: a
// head in flight is not among those walked (PendingOutbox::sending), so one chat's rows go one at
// a time, in order.
bool OutboxSender::Impl::try_send(storage::LaneHead& head, TimeMs now,
                                  std::optional<TimeMs>& wake) {
  head.read_message();
  Attempt attempt{head.row, head.parts_done, 1, false};
  const Outgoing& m = attempt.row.message;
  attempt.parts = delivery.parts(m);
  attempt.is_group = head.group_chat;
  const bool callback = m.kind == OutKind::callback_answer;
  ++in_flight;
  pending.sending(attempt.row.id);
  if (attempt.parts == 0 || attempt.part >= attempt.parts) {
    // Nothing (left) to send: an empty text, or every part already delivered before a restart.
    DeliveryResult result;
    result.status = attempt.parts == 0 ? DeliveryStatus::rejected : DeliveryStatus::sent;
    result.error = "nothing to send";
    result.answered = true;
    attempt.part = std::max(attempt.parts - 1, 0);
    on_result(attempt, result);
    return true;
  }
  const std::string_view key = callback ? kCallbackLimiterKey : std::string_view(m.chat_id);
  const auto delay = limiter.delay_for(key, attempt.is_group && !callback, limiter_time(now));
  if (delay.count() > 0) {
    --in_flight;
    pending.settled(attempt.row.id);
    wake = wake ? std::min(*wake, now + delay) : now + delay;
    return false;
  }
  if (!callback) limiter.record_send(m.chat_id, attempt.is_group, limiter_time(now));
  delivery.send_part(m, attempt.part, [self = shared_from_this(), attempt](DeliveryResult r) {
    asio::post(self->strand, [self, attempt, r = std::move(r)]() { self->on_result(attempt, r); });
  });
  return true;
}

void OutboxSender::Impl::on_result(const Attempt& attempt, const DeliveryResult& result) {
  metrics.set_reachable(platform, result.answered);
  metrics.send_result(platform, send_result_of(result.status));
  Recorded recorded;
  storage::Writer::Job job = job_for(attempt, result, clock.now_ms(), recorded);
  record(attempt, std::move(job), recorded);
}

storage::Writer::Job OutboxSender::Impl::job_for(const Attempt& a, const DeliveryResult& r,
                                                 TimeMs now, Recorded& recorded) {
  const std::int64_t id = a.row.id;
  const std::int64_t now_s = seconds_floor(now);
  const std::string& chat = a.row.message.chat_id;
  // Only a message sent in parts has a progress key to forget when it is done.
  const bool in_parts = a.parts > 1 || a.part > 0;
  DeliveryStatus status = r.status;
  if (status == DeliveryStatus::migrate && (r.new_chat_id.empty() || r.new_chat_id == chat ||
                                            ++migrations[id] > options.max_migrations)) {
    status = DeliveryStatus::rejected;
  }
  if (status == DeliveryStatus::sent && a.part + 1 < a.parts) {
    recorded.effect = Recorded::Effect::part_delivered;
    recorded.parts_done = a.part + 1;
    return record_part_delivered(id, a.part + 1);
  }
  if (status == DeliveryStatus::sent || status == DeliveryStatus::rejected) migrations.erase(id);
  switch (status) {
    case DeliveryStatus::sent:
      recorded.counts_as_sent = true;
      limiter.on_delivered();
      return record_delivered(id, now_s, in_parts);
    case DeliveryStatus::retry_after: {
      const auto wait = std::max(r.retry_after, std::chrono::seconds{1});
      const auto scope = limiter.on_retry_after(chat, wait, limiter_time(now));
      spdlog::warn(
          "event=send_flood_control platform={} chat={} outbox_id={} retry_after_s={} paused={}",
          platform, chat, id, wait.count(),
          scope == RateLimiter::PauseScope::all ? "all_chats" : "this_chat");
      recorded.effect = Recorded::Effect::retry;
      recorded.retry_at = seconds_ceil(now + wait);
      return record_retry(id, recorded.retry_at, r.error);
    }
    case DeliveryStatus::migrate:
      spdlog::info("event=chat_migrated platform={} chat={} new_chat={} outbox_id={}", platform,
                   chat, r.new_chat_id, id);
      recorded.effect = Recorded::Effect::chat_changed;
      return record_chat_migrated(platform, chat, r.new_chat_id, now_s);
    case DeliveryStatus::chat_gone:
      metrics.send_failed(platform);
      spdlog::warn("event=chat_unreachable platform={} chat={} outbox_id={} error=\"{}\"", platform,
                   chat, id, r.error);
      recorded.effect = Recorded::Effect::chat_changed;
      return record_chat_unreachable(platform, chat, a.is_group, now_s, r.error);
    case DeliveryStatus::rejected:
      metrics.send_failed(platform);
      spdlog::warn("event=send_rejected platform={} chat={} outbox_id={} part={} error=\"{}\"",
                   platform, chat, id, a.part, r.error);
      return record_dropped(id, r.error, in_parts);
    case DeliveryStatus::transient:
      break;
  }
  metrics.send_failed(platform);
  const auto delay = backoff(a.row.attempts + 1, rng(), options.backoff);
  spdlog::warn(
      "event=send_retry platform={} chat={} outbox_id={} attempt={} delay_ms={} error=\"{}\"",
      platform, chat, id, a.row.attempts + 1, delay.count(), r.error);
  recorded.effect = Recorded::Effect::retry;
  recorded.retry_at = seconds_ceil(now + delay);
  return record_retry(id, recorded.retry_at, r.error);
}

void OutboxSender::Impl::record(const Attempt& attempt, storage::Writer::Job job,
                                const Recorded& recorded) {
  {
    std::lock_guard lock(results->mutex);
    results->waiting.push_back(ResultToRecord{attempt, std::move(job), recorded});
    if (results->job_queued) return;  // the queued job will take this one too
    results->job_queued = true;
  }
  write_records();
}

void OutboxSender::Impl::write_records() {
  auto taken = std::make_shared<std::vector<ResultToRecord>>();
  const auto take = [queue = results, taken] {
    std::lock_guard lock(queue->mutex);
    taken->insert(taken->end(), std::make_move_iterator(queue->waiting.begin()),
                  std::make_move_iterator(queue->waiting.end()));
    queue->waiting.clear();
    queue->job_queued = false;
  };
  // One job for all it takes: if one of its records failed, none is kept and all those rows are
  // sent again — as for a single record that failed. Run again after a rollback, it records what
  // it took before and whatever has come since.
  writer.submit(
      [take, taken](storage::Connection& db) {
        take();
        for (auto& result : *taken) result.job(db);
      },
      [self = shared_from_this(), take, taken](const storage::WriteResult& r) {
        if (!r.ok() && taken->empty()) take();  // refused before it ran (the writer stopped)
        for (const auto& result : *taken) {
          if (!r.ok()) {
            // The platform has the message but the outbox does not know: it will be sent again.
            spdlog::error("event=outbox_record_failed platform={} outbox_id={} error=\"{}\"",
                          self->platform, result.attempt.row.id, r.error);
          } else if (result.recorded.counts_as_sent) {
            self->metrics.message_sent(self->platform);
          }
        }
        asio::post(self->strand, [self, taken, stored = r.ok()] {
          for (const auto& result : *taken) {
            self->on_recorded(result.attempt, result.recorded, stored);
          }
        });
      },
      storage::Rerun::safe);
}

void OutboxSender::Impl::on_recorded(const Attempt& attempt, const Recorded& recorded,
                                     bool stored) {
  --in_flight;
  // Memory follows the database: a result that was not stored leaves the row as it was, to be
  // sent again.
  if (stored) {
    const std::int64_t id = attempt.row.id;
    switch (recorded.effect) {
      case Recorded::Effect::part_delivered:
        pending.part_delivered(id, recorded.parts_done);
        break;
      case Recorded::Effect::retry:
        pending.retry_at(id, recorded.retry_at);
        break;
      case Recorded::Effect::done:
        pending.done(id);
        break;
      case Recorded::Effect::chat_changed:
        read_everything = true;
        break;
    }
    rows_in_memory = pending.size();
  }
  pending.settled(attempt.row.id);
  if (stopping) {
    maybe_idle();
    return;
  }
  // A lane that emptied with more rows in the database, or room for rows not read yet, needs a
  // read; otherwise the next sends come from memory.
  if (read_everything || pass_running || pending.wants_read()) {
    request_pass();
    return;
  }
  send_from_memory();
}

void OutboxSender::Impl::arm_timer(TimeMs now) {
  timer.cancel();
  if (!next_wake || !running || stopping) return;
  const auto wait = std::max(*next_wake - now, std::chrono::milliseconds{0});
  timer.expires_after(wait);
  timer.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
    if (!ec) self->request_pass();
  });
}

void OutboxSender::Impl::maybe_idle() {
  if (pass_running || in_flight > 0) return;
  for (auto& waiter : settle_waiters) waiter->set_value(next_wake);
  settle_waiters.clear();
  if (stopping && stopped) {
    auto done = std::move(stopped);
    stopped = nullptr;
    asio::post(strand, std::move(done));
  }
}

std::size_t in_flight_window(const RateLimits& limits) {
  constexpr std::size_t kMin = 4;
  constexpr std::size_t kMax = 128;
  if (limits.global_per_s <= 0) return kMax;
  return std::clamp(static_cast<std::size_t>(limits.global_per_s) / 4, kMin, kMax);
}

OutboxSender::OutboxSender(asio::io_context& ioc, storage::Writer& writer, Delivery& delivery,
                           const Clock& clock, Metrics& metrics, SenderOptions options)
    : impl_(std::make_shared<Impl>(ioc, writer, delivery, clock, metrics, std::move(options))) {}

OutboxSender::~OutboxSender() {
  impl_->reader.stop();
  impl_->reader.join();
}

void OutboxSender::start() {
  asio::post(impl_->strand, [impl = impl_] {
    if (impl->running || impl->stopping) return;
    impl->running = true;
    impl->request_pass();
  });
}

void OutboxSender::notify(std::shared_ptr<const storage::CommittedOutbox> committed) {
  asio::post(impl_->strand, [impl = impl_, committed = std::move(committed)] {
    impl->take_committed(committed.get());
  });
}

void OutboxSender::stop(std::function<void()> done) {
  asio::post(impl_->strand, [impl = impl_, done = std::move(done)]() mutable {
    impl->stopping = true;
    impl->timer.cancel();
    impl->stopped = std::move(done);
    impl->maybe_idle();
  });
}

SenderStats OutboxSender::stats() const {
  SenderStats out;
  out.full_reads = impl_->full_reads.load();
  out.new_row_reads = impl_->new_row_reads.load();
  out.lane_reads = impl_->lane_reads.load();
  out.handed_rows = impl_->handed_rows.load();
  out.rows_in_memory = impl_->rows_in_memory.load();
  return out;
}

std::optional<TimeMs> OutboxSender::settle(std::chrono::milliseconds timeout) {
  auto waiter = std::make_shared<std::promise<std::optional<TimeMs>>>();
  auto result = waiter->get_future();
  asio::post(impl_->strand, [impl = impl_, waiter] {
    impl->settle_waiters.push_back(waiter);
    impl->request_pass();
  });
  if (result.wait_for(timeout) != std::future_status::ready) {
    throw std::runtime_error("outbox sender did not settle in time");
  }
  return result.get();
}

}  // namespace wgbot
