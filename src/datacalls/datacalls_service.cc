// The data-call service. See datacalls_service.h.
#include "datacalls/datacalls_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "core/try.h"
#include "importer/input.h"

namespace anju::datacalls {

using nlohmann::json;

bool IsCountyClerk(const Actor& actor) {
  return actor.scope.level == AccessScope::Level::kCounty &&
         (actor.role == Role::kCountyAdmin || actor.role == Role::kCountyStaff || actor.role == Role::kSystem);
}

bool SeesRecipient(const Actor& actor, const Recipient& r) {
  switch (actor.scope.level) {
    case AccessScope::Level::kCounty: return true;
    case AccessScope::Level::kTownship: return !actor.scope.township_code.empty() && r.township_code == actor.scope.township_code;
    case AccessScope::Level::kSite: return r.level == "site" && r.site_id && *r.site_id == actor.scope.site_id;
    case AccessScope::Level::kGrid:
    case AccessScope::Level::kAssigned: return false;  // answers are a township's or a site's
  }
  return false;
}

bool AnswersFor(const Actor& actor, const Recipient& r) {
  if (!actor.CanWrite()) return false;
  if (actor.scope.level == AccessScope::Level::kTownship)
    return r.level == "township" && !actor.scope.township_code.empty() && r.township_code == actor.scope.township_code;
  if (actor.scope.level == AccessScope::Level::kSite) return r.level == "site" && r.site_id && *r.site_id == actor.scope.site_id;
  return false;
}

namespace {

std::unexpected<Error> NotCountyClerk(std::string_view what_en, std::string_view what_zh) {
  return PermissionDenied(fmt::format("only county staff may {}", what_en), fmt::format("只有县级工作人员可以{}", what_zh));
}

std::unexpected<Error> CallClosed(const Call& c) {
  return Conflict(fmt::format("data call {} was closed on {}; nothing more can be changed", c.id, FormatIsoDate(*c.closed_on)),
                  "closed_on", FormatIsoDate(*c.closed_on), fmt::format("该数据调度已于 {} 关闭，不能再修改", FormatIsoDate(*c.closed_on)));
}

std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  return std::string(s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1));
}

size_t CodePoints(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

Error FaultOf(std::string field, std::string value, std::string en, std::string zh) {
  Error e;
  e.code = ErrorCode::kInvalidArgument;
  e.field = std::move(field);
  e.value = std::move(value);
  e.message = std::move(en);
  e.message_zh = std::move(zh);
  return e;
}

// The actor the case engine sees for a data_call_reply transition: the user (name and id kept
// for the case's history and audit entry) with the system role, because the type's transitions
// are Who::kSystem — the service has checked who may take them (datacalls.cc).
Actor ModuleActor(const Actor& a) {
  Actor m = a;
  m.role = Role::kSystem;
  return m;
}

std::string StatusZh(std::string_view s) {
  if (s == "pending") return "待填报";
  if (s == "submitted") return "已提交";
  if (s == "returned") return "已退回";
  if (s == "accepted") return "已采纳";
  return std::string(s);
}

}  // namespace

DataCallService::DataCallService(std::unique_ptr<DataCallRepository> repo, Date today) : repo_(std::move(repo)), today_(today) {}

Result<int64_t> DataCallService::Create(const Actor& actor, const NewCall& in) {
  if (!IsCountyClerk(actor)) return NotCountyClerk("send data calls", "发起数据调度");
  std::vector<Error> faults;
  Call c;
  c.title = Trim(in.title);
  c.instructions = Trim(in.instructions);
  c.columns = in.columns;
  if (c.title.empty() || CodePoints(c.title) > 100)
    faults.push_back(FaultOf("title", in.title, "the title is required (at most 100 characters), e.g. 2026年一季度就业情况",
                             "标题必填（最多 100 个字），如“2026年一季度就业情况”"));
  if (CodePoints(c.instructions) > 4000)
    faults.push_back(FaultOf("instructions", c.instructions.substr(0, 40), "the instructions have more than 4000 characters; shorten them",
                             "填报说明超过 4000 个字，请缩短"));
  if (auto d = ParseIsoDate(in.due_on, "due_on"); !d) {
    faults.push_back(FaultOf("due_on", in.due_on, fmt::format("'{}' is not a due date; write it as 2026-05-31", in.due_on),
                             fmt::format("“{}”不是截止日期，请按 2026-05-31 的格式填写", in.due_on)));
  } else if (*d < today_) {
    faults.push_back(FaultOf("due_on", in.due_on, fmt::format("the due date {} lies before today ({}); choose today or a later day", in.due_on, FormatIsoDate(today_)),
                             fmt::format("截止日期 {} 早于今天（{}），请选今天或以后的日期", in.due_on, FormatIsoDate(today_))));
  } else {
    c.due_on = *d;
  }
  if (auto s = ValidateColumns(c.columns); !s) {
    if (s.error().details.empty()) faults.push_back(s.error());
    for (auto& e : s.error().details) faults.push_back(e);
  }
  // Recipients.
  ANJU_TRY(townships, repo_->Townships());
  std::vector<Addressee> to;
  if (in.recipients == "townships") {
    to = townships;
  } else if (in.recipients == "chosen") {
    std::set<std::string> seen;
    for (size_t i = 0; i < in.township_codes.size(); ++i) {
      const std::string& code = in.township_codes[i];
      auto it = std::find_if(townships.begin(), townships.end(), [&](const Addressee& a) { return a.township_code == code; });
      if (it == townships.end())
        faults.push_back(FaultOf(fmt::format("township_codes[{}]", i), code, fmt::format("'{}' is not a township of the county; choose one from the list", code),
                                 fmt::format("“{}”不是本县的乡镇，请从列表中选择", code)));
      else if (seen.insert(code).second)
        to.push_back(*it);
    }
    std::set<int64_t> seen_sites;
    for (size_t i = 0; i < in.site_ids.size(); ++i) {
      ANJU_TRY(site, repo_->Site(in.site_ids[i]));
      if (!site)
        faults.push_back(FaultOf(fmt::format("site_ids[{}]", i), std::to_string(in.site_ids[i]),
                                 fmt::format("there is no site {}; choose one from the list", in.site_ids[i]),
                                 fmt::format("没有编号为 {} 的安置点，请从列表中选择", in.site_ids[i])));
      else if (seen_sites.insert(in.site_ids[i]).second)
        to.push_back(*site);
    }
  } else {
    faults.push_back(FaultOf("recipients", in.recipients, fmt::format("recipients '{}' is not townships or chosen", in.recipients),
                             fmt::format("接收单位“{}”无效：应为 townships（全部乡镇）或 chosen（指定乡镇、安置点）", in.recipients)));
  }
  if (to.empty() && faults.empty())
    faults.push_back(FaultOf("recipients", "", "choose at least one township or site to send the call to",
                             "请至少选择一个乡镇或安置点作为接收单位"));
  if (!faults.empty()) return AllFaults(std::move(faults));

  c.created_by = actor.user_id;
  int64_t id = 0;
  auto written = repo_->Atomically([&]() -> Status {
    ANJU_TRY(call_id, repo_->InsertCall(c));
    id = call_id;
    json names = json::array();
    for (const Addressee& a : to) {
      ANJU_TRY(rid, repo_->InsertRecipient(call_id, a));
      Recipient r;
      r.level = a.site_id ? "site" : "township";
      r.township_code = a.township_code;
      r.site_id = a.site_id;
      casework::OpenCase o;
      o.kind = std::string(kReplyKind);
      o.subject_entity = "data_call_recipient";
      o.subject_id = rid;
      o.place = r.place();
      o.title = fmt::format("{}（{}）", c.title, a.name);
      o.details = json{{"call_id", call_id}, {"recipient_id", rid}}.dump();
      o.due_on = c.due_on;
      o.notify_holders = false;  // the call's own notice below is the one (one notice per event)
      ANJU_TRY(opened, repo_->Cases().Open(actor, o));
      ANJU_CHECK(repo_->SetRecipientCase(rid, opened.id));
      ANJU_CHECK(repo_->NotifyScope(a.site_id ? AccessScope::Level::kSite : AccessScope::Level::kTownship, r.place(),
                                    casework::NewNotification{std::string(casework::kNoticeDataCallReceived), c.title,
                                                              fmt::format("截止日期 {}", FormatIsoDate(c.due_on)), "data_call", call_id}));
      names.push_back(a.name);
    }
    json changes = {{"title", {nullptr, c.title}},
                    {"due_on", {nullptr, FormatIsoDate(c.due_on)}},
                    {"columns", {nullptr, ColumnsToJson(c.columns)}},
                    {"recipients", {nullptr, names}}};
    return repo_->Audit(actor, {"create", "data_call", std::to_string(call_id), changes.dump(), "api"});
  });
  if (!written) return std::unexpected(written.error());
  return id;
}

Result<Call> DataCallService::VisibleCall(const Actor& actor, int64_t call_id) {
  ANJU_TRY(call, repo_->FindCall(call_id));
  auto missing = [&] {
    return NotFound(fmt::format("there is no data call {} in your scope", call_id), "id", std::to_string(call_id),
                    fmt::format("您的管辖范围内没有编号为 {} 的数据调度", call_id));
  };
  if (!call) return missing();
  if (actor.scope.level == AccessScope::Level::kCounty) return *call;
  ANJU_TRY(recipients, repo_->Recipients(call_id, today_));
  if (std::none_of(recipients.begin(), recipients.end(), [&](const Recipient& r) { return SeesRecipient(actor, r); })) return missing();
  return *call;
}

Result<Recipient> DataCallService::VisibleRecipient(const Actor& actor, const Call& call, int64_t recipient_id) {
  ANJU_TRY(recipients, repo_->Recipients(call.id, today_));
  for (auto& r : recipients)
    if (r.id == recipient_id && SeesRecipient(actor, r)) return r;
  return NotFound(fmt::format("data call {} has no recipient {} in your scope", call.id, recipient_id), "recipient_id",
                  std::to_string(recipient_id), fmt::format("数据调度 {} 在您的管辖范围内没有接收单位 {}", call.id, recipient_id));
}

Result<Recipient> DataCallService::AnsweringRecipient(const Actor& actor, int64_t call_id, int64_t recipient_id, Call* call_out) {
  ANJU_TRY(call, VisibleCall(actor, call_id));
  ANJU_TRY(r, VisibleRecipient(actor, call, recipient_id));
  if (!AnswersFor(actor, r))
    return PermissionDenied(fmt::format("only {}'s own {} users answer for it", r.name, r.level == "site" ? "site manager" : "township staff"),
                            fmt::format("只能由{}本级的工作人员填报", r.name));
  if (call.closed_on) return CallClosed(call);
  if (r.status != "pending" && r.status != "returned")
    return Conflict(fmt::format("the answer of {} is {}; it can be changed only while pending or returned", r.name, r.status), "status",
                    r.status, fmt::format("{}的填报状态为“{}”，只有待填报或已退回时才能修改", r.name, StatusZh(r.status)));
  *call_out = std::move(call);
  return r;
}

Result<std::vector<CallSummary>> DataCallService::List(const Actor& actor) {
  ANJU_TRY(calls, repo_->Calls());
  std::vector<CallSummary> out;
  for (auto& c : calls) {
    ANJU_TRY(recipients, repo_->Recipients(c.id, today_));
    CallSummary s;
    for (const auto& r : recipients) {
      if (!SeesRecipient(actor, r)) continue;
      ++s.recipients;
      if (r.status == "submitted" || r.status == "accepted") ++s.submitted;
      if (r.status == "accepted") ++s.accepted;
      if ((r.status == "pending" || r.status == "returned") && !c.closed_on && r.due_on && *r.due_on < today_) ++s.overdue;
    }
    if (s.recipients == 0 && actor.scope.level != AccessScope::Level::kCounty) continue;
    s.call = std::move(c);
    out.push_back(std::move(s));
  }
  return out;
}

Result<CallDetail> DataCallService::Get(const Actor& actor, int64_t call_id) {
  ANJU_TRY(call, VisibleCall(actor, call_id));
  ANJU_TRY(recipients, repo_->Recipients(call_id, today_));
  CallDetail d;
  d.call = std::move(call);
  for (auto& r : recipients)
    if (SeesRecipient(actor, r)) d.recipients.push_back(std::move(r));
  return d;
}

Result<Answer> DataCallService::GetReply(const Actor& actor, int64_t call_id, int64_t recipient_id) {
  ANJU_TRY(call, VisibleCall(actor, call_id));
  ANJU_TRY(r, VisibleRecipient(actor, call, recipient_id));
  ANJU_TRY(rows, repo_->Rows(r.id));
  Answer out;
  out.may_edit = AnswersFor(actor, r) && !call.closed_on && (r.status == "pending" || r.status == "returned");
  out.call = std::move(call);
  out.recipient = std::move(r);
  out.rows = std::move(rows);
  return out;
}

Status DataCallService::Store(const Actor& actor, const Recipient& r, const std::vector<Row>& rows, std::string source) {
  return repo_->Atomically([&]() -> Status {
    ANJU_TRY(before, repo_->Rows(r.id));
    ANJU_CHECK(repo_->ReplaceRows(r.id, rows, actor.user_id));
    json changes = {{"rows", {before, rows}}};
    return repo_->Audit(actor, {"update", "data_call_recipient", std::to_string(r.id), changes.dump(), std::move(source)});
  });
}

Result<std::vector<Row>> DataCallService::PutRows(const Actor& actor, int64_t call_id, int64_t recipient_id, const json& rows) {
  Call call;
  ANJU_TRY(r, AnsweringRecipient(actor, call_id, recipient_id, &call));
  ANJU_TRY(clean, ValidateRows(call.columns, rows));
  ANJU_CHECK(Store(actor, r, clean, "api"));
  return clean;
}

Result<std::vector<Row>> DataCallService::Upload(const Actor& actor, int64_t call_id, int64_t recipient_id,
                                                 std::shared_ptr<importer::InputFile> file) {
  Call call;
  ANJU_TRY(r, AnsweringRecipient(actor, call_id, recipient_id, &call));
  const std::string name = file->name();
  ANJU_TRY(clean, ReadUpload(call.columns, std::move(file)));
  ANJU_CHECK(Store(actor, r, clean, "upload " + name));
  return clean;
}

Status DataCallService::Submit(const Actor& actor, int64_t call_id, int64_t recipient_id) {
  Call call;
  ANJU_TRY(r, AnsweringRecipient(actor, call_id, recipient_id, &call));
  ANJU_TRY(rows, repo_->Rows(r.id));
  if (rows.empty())
    return InvalidArgument(fmt::format("the answer of {} has no rows; fill in or upload the rows first", r.name), "rows", "0",
                           fmt::format("{}的填报没有数据行，请先填写或上传", r.name));
  return repo_->Atomically([&]() -> Status {
    if (r.case_id) {
      ANJU_TRY(moved, repo_->Cases().Transition(ModuleActor(actor), {*r.case_id, r.status == "returned" ? "resubmit" : "submit", "", std::nullopt, std::nullopt}));
      (void)moved;
    }
    ANJU_CHECK(repo_->SetStatus(r.id, "submitted", actor.user_id));
    json changes = {{"status", {r.status, "submitted"}}, {"rows", rows.size()}};
    return repo_->Audit(actor, {"update", "data_call_recipient", std::to_string(r.id), changes.dump(), "submit"});
  });
}

Status DataCallService::Decide(const Actor& actor, int64_t call_id, int64_t recipient_id, std::string_view transition,
                               const std::string& note) {
  const bool accept = transition == "accept";
  if (!IsCountyClerk(actor)) return NotCountyClerk(accept ? "accept answers" : "return answers", accept ? "采纳填报" : "退回填报");
  ANJU_TRY(call, VisibleCall(actor, call_id));
  ANJU_TRY(r, VisibleRecipient(actor, call, recipient_id));
  if (call.closed_on) return CallClosed(call);
  if (!accept && Trim(note).empty())
    return InvalidArgument("returning an answer needs a note saying what to correct", "note", "",
                           "退回填报须填写退回原因（需要更正的内容）");
  if (r.status != "submitted")
    return Conflict(fmt::format("the answer of {} is {}; only a submitted answer can be {}", r.name, r.status, accept ? "accepted" : "returned"),
                    "status", r.status, fmt::format("{}的填报状态为“{}”，只有已提交的填报才能{}", r.name, StatusZh(r.status), accept ? "采纳" : "退回"));
  const std::string to = accept ? "accepted" : "returned";
  return repo_->Atomically([&]() -> Status {
    if (r.case_id) {
      ANJU_TRY(moved, repo_->Cases().Transition(ModuleActor(actor), {*r.case_id, std::string(transition), Trim(note), std::nullopt, std::nullopt}));
      (void)moved;
    }
    ANJU_CHECK(repo_->SetStatus(r.id, to, std::nullopt));
    json changes = {{"status", {r.status, to}}};
    if (!accept) changes["note"] = {nullptr, Trim(note)};
    return repo_->Audit(actor, {"update", "data_call_recipient", std::to_string(r.id), changes.dump(), std::string(transition)});
  });
}

Status DataCallService::Accept(const Actor& actor, int64_t call_id, int64_t recipient_id) {
  return Decide(actor, call_id, recipient_id, "accept", "");
}

Status DataCallService::Return(const Actor& actor, int64_t call_id, int64_t recipient_id, const std::string& note) {
  return Decide(actor, call_id, recipient_id, "return", note);
}

Status DataCallService::Close(const Actor& actor, int64_t call_id) {
  if (!IsCountyClerk(actor)) return NotCountyClerk("close data calls", "关闭数据调度");
  ANJU_TRY(call, VisibleCall(actor, call_id));
  if (call.closed_on) return CallClosed(call);
  ANJU_TRY(recipients, repo_->Recipients(call_id, today_));
  return repo_->Atomically([&]() -> Status {
    // The open answers' cases end with the call (they must not escalate any more).
    for (const auto& r : recipients) {
      if (!r.case_id || r.status == "accepted") continue;
      ANJU_TRY(moved, repo_->Cases().Transition(ModuleActor(actor), {*r.case_id, "close_" + r.status, "", std::nullopt, std::nullopt}));
      (void)moved;
    }
    ANJU_CHECK(repo_->CloseCall(call_id, today_, actor.user_id));
    json changes = {{"closed_on", {nullptr, FormatIsoDate(today_)}}};
    return repo_->Audit(actor, {"update", "data_call", std::to_string(call_id), changes.dump(), "close"});
  });
}

Result<Merged> DataCallService::MergedTable(const Actor& actor, int64_t call_id) {
  if (actor.scope.level != AccessScope::Level::kCounty)
    return PermissionDenied("the merged table is for county users", "汇总表仅供县级用户下载");
  ANJU_TRY(call, VisibleCall(actor, call_id));
  ANJU_TRY(recipients, repo_->Recipients(call_id, today_));
  Merged m;
  // Only submitted and accepted answers are merged (a draft is not an answer yet).
  for (auto& r : recipients) {
    std::vector<Row> rows;
    if (r.status == "submitted" || r.status == "accepted") {
      ANJU_TRY(stored, repo_->Rows(r.id));
      rows = std::move(stored);
    }
    m.rows.push_back(std::move(rows));
  }
  m.call = std::move(call);
  m.recipients = std::move(recipients);
  return m;
}

}  // namespace anju::datacalls
