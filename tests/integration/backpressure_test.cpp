// When the database cannot keep up, a webhook is refused at once with 503 (the platform
// redelivers later) instead of holding its connection without limit.
#include <gtest/gtest.h>

#include <future>
#include <nlohmann/json.hpp>
#include <thread>

#include "fakes/telegram_harness.hpp"
#include "fakes/writer_gate.hpp"
#include "storage/writer.hpp"

namespace wgbot::testing {
namespace {

using nlohmann::json;

std::string update(std::int64_t update_id) {
  json message = {{"message_id", update_id},
                  {"from", {{"id", 5190233814}, {"is_bot", false}, {"first_name", "Lực"}}},
                  {"chat", {{"id", 5190233814}, {"type", "private"}}},
                  {"date", 1795569302},
                  {"text", "/help"}};
  return json{{"update_id", update_id}, {"message", message}}.dump();
}

void wait_until_queued(storage::Writer& writer, std::size_t n) {
  while (writer.queued() < n) std::this_thread::yield();
}

TEST(Backpressure, AFullWriterQueueAnswers503AtOnce) {
  HarnessOptions options;
  options.public_url = "https://bot.example.gov.vn";
  options.writer.max_queue = 2;
  TelegramHarness h(options);
  auto& writer = h.bot().writer();
  {
    WriterGate gate(writer);
    writer.submit([](storage::Connection&) {}, {});
    writer.submit([](storage::Connection&) {}, {});
    // The queue is full: the update is refused without waiting for the gate.
    EXPECT_EQ(h.post_update(update(1)).status, 503);
    EXPECT_EQ(writer.stats().refused, 1U);
  }
  writer.flush();  // the queue has room again
  EXPECT_EQ(h.post_update(update(1)).status, 200);
  EXPECT_EQ(h.query_int("SELECT COUNT(*) FROM inbox"), 1);
}

TEST(Backpressure, AnUpdateThatWaitedPastItsDeadlineAnswers503) {
  HarnessOptions options;
  options.public_url = "https://bot.example.gov.vn";
  options.ingest.max_wait = std::chrono::milliseconds{0};  // any wait is too long
  TelegramHarness h(options);
  auto& writer = h.bot().writer();
  std::future<test::HttpResult> answer;
  {
    WriterGate gate(writer);
    answer = std::async(std::launch::async, [&h] { return h.post_update(update(1)); });
    wait_until_queued(writer, 1);
  }
  EXPECT_EQ(answer.get().status, 503);
  EXPECT_EQ(h.query_int("SELECT COUNT(*) FROM inbox"), 0);
  EXPECT_EQ(metric_value(h.metrics_text(), "wgbot_updates_deferred_total"), 1);
  // A 503 is a refusal too, counted by its reason.
  EXPECT_EQ(
      metric_value(h.metrics_text(), "wgbot_updates_rejected_total", ",reason=\"unavailable\""), 1);
}

}  // namespace
}  // namespace wgbot::testing
