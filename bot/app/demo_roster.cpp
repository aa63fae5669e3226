#include "bot/app/demo_roster.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <array>
#include <map>
#include <string>

#include "storage/connection.hpp"
#include "storage/member_repository.hpp"
#include "storage/unit_repository.hpp"

namespace wgbot {

namespace {

struct DemoUnit {
  const char* short_name;
  const char* name;
  const char* contact;  // handle of the unit's contact member
};

struct DemoMember {
  const char* handle;
  const char* name;
  const char* unit;
  Role role;
  const char* title;
  const char* phone;
  const char* email;
  bool admin;
};

// Names other than Ngô Văn Quý and Lê Tự Lực are made up; phone numbers are not real.
constexpr std::array<DemoUnit, 5> kUnits = {{
    {"ubnd", "UBND Thành phố", "chutich"},
    {"vpub", "Văn phòng UBND Thành phố", "luc"},
    {"skhcn", "Sở Khoa học và Công nghệ", "hung"},
    {"snv", "Sở Nội vụ", "lan"},
    {"stc", "Sở Tài chính", "dung"},
}};

constexpr std::array<DemoMember, 9> kMembers = {{
    {"chutich", "Trần Minh Đức", "ubnd", Role::chairman, "Chủ tịch UBND Thành phố", "", "", false},
    {"quy", "Ngô Văn Quý", "ubnd", Role::vice_chairman, "Phó Chủ tịch UBND Thành phố",
     "0912 000 101", "quy.demo@hanoi.example", false},
    {"luc", "Lê Tự Lực", "vpub", Role::standing, "Phó Chánh Văn phòng UBND Thành phố",
     "0912 000 102", "luc.demo@hanoi.example", false},
    {"hung", "Phạm Quốc Hùng", "skhcn", Role::member, "Giám đốc Sở Khoa học và Công nghệ",
     "0912 000 103", "", false},
    {"lan", "Đỗ Thị Lan", "snv", Role::member, "Giám đốc Sở Nội vụ", "0912 000 104", "", false},
    {"dung", "Vũ Văn Dũng", "stc", Role::member, "Giám đốc Sở Tài chính", "0912 000 105", "",
     false},
    {"thao", "Hoàng Thu Thảo", "skhcn", Role::staff, "Trưởng phòng Chuyển đổi số", "", "", false},
    {"minh", "Bùi Đức Minh", "vpub", Role::staff, "Chuyên viên Văn phòng UBND Thành phố", "", "",
     false},
    {"admin", "Nguyễn Thu Hà", "vpub", Role::staff, "Thư ký Tổ công tác", "",
     "thuky.demo@hanoi.example", true},
}};

}  // namespace

bool seed_demo_roster(storage::Connection& db, std::int64_t now) {
  storage::MemberRepository members(db);
  if (members.count() > 0) return false;
  storage::UnitRepository units(db);
  std::map<std::string, std::int64_t> unit_ids;
  for (const auto& u : kUnits) unit_ids[u.short_name] = units.add(u.name, u.short_name, now);
  std::map<std::string, std::int64_t> member_ids;
  for (const auto& m : kMembers) {
    member_ids[m.handle] = members.add(NewMember{m.handle, m.name, unit_ids.at(m.unit), m.role,
                                                 m.title, m.phone, m.email, m.admin},
                                       now);
  }
  for (const auto& u : kUnits)
    units.set_contact(unit_ids.at(u.short_name), member_ids.at(u.contact));
  return true;
}

}  // namespace wgbot
