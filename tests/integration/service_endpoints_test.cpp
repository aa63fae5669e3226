// The service endpoints through the router, over a real database and writer, with a manual clock.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <optional>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "bot/app/service_endpoints.hpp"
#include "bot/http/router.hpp"
#include "core/clock.hpp"
#include "core/metrics.hpp"
#include "fakes/faulty_vfs.hpp"
#include "fakes/temp_dir.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "storage/writer.hpp"

namespace wgbot {
namespace {

using namespace std::chrono_literals;
using testing::TempDir;

class ServiceEndpoints : public ::testing::Test {
 protected:
  ServiceEndpoints() {
    testing::FaultyVfs::install();  // before the database is opened, so faults can reach it
    auto db = storage::open_database(dir_.file("wgbot.db"));
    storage::migrate(*db);
    writer_ = std::make_unique<storage::Writer>(std::move(db));
    writer_->set_after_commit([this] { ++wakeups_; });
    add_service_endpoints(router_, *writer_, metrics_, clock_, ioc_.get_executor());
    io_thread_ = std::thread([this] { ioc_.run(); });
  }
  ~ServiceEndpoints() override {
    writer_->stop();
    work_.reset();
    ioc_.stop();
    io_thread_.join();
  }

  // The status /readyz answers; 0 if it does not answer in time.
  int probe() {
    auto answered = std::make_shared<std::promise<int>>();
    auto future = answered->get_future();
    http::Request request;
    request.method = "GET";
    request.path = request.target = "/readyz";
    router_.dispatch(std::move(request), http::Responder([answered](http::Response response) {
                       answered->set_value(response.status);
                     }));
    if (future.wait_for(5s) != std::future_status::ready) return 0;
    return future.get();
  }

  // Jobs the writer has run so far (each probe that writes is one). A probe's answer comes after
  // its job is counted.
  std::uint64_t writes() const { return writer_->stats().jobs; }

  TempDir dir_;
  boost::asio::io_context ioc_;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_{
      ioc_.get_executor()};
  std::thread io_thread_;
  ManualClock clock_{std::chrono::sys_seconds{std::chrono::seconds{1795662000}}};
  Metrics metrics_;
  http::Router router_;
  std::unique_ptr<storage::Writer> writer_;
  std::atomic<int> wakeups_{0};
};

TEST_F(ServiceEndpoints, ReadinessWritesAtMostOnceInFiveSeconds) {
  const auto before = writes();
  EXPECT_EQ(probe(), 200);
  EXPECT_EQ(writes(), before + 1);
  EXPECT_EQ(wakeups_.load(), 1);
  for (int i = 0; i < 50; ++i) {
    if (i > 0 && i % 10 == 0) clock_.advance(1s);  // up to 4 s after the write
    EXPECT_EQ(probe(), 200);
  }
  EXPECT_EQ(writes(), before + 1);
  EXPECT_EQ(wakeups_.load(), 1);  // no sender, scheduler or console was woken by the probes
  clock_.advance(1s);             // 5 s after the write: prove it again
  EXPECT_EQ(probe(), 200);
  EXPECT_EQ(probe(), 200);
  EXPECT_EQ(writes(), before + 2);
  EXPECT_EQ(wakeups_.load(), 2);
}

TEST_F(ServiceEndpoints, ReadinessIs503WhenTheDatabaseCannotBeWritten) {
  {
    testing::ScopedStorageFault full(testing::StorageFault::disk_full);
    EXPECT_EQ(probe(), 503);
    EXPECT_EQ(probe(), 503);  // a failed write proves nothing: the next probe writes again
  }
  EXPECT_EQ(probe(), 200);
  clock_.advance(10s);
  testing::ScopedStorageFault full(testing::StorageFault::disk_full);
  EXPECT_EQ(probe(), 503);
}

// Another process holding the write lock (a backup, a second tool) keeps the probe's write
// waiting for SQLite's busy timeout; the probe still answers within a second, 503.
TEST_F(ServiceEndpoints, ReadinessAnswersWithinASecondWhileTheDatabaseIsLocked) {
  SQLite::Database other(dir_.file("wgbot.db"), SQLite::OPEN_READWRITE);
  other.exec("BEGIN IMMEDIATE");
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(probe(), 503);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1500ms);
  // A second probe meanwhile queues no second write behind the stuck one, and answers in time.
  const auto jobs_before = writes();
  const auto again = std::chrono::steady_clock::now();
  EXPECT_EQ(probe(), 503);
  EXPECT_LT(std::chrono::steady_clock::now() - again, 1500ms);
  other.exec("COMMIT");
  writer_->flush();
  EXPECT_LE(writes(), jobs_before + 2);  // the stuck probe and flush()'s own marker
  EXPECT_EQ(probe(), 200);
}

}  // namespace
}  // namespace wgbot
