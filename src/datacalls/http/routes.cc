// Route handlers of data calls. See routes.h and docs/api.md.
#include "datacalls/http/routes.h"

#include <fmt/format.h>

#include <cctype>

#include "core/try.h"
#include "datacalls/storage/sqlite_datacalls_repository.h"
#include "http/all_faults.h"
#include "http/json_body.h"
#include "http/reply.h"
#include "http/route_context.h"
#include "importer/input.h"
#include "storage/sqlite.h"

namespace anju::datacalls {

using namespace anju::http;
using nlohmann::json;

namespace {

json OptDate(const std::optional<Date>& d) { return d ? json(FormatIsoDate(*d)) : json(nullptr); }

json CallJson(const Call& c) {
  return {{"id", c.id},
          {"title", c.title},
          {"instructions", c.instructions},
          {"due_on", FormatIsoDate(c.due_on)},
          {"columns", ColumnsToJson(c.columns)},
          {"created_at", c.created_at},
          {"closed_on", OptDate(c.closed_on)}};
}

json RecipientJson(const Recipient& r, Date today, bool closed) {
  const bool open = r.status == "pending" || r.status == "returned";
  return {{"id", r.id},
          {"level", r.level},
          {"township_code", r.township_code},
          {"site_id", OptInt(r.site_id)},
          {"name", r.name},
          {"status", r.status},
          {"submitted_at", OptText(r.submitted_at)},
          {"rows", r.rows},
          {"case_id", OptInt(r.case_id)},
          {"case_state", OptText(r.case_state)},
          {"holder_level", OptText(r.holder_level)},
          {"due_on", OptDate(r.due_on)},
          {"overdue", open && !closed && r.due_on && *r.due_on < today},
          {"escalation_level", r.escalation_level},
          {"return_note", OptText(r.return_note)}};
}

DataCallService Service(RequestContext& ctx) { return MakeDataCallService(*ctx.services.db); }

Result<int64_t> RecipientId(RequestContext& ctx) { return ctx.PathId("recipient_id"); }

RouteResult List(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  auto svc = Service(ctx);
  ANJU_TRY(list, svc.List(ctx.actor));
  json items = json::array();
  for (const auto& s : list) {
    json j = CallJson(s.call);
    j.erase("columns");
    j["recipients"] = s.recipients;
    j["submitted"] = s.submitted;
    j["accepted"] = s.accepted;
    j["overdue"] = s.overdue;
    items.push_back(std::move(j));
  }
  return Reply::Json(PageJson(std::move(items), ""));
}

// The list field `name` of JSON strings (want_int false) or integers: each element that is not
// one is a fault "name[i]"; absent or null = empty.
template <class T>
std::vector<T> ListOf(BodyReader& r, const json& body, const char* name, bool want_int) {
  std::vector<T> out;
  if (!r.Known(name) || body[name].is_null()) return out;
  const json& a = body[name];
  const char* en = want_int ? "a list of site ids (integers)" : "a list of township codes (text)";
  const char* zh = want_int ? "应为安置点编号（整数）的列表" : "应为乡镇代码（文本）的列表";
  if (!a.is_array()) {
    r.Fault(InvalidArgument(fmt::format("{} must be {}", name, en), name, a.dump().substr(0, 40), zh).error());
    return out;
  }
  for (size_t i = 0; i < a.size(); ++i) {
    const bool ok = want_int ? a[i].is_number_integer() : a[i].is_string();
    if (ok) out.push_back(a[i].get<T>());
    else
      r.Fault(InvalidArgument(fmt::format("{} must be {}", name, en), fmt::format("{}[{}]", name, i),
                              a[i].dump().substr(0, 40), zh)
                  .error());
  }
  return out;
}

// The columns of a new call as far as they parse: ColumnsFromJson's faults go to `r`; the
// columns it could not read (not an object, an unknown type) stay in the list as empty text
// columns, so the service checks the others at their own index.
std::vector<Column> ReadColumns(BodyReader& r, const json& body) {
  const json given = r.Known("columns") ? body["columns"] : json();
  auto columns = ColumnsFromJson(given);
  if (columns) return std::move(*columns);
  if (columns.error().details.empty()) r.Fault(columns.error());
  for (const Error& e : columns.error().details) r.Fault(e);
  if (!given.is_array()) return {};
  json readable = json::array();
  for (size_t i = 0; i < given.size(); ++i) {
    json o = given[i].is_object() ? given[i] : json::object();
    const json t = o.contains("type") ? o["type"] : json();
    if (!t.is_string() || !ParseColumnType(t.get<std::string>(), "type")) {
      o["type"] = "text";  // and its values, which only an enum column may have
      o.erase("values");
    }
    readable.push_back(std::move(o));
  }
  auto partial = ColumnsFromJson(readable);
  return partial ? std::move(*partial) : std::vector<Column>{};
}

RouteResult Create(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  NewCall c;
  c.title = r.String("title").value.value_or("");
  c.instructions = r.String("instructions").value.value_or("");
  c.due_on = r.String("due_on").value.value_or("");
  c.recipients = r.String("recipients").value.value_or("townships");
  c.township_codes = ListOf<std::string>(r, body, "township_codes", false);
  c.site_ids = ListOf<int64_t>(r, body, "site_ids", true);
  c.columns = ReadColumns(r, body);
  auto svc = Service(ctx);
  ANJU_TRY(id, WriteWithAllFaults(*ctx.services.db, r, [&] { return svc.Create(ctx.actor, c); }));
  ANJU_TRY(d, svc.Get(ctx.actor, id));
  json j = CallJson(d.call);
  json rs = json::array();
  for (const auto& rec : d.recipients) rs.push_back(RecipientJson(rec, TodayInChina(), false));
  j["recipients"] = std::move(rs);
  Reply rep = Reply::Json(j, 201);
  rep.headers.emplace_back("Location", fmt::format("/api/v1/data-calls/{}", id));
  return rep;
}

RouteResult Get(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  auto svc = Service(ctx);
  ANJU_TRY(d, svc.Get(ctx.actor, id));
  json j = CallJson(d.call);
  json rs = json::array();
  const Date today = TodayInChina();
  int64_t submitted = 0, overdue = 0;
  for (const auto& r : d.recipients) {
    json rj = RecipientJson(r, today, d.call.closed_on.has_value());
    rj["answers"] = AnswersFor(ctx.actor, r);
    if (r.status == "submitted" || r.status == "accepted") ++submitted;
    if (rj["overdue"].get<bool>()) ++overdue;
    rs.push_back(std::move(rj));
  }
  j["recipients"] = std::move(rs);
  j["completion"] = {{"submitted", submitted}, {"of", d.recipients.size()}, {"overdue", overdue}};
  j["may_manage"] = IsCountyClerk(ctx.actor);
  return Reply::Json(j);
}

json ReplyJson(const Answer& r) {
  return {{"call_id", r.call.id},
          {"recipient", RecipientJson(r.recipient, TodayInChina(), r.call.closed_on.has_value())},
          {"columns", ColumnsToJson(r.call.columns)},
          {"rows", r.rows},
          {"may_edit", r.may_edit}};
}

RouteResult GetReply(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  ANJU_TRY(rid, RecipientId(ctx));
  auto svc = Service(ctx);
  ANJU_TRY(r, svc.GetReply(ctx.actor, id, rid));
  return Reply::Json(ReplyJson(r));
}

RouteResult PutReply(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  ANJU_TRY(rid, RecipientId(ctx));
  ANJU_TRY(body, Body(ctx));
  auto svc = Service(ctx);
  ANJU_CHECK(svc.PutRows(ctx.actor, id, rid, body.contains("rows") ? body["rows"] : json()));
  ANJU_TRY(r, svc.GetReply(ctx.actor, id, rid));
  return Reply::Json(ReplyJson(r));
}

// X-File-Name is percent-encoded by the browser (encodeURIComponent).
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
  if (auto slash = out.find_last_of("/\\"); slash != std::string::npos) out = out.substr(slash + 1);
  return out.empty() ? "upload" : out;
}

RouteResult Upload(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  ANJU_TRY(rid, RecipientId(ctx));
  if (ctx.req.body.empty())
    return std::unexpected(HttpError(InvalidArgument("the request body is empty: send the spreadsheet's bytes as the body", "body", "",
                                                     "请求内容为空：请上传表格文件")
                                         .error()));
  auto file = importer::InputFile::FromBytes(ctx.req.body, DecodeFileName(ctx.req.get_header_value("X-File-Name")));
  auto svc = Service(ctx);
  ANJU_CHECK(svc.Upload(ctx.actor, id, rid, file));
  ANJU_TRY(r, svc.GetReply(ctx.actor, id, rid));
  return Reply::Json(ReplyJson(r));
}

RouteResult Submit(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  ANJU_TRY(rid, RecipientId(ctx));
  auto svc = Service(ctx);
  ANJU_CHECK(svc.Submit(ctx.actor, id, rid));
  ANJU_TRY(r, svc.GetReply(ctx.actor, id, rid));
  return Reply::Json(ReplyJson(r));
}

RouteResult Accept(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  ANJU_TRY(rid, RecipientId(ctx));
  auto svc = Service(ctx);
  ANJU_CHECK(svc.Accept(ctx.actor, id, rid));
  ANJU_TRY(r, svc.GetReply(ctx.actor, id, rid));
  return Reply::Json(ReplyJson(r));
}

RouteResult Return(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  ANJU_TRY(rid, RecipientId(ctx));
  ANJU_TRY(body, Body(ctx));
  auto svc = Service(ctx);
  ANJU_CHECK(svc.Return(ctx.actor, id, rid, body.contains("note") && body["note"].is_string() ? body["note"].get<std::string>() : ""));
  ANJU_TRY(r, svc.GetReply(ctx.actor, id, rid));
  return Reply::Json(ReplyJson(r));
}

RouteResult Close(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  auto svc = Service(ctx);
  ANJU_CHECK(svc.Close(ctx.actor, id));
  ANJU_TRY(d, svc.Get(ctx.actor, id));
  return Reply::Json(CallJson(d.call));
}

std::vector<RecipientLabel> Labels(const Merged& m) {
  std::vector<RecipientLabel> out;
  for (size_t i = 0; i < m.recipients.size(); ++i)
    out.push_back({m.recipients[i].name, m.recipients[i].status, m.recipients[i].submitted_at, static_cast<int64_t>(m.rows[i].size())});
  return out;
}

RouteResult MergedFile(RequestContext& ctx, bool xlsx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  auto svc = Service(ctx);
  ANJU_TRY(m, svc.MergedTable(ctx.actor, id));
  const auto labels = Labels(m);
  ANJU_TRY(bytes, WriteToBytes(xlsx ? ".xlsx" : ".csv", [&](const std::string& path) {
             return xlsx ? WriteMergedXlsx(path, m.call.columns, labels, m.rows) : WriteMergedCsv(path, m.call.columns, labels, m.rows);
           }));
  if (xlsx) return Xlsx(std::move(bytes), fmt::format("data-call-{}.xlsx", id));
  Reply rep;
  rep.body = std::move(bytes);
  rep.content_type = "text/csv; charset=utf-8";
  rep.headers.emplace_back("Content-Disposition", fmt::format("attachment; filename=\"data-call-{}.csv\"", id));
  return rep;
}

RouteResult MergedXlsx(RequestContext& ctx) { return MergedFile(ctx, true); }
RouteResult MergedCsv(RequestContext& ctx) { return MergedFile(ctx, false); }

RouteResult TemplateXlsx(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  ANJU_TRY(rid, RecipientId(ctx));
  auto svc = Service(ctx);
  ANJU_TRY(r, svc.GetReply(ctx.actor, id, rid));
  ANJU_TRY(bytes, WriteToBytes(".xlsx", [&](const std::string& path) { return WriteTemplateXlsx(path, r.call.columns, r.rows); }));
  return Xlsx(std::move(bytes), fmt::format("data-call-{}-{}.xlsx", id, rid));
}

}  // namespace

void AddRoutes(http::Router& r) {
  const Access ses = Access::kSession;
  r.Add("GET", "/api/v1/data-calls", ses, List);
  r.Add("POST", "/api/v1/data-calls", ses, Create);
  r.Add("GET", "/api/v1/data-calls/{id}", ses, Get);
  r.Add("POST", "/api/v1/data-calls/{id}/close", ses, Close);
  r.Add("GET", "/api/v1/data-calls/{id}/merged.xlsx", ses, MergedXlsx);
  r.Add("GET", "/api/v1/data-calls/{id}/merged.csv", ses, MergedCsv);
  r.Add("GET", "/api/v1/data-calls/{id}/replies/{recipient_id}", ses, GetReply);
  r.Add("PUT", "/api/v1/data-calls/{id}/replies/{recipient_id}", ses, PutReply);
  r.Add("GET", "/api/v1/data-calls/{id}/replies/{recipient_id}/template.xlsx", ses, TemplateXlsx);
  r.Add("POST", "/api/v1/data-calls/{id}/replies/{recipient_id}/upload", ses, Upload);
  r.Add("POST", "/api/v1/data-calls/{id}/replies/{recipient_id}/submit", ses, Submit);
  r.Add("POST", "/api/v1/data-calls/{id}/replies/{recipient_id}/accept", ses, Accept);
  r.Add("POST", "/api/v1/data-calls/{id}/replies/{recipient_id}/return", ses, Return);
}

}  // namespace anju::datacalls
