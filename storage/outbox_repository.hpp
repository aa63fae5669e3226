// The outbox: messages waiting for their platform's sender.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/outgoing.hpp"

namespace wgbot::storage {

class Connection;

struct OutboxRow {
  std::int64_t id = 0;
  Outgoing message;
  int attempts = 0;
  std::int64_t created_at = 0;
};

// A row as enqueue wrote it, kept by the writer for the senders (see CommitChanges::outbox).
struct CommittedOutboxRow {
  std::int64_t id = 0;
  Outgoing message;
  std::string body;             // as stored; its size counts against a sender's memory
  std::int64_t created_at = 0;  // also its first attempt time
  bool group_chat = false;      // the chat is known as a group, as a read of the row would say
};

// Every outbox row one committed batch wrote: the ids (previous_top, top], in order.
struct CommittedOutbox {
  std::int64_t previous_top = 0;  // the outbox's highest id before the batch
  std::int64_t top = 0;
  std::vector<CommittedOutboxRow> rows;
};

class OutboxRepository {
 public:
  explicit OutboxRepository(storage::Connection& db) : db_(db) {}

  std::int64_t enqueue(const Outgoing& message, std::int64_t now,
                       std::optional<std::int64_t> inbox_id = std::nullopt);
  // Pending rows of `platform` whose next attempt is due, oldest first.
  std::vector<OutboxRow> due(const std::string& platform, std::int64_t now, int limit) const;
  // Pending rows of one chat (for the console, which prints its own chat).
  std::vector<OutboxRow> pending_for_chat(const std::string& platform,
                                          const std::string& chat_id) const;
  void mark_sent(std::int64_t id, std::int64_t now);
  void mark_retry(std::int64_t id, std::int64_t next_attempt_at, const std::string& error);
  void mark_failed(std::int64_t id, const std::string& error);
  // Pending rows across all platforms (the metrics' outbox depth).
  std::int64_t depth() const;
  // The earliest next attempt among pending rows of `platform`.
  std::optional<std::int64_t> next_due(const std::string& platform) const;

 private:
  storage::Connection& db_;
};

std::string serialize_outgoing(const Outgoing& message);
// The kind stored in outbox.kind ("message", "callback_answer", "edit").
OutKind outbox_kind(const std::string& name);
Outgoing deserialize_outgoing(const std::string& platform, const std::string& chat_id,
                              const std::string& kind, const std::string& body);

}  // namespace wgbot::storage
