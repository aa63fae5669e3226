// Holds the database writer's thread inside a job until opened, so a test can line up work
// behind it (a backlog, a full queue) and then let it through.
#pragma once

#include <future>
#include <memory>

#include "storage/writer.hpp"

namespace wgbot::testing {

class WriterGate {
 public:
  // Returns once the writer is inside the gate's job.
  explicit WriterGate(storage::Writer& writer) {
    // The job owns what it waits on: the gate may be gone by the time it wakes.
    auto released = std::make_shared<std::shared_future<void>>(release_.get_future().share());
    auto entered = std::make_shared<std::promise<void>>();
    auto inside = entered->get_future();
    writer.submit(
        [entered, released](storage::Connection&) {
          entered->set_value();
          released->wait();
        },
        {});
    inside.wait();
  }
  ~WriterGate() { open(); }
  WriterGate(const WriterGate&) = delete;
  WriterGate& operator=(const WriterGate&) = delete;

  void open() {
    if (opened_) return;
    opened_ = true;
    release_.set_value();
  }

 private:
  std::promise<void> release_;
  bool opened_ = false;
};

}  // namespace wgbot::testing
