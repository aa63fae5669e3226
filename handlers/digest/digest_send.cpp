#include "handlers/digest/digest_send.hpp"

#include <spdlog/spdlog.h>

#include <map>
#include <optional>

#include "handlers/digest/digest_chart.hpp"
#include "handlers/notify.hpp"
#include "handlers/time_text.hpp"
#include "storage/digest_repository.hpp"
#include "storage/outbox_repository.hpp"

namespace wgbot::digest {

namespace {

std::string day_key(date::sys_days day) {
  return date::format("%F", day);
}

OutgoingFile chart_file(Lang lang, const DigestData& data) {
  OutgoingFile file;
  std::string png = render_chart(lang, data);
  if (png.empty()) return file;
  file.kind = FileKind::photo;
  file.name = "digest-" + day_key(data.day) + ".png";
  file.content_type = "image/png";
  file.bytes = std::move(png);
  return file;
}

}  // namespace

DigestContext digest_context_from(const Config& config) {
  DigestContext ctx;
  ctx.cal = calendar_from(config);
  ctx.no_progress_days = config.schedule.no_progress_days;
  ctx.roles = config.schedule.digest_roles;
  ctx.default_lang = lang_from_code(config.language, Lang::vi);
  return ctx;
}

std::chrono::sys_seconds digest_since(storage::Connection& db, std::int64_t member_id,
                                      std::chrono::sys_seconds now) {
  if (const auto last = storage::DigestRepository(db).last_sent_at(member_id)) {
    return std::chrono::sys_seconds{std::chrono::seconds{*last}};
  }
  return now - std::chrono::hours{24};
}

Outgoing digest_outgoing(Lang lang, const DigestData& data, const DigestContext& ctx, bool late) {
  TextOptions options;
  options.no_progress_days = ctx.no_progress_days;
  options.late = late;
  DigestMessage m = digest_message(lang, data, ctx.cal, options);
  Outgoing out;
  out.text = std::move(m.text);
  out.buttons = std::move(m.buttons);
  out.hint = std::move(m.hint);
  out.file = chart_file(lang, data);
  return out;
}

QueueReport queue_digests(storage::Connection& db, const DigestContext& ctx,
                          std::chrono::sys_seconds now, bool late) {
  storage::DigestRepository repo(db);
  storage::OutboxRepository outbox(db);
  const std::string day = day_key(ctx.cal.local_day(now));
  const std::int64_t now_s = now.time_since_epoch().count();
  DigestOptions options{ctx.cal, ctx.no_progress_days};
  QueueReport report;
  for (const auto& reader : repo.subscribers(ctx.roles)) {
    if (repo.was_sent(day, reader.member_id)) {
      ++report.already;
      continue;
    }
    const Lang lang = lang_from_code(reader.lang, ctx.default_lang);
    const DigestData data =
        collect_digest(db, options, now, digest_since(db, reader.member_id, now));
    Outgoing message = digest_outgoing(lang, data, ctx, late);
    auto addressed =
        direct_message(db, reader.member_id, std::move(message.text), std::move(message.buttons));
    if (!addressed) {
      ++report.unreachable;
      spdlog::warn("event=digest_skipped reason=no_private_chat member={}", reader.member_id);
      continue;
    }
    addressed->hint = std::move(message.hint);
    addressed->file = std::move(message.file);
    outbox.enqueue(*addressed, now_s);
    repo.record_sent(day, reader.member_id, now_s, late);
    ++report.queued;
  }
  if (report.queued > 0) {
    spdlog::info("event=digest_queued day={} readers={} late={}", day, report.queued, late);
  }
  return report;
}

}  // namespace wgbot::digest
