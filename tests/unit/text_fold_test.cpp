#include "core/text_fold.hpp"

#include <gtest/gtest.h>

namespace wgbot {
namespace {

TEST(TextFold, StripsDiacriticsAndCase) {
  EXPECT_EQ(fold_for_search("Ngô Văn Quý"), "ngo van quy");
  EXPECT_EQ(fold_for_search("NGÔ VĂN QUÝ"), "ngo van quy");
  EXPECT_EQ(fold_for_search("Quý"), "quy");
}

TEST(TextFold, FoldsDStrokeToD) {
  EXPECT_EQ(fold_for_search("Đỗ Thị Lan"), "do thi lan");
  EXPECT_EQ(fold_for_search("đồng chí Đức"), "dong chi duc");
}

TEST(TextFold, CollapsesSpacesAndTrims) {
  EXPECT_EQ(fold_for_search("  Lê   Tự\tLực  "), "le tu luc");
}

TEST(TextFold, DecomposedInputFoldsTheSame) {
  // "Quý" written with a combining acute accent (NFD).
  EXPECT_EQ(fold_for_search("Quy\xCC\x81"), "quy");
}

TEST(TextFold, InvalidUtf8IsDroppedNotFatal) {
  EXPECT_EQ(fold_for_search(std::string("ab\xFF"
                                        "c")),
            "abc");
}

TEST(TextFold, LowerKeepsDiacritics) {
  EXPECT_EQ(lower_utf8("ĐÃ NHẬN"), "đã nhận");
}

}  // namespace
}  // namespace wgbot
