#include <gtest/gtest.h>

#include "bot/console/console_session.hpp"

namespace wgbot {
namespace {

TEST(ConsoleRender, BoldSpansArePlainWithoutATerminal) {
  EXPECT_EQ(render_for_console("**Ngô Văn Quý** (@quy)\nVai trò", false),
            "Ngô Văn Quý (@quy)\nVai trò");
  EXPECT_EQ(render_for_console("**Các đơn vị (5)**", false), "Các đơn vị (5)");
}

TEST(ConsoleRender, BoldSpansUseAnsiOnATerminal) {
  EXPECT_EQ(render_for_console("**A** b", true), "\x1b[1mA\x1b[0m b");
}

TEST(ConsoleRender, UnpairedMarkersStayAsTyped) {
  EXPECT_EQ(render_for_console("2 ** 3", false), "2 ** 3");
  EXPECT_EQ(render_for_console("****", false), "****");
}

}  // namespace
}  // namespace wgbot
