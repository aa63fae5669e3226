#include "bot/zalo_bot/update_parser.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <exception>
#include <optional>
#include <utility>

#include "core/json_fields.hpp"
#include "core/text_fold.hpp"

namespace wgbot::zalo_bot {
namespace {

using nlohmann::json;

constexpr std::string_view kTextEvent = "message.text.received";
// Events that are messages, but not text: answered with a hint that only text is read.
constexpr std::array<std::string_view, 4> kNonTextEvents = {
    "message.image.received", "message.sticker.received", "message.voice.received",
    "message.unsupported.received"};

// A name in a mention is short; a longer "@…" prefix is text, not a mention.
constexpr std::size_t kMaxMentionBytes = 120;
// Dates above this are milliseconds (documented); below, seconds (tolerated, as OpenClaw does).
constexpr std::int64_t kMillisecondsFrom = 100'000'000'000;

// Ids are opaque strings; a number is tolerated in case a payload sends one.
std::string id_member(const json& object, const char* key) {
  if (const auto id = int_member(object, key)) return std::to_string(*id);
  return string_member(object, key);
}

// The webhook's documented sample wraps the update like an API answer; getUpdates' is bare.
const json& unwrap(const json& body) {
  const json* result = object_member(body, "result");
  return result != nullptr && member(body, "ok") != nullptr ? *result : body;
}

bool is_non_text_event(std::string_view event) {
  return std::find(kNonTextEvents.begin(), kNonTextEvents.end(), event) != kNonTextEvents.end();
}

void fill_sender(const json* from, Inbound& in) {
  if (from == nullptr) return;
  in.sender_id = id_member(*from, "id");
  in.sender_name = string_member(*from, "display_name");
  if (in.sender_name.empty()) in.sender_name = string_member(*from, "name");
}

void fill_date(const json& message, Inbound& in) {
  const auto date = int_member(message, "date");
  if (!date || *date <= 0) return;
  const std::int64_t seconds = *date >= kMillisecondsFrom ? *date / 1000 : *date;
  in.sent_at = std::chrono::sys_seconds{std::chrono::seconds{seconds}};
}

// False (with the reason) when the message cannot be stored or answered.
bool fill_message(const json& message, ParsedUpdate& parsed) {
  Inbound& in = parsed.inbound;
  in.message_id = id_member(message, "message_id");
  if (in.message_id.empty()) {
    parsed.reason = "message without message_id";
    return false;
  }
  const json* chat = object_member(message, "chat");
  in.chat_id = chat != nullptr ? id_member(*chat, "id") : std::string();
  if (in.chat_id.empty()) {
    parsed.reason = "message without chat id";
    return false;
  }
  in.chat_kind =
      string_member(*chat, "chat_type") == "GROUP" ? ChatKind::group : ChatKind::private_chat;
  fill_sender(object_member(message, "from"), in);
  fill_date(message, in);
  return true;
}

// The types of the fields read above, for telling a wrong-typed field from an absent one.
const json& field_types() {
  static const json kTypes = {
      {"event_name", "string"},
      {"message",
       {{"message_id", "id"},
        {"date", "integer"},
        {"text", "string"},
        {"from", {{"id", "id"}, {"display_name", "string"}, {"name", "string"}}},
        {"chat", {{"id", "id"}, {"chat_type", "string"}}}}}};
  return kTypes;
}

ParsedUpdate parse_unchecked(const json& body, std::string raw,
                             const std::vector<std::string>& bot_names) {
  ParsedUpdate parsed;
  if (!body.is_object()) {
    parsed.reason = "not a JSON object";
    return parsed;
  }
  const json& update = unwrap(body);
  parsed.wrong_type = wrong_typed_field(update, field_types());
  parsed.event_name = string_member(update, "event_name");
  const bool text_event = parsed.event_name == kTextEvent;
  if (!text_event && !is_non_text_event(parsed.event_name)) {
    parsed.status = UpdateStatus::ignored;
    parsed.reason = "unhandled event '" + parsed.event_name + "'";
    return parsed;
  }
  const json* message = object_member(update, "message");
  if (message == nullptr) {
    parsed.reason = "event without message";
    return parsed;
  }
  if (!fill_message(*message, parsed)) return parsed;
  Inbound& in = parsed.inbound;
  in.platform = std::string(kPlatformId);
  in.kind = InboundKind::message;
  in.update_key = in.message_id;
  in.raw = std::move(raw);
  if (text_event) {
    const std::string text = string_member(*message, "text");
    in.text = in.chat_kind == ChatKind::group ? strip_bot_mention(text, bot_names) : text;
  }
  parsed.status = UpdateStatus::ok;
  return parsed;
}

bool starts_with_name(std::string_view text, std::string_view name) {
  if (name.empty() || text.size() < name.size()) return false;
  if (fold_for_search(text.substr(0, name.size())) != fold_for_search(name)) return false;
  return text.size() == name.size() || text[name.size()] == ' ' || text[name.size()] == '\n';
}

// Bytes of a leading mention, or nullopt when `text` does not start with one.
std::optional<std::size_t> mention_length(std::string_view text,
                                          const std::vector<std::string>& bot_names) {
  if (!text.starts_with('@')) return std::nullopt;
  const std::string_view after_at = text.substr(1);
  for (const std::string& name : bot_names) {
    if (starts_with_name(after_at, name)) return 1 + name.size();
  }
  const std::size_t command = text.find(" /");
  if (command == std::string_view::npos || command > kMaxMentionBytes) return std::nullopt;
  return command;
}

}  // namespace

std::string strip_bot_mention(std::string_view text, const std::vector<std::string>& bot_names) {
  const std::string_view trimmed = trim(text);
  const auto length = mention_length(trimmed, bot_names);
  if (!length) return std::string(text);
  return std::string(trim(trimmed.substr(*length)));
}

ParsedUpdate parse_update_json(const json& update, std::string raw,
                               const std::vector<std::string>& bot_names) {
  try {
    return parse_unchecked(update, std::move(raw), bot_names);
  } catch (const std::exception& e) {  // only allocation failure is expected here
    ParsedUpdate parsed;
    parsed.reason = std::string("parser failure: ") + e.what();
    return parsed;
  }
}

ParsedUpdate parse_update(std::string_view body, const std::vector<std::string>& bot_names) {
  try {
    const json update = json::parse(body, nullptr, false);
    if (update.is_discarded()) {
      ParsedUpdate parsed;
      parsed.reason = "not JSON";
      return parsed;
    }
    return parse_update_json(update, std::string(body), bot_names);
  } catch (const std::exception& e) {
    ParsedUpdate parsed;
    parsed.reason = std::string("parser failure: ") + e.what();
    return parsed;
  }
}

}  // namespace wgbot::zalo_bot
