#include "handlers/messages.hpp"

namespace wgbot {

Lang lang_from_code(std::string_view code, Lang fallback) {
  if (code.starts_with("vi")) return Lang::vi;
  if (code.starts_with("en")) return Lang::en;
  return fallback;
}

std::string_view lang_code(Lang lang) {
  return lang == Lang::en ? "en" : "vi";
}

std::string_view role_name(Lang lang, Role role) {
  switch (role) {
    case Role::chairman:
      return text(lang, Msg::role_chairman);
    case Role::vice_chairman:
      return text(lang, Msg::role_vice_chairman);
    case Role::standing:
      return text(lang, Msg::role_standing);
    case Role::member:
      return text(lang, Msg::role_member);
    case Role::staff:
      return text(lang, Msg::role_staff);
  }
  return text(lang, Msg::role_member);
}

std::string_view platform_name(Lang lang, std::string_view platform_id) {
  if (platform_id == "telegram") return text(lang, Msg::platform_telegram);
  if (platform_id == "zalo_bot") return text(lang, Msg::platform_zalo_bot);
  if (platform_id == "zalo_oa") return text(lang, Msg::platform_zalo_oa);
  if (platform_id == "console") return text(lang, Msg::platform_console);
  return platform_id;
}

}  // namespace wgbot
