#include "bot/telegram/update_parser.hpp"

#include <algorithm>
#include <cstdint>
#include <exception>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/json_fields.hpp"
#include "core/utf16.hpp"
#include "handlers/actions.hpp"

namespace wgbot::telegram {
namespace {

using nlohmann::json;

// Telegram ids are integers; tolerate strings so a hand-made payload still parses.
std::string id_member(const json& object, const char* key) {
  if (const auto id = int_member(object, key)) return std::to_string(*id);
  return string_member(object, key);
}

void fill_sender(const json& user, Inbound& in) {
  in.sender_id = id_member(user, "id");
  in.sender_name = string_member(user, "first_name");
  const std::string last = string_member(user, "last_name");
  if (!last.empty()) in.sender_name += (in.sender_name.empty() ? "" : " ") + last;
  in.sender_username = string_member(user, "username");
  in.sender_language = string_member(user, "language_code");
}

// False when the chat has no id: such an update cannot be answered.
bool fill_chat(const json* chat, Inbound& in) {
  if (chat == nullptr) return false;
  in.chat_id = id_member(*chat, "id");
  // Channels are not a wgbot audience; treating them as groups keeps replies conservative.
  in.chat_kind =
      string_member(*chat, "type") == "private" ? ChatKind::private_chat : ChatKind::group;
  in.chat_title = string_member(*chat, "title");
  return !in.chat_id.empty();
}

void fill_date(const json& object, Inbound& in) {
  if (const auto date = int_member(object, "date")) {
    in.sent_at = std::chrono::sys_seconds{std::chrono::seconds{*date}};
  }
}

// Text, or the caption of a media message, with the entity list that belongs to it.
std::pair<std::string, const json*> text_and_entities(const json& message) {
  if (const json* text = member(message, "text"); text != nullptr && text->is_string()) {
    return {text->get<std::string>(), member(message, "entities")};
  }
  return {string_member(message, "caption"), member(message, "caption_entities")};
}

std::vector<TextMention> text_mentions(std::string_view text, const json* entities) {
  std::vector<TextMention> out;
  if (entities == nullptr || !entities->is_array()) return out;
  for (const json& entity : *entities) {
    if (string_member(entity, "type") != "text_mention") continue;
    const auto offset = int_member(entity, "offset");
    const auto length = int_member(entity, "length");
    const json* user = object_member(entity, "user");
    if (!offset || !length || *offset < 0 || *length < 0 || user == nullptr) continue;
    TextMention mention;
    mention.shown = std::string(
        utf16_substr(text, static_cast<std::size_t>(*offset), static_cast<std::size_t>(*length)));
    mention.user_id = id_member(*user, "id");
    if (!mention.user_id.empty()) out.push_back(std::move(mention));
  }
  return out;
}

void fill_message(const json& message, InboundKind kind, ParsedUpdate& parsed) {
  Inbound& in = parsed.inbound;
  in.kind = kind;
  if (!fill_chat(object_member(message, "chat"), in)) {
    in.kind = InboundKind::ignored;
    parsed.reason = "message without chat id";
    return;
  }
  if (const json* from = object_member(message, "from")) fill_sender(*from, in);
  in.message_id = id_member(message, "message_id");
  fill_date(message, in);
  auto [text, entities] = text_and_entities(message);
  in.text_mentions = text_mentions(text, entities);
  in.text = std::move(text);
  if (const json* reply = object_member(message, "reply_to_message")) {
    in.reply_to_text = text_and_entities(*reply).first;
  }
  if (const auto to = int_member(message, "migrate_to_chat_id")) {
    in.kind = InboundKind::chat_migrated;
    in.migrate_to_chat_id = std::to_string(*to);
  } else if (kind == InboundKind::message && in.text.empty()) {
    // Service messages (new_chat_members, migrate_from_chat_id, …) and media without caption.
    in.kind = InboundKind::ignored;
    parsed.reason = "message without text";
  }
}

void fill_callback(const json& query, ParsedUpdate& parsed) {
  Inbound& in = parsed.inbound;
  in.kind = InboundKind::callback;
  in.callback_id = string_member(query, "id");
  if (const json* from = object_member(query, "from")) fill_sender(*from, in);
  // An InaccessibleMessage (date 0) still carries chat and message_id, which is all we need.
  const json* message = object_member(query, "message");
  if (message == nullptr || !fill_chat(object_member(*message, "chat"), in)) {
    in.kind = InboundKind::ignored;
    parsed.reason = "callback without a chat message (inline mode?)";
    return;
  }
  in.callback_message_id = id_member(*message, "message_id");
  in.message_id = in.callback_message_id;
  const std::string data = string_member(query, "data");
  if (auto command = command_for_callback_data(data)) {
    in.text = std::move(*command);
  } else {
    in.kind = InboundKind::ignored;
    parsed.reason = "unknown callback data: " + data;
  }
}

// The bot's own membership changed: added, promoted, removed, or (private chats) blocked.
void fill_member_change(const json& change, ParsedUpdate& parsed) {
  Inbound& in = parsed.inbound;
  in.kind = InboundKind::ignored;
  if (const json* from = object_member(change, "from")) fill_sender(*from, in);
  fill_date(change, in);
  if (!fill_chat(object_member(change, "chat"), in)) {
    parsed.reason = "my_chat_member without chat id";
    return;
  }
  const json* member_info = object_member(change, "new_chat_member");
  const std::string status = member_info ? string_member(*member_info, "status") : "";
  bool present = status == "member" || status == "administrator" || status == "creator";
  if (status == "restricted") {
    const json* is_member = member(*member_info, "is_member");
    present = is_member != nullptr && is_member->is_boolean() && is_member->get<bool>();
  }
  if (present) {
    in.kind = InboundKind::chat_joined;
  } else if (status == "left" || status == "kicked" || status == "restricted") {
    in.kind = InboundKind::chat_left;
  } else {
    parsed.reason = "my_chat_member with status '" + status + "'";
  }
}

// The types of the fields read above, for telling a wrong-typed field from an absent one.
const json& field_types() {
  static const json kTypes = [] {
    const json user = {{"id", "id"},
                       {"first_name", "string"},
                       {"last_name", "string"},
                       {"username", "string"},
                       {"language_code", "string"}};
    const json chat = {{"id", "id"}, {"type", "string"}, {"title", "string"}};
    const json message = {{"message_id", "id"},
                          {"date", "integer"},
                          {"text", "string"},
                          {"caption", "string"},
                          {"entities", "array"},
                          {"caption_entities", "array"},
                          {"from", user},
                          {"chat", chat},
                          {"reply_to_message", {{"text", "string"}, {"caption", "string"}}},
                          {"migrate_to_chat_id", "integer"}};
    return json{{"update_id", "integer"},
                {"message", message},
                {"edited_message", message},
                {"callback_query",
                 {{"id", "string"},
                  {"data", "string"},
                  {"from", user},
                  {"message", {{"message_id", "id"}, {"chat", chat}}}}},
                {"my_chat_member",
                 {{"from", user},
                  {"chat", chat},
                  {"date", "integer"},
                  {"new_chat_member", {{"status", "string"}}}}}};
  }();
  return kTypes;
}

ParsedUpdate parse_update_unchecked(std::string_view body) {
  ParsedUpdate parsed;
  const json update = json::parse(body, nullptr, false);
  if (update.is_discarded() || !update.is_object()) {
    parsed.reason = "not a JSON object";
    return parsed;
  }
  const auto update_id = int_member(update, "update_id");
  if (!update_id) {
    parsed.reason = "no integer update_id";
    return parsed;
  }
  parsed.update_id = *update_id;
  parsed.status = UpdateStatus::ok;
  parsed.wrong_type = wrong_typed_field(update, field_types());
  Inbound& in = parsed.inbound;
  in.platform = "telegram";
  in.update_key = std::to_string(*update_id);
  in.raw = std::string(body);
  if (const json* message = object_member(update, "message")) {
    fill_message(*message, InboundKind::message, parsed);
  } else if (const json* edited = object_member(update, "edited_message")) {
    fill_message(*edited, InboundKind::edited_message, parsed);
  } else if (const json* query = object_member(update, "callback_query")) {
    fill_callback(*query, parsed);
  } else if (const json* change = object_member(update, "my_chat_member")) {
    fill_member_change(*change, parsed);
  } else {
    parsed.status = UpdateStatus::ignored;
    parsed.inbound = Inbound{};
    parsed.reason = "unhandled update type";
    if (!parsed.wrong_type.empty()) parsed.reason = "wrong type: " + parsed.wrong_type;
  }
  return parsed;
}

}  // namespace

ParsedUpdate parse_update(std::string_view body) {
  try {
    return parse_update_unchecked(body);
  } catch (const std::exception& e) {  // only allocation failure is expected here
    ParsedUpdate parsed;
    parsed.reason = std::string("parser failure: ") + e.what();
    return parsed;
  }
}

GetUpdatesResult parse_get_updates(std::string_view body, int http_status) {
  GetUpdatesResult out;
  try {
    out.api = classify_response(http_status, body);
    if (out.api.outcome != ApiOutcome::ok) return out;
    if (!out.api.result.is_array()) {
      out.api.outcome = ApiOutcome::transient;
      out.api.description = "getUpdates result is not an array";
      out.api.result = nullptr;
      return out;
    }
    for (const json& update : out.api.result) {
      const auto update_id = int_member(update, "update_id");
      if (!update_id) {
        ++out.skipped;
        continue;
      }
      if (*update_id < INT64_MAX) {
        out.next_offset = std::max(out.next_offset.value_or(INT64_MIN), *update_id + 1);
      }
      out.updates.push_back(
          {*update_id, update.dump(-1, ' ', false, json::error_handler_t::replace)});
    }
    out.api.result = nullptr;
  } catch (const std::exception& e) {
    out = GetUpdatesResult{};
    out.api.description = std::string("getUpdates parser failure: ") + e.what();
  }
  return out;
}

}  // namespace wgbot::telegram
