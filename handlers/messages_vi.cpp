// Vietnamese catalogue: the neutral, courteous register of the office's assistant.
#include "handlers/messages.hpp"

namespace wgbot {

std::string_view text_vi(Msg key) {
  switch (key) {
    case Msg::unknown_command:
      return "Không có lệnh {}. Gõ /help để xem các lệnh.";
    case Msg::not_linked:
      return "Tài khoản này chưa được liên kết. Vui lòng gửi /start kèm mã mời do Văn phòng "
             "cấp.";
    case Msg::not_allowed:
      return "Đồng chí không có quyền dùng lệnh {}.";
    case Msg::internal_error:
      return "Xin lỗi, đã có lỗi khi xử lý yêu cầu. Vui lòng thử lại sau.";
    case Msg::not_a_command_private:
      return "Lệnh bắt đầu bằng dấu /. Gõ /help để xem các lệnh.";
    case Msg::text_only_private:
      return "Hiện Trợ lý chỉ đọc được tin nhắn dạng chữ. Gõ /help để xem các lệnh.";
    case Msg::usage_prefix:
      return "Cách dùng: {}";
    case Msg::start_greeting_linked:
      return "Xin chào đồng chí {}! Trợ lý Tổ công tác sẵn sàng. Gõ /help để xem các lệnh.";
    case Msg::start_greeting_unlinked:
      return "Xin chào! Đây là Trợ lý Tổ công tác giúp việc Ban Chỉ đạo xây dựng Chính quyền "
             "điện tử TP Hà Nội.\nĐể sử dụng, vui lòng gửi /start kèm mã mời do Văn phòng cấp, "
             "ví dụ: /start HN7Q2K";
    case Msg::start_linked:
      return "Đã liên kết tài khoản với đ/c {}. Gõ /help để xem các lệnh.";
    case Msg::start_bad_code:
      return "Mã mời {} không hợp lệ hoặc đã hết hạn. Vui lòng liên hệ Văn phòng để nhận mã mới.";
    case Msg::start_already_linked:
      return "Tài khoản này đã được liên kết với đ/c {}.";
    case Msg::help_header:
      return "**Các lệnh của Trợ lý Tổ công tác**";
    case Msg::help_footer:
      return "Tên lệnh tiếng Anh trong ngoặc cũng dùng được, ví dụ /whois thay cho /ai.";
    case Msg::help_start:
      return "/start MÃ — liên kết tài khoản bằng mã mời";
    case Msg::help_help:
      return "/trogiup (/help) — danh sách lệnh";
    case Msg::help_whoami:
      return "/toila (/whoami) — thông tin của đồng chí";
    case Msg::help_members:
      return "/thanhvien (/members) [đơn vị|vai trò] — danh sách thành viên, ví dụ: /thanhvien "
             "vpub";
    case Msg::help_whois:
      return "/ai (/whois) TÊN — tra cứu thành viên, ví dụ: /ai quy";
    case Msg::help_units:
      return "/donvi (/units) — các đơn vị";
    case Msg::help_lang:
      return "/ngonngu (/lang) vi|en — đổi ngôn ngữ, ví dụ: /ngonngu en";
    case Msg::help_notify:
      return "/thongbao (/notify) đây — nhận nhắc việc và thông báo tại tài khoản này";
    case Msg::whoami_line_name:
      return "Đ/c {} (@{})";
    case Msg::whoami_line_title:
      return "Chức vụ: {}";
    case Msg::whoami_line_unit:
      return "Đơn vị: {}";
    case Msg::whoami_line_role:
      return "Vai trò: {}";
    case Msg::whoami_admin:
      return "Quản trị viên: có";
    case Msg::whoami_accounts:
      return "Tài khoản liên kết: {}";
    case Msg::whoami_no_accounts:
      return "Tài khoản liên kết: chưa có";
    case Msg::platform_telegram:
      return "Telegram";
    case Msg::platform_zalo_bot:
      return "Zalo";
    case Msg::platform_zalo_oa:
      return "Zalo OA";
    case Msg::platform_console:
      return "Bảng điều khiển";
    case Msg::members_header:
      return "**Danh sách thành viên ({})**";
    case Msg::members_header_filtered:
      return "**Thành viên — {} ({})**";
    case Msg::members_none:
      return "Không có thành viên nào khớp với \"{}\".";
    case Msg::members_line:
      return "• {} — {} (@{})";
    case Msg::members_never_started:
      return " · chưa liên kết tài khoản";
    case Msg::whois_usage:
      return "Cách dùng: /ai TÊN hoặc @handle, ví dụ: /ai quy";
    case Msg::whois_none:
      return "Không tìm thấy thành viên nào khớp với \"{}\".";
    case Msg::whois_many:
      return "Tìm thấy {} thành viên:";
    case Msg::whois_line_name:
      return "**{}** (@{})";
    case Msg::whois_line_title_unit:
      return "{} — {}";
    case Msg::whois_line_role:
      return "Vai trò: {}";
    case Msg::whois_line_contact:
      return "ĐT: {} · Email: {}";
    case Msg::units_header:
      return "**Các đơn vị ({})**";
    case Msg::units_line:
      return "• {} ({}): {} thành viên, {} nhiệm vụ đang thực hiện";
    case Msg::units_none:
      return "Chưa có đơn vị nào.";
    case Msg::lang_usage:
      return "Cách dùng: /ngonngu vi hoặc /ngonngu en";
    case Msg::lang_set:
      return "Đã chuyển ngôn ngữ sang tiếng Việt.";
    case Msg::notify_usage:
      return "Gửi /thongbao đây từ ứng dụng mà đồng chí muốn nhận nhắc việc và thông báo.";
    case Msg::notify_set:
      return "Từ nay nhắc việc, báo cáo và thông báo chung sẽ gửi đến tài khoản này.";
    case Msg::notify_set_no_private_chat:
      return "Từ nay nhắc việc, báo cáo và thông báo chung sẽ gửi đến tài khoản này.\n"
             "Đề nghị đồng chí nhắn riêng cho Trợ lý một tin để Trợ lý gửi được đến đồng chí.";
    case Msg::notify_console:
      return "Tài khoản console không nhận nhắc việc và thông báo. Đề nghị gửi /thongbao đây từ "
             "Telegram hoặc Zalo.";
    case Msg::role_chairman:
      return "Trưởng ban";
    case Msg::role_vice_chairman:
      return "Phó Trưởng ban";
    case Msg::role_standing:
      return "Ủy viên thường trực";
    case Msg::role_member:
      return "Ủy viên";
    case Msg::role_staff:
      return "Thành viên Tổ công tác";
    case Msg::role_admin:
      return "quản trị viên";
    case Msg::no_unit:
      return "chưa có đơn vị";
    case Msg::no_title:
      return "chưa có chức vụ";
    // dates and time phrases
    case Msg::weekday_sun:
      return "Chủ nhật";
    case Msg::weekday_mon:
      return "thứ Hai";
    case Msg::weekday_tue:
      return "thứ Ba";
    case Msg::weekday_wed:
      return "thứ Tư";
    case Msg::weekday_thu:
      return "thứ Năm";
    case Msg::weekday_fri:
      return "thứ Sáu";
    case Msg::weekday_sat:
      return "thứ Bảy";
    case Msg::datetime_format:
      return "{time} {weekday}, {date}";
    case Msg::when_error_empty:
      return "Chưa có thời gian. Ví dụ: {example}";
    case Msg::when_error_unreadable:
      return "Không hiểu thời gian \"{phrase}\". Ví dụ: {example}";
    case Msg::when_error_in_past:
      return "Thời gian \"{phrase}\" đã qua. Ví dụ: {example}";
    case Msg::when_error_impossible_date:
      return "Ngày \"{phrase}\" không tồn tại. Ví dụ: {example}";
    case Msg::when_error_needs_year:
      return "Ngày \"{phrase}\" vừa qua; đề nghị ghi rõ năm, ví dụ: 15/11/2027";
    case Msg::when_error_recurrence_not_allowed:
      return "Hạn xử lý không lặp lại được (\"{phrase}\"). Ví dụ: {example}";
    case Msg::when_example_deadline:
      return "/giao @luc Dự thảo báo cáo hạn thứ 6 tuần sau 17h";
    case Msg::when_example_reminder:
      return "/nhac 8h sáng mai: họp giao ban";
    case Msg::when_means_deadline:
      return "Hạn xử lý: {}";
    case Msg::when_means_reminder:
      return "Nhắc lúc: {}";
    case Msg::when_repeats:
      return "Lặp lại: {}";
    // tasks
    case Msg::help_task:
      return "/giao (/task) @handle NỘI DUNG [hạn THỜI HẠN] [src VĂN BẢN] — giao nhiệm vụ, ví dụ: "
             "/giao @luc Dự thảo Quy chế hạn thứ 6 tuần sau 17h";
    case Msg::help_tasks:
      return "/viec (/tasks) [mine|all|overdue|done|@handle|unit TÊN] [trang] — danh sách nhiệm "
             "vụ; /giao SỐ — chi tiết, ví dụ: /viec overdue";
    case Msg::help_ack:
      return "/danhan (/ack) SỐ — xác nhận đã nhận nhiệm vụ, ví dụ: /danhan 12";
    case Msg::help_done:
      return "/xong (/done) SỐ [ghi chú] — báo cáo hoàn thành, ví dụ: /xong 12 đã trình Trưởng ban";
    case Msg::help_progress:
      return "/tiendo (/progress) SỐ PHẦN_TRĂM% [ghi chú] — cập nhật tiến độ, ví dụ: /tiendo 12 "
             "50% đã lấy ý kiến các sở";
    case Msg::help_due:
      return "/giahan (/due) SỐ THỜI_HẠN — điều chỉnh hạn xử lý, ví dụ: /giahan 12 17h thứ 6 tuần "
             "sau";
    case Msg::help_assign:
      return "/chuyen (/assign) SỐ @handle — chuyển người chủ trì, ví dụ: /chuyen 12 @hung";
    case Msg::help_cancel:
      return "/huy (/cancel) SỐ — hủy nhiệm vụ, ví dụ: /huy 12";
    case Msg::help_reopen:
      return "/molai (/reopen) SỐ — mở lại nhiệm vụ, ví dụ: /molai 12";
    case Msg::task_person:
      return "đ/c {}";
    case Msg::task_no_deadline:
      return "chưa có hạn";
    case Msg::task_state_done:
      return "Đã hoàn thành";
    case Msg::task_state_done_on_time:
      return "Hoàn thành đúng hạn";
    case Msg::task_state_done_late:
      return "Hoàn thành quá hạn";
    case Msg::task_state_on_time:
      return "Đang thực hiện trong hạn";
    case Msg::task_state_overdue:
      return "Đang thực hiện quá hạn ({})";
    case Msg::task_state_no_progress:
      return "Chưa cập nhật tiến độ";
    case Msg::task_state_cancelled:
      return "Đã hủy";
    case Msg::task_usage:
      return "Cách dùng: /giao @handle NỘI DUNG [hạn THỜI HẠN] [src VĂN BẢN], ví dụ: /giao @luc Dự "
             "thảo Quy chế hạn thứ 6 tuần sau 17h";
    case Msg::task_mention_unknown:
      return "Không tìm thấy thành viên hay đơn vị @{}. Gõ /members hoặc /units để xem danh sách.";
    case Msg::task_mention_unit_no_contact:
      return "Đơn vị @{} chưa có đầu mối; đề nghị giao cho một thành viên cụ thể.";
    case Msg::task_mention_not_linked:
      return "{} chưa liên kết với thành viên nào của Tổ công tác.";
    case Msg::task_assign_refused:
      return "Đồng chí chỉ được giao nhiệm vụ cho chính mình; giao cho người khác thuộc thẩm "
             "quyền Trưởng ban, Phó Trưởng ban, Ủy viên thường trực và quản trị viên.";
    case Msg::task_created_for:
      return "Đã giao nhiệm vụ #{} cho {}";
    case Msg::task_created_self:
      return "Đã ghi nhận nhiệm vụ #{} do đồng chí tự thực hiện";
    case Msg::task_line_title:
      return "Nội dung: **{}**";
    case Msg::task_line_lead:
      return "Chủ trì: {}";
    case Msg::task_line_support:
      return "Phối hợp: {}";
    case Msg::task_line_due:
      return "Hạn: {}";
    case Msg::task_line_no_due:
      return "Hạn: chưa có (đặt bằng /giahan {} THỜI_HẠN)";
    case Msg::task_line_src:
      return "Văn bản: {}";
    case Msg::task_line_assigner:
      return "Người giao: {}";
    case Msg::task_line_state:
      return "Tình trạng: {}";
    case Msg::task_line_progress:
      return "Tiến độ: {}%";
    case Msg::task_line_note:
      return "Ghi chú: {}";
    case Msg::task_detail_header:
      return "**Nhiệm vụ #{}**";
    case Msg::task_history_header:
      return "Diễn biến:";
    case Msg::task_event_line:
      return "• {} — {}: {}";
    case Msg::task_event_created:
      return "giao nhiệm vụ";
    case Msg::task_event_created_due:
      return "giao nhiệm vụ, hạn {}";
    case Msg::task_event_ack:
      return "xác nhận đã nhận nhiệm vụ";
    case Msg::task_event_progress:
      return "tiến độ {}% → {}%";
    case Msg::task_event_done:
      return "báo cáo hoàn thành";
    case Msg::task_event_due:
      return "điều chỉnh hạn {} → {}";
    case Msg::task_event_assign:
      return "chuyển chủ trì {} → {}";
    case Msg::task_event_cancel:
      return "hủy nhiệm vụ";
    case Msg::task_event_reopen:
      return "mở lại nhiệm vụ";
    case Msg::task_event_note:
      return " · ghi chú: {}";
    case Msg::task_event_system:
      return "Hệ thống";
    case Msg::task_not_found:
      return "Không có nhiệm vụ #{}.";
    case Msg::task_not_visible:
      return "Nhiệm vụ #{} nằm ngoài phạm vi đồng chí được xem (nhiệm vụ của mình và của đơn vị "
             "mình).";
    case Msg::task_is_done:
      return "Nhiệm vụ #{0} đã hoàn thành; nếu cần, mở lại bằng /molai {0}.";
    case Msg::task_is_cancelled:
      return "Nhiệm vụ #{0} đã bị hủy; nếu cần, mở lại bằng /molai {0}.";
    case Msg::task_hint_lead:
      return "Trả lời: /danhan {0} · /xong {0} · /tiendo {0} 50%";
    case Msg::task_hint_detail:
      return "Chi tiết: /giao {}";
    case Msg::task_button_ack:
      return "👌 Đã nhận";
    case Msg::task_button_done:
      return "✅ Xong";
    case Msg::task_button_detail:
      return "📋 Chi tiết";
    case Msg::tasks_usage:
      return "Cách dùng: /viec [mine|all|overdue|done|@handle|unit TÊN] [trang], ví dụ: /viec "
             "overdue";
    case Msg::tasks_title_mine:
      return "Nhiệm vụ của đồng chí";
    case Msg::tasks_title_all:
      return "Nhiệm vụ đang thực hiện";
    case Msg::tasks_title_overdue:
      return "Nhiệm vụ quá hạn";
    case Msg::tasks_title_done:
      return "Nhiệm vụ đã hoàn thành";
    case Msg::tasks_title_member:
    case Msg::tasks_title_unit:
      return "Nhiệm vụ của {}";
    case Msg::tasks_header:
      return "**{} ({})** — trang {}/{}";
    case Msg::tasks_empty:
      return "{}: không có nhiệm vụ nào.";
    case Msg::tasks_entry_title:
      return "**#{}** {}";
    case Msg::tasks_entry_detail:
      return "   {} · {} · {}";
    case Msg::tasks_entry_due:
      return "hạn {}";
    case Msg::tasks_next_page:
      return "Trang sau: /viec {}";
    case Msg::tasks_bad_page:
      return "Danh sách chỉ có {} trang.";
    case Msg::tasks_unknown_unit:
      return "Không có đơn vị \"{}\". Gõ /units để xem danh sách.";
    case Msg::tasks_scope_refused:
      return "Đồng chí chỉ xem được nhiệm vụ của mình và của đơn vị mình.";
    case Msg::ack_usage:
      return "Cách dùng: /danhan SỐ, ví dụ: /danhan 12";
    case Msg::ack_refused:
      return "Chỉ người chủ trì mới xác nhận nhận nhiệm vụ #{}.";
    case Msg::ack_already:
      return "Đồng chí đã xác nhận nhận nhiệm vụ #{} lúc {}.";
    case Msg::ack_done:
      return "Đồng chí đã xác nhận nhận nhiệm vụ #{}: {}";
    case Msg::done_usage:
      return "Cách dùng: /xong SỐ [ghi chú], ví dụ: /xong 12 đã trình Trưởng ban";
    case Msg::report_refused:
      return "Chỉ người chủ trì, người giao việc, Ủy viên thường trực hoặc quản trị viên được cập "
             "nhật nhiệm vụ #{}.";
    case Msg::done_ok:
      return "Đã ghi nhận hoàn thành nhiệm vụ #{} — {}.";
    case Msg::progress_usage:
      return "Cách dùng: /tiendo SỐ PHẦN_TRĂM% [ghi chú] (0–100%), ví dụ: /tiendo 12 50% đã lấy ý "
             "kiến các sở";
    case Msg::progress_ok:
      return "Đã cập nhật tiến độ nhiệm vụ #{}: {}% → {}%.";
    case Msg::due_usage:
      return "Cách dùng: /giahan SỐ THỜI_HẠN, ví dụ: /giahan 12 17h thứ 6 tuần sau";
    case Msg::manage_refused:
      return "Chỉ người giao việc, Ủy viên thường trực hoặc quản trị viên được thay đổi nhiệm vụ "
             "#{}.";
    case Msg::due_ok:
      return "Đã điều chỉnh hạn nhiệm vụ #{}: {} → {}.";
    case Msg::assign_usage:
      return "Cách dùng: /chuyen SỐ @handle, ví dụ: /chuyen 12 @hung";
    case Msg::assign_same:
      return "Đ/c {} đang chủ trì nhiệm vụ #{}; không có gì thay đổi.";
    case Msg::assign_ok:
      return "Đã chuyển nhiệm vụ #{} cho {} chủ trì.";
    case Msg::cancel_usage:
      return "Cách dùng: /huy SỐ, ví dụ: /huy 12";
    case Msg::cancel_ok:
      return "Đã hủy nhiệm vụ #{}.";
    case Msg::reopen_usage:
      return "Cách dùng: /molai SỐ, ví dụ: /molai 12";
    case Msg::reopen_already_open:
      return "Nhiệm vụ #{} đang thực hiện, không cần mở lại.";
    case Msg::reopen_ok:
      return "Đã mở lại nhiệm vụ #{}.";
    case Msg::notify_assigned_lead:
      return "Đồng chí {} giao đồng chí chủ trì thực hiện nhiệm vụ #{}:";
    case Msg::notify_assigned_support:
      return "Đồng chí {} giao đồng chí phối hợp thực hiện nhiệm vụ #{}:";
    case Msg::notify_reassigned_away:
      return "Nhiệm vụ #{} đã được chuyển cho {} chủ trì:";
    case Msg::notify_redated:
      return "Nhiệm vụ #{} được điều chỉnh hạn: {} → {}";
    case Msg::notify_cancelled:
      return "Đ/c {1} đã hủy nhiệm vụ #{0}:";
    case Msg::notify_done:
      return "Đ/c {2} báo cáo đã hoàn thành nhiệm vụ #{0} ({1}):";
    case Msg::notify_reopened:
      return "Đ/c {1} đã mở lại nhiệm vụ #{0}:";
    // reminders and the scheduler
    case Msg::help_remind:
      return "/nhac (/remind) THỜI ĐIỂM: NỘI DUNG — đặt lời nhắc, ví dụ: /nhac 8h sáng mai: họp "
             "giao ban";
    case Msg::help_reminders:
      return "/dsnhac (/reminders) — các lời nhắc của đồng chí";
    case Msg::help_unremind:
      return "/huynhac (/unremind) SỐ — xóa lời nhắc, ví dụ: /huynhac 12";
    case Msg::help_snooze:
      return "/hoannhac (/snooze) SỐ [thời lượng] — nhắc lại sau (mặc định 1 giờ), ví dụ: "
             "/hoannhac 12 30 phút";
    case Msg::remind_usage:
      return "Cách dùng: /nhac THỜI ĐIỂM: NỘI DUNG, ví dụ: /nhac 8h sáng mai: họp giao ban (hoặc "
             "/nhac họp giao ban lúc 8h sáng mai)";
    case Msg::remind_no_text:
      return "Lời nhắc \"{}\" chưa có nội dung sau dấu hai chấm. Ví dụ: /nhac 8h sáng mai: họp "
             "giao ban";
    case Msg::remind_text_too_long:
      return "Nội dung lời nhắc quá dài (tối đa {} ký tự). Ví dụ: /nhac 8h sáng mai: họp giao ban";
    case Msg::remind_set_once:
      return "⏰ Đã đặt lời nhắc #{} lúc {}: \"{}\"";
    case Msg::remind_set_recurring:
      return "⏰ Đã đặt lời nhắc #{0}: \"{2}\"\nLặp lại: {1}. Lần đầu: {3}";
    case Msg::reminders_header:
      return "**Lời nhắc của đồng chí ({})**";
    case Msg::reminders_none:
      return "Đồng chí chưa có lời nhắc nào. Đặt lời nhắc, ví dụ: /nhac 8h sáng mai: họp giao ban";
    case Msg::reminders_line_once:
      return "#{} · {} — {}";
    case Msg::reminders_line_recurring:
      return "#{} · {} (lần tới {}) — {}";
    case Msg::reminders_more:
      return "… và {} lời nhắc khác";
    case Msg::reminders_footer:
      return "Xóa: /huynhac SỐ · Nhắc lại sau: /hoannhac SỐ";
    case Msg::unremind_usage:
      return "Cách dùng: /huynhac SỐ, ví dụ: /huynhac 12 (xem số bằng /dsnhac)";
    case Msg::unremind_not_found:
      return "Đồng chí không có lời nhắc #{} đang chờ. Xem danh sách: /dsnhac";
    case Msg::unremind_done:
      return "Đã xóa lời nhắc #{}: \"{}\"";
    case Msg::snooze_usage:
      return "Cách dùng: /hoannhac SỐ [thời lượng], ví dụ: /hoannhac 12 30 phút";
    case Msg::snooze_bad_duration:
      return "Không hiểu thời lượng \"{}\". Ví dụ: /hoannhac 12 2 tiếng";
    case Msg::snooze_not_found:
      return "#{} không phải lời nhắc của đồng chí. Xem danh sách: /dsnhac";
    case Msg::snooze_done:
      return "⏰ Sẽ nhắc lại lúc {}: \"{}\" (lời nhắc #{})";
    case Msg::rule_daily:
      return "{} hằng ngày";
    case Msg::rule_workdays:
      return "{} các ngày làm việc";
    case Msg::rule_weekly:
      return "{1} {0} hằng tuần";
    case Msg::rule_monthly:
      return "{1} ngày {0} hằng tháng";
    case Msg::reminder_notice:
      return "⏰ Nhắc việc: {}";
    case Msg::late_mark:
      return " (gửi muộn)";
    case Msg::reminder_snooze_button:
      return "⏰ Nhắc lại sau 1 giờ";
    case Msg::reminder_snooze_hint:
      return "Nhắc lại sau 1 giờ: /hoannhac {}";
    case Msg::nudge_before:
      return "⏰ Nhắc hạn: nhiệm vụ #{} \"{}\" — hạn {}";
    case Msg::nudge_day_of:
      return "⏰ Hôm nay đến hạn: nhiệm vụ #{} \"{}\" — hạn {}";
    case Msg::nudge_overdue:
      return "⚠️ Nhiệm vụ #{} \"{}\" đã {} (hạn {}). Nhắc lần {}";
    case Msg::nudge_escalated_lead:
      return "🔺 Nhiệm vụ #{} \"{}\" đã {} (hạn {}), đã nhắc {} lần: đã báo cáo Lãnh đạo";
    case Msg::nudge_escalated_leaders:
      return "🔺 Báo cáo Lãnh đạo: nhiệm vụ #{} \"{}\" do đ/c {} chủ trì đã {} (hạn {}), đã nhắc "
             "{} lần";
    case Msg::nudge_button_done:
      return "✅ Xong";
    case Msg::nudge_button_detail:
      return "📋 Chi tiết";
    case Msg::nudge_hint_lead:
      return "Báo cáo hoàn thành: /xong {} · Chi tiết: /giao {}";
    case Msg::nudge_hint_detail:
      return "Chi tiết: /giao {}";
      // roster administration, invites, audit, broadcast, export
    case Msg::admin_unknown_key:
      return "Không có tham số {}. Gõ /help để xem cách dùng.";
    case Msg::admin_bad_value:
      return "Giá trị của {} không hợp lệ. Không có gì thay đổi.";
    case Msg::admin_missing_key:
      return "Thiếu tham số {}.";
    case Msg::admin_unterminated_quote:
      return "Thiếu dấu ngoặc kép đóng. Ví dụ: name=\"Lê Tự Lực\"";
    case Msg::admin_no_member:
      return "Không có thành viên @{}.";
    case Msg::admin_handle_taken:
      return "Tên @{} đã được dùng.";
    case Msg::admin_unit_exists:
      return "Đơn vị {} đã có.";
    case Msg::admin_last_admin:
      return "Đ/c @{} là quản trị viên cuối cùng, không thể bỏ quyền quản trị.";
    case Msg::admin_member_inactive:
      return "Đ/c @{} đã ngừng hoạt động.";
    case Msg::admin_unit_added:
      return "Đã thêm đơn vị {} ({}).";
    case Msg::admin_member_added:
      return "Đã thêm đ/c {} (@{}).\nGửi mã mời bằng /moi @{}";
    case Msg::admin_member_edited:
      return "Đã cập nhật thông tin đ/c {} (@{}).";
    case Msg::admin_member_deactivated:
      return "Đã ngừng hoạt động đ/c {} (@{}). Lịch sử công việc được giữ lại.";
    case Msg::admin_open_tasks_header:
      return "Việc đang mở cần giao lại ({}):";
    case Msg::admin_open_task_line:
      return "• #{} {}";
    case Msg::admin_reassign_hint:
      return "Giao lại: /chuyen SỐ @handle";
    case Msg::admin_role_set:
      return "Đã đổi vai trò của đ/c {} thành {}.";
    case Msg::admin_admin_on:
      return "Đã cấp quyền quản trị cho đ/c {}.";
    case Msg::admin_admin_off:
      return "Đã bỏ quyền quản trị của đ/c {}.";
    case Msg::invite_created:
      return "Mã mời cho đ/c {}: {}\nHết hạn: {}\nĐ/c ấy gửi cho Trợ lý: /start {}";
    case Msg::invite_link:
      return "Trên Telegram chỉ cần bấm: {}";
    case Msg::start_throttled:
      return "Đồng chí đã nhập sai mã nhiều lần. Vui lòng thử lại sau {} phút.";
    case Msg::usage_addunit:
      return "Cách dùng: /themdonvi name=\"Sở Thông tin và Truyền thông\" short=stttt";
    case Msg::usage_addmember:
      return "Cách dùng: /themtv name=\"Lê Tự Lực\" handle=luc unit=vpub role=member "
             "title=\"…\" phone=… email=…";
    case Msg::usage_editmember:
      return "Cách dùng: /suatv @handle title=\"…\" phone=… (name, unit, role, title, phone, "
             "email)";
    case Msg::usage_deactivate:
      return "Cách dùng: /ngungtv @handle";
    case Msg::usage_setrole:
      return "Cách dùng: /vaitro @handle chairman|vice_chairman|standing|member|staff";
    case Msg::usage_admin:
      return "Cách dùng: /quantri @handle on|off";
    case Msg::usage_invite:
      return "Cách dùng: /moi @handle";
    case Msg::usage_broadcast:
      return "Cách dùng: /guichung [unit=… | role=…] NỘI DUNG";
    case Msg::usage_settings:
      return "Đổi: /caidat KHÓA GIÁ_TRỊ, ví dụ: /caidat schedule.digest_time 07:00";
    case Msg::usage_export:
      return "Cách dùng: /xuat tasks|members";
    case Msg::usage_audit:
      return "Cách dùng: /nhatky [số mục], ví dụ: /nhatky 20";
    case Msg::help_addunit:
      return "/addunit name=\"…\" short=… — thêm đơn vị";
    case Msg::help_addmember:
      return "/addmember name=\"…\" handle=… unit=… — thêm thành viên";
    case Msg::help_editmember:
      return "/editmember @handle khóa=giá_trị — sửa thông tin thành viên";
    case Msg::help_deactivate:
      return "/deactivate @handle — ngừng hoạt động thành viên";
    case Msg::help_invite:
      return "/invite @handle — tạo mã mời liên kết tài khoản";
    case Msg::help_setrole:
      return "/setrole @handle VAI_TRÒ — đổi vai trò";
    case Msg::help_admin:
      return "/admin @handle on|off — cấp hoặc bỏ quyền quản trị";
    case Msg::help_broadcast:
      return "/broadcast NỘI DUNG — gửi thông báo tới các thành viên";
    case Msg::help_settings:
      return "/settings [khóa giá_trị] — xem, đổi cài đặt lịch";
    case Msg::help_export:
      return "/export tasks|members — xuất tệp CSV";
    case Msg::help_audit:
      return "/audit [n] — nhật ký quản trị";
    case Msg::broadcast_message:
      return "📢 Thông báo của Văn phòng (đ/c {}):\n{}";
    case Msg::broadcast_none:
      return "Chưa có thành viên nào nhận được thông báo này (chưa liên kết tài khoản).";
    case Msg::broadcast_queued:
      return "Đã xếp hàng gửi thông báo tới {} thành viên. Khi gửi xong, Trợ lý sẽ báo lại.";
    case Msg::broadcast_summary:
      return "Thông báo đã gửi xong: {}/{} thành viên nhận được, {} không gửi được.";
    case Msg::export_caption:
      return "Tệp {}: {} dòng.";
    case Msg::export_no_files:
      return "Có {} dòng. Nền tảng này không gửi được tệp; trên máy chủ, chạy:\n{}";
    case Msg::settings_header:
      return "**Cài đặt lịch**";
    case Msg::settings_line:
      return "• {} = {}";
    case Msg::settings_not_changed:
      return "(theo tệp cấu hình)";
    case Msg::settings_set:
      return "Đã đặt {} = {}.";
    case Msg::audit_empty:
      return "Nhật ký quản trị chưa có mục nào.";
    case Msg::audit_header:
      return "**Nhật ký quản trị ({} mục gần nhất)**";
    case Msg::audit_line:
      return "{} · {} · {} {}";
    case Msg::audit_change:
      return "   {} → {}";
      // (end of roster administration)
      // the daily digest
    case Msg::digest_title:
      return "📋 **Báo cáo nhanh nhiệm vụ — {weekday}, {date}**";
    case Msg::digest_subtitle:
      return "Tổ công tác giúp việc Ban Chỉ đạo xây dựng Chính quyền điện tử";
    case Msg::digest_day_off:
      return "Hôm nay là ngày nghỉ; ngày làm việc tiếp theo: {weekday}, {date}.";
    case Msg::digest_late:
      return "(Gửi muộn: hệ thống tạm ngừng vào giờ gửi thường lệ.)";
    case Msg::digest_total:
      return "Tổng số nhiệm vụ đang theo dõi: {}";
    case Msg::digest_done_counts:
      return "• Hoàn thành đúng hạn: {} · Hoàn thành quá hạn: {}";
    case Msg::digest_open_counts:
      return "• Đang thực hiện trong hạn: {} · Đang thực hiện quá hạn: {}";
    case Msg::digest_no_progress_count:
      return "• Chưa cập nhật tiến độ quá {days} ngày: {count}";
    case Msg::digest_rate:
      return "Tỷ lệ hoàn thành đúng hạn: {}%";
    case Msg::digest_nothing_tracked:
      return "Chưa có nhiệm vụ nào được theo dõi.";
    case Msg::digest_overdue_header:
      return "⚠️ **Quá hạn ({}) — lâu nhất trước**";
    case Msg::digest_overdue_item:
      return "{n}. #{id} {title} — {who}, quá hạn {days} ngày, đã nhắc {reminders} lần";
    case Msg::digest_escalated:
      return " ‼️ đã báo cáo lãnh đạo";
    case Msg::digest_who_unit_lead:
      return "{unit} (đ/c {lead})";
    case Msg::digest_who_lead:
      return "đ/c {}";
    case Msg::digest_no_lead:
      return "chưa có người chủ trì";
    case Msg::digest_no_overdue:
      return "✅ Không có nhiệm vụ quá hạn.";
    case Msg::digest_more_overdue:
      return "… và {} nhiệm vụ khác: /viec overdue";
    case Msg::digest_due_header:
      return "📅 **Đến hạn trong {days} ngày làm việc tới ({count})**";
    case Msg::digest_due_item:
      return "• #{id} {title} — hạn {due}{unit}";
    case Msg::digest_due_format:
      return "{time} {weekday} {date}";
    case Msg::digest_more_due:
      return "… và {} nhiệm vụ khác: /viec";
    case Msg::digest_completed_since:
      return "✅ Đã hoàn thành từ báo cáo trước ({})";
    case Msg::digest_created_since:
      return "🆕 Giao mới ({})";
    case Msg::digest_units_header:
      return "**Theo đơn vị**";
    case Msg::digest_column_unit:
      return "Đơn vị";
    case Msg::digest_column_open:
      return "Đang làm";
    case Msg::digest_column_overdue:
      return "Quá hạn";
    case Msg::digest_column_done_week:
      return "Xong tuần này";
    case Msg::digest_no_unit:
      return "(Chưa rõ đơn vị)";
    case Msg::digest_more_units:
      return "… và {} đơn vị khác: /donvi";
    case Msg::digest_button_overdue:
      return "Xem việc quá hạn";
    case Msg::digest_hint:
      return "Xem việc quá hạn: /viec overdue";
    case Msg::digest_chart_title:
      return "Nhiệm vụ theo đơn vị — {}";
    case Msg::digest_chart_caption:
      return "Biểu đồ nhiệm vụ theo đơn vị — {}";
    case Msg::digest_not_subscriber:
      return "Báo cáo nhanh dành cho lãnh đạo Ban Chỉ đạo và Văn phòng.";
    case Msg::help_digest:
      return "/baocao — báo cáo nhanh nhiệm vụ (lãnh đạo, Văn phòng)";
      // (end of the daily digest)
      // office phrases and wording
    case Msg::when_error_weekday_mismatch:
      return "Ngày {date} là {weekday}, không khớp với thứ đã ghi (\"{phrase}\"). Vui lòng "
             "kiểm tra lại.";
    case Msg::rule_quarterly:
      return "{1} ngày {0} hằng quý";
    case Msg::rule_yearly:
      return "{1} ngày {0} hằng năm";
    case Msg::rule_month_end:
      return "{} ngày cuối mỗi tháng";
    case Msg::due_off_day:
      return "⚠ Hạn rơi vào {0}, ngày nghỉ. Ngày làm việc liền trước: {1} (/giahan {2} {3})";
    case Msg::due_holiday:
      return "⚠ Hạn rơi vào ngày nghỉ lễ. Ngày làm việc liền trước: {1} (/giahan {2} {3})";
    case Msg::overdue_days:
      return "quá hạn {} ngày";
    case Msg::overdue_one_day:
      return "quá hạn 1 ngày";
    case Msg::overdue_since_today:
      return "quá hạn từ {} hôm nay";
    case Msg::done_short_on_time:
      return "đúng hạn";
    case Msg::done_short_late:
      return "quá hạn";
    case Msg::notify_done_no_deadline:
      return "Đ/c {1} báo cáo đã hoàn thành nhiệm vụ #{0}:";
    case Msg::due_example:
      return "/giahan {} thứ 6 tuần sau 17h";
    case Msg::task_snooze_hint:
      return "Nhắc lại sau 1 giờ: /hoannhac nv{}";
    case Msg::task_snooze_text:
      return "Nhiệm vụ #{} \"{}\" (xem: /giao {})";
    case Msg::task_snooze_refused:
      return "Chỉ người được giao nhiệm vụ #{} mới đặt nhắc lại được, khi nhiệm vụ còn đang thực "
             "hiện.";
      // (end of office phrases and wording)
      // input limits
    case Msg::task_title_too_long:
      return "Tiêu đề dài {} ký tự, vượt mức {} ký tự. Đồng chí vui lòng rút gọn rồi gửi lại.";
      // (end of input limits)
      // operations
      // (end of operations)
      // platform differences
    case Msg::group_reply_private:
      return "(Trả lời riêng: Trợ lý chưa gửi được tin nhắn vào nhóm.)";
  }
  return "";
}

}  // namespace wgbot
