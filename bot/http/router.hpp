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
  // A route for every path under `prefix` (which must start and end with '/'), e.g. "/media/"
  // for "/media/<token>.png"; the handler reads the rest of `request.path` and answers 404 for
  // what it does not know. An exact route wins over a prefix, a longer prefix over a shorter.
  // Throws std::invalid_argument as add() does, and for a prefix not ending with '/'.
  void add_prefix(std::string method, std::string prefix, Handler handler);

  // Exact match on `request.path`, else the longest prefix route: unknown path → 404 "not
  // found"; known path (or prefix) with another method → 405 with `Allow` listing the registered
  // methods. HEAD without a route of its own takes the GET route (the server sends the headers
  // only). Exceptions from the handler propagate (its Responder then answers 500 as it unwinds).
  void dispatch(Request request, Responder responder) const;

  // Whether an exact route for (method, path) is registered (prefix routes are not asked).
  [[nodiscard]] bool has(std::string_view method, std::string_view path) const;
  // Every registered exact path, sorted (prefix routes are not listed).
  [[nodiscard]] std::vector<std::string> paths() const;
  // The registered methods of `path` (an exact route, else its prefix route) joined by ", " in
  // registration order, then HEAD when the path has GET; "" if unknown.
  [[nodiscard]] std::string allowed_methods(std::string_view path) const;

 private:
  struct Route {
    std::string method;
    Handler handler;
  };
  using Routes = std::map<std::string, std::vector<Route>, std::less<>>;

  // The routes serving `path`: its exact routes, else those of its longest prefix; or nullptr.
  [[nodiscard]] const std::vector<Route>* routes_for(std::string_view path) const;
  static void add_to(Routes& table, std::string method, std::string path, Handler handler);

  Routes routes_;
  Routes prefixes_;
};

}  // namespace wgbot::http
