// The outbox sender's in-flight window: how many sends may be started and not yet recorded at
// once. Those are the messages a crash can deliver twice, so the window is bounded whatever the
// number of chats waiting.
#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "bot/outbound/delivery.hpp"
#include "bot/outbound/outbox_sender.hpp"
#include "core/metrics.hpp"
#include "fakes/test_bot.hpp"
#include "fakes/writer_gate.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/outbox_repository.hpp"

namespace wgbot::testing {
namespace {

using namespace std::chrono_literals;

// A platform that never answers until told to: every send stays in flight.
class HeldDelivery final : public Delivery {
 public:
  [[nodiscard]] std::string platform() const override { return "telegram"; }
  [[nodiscard]] int parts(const Outgoing&) const override { return 1; }
  void send_part(const Outgoing&, int, Done done) override {
    std::lock_guard lock(mu_);
    held_.push_back(std::move(done));
  }
  std::size_t held() {
    std::lock_guard lock(mu_);
    return held_.size();
  }
  void answer_all() {
    std::vector<Done> done;
    {
      std::lock_guard lock(mu_);
      done.swap(held_);
    }
    for (auto& d : done) {
      DeliveryResult r;
      r.status = DeliveryStatus::sent;
      r.answered = true;
      d(r);
    }
  }

 private:
  std::mutex mu_;
  std::vector<Done> held_;
};

class SenderWindowTest : public ::testing::Test {
 protected:
  SenderWindowTest() {
    threads_.emplace_back([this] { ioc_.run(); });
  }
  ~SenderWindowTest() override {
    if (sender_) {
      delivery_.answer_all();
      std::promise<void> done;
      auto stopped = done.get_future();
      sender_->stop([&done] { done.set_value(); });
      while (stopped.wait_for(10ms) != std::future_status::ready) delivery_.answer_all();
      sender_.reset();
    }
    work_.reset();
    ioc_.stop();
    for (auto& t : threads_) t.join();
  }

  void enqueue_to_chats(int chats) {
    const auto now = bot_.clock().now().time_since_epoch().count();
    bot_.writer().run([&](storage::Connection& db) {
      for (int i = 0; i < chats; ++i) {
        Outgoing m;
        m.platform = "telegram";
        m.chat_id = std::to_string(1000 + i);
        m.text = "Nhắc việc " + std::to_string(i);
        storage::OutboxRepository(db).enqueue(m, now);
      }
    });
  }

  void start(std::size_t max_in_flight) {
    SenderOptions options;
    options.db_path = bot_.config().db;
    options.limits = RateLimits{0, 0, 0};  // the clock does not move: no rate limit may bite
    options.max_in_flight = max_in_flight;
    sender_ = std::make_unique<OutboxSender>(ioc_, bot_.writer(), delivery_, bot_.clock(), metrics_,
                                             options);
    sender_->start();
  }

  // Waits until the number of held sends stops changing (I/O only; the clock does not move).
  std::size_t held_when_quiet() {
    std::size_t last = SIZE_MAX;
    for (int i = 0; i < 200; ++i) {
      std::this_thread::sleep_for(20ms);
      const auto now = delivery_.held();
      if (now == last && now > 0) return now;
      last = now;
    }
    return delivery_.held();
  }

  TestBot bot_;
  HeldDelivery delivery_;
  Metrics metrics_;
  boost::asio::io_context ioc_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_{
      ioc_.get_executor()};
  std::vector<std::thread> threads_;
  std::unique_ptr<OutboxSender> sender_;
};

TEST_F(SenderWindowTest, NoMoreSendsInFlightThanTheWindowWhateverTheChats) {
  enqueue_to_chats(40);
  start(8);
  EXPECT_EQ(held_when_quiet(), 8U);
  // As sends are recorded the next ones start, never more than the window at once.
  delivery_.answer_all();
  EXPECT_EQ(held_when_quiet(), 8U);
}

TEST_F(SenderWindowTest, EveryRowIsSentThroughTheWindow) {
  enqueue_to_chats(40);
  start(8);
  std::size_t answered = 0;
  for (int round = 0; round < 10 && answered < 40; ++round) {
    answered += held_when_quiet();
    delivery_.answer_all();
  }
  EXPECT_EQ(answered, 40U);
}

TEST(SenderWindow, AQuarterSecondOfTheGlobalLimitBetween4And128) {
  EXPECT_EQ(in_flight_window(RateLimits{30, 1, 20}), 7U);  // Telegram's defaults
  EXPECT_EQ(in_flight_window(RateLimits{8, 1, 20}), 4U);
  EXPECT_EQ(in_flight_window(RateLimits{100, 1, 20}), 25U);
  EXPECT_EQ(in_flight_window(RateLimits{100000, 1000, 100000}), 128U);
  EXPECT_EQ(in_flight_window(RateLimits{0, 0, 0}), 128U);  // no global limit
}

// Results that come back while the sender's previous record is waiting for the writer are
// recorded together, in one writer job: one savepoint and one wake-up instead of one each.
TEST_F(SenderWindowTest, ResultsThatArriveTogetherAreRecordedInOneJob) {
  enqueue_to_chats(8);
  start(8);
  ASSERT_EQ(held_when_quiet(), 8U);
  const auto jobs_before = bot_.writer().stats().jobs;
  {
    WriterGate gate(bot_.writer());  // the first record waits behind it, the rest gather
    delivery_.answer_all();
    std::this_thread::sleep_for(100ms);  // the eight results reach the sender (I/O, not time)
  }
  auto reader = storage::open_database(bot_.config().db, storage::OpenMode::read_only);
  std::int64_t sent = 0;
  for (int i = 0; i < 200 && sent < 8; ++i) {
    std::this_thread::sleep_for(10ms);
    sent = reader->execAndGet("SELECT COUNT(*) FROM outbox WHERE status = 'sent'").getInt64();
  }
  ASSERT_EQ(sent, 8);
  // The gate's job, the first result's, and one for the seven gathered behind it.
  EXPECT_LE(bot_.writer().stats().jobs - jobs_before, 3U);
}

}  // namespace
}  // namespace wgbot::testing
