#include "bot/http/media_route.hpp"

#include <string>
#include <string_view>

namespace wgbot::http {

namespace {

// The answer for a path under kMediaPrefix.
Response media_response(std::string_view name, MediaShelf& shelf, std::chrono::sys_seconds now) {
  const std::size_t dot = name.find('.');
  const std::string_view token = name.substr(0, dot);
  const std::string_view extension =
      dot == std::string_view::npos ? std::string_view{} : name.substr(dot);
  const auto item = shelf.get(token, now);
  if (!item || extension != media_extension(item->content_type)) {
    return text_response(404, "not found");
  }
  Response response;
  response.status = 200;
  response.content_type = item->content_type;
  response.body = *item->bytes;
  response.headers.emplace_back(
      "Cache-Control", "private, max-age=" + std::to_string((item->expires - now).count()));
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return response;
}

}  // namespace

void add_media_route(Router& router, MediaShelf& shelf, const Clock& clock) {
  router.add_prefix("GET", std::string(kMediaPrefix),
                    [&shelf, &clock](const Request& request, Responder responder) {
                      const std::string_view name =
                          std::string_view(request.path).substr(kMediaPrefix.size());
                      responder.send(media_response(name, shelf, clock.now()));
                    });
}

}  // namespace wgbot::http
