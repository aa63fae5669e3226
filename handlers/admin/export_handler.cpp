// /export tasks|members: the CSV as a document where the platform sends files, else the row
// count and the CLI command that writes the same file on the server.
#include "core/text_fold.hpp"
#include "handlers/admin/admin_handlers.hpp"
#include "handlers/admin/export_csv.hpp"
#include "handlers/admin/roster_admin.hpp"

namespace wgbot {

void handle_export(HandlerContext& ctx) {
  const std::string what = lower_utf8(trim(ctx.args));
  auto csv = build_export(ctx.db, ctx.config, what);
  if (!csv) {
    ctx.reply_tr(Msg::usage_export);
    return;
  }
  write_audit(ctx.db, AdminActor{"@" + ctx.member->handle, ctx.now_seconds()}, "export", what, "",
              std::to_string(csv->rows) + " rows");
  if (!ctx.capabilities.files) {
    ctx.reply_tr(Msg::export_no_files, csv->rows,
                 "wgbot export " + what + " --out " + csv->file_name);
    return;
  }
  ctx.reply_tr(Msg::export_caption, csv->file_name, csv->rows);
  auto& message = ctx.out.back();
  message.file.kind = FileKind::document;
  message.file.name = csv->file_name;
  message.file.content_type = "text/csv";
  message.file.bytes = std::move(csv->bytes);
}

}  // namespace wgbot
