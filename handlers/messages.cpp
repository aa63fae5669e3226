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

}  // namespace wgbot
