#include "storage/outbox_repository.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include "core/json_writer.hpp"
#include "storage/connection.hpp"
#include "storage/sql_values.hpp"

#include <nlohmann/json.hpp>

namespace wgbot::storage {

namespace {

using nlohmann::json;

const char* kind_name(OutKind kind) {
  switch (kind) {
    case OutKind::message:
      return "message";
    case OutKind::callback_answer:
      return "callback_answer";
    case OutKind::edit:
      return "edit";
  }
  return "message";
}

const char* file_kind_name(FileKind kind) {
  switch (kind) {
    case FileKind::photo:
      return "photo";
    case FileKind::document:
      return "document";
    case FileKind::none:
      break;
  }
  return "none";
}

FileKind file_kind_from(const std::string& name) {
  if (name == "photo") return FileKind::photo;
  if (name == "document") return FileKind::document;
  return FileKind::none;
}

// The columns every read selects, in this order.
constexpr const char* kRowColumns =
    "SELECT id, platform, chat_id, kind, body, attempts, created_at, file FROM outbox ";

std::vector<OutboxRow> read_rows(SQLite::Statement& q) {
  std::vector<OutboxRow> rows;
  while (q.executeStep()) {
    OutboxRow row;
    row.id = q.getColumn(0).getInt64();
    row.message = deserialize_outgoing(q.getColumn(1).getString(), q.getColumn(2).getString(),
                                       q.getColumn(3).getString(), q.getColumn(4).getString());
    row.attempts = q.getColumn(5).getInt();
    row.created_at = q.getColumn(6).getInt64();
    const SQLite::Column file = q.getColumn(7);
    if (row.message.file.kind != FileKind::none && !file.isNull()) {
      row.message.file.bytes.assign(static_cast<const char*>(file.getBlob()),
                                    static_cast<std::size_t>(file.getBytes()));
    } else {
      row.message.file = OutgoingFile{};  // a file without its bytes is no file
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

OutKind outbox_kind(const std::string& name) {
  if (name == "callback_answer") return OutKind::callback_answer;
  if (name == "edit") return OutKind::edit;
  return OutKind::message;
}

// Written without a JSON document: every reply stores one, inside the writer's transaction.
std::string serialize_outgoing(const Outgoing& m) {
  JsonWriter body;
  body.begin_object().key("text").string(m.text);
  if (!m.buttons.empty()) {
    body.key("buttons").begin_array();
    for (const auto& row : m.buttons) {
      body.begin_array();
      for (const auto& b : row) {
        body.begin_object().key("label").string(b.label).key("data").string(b.data).end_object();
      }
      body.end_array();
    }
    body.end_array();
  }
  auto optional_field = [&body](std::string_view name, const std::string& value) {
    if (!value.empty()) body.key(name).string(value);
  };
  optional_field("hint", m.hint);
  optional_field("reply_to", m.reply_to_message_id);
  optional_field("callback_id", m.callback_id);
  optional_field("edit_message_id", m.edit_message_id);
  optional_field("fallback_chat", m.private_fallback_chat_id);
  if (m.file.kind != FileKind::none) {
    body.key("file")
        .begin_object()
        .key("kind")
        .string(file_kind_name(m.file.kind))
        .key("name")
        .string(m.file.name)
        .key("type")
        .string(m.file.content_type)
        .end_object();
  }
  return body.end_object().take();
}

Outgoing deserialize_outgoing(const std::string& platform, const std::string& chat_id,
                              const std::string& kind, const std::string& body) {
  Outgoing m;
  m.platform = platform;
  m.chat_id = chat_id;
  m.kind = outbox_kind(kind);
  const json parsed = json::parse(body, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) return m;
  m.text = parsed.value("text", "");
  m.hint = parsed.value("hint", "");
  m.reply_to_message_id = parsed.value("reply_to", "");
  m.callback_id = parsed.value("callback_id", "");
  m.edit_message_id = parsed.value("edit_message_id", "");
  m.private_fallback_chat_id = parsed.value("fallback_chat", "");
  if (parsed.contains("file") && parsed.at("file").is_object()) {
    const json& file = parsed.at("file");
    m.file.kind = file_kind_from(file.value("kind", ""));
    m.file.name = file.value("name", "");
    m.file.content_type = file.value("type", "");
  }
  if (parsed.contains("buttons") && parsed.at("buttons").is_array()) {
    for (const auto& row : parsed.at("buttons")) {
      std::vector<Button> cells;
      for (const auto& b : row) cells.push_back(Button{b.value("label", ""), b.value("data", "")});
      m.buttons.push_back(std::move(cells));
    }
  }
  return m;
}

std::int64_t OutboxRepository::enqueue(const Outgoing& message, std::int64_t now,
                                       std::optional<std::int64_t> inbox_id) {
  auto q = db_.prepare(
      "INSERT INTO outbox (platform, chat_id, kind, body, created_at, "
      "next_attempt_at, inbox_id, file) VALUES (?,?,?,?,?,?,?,?)");
  q->bind(1, message.platform);
  q->bind(2, message.chat_id);
  q->bind(3, kind_name(message.kind));
  std::string body = serialize_outgoing(message);
  q->bind(4, body);
  q->bind(5, now);
  q->bind(6, now);
  bind_optional(*q, 7, inbox_id);
  if (message.file.kind != FileKind::none) {
    q->bind(8, message.file.bytes.data(), static_cast<int>(message.file.bytes.size()));
  } else {
    q->bind(8);
  }
  q->exec();
  const std::int64_t id = db_.getLastInsertRowid();
  if (auto* capture = db_.outbox_capture()) {
    auto group = db_.prepare(
        "SELECT EXISTS (SELECT 1 FROM chats WHERE platform = ? AND chat_id = ? "
        "AND kind = 'group')");
    group->bind(1, message.platform);
    group->bind(2, message.chat_id);
    group->executeStep();
    capture->push_back(
        CommittedOutboxRow{id, message, std::move(body), now, group->getColumn(0).getInt() != 0});
  }
  return id;
}

std::vector<OutboxRow> OutboxRepository::due(const std::string& platform, std::int64_t now,
                                             int limit) const {
  auto q = db_.prepare(std::string(kRowColumns) +
                       "WHERE status = 'pending' AND platform = ? AND next_attempt_at <= ? "
                       "ORDER BY next_attempt_at, id LIMIT ?");
  q->bind(1, platform);
  q->bind(2, now);
  q->bind(3, limit);
  return read_rows(*q);
}

std::vector<OutboxRow> OutboxRepository::pending_for_chat(const std::string& platform,
                                                          const std::string& chat_id) const {
  auto q = db_.prepare(std::string(kRowColumns) +
                       "WHERE status = 'pending' AND platform = ? AND chat_id = ? ORDER BY id");
  q->bind(1, platform);
  q->bind(2, chat_id);
  return read_rows(*q);
}

void OutboxRepository::mark_sent(std::int64_t id, std::int64_t now) {
  auto q = db_.prepare(
      "UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1 "
      "WHERE id = ?");
  q->bind(1, now);
  q->bind(2, id);
  q->exec();
}

void OutboxRepository::mark_retry(std::int64_t id, std::int64_t next_attempt_at,
                                  const std::string& error) {
  auto q = db_.prepare(
      "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, error = ? "
      "WHERE id = ?");
  q->bind(1, next_attempt_at);
  q->bind(2, error);
  q->bind(3, id);
  q->exec();
}

void OutboxRepository::mark_failed(std::int64_t id, const std::string& error) {
  auto q = db_.prepare(
      "UPDATE outbox SET status = 'failed', attempts = attempts + 1, error = ? "
      "WHERE id = ?");
  q->bind(1, error);
  q->bind(2, id);
  q->exec();
}

std::int64_t OutboxRepository::depth() const {
  return db_.execAndGet("SELECT COUNT(*) FROM outbox WHERE status = 'pending'").getInt64();
}

std::optional<std::int64_t> OutboxRepository::next_due(const std::string& platform) const {
  auto q = db_.prepare(
      "SELECT MIN(next_attempt_at) FROM outbox WHERE status = 'pending' AND "
      "platform = ?");
  q->bind(1, platform);
  if (!q->executeStep() || q->getColumn(0).isNull()) return std::nullopt;
  return q->getColumn(0).getInt64();
}

}  // namespace wgbot::storage
