// Broadcasts: one admin message queued to many members, and when all of it is delivered.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace wgbot::storage {

class Connection;

struct NewBroadcast {
  std::string actor;     // "@handle" of the admin
  std::string platform;  // where the admin asked, for the delivery summary
  std::string chat_id;
  std::string lang;
  std::int64_t created_at = 0;
};

// A broadcast none of whose rows is still pending.
struct FinishedBroadcast {
  std::int64_t id = 0;
  std::string platform;
  std::string chat_id;
  std::string lang;
  int recipients = 0;
  int sent = 0;
  int failed = 0;
};

class BroadcastRepository {
 public:
  explicit BroadcastRepository(Connection& db) : db_(db) {}

  // The broadcast and one row per outbox id, in the caller's transaction.
  std::int64_t create(const NewBroadcast& broadcast, const std::vector<std::int64_t>& outbox_ids);
  std::vector<FinishedBroadcast> finished_unsummarized() const;
  void mark_summarized(std::int64_t id, std::int64_t now);
  bool any_unsummarized() const;

 private:
  Connection& db_;
};

}  // namespace wgbot::storage
