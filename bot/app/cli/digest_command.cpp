#include "bot/app/cli/digest_command.hpp"

#include <fstream>
#include <ostream>

#include "bot/app/app.hpp"
#include "bot/app/bootstrap.hpp"
#include "core/clock.hpp"
#include "core/text_markup.hpp"
#include "handlers/digest/digest_send.hpp"
#include "storage/connection.hpp"
#include "storage/writer.hpp"

namespace wgbot::cli {

namespace {

bool write_file(const std::string& path, const std::string& bytes) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(file);
}

}  // namespace

int digest(const Config& config, const DigestArgs& args, std::ostream& out, std::ostream& err) {
  if (!args.now) {
    err << "wgbot: digest needs --now (the scheduler sends it at schedule.digest_time)\n";
    return kExitUsage;
  }
  SystemClock clock;
  const auto now = clock.now();
  PreparedDatabase prepared = prepare_database(config, clock, Seeding::never);
  storage::Writer writer(std::move(prepared.db));
  const digest::DigestContext ctx = digest::digest_context_from(config);
  int code = kExitOk;
  if (args.dry_run || !args.chart_file.empty()) {
    const Outgoing message = writer.run([&](storage::Connection& db) {
      const digest::DigestOptions options{ctx.cal, ctx.no_progress_days};
      const auto data = digest::collect_digest(db, options, now, now - std::chrono::hours{24});
      return digest::digest_outgoing(ctx.default_lang, data, ctx, false);
    });
    if (args.dry_run) {
      out << strip_bold_markup(message.text) << "\n";
      if (!message.hint.empty()) out << "\n" << message.hint << "\n";
    }
    if (!args.chart_file.empty()) {
      if (message.file.bytes.empty()) {
        err << "wgbot: no chart: no unit has open tasks or tasks done this week\n";
      } else if (!write_file(args.chart_file, message.file.bytes)) {
        err << "wgbot: cannot write " << args.chart_file << "\n";
        code = kExitRuntime;
      }
    }
  }
  if (!args.dry_run) {
    const auto report = writer.run(
        [&](storage::Connection& db) { return digest::queue_digests(db, ctx, now, false); });
    out << "queued " << report.queued << " digest(s); " << report.already
        << " already had today's; " << report.unreachable << " without a reachable account\n";
  }
  writer.stop();
  return code;
}

}  // namespace wgbot::cli
