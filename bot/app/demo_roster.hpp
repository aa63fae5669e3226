// The demo roster: the committee of SPEC §7, seeded into an empty database when `demo` is on.
#pragma once

#include <cstdint>

namespace wgbot::storage {
class Connection;
}

namespace wgbot {

// Seeds units and members when the database has no member yet. Returns whether it seeded.
bool seed_demo_roster(storage::Connection& db, std::int64_t now);

}  // namespace wgbot
