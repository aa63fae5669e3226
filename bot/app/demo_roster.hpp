// The demo roster: the working group's chairman, vice-chairman and standing member, three
// department directors, staff and the admin, in five units; seeded into an empty database when
// `demo` is on.
#pragma once

#include <cstdint>

namespace wgbot::storage {
class Connection;
}

namespace wgbot {

// Seeds units and members when the database has no member yet. Returns whether it seeded.
bool seed_demo_roster(storage::Connection& db, std::int64_t now);

}  // namespace wgbot
