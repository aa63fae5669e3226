#include "bot/http/router.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace wgbot::http {

void Router::add_to(Routes& table, std::string method, std::string path, Handler handler) {
  if (method.empty()) throw std::invalid_argument("route method is empty");
  if (path.empty() || path.front() != '/') {
    throw std::invalid_argument("route path must start with '/': " + path);
  }
  if (!handler) throw std::invalid_argument("route handler is empty: " + method + " " + path);
  auto& routes = table[path];
  if (std::any_of(routes.begin(), routes.end(),
                  [&](const Route& r) { return r.method == method; })) {
    throw std::invalid_argument("duplicate route: " + method + " " + path);
  }
  routes.push_back(Route{std::move(method), std::move(handler)});
}

void Router::add(std::string method, std::string path, Handler handler) {
  add_to(routes_, std::move(method), std::move(path), std::move(handler));
}

void Router::add_prefix(std::string method, std::string prefix, Handler handler) {
  if (prefix.empty() || prefix.back() != '/') {
    throw std::invalid_argument("route prefix must end with '/': " + prefix);
  }
  add_to(prefixes_, std::move(method), std::move(prefix), std::move(handler));
}

const std::vector<Router::Route>* Router::routes_for(std::string_view path) const {
  if (const auto found = routes_.find(path); found != routes_.end()) return &found->second;
  const std::vector<Route>* best = nullptr;
  std::size_t best_length = 0;
  for (const auto& [prefix, routes] : prefixes_) {
    if (path.size() > prefix.size() && path.substr(0, prefix.size()) == prefix &&
        prefix.size() > best_length) {
      best = &routes;
      best_length = prefix.size();
    }
  }
  return best;
}

void Router::dispatch(Request request, Responder responder) const {
  const auto* routes = routes_for(request.path);
  if (routes == nullptr) {
    responder.send(text_response(404, "not found"));
    return;
  }
  auto route = std::find_if(routes->begin(), routes->end(),
                            [&](const Route& r) { return r.method == request.method; });
  // HEAD is GET without the body (RFC 9110 §9.3.2); the server leaves the body out.
  if (route == routes->end() && request.method == "HEAD") {
    route = std::find_if(routes->begin(), routes->end(),
                         [](const Route& r) { return r.method == "GET"; });
  }
  if (route == routes->end()) {
    Response response = text_response(405, "method not allowed");
    response.headers.emplace_back("Allow", allowed_methods(request.path));
    responder.send(std::move(response));
    return;
  }
  route->handler(std::move(request), std::move(responder));
}

bool Router::has(std::string_view method, std::string_view path) const {
  const auto found = routes_.find(path);
  return found != routes_.end() && std::any_of(found->second.begin(), found->second.end(),
                                               [&](const Route& r) { return r.method == method; });
}

std::vector<std::string> Router::paths() const {
  std::vector<std::string> out;
  out.reserve(routes_.size());
  for (const auto& [path, routes] : routes_) out.push_back(path);
  return out;
}

std::string Router::allowed_methods(std::string_view path) const {
  std::string allow;
  const auto* routes = routes_for(path);
  if (routes == nullptr) return allow;
  bool head = false;
  bool get = false;
  for (const auto& route : *routes) {
    if (!allow.empty()) allow += ", ";
    allow += route.method;
    head = head || route.method == "HEAD";
    get = get || route.method == "GET";
  }
  if (get && !head) allow += ", HEAD";
  return allow;
}

}  // namespace wgbot::http
