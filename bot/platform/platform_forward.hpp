// The names a platform's headers mention without needing their definitions: what the app lends
// a platform (PlatformContext) and what its webhook routes and pollers are handed.
#pragma once

namespace boost::asio {
class io_context;
}

namespace wgbot {

class Clock;
class Delivery;
class Dispatcher;
class IngestService;
class Metrics;
class SlowReplyNotice;
struct Config;
namespace http {
class MediaShelf;
class Router;
}  // namespace http
namespace storage {
class Writer;
}

}  // namespace wgbot
