// The environment of an API test suite: a demo database built by the real `anju demo` (with
// the demo accounts demo_admin, demo_staff, demo_township, demo_site, demo_grid, demo_auditor,
// password anju-demo) in a temporary folder, and the real server (http::Server, in process) on
// a free loopback port. One per test executable (DemoEnv::Get()); the server is stopped and the
// folder removed at exit. `skip` is set when the binary has no `demo` command yet, `error` when
// building the demo or starting the server failed. Used by api_test.cc and write_scope_test.cc.
//
// Thread-safety: Get() is thread-safe (a function-local static); the members are read-only
// after it.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "http/server.h"
#include "modules/module.h"

namespace anju::http::test {

class DemoEnv {
 public:
  static DemoEnv& Get() {
    static DemoEnv env;
    return env;
  }
  std::string skip, error;
  std::filesystem::path dir;
  std::string db;
  std::unique_ptr<Server> server;

 private:
  static int Sh(const std::string& cmd) { return std::system(cmd.c_str()); }
  DemoEnv() {
    const std::string anju = ANJU_BINARY;
    if (Sh(anju + " demo --help >/dev/null 2>&1") != 0) {
      skip = "`anju demo` does not exist yet";
      return;
    }
    dir = std::filesystem::temp_directory_path() /
          ("anju-api-demo-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    db = (dir / "demo.db").string();
    if (Sh(anju + " demo --db '" + db + "' >'" + (dir / "demo.log").string() + "' 2>&1") != 0) {
      error = "anju demo failed; see " + (dir / "demo.log").string();
      return;
    }
    modules::Install();  // figures, case types, attachment owners of the module list, as `anju` does at start
    ServerOptions o;
    o.db_path = db;
    o.port = 0;
    o.add_routes = modules::AddAllRoutes;
    o.threads = 8;  // api_test's concurrency tests hold several connections at once
    auto s = Server::Create(o);
    if (!s) {
      error = s.error().ToString();
      return;
    }
    server = std::move(*s);
    server->Start();
  }
  ~DemoEnv() {
    if (server) {
      server->Stop();
      server->Join();
    }
    std::error_code ec;
    if (!dir.empty()) std::filesystem::remove_all(dir, ec);
  }
};

}  // namespace anju::http::test
