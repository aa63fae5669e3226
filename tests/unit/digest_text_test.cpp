// The digest's words for a fixed data set (unit/digest_fixture.hpp): golden texts in Vietnamese
// and English, as Telegram HTML and as Zalo plain text; the split at each platform's limit.
#include <gtest/gtest.h>

#include "bot/telegram/formatter.hpp"
#include "bot/zalo_bot/formatter.hpp"
#include "core/text_markup.hpp"
#include "core/utf16.hpp"
#include "handlers/digest/digest_text.hpp"
#include "unit/digest_fixture.hpp"

namespace wgbot {
namespace {

using testing::DigestFixture;

class DigestText : public ::testing::Test {
 protected:
  DigestText() { f_.seed(); }

  digest::DigestMessage message(Lang lang, digest::TextOptions options = {}) {
    const auto now = f_.digest_at();
    const auto data = f_.collect(now, now - std::chrono::hours{24});
    return digest::digest_message(lang, data, f_.cal(), options);
  }

  Outgoing outgoing(Lang lang) {
    const auto m = message(lang);
    Outgoing o;
    o.platform = "telegram";
    o.chat_id = "1";
    o.text = m.text;
    o.buttons = m.buttons;
    o.hint = m.hint;
    return o;
  }

  DigestFixture f_;
};

constexpr const char* kVietnamese =
    "📋 **Báo cáo nhanh nhiệm vụ — thứ Hai, 07/12/2026**\n"
    "Tổ công tác giúp việc Ban Chỉ đạo xây dựng Chính quyền điện tử\n"
    "\n"
    "Tổng số nhiệm vụ đang theo dõi: 9\n"
    "• Hoàn thành đúng hạn: 2 · Hoàn thành quá hạn: 1\n"
    "• Đang thực hiện trong hạn: 3 · Đang thực hiện quá hạn: 2\n"
    "• Chưa cập nhật tiến độ quá 5 ngày: 1\n"
    "Tỷ lệ hoàn thành đúng hạn: 67%\n"
    "\n"
    "⚠️ **Quá hạn (2) — lâu nhất trước**\n"
    "1. #1 Rà soát quy trình nội bộ giải quyết TTHC — Sở Nội vụ (đ/c Đỗ Thị Lan), quá hạn 6 "
    "ngày, đã nhắc 3 lần ‼️ đã báo cáo lãnh đạo\n"
    "2. #2 Báo cáo đánh giá hiệu quả Trung tâm IOC — Sở Khoa học và Công nghệ (đ/c Phạm Quốc "
    "Hùng), quá hạn 3 ngày, đã nhắc 2 lần\n"
    "\n"
    "📅 **Đến hạn trong 3 ngày làm việc tới (2)**\n"
    "• #3 Dự thảo Quy chế vận hành hệ thống — hạn 17:00 thứ Ba 08/12 — Văn phòng UBND Thành "
    "phố\n"
    "• #4 Tổng hợp số liệu dịch vụ công trực tuyến — hạn 17:00 thứ Năm 10/12 — Sở Khoa học và "
    "Công nghệ\n"
    "\n"
    "✅ Đã hoàn thành từ báo cáo trước (1) · 🆕 Giao mới (2)\n"
    "\n"
    "**Theo đơn vị**\n"
    "`Đơn vị                    Đang làm  Quá hạn  Xong tuần này`\n"
    "`Văn phòng UBND Thành phố         1        0              1`\n"
    "`Sở Khoa học và Công nghệ         3        1              0`\n"
    "`Sở Nội vụ                        1        1              0`\n"
    "`Sở Tài chính                     1        0              0`";

constexpr const char* kEnglish =
    "📋 **Task digest — Monday, 07/12/2026**\n"
    "Working group of the Steering Committee for e-Government\n"
    "\n"
    "Tasks tracked: 9\n"
    "• Done on time: 2 · Done late: 1\n"
    "• In progress on time: 3 · Overdue: 2\n"
    "• No progress update for over 5 days: 1\n"
    "On-time completion rate: 67%\n"
    "\n"
    "⚠️ **Overdue (2) — longest first**\n"
    "1. #1 Rà soát quy trình nội bộ giải quyết TTHC — Sở Nội vụ (Đỗ Thị Lan), 6 days overdue, "
    "reminded 3 times ‼️ reported to the leadership\n"
    "2. #2 Báo cáo đánh giá hiệu quả Trung tâm IOC — Sở Khoa học và Công nghệ (Phạm Quốc Hùng), "
    "3 days overdue, reminded 2 times\n"
    "\n"
    "📅 **Due in the next 3 working days (2)**\n"
    "• #3 Dự thảo Quy chế vận hành hệ thống — due 17:00 Tuesday 08/12 — Văn phòng UBND Thành "
    "phố\n"
    "• #4 Tổng hợp số liệu dịch vụ công trực tuyến — due 17:00 Thursday 10/12 — Sở Khoa học và "
    "Công nghệ\n"
    "\n"
    "✅ Completed since the last digest (1) · 🆕 Newly assigned (2)\n"
    "\n"
    "**By unit**\n"
    "`Unit                      Open  Overdue  Done this week`\n"
    "`Văn phòng UBND Thành phố     1        0               1`\n"
    "`Sở Khoa học và Công nghệ     3        1               0`\n"
    "`Sở Nội vụ                    1        1               0`\n"
    "`Sở Tài chính                 1        0               0`";

TEST_F(DigestText, VietnameseGolden) {
  const auto m = message(Lang::vi);
  EXPECT_EQ(m.text, kVietnamese);
  ASSERT_EQ(m.buttons.size(), 1U);
  EXPECT_EQ(m.buttons[0][0].label, "Xem việc quá hạn");
  EXPECT_EQ(m.buttons[0][0].data, "list:overdue");
  EXPECT_EQ(m.hint, "Xem việc quá hạn: /viec overdue");
}

TEST_F(DigestText, EnglishGolden) {
  const auto m = message(Lang::en);
  EXPECT_EQ(m.text, kEnglish);
  ASSERT_EQ(m.buttons.size(), 1U);
  EXPECT_EQ(m.buttons[0][0].label, "See overdue tasks");
  EXPECT_EQ(m.hint, "Overdue tasks: /tasks overdue");
}

// Telegram: bold headers as <b>, the unit table as <code> lines, one message with the button.
TEST_F(DigestText, TelegramHtmlGolden) {
  const Outgoing o = outgoing(Lang::vi);
  const auto chunks = telegram::split_message(o.text);
  ASSERT_EQ(chunks.size(), 1U);
  const auto body = nlohmann::json::parse(telegram::build_send_message(o, chunks[0], true));
  const std::string html = body.at("text");
  EXPECT_TRUE(html.starts_with("📋 <b>Báo cáo nhanh nhiệm vụ — thứ Hai, 07/12/2026</b>\n"));
  EXPECT_NE(html.find("\n⚠️ <b>Quá hạn (2) — lâu nhất trước</b>\n"),
            std::string::npos);
  EXPECT_NE(html.find("\n<b>Theo đơn vị</b>\n"
                      "<code>Đơn vị                    Đang làm  Quá hạn  Xong tuần này</code>\n"
                      "<code>Văn phòng UBND Thành phố         1        0              1</code>\n"),
            std::string::npos);
  EXPECT_EQ(html.find('`'), std::string::npos);
  EXPECT_EQ(html.find("**"), std::string::npos);
  EXPECT_EQ(body.at("reply_markup").at("inline_keyboard")[0][0].at("callback_data"),
            "list:overdue");
}

// Zalo: plain text, the markup gone, the hint spelled out at the end.
TEST_F(DigestText, ZaloPlainGolden) {
  const Outgoing o = outgoing(Lang::vi);
  const std::string plain = zalo_bot::message_text(o);
  std::string expected = kVietnamese;
  for (const std::string marker : {"**", "`"}) {
    for (auto pos = expected.find(marker); pos != std::string::npos; pos = expected.find(marker)) {
      expected.erase(pos, marker.size());
    }
  }
  EXPECT_EQ(plain, expected + "\nXem việc quá hạn: /viec overdue");
  EXPECT_EQ(zalo_bot::split_text(plain).size(), 1U);
}

// A table row lines up with its header whatever the diacritics: one column per letter.
TEST(DigestWidth, VietnameseLettersTakeOneColumnEach) {
  EXPECT_EQ(digest::display_width("Sở Nội vụ"), 9U);
  EXPECT_EQ(digest::display_width("Đơn vị"), 6U);
  // Decomposed: "ệ" as e + two combining marks is still one column.
  EXPECT_EQ(digest::display_width("vi\xCC\xA3\xCC\x82t"), 3U);
}

// Nothing overdue is said in one line; empty sections are left out.
TEST(DigestEmpty, NothingOverdueIsOneLineAndEmptySectionsAreLeftOut) {
  DigestFixture f;
  f.add_task({"Việc trong hạn", "lan", f.local(2026, 12, 30, 17), f.local(2026, 12, 4, 9)});
  const auto now = f.digest_at();
  const auto m =
      digest::digest_message(Lang::vi, f.collect(now, now - std::chrono::hours{24}), f.cal(), {});
  EXPECT_NE(m.text.find("\n✅ Không có nhiệm vụ quá hạn.\n"), std::string::npos) << m.text;
  EXPECT_EQ(m.text.find("Đến hạn"), std::string::npos);
  EXPECT_EQ(m.text.find("Giao mới"), std::string::npos);
  EXPECT_EQ(m.text.find("Tỷ lệ"), std::string::npos);  // nothing done yet: no rate
  EXPECT_TRUE(m.buttons.empty());
  EXPECT_TRUE(m.hint.empty());
}

// Long lists are capped with "… và N …" and a /viec hint.
TEST(DigestCaps, LongListsAreCapped) {
  DigestFixture f;
  for (int i = 0; i < 14; ++i) {
    f.add_task({"Việc quá hạn " + std::to_string(i), "lan", f.local(2026, 12, 2, 17),
                f.local(2026, 11, 30, 9)});
  }
  const auto now = f.digest_at();
  const auto m =
      digest::digest_message(Lang::vi, f.collect(now, now - std::chrono::hours{24}), f.cal(), {});
  EXPECT_NE(m.text.find("\n10. #"), std::string::npos);
  EXPECT_EQ(m.text.find("\n11. #"), std::string::npos);
  EXPECT_NE(m.text.find("\n… và 4 nhiệm vụ khác: /viec overdue\n"), std::string::npos) << m.text;
}

// The split at each platform's limit: between lines, never inside one, and nothing lost.
TEST(DigestSplit, LongDigestSplitsBetweenLinesOnEveryPlatform) {
  DigestFixture f;
  const std::string long_title(120, 'x');
  for (int i = 0; i < 90; ++i) {
    f.add_task({"Nhiệm vụ số " + std::to_string(i) + " " + long_title, "lan",
                f.local(2026, 12, 2, 17), f.local(2026, 11, 30, 9)});
  }
  const auto now = f.digest_at();
  digest::TextOptions options;
  options.max_overdue = 1000;  // every line, so the text runs over both limits
  const auto m = digest::digest_message(Lang::vi, f.collect(now, now - std::chrono::hours{24}),
                                        f.cal(), options);
  ASSERT_GT(utf16_length(m.text), 3 * 4096U);

  const auto tg = telegram::split_message(m.text);
  ASSERT_GT(tg.size(), 3U);
  std::string joined;
  for (std::size_t i = 0; i < tg.size(); ++i) {
    EXPECT_LE(utf16_length(telegram::render_html(tg[i])), telegram::kMaxMessageUnits);
    if (i + 1 < tg.size()) {
      EXPECT_TRUE(tg[i].ends_with('\n')) << "chunk " << i;
    }
    joined += tg[i];
  }
  EXPECT_EQ(joined, m.text);

  const std::string plain = strip_bold_markup(m.text);
  const auto zalo = zalo_bot::split_text(plain);
  ASSERT_GT(zalo.size(), tg.size());
  joined.clear();
  for (std::size_t i = 0; i < zalo.size(); ++i) {
    EXPECT_LE(utf16_length(zalo[i]), zalo_bot::kMaxMessageUnits);
    if (i + 1 < zalo.size()) {
      EXPECT_TRUE(zalo[i].ends_with('\n')) << "chunk " << i;
    }
    joined += zalo[i];
  }
  EXPECT_EQ(joined, plain);
}

}  // namespace
}  // namespace wgbot
