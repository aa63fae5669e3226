// NULL-able values between SQL and std::optional, for the repositories' statements.
#pragma once

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <optional>
#include <string>

namespace wgbot::storage {

// An integer column that may be NULL.
inline std::optional<std::int64_t> optional_int(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getInt64();
}

// Binds the value, or NULL when there is none.
template <typename T>
void bind_optional(SQLite::Statement& statement, int index, const std::optional<T>& value) {
  if (value) {
    statement.bind(index, *value);
  } else {
    statement.bind(index);
  }
}

// "?first, ?first+1, …": `count` numbered places, for an `IN (…)` list of fixed length (one
// compiled statement serves every list; places left unbound are NULL and match nothing).
inline std::string numbered_places(int first, int count) {
  std::string places;
  for (int i = 0; i < count; ++i) {
    if (i > 0) places += ", ";
    places += '?';
    places += std::to_string(first + i);
  }
  return places;
}

}  // namespace wgbot::storage
