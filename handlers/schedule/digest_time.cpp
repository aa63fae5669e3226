#include "handlers/schedule/digest_time.hpp"

namespace wgbot::scheduler {

std::optional<sys_seconds> digest_time_on(date::sys_days day, std::chrono::minutes digest_time,
                                          const QuietHours& quiet, const timeexpr::Calendar& cal) {
  if (!cal.is_working_day(day)) return std::nullopt;
  return quiet.defer(cal.at(day, digest_time), cal);
}

DigestDue digest_due(sys_seconds now, std::chrono::minutes digest_time, const QuietHours& quiet,
                     const timeexpr::Calendar& cal) {
  const date::sys_days today = cal.local_day(now);
  DigestDue out;
  const auto today_at = digest_time_on(today, digest_time, quiet, cal);
  if (today_at && now < *today_at) {
    out.next = *today_at;
    return out;
  }
  if (today_at && cal.local_day(*today_at) == today && !quiet.contains(now, cal)) {
    out.due = true;
    out.late = now - *today_at > kLateGrace;
  }
  // The next working day's time; a year without one (no workdays configured) ends the search.
  for (int ahead = 1; ahead <= 366; ++ahead) {
    if (const auto at = digest_time_on(today + date::days{ahead}, digest_time, quiet, cal)) {
      out.next = *at;
      return out;
    }
  }
  out.next = now + std::chrono::hours{24};
  return out;
}

}  // namespace wgbot::scheduler
