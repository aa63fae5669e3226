// `wgbot when`: every phrase officials write reads, said on Thursday 26/11/2026 at 10:00, and a
// rule is shown in words. The same function the binary runs (bot/app/cli/when_command).
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "bot/app/cli/when_command.hpp"
#include "fakes/test_bot.hpp"

namespace wgbot {
namespace {

struct Reading {
  int code = 0;
  std::string out;
};

Reading read_phrase(const std::string& phrase, const std::string& purpose = "deadline") {
  const Config config = testing::test_config("unused.db");
  std::ostringstream out;
  std::ostringstream err;
  const int code = cli::when(config, {phrase, "2026-11-26T10:00", purpose, false}, out, err);
  return {code, out.str()};
}

struct Case {
  const char* phrase;
  const char* means;  // the sentence printed
  const char* purpose = "deadline";
};

std::ostream& operator<<(std::ostream& os, const Case& c) {
  return os << '"' << c.phrase << '"';
}

const Case kOfficePhrases[] = {
    // Dates.
    {"15.12", "Hạn xử lý: 17:00 thứ Ba, 15/12/2026"},
    {"15-12", "Hạn xử lý: 17:00 thứ Ba, 15/12/2026"},
    {"mồng 5 tháng 12", "Hạn xử lý: 17:00 thứ Bảy, 05/12/2026"},
    {"ngày mùng 1 tháng 12", "Hạn xử lý: 17:00 thứ Ba, 01/12/2026"},
    {"ngày 15/12 tới", "Hạn xử lý: 17:00 thứ Ba, 15/12/2026"},
    // Clock times in document style.
    {"17 giờ 00", "Hạn xử lý: 17:00 thứ Năm, 26/11/2026"},
    {"8 giờ 15 phút", "Hạn xử lý: 08:15 thứ Sáu, 27/11/2026"},
    {"14 giờ 45", "Hạn xử lý: 14:45 thứ Năm, 26/11/2026"},
    {"trước 17 giờ 00 ngày 15/12/2026", "Hạn xử lý: 17:00 thứ Ba, 15/12/2026"},
    // Ends and starts of periods.
    {"hết ngày 15/12", "Hạn xử lý: 17:00 thứ Ba, 15/12/2026"},
    {"cuối ngày", "Hạn xử lý: 17:00 thứ Năm, 26/11/2026"},
    {"cuối tuần", "Hạn xử lý: 17:00 thứ Sáu, 27/11/2026"},
    {"trong tuần", "Hạn xử lý: 17:00 thứ Sáu, 27/11/2026"},
    {"đầu tuần", "Hạn xử lý: 17:00 thứ Hai, 30/11/2026"},
    {"đầu tuần sau", "Hạn xử lý: 17:00 thứ Hai, 30/11/2026"},
    {"cuối tháng", "Hạn xử lý: 17:00 thứ Hai, 30/11/2026"},
    {"cuối tháng 12", "Hạn xử lý: 17:00 thứ Năm, 31/12/2026"},
    {"đầu tháng", "Hạn xử lý: 17:00 thứ Ba, 01/12/2026"},
    {"đầu tháng 12", "Hạn xử lý: 17:00 thứ Ba, 01/12/2026"},
    {"tháng sau", "Hạn xử lý: 17:00 thứ Ba, 01/12/2026"},
    {"1 tháng nữa", "Hạn xử lý: 17:00 thứ Bảy, 26/12/2026"},
    {"cuối quý", "Hạn xử lý: 17:00 thứ Năm, 31/12/2026"},
    {"cuối năm", "Hạn xử lý: 17:00 thứ Năm, 31/12/2026"},
    {"cuối mỗi tháng", "Hạn xử lý: 17:00 thứ Hai, 30/11/2026"},
    // Recurrence, shown in words.
    {"hàng tuần", "Nhắc lúc: 08:00 thứ Năm, 03/12/2026 · Lặp lại: 08:00 thứ Năm hằng tuần",
     "reminder"},
    {"hằng tuần", "Nhắc lúc: 08:00 thứ Năm, 03/12/2026 · Lặp lại: 08:00 thứ Năm hằng tuần",
     "reminder"},
    {"hàng quý", "Nhắc lúc: 08:00 thứ Sáu, 26/02/2027 · Lặp lại: 08:00 ngày 26 hằng quý",
     "reminder"},
    {"hàng năm 1/1", "Nhắc lúc: 08:00 thứ Sáu, 01/01/2027 · Lặp lại: 08:00 ngày 01/01 hằng năm",
     "reminder"},
    {"cuối mỗi tháng", "Nhắc lúc: 08:00 thứ Hai, 30/11/2026 · Lặp lại: 08:00 ngày cuối mỗi tháng",
     "reminder"},
    {"8h các ngày trong tuần",
     "Nhắc lúc: 08:00 thứ Sáu, 27/11/2026 · Lặp lại: 08:00 các ngày làm việc", "reminder"},
    {"8h thứ 2 hàng tuần", "Nhắc lúc: 08:00 thứ Hai, 30/11/2026 · Lặp lại: 08:00 thứ Hai hằng tuần",
     "reminder"},
    {"16:30 các ngày làm việc",
     "Nhắc lúc: 16:30 thứ Năm, 26/11/2026 · Lặp lại: 16:30 các ngày làm việc", "reminder"},
    {"hàng tháng ngày 5", "Nhắc lúc: 08:00 thứ Bảy, 05/12/2026 · Lặp lại: 08:00 ngày 5 hằng tháng",
     "reminder"},
    // The reminder of the usage example.
    {"8h sáng mai", "Nhắc lúc: 08:00 thứ Sáu, 27/11/2026", "reminder"},
};

class WhenCommandPhrases : public ::testing::TestWithParam<Case> {};

TEST_P(WhenCommandPhrases, ReadsTheOfficePhrase) {
  const Case& c = GetParam();
  const Reading r = read_phrase(c.phrase, c.purpose);
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(r.out, std::string(c.means) + "\n");
}

INSTANTIATE_TEST_SUITE_P(Office, WhenCommandPhrases, ::testing::ValuesIn(kOfficePhrases));

TEST(WhenCommand, AWeekdayThatContradictsItsDateSaysWhichDayItIs) {
  for (const char* phrase : {"thứ 5 ngày 4/12", "thu 5 ngay 4/12"}) {
    const Reading r = read_phrase(phrase);
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.out, "Ngày 04/12/2026 là thứ Sáu, không khớp với thứ đã ghi (\"" +
                         std::string(phrase) + "\"). Vui lòng kiểm tra lại.\n");
  }
}

TEST(WhenCommand, NeverShowsTheRawRule) {
  const Reading r = read_phrase("every weekday 16:30", "reminder");
  EXPECT_EQ(r.out.find("FREQ="), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("16:30 các ngày làm việc"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace wgbot
