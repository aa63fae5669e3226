// GET (and HEAD) /media/<token><extension>: a file on the MediaShelf, for a platform that fetches
// it by URL. Anything not on the shelf — unknown, malformed, expired, or the wrong extension —
// is 404 "not found", exactly as an unknown path; another method is 405.
#pragma once

#include "bot/http/media_shelf.hpp"
#include "bot/http/router.hpp"
#include "core/clock.hpp"

namespace wgbot::http {

// `shelf` and `clock` outlive the router.
void add_media_route(Router& router, MediaShelf& shelf, const Clock& clock);

}  // namespace wgbot::http
