// The HTTP server of `anju serve`: cpp-httplib (Debian libcpp-httplib-dev) with a fixed worker
// pool, one set of services (and one SQLite connection) per worker, the route table of
// api_routes.h, the web UI's static files, security headers and limits from auth/hardening.h,
// an access log without personal data, and a graceful stop.
//
// Request flow (the dispatcher, server.cc): match the route -> the client address (the peer,
// or X-Forwarded-For from a trusted proxy) -> authenticate the session cookie (kSession routes;
// kSessionPasswordPending also for a user who must change a one-time password) -> check X-CSRF-Token on POST/PATCH/PUT/DELETE -> run the handler
// with a worker's services -> map its RouteResult (or any escaped exception, as a last resort)
// to the response. Every error leaves as the JSON envelope of envelope.h.
//
// Workers: httplib serves each connection on one pool thread for its keep-alive life (idle
// connections are closed after 2 s), so the pool is larger than the core count: default 8 per
// core, at least 16, as one browser keeps up to 6 connections open. Each worker thread has its
// own services and SQLite connection (ServicePool).
//
// Thread-safety: Start/Stop/port may be called from any thread; Stop is idempotent. Not
// async-signal-safe: call Stop from a normal thread (cmd_serve waits for signals with sigwait).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "auth/auth_service.h"
#include "auth/client_address.h"
#include "core/error.h"
#include "http/report_cache.h"
#include "http/router.h"
#include "http/services.h"
#include "http/static_files.h"

namespace httplib {
class Server;
}

namespace anju::http {

struct ServerOptions {
  std::string db_path;              // an existing, migrated database
  std::string host = "127.0.0.1";   // listen address
  int port = 8080;                  // 0: any free port (tests), see Server::port()
  int threads = 0;                  // worker threads; 0: max(16, 8 × cores)
  std::string web_root;             // "" = embedded files; else a directory (UI development)
  std::string echarts_file;         // with web_root: node_modules/echarts/dist/echarts.min.js
  bool tls = false;                 // behind a TLS proxy: Secure cookies and HSTS
  /// Reverse proxies (nginx) whose X-Forwarded-For is believed for the client address used by
  /// login throttling and the audit trail (auth/client_address.h); empty: the TCP peer always.
  auth::TrustedProxies trusted_proxies;
  /// Receives one access-log line per request (no query string, personal digits masked);
  /// empty: no access log.
  std::function<void(std::string_view)> access_log;
  /// Auth rules (tests inject a clock and cheap hashing); `log` gets security events.
  auth::AuthOptions auth;
  /// Fills the route table: `anju serve` passes modules::AddAllRoutes (the platform's routes and
  /// every module's <m>::AddRoutes); empty: the platform's routes only.
  std::function<void(Router&)> add_routes;
};

/// A pool of per-worker service bundles. Acquire blocks until one is free.
/// AcquireForWorker binds a bundle to the calling thread for the pool's lifetime: the server's
/// worker threads (as many as bundles) then take theirs without a lock. Thread-safety: all
/// methods may be called from any thread.
class ServicePool {
 public:
  /// Opens `n` bundles on `db_path`. Errors: as Services::Open.
  static Result<std::unique_ptr<ServicePool>> Open(const std::string& db_path, int n,
                                                   const auth::AuthOptions& auth_options);
  /// A bundle for the duration of one request; returned to the pool when destroyed.
  class Lease {
   public:
    /// `pool` nullptr: a bundle bound to its thread, nothing to return.
    Lease(ServicePool* pool, Services* s) : pool_(pool), s_(s) {}
    Lease(Lease&& o) noexcept : pool_(o.pool_), s_(o.s_) { o.s_ = nullptr; }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Services& operator*() const { return *s_; }
    Services* operator->() const { return s_; }

   private:
    ServicePool* pool_;
    Services* s_;
  };
  Lease Acquire();
  /// For a server worker thread: the first call takes a bundle for good (blocking like Acquire
  /// until one is free), later calls on the same thread return it without locking. Only as
  /// many threads as bundles may call it, or the extra ones wait forever.
  Lease AcquireForWorker();

 private:
  void Release(Services* s);
  Services* Take();
  uint64_t id_ = 0;  // distinct per pool for the life of the process (thread-local bindings)
  std::vector<std::unique_ptr<Services>> all_;
  std::vector<Services*> free_;
  std::mutex mu_;
  std::condition_variable cv_;
};

/// The error for a listening address that cannot be bound: kInvalidArgument (exit 1, HTTP
/// never), field "--listen", value "HOST:PORT", the reason from `err` (errno of bind(2)).
std::unexpected<Error> ListenError(const std::string& host, int port, int err);

class Server {
 public:
  /// Opens the database (must exist and be migrated), the service pool and the static files,
  /// builds the routes, and binds the listening socket (so port() is known on return).
  /// Errors: kNotFound for a missing database (suggesting `anju init` / `anju demo`);
  /// kInvalidArgument (field --listen, value HOST:PORT, English and Chinese, the reason from
  /// errno: in use, not local, privileged) when the address cannot be bound.
  static Result<std::unique_ptr<Server>> Create(ServerOptions options);
  ~Server();

  /// Serves until Stop(); returns when in-flight requests have finished.
  Status Run();
  /// Starts Run() on a background thread (tests) and waits until it accepts connections.
  void Start();
  /// Stops accepting, lets in-flight requests finish, then Run() returns. Idempotent.
  void Stop();
  /// Waits for the background thread of Start() (after Stop()).
  void Join();

  int port() const { return port_; }
  const std::string& host() const { return opts_.host; }
  int threads() const { return threads_; }
  const Router& router() const { return router_; }
  const StaticFiles& static_files() const { return static_files_; }
  /// meta facts for the banner: is_demo, county_name, statistics_date (read at start).
  const DatabaseFacts& facts() const { return facts_; }

 private:
  explicit Server(ServerOptions options);
  void Install();

  ServerOptions opts_;
  Router router_;
  StaticFiles static_files_;
  DatabaseFacts facts_;
  std::unique_ptr<ServicePool> pool_;
  ReportCache report_cache_;
  std::unique_ptr<httplib::Server> svr_;
  int port_ = 0;
  int threads_ = 0;
  std::thread bg_;
  std::atomic<bool> stopped_{false};
};

}  // namespace anju::http
