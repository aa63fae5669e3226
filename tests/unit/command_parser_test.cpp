#include "bot/dispatch/command_parser.hpp"

#include <gtest/gtest.h>

#include "handlers/command_table.hpp"

namespace wgbot {
namespace {

TEST(CommandParser, NameAndArgs) {
  const auto c = parse_command("/whois Ngô Văn Quý");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->name, "whois");
  EXPECT_EQ(c->bot_username, "");
  EXPECT_EQ(c->args, "Ngô Văn Quý");
}

TEST(CommandParser, BotNameSuffix) {
  const auto c = parse_command("/giao@ToCongTacHN_bot @luc Dự thảo Quy chế");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->name, "giao");
  EXPECT_EQ(c->bot_username, "ToCongTacHN_bot");
  EXPECT_EQ(c->args, "@luc Dự thảo Quy chế");
  EXPECT_TRUE(addressed_to_us(*c, "tocongtachn_BOT"));
  EXPECT_FALSE(addressed_to_us(*c, "OtherCityBot"));
}

TEST(CommandParser, CommandForAnotherBotIsNotOurs) {
  const auto c = parse_command("/xong@OtherCityBot 12");
  ASSERT_TRUE(c);
  EXPECT_FALSE(addressed_to_us(*c, "ToCongTacHN_bot"));
}

TEST(CommandParser, UpperCaseNamesAndSurroundingSpace) {
  const auto c = parse_command("  /HELP  ");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->name, "help");
  EXPECT_EQ(c->args, "");
}

TEST(CommandParser, NotCommands) {
  EXPECT_FALSE(parse_command("xin chào"));
  EXPECT_FALSE(parse_command("/"));
  EXPECT_FALSE(parse_command("/ help"));
  EXPECT_FALSE(parse_command("1/2 việc"));
  EXPECT_FALSE(parse_command("/whois:quy"));
}

TEST(CommandTable, AliasesResolveToTheirCommand) {
  EXPECT_EQ(find_command("ai")->name, "whois");
  EXPECT_EQ(find_command("thanhvien")->name, "members");
  EXPECT_EQ(find_command("donvi")->name, "units");
  EXPECT_EQ(find_command("toila")->name, "whoami");
  EXPECT_EQ(find_command("trogiup")->name, "help");
  EXPECT_EQ(find_command("nosuch"), nullptr);
}

TEST(CommandTable, NamesAndAliasesAreUniqueAndTelegramSafe) {
  std::set<std::string_view> seen;
  for (const auto& spec : command_table()) {
    std::vector<std::string_view> names{spec.name};
    names.insert(names.end(), spec.aliases.begin(), spec.aliases.end());
    for (auto n : names) {
      EXPECT_TRUE(seen.insert(n).second) << "duplicate " << n;
      for (char c : n) {
        EXPECT_TRUE((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') << n;
      }
    }
  }
}

}  // namespace
}  // namespace wgbot
