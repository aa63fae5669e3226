// Getting a database ready to serve: open, migrate, seed the demo roster, apply `admins`.
#pragma once

#include <memory>

#include "config/config.hpp"
#include "core/clock.hpp"

namespace wgbot::storage {
class Connection;
}

namespace wgbot {

struct PreparedDatabase {
  std::unique_ptr<storage::Connection> db;
  int migrations_applied = 0;
  bool demo_seeded = false;
};

enum class Seeding { demo_if_configured, never };

// Throws std::runtime_error with a one-line reason. One-shot CLI commands pass Seeding::never:
// only a bot that starts seeds the demo roster.
PreparedDatabase prepare_database(const Config& config, const Clock& clock,
                                  Seeding seeding = Seeding::demo_if_configured);

}  // namespace wgbot
