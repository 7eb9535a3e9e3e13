// Handlers of the web import; see routes.h and docs/api.md. (The former
// http/import_routes.cc, issue #13.)
#include "importer/http/routes.h"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <sstream>

#include "http/envelope.h"
#include "http/route_context.h"
#include "importer/export.h"
#include "importer/http/json.h"
#include "importer/events_import.h"
#include "importer/importer.h"
#include "importer/storage/sqlite_events_repository.h"
#include "importer/storage/sqlite_import_repository.h"

namespace anju::importer {

using namespace anju::http;  // RequestContext, RouteResult, Reply, Router …
using nlohmann::json;

namespace {

// Error reports by id, for the user who made them.
class ReportStore {
 public:
  std::string Put(int64_t user_id, const std::string& username, std::string bytes) {
    std::lock_guard lock(mu_);
    auto now = std::chrono::steady_clock::now();
    for (auto it = items_.begin(); it != items_.end();)
      it = now - it->second.made > std::chrono::minutes(30) ? items_.erase(it) : std::next(it);
    while (items_.size() >= 64) {
      auto oldest = items_.begin();
      for (auto it = items_.begin(); it != items_.end(); ++it)
        if (it->second.made < oldest->second.made) oldest = it;
      items_.erase(oldest);
    }
    std::random_device rd;
    std::string id;
    for (int i = 0; i < 4; ++i) id += fmt::format("{:08x}", rd());
    items_[id] = {user_id, username, std::move(bytes), now};
    return id;
  }
  std::optional<std::string> Get(const std::string& id, int64_t user_id, const std::string& username) {
    std::lock_guard lock(mu_);
    auto it = items_.find(id);
    if (it == items_.end() || it->second.user_id != user_id || it->second.username != username) return std::nullopt;
    return it->second.bytes;
  }

 private:
  struct Item {
    int64_t user_id;
    std::string username;
    std::string bytes;
    std::chrono::steady_clock::time_point made;
  };
  std::mutex mu_;
  std::map<std::string, Item> items_;
};

ReportStore& Reports() {
  static ReportStore* s = new ReportStore;
  return *s;
}

// X-File-Name is percent-encoded by the browser (encodeURIComponent) so that Chinese names
// survive HTTP headers.
std::string DecodeFileName(const std::string& v) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '%' && i + 2 < v.size() && std::isxdigit(static_cast<unsigned char>(v[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(v[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(v.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(v[i]);
    }
  }
  // Only the base name, and never an empty one.
  if (auto slash = out.find_last_of("/\\"); slash != std::string::npos) out = out.substr(slash + 1);
  return out.empty() ? "upload" : out;
}

Result<importer::ImportOptions> Options(const RequestContext& ctx) {
  if (auto st = ctx.CheckQueryNames({"mode", "all_or_nothing", "sheet", "encoding"}); !st)
    return std::unexpected(st.error());
  importer::ImportOptions o;
  if (auto m = ctx.Query("mode")) {
    auto mode = importer::ParseImportMode(*m);
    if (!mode) return std::unexpected(mode.error());
    o.mode = *mode;
  }
  auto aon = ctx.QueryBool("all_or_nothing");
  if (!aon) return std::unexpected(aon.error());
  o.all_or_nothing = aon->value_or(false);
  if (auto s = ctx.Query("sheet")) o.sheet = *s;
  if (auto e = ctx.Query("encoding")) o.encoding = *e;
  o.preview_rows = 20;
  return o;
}

// An error report (xlsx) as bytes, through a temporary file (libxlsxwriter writes files).
Result<std::string> ErrorReportBytes(const importer::ImportResult& r) {
  char tmpl[] = "/tmp/anju-import-errors-XXXXXX";
  int fd = ::mkstemp(tmpl);
  if (fd < 0) return Internal("cannot create a temporary file for the error report");
  ::close(fd);
  std::string path = std::string(tmpl) + ".xlsx";
  ::unlink(tmpl);
  auto st = importer::WriteErrorReport(r, path, importer::SheetFormat::kXlsx);
  if (!st) {
    ::unlink(path.c_str());
    return std::unexpected(st.error());
  }
  std::ifstream in(path, std::ios::binary);  // file-open: our own temporary error report
  std::stringstream ss;
  ss << in.rdbuf();
  ::unlink(path.c_str());
  return ss.str();
}

RouteResult Run(RequestContext& ctx, bool commit) {
  if (ctx.req.body.empty())
    return std::unexpected(HttpError(
        InvalidArgument("the request body is empty: send the spreadsheet's bytes as the body", "body", "",
                        "请求内容为空：请上传表格文件")
            .error()));
  auto opt = Options(ctx);
  if (!opt) return std::unexpected(HttpError(opt.error()));
  std::string name = DecodeFileName(ctx.req.get_header_value("X-File-Name"));
  auto file = importer::InputFile::FromBytes(ctx.req.body, name);
  // An events roster (变动名册, a 变动类型 column) is recognised by its header and imported by
  // ImportEvents (always all or nothing); any other file is a persons roster.
  auto events = importer::IsEventsRoster(file, *opt);
  if (!events) return std::unexpected(HttpError(events.error()));
  storage::SqliteImportRepository repo(*ctx.services.db);
  storage::SqliteEventsRepository event_repo(*ctx.services.db, opt->today);
  importer::ImportOptions event_opt = *opt;
  event_opt.dry_run = !commit;
  Result<importer::ImportResult> r =
      *events  ? importer::ImportEvents({file}, event_opt, ctx.actor, event_repo)
      : commit ? importer::RunImport({file}, *opt, ctx.actor, repo)
               : importer::PreviewImport(file, *opt, ctx.actor, repo);
  if (!r) return std::unexpected(HttpError(r.error()));
  std::string id;
  if (!r->rejected.empty() || r->errors > 0) {
    auto bytes = ErrorReportBytes(*r);
    if (!bytes) return std::unexpected(HttpError(bytes.error()));
    id = Reports().Put(ctx.actor.user_id, ctx.actor.username, std::move(*bytes));
  }
  return Reply::Json(ImportJson(*r, id), commit && r->committed ? 201 : 200);
}

RouteResult Preview(RequestContext& ctx) { return Run(ctx, false); }
RouteResult Commit(RequestContext& ctx) { return Run(ctx, true); }

RouteResult ErrorsXlsx(RequestContext& ctx) {
  if (auto st = ctx.CheckQueryNames({}); !st) return std::unexpected(HttpError(st.error()));
  std::string id = ctx.params.count("id") ? ctx.params.at("id") : "";
  auto bytes = Reports().Get(id, ctx.actor.user_id, ctx.actor.username);
  if (!bytes)
    return std::unexpected(HttpError(
        NotFound(fmt::format("no error report {} (reports are kept 30 minutes, for the user who imported)", id),
                 "id", id, "错误报告不存在或已过期（保留30分钟）")
            .error()));
  Reply rep;
  rep.body = std::move(*bytes);
  rep.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  rep.headers.emplace_back("Content-Disposition", "attachment; filename=\"import-errors.xlsx\"");
  return rep;
}

}  // namespace

void AddRoutes(http::Router& r) {
  r.Add("POST", "/api/v1/imports/preview", Access::kSession, Preview);
  r.Add("POST", "/api/v1/imports", Access::kSession, Commit);
  r.Add("GET", "/api/v1/imports/{id}/errors.xlsx", Access::kSession, ErrorsXlsx);
}

}  // namespace anju::importer
