// Holds the database writer's thread inside a job until opened, so a test can line up work
// behind it (a backlog, a full queue) and then let it through.
#pragma once

#include <future>

#include "storage/writer.hpp"

namespace wgbot::testing {

class WriterGate {
 public:
  // Returns once the writer is inside the gate's job.
  explicit WriterGate(storage::Writer& writer) {
    writer.submit(
        [this](storage::Connection&) {
          entered_.set_value();
          release_.get_future().wait();
        },
        {});
    entered_.get_future().wait();
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
  std::promise<void> entered_;
  std::promise<void> release_;
  bool opened_ = false;
};

}  // namespace wgbot::testing
