#include "http/server.h"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <httplib.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cerrno>
#include <cstring>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <optional>

#include "auth/audit_service.h"
#include "auth/client_address.h"
#include "auth/hardening.h"
#include "http/api_routes.h"
#include "http/buffered_log.h"
#include "http/route_context.h"

namespace anju::http {

// ---------------------------------------------------------------------------------------------
// ServicePool

Result<std::unique_ptr<ServicePool>> ServicePool::Open(const std::string& db_path, int n,
                                                       const auth::AuthOptions& auth_options) {
  static std::atomic<uint64_t> next_id{1};
  auto pool = std::make_unique<ServicePool>();
  pool->id_ = next_id++;
  for (int i = 0; i < n; ++i) {
    auto s = Services::Open(db_path, auth_options);
    if (!s) return std::unexpected(s.error());
    pool->free_.push_back(s->get());
    pool->all_.push_back(std::move(*s));
  }
  return pool;
}

Services* ServicePool::Take() {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [this] { return !free_.empty(); });
  Services* s = free_.back();
  free_.pop_back();
  return s;
}

ServicePool::Lease ServicePool::Acquire() { return Lease(this, Take()); }

ServicePool::Lease ServicePool::AcquireForWorker() {
  // The pool's id, not its address, identifies it: a later pool may reuse the address.
  thread_local uint64_t bound_pool = 0;
  thread_local Services* bound = nullptr;
  if (bound_pool != id_ || bound == nullptr) {
    bound = Take();  // never released: the pool owns it and outlives its workers
    bound_pool = id_;
  }
  return Lease(nullptr, bound);
}

void ServicePool::Release(Services* s) {
  {
    std::lock_guard lock(mu_);
    free_.push_back(s);
  }
  cv_.notify_one();
}

ServicePool::Lease::~Lease() {
  if (s_ && pool_) pool_->Release(s_);
}

// ---------------------------------------------------------------------------------------------
// Helpers

namespace {

bool IsStateChanging(std::string_view method) {
  return method == "POST" || method == "PATCH" || method == "PUT" || method == "DELETE";
}

void WriteError(httplib::Response& res, const HttpError& err) {
  res.status = err.Status();
  res.set_content(EnvelopeBody(err), "application/json; charset=utf-8");
  if (err.error.code == ErrorCode::kResourceExhausted && err.error.field == "retry_after_seconds" &&
      !err.error.value.empty()) {
    res.set_header("Retry-After", err.error.value);
  }
}

void WriteReply(httplib::Response& res, Reply&& reply) {
  res.status = reply.status;
  for (auto& [k, v] : reply.headers) res.set_header(k, v);
  if (reply.status == 204 || reply.status == 304) return;
  res.set_content(std::move(reply.body), reply.content_type.c_str());
}

Error NotFoundPath(std::string_view path) {
  Error e;
  e.code = ErrorCode::kNotFound;
  e.field = "path";
  e.value = auth::MaskPersonalText(path.substr(0, 120));
  e.message = "no such page or API endpoint; see /api/v1/openapi.json for the API";
  e.message_zh = "没有这个页面或接口";
  return e;
}

// Message for statuses httplib produces itself (malformed requests, 413, …).
HttpError LibraryError(int status, bool upload) {
  if (status == 413) return PayloadTooLarge(upload ? auth::kMaxUploadBytes : auth::kMaxBodyBytes);
  Error e;
  e.code = status >= 500 ? ErrorCode::kInternal : ErrorCode::kInvalidArgument;
  e.message = fmt::format("the request could not be handled (HTTP {})", status);
  e.message_zh = "请求无法处理";
  return HttpError(std::move(e), status, status >= 500 ? "internal" : "bad_request");
}

// Every X-Forwarded-For header line of the request, in order, joined with commas (a proxy may
// add a line rather than extend the first).
std::string ForwardedFor(const httplib::Request& req) {
  std::string out;
  size_t n = req.get_header_value_count("X-Forwarded-For");
  for (size_t i = 0; i < n; ++i) {
    if (!out.empty()) out += ',';
    out += req.get_header_value("X-Forwarded-For", i);
  }
  return out;
}

// The body length the request declares (Content-Length): 0 when none, UINT64_MAX when the header
// is not a number.
uint64_t DeclaredLength(const httplib::Request& req) {
  const std::string text = req.get_header_value("Content-Length");
  uint64_t n = 0;
  if (text.empty()) return 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  return ec != std::errc() || end != text.data() + text.size() ? UINT64_MAX : n;
}

std::string UtcNow() {
  auto now = std::chrono::system_clock::now();
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}Z",
                     std::chrono::floor<std::chrono::seconds>(now));
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Server

Server::Server(ServerOptions options) : opts_(std::move(options)) {}

Server::~Server() {
  Stop();
  Join();
}

Result<std::unique_ptr<Server>> Server::Create(ServerOptions options) {
  std::unique_ptr<Server> s(new Server(std::move(options)));
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  s->threads_ = s->opts_.threads > 0 ? s->opts_.threads
                                     : static_cast<int>(std::max(16u, 8 * cores));
  auto pool = ServicePool::Open(s->opts_.db_path, s->threads_, s->opts_.auth);
  if (!pool) return std::unexpected(pool.error());
  s->pool_ = std::move(*pool);
  {
    auto lease = s->pool_->Acquire();
    auto facts = lease->Facts();
    if (!facts) return std::unexpected(facts.error());
    s->facts_ = *facts;
  }
  if (!s->opts_.web_root.empty()) {
    auto files = StaticFiles::FromDirectory(s->opts_.web_root, s->opts_.echarts_file);
    if (!files) return std::unexpected(files.error());
    s->static_files_ = std::move(*files);
  } else {
    s->static_files_ = StaticFiles::Embedded();
  }
  if (s->opts_.add_routes) {
    s->opts_.add_routes(s->router_);
  } else {
    AddPlatformRoutes(s->router_);
  }
  s->svr_ = std::make_unique<httplib::Server>();
  // SO_REUSEADDR only (a restart may bind while old connections are in TIME_WAIT). httplib's
  // default adds SO_REUSEPORT, with which a second `anju serve` on a busy port bound it too and
  // the two servers shared the connections silently (issue #12 item 6).
  s->svr_->set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  s->Install();
  errno = 0;
  bool bound = false;
  if (s->opts_.port == 0) {
    s->port_ = s->svr_->bind_to_any_port(s->opts_.host);
    bound = s->port_ > 0;
  } else {
    bound = s->svr_->bind_to_port(s->opts_.host, s->opts_.port);
    s->port_ = s->opts_.port;
  }
  if (!bound) return ListenError(s->opts_.host, s->opts_.port, errno);
  return s;
}

std::unexpected<Error> ListenError(const std::string& host, int port, int err) {
  // errno of the failed bind(2) (httplib closes the socket after it, which keeps errno).
  std::string address = fmt::format("{}:{}", host, port);
  std::string why, why_zh;
  if (err == EADDRINUSE) {
    why = "the port is in use by another program (another anju serve?)";
    why_zh = "端口已被其他程序占用（是否已有 anju serve 在运行？）";
  } else if (err == EADDRNOTAVAIL) {
    why = "the address is not one of this machine's";
    why_zh = "该地址不属于本机";
  } else if (err == EACCES) {
    why = "ports below 1024 need administrator rights";
    why_zh = "1024 以下的端口需要管理员权限";
  } else {
    why = err ? std::strerror(err) : "the address could not be resolved or bound";
    why_zh = "无法绑定该地址";
  }
  return InvalidArgument(
      fmt::format("cannot listen on {}: {}; pass another --listen HOST:PORT (port 0: any free "
                  "port)",
                  address, why),
      "--listen", address,
      fmt::format("无法在 {} 上监听：{}；请用 --listen 主机:端口 指定其他端口（0 为任一空闲端口）",
                  address, why_zh));
}

void Server::Install() {
  httplib::Server& svr = *svr_;
  const int threads = threads_;
  svr.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  // Uploads (attachments) may carry up to kMaxUploadBytes; every other request keeps
  // kMaxBodyBytes. httplib has one limit for all routes: the body handlers below (`with_body`)
  // read each body themselves and hold each route to its own limit before buffering it.
  svr.set_payload_max_length(auth::kMaxUploadBytes);
  // httplib writes headers and body separately; without TCP_NODELAY, Nagle's algorithm and the
  // client's delayed ACK add ~40 ms to every keep-alive response.
  svr.set_tcp_nodelay(true);
  svr.set_keep_alive_max_count(10000);
  svr.set_keep_alive_timeout(2);
  svr.set_read_timeout(10);
  svr.set_write_timeout(10);

  auto config = std::make_shared<ApiConfig>();
  config->facts = facts_;
  config->tls = opts_.tls;
  config->report_cache = &report_cache_;

  auto dispatch = [this, config, trusted_proxies = opts_.trusted_proxies](
                      const httplib::Request& req, httplib::Response& res) {
    // Static files: "/" and "/static/…" (GET and HEAD only).
    if (req.method == "GET" || req.method == "HEAD") {
      std::string_view path = req.path;
      std::optional<std::string_view> rel;
      if (path == "/" || path == "/index.html") rel = "index.html";
      else if (path.starts_with("/static/")) rel = path.substr(8);
      if (rel) {
        auto asset = static_files_.Find(*rel);
        if (!asset) {
          WriteError(res, NotFoundPath(path));
          return;
        }
        res.set_header("ETag", asset->etag);
        res.set_header("Cache-Control", asset->cache_control);
        if (req.get_header_value("If-None-Match") == asset->etag) {
          res.status = 304;
          return;
        }
        res.status = 200;
        res.set_content(std::move(asset->body), std::string(asset->content_type));
        return;
      }
    }

    if (req.body.size() > auth::kMaxBodyBytes && !auth::IsUploadRoute(req.method, req.path)) {
      WriteError(res, PayloadTooLarge(auth::kMaxBodyBytes));
      return;
    }
    Router::MatchResult m = router_.Match(req.method, req.path);
    if (!m.route) {
      if (m.path_known) {
        Error e;
        e.code = ErrorCode::kInvalidArgument;
        e.field = "method";
        e.value = req.method;
        e.message = fmt::format("{} is not allowed here; allowed: {}", req.method, m.allowed);
        e.message_zh = "不支持此请求方法";
        WriteError(res, HttpError(std::move(e), 405, "method_not_allowed"));
        res.set_header("Allow", m.allowed);
      } else {
        WriteError(res, NotFoundPath(req.path));
      }
      return;
    }

    // Worker threads (threads_ of them, as many as bundles) keep their bundle: no pool lock.
    ServicePool::Lease lease = pool_->AcquireForWorker();
    RequestContext ctx{req, std::move(m.params), *lease, *config, Actor{}, {},
                       auth::ClientAddress(req.remote_addr, ForwardedFor(req), trusted_proxies)};
    ctx.session_token =
        auth::CookieValue(req.get_header_value("Cookie"), auth::kSessionCookieName);
    if (m.route->access == Access::kSessionPasswordPending) {
      auto session = lease->auth->GetSession(ctx.session_token, ctx.client);
      if (!session) {
        WriteError(res, session.error());
        return;
      }
      if (IsStateChanging(req.method)) {
        auto csrf = auth::AuthService::CheckCsrf(
            *session, req.get_header_value(std::string(auth::kCsrfHeaderName)));
        if (!csrf) {
          WriteError(res, csrf.error());
          return;
        }
      }
    } else if (m.route->access == Access::kSession) {
      auto actor = lease->auth->Authenticate(ctx.session_token, ctx.client);
      if (!actor) {
        WriteError(res, actor.error());
        return;
      }
      ctx.actor = std::move(*actor);
      if (IsStateChanging(req.method)) {
        auto csrf = lease->auth->CheckCsrf(
            ctx.session_token, req.get_header_value(std::string(auth::kCsrfHeaderName)));
        if (!csrf) {
          WriteError(res, csrf.error());
          return;
        }
      }
    }
    RouteResult result = m.route->handler(ctx);
    if (result) WriteReply(res, std::move(*result));
    else WriteError(res, result.error());
  };

  // Bodies. httplib calls `with_body` before it reads a request's body (a content-reader
  // handler) and `expect_continue` when a client asks first (Expect: 100-continue), so:
  //  - a body declared larger than its route's limit (Content-Length) is refused 413 and a
  //    chunked one is cut off at the limit: only the upload route can make the server hold up to
  //    kMaxUploadBytes;
  //  - the upload route checks the session before its body: without one, 401;
  //  - httplib never parses a body as a form (application/x-www-form-urlencoded): a route sees
  //    the bytes as sent (an upload of any non-multipart type is the file itself), and query
  //    parameters come from the URL only.
  // A refused body is never held: a client that asked first (100-continue) does not send it; one
  // that sends it anyway has it read and dropped as it arrives (closing the connection on an
  // unread body would reset it before the client reads the refusal).
  auto early_refusal = [this, trusted_proxies = opts_.trusted_proxies](
                           const httplib::Request& req) -> std::optional<HttpError> {
    const bool upload = auth::IsUploadRoute(req.method, req.path);
    const size_t limit = upload ? auth::kMaxUploadBytes : auth::kMaxBodyBytes;
    if (DeclaredLength(req) > limit) return PayloadTooLarge(limit);
    if (upload) {
      ServicePool::Lease lease = pool_->AcquireForWorker();
      auto actor = lease->auth->Authenticate(
          auth::CookieValue(req.get_header_value("Cookie"), auth::kSessionCookieName),
          auth::ClientAddress(req.remote_addr, ForwardedFor(req), trusted_proxies));
      if (!actor) return HttpError(actor.error());
    }
    return std::nullopt;
  };
  svr.set_expect_100_continue_handler([early_refusal](const httplib::Request& req, httplib::Response& res) {
    if (auto refusal = early_refusal(req)) {
      WriteError(res, *refusal);
      return res.status;
    }
    return 100;
  });
  auto with_body = [dispatch, early_refusal](const httplib::Request& req, httplib::Response& res,
                                             const httplib::ContentReader& content) {
    if (auto refusal = early_refusal(req)) {
      content([](const char*, size_t) { return true; });  // dropped as it arrives
      WriteError(res, *refusal);
      return;
    }
    const bool upload = auth::IsUploadRoute(req.method, req.path);
    const size_t limit = upload ? auth::kMaxUploadBytes : auth::kMaxBodyBytes;
    httplib::Request full = req;  // the headers, path and URL query; the body read below
    bool too_large = false;
    bool read = false;
    if (req.is_multipart_form_data()) {
      size_t total = 0;
      auto part = full.files.end();
      read = content(
          [&](const httplib::MultipartFormData& f) {
            part = full.files.emplace(f.name, f);
            return true;
          },
          [&](const char* data, size_t n) {
            total += n;
            if (total > limit) {
              too_large = true;
              return false;
            }
            if (part != full.files.end()) part->second.content.append(data, n);
            return true;
          });
    } else {
      read = content([&](const char* data, size_t n) {
        if (full.body.size() + n > limit) {
          too_large = true;
          return false;
        }
        full.body.append(data, n);
        return true;
      });
    }
    if (too_large || !read) {
      // A chunked body past the limit, or a body cut short: the rest cannot be told from the next
      // request, so the connection ends after the answer.
      WriteError(res, too_large ? PayloadTooLarge(limit) : LibraryError(400, upload));
      res.set_header("Connection", "close");
      return;
    }
    dispatch(full, res);
  };

  // GET, HEAD and other methods have no content-reader handlers in httplib 0.11, which would read
  // their body (up to kMaxUploadBytes) before any handler: a body above kMaxBodyBytes, or one of
  // unknown length (chunked), is refused here, before it is read; the connection then ends, as
  // the unread body cannot be told from a next request.
  svr.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    if (req.method == "POST" || req.method == "PUT" || req.method == "PATCH" || req.method == "DELETE")
      return httplib::Server::HandlerResponse::Unhandled;  // with_body holds these to their limit
    if (!req.has_header("Transfer-Encoding") && DeclaredLength(req) <= auth::kMaxBodyBytes)
      return httplib::Server::HandlerResponse::Unhandled;
    WriteError(res, PayloadTooLarge(auth::kMaxBodyBytes));
    res.set_header("Connection", "close");
    return httplib::Server::HandlerResponse::Handled;
  });

  // One catch-all per method: the Router above decides (no per-route regular expressions).
  // Requests without a body (GET, or no Content-Length and not chunked) take `dispatch` directly.
  svr.Get(".*", dispatch);
  svr.Post(".*", dispatch);
  svr.Put(".*", dispatch);
  svr.Patch(".*", dispatch);
  svr.Delete(".*", dispatch);
  svr.Post(".*", with_body);
  svr.Put(".*", with_body);
  svr.Patch(".*", with_body);
  svr.Delete(".*", with_body);

  // Errors httplib produces itself (413 body too large, 400 malformed request, unknown method):
  // the same envelope. Responses our dispatcher already filled are left alone.
  svr.set_error_handler(httplib::Server::HandlerWithResponse(
      [](const httplib::Request& req, httplib::Response& res) -> httplib::Server::HandlerResponse {
    if (!res.body.empty() || res.status == 304) return httplib::Server::HandlerResponse::Unhandled;
    WriteError(res, LibraryError(res.status, auth::IsUploadRoute(req.method, req.path)));
    return httplib::Server::HandlerResponse::Handled;
  }));

  // Last resort: a handler threw (a bug, or std::bad_alloc). No details leave the server.
  auto log = opts_.access_log;
  svr.set_exception_handler(
      [log](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown exception";
        try {
          if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        if (log) {
          log(fmt::format("{} internal error in {} {}: {}", UtcNow(), EscapeLogText(req.method),
                          EscapeLogText(auth::MaskPersonalText(req.path)),
                          EscapeLogText(auth::MaskPersonalText(what))));
        }
        Error e;
        e.code = ErrorCode::kInternal;
        e.message = "internal error; the server log has the details";
        e.message_zh = "服务器内部错误";
        WriteError(res, HttpError(std::move(e)));
      });

  // Security headers on every response, whatever produced it.
  auto headers = auth::SecurityHeaders(opts_.tls);
  svr.set_post_routing_handler([headers](const httplib::Request& req, httplib::Response& res) {
    for (const auto& [k, v] : headers) res.set_header(k, v);
    if (req.path.starts_with("/api/") && !res.has_header("Cache-Control")) {
      res.set_header("Cache-Control", "no-store");
    }
  });

  // Access log: no query strings (they carry search terms: names, ids, phones), no bodies, no
  // cookies; digit runs that look like resident ids or phones in the path are masked, and control
  // characters are escaped (EscapeLogText) so a crafted path cannot forge a log line.
  if (opts_.access_log) {
    svr.set_logger([log = opts_.access_log](const httplib::Request& req,
                                            const httplib::Response& res) {
      log(fmt::format("{} {} {} {} {}B", UtcNow(), EscapeLogText(req.method),
                      EscapeLogText(auth::MaskPersonalText(req.path)), res.status,
                      res.body.size()));
    });
  }
}

Status Server::Run() {
  if (stopped_) return {};
  if (!svr_->listen_after_bind()) {
    if (stopped_) return {};
    return Unavailable(fmt::format("the server on {}:{} stopped unexpectedly", opts_.host, port_));
  }
  return {};
}

void Server::Start() {
  bg_ = std::thread([this] { (void)Run(); });
  // The socket is bound and listening already (Create), so connections queue until the accept
  // loop runs; wait for it briefly anyway so tests start against a running server.
  for (int i = 0; i < 1000 && !svr_->is_running() && !stopped_; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

void Server::Stop() {
  if (stopped_.exchange(true)) return;
  if (svr_) svr_->stop();
}

void Server::Join() {
  if (bg_.joinable()) bg_.join();
}

}  // namespace anju::http
