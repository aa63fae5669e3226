// Turns an OA webhook body into an Inbound. The OA talks 1:1, so the chat is the user: chat_id
// is the user's per-OA id. Ids and the millisecond `timestamp` are strings (ids exceed 2^53)
// and stay strings.
#pragma once

#include <string>
#include <string_view>

#include "core/inbound.hpp"

namespace wgbot::zalo_oa {

inline constexpr std::string_view kPlatformId = "zalo_oa";

enum class EventStatus {
  ok,         // `inbound` is filled; store it (its kind may be InboundKind::ignored)
  ignored,    // echoes of the OA's own sends, receipts, unknown events: answer 200, store nothing
  malformed,  // not a JSON object, no event_name, or a known event without its user id: 400
};

struct ParsedEvent {
  EventStatus status = EventStatus::malformed;
  std::string event_name;
  Inbound inbound;     // set when status is ok
  std::string reason;  // why malformed or ignored, for the log
  // A field we read that came with another type ("message.text" a number): it was treated as
  // absent. "" when every field had its type.
  std::string wrong_type;
};

// The body's "timestamp" as its digits (the MAC's third term); "" when absent.
[[nodiscard]] std::string event_timestamp(std::string_view body);

// Never throws; never refuses an event for its age (Zalo retries with the original timestamp).
// `inbound.update_key` is message.msg_id, or event_name:timestamp:user id when there is none.
[[nodiscard]] ParsedEvent parse_event(std::string_view body);

}  // namespace wgbot::zalo_oa
