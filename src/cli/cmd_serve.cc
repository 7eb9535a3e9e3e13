// `anju serve [--db PATH] [--listen 127.0.0.1:8080] [--threads N] [--web-root DIR]
// [--trusted-proxy ADDR]…`: the web
// application (JSON API under /api/v1 and the web UI) on one address.
//
// Stops gracefully on SIGTERM or SIGINT: the listening socket closes, requests in flight
// finish, then every database connection is closed and the command exits 0. The signals are
// blocked in every thread and taken by one waiting thread (sigwait), so no work happens in a
// signal handler.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

#include "cli/command.h"

#ifdef ANJU_WITH_HTTP
#include "auth/auth_service.h"
#include "auth/client_address.h"
#include "casework/storage/escalation_timer.h"
#include "industry/storage/sqlite_jobs_timer.h"
#include "http/buffered_log.h"
#include "http/server.h"
#include "industry/storage/sqlite_zero_employment_timer.h"
#include "modules/module.h"
#endif

namespace anju::cli {

#ifndef ANJU_WITH_HTTP
// Built without src/http (its dependencies were missing at configure time).
void RegisterServeCommand(CLI::App& app, Runner& run) {
  auto* cmd = app.add_subcommand("serve", "Serve the web UI and the JSON API (not in this build)");
  cmd->allow_extras();
  cmd->callback([&run] {
    run = [] {
      return ReportError(Unavailable("this anju was built without the HTTP server (src/http); "
                                     "rebuild after the registry service is in place")
                             .error());
    };
  });
}
#else

namespace {

// "HOST:PORT" (HOST may be empty -> 127.0.0.1). Errors: kInvalidArgument naming --listen.
Result<std::pair<std::string, int>> ParseListen(const std::string& text) {
  size_t colon = text.rfind(':');
  std::string host = colon == std::string::npos ? std::string() : text.substr(0, colon);
  std::string_view port_text =
      colon == std::string::npos ? std::string_view(text) : std::string_view(text).substr(colon + 1);
  int port = -1;
  auto [p, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || p != port_text.data() + port_text.size() || port < 0 || port > 65535) {
    return InvalidArgument("--listen must be HOST:PORT, e.g. 127.0.0.1:8080 (port 0: any free)",
                           "--listen", text, "--listen 格式应为 主机:端口");
  }
  if (host.empty()) host = "127.0.0.1";
  return std::pair{host, port};
}

}  // namespace

void RegisterServeCommand(CLI::App& app, Runner& run) {
  auto* cmd = app.add_subcommand("serve", "Serve the web UI and the JSON API (/api/v1)");
  struct Flags {
    std::string db;
    std::string listen = "127.0.0.1:8080";
    int threads = 0;
    std::string web_root;
    bool quiet = false;
    std::vector<std::string> trusted_proxies;
  };
  auto f = std::make_shared<Flags>();
  AddDbOption(cmd, f->db);
  cmd->add_option("--listen", f->listen, "Address to listen on, HOST:PORT (default 127.0.0.1:8080)")
      ->check(NonBlank("omit --listen for 127.0.0.1:8080", "不加 --listen 即为 127.0.0.1:8080"));
  cmd->add_option("--threads", f->threads,
                  "Worker threads (default: 8 per core, at least 16; each keep-alive connection "
                  "holds one)");
  cmd->add_option("--web-root", f->web_root,
                  "Serve the web UI from this directory instead of the copy built into the "
                  "binary (default: $ANJU_WEB_ROOT if set)")
      ->check(NonBlank("omit --web-root to serve the built-in copy", "不加 --web-root 即使用内置网页"));
  cmd->add_flag("--quiet", f->quiet, "No access log on stderr");
  cmd->add_option("--trusted-proxy", f->trusted_proxies,
                  "A reverse proxy (address or network, e.g. 127.0.0.1 or 10.0.0.0/8; "
                  "repeatable) whose X-Forwarded-For gives the client address for login "
                  "throttling and the audit trail (default: $ANJU_TRUSTED_PROXIES, "
                  "comma-separated; none: X-Forwarded-For is ignored)");
  cmd->callback([&run, f] {
    run = [f] {
      auto listen = ParseListen(f->listen);
      if (!listen) return ReportError(listen.error());

      // Block SIGINT/SIGTERM before any thread starts, so only sigwait below receives them.
      sigset_t signals;
      sigemptyset(&signals);
      sigaddset(&signals, SIGINT);
      sigaddset(&signals, SIGTERM);
      pthread_sigmask(SIG_BLOCK, &signals, nullptr);

      http::ServerOptions opts;
      {
        auto trusted = auth::TrustedProxies::Parse(f->trusted_proxies, "--trusted-proxy");
        if (trusted && f->trusted_proxies.empty()) {
          if (const char* env = std::getenv("ANJU_TRUSTED_PROXIES"); env && *env)
            trusted = auth::TrustedProxies::ParseList(env, "ANJU_TRUSTED_PROXIES");
        }
        if (!trusted) return ReportError(trusted.error());
        opts.trusted_proxies = std::move(*trusted);
      }
      opts.db_path = ResolveDbPath(f->db);
      opts.host = listen->first;
      opts.port = listen->second;
      opts.threads = f->threads;
      opts.web_root = f->web_root;
      if (opts.web_root.empty()) {
        if (const char* env = std::getenv("ANJU_WEB_ROOT"); env && *env) opts.web_root = env;
      }
      if (!opts.web_root.empty()) {
        opts.echarts_file = opts.web_root + "/../../node_modules/echarts/dist/echarts.min.js";
      }
      // stderr through a buffer written by its own thread (http/buffered_log.h): a write(2)
      // per request under a mutex made the workers queue. Flushed when the server stops.
      auto log = std::make_shared<http::BufferedLog>(stderr);
      if (!f->quiet) {
        opts.access_log = [log](std::string_view line) { log->Write(line); };
      }
      opts.auth.log = [log](std::string_view line) { log->Write(fmt::format("auth: {}", line)); };
      opts.add_routes = modules::AddAllRoutes;  // the platform's and every module's routes

      const std::string opts_trusted = opts.trusted_proxies.Describe();
      const std::string db_path = opts.db_path;
      auto server = http::Server::Create(std::move(opts));
      if (!server) return ReportError(server.error());
      http::Server& s = **server;

      std::string url = fmt::format("http://{}:{}/", s.host(), s.port());
      fmt::print("anju serve: {} ({} workers, web UI {})\n", url, s.threads(),
                 s.static_files().Describe());
      if (s.facts().is_demo) {
        fmt::print("demo database {} — log in as any of (password \"{}\"):\n",
                   s.facts().county_name, auth::kDemoPassword);
        fmt::print("  {}\n", fmt::join(s.facts().demo_accounts, ", "));
      }
      if (!opts_trusted.empty()) {
        fmt::print("client addresses from X-Forwarded-For of trusted proxies: {}\n", opts_trusted);
      }
      fmt::print("stop with Ctrl-C (SIGINT) or SIGTERM\n");
      std::fflush(stdout);

      // Overdue cases climb a level at start and hourly (casework, docs/casework.md).
      auto sweep = std::make_unique<casework::EscalationTimer>(
          db_path, [log](std::string_view line) { log->Write(line); });
      // Zero-employment follow-ups opened and cleared once a day (industry, docs/industry.md).
      auto zero_sweep = std::make_unique<storage::ZeroEmploymentTimer>(
          db_path, [log](std::string_view line) { log->Write(line); });
      // Persons' employment cache follows jobs ended by date, at start and hourly (industry).
      auto jobs_refresh = std::make_unique<industry::JobsRefreshTimer>(
          db_path, [log](std::string_view line) { log->Write(line); });

      std::atomic<bool> signalled{false};
      std::thread waiter([&s, &signalled, signals, log] {
        int sig = 0;
        sigwait(&signals, &sig);
        signalled = true;
        log->Write(fmt::format("anju serve: {} received, finishing requests in flight",
                               sig == SIGINT ? "SIGINT" : "SIGTERM"));
        s.Stop();
      });
      Status st = s.Run();
      // Run returned: either a signal stopped it (waiter is done) or it failed; in the latter
      // case wake the waiter so it can be joined.
      if (!signalled) pthread_kill(waiter.native_handle(), SIGTERM);
      waiter.join();
      sweep.reset();    // waits for a sweep in progress
      zero_sweep.reset();
      jobs_refresh.reset();
      server->reset();  // closes every database connection
      log->Flush();
      if (!st) return ReportError(st.error());
      fmt::print(stderr, "anju serve: stopped, database closed\n");
      return kExitOk;
    };
  });
}

#endif  // ANJU_WITH_HTTP

}  // namespace anju::cli
