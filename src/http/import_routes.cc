// Handlers of the web import; see import_routes.h and docs/api.md.
#include "http/import_routes.h"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <sstream>

#include "core/resident_id.h"
#include "http/envelope.h"
#include "http/route_context.h"
#include "importer/export.h"
#include "importer/fix_zh.h"
#include "importer/importer.h"
#include "storage/sqlite_import_repository.h"

namespace anju::http {

using nlohmann::json;

namespace {

// Faults sent in one answer; the error report has them all.
constexpr size_t kMaxFaultsInJson = 500;

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

// The Chinese of SheetReport::skipped_reason (importer.cc); "" for a reason not listed here
// (the page then shows the English).
std::string SkippedReasonZh(std::string_view reason) {
  static constexpr std::pair<std::string_view, std::string_view> kReasons[] = {
      {"not selected (--sheet)", "未选中（--sheet）"},
      {"the list of faults of an anju error report", "anju 错误报告中的问题明细表"},
      {"hidden sheet", "隐藏的工作表"},
      {"no header row", "没有表头行"},
      {"empty sheet", "空工作表"},
  };
  for (const auto& [en, zh] : kReasons)
    if (en == reason) return std::string(zh);
  return "";
}

// Faults and preview rows show ids and phones masked for every role (a list on screen; the
// clerk has the file, and the error report download carries the rows whole so they can be
// fixed and sent back).
json ImportJson(const importer::ImportResult& r, const std::string& report_id) {
  json sheets = json::array();
  for (const auto& s : r.sheets) {
    json cols = json::array();
    json j = {{"file", s.file},           {"name", s.name},
              {"hidden", s.hidden},       {"imported", s.imported},
              {"skipped_reason", s.skipped_reason},
              {"skipped_reason_zh", SkippedReasonZh(s.skipped_reason)},
              {"data_rows", s.data_rows}, {"blank_rows", s.blank_rows},
              {"footer_rows", s.footer_rows}};
    if (s.header) {
      for (const auto& c : s.header->columns)
        cols.push_back({{"column", importer::ColumnLetter(c.col)},
                        {"header", c.header},
                        {"field", c.field == importer::Field::kIgnored ? "" : std::string(importer::FieldName(c.field))}});
      j["header_first_row"] = s.header->first_row;
      j["header_last_row"] = s.header->last_row;
      j["unknown_columns"] = s.header->unknown;
    }
    j["columns"] = std::move(cols);
    sheets.push_back(std::move(j));
  }
  json preview = json::array();
  for (const auto& row : r.preview) {
    json o = json::object();
    for (const auto& [k, v] : row) o[k] = v;
    preview.push_back(std::move(o));
  }
  json faults = json::array();
  for (size_t i = 0; i < r.faults.size() && i < kMaxFaultsInJson; ++i) {
    const auto& f = r.faults[i];
    std::string raw = f.raw;
    if (f.field == "resident_id") raw = MaskResidentId(raw);
    if (f.field == "phone") raw = MaskPhone(raw);
    faults.push_back({{"error", f.error},   {"file", f.file},     {"sheet", f.sheet},   {"row", f.row},
                      {"column", f.column}, {"header", f.header}, {"field", f.field},   {"raw", raw},
                      {"kind", f.kind},     {"reason", f.reason}, {"reason_zh", f.reason_zh}, {"fix", f.fix},
                      {"fix_zh", importer::FixZh(f)}});
  }
  json j = {
      {"file", r.files.empty() ? "" : r.files[0]},
      {"format", r.formats.empty() ? "" : r.formats[0]},
      {"encoding", r.encodings.empty() ? "" : r.encodings[0]},
      {"sheets", std::move(sheets)},
      {"preview", std::move(preview)},
      {"faults", std::move(faults)},
      {"faults_total", static_cast<int64_t>(r.faults.size()) + r.faults_dropped},
      {"committed", r.committed},
      {"counts",
       {{"rows_read", r.rows_read},
        {"rows_valid", r.rows_valid},
        {"rows_rejected", r.rows_rejected},
        {"errors", r.errors},
        {"warnings", r.warnings},
        {"persons_created", r.persons_created},
        {"persons_updated", r.persons_updated},
        {"persons_unchanged", r.persons_unchanged},
        {"households_created", r.households_created},
        {"households_updated", r.households_updated},
        {"households_unchanged", r.households_unchanged}}},
  };
  j["id"] = report_id.empty() ? json(nullptr) : json(report_id);
  j["errors_report"] = report_id.empty() ? json(nullptr) : json(fmt::format("/api/v1/imports/{}/errors.xlsx", report_id));
  return j;
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
  storage::SqliteImportRepository repo(*ctx.services.db);
  Result<importer::ImportResult> r =
      commit ? importer::RunImport({file}, *opt, ctx.actor, repo) : importer::PreviewImport(file, *opt, ctx.actor, repo);
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

void AddImportRoutes(Router& r) {
  r.Add("POST", "/api/v1/imports/preview", Access::kSession, Preview);
  r.Add("POST", "/api/v1/imports", Access::kSession, Commit);
  r.Add("GET", "/api/v1/imports/{id}/errors.xlsx", Access::kSession, ErrorsXlsx);
}

}  // namespace anju::http
