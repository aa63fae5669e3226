#include "storage/model.hpp"

#include <array>
#include <utility>

namespace wgbot {

namespace {
constexpr std::array<std::pair<Role, std::string_view>, 5> kRoles = {{
    {Role::chairman, "chairman"},
    {Role::vice_chairman, "vice_chairman"},
    {Role::standing, "standing"},
    {Role::member, "member"},
    {Role::staff, "staff"},
}};
}  // namespace

std::string_view role_key(Role role) {
  for (const auto& [r, key] : kRoles) {
    if (r == role) return key;
  }
  return "member";
}

std::optional<Role> role_from_key(std::string_view key) {
  for (const auto& [r, k] : kRoles) {
    if (k == key) return r;
  }
  return std::nullopt;
}

}  // namespace wgbot
