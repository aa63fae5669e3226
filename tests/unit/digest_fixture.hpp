// A fixed data set for the digest tests: the demo roster and ten tasks in every state, read on
// Monday 07/12/2026 at 07:30 (Asia/Ho_Chi_Minh).
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <optional>
#include <string>

#include "handlers/digest/digest_send.hpp"
#include "unit/scheduler_fixture.hpp"

namespace wgbot::testing {

struct TaskSpec {
  std::string title;
  std::string lead;  // handle; "" = no assignee
  std::optional<sys_seconds> due;
  sys_seconds created;
  std::string status = "open";
  std::optional<sys_seconds> done{};
  int reminders = 0;
  bool escalated = false;
};

class DigestFixture : public SchedulerFixture {
 public:
  using SchedulerFixture::SchedulerFixture;

  std::int64_t add_task(const TaskSpec& t) {
    const auto assigner = member_id("luc");
    const std::optional<std::int64_t> lead =
        t.lead.empty() ? std::nullopt : std::optional(member_id(t.lead));
    return db([&](storage::Connection& d) {
      SQLite::Statement q(d,
                          "INSERT INTO tasks (title, assigner_id, status, due_at, created_at, "
                          "done_at, overdue_reminders, escalated_at) VALUES (?,?,?,?,?,?,?,?)");
      q.bind(1, t.title);
      q.bind(2, assigner);
      q.bind(3, t.status);
      if (t.due) q.bind(4, t.due->time_since_epoch().count());
      q.bind(5, t.created.time_since_epoch().count());
      if (t.done) q.bind(6, t.done->time_since_epoch().count());
      q.bind(7, t.reminders);
      if (t.escalated) q.bind(8, t.created.time_since_epoch().count());
      q.exec();
      const auto id = d.getLastInsertRowid();
      if (lead) {
        SQLite::Statement a(d,
                            "INSERT INTO task_assignees (task_id, member_id, lead, position) "
                            "VALUES (?,?,1,0)");
        a.bind(1, id);
        a.bind(2, *lead);
        a.exec();
      }
      return id;
    });
  }

  // Ten tasks: two overdue (one escalated), two due within three working days, one without a
  // progress update, three done (on time last week, late last week, on time this morning), one
  // cancelled and one open without a deadline.
  void seed() {
    add_task({"Rà soát quy trình nội bộ giải quyết TTHC", "lan", local(2026, 12, 1, 17),
              local(2026, 11, 20, 9), "open", std::nullopt, 3, true});
    add_task({"Báo cáo đánh giá hiệu quả Trung tâm IOC", "hung", local(2026, 12, 4, 17),
              local(2026, 11, 25, 9), "open", std::nullopt, 2});
    add_task({"Dự thảo Quy chế vận hành hệ thống", "minh", local(2026, 12, 8, 17),
              local(2026, 12, 3, 9)});
    add_task({"Tổng hợp số liệu dịch vụ công trực tuyến", "thao", local(2026, 12, 10, 17),
              local(2026, 12, 4, 9)});
    add_task({"Kế hoạch chuyển đổi số năm 2027", "dung", local(2026, 12, 31, 17),
              local(2026, 11, 20, 9)});
    add_task({"Báo cáo sơ kết quý IV", "lan", local(2026, 12, 3, 17), local(2026, 11, 23, 9),
              "done", local(2026, 12, 2, 15)});
    add_task({"Cập nhật danh mục dữ liệu dùng chung", "dung", local(2026, 12, 1, 17),
              local(2026, 11, 23, 9), "done", local(2026, 12, 4, 10)});
    add_task({"Chuẩn bị nội dung phiên họp tháng 12", "luc", local(2026, 12, 10, 17),
              local(2026, 12, 6, 20), "done", local(2026, 12, 7, 7)});
    add_task({"Khảo sát hạ tầng cũ", "hung", local(2026, 12, 20, 17), local(2026, 11, 23, 9),
              "cancelled"});
    add_task({"Đề xuất chỉ tiêu năm 2027", "hung", std::nullopt, local(2026, 12, 7, 7)});
  }

  sys_seconds digest_at() const { return local(2026, 12, 7, 7, 30); }

  digest::DigestData collect(sys_seconds now, sys_seconds since) {
    const auto ctx = digest::digest_context_from(config());
    return db([&](storage::Connection& d) {
      return digest::collect_digest(d, digest::DigestOptions{ctx.cal, ctx.no_progress_days}, now,
                                    since);
    });
  }
};

}  // namespace wgbot::testing
