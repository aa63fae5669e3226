// Turns Telegram Update JSON (webhook body or one getUpdates element) into an Inbound.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/telegram/api_result.hpp"
#include "core/inbound.hpp"

namespace wgbot::telegram {

enum class UpdateStatus {
  ok,         // `inbound` is filled (its kind may still be InboundKind::ignored)
  ignored,    // an update type wgbot does not handle: answer 200 and drop it
  malformed,  // not JSON, not an object, or no integer update_id: answer 400
};

struct ParsedUpdate {
  UpdateStatus status = UpdateStatus::malformed;
  std::int64_t update_id = 0;  // set unless malformed
  Inbound inbound;             // set when status is ok
  std::string reason;          // why it was malformed or ignored, for the log
  // A field we read that came with another type ("message.text" a number): it was treated as
  // absent. "" when every field had its type.
  std::string wrong_type;
};

// Never throws. `inbound.raw` is `body` as given; `inbound.update_key` is the update_id.
[[nodiscard]] ParsedUpdate parse_update(std::string_view body);

struct RawUpdate {
  std::int64_t update_id = 0;
  std::string json;  // one serialized Update, accepted by parse_update
};

struct GetUpdatesResult {
  ApiResult api;  // outcome ok: `updates` is the batch (api.result is cleared)
  std::vector<RawUpdate> updates;
  std::optional<std::int64_t> next_offset;  // highest update_id seen + 1
  std::size_t skipped = 0;                  // array elements without an integer update_id
};

// Splits a getUpdates answer into single updates. A non-ok answer keeps its classification in
// `api`; an ok answer whose `result` is not an array becomes transient. Never throws.
[[nodiscard]] GetUpdatesResult parse_get_updates(std::string_view body, int http_status = 200);

}  // namespace wgbot::telegram
