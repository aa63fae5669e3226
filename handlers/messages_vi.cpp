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
    case Msg::usage_prefix:
      return "Cách dùng: {}";
    case Msg::start_greeting_linked:
      return "Xin chào đ/c {}! Trợ lý Tổ công tác sẵn sàng. Gõ /help để xem các lệnh.";
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
      return "Lệnh tiếng Việt không dấu cũng dùng được, ví dụ /ai thay cho /whois.";
    case Msg::help_start:
      return "/start MÃ — liên kết tài khoản bằng mã mời";
    case Msg::help_help:
      return "/help — danh sách lệnh";
    case Msg::help_whoami:
      return "/whoami — thông tin của tôi";
    case Msg::help_members:
      return "/members [đơn vị|vai trò] — danh sách thành viên, ví dụ: /members vpub";
    case Msg::help_whois:
      return "/whois TÊN — tra cứu thành viên, ví dụ: /whois quy";
    case Msg::help_units:
      return "/units — các đơn vị";
    case Msg::help_lang:
      return "/lang vi|en — đổi ngôn ngữ, ví dụ: /lang en";
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
    case Msg::members_header:
      return "**Danh sách thành viên ({})**";
    case Msg::members_header_filtered:
      return "**Thành viên — {} ({})**";
    case Msg::members_none:
      return "Không có thành viên nào khớp với \"{}\".";
    case Msg::members_line:
      return "• {} — {} (@{})";
    case Msg::members_never_started:
      return " · chưa /start";
    case Msg::whois_usage:
      return "Cách dùng: /whois TÊN hoặc @handle, ví dụ: /whois quy";
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
      return "• {} ({}): {} thành viên, {} việc đang thực hiện";
    case Msg::units_none:
      return "Chưa có đơn vị nào.";
    case Msg::lang_usage:
      return "Cách dùng: /lang vi hoặc /lang en";
    case Msg::lang_set:
      return "Đã chuyển ngôn ngữ sang tiếng Việt.";
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
      return "Ngày \"{phrase}\" vừa qua; vui lòng ghi rõ năm, ví dụ: 15/11/2027";
    case Msg::when_error_recurrence_not_allowed:
      return "Hạn xử lý không lặp lại được (\"{phrase}\"). Ví dụ: {example}";
    case Msg::when_example_deadline:
      return "thứ 6 tuần sau 17h";
    case Msg::when_example_reminder:
      return "/nhac 8h sáng mai: họp giao ban";
    case Msg::when_means_deadline:
      return "Hạn xử lý: {}";
    case Msg::when_means_reminder:
      return "Nhắc lúc: {}";
    case Msg::when_repeats:
      return "Lặp lại: {}";
  }
  return "";
}

}  // namespace wgbot
