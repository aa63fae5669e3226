// The digest for its readers: built per reader (their language, what changed since their last
// digest), addressed to their preferred account (handlers/notify), the chart attached as a photo.
// The scheduled run writes each reader's outbox row and `digests_sent` row in one transaction, so
// a restart never sends a day's digest twice.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "core/outgoing.hpp"
#include "handlers/digest/digest_data.hpp"
#include "handlers/digest/digest_text.hpp"
#include "handlers/messages.hpp"

namespace wgbot::storage {
class Connection;
}

namespace wgbot::digest {

struct DigestContext {
  timeexpr::Calendar cal;
  int no_progress_days = 5;
  std::vector<std::string> roles;  // who receives it: schedule.digest_roles
  Lang default_lang = Lang::vi;
};
DigestContext digest_context_from(const Config& config);

// "Since the last digest" for a reader: their last digest, else a day before `now`.
std::chrono::sys_seconds digest_since(storage::Connection& db, std::int64_t member_id,
                                      std::chrono::sys_seconds now);

// The digest as one message (text, buttons, hint) with the chart attached when there is one;
// platform and chat are left to the caller.
Outgoing digest_outgoing(Lang lang, const DigestData& data, const DigestContext& ctx, bool late);

struct QueueReport {
  int queued = 0;       // readers whose digest was written to the outbox now
  int already = 0;      // readers who had today's digest already
  int unreachable = 0;  // readers without an account the bot can write to (skipped)
};

// Must run inside a transaction on the write connection (a Writer job): today's digest to every
// subscriber who has not had it, each with its `digests_sent` row (marked late when `late`).
QueueReport queue_digests(storage::Connection& db, const DigestContext& ctx,
                          std::chrono::sys_seconds now, bool late);

}  // namespace wgbot::digest
