// Plain records the repositories read and write.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace wgbot {

enum class Role { chairman, vice_chairman, standing, member, staff };

std::string_view role_key(Role role);
std::optional<Role> role_from_key(std::string_view key);

struct Unit {
  std::int64_t id = 0;
  std::string name;
  std::string short_name;
  std::optional<std::int64_t> contact_member_id;
};

struct Member {
  std::int64_t id = 0;
  std::string handle;
  std::string name;
  std::optional<std::int64_t> unit_id;
  Role role = Role::member;
  std::string title;
  std::string phone;
  std::string email;
  bool is_admin = false;
  bool active = true;
  std::string lang;  // "" = the deployment's default
  std::optional<std::int64_t> preferred_account_id;
};

struct NewMember {
  std::string handle;
  std::string name;
  std::optional<std::int64_t> unit_id;
  Role role = Role::member;
  std::string title{};
  std::string phone{};
  std::string email{};
  bool is_admin = false;
};

struct Account {
  std::int64_t id = 0;
  std::string platform;
  std::string platform_user_id;
  std::optional<std::int64_t> member_id;
  std::string username;
  std::string display_name;
  std::string private_chat_id;
  bool started = false;
};

struct AuditEntry {
  std::int64_t id = 0;
  std::int64_t at = 0;
  std::string actor;
  std::string action;
  std::string target;
  std::string before;
  std::string after;
};

}  // namespace wgbot
