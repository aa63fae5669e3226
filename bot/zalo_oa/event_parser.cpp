#include "bot/zalo_oa/event_parser.hpp"
#include "core/json_fields.hpp"

#include <charconv>

#include <nlohmann/json.hpp>

namespace wgbot::zalo_oa {

namespace {

using nlohmann::json;

// A string field, or a number written as its digits (ids are documented as strings; a number
// is accepted rather than refused, but never passed through a double).
std::string text_of(const json& object, std::string_view key) {
  if (!object.is_object()) return {};
  const auto it = object.find(key);
  if (it == object.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer() || it->is_number_unsigned()) return it->dump();
  return {};
}

std::string nested_text(const json& object, std::string_view outer, std::string_view inner) {
  if (!object.is_object()) return {};
  const auto it = object.find(outer);
  return it == object.end() ? std::string() : text_of(*it, inner);
}

std::chrono::sys_seconds seconds_from_ms(const std::string& ms) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(ms.data(), ms.data() + ms.size(), value);
  if (error != std::errc() || end != ms.data() + ms.size()) return {};
  return std::chrono::sys_seconds{std::chrono::seconds{value / 1000}};
}

// Events the OA itself caused (its sends come back as oa_send_*) and delivery receipts: answering
// them would make the bot talk to itself.
bool is_echo_or_receipt(std::string_view name) {
  return name.starts_with("oa_send_") || name == "user_received_message" ||
         name == "user_seen_message";
}

// Events stored for the record (dedupe, who followed) besides text; a follow is also greeted.
bool is_recorded_only(std::string_view name) {
  return name == "follow" || name == "unfollow" || name == "user_submit_info";
}

ParsedEvent with_status(EventStatus status, std::string name, std::string reason) {
  ParsedEvent out;
  out.status = status;
  out.event_name = std::move(name);
  out.reason = std::move(reason);
  return out;
}

std::string user_id_of(const json& event, std::string_view name) {
  if (name == "follow" || name == "unfollow") return nested_text(event, "follower", "id");
  return nested_text(event, "sender", "id");
}

// The types of the fields read here, for telling a wrong-typed field from an absent one.
const json& field_types() {
  static const json kTypes = {{"event_name", "string"},
                              {"timestamp", "id"},
                              {"sender", {{"id", "id"}}},
                              {"follower", {{"id", "id"}}},
                              {"message", {{"msg_id", "id"}, {"text", "string"}}}};
  return kTypes;
}

ParsedEvent parse_object(const json& event, std::string_view body) {
  const auto name_field = event.find("event_name");
  const std::string name = name_field != event.end() && name_field->is_string()
                               ? name_field->get<std::string>()
                               : std::string();
  if (name.empty()) return with_status(EventStatus::malformed, name, "no event_name");
  if (is_echo_or_receipt(name)) return with_status(EventStatus::ignored, name, "own send");
  const bool text_message = name == "user_send_text";
  if (!text_message && !is_recorded_only(name)) {
    return with_status(EventStatus::ignored, name, "event not handled");
  }
  const std::string user = user_id_of(event, name);
  const std::string timestamp = text_of(event, "timestamp");
  if (user.empty()) return with_status(EventStatus::malformed, name, "no user id");
  ParsedEvent out = with_status(EventStatus::ok, name, "");
  Inbound& in = out.inbound;
  in.platform = std::string(kPlatformId);
  in.kind = text_message       ? InboundKind::message
            : name == "follow" ? InboundKind::followed
                               : InboundKind::ignored;
  in.chat_id = user;
  in.chat_kind = ChatKind::private_chat;
  in.sender_id = user;
  in.message_id = nested_text(event, "message", "msg_id");
  in.text = text_message ? nested_text(event, "message", "text") : std::string();
  in.update_key = !in.message_id.empty() ? in.message_id : name + ":" + timestamp + ":" + user;
  in.sent_at = seconds_from_ms(timestamp);
  in.raw = std::string(body);
  return out;
}

}  // namespace

std::string event_timestamp(std::string_view body) {
  const json event = json::parse(body, nullptr, false);
  return text_of(event, "timestamp");
}

ParsedEvent parse_event(std::string_view body) {
  const json event = json::parse(body, nullptr, false);
  if (!event.is_object()) return with_status(EventStatus::malformed, "", "not a JSON object");
  try {
    ParsedEvent parsed = parse_object(event, body);
    parsed.wrong_type = wrong_typed_field(event, field_types());
    return parsed;
  } catch (const std::exception& e) {  // e.g. a string that is not valid UTF-8 when copied out
    return with_status(EventStatus::malformed, "", e.what());
  }
}

}  // namespace wgbot::zalo_oa
