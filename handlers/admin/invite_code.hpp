// One-time invite codes from the operating system's CSPRNG.
#pragma once

#include <string>

namespace wgbot {

// 10 characters from 32 without look-alikes (no 0/O, 1/I): 50 bits, read aloud or typed
// easily. Throws std::runtime_error when the random source fails.
std::string make_invite_code();

// A code as typed ("hn7q 2k…", lower case, spaces) → its canonical form.
std::string normalize_invite_code(std::string_view typed);

}  // namespace wgbot
