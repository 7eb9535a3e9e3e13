#include "industry/storage/sqlite_posts.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "casework/storage/sqlite_casework.h"
#include "core/try.h"
#include "storage/audit_log.h"
#include "storage/scope_sql.h"

namespace anju::industry {

using storage::AppendAudit;
using anju::AuditEntry;
using storage::Connection;
using storage::Statement;
using storage::WriteScope;

namespace {

Status MayManage(const Actor& a) {
  if (a.CanManageIndustry()) return {};
  return PermissionDenied("keeping welfare posts needs the industry.manage capability (county roles, township staff, site managers)",
                          "管理公益岗需要产业管理权限（县级、乡镇、安置点管理员）");
}

Result<std::optional<Date>> OptDate(Statement& st, int col, std::string_view field) {
  if (st.ColumnIsNull(col)) return std::optional<Date>{};
  ANJU_TRY(d, ParseIsoDate(st.ColumnText(col), field));
  return std::optional<Date>{d};
}

// The Place of person `id` (their household's), nullopt when no such person.
Result<std::optional<Place>> PersonPlace(Connection& db, int64_t id) {
  ANJU_TRY(st, db.Prepare(
      "SELECT h.id, o.township_code, h.site_id, s.township_code, h.grid_id FROM persons p "
      "JOIN households h ON h.id = p.household_id JOIN origin_villages o ON o.id = h.origin_village_id "
      "JOIN sites s ON s.id = h.site_id WHERE p.id = ?1"));
  st.Bind(1, id);
  ANJU_TRY(row, st.Step());
  if (!row) return std::optional<Place>{};
  Place p;
  p.household_id = st.ColumnInt(0);
  p.origin_township_code = st.ColumnText(1);
  p.site_id = st.ColumnInt(2);
  p.site_township_code = st.ColumnText(3);
  p.grid_id = st.ColumnIsNull(4) ? 0 : st.ColumnInt(4);
  return std::optional<Place>{p};
}

// A site's Place (the site itself), nullopt when no such site.
Result<std::optional<Place>> SitePlace(Connection& db, int64_t id) {
  ANJU_TRY(st, db.Prepare("SELECT township_code FROM sites WHERE id = ?1"));
  st.Bind(1, id);
  ANJU_TRY(row, st.Step());
  if (!row) return std::optional<Place>{};
  return std::optional<Place>{Place{"", id, st.ColumnText(0), 0, 0}};
}

std::unexpected<Error> NoHolding(int64_t id) {
  return NotFound(fmt::format("no welfare-post holding {}", id), "id", std::to_string(id),
                  fmt::format("没有编号为 {} 的公益岗记录", id));
}

constexpr std::string_view kHoldingColumns =
    "ph.id, ph.person_id, p.name, h.id, h.household_no, h.category, ph.kind_id, k.name, ph.site_id, s.name, "
    "ph.contract_from, ph.contract_until, ph.publicity_from, ph.publicity_until, ph.monthly_subsidy_fen, "
    "ph.ended_on, ph.end_reason, ph.note, ph.recorded_by, ph.recorded_at, "
    "(SELECT j.id FROM jobs j WHERE j.post_holding_id = ph.id ORDER BY j.id LIMIT 1), ph.version ";
constexpr std::string_view kHoldingFrom =
    "FROM post_holdings ph JOIN persons p ON p.id = ph.person_id JOIN households h ON h.id = p.household_id "
    "JOIN origin_villages o ON o.id = h.origin_village_id JOIN post_kinds k ON k.id = ph.kind_id "
    "JOIN sites s ON s.id = ph.site_id ";

Result<PostHolding> ReadHolding(Statement& st) {
  PostHolding x;
  x.id = st.ColumnInt(0);
  x.person_id = st.ColumnInt(1);
  x.person_name = st.ColumnText(2);
  x.household_id = st.ColumnInt(3);
  x.household_no = st.ColumnText(4);
  x.category = st.ColumnText(5);
  x.kind_id = st.ColumnInt(6);
  x.kind_name = st.ColumnText(7);
  x.site_id = st.ColumnInt(8);
  x.site_name = st.ColumnText(9);
  ANJU_TRY(cf, ParseIsoDate(st.ColumnText(10), "contract_from"));
  ANJU_TRY(cu, ParseIsoDate(st.ColumnText(11), "contract_until"));
  ANJU_TRY(pf, ParseIsoDate(st.ColumnText(12), "publicity_from"));
  ANJU_TRY(pu, ParseIsoDate(st.ColumnText(13), "publicity_until"));
  x.contract_from = cf, x.contract_until = cu, x.publicity_from = pf, x.publicity_until = pu;
  x.monthly_subsidy_fen = st.ColumnInt(14);
  ANJU_TRY(ended, OptDate(st, 15, "ended_on"));
  x.ended_on = ended;
  x.end_reason = st.ColumnText(16);
  x.note = st.ColumnText(17);
  x.recorded_by = st.ColumnText(18);
  x.recorded_at = st.ColumnText(19);
  x.job_id = st.ColumnOptionalInt(20);
  x.version = st.ColumnInt(21);
  return x;
}

// The end of a holding's period: ended_on, else contract_until.
Date PeriodEnd(const PostHolding& x) { return x.ended_on ? *x.ended_on : x.contract_until; }

}  // namespace

Result<PostRules> SqlitePosts::Rules() {
  ANJU_TRY(settings, casework::LoadSettings(db_));
  return PostRulesFrom(settings);
}

// ---- kinds ----

Result<std::vector<PostKind>> SqlitePosts::Kinds() {
  ANJU_TRY(st, db_.Prepare("SELECT id, name, level, funding, monthly_subsidy_fen, note, version FROM post_kinds ORDER BY id"));
  std::vector<PostKind> out;
  while (true) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    PostKind k;
    k.id = st.ColumnInt(0);
    k.name = st.ColumnText(1);
    ANJU_TRY(level, ParsePostLevel(st.ColumnText(2)));
    k.level = level;
    k.funding = st.ColumnText(3);
    k.monthly_subsidy_fen = st.ColumnInt(4);
    k.note = st.ColumnText(5);
    k.version = st.ColumnInt(6);
    out.push_back(std::move(k));
  }
  return out;
}

Result<PostKind> SqlitePosts::CreateKind(const Actor& actor, const NewPostKind& in) {
  ANJU_CHECK(MayManage(actor));
  if (actor.scope.level != AccessScope::Level::kCounty)
    return PermissionDenied("the post kinds catalogue is kept by the county", "公益岗岗位类型由县级维护");
  std::vector<Error> faults;  // every fault at once
  if (in.name.empty())
    faults.push_back(InvalidArgument("name is required: give the post kind's name", "name", "",
                                     "岗位类型名称（name）不能为空：请填写名称").error());
  if (in.monthly_subsidy_fen < 0)
    faults.push_back(InvalidArgument("monthly_subsidy_fen must be 0 or more (fen)", "monthly_subsidy_fen",
                                     std::to_string(in.monthly_subsidy_fen), "月补贴（分）不能为负数：请填写0或更多")
                         .error());
  if (!faults.empty()) return AllFaults(std::move(faults));
  ANJU_TRY(scope, WriteScope::Begin(db_, "post_kind"));
  ANJU_TRY(dup, db_.Prepare("SELECT id FROM post_kinds WHERE name = ?1"));
  dup.Bind(1, in.name);
  ANJU_TRY(taken, dup.Step());
  if (taken)
    return Conflict(fmt::format("a post kind named '{}' exists (id {})", in.name, dup.ColumnInt(0)), "name", in.name,
                    fmt::format("岗位类型“{}”已存在", in.name));
  dup.Reset();
  ANJU_TRY(ins, db_.Prepare(
      "INSERT INTO post_kinds (name, level, funding, monthly_subsidy_fen, note) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id"));
  ins.Bind(1, in.name).Bind(2, PostLevelName(in.level)).Bind(3, in.funding).Bind(4, in.monthly_subsidy_fen).Bind(5, in.note);
  ANJU_TRY(id, ins.RunReturningId());
  nlohmann::json changes = {{"name", {nullptr, in.name}},
                            {"level", {nullptr, PostLevelName(in.level)}},
                            {"funding", {nullptr, in.funding}},
                            {"monthly_subsidy_fen", {nullptr, in.monthly_subsidy_fen}}};
  ANJU_CHECK(AppendAudit(db_, actor, AuditEntry{.action = "create", .entity = "post_kind", .entity_id = std::to_string(id),
                                                .changes = changes.dump(), .source = ""}));
  ANJU_CHECK(scope.Commit());
  return PostKind{id, in.name, in.level, in.funding, in.monthly_subsidy_fen, in.note, 1};
}

// ---- quotas ----

Result<std::vector<PostQuota>> SqlitePosts::Quotas(const Actor& actor, std::optional<int64_t> site_id, Date on) {
  storage::ScopeClause sc = storage::SiteScopeSql(actor.scope);
  std::string sql = fmt::format(
      "SELECT q.id, q.site_id, s.name, q.kind_id, k.name, q.quota, q.valid_from, q.valid_until, q.note, q.version, "
      "(SELECT count(*) FROM post_holdings ph WHERE ph.site_id = q.site_id AND ph.kind_id = q.kind_id "
      " AND ph.voided_at IS NULL AND ph.contract_from <= ?1 AND ph.contract_until > ?1 "
      " AND (ph.ended_on IS NULL OR ph.ended_on > ?1)) "
      "FROM post_quotas q JOIN sites s ON s.id = q.site_id JOIN post_kinds k ON k.id = q.kind_id "
      "WHERE ({}) {} ORDER BY s.id, k.id, q.valid_from",
      sc.sql, site_id ? "AND q.site_id = ?2" : "");
  // The scope clause's anonymous parameters come after the numbered ones.
  ANJU_TRY(st, db_.Prepare(sql));
  st.Bind(1, FormatIsoDate(on));
  int next = 2;
  if (site_id) st.Bind(2, *site_id), next = 3;
  storage::BindScope(st, sc, next);
  std::vector<PostQuota> out;
  while (true) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    PostQuota q;
    q.id = st.ColumnInt(0);
    q.site_id = st.ColumnInt(1);
    q.site_name = st.ColumnText(2);
    q.kind_id = st.ColumnInt(3);
    q.kind_name = st.ColumnText(4);
    q.quota = st.ColumnInt(5);
    ANJU_TRY(from, ParseIsoDate(st.ColumnText(6), "valid_from"));
    q.valid_from = from;
    ANJU_TRY(until, OptDate(st, 7, "valid_until"));
    q.valid_until = until;
    q.note = st.ColumnText(8);
    q.version = st.ColumnInt(9);
    q.used = st.ColumnInt(10);
    out.push_back(std::move(q));
  }
  return out;
}

Result<PostQuota> SqlitePosts::CreateQuota(const Actor& actor, const NewPostQuota& in) {
  ANJU_CHECK(MayManage(actor));
  ANJU_TRY(place, SitePlace(db_, in.site_id));
  if (!place || !ScopeCovers(actor.scope, *place))
    return NotFound(fmt::format("no site {}", in.site_id), "site_id", std::to_string(in.site_id),
                    fmt::format("没有编号为 {} 的安置点", in.site_id));
  if (in.quota < 0)
    return InvalidArgument("quota must be 0 or more", "quota", std::to_string(in.quota), "岗位指标不能为负数");
  if (in.valid_until && *in.valid_until <= in.valid_from)
    return InvalidArgument("valid_until must be after valid_from", "valid_until", FormatIsoDate(*in.valid_until),
                           "指标止于日期须晚于开始日期");
  ANJU_TRY(scope, WriteScope::Begin(db_, "post_quota"));
  ANJU_TRY(kind, db_.Prepare("SELECT name FROM post_kinds WHERE id = ?1"));
  kind.Bind(1, in.kind_id);
  ANJU_TRY(has_kind, kind.Step());
  if (!has_kind)
    return NotFound(fmt::format("no post kind {}", in.kind_id), "kind_id", std::to_string(in.kind_id),
                    fmt::format("没有编号为 {} 的岗位类型", in.kind_id));
  std::string kind_name = kind.ColumnText(0);
  kind.Reset();
  // Periods of one site and kind never overlap: [from, until) against every other.
  ANJU_TRY(overlap, db_.Prepare(
      "SELECT id, valid_from FROM post_quotas WHERE site_id = ?1 AND kind_id = ?2 "
      "AND (valid_until IS NULL OR valid_until > ?3) AND (?4 IS NULL OR valid_from < ?4)"));
  overlap.Bind(1, in.site_id).Bind(2, in.kind_id).Bind(3, FormatIsoDate(in.valid_from));
  if (in.valid_until) overlap.Bind(4, FormatIsoDate(*in.valid_until)); else overlap.BindNull(4);
  ANJU_TRY(clash, overlap.Step());
  if (clash)
    return Conflict(fmt::format("the site already has a quota of {} from {} (quota {}) overlapping this period; give "
                                "valid_from after it ends",
                                kind_name, overlap.ColumnText(1), overlap.ColumnInt(0)),
                    "valid_from", FormatIsoDate(in.valid_from),
                    fmt::format("该安置点已有自{}起的“{}”岗位指标与此期间重叠；请从其结束之后开始", overlap.ColumnText(1), kind_name));
  overlap.Reset();
  ANJU_TRY(ins, db_.Prepare(
      "INSERT INTO post_quotas (site_id, kind_id, quota, valid_from, valid_until, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
      "RETURNING id"));
  ins.Bind(1, in.site_id).Bind(2, in.kind_id).Bind(3, in.quota).Bind(4, FormatIsoDate(in.valid_from));
  if (in.valid_until) ins.Bind(5, FormatIsoDate(*in.valid_until)); else ins.BindNull(5);
  ins.Bind(6, in.note);
  ANJU_TRY(id, ins.RunReturningId());
  nlohmann::json changes = {{"site_id", {nullptr, in.site_id}},
                            {"kind_id", {nullptr, in.kind_id}},
                            {"quota", {nullptr, in.quota}},
                            {"valid_from", {nullptr, FormatIsoDate(in.valid_from)}},
                            {"valid_until", {nullptr, in.valid_until ? nlohmann::json(FormatIsoDate(*in.valid_until)) : nlohmann::json()}}};
  ANJU_CHECK(AppendAudit(db_, actor, AuditEntry{.action = "create", .entity = "post_quota", .entity_id = std::to_string(id),
                                                .changes = changes.dump(), .source = ""}));
  ANJU_CHECK(scope.Commit());
  ANJU_TRY(all, Quotas(actor, in.site_id, in.valid_from));
  for (PostQuota& q : all)
    if (q.id == id) return q;
  return Internal("quota just written not read back");
}

// ---- holdings ----

Result<std::optional<PostHolding>> SqlitePosts::Load(int64_t id) {
  ANJU_TRY(st, db_.Prepare(fmt::format("SELECT {} {} WHERE ph.id = ?1 AND ph.voided_at IS NULL", kHoldingColumns, kHoldingFrom)));
  st.Bind(1, id);
  ANJU_TRY(row, st.Step());
  if (!row) return std::optional<PostHolding>{};
  ANJU_TRY(x, ReadHolding(st));
  st.Reset();
  ANJU_TRY(m, db_.Prepare(
      "SELECT month, days_worked, assessment, paid_fen, note, recorded_by, recorded_at FROM post_months "
      "WHERE holding_id = ?1 ORDER BY month"));
  m.Bind(1, id);
  while (true) {
    ANJU_TRY(more, m.Step());
    if (!more) break;
    PostMonth pm;
    pm.month = m.ColumnText(0);
    pm.days_worked = m.ColumnInt(1);
    if (!m.ColumnIsNull(2)) {
      ANJU_TRY(a, ParseAssessment(m.ColumnText(2)));
      pm.assessment = a;
    }
    pm.paid_fen = m.ColumnOptionalInt(3);
    pm.note = m.ColumnText(4);
    pm.recorded_by = m.ColumnText(5);
    pm.recorded_at = m.ColumnText(6);
    x.months.push_back(std::move(pm));
  }
  return std::optional<PostHolding>{std::move(x)};
}

Result<PostHolding> SqlitePosts::LoadInScope(const Actor& actor, int64_t id) {
  ANJU_TRY(x, Load(id));
  if (!x) return NoHolding(id);
  ANJU_TRY(place, PersonPlace(db_, x->person_id));
  if (!place || !ScopeCovers(actor.scope, *place)) return NoHolding(id);
  return std::move(*x);
}

Result<PostHolding> SqlitePosts::Holding(const Actor& actor, int64_t id) { return LoadInScope(actor, id); }

Result<std::vector<PostHolding>> SqlitePosts::Holdings(const Actor& actor, const HoldingFilter& f) {
  storage::ScopeClause sc = storage::HouseholdScopeSql(actor.scope);
  std::string where = "ph.voided_at IS NULL AND (" + sc.sql + ")";
  std::vector<std::variant<int64_t, std::string>> vals = sc.values;
  if (f.site_id) where += " AND ph.site_id = ?", vals.emplace_back(*f.site_id);
  if (f.kind_id) where += " AND ph.kind_id = ?", vals.emplace_back(*f.kind_id);
  if (f.person_id) where += " AND ph.person_id = ?", vals.emplace_back(*f.person_id);
  if (f.household_id) where += " AND h.id = ?", vals.emplace_back(*f.household_id);
  if (f.current_on) {
    const std::string d = FormatIsoDate(*f.current_on);
    where += " AND ph.contract_from <= ? AND ph.contract_until > ? AND (ph.ended_on IS NULL OR ph.ended_on > ?)";
    vals.emplace_back(d), vals.emplace_back(d), vals.emplace_back(d);
  }
  ANJU_TRY(st, db_.Prepare(fmt::format("SELECT {} {} WHERE {} ORDER BY ph.site_id, ph.kind_id, ph.contract_from DESC, ph.id",
                                       kHoldingColumns, kHoldingFrom, where)));
  storage::BindScope(st, storage::ScopeClause{"", vals}, 1);
  std::vector<PostHolding> out;
  while (true) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    ANJU_TRY(x, ReadHolding(st));
    out.push_back(std::move(x));
  }
  return out;
}

Status SqlitePosts::RefreshEmploymentCache(int64_t person_id, Date today) {
  // persons.employment_kind = the channel of the person's current job today (docs/industry.md
  // "The registry seam"); a channel the cache cannot hold (flexible, other) leaves it 'none'.
  ANJU_TRY(st, db_.Prepare(
      "UPDATE persons SET employment_kind = coalesce((SELECT j.channel FROM jobs j WHERE j.person_id = ?1 "
      "AND j.voided_at IS NULL AND j.started_on <= ?2 AND (j.ended_on IS NULL OR j.ended_on > ?2) "
      "AND j.channel IN ('workshop','park','welfare_post','enterprise','migrant_work','self_employed') "
      "ORDER BY CASE j.channel WHEN 'welfare_post' THEN 1 ELSE 0 END, j.started_on DESC, j.id DESC LIMIT 1), 'none') "
      "WHERE id = ?1"));
  st.Bind(1, person_id).Bind(2, FormatIsoDate(today));
  return st.Run();
}

Result<std::pair<PostHolding, std::vector<PostWarning>>> SqlitePosts::Assign(const Actor& actor, const NewPostHolding& in,
                                                                             Date today) {
  ANJU_CHECK(MayManage(actor));
  ANJU_TRY(place, PersonPlace(db_, in.person_id));
  if (!place || !ScopeCovers(actor.scope, *place))
    return NotFound(fmt::format("no person {}", in.person_id), "person_id", std::to_string(in.person_id),
                    fmt::format("没有编号为 {} 的人员", in.person_id));
  const int64_t site_id = in.site_id.value_or(place->site_id);
  ANJU_TRY(site, SitePlace(db_, site_id));
  if (!site || !ScopeCovers(actor.scope, *site))
    return NotFound(fmt::format("no site {}", site_id), "site_id", std::to_string(site_id),
                    fmt::format("没有编号为 {} 的安置点", site_id));
  ANJU_TRY(rules, Rules());
  ANJU_TRY(scope, WriteScope::Begin(db_, "post_holding"));

  ANJU_TRY(kind, db_.Prepare("SELECT name, monthly_subsidy_fen FROM post_kinds WHERE id = ?1"));
  kind.Bind(1, in.kind_id);
  ANJU_TRY(has_kind, kind.Step());
  if (!has_kind)
    return NotFound(fmt::format("no post kind {}", in.kind_id), "kind_id", std::to_string(in.kind_id),
                    fmt::format("没有编号为 {} 的岗位类型", in.kind_id));
  AssignmentFacts f;
  f.kind_name = kind.ColumnText(0);
  const int64_t subsidy = in.monthly_subsidy_fen.value_or(kind.ColumnInt(1));
  kind.Reset();
  f.contract_from = in.contract_from, f.contract_until = in.contract_until;
  f.publicity_from = in.publicity_from, f.publicity_until = in.publicity_until;
  const std::string from = FormatIsoDate(in.contract_from), until = FormatIsoDate(in.contract_until);

  ANJU_TRY(birth, db_.Prepare("SELECT birth_date FROM persons WHERE id = ?1"));
  birth.Bind(1, in.person_id);
  ANJU_CHECK(birth.Step());
  ANJU_TRY(born, ParseIsoDate(birth.ColumnText(0), "birth_date"));
  f.birth = born;
  birth.Reset();

  // Holdings overlapping [from, until): the person's own, and the other members' of the household.
  ANJU_TRY(own, db_.Prepare(
      "SELECT ph.id, ph.person_id = ?1 FROM post_holdings ph JOIN persons p ON p.id = ph.person_id "
      "WHERE p.household_id = ?2 AND ph.voided_at IS NULL AND ph.contract_from < ?4 "
      "AND coalesce(ph.ended_on, ph.contract_until) > ?3 ORDER BY ph.id"));
  own.Bind(1, in.person_id).Bind(2, place->household_id).Bind(3, from).Bind(4, until);
  while (true) {
    ANJU_TRY(row, own.Step());
    if (!row) break;
    if (own.ColumnInt(1) != 0) f.own_holdings.push_back(own.ColumnInt(0));
    else ++f.household_holdings;
  }
  own.Reset();
  ANJU_TRY(away, db_.Prepare(
      "SELECT id FROM jobs WHERE person_id = ?1 AND voided_at IS NULL AND place IN ('province','outside') "
      "AND started_on < ?3 AND (ended_on IS NULL OR ended_on > ?2) ORDER BY id"));
  away.Bind(1, in.person_id).Bind(2, from).Bind(3, until);
  while (true) {
    ANJU_TRY(row, away.Step());
    if (!row) break;
    f.outside_county_jobs.push_back(away.ColumnInt(0));
  }
  away.Reset();
  ANJU_TRY(quota, db_.Prepare(
      "SELECT quota FROM post_quotas WHERE site_id = ?1 AND kind_id = ?2 AND valid_from <= ?3 "
      "AND (valid_until IS NULL OR valid_until > ?3) ORDER BY valid_from DESC LIMIT 1"));
  quota.Bind(1, site_id).Bind(2, in.kind_id).Bind(3, from);
  ANJU_TRY(has_quota, quota.Step());
  if (has_quota) f.quota = quota.ColumnInt(0);
  quota.Reset();
  ANJU_TRY(used, db_.Prepare(
      "SELECT count(*) FROM post_holdings WHERE site_id = ?1 AND kind_id = ?2 AND voided_at IS NULL "
      "AND contract_from <= ?3 AND contract_until > ?3 AND (ended_on IS NULL OR ended_on > ?3)"));
  used.Bind(1, site_id).Bind(2, in.kind_id).Bind(3, from);
  ANJU_CHECK(used.Step());
  f.quota_used = used.ColumnInt(0);
  used.Reset();

  if (subsidy < 0)
    return InvalidArgument("monthly_subsidy_fen must be 0 or more (fen)", "monthly_subsidy_fen", std::to_string(subsidy),
                           "月补贴（分）不能为负数");
  ANJU_TRY(warnings, CheckAssignment(f, rules));

  const std::string now = storage::UtcTimestampNow();
  ANJU_TRY(ins, db_.Prepare(
      "INSERT INTO post_holdings (person_id, kind_id, site_id, contract_from, contract_until, publicity_from, "
      "publicity_until, monthly_subsidy_fen, note, recorded_by, recorded_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) RETURNING id"));
  ins.Bind(1, in.person_id).Bind(2, in.kind_id).Bind(3, site_id).Bind(4, from).Bind(5, until);
  ins.Bind(6, FormatIsoDate(in.publicity_from)).Bind(7, FormatIsoDate(in.publicity_until)).Bind(8, subsidy);
  ins.Bind(9, in.note).Bind(10, actor.username).Bind(11, now);
  ANJU_TRY(id, ins.RunReturningId());
  // The holding's job (docs/industry.md "Posts"): it runs with the contract and ends with it.
  ANJU_TRY(job, db_.Prepare(
      "INSERT INTO jobs (person_id, channel, employer, post_holding_id, place, started_on, ended_on, end_reason, "
      "monthly_income_fen, source, note, recorded_by, recorded_at) "
      "VALUES (?1, 'welfare_post', ?2, ?3, 'township', ?4, ?5, 'contract ended', ?6, 'post', ?7, ?8, ?9) RETURNING id"));
  job.Bind(1, in.person_id).Bind(2, f.kind_name).Bind(3, id).Bind(4, from).Bind(5, until).Bind(6, subsidy);
  job.Bind(7, fmt::format("welfare post holding {}", id)).Bind(8, actor.username).Bind(9, now);
  ANJU_TRY(job_id, job.RunReturningId());
  ANJU_CHECK(RefreshEmploymentCache(in.person_id, today));
  nlohmann::json warn = nlohmann::json::array();
  for (const PostWarning& w : warnings) warn.push_back(w.rule);
  nlohmann::json changes = {{"person_id", {nullptr, in.person_id}},
                            {"kind_id", {nullptr, in.kind_id}},
                            {"site_id", {nullptr, site_id}},
                            {"contract_from", {nullptr, from}},
                            {"contract_until", {nullptr, until}},
                            {"publicity_from", {nullptr, FormatIsoDate(in.publicity_from)}},
                            {"publicity_until", {nullptr, FormatIsoDate(in.publicity_until)}},
                            {"monthly_subsidy_fen", {nullptr, subsidy}},
                            {"job_id", {nullptr, job_id}},
                            {"warnings", {nullptr, warn}}};
  ANJU_CHECK(AppendAudit(db_, actor, AuditEntry{.action = "create", .entity = "post_holding", .entity_id = std::to_string(id),
                                                .changes = changes.dump(), .source = ""}));
  ANJU_CHECK(scope.Commit());
  ANJU_TRY(x, Load(id));
  if (!x) return Internal("holding just written not read back");
  return std::pair{std::move(*x), std::move(warnings)};
}

namespace {

std::unexpected<Error> Stale(int64_t id, int64_t have, int64_t given) {
  return Conflict(fmt::format("holding {} is at version {}, not {}: reload and try again", id, have, given), "If-Match",
                  std::to_string(given), fmt::format("公益岗记录已被他人修改（版本 {}），请刷新后重试", have));
}

}  // namespace

Result<PostHolding> SqlitePosts::Patch(const Actor& actor, int64_t id, int64_t version, const PostHoldingPatch& p,
                                       Date today) {
  ANJU_CHECK(MayManage(actor));
  ANJU_TRY(scope, WriteScope::Begin(db_, "post_patch"));
  ANJU_TRY(x, LoadInScope(actor, id));
  if (x.version != version) return Stale(id, x.version, version);
  nlohmann::json changes = nlohmann::json::object();
  const Date until = p.contract_until.value_or(x.contract_until);
  if (until <= x.contract_from || (x.ended_on && until < *x.ended_on))
    return InvalidArgument(fmt::format("contract_until must be after contract_from {}{}", FormatIsoDate(x.contract_from),
                                       x.ended_on ? " and not before the end " + FormatIsoDate(*x.ended_on) : ""),
                           "contract_until", FormatIsoDate(until), "合同止于日期须晚于合同开始日期（且不早于终止日期）");
  if (p.contract_until && *p.contract_until > x.contract_until) {
    // A longer contract must not run into the person's next holding.
    ANJU_TRY(next, db_.Prepare(
        "SELECT id FROM post_holdings WHERE person_id = ?1 AND id <> ?2 AND voided_at IS NULL "
        "AND contract_from >= ?3 AND contract_from < ?4"));
    next.Bind(1, x.person_id).Bind(2, id).Bind(3, FormatIsoDate(x.contract_until)).Bind(4, FormatIsoDate(until));
    ANJU_TRY(clash, next.Step());
    if (clash)
      return Conflict(fmt::format("the longer contract would overlap the person's holding {} (one post per person)",
                                  next.ColumnInt(0)),
                      "contract_until", FormatIsoDate(until), "延长后的合同与此人的另一公益岗重叠（不得双岗）");
  }
  if (p.monthly_subsidy_fen && *p.monthly_subsidy_fen < 0)
    return InvalidArgument("monthly_subsidy_fen must be 0 or more (fen)", "monthly_subsidy_fen",
                           std::to_string(*p.monthly_subsidy_fen), "月补贴（分）不能为负数");
  if (p.contract_until && *p.contract_until != x.contract_until)
    changes["contract_until"] = {FormatIsoDate(x.contract_until), FormatIsoDate(until)};
  const int64_t subsidy = p.monthly_subsidy_fen.value_or(x.monthly_subsidy_fen);
  if (subsidy != x.monthly_subsidy_fen) changes["monthly_subsidy_fen"] = {x.monthly_subsidy_fen, subsidy};
  const std::string note = p.note.value_or(x.note);
  if (note != x.note) changes["note"] = {x.note, note};
  ANJU_TRY(up, db_.Prepare(
      "UPDATE post_holdings SET contract_until = ?2, monthly_subsidy_fen = ?3, note = ?4, version = version + 1 "
      "WHERE id = ?1"));
  up.Bind(1, id).Bind(2, FormatIsoDate(until)).Bind(3, subsidy).Bind(4, note);
  ANJU_CHECK(up.Run());
  if (!x.ended_on) {
    ANJU_TRY(job, db_.Prepare(
        "UPDATE jobs SET ended_on = ?2, monthly_income_fen = ?3, version = version + 1 "
        "WHERE post_holding_id = ?1 AND voided_at IS NULL"));
    job.Bind(1, id).Bind(2, FormatIsoDate(until)).Bind(3, subsidy);
    ANJU_CHECK(job.Run());
  }
  ANJU_CHECK(RefreshEmploymentCache(x.person_id, today));
  ANJU_CHECK(AppendAudit(db_, actor, AuditEntry{.action = "update", .entity = "post_holding", .entity_id = std::to_string(id),
                                                .changes = changes.dump(), .source = ""}));
  ANJU_CHECK(scope.Commit());
  return LoadInScope(actor, id);
}

Result<PostHolding> SqlitePosts::End(const Actor& actor, int64_t id, int64_t version, Date ended_on,
                                     const std::string& reason, Date today) {
  ANJU_CHECK(MayManage(actor));
  ANJU_TRY(scope, WriteScope::Begin(db_, "post_end"));
  ANJU_TRY(x, LoadInScope(actor, id));
  if (x.version != version) return Stale(id, x.version, version);
  if (x.ended_on)
    return Conflict(fmt::format("holding {} already ended on {}", id, FormatIsoDate(*x.ended_on)), "ended_on",
                    FormatIsoDate(ended_on), fmt::format("该公益岗已于{}终止", FormatIsoDate(*x.ended_on)));
  if (ended_on <= x.contract_from || ended_on > x.contract_until)
    return InvalidArgument(fmt::format("ended_on must be after the contract's start {} and not after its end {}",
                                       FormatIsoDate(x.contract_from), FormatIsoDate(x.contract_until)),
                           "ended_on", FormatIsoDate(ended_on),
                           fmt::format("终止日期须晚于合同开始（{}）且不晚于合同止于日期（{}）", FormatIsoDate(x.contract_from),
                                       FormatIsoDate(x.contract_until)));
  if (reason.empty()) return InvalidArgument("reason is required", "reason", "", "请填写终止原因");
  ANJU_TRY(up, db_.Prepare(
      "UPDATE post_holdings SET ended_on = ?2, end_reason = ?3, version = version + 1 WHERE id = ?1"));
  up.Bind(1, id).Bind(2, FormatIsoDate(ended_on)).Bind(3, reason);
  ANJU_CHECK(up.Run());
  ANJU_TRY(job, db_.Prepare(
      "UPDATE jobs SET ended_on = ?2, end_reason = ?3, version = version + 1 WHERE post_holding_id = ?1 AND voided_at IS NULL"));
  job.Bind(1, id).Bind(2, FormatIsoDate(ended_on)).Bind(3, reason);
  ANJU_CHECK(job.Run());
  ANJU_CHECK(RefreshEmploymentCache(x.person_id, today));
  nlohmann::json changes = {{"ended_on", {nullptr, FormatIsoDate(ended_on)}}, {"end_reason", {"", reason}}};
  ANJU_CHECK(AppendAudit(db_, actor, AuditEntry{.action = "end", .entity = "post_holding", .entity_id = std::to_string(id),
                                                .changes = changes.dump(), .source = ""}));
  ANJU_CHECK(scope.Commit());
  return LoadInScope(actor, id);
}

Result<PostHolding> SqlitePosts::PutMonth(const Actor& actor, int64_t id, Date month, const PostMonthInput& in) {
  ANJU_CHECK(MayManage(actor));
  ANJU_TRY(scope, WriteScope::Begin(db_, "post_month"));
  ANJU_TRY(x, LoadInScope(actor, id));
  const std::string m = FormatMonth(month);
  // The month must meet the holding's period [contract_from, end).
  const std::chrono::year_month following = month.year() / month.month() + std::chrono::months{1};
  const Date next_month{following / std::chrono::day{1}};
  if (next_month <= x.contract_from || month >= PeriodEnd(x))
    return InvalidArgument(fmt::format("month {} is outside the holding's period {} – {}", m, FormatIsoDate(x.contract_from),
                                       FormatIsoDate(PeriodEnd(x))),
                           "month", m,
                           fmt::format("{}不在该公益岗的聘用期（{} 至 {}，不含当日）内", m, FormatIsoDate(x.contract_from),
                                       FormatIsoDate(PeriodEnd(x))));
  // Attendance is recorded for a month that has begun (China's today), not ahead of it.
  if (month > TodayInChina())
    return InvalidArgument(fmt::format("month {} has not begun yet (today is {}): record attendance once the month has begun",
                                       m, FormatIsoDate(TodayInChina())),
                           "month", m,
                           fmt::format("{}尚未开始（今天是 {}）：请在该月开始后再登记出勤", m, FormatIsoDate(TodayInChina())));
  const int days_in_month = DaysSinceEpoch(next_month) - DaysSinceEpoch(month);
  if (in.days_worked < 0 || in.days_worked > days_in_month)
    return InvalidArgument(fmt::format("days_worked must be 0 … {} for {}", days_in_month, m), "days_worked",
                           std::to_string(in.days_worked), fmt::format("{}出勤天数须在 0 至 {} 之间", m, days_in_month));
  if (in.paid_fen && *in.paid_fen < 0)
    return InvalidArgument("paid_fen must be 0 or more (fen)", "paid_fen", std::to_string(*in.paid_fen), "发放金额（分）不能为负数");
  const PostMonth* before = nullptr;
  for (const PostMonth& pm : x.months)
    if (pm.month == m) before = &pm;
  ANJU_TRY(up, db_.Prepare(
      "INSERT INTO post_months (holding_id, month, days_worked, assessment, paid_fen, note, recorded_by, recorded_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (holding_id, month) DO UPDATE SET "
      "days_worked = excluded.days_worked, assessment = excluded.assessment, paid_fen = excluded.paid_fen, "
      "note = excluded.note, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at"));
  up.Bind(1, id).Bind(2, m).Bind(3, in.days_worked);
  if (in.assessment) up.Bind(4, AssessmentName(*in.assessment)); else up.BindNull(4);
  up.Bind(5, in.paid_fen).Bind(6, in.note).Bind(7, actor.username).Bind(8, storage::UtcTimestampNow());
  ANJU_CHECK(up.Run());
  auto opt_assess = [](const std::optional<Assessment>& a) {
    return a ? nlohmann::json(AssessmentName(*a)) : nlohmann::json();
  };
  nlohmann::json changes = {
      {"month", {before ? nlohmann::json(m) : nlohmann::json(), m}},
      {"days_worked", {before ? nlohmann::json(before->days_worked) : nlohmann::json(), in.days_worked}},
      {"assessment", {before ? opt_assess(before->assessment) : nlohmann::json(), opt_assess(in.assessment)}},
      {"paid_fen", {before && before->paid_fen ? nlohmann::json(*before->paid_fen) : nlohmann::json(),
                    in.paid_fen ? nlohmann::json(*in.paid_fen) : nlohmann::json()}}};
  ANJU_CHECK(AppendAudit(db_, actor, AuditEntry{.action = before ? "update" : "create", .entity = "post_month",
                                                .entity_id = fmt::format("{}/{}", id, m), .changes = changes.dump(),
                                                .source = ""}));
  ANJU_CHECK(scope.Commit());
  return LoadInScope(actor, id);
}

Result<std::vector<PostCandidate>> SqlitePosts::Candidates(const Actor& actor, int64_t site_id, Date on) {
  ANJU_TRY(site, SitePlace(db_, site_id));
  if (!site)
    return NotFound(fmt::format("no site {}", site_id), "site_id", std::to_string(site_id),
                    fmt::format("没有编号为 {} 的安置点", site_id));
  ANJU_TRY(rules, Rules());
  const std::string d = FormatIsoDate(on);
  storage::ScopeClause sc = storage::HouseholdScopeSql(actor.scope);
  // Members on D of households counted on D at the site (docs/living-register.md), without a
  // current post, in a household under the cap, without a current 县外 job.
  std::string sql = fmt::format(
      "SELECT p.id, p.name, h.id, h.household_no, h.category, p.birth_date, p.able_to_work "
      "FROM persons p JOIN households h ON h.id = p.household_id JOIN origin_villages o ON o.id = h.origin_village_id "
      "WHERE h.site_id = ?1 AND h.move_in_date <= ?2 AND (h.formed_on IS NULL OR h.formed_on <= ?2) "
      "AND (h.ended_on IS NULL OR h.ended_on > ?2) "
      "AND (p.member_from IS NULL OR p.member_from <= ?2) AND (p.member_until IS NULL OR p.member_until > ?2) "
      "AND NOT EXISTS (SELECT 1 FROM post_holdings ph WHERE ph.person_id = p.id AND ph.voided_at IS NULL "
      "  AND ph.contract_from <= ?2 AND ph.contract_until > ?2 AND (ph.ended_on IS NULL OR ph.ended_on > ?2)) "
      "AND (SELECT count(*) FROM post_holdings ph JOIN persons q ON q.id = ph.person_id WHERE q.household_id = h.id "
      "  AND ph.voided_at IS NULL AND ph.contract_from <= ?2 AND ph.contract_until > ?2 "
      "  AND (ph.ended_on IS NULL OR ph.ended_on > ?2)) < ?3 "
      "AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.person_id = p.id AND j.voided_at IS NULL "
      "  AND j.place IN ('province','outside') AND j.started_on <= ?2 AND (j.ended_on IS NULL OR j.ended_on > ?2)) "
      "AND ({}) "
      "ORDER BY CASE h.category WHEN 'registered_poor' THEN 0 ELSE 1 END, p.able_to_work DESC, p.birth_date DESC, p.id",
      sc.sql);
  ANJU_TRY(st, db_.Prepare(sql));
  st.Bind(1, site_id).Bind(2, d).Bind(3, rules.per_household);
  storage::BindScope(st, sc, 4);
  std::vector<PostCandidate> out;
  while (true) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    ANJU_TRY(birth, ParseIsoDate(st.ColumnText(5), "birth_date"));
    const int age = AgeInCompletedYears(birth, on);
    if (age < rules.age_min || age >= rules.age_block) continue;
    PostCandidate c;
    c.person_id = st.ColumnInt(0);
    c.name = st.ColumnText(1);
    c.household_id = st.ColumnInt(2);
    c.household_no = st.ColumnText(3);
    c.category = st.ColumnText(4);
    c.age = age;
    c.able_to_work = st.ColumnInt(6) != 0;
    c.age_warning = age > rules.age_max;
    out.push_back(std::move(c));
  }
  return out;
}

Result<std::vector<Benefit>> PostBenefits(Connection& db, int64_t household_id, Date as_of) {
  ANJU_TRY(st, db.Prepare(
      "SELECT ph.id, ph.person_id, p.name, k.name, ph.contract_from, coalesce(ph.ended_on, ph.contract_until), "
      "ph.monthly_subsidy_fen FROM post_holdings ph JOIN persons p ON p.id = ph.person_id "
      "JOIN post_kinds k ON k.id = ph.kind_id WHERE p.household_id = ?1 AND ph.voided_at IS NULL "
      "AND ph.contract_from <= ?2 ORDER BY ph.contract_from, ph.id"));
  st.Bind(1, household_id).Bind(2, FormatIsoDate(as_of));
  std::vector<Benefit> out;
  while (true) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    Benefit b;
    b.module = "industry";
    b.kind = "welfare_post";
    const std::string person = st.ColumnText(2), kind = st.ColumnText(3);
    b.label_zh = fmt::format("公益性岗位 {}（{}）", kind, person);
    b.label_en = fmt::format("Welfare post {} ({})", kind, person);
    ANJU_TRY(from, ParseIsoDate(st.ColumnText(4), "contract_from"));
    ANJU_TRY(until, ParseIsoDate(st.ColumnText(5), "contract_until"));
    b.from = from;
    if (until <= as_of) b.until = until;
    b.amount_fen = st.ColumnInt(6);
    b.person_id = st.ColumnInt(1);
    b.entity = "post_holding";
    b.entity_id = st.ColumnInt(0);
    out.push_back(std::move(b));
  }
  return out;
}

}  // namespace anju::industry
