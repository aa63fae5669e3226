// The service endpoints through the router, over a real database and writer, with a manual clock.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>

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
    add_service_endpoints(router_, *writer_, metrics_, clock_);
  }
  ~ServiceEndpoints() override { writer_->stop(); }

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

}  // namespace
}  // namespace wgbot
