// Path + method → handler table. Pure: tested without a server.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "bot/http/http_types.hpp"

namespace wgbot::http {

// Called on a connection's strand, possibly on several threads at once: it must not block
// (hand slow work to another thread and answer through the Responder from there).
using Handler = std::function<void(Request, Responder)>;

class Router {
 public:
  // Throws std::invalid_argument for a duplicate (method, path), an empty method, a path not
  // starting with '/', or an empty handler.
  void add(std::string method, std::string path, Handler handler);

  // Exact match on `request.path`: unknown path → 404 "not found"; known path with another
  // method → 405 with `Allow` listing the registered methods. HEAD without a route of its own
  // takes the GET route (the server sends the headers only). Exceptions from the handler
  // propagate (its Responder then answers 500 as it unwinds).
  void dispatch(Request request, Responder responder) const;

  [[nodiscard]] bool has(std::string_view method, std::string_view path) const;
  // Every registered path, sorted.
  [[nodiscard]] std::vector<std::string> paths() const;
  // The registered methods of `path` joined by ", " in registration order, then HEAD when the
  // path has GET; "" if unknown.
  [[nodiscard]] std::string allowed_methods(std::string_view path) const;

 private:
  struct Route {
    std::string method;
    Handler handler;
  };
  std::map<std::string, std::vector<Route>, std::less<>> routes_;
};

}  // namespace wgbot::http
