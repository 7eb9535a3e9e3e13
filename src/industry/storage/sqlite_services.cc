#include "industry/storage/sqlite_services.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <map>
#include <set>

#include "casework/storage/sqlite_casework.h"
#include "core/try.h"
#include "industry/storage/sqlite_jobs.h"
#include "storage/audit_log.h"
#include "storage/scope_sql.h"

namespace anju::storage {

using industry::AgeBand;
using industry::ClearReason;
using industry::ServiceTally;

namespace {

// The counted members on ?1 (living register: persons row or an earlier membership), born on or
// before ?1, with the labour-age cutoffs ?2 (born on or before: old enough) and ?3 (born after:
// not too old), and whether each is employed on ?1 (a current, not voided job).
constexpr std::string_view kMembersCte = R"(
WITH m AS (
  SELECT p.household_id AS hid, p.id AS pid FROM persons p
   WHERE (p.member_from IS NULL OR p.member_from <= ?1) AND (p.member_until IS NULL OR p.member_until > ?1)
  UNION ALL
  SELECT mh.household_id, mh.person_id FROM membership_history mh
   WHERE (mh.start_date IS NULL OR mh.start_date <= ?1) AND mh.end_date > ?1
), f AS (
  SELECT m.hid AS hid,
    SUM(CASE WHEN p.able_to_work = 1 AND p.wants_work = 1 AND p.birth_date <= ?2 AND p.birth_date > ?3
        THEN 1 ELSE 0 END) AS candidates,
    SUM(CASE WHEN EXISTS (SELECT 1 FROM jobs j WHERE j.person_id = p.id AND j.voided_at IS NULL
        AND j.started_on <= ?1 AND (j.ended_on IS NULL OR j.ended_on > ?1)) THEN 1 ELSE 0 END) AS employed
  FROM m JOIN persons p ON p.id = m.pid WHERE p.birth_date <= ?1 GROUP BY m.hid
))";
// A household counted on ?1 (living register).
constexpr std::string_view kCounted =
    "h.move_in_date <= ?1 AND (h.formed_on IS NULL OR h.formed_on <= ?1) AND (h.ended_on IS NULL OR h.ended_on > ?1)";
// A clearing for a non-employment reason valid on ?1.
constexpr std::string_view kValidClearing =
    "EXISTS (SELECT 1 FROM zero_employment_clearings zc WHERE zc.household_id = h.id AND zc.reason <> 'employed' "
    "AND zc.cleared_on <= ?1 AND (zc.valid_until IS NULL OR zc.valid_until > ?1))";

Date YearsBefore(Date d, int years) {
  Date r{d.year() - std::chrono::years{years}, d.month(), d.day()};
  if (!r.ok()) r = Date{r.year(), r.month(), std::chrono::day{28}};  // 29 Feb → 28 Feb
  return r;
}

// Binds ?1 as_of, ?2/?3 the labour-age cutoffs.
void BindAsOf(Statement& st, Date as_of, AgeBand band) {
  st.Bind(1, FormatIsoDate(as_of));
  st.Bind(2, FormatIsoDate(YearsBefore(as_of, band.min)));
  st.Bind(3, FormatIsoDate(YearsBefore(as_of, band.max + 1)));
}

Result<int64_t> One(Connection& db, const std::string& sql, Date as_of, AgeBand band) {
  ANJU_TRY(st, db.Prepare(sql));
  BindAsOf(st, as_of, band);
  ANJU_TRY(row, st.Step());
  return row ? st.ColumnInt(0) : 0;
}

Result<std::optional<Date>> OptDate(Statement& st, int col, std::string_view field) {
  if (st.ColumnIsNull(col)) return std::optional<Date>{};
  ANJU_TRY(d, ParseIsoDate(st.ColumnText(col), field));
  return std::optional<Date>{d};
}

Status Audit(Connection& db, const Actor& actor, std::string action, std::string entity, int64_t id,
             const nlohmann::json& changes) {
  return AppendAudit(db, actor,
                     AuditEntry{.action = std::move(action), .entity = std::move(entity),
                                .entity_id = std::to_string(id), .changes = changes.dump(), .source = ""});
}

Result<int64_t> SettingInt(const casework::Settings& s, std::string_view key, int64_t fallback) {
  if (!casework::FindSetting(key)) return fallback;
  return s.Integer(key);
}

// The household's Place, or kNotFound when absent or outside the actor's scope.
Result<Place> HouseholdInScope(Connection& db, const Actor& actor, int64_t household_id) {
  ANJU_TRY(place, casework::HouseholdPlace(db, household_id));
  if (!place || (actor.role != Role::kSystem && !ScopeCovers(actor.scope, *place)))
    return NotFound("no such household", "household_id", std::to_string(household_id), "没有这个户");
  return *place;
}

// The service actor: the module's own authority (Who::kSystem steps) under the user's name.
Actor AsModule(const Actor& actor) {
  Actor a = actor;
  a.role = Role::kSystem;
  return a;
}

Status Tally(Connection& db, int64_t person_id, Date as_of, ServiceTally& t) {
  ANJU_TRY(st, db.Prepare("SELECT kind, count(*) FROM job_services WHERE person_id = ?1 AND voided_at IS NULL "
                          "AND given_on <= ?2 GROUP BY kind"));
  st.Bind(1, person_id).Bind(2, FormatIsoDate(as_of));
  while (true) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    const std::string k = st.ColumnText(0);
    const int n = static_cast<int>(st.ColumnInt(1));
    if (k == "introduction") t.introduction = n;
    else if (k == "job_offer") t.job_offer = n;
    else if (k == "training_offer") t.training_offer = n;
    else if (k == "follow_up") t.follow_up = n;
    else if (k == "return_home_follow_up") t.return_home_follow_up = n;
  }
  return {};
}

// Alerts: households in the rule on ?1 (when `in_rule`), or the one household ?4.
std::string AlertSql(std::string_view where) {
  return fmt::format(
      R"({}
SELECT h.id, h.household_no, h.site_id, s.name, coalesce(h.grid_id, 0), coalesce(g.name, ''),
  coalesce((SELECT p.name FROM persons p WHERE p.household_id = h.id AND p.relationship = 'head'
            AND p.member_until IS NULL), ''),
  coalesce(f.candidates, 0), coalesce(f.employed, 0),
  c.id, c.state, c.due_on, c.version,
  (SELECT zc.reason FROM zero_employment_clearings zc WHERE zc.household_id = h.id AND zc.cleared_on <= ?1
     AND (zc.valid_until IS NULL OR zc.valid_until > ?1) AND zc.reason <> 'employed' ORDER BY zc.cleared_on DESC LIMIT 1),
  (SELECT zc.cleared_on FROM zero_employment_clearings zc WHERE zc.household_id = h.id AND zc.cleared_on <= ?1
     AND (zc.valid_until IS NULL OR zc.valid_until > ?1) AND zc.reason <> 'employed' ORDER BY zc.cleared_on DESC LIMIT 1)
FROM households h
JOIN sites s ON s.id = h.site_id
JOIN origin_villages o ON o.id = h.origin_village_id
LEFT JOIN grids g ON g.id = h.grid_id
LEFT JOIN f ON f.hid = h.id
LEFT JOIN cases c ON c.id = (SELECT max(c2.id) FROM cases c2 WHERE c2.kind = 'zero_employment'
                              AND c2.household_id = h.id AND c2.opened_on <= ?1)
WHERE {})",
      kMembersCte, where);
}

Result<ZeroAlert> ReadAlert(Statement& st) {
  ZeroAlert a;
  a.household_id = st.ColumnInt(0);
  a.household_no = st.ColumnText(1);
  a.site_id = st.ColumnInt(2);
  a.site_name = st.ColumnText(3);
  a.grid_id = st.ColumnInt(4);
  a.grid_name = st.ColumnText(5);
  a.head_name = st.ColumnText(6);
  a.candidates = static_cast<int>(st.ColumnInt(7));
  const bool in_rule = a.candidates > 0 && st.ColumnInt(8) == 0;
  if (!st.ColumnIsNull(9)) {
    a.case_id = st.ColumnInt(9);
    a.case_state = st.ColumnText(10);
    ANJU_TRY(due, OptDate(st, 11, "due_on"));
    a.due_on = due;
    a.case_version = st.ColumnInt(12);
  }
  if (!st.ColumnIsNull(13)) {
    a.clear_reason = st.ColumnText(13);
    ANJU_TRY(on, OptDate(st, 14, "cleared_on"));
    a.cleared_on = on;
  }
  a.open = in_rule && a.clear_reason.empty();
  if (!in_rule) a.candidates = 0;
  return a;
}

// Counted members of the household on as_of with their facts.
Result<std::vector<ZeroMember>> Members(Connection& db, int64_t household_id, Date as_of, AgeBand band) {
  ANJU_TRY(st, db.Prepare(
      "SELECT p.id, p.name, p.relationship, p.birth_date, p.able_to_work, p.wants_work, "
      "(SELECT js.id FROM job_seekers js WHERE js.person_id = p.id AND js.voided_at IS NULL AND js.ended_on IS NULL) "
      "FROM persons p WHERE p.birth_date <= ?2 AND p.id IN ("
      "SELECT id FROM persons WHERE household_id = ?1 AND (member_from IS NULL OR member_from <= ?2) "
      "AND (member_until IS NULL OR member_until > ?2) UNION SELECT person_id FROM membership_history "
      "WHERE household_id = ?1 AND (start_date IS NULL OR start_date <= ?2) AND end_date > ?2) ORDER BY p.id"));
  st.Bind(1, household_id).Bind(2, FormatIsoDate(as_of));
  std::vector<ZeroMember> out;
  while (true) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    ZeroMember m;
    m.person_id = st.ColumnInt(0);
    m.name = st.ColumnText(1);
    m.relationship = st.ColumnText(2);
    ANJU_TRY(birth, ParseIsoDate(st.ColumnText(3), "birth_date"));
    m.age = AgeInCompletedYears(birth, as_of);
    m.able_to_work = st.ColumnInt(4) != 0;
    m.wants_work = st.ColumnInt(5) != 0;
    m.labour_age = m.age >= band.min && m.age <= band.max;
    if (!st.ColumnIsNull(6)) m.seeker_id = st.ColumnInt(6);
    out.push_back(std::move(m));
  }
  st.Reset();
  for (ZeroMember& m : out) ANJU_CHECK(Tally(db, m.person_id, as_of, m.tally));
  return out;
}

// Whether some counted member of the household is employed on the day.
Result<bool> AnyEmployed(Connection& db, int64_t household_id, Date on) {
  ANJU_TRY(st, db.Prepare(
      "SELECT EXISTS (SELECT 1 FROM jobs j JOIN persons p ON p.id = j.person_id WHERE p.household_id = ?1 "
      "AND (p.member_from IS NULL OR p.member_from <= ?2) AND (p.member_until IS NULL OR p.member_until > ?2) "
      "AND j.voided_at IS NULL AND j.started_on <= ?2 AND (j.ended_on IS NULL OR j.ended_on > ?2))"));
  st.Bind(1, household_id).Bind(2, FormatIsoDate(on));
  ANJU_TRY(row, st.Step());
  return row && st.ColumnInt(0) != 0;
}

Status InsertClearing(Connection& db, const Actor& actor, int64_t case_id, int64_t household_id,
                      ClearReason reason, Date on, std::optional<Date> valid_until, const std::string& note) {
  ANJU_TRY(ins, db.Prepare(
      "INSERT INTO zero_employment_clearings (case_id, household_id, reason, cleared_on, valid_until, note, "
      "by_user_id, by_name) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id"));
  ins.Bind(1, case_id).Bind(2, household_id).Bind(3, industry::ClearReasonName(reason)).Bind(4, FormatIsoDate(on));
  if (valid_until) ins.Bind(5, FormatIsoDate(*valid_until));
  else ins.BindNull(5);
  ins.Bind(6, note).Bind(7, actor.user_id).Bind(8, actor.username);
  ANJU_TRY(id, ins.RunReturningId());
  return Audit(db, actor, "create", "zero_employment_clearing", id,
               {{"case_id", {nullptr, case_id}},
                {"household_id", {nullptr, household_id}},
                {"reason", {nullptr, industry::ClearReasonName(reason)}},
                {"cleared_on", {nullptr, FormatIsoDate(on)}},
                {"note", {nullptr, note}}});
}

}  // namespace

Result<AgeBand> LabourAgeBand(Connection& db) {
  ANJU_TRY(set, casework::LoadSettings(db));
  AgeBand b;
  ANJU_TRY(lo, SettingInt(set, "labor.age_min", b.min));
  ANJU_TRY(hi, SettingInt(set, "labor.age_max", b.max));
  b.min = static_cast<int>(lo);
  b.max = static_cast<int>(hi);
  return b;
}

Result<int64_t> CountZeroEmploymentHouseholds(Connection& db, Date as_of) {
  ANJU_TRY(band, LabourAgeBand(db));
  return One(db,
             fmt::format("{} SELECT count(*) FROM f JOIN households h ON h.id = f.hid WHERE f.candidates > 0 "
                         "AND f.employed = 0 AND {}",
                         kMembersCte, kCounted),
             as_of, band);
}

Result<int64_t> CountOpenZeroEmployment(Connection& db, Date as_of) {
  ANJU_TRY(band, LabourAgeBand(db));
  return One(db,
             fmt::format("{} SELECT count(*) FROM f JOIN households h ON h.id = f.hid WHERE f.candidates > 0 "
                         "AND f.employed = 0 AND {} AND NOT {}",
                         kMembersCte, kCounted, kValidClearing),
             as_of, band);
}

Result<std::vector<ZeroAlert>> ZeroEmploymentAlerts(Connection& db, const Actor& actor, Date as_of,
                                                     const ZeroFilter& filter) {
  ANJU_TRY(band, LabourAgeBand(db));
  ScopeClause sc = HouseholdScopeSql(actor.scope, {.site_township = "s.township_code"});
  std::string where = fmt::format("f.candidates > 0 AND f.employed = 0 AND {} AND ({})", kCounted, sc.sql);
  if (filter.site_id) where += fmt::format(" AND h.site_id = {}", *filter.site_id);
  if (filter.grid_id) where += fmt::format(" AND h.grid_id = {}", *filter.grid_id);
  where += " ORDER BY s.name, g.name, h.household_no";
  ANJU_TRY(st, db.Prepare(AlertSql(where)));
  BindAsOf(st, as_of, band);
  BindScope(st, sc, 4);
  std::vector<ZeroAlert> out;
  while (true) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    ANJU_TRY(a, ReadAlert(st));
    out.push_back(std::move(a));
  }
  return out;
}

Result<ZeroAlert> ZeroEmploymentHousehold(Connection& db, const Actor& actor, int64_t household_id, Date as_of) {
  ANJU_CHECK(HouseholdInScope(db, actor, household_id));
  ANJU_TRY(band, LabourAgeBand(db));
  ANJU_TRY(st, db.Prepare(AlertSql("h.id = ?4")));
  BindAsOf(st, as_of, band);
  st.Bind(4, household_id);
  ANJU_TRY(row, st.Step());
  if (!row) return NotFound("no such household", "household_id", std::to_string(household_id), "没有这个户");
  ANJU_TRY(a, ReadAlert(st));
  st.Reset();
  ANJU_TRY(members, Members(db, household_id, as_of, band));
  a.members = std::move(members);
  return a;
}

Result<ZeroSweepResult> SweepZeroEmployment(Connection& db, Date as_of) {
  ZeroSweepResult res;
  ANJU_TRY(scope, WriteScope::Begin(db, "zero_employment_sweep"));
  const Actor sys = SystemActor();
  ANJU_TRY(alerts, ZeroEmploymentAlerts(db, sys, as_of, {}));
  std::set<int64_t> in_rule;
  for (const ZeroAlert& a : alerts) in_rule.insert(a.household_id);
  casework::CaseService cases = casework::MakeCaseService(db, as_of);
  // Open follow-ups whose household left the rule: cleared.
  std::vector<std::pair<int64_t, int64_t>> open;  // case id, household id
  {
    ANJU_TRY(st, db.Prepare("SELECT id, household_id FROM cases WHERE kind = 'zero_employment' AND closed_on IS NULL "
                            "AND household_id IS NOT NULL ORDER BY id"));
    while (true) {
      ANJU_TRY(row, st.Step());
      if (!row) break;
      open.emplace_back(st.ColumnInt(0), st.ColumnInt(1));
    }
  }
  std::set<int64_t> has_open;
  for (auto [case_id, hid] : open) {
    if (in_rule.contains(hid)) {
      has_open.insert(hid);
      continue;
    }
    ANJU_TRY(employed, AnyEmployed(db, hid, as_of));
    const ClearReason reason = employed ? ClearReason::kEmployed : ClearReason::kNoLongerAble;
    const std::string note = employed ? "a member is employed on " + FormatIsoDate(as_of) + " (sweep)"
                                      : "the household left the rule on " + FormatIsoDate(as_of) +
                                            " without a job: no member of labour age able and willing "
                                            "to work, or the household is no longer counted (sweep)";
    ANJU_CHECK(cases.Transition(sys, {.case_id = case_id, .transition = industry::ClearTransition(reason), .note = note}));
    // The household left the rule by its own facts: nothing excuses it later, so the sweep's
    // clearing holds for its day only (a documented refusal holds zero_employment.clearing_valid_months);
    // if it re-enters the rule a later sweep opens a new follow-up.
    const std::optional<Date> until =
        employed ? std::nullopt : std::optional<Date>{Date{std::chrono::sys_days(as_of) + std::chrono::days{1}}};
    ANJU_CHECK(InsertClearing(db, sys, case_id, hid, reason, as_of, until, note));
    ++res.cleared;
  }
  for (const ZeroAlert& a : alerts) {
    if (has_open.contains(a.household_id) || !a.clear_reason.empty()) continue;
    ANJU_TRY(place, casework::HouseholdPlace(db, a.household_id));
    if (!place) continue;
    nlohmann::json details = {{"as_of", FormatIsoDate(as_of)}, {"candidates", a.candidates}};
    ANJU_CHECK(cases.Open(sys, {.kind = std::string(industry::kZeroEmploymentKind),
                                .subject_entity = "household",
                                .subject_id = a.household_id,
                                .household_id = a.household_id,
                                .place = *place,
                                .title = "零就业家庭 " + a.household_no,
                                .details = details.dump()}));
    ++res.opened;
  }
  ANJU_CHECK(scope.Commit());
  return res;
}

Result<int64_t> ClearZeroEmployment(Connection& db, const Actor& actor, int64_t case_id, ClearReason reason, Date on,
                                    const std::string& note, std::optional<int64_t> expected_version) {
  if (!actor.CanRecordJobs())
    return PermissionDenied("your role may not follow up zero-employment households (jobs.record)",
                            "您的角色无权跟进零就业家庭（jobs.record）");
  ANJU_TRY(st, db.Prepare("SELECT household_id, state, version FROM cases WHERE id = ?1 AND kind = 'zero_employment'"));
  st.Bind(1, case_id);
  ANJU_TRY(row, st.Step());
  if (!row || st.ColumnIsNull(0))
    return NotFound("no such zero-employment follow-up", "id", std::to_string(case_id), "没有这个零就业帮扶事项");
  const int64_t hid = st.ColumnInt(0);
  st.Reset();
  ANJU_CHECK(HouseholdInScope(db, actor, hid));
  ANJU_TRY(set, casework::LoadSettings(db));
  ANJU_TRY(refusals, SettingInt(set, "zero_employment.refusals", 3));
  ANJU_TRY(months, SettingInt(set, "zero_employment.lost_contact_months", 3));
  ANJU_TRY(valid, SettingInt(set, "zero_employment.clearing_valid_months", 12));
  if (on > TodayInChina())
    return InvalidArgument("the clearing date may not be after today", "date", FormatIsoDate(on), "清零日期不能晚于今天");
  industry::ClearingFacts facts;
  facts.on = on;
  facts.note = note;
  ANJU_TRY(band, LabourAgeBand(db));
  {
    ANJU_TRY(in, db.Prepare(fmt::format("{} SELECT count(*) FROM f WHERE f.hid = ?4 AND f.candidates > 0 AND f.employed = 0",
                                        kMembersCte)));
    BindAsOf(in, on, band);
    in.Bind(4, hid);
    ANJU_TRY(r, in.Step());
    facts.zero_employment_on = r && in.ColumnInt(0) > 0;
  }
  // The household's members' services (any membership now or before the day).
  constexpr std::string_view kHouseholdPersons =
      "(SELECT id FROM persons WHERE household_id = ?1 UNION SELECT person_id FROM membership_history WHERE household_id = ?1)";
  {
    ANJU_TRY(q, db.Prepare(fmt::format("SELECT count(*) FROM job_services WHERE voided_at IS NULL AND kind = 'job_offer' "
                                       "AND outcome = 'refused' AND given_on <= ?2 AND person_id IN {}",
                                       kHouseholdPersons)));
    q.Bind(1, hid).Bind(2, FormatIsoDate(on));
    ANJU_TRY(r, q.Step());
    facts.refused_offers = r ? static_cast<int>(q.ColumnInt(0)) : 0;
  }
  {
    // The earliest unanswered contact after the last answered one (both on or before the day).
    ANJU_TRY(q, db.Prepare(fmt::format(
        "SELECT min(given_on) FROM job_services WHERE voided_at IS NULL AND outcome = 'no_answer' AND given_on <= ?2 "
        "AND person_id IN {0} AND given_on > coalesce((SELECT max(given_on) FROM job_services WHERE voided_at IS NULL "
        "AND outcome IN ('accepted','refused') AND given_on <= ?2 AND person_id IN {0}), '')",
        kHouseholdPersons)));
    q.Bind(1, hid).Bind(2, FormatIsoDate(on));
    ANJU_TRY(r, q.Step());
    if (r && !q.ColumnIsNull(0)) {
      ANJU_TRY(d, ParseIsoDate(q.ColumnText(0), "given_on"));
      facts.first_failed_contact = d;
    }
  }
  ANJU_CHECK(industry::CheckClearing(reason, facts,
                                     {.refusals = static_cast<int>(refusals), .lost_contact_months = static_cast<int>(months)}));
  ANJU_TRY(scope, WriteScope::Begin(db, "zero_employment_clear"));
  casework::CaseService cases = casework::MakeCaseService(db, on);
  ANJU_TRY(c, cases.Transition(AsModule(actor), {.case_id = case_id,
                                                 .transition = industry::ClearTransition(reason),
                                                 .note = note,
                                                 .expected_version = expected_version}));
  std::optional<Date> until;
  if (reason != ClearReason::kEmployed) until = industry::AddMonths(on, static_cast<int>(valid));
  ANJU_CHECK(InsertClearing(db, actor, case_id, hid, reason, on, until, note));
  ANJU_CHECK(scope.Commit());
  return c.version;
}

// ---- job services --------------------------------------------------------------------------

namespace {

constexpr std::string_view kVacancyCols =
    "v.id, v.employer, v.post, v.channel, v.monthly_pay_fen, v.place, v.openings, v.open_from, v.open_until, "
    "v.site_id, coalesce(s.name, ''), v.age_min, v.age_max, v.note, v.recorded_by, v.version, "
    "(SELECT count(*) FROM job_services js WHERE js.vacancy_id = v.id AND js.voided_at IS NULL) "
    "FROM vacancies v LEFT JOIN sites s ON s.id = v.site_id ";

Result<Vacancy> ReadVacancy(Statement& st) {
  Vacancy out;
  out.id = st.ColumnInt(0);
  industry::NewVacancy& v = out.v;
  v.employer = st.ColumnText(1);
  v.post = st.ColumnText(2);
  v.channel = st.ColumnText(3);
  v.monthly_pay_fen = st.ColumnOptionalInt(4);
  if (!st.ColumnIsNull(5)) v.place = st.ColumnText(5);
  v.openings = st.ColumnInt(6);
  ANJU_TRY(from, ParseIsoDate(st.ColumnText(7), "open_from"));
  v.open_from = from;
  ANJU_TRY(until, OptDate(st, 8, "open_until"));
  v.open_until = until;
  v.site_id = st.ColumnOptionalInt(9);
  out.site_name = st.ColumnText(10);
  if (!st.ColumnIsNull(11)) v.age_min = static_cast<int>(st.ColumnInt(11));
  if (!st.ColumnIsNull(12)) v.age_max = static_cast<int>(st.ColumnInt(12));
  v.note = st.ColumnText(13);
  out.recorded_by = st.ColumnText(14);
  out.version = st.ColumnInt(15);
  out.services = st.ColumnInt(16);
  return out;
}

constexpr std::string_view kSeekerCols =
    "js.id, js.person_id, p.household_id, p.name, h.household_no, s.name, p.birth_date, js.registered_on, js.ended_on, "
    "js.wishes, js.wanted_place, js.min_pay_fen, "
    "EXISTS (SELECT 1 FROM jobs j WHERE j.person_id = p.id AND j.voided_at IS NULL AND j.started_on <= ?1 "
    "AND (j.ended_on IS NULL OR j.ended_on > ?1)) "
    "FROM job_seekers js JOIN persons p ON p.id = js.person_id JOIN households h ON h.id = p.household_id "
    "JOIN sites s ON s.id = h.site_id JOIN origin_villages o ON o.id = h.origin_village_id ";

Result<Seeker> ReadSeeker(Statement& st, Date as_of) {
  Seeker s;
  s.id = st.ColumnInt(0);
  s.person_id = st.ColumnInt(1);
  s.household_id = st.ColumnInt(2);
  s.name = st.ColumnText(3);
  s.household_no = st.ColumnText(4);
  s.site_name = st.ColumnText(5);
  ANJU_TRY(birth, ParseIsoDate(st.ColumnText(6), "birth_date"));
  s.age = AgeInCompletedYears(birth, as_of);
  ANJU_TRY(reg, ParseIsoDate(st.ColumnText(7), "registered_on"));
  s.registered_on = reg;
  ANJU_TRY(ended, OptDate(st, 8, "ended_on"));
  s.ended_on = ended;
  s.wishes = st.ColumnText(9);
  if (!st.ColumnIsNull(10)) s.wanted_place = st.ColumnText(10);
  s.min_pay_fen = st.ColumnOptionalInt(11);
  s.employed = st.ColumnInt(12) != 0;
  return s;
}

Result<std::vector<Seeker>> ReadSeekers(Connection& db, Statement& st, Date as_of) {
  std::vector<Seeker> out;
  while (true) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    ANJU_TRY(s, ReadSeeker(st, as_of));
    out.push_back(std::move(s));
  }
  st.Reset();
  for (Seeker& s : out) ANJU_CHECK(Tally(db, s.person_id, as_of, s.tally));
  return out;
}

// The household of person `id`, checked against the actor's scope (kNotFound outside).
Result<int64_t> PersonHousehold(Connection& db, const Actor& actor, int64_t person_id) {
  ANJU_TRY(st, db.Prepare("SELECT household_id FROM persons WHERE id = ?1"));
  st.Bind(1, person_id);
  ANJU_TRY(row, st.Step());
  if (!row) return NotFound("no such person", "person_id", std::to_string(person_id), "没有这个人");
  const int64_t hid = st.ColumnInt(0);
  st.Reset();
  auto place = HouseholdInScope(db, actor, hid);
  if (!place) return NotFound("no such person", "person_id", std::to_string(person_id), "没有这个人");
  return hid;
}

Status NeedJobsRecord(const Actor& actor) {
  if (!actor.CanRecordJobs())
    return PermissionDenied("your role may not record job services (jobs.record)", "您的角色无权登记就业服务（jobs.record）");
  return {};
}

}  // namespace

Result<int64_t> CreateVacancy(Connection& db, const Actor& actor, const industry::NewVacancy& v) {
  if (!actor.CanManageIndustry())
    return PermissionDenied("your role may not keep vacancies (industry.manage)", "您的角色无权维护岗位信息（industry.manage）");
  ANJU_CHECK(industry::CheckVacancy(v));
  std::string township = actor.scope.township_code;
  if (v.site_id) {
    ANJU_TRY(st, db.Prepare("SELECT township_code FROM sites WHERE id = ?1"));
    st.Bind(1, *v.site_id);
    ANJU_TRY(row, st.Step());
    if (!row) return InvalidArgument("no such site", "site_id", std::to_string(*v.site_id), "没有这个安置点");
    township = st.ColumnText(0);
    Place place{.origin_township_code = "", .site_id = *v.site_id, .site_township_code = township, .grid_id = 0};
    if (!ScopeCovers(actor.scope, place))
      return TargetOutsideScope(actor.scope, "site_id", std::to_string(*v.site_id));
  } else if (actor.scope.level == AccessScope::Level::kSite || actor.scope.level == AccessScope::Level::kGrid) {
    return InvalidArgument("site_id is required for your scope (the vacancy's site)", "site_id", "",
                           "请选择岗位所在安置点");
  }
  ANJU_TRY(scope, WriteScope::Begin(db, "vacancy_create"));
  ANJU_TRY(ins, db.Prepare(
      "INSERT INTO vacancies (employer, post, channel, monthly_pay_fen, place, openings, open_from, open_until, site_id, "
      "township_code, age_min, age_max, note, recorded_by, recorded_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) RETURNING id"));
  ins.Bind(1, v.employer).Bind(2, v.post).Bind(3, v.channel).Bind(4, v.monthly_pay_fen).Bind(5, v.place);
  ins.Bind(6, v.openings).Bind(7, FormatIsoDate(v.open_from));
  if (v.open_until) ins.Bind(8, FormatIsoDate(*v.open_until));
  else ins.BindNull(8);
  ins.Bind(9, v.site_id).Bind(10, township).Bind(11, v.age_min).Bind(12, v.age_max).Bind(13, v.note);
  ins.Bind(14, actor.username).Bind(15, UtcTimestampNow());
  ANJU_TRY(id, ins.RunReturningId());
  ANJU_CHECK(Audit(db, actor, "create", "vacancy", id,
                   {{"employer", {nullptr, v.employer}},
                    {"post", {nullptr, v.post}},
                    {"openings", {nullptr, v.openings}},
                    {"open_from", {nullptr, FormatIsoDate(v.open_from)}},
                    {"site_id", {nullptr, v.site_id ? nlohmann::json(*v.site_id) : nlohmann::json()}}}));
  ANJU_CHECK(scope.Commit());
  return id;
}

Result<std::vector<Vacancy>> ListVacancies(Connection& db, Date as_of, std::optional<int64_t> site_id, bool all) {
  std::string sql = fmt::format("SELECT {} WHERE v.voided_at IS NULL", kVacancyCols);
  if (!all) sql += " AND v.open_from <= ?1 AND (v.open_until IS NULL OR v.open_until > ?1)";
  if (site_id) sql += " AND (v.site_id = ?2 OR v.site_id IS NULL)";
  sql += " ORDER BY v.open_from DESC, v.id DESC";
  ANJU_TRY(st, db.Prepare(sql));
  st.Bind(1, FormatIsoDate(as_of));
  if (site_id) st.Bind(2, *site_id);
  std::vector<Vacancy> out;
  while (true) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    ANJU_TRY(v, ReadVacancy(st));
    out.push_back(std::move(v));
  }
  return out;
}

Result<std::optional<Vacancy>> GetVacancy(Connection& db, int64_t id) {
  ANJU_TRY(st, db.Prepare(fmt::format("SELECT {} WHERE v.id = ?1", kVacancyCols)));
  st.Bind(1, id);
  ANJU_TRY(row, st.Step());
  if (!row) return std::optional<Vacancy>{};
  ANJU_TRY(v, ReadVacancy(st));
  return std::optional<Vacancy>{std::move(v)};
}

Result<int64_t> RegisterSeeker(Connection& db, const Actor& actor, const NewSeeker& s) {
  ANJU_CHECK(NeedJobsRecord(actor));
  ANJU_CHECK(PersonHousehold(db, actor, s.person_id));
  std::vector<Error> faults;
  if (s.registered_on > TodayInChina())
    faults.push_back(InvalidArgument("registered_on may not be after today", "registered_on",
                                     FormatIsoDate(s.registered_on), "登记日期不能晚于今天").error());
  if (s.wanted_place)
    if (auto p = industry::ParsePlace(*s.wanted_place, "wanted_place"); !p) faults.push_back(p.error());
  if (auto age = CheckLabourAge(db, s.person_id, s.registered_on, "registered as job seekers", "进行求职登记"); !age)
    faults.push_back(age.error());
  if (s.min_pay_fen && *s.min_pay_fen < 0)
    faults.push_back(InvalidArgument("min_pay_fen must not be negative (fen)", "min_pay_fen",
                                     std::to_string(*s.min_pay_fen), "期望月薪（分）不能为负数").error());
  {
    ANJU_TRY(st, db.Prepare("SELECT id FROM job_seekers WHERE person_id = ?1 AND ended_on IS NULL AND voided_at IS NULL"));
    st.Bind(1, s.person_id);
    ANJU_TRY(row, st.Step());
    if (row)
      faults.push_back(Conflict("the person is already registered as a job seeker (registration " +
                                    std::to_string(st.ColumnInt(0)) + ")",
                                "person_id", std::to_string(s.person_id), "此人已有求职登记").error());
  }
  if (!faults.empty()) return AllFaults(std::move(faults));
  ANJU_TRY(scope, WriteScope::Begin(db, "seeker_register"));
  ANJU_TRY(ins, db.Prepare("INSERT INTO job_seekers (person_id, registered_on, wishes, wanted_place, min_pay_fen, "
                           "recorded_by, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id"));
  ins.Bind(1, s.person_id).Bind(2, FormatIsoDate(s.registered_on)).Bind(3, s.wishes).Bind(4, s.wanted_place);
  ins.Bind(5, s.min_pay_fen).Bind(6, actor.username).Bind(7, UtcTimestampNow());
  ANJU_TRY(id, ins.RunReturningId());
  ANJU_CHECK(Audit(db, actor, "create", "job_seeker", id,
                   {{"person_id", {nullptr, s.person_id}},
                    {"registered_on", {nullptr, FormatIsoDate(s.registered_on)}},
                    {"wishes", {nullptr, s.wishes}}}));
  ANJU_CHECK(scope.Commit());
  return id;
}

Result<std::vector<Seeker>> ListSeekers(Connection& db, const Actor& actor, Date as_of, std::optional<int64_t> site_id) {
  ScopeClause sc = HouseholdScopeSql(actor.scope, {.site_township = "s.township_code"});
  std::string sql = fmt::format(
      "SELECT {} WHERE js.voided_at IS NULL AND js.registered_on <= ?1 AND (js.ended_on IS NULL OR js.ended_on > ?1) "
      "AND ({})",
      kSeekerCols, sc.sql);
  if (site_id) sql += fmt::format(" AND h.site_id = {}", *site_id);
  sql += " ORDER BY h.household_no, p.id";
  ANJU_TRY(st, db.Prepare(sql));
  st.Bind(1, FormatIsoDate(as_of));
  BindScope(st, sc, 2);
  return ReadSeekers(db, st, as_of);
}

Result<Seeker> GetSeeker(Connection& db, const Actor& actor, int64_t id, Date as_of) {
  ANJU_TRY(st, db.Prepare(fmt::format("SELECT {} WHERE js.id = ?2", kSeekerCols)));
  st.Bind(1, FormatIsoDate(as_of)).Bind(2, id);
  ANJU_TRY(list, ReadSeekers(db, st, as_of));
  if (list.empty() || !HouseholdInScope(db, actor, list[0].household_id))
    return NotFound("no such job seeker", "id", std::to_string(id), "没有这条求职登记");
  return list[0];
}

Result<int64_t> AddService(Connection& db, const Actor& actor, int64_t seeker_id, const NewService& s, Date today) {
  ANJU_CHECK(NeedJobsRecord(actor));
  ANJU_TRY(seeker, GetSeeker(db, actor, seeker_id, today));
  std::vector<Error> faults;
  if (auto k = industry::ParseServiceKind(s.kind); !k) faults.push_back(k.error());
  if (auto o = industry::ParseServiceOutcome(s.outcome); !o) faults.push_back(o.error());
  if (s.given_on > today)
    faults.push_back(InvalidArgument("given_on may not be after today", "given_on", FormatIsoDate(s.given_on),
                                     "服务日期不能晚于今天").error());
  if (s.given_on < seeker.registered_on)
    faults.push_back(InvalidArgument("given_on may not be before the registration (" +
                                         FormatIsoDate(seeker.registered_on) + ")",
                                     "given_on", FormatIsoDate(s.given_on),
                                     "服务日期不能早于求职登记日期（" + FormatIsoDate(seeker.registered_on) + "）")
                         .error());
  if (s.vacancy_id) {
    ANJU_TRY(v, GetVacancy(db, *s.vacancy_id));
    if (!v) faults.push_back(InvalidArgument("no such vacancy", "vacancy_id", std::to_string(*s.vacancy_id),
                                             "没有这个岗位").error());
  }
  if (!faults.empty()) return AllFaults(std::move(faults));
  ANJU_TRY(scope, WriteScope::Begin(db, "job_service_add"));
  ANJU_TRY(ins, db.Prepare("INSERT INTO job_services (seeker_id, person_id, kind, vacancy_id, given_on, outcome, note, "
                           "by_user_id, by_name, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id"));
  ins.Bind(1, seeker_id).Bind(2, seeker.person_id).Bind(3, s.kind).Bind(4, s.vacancy_id).Bind(5, FormatIsoDate(s.given_on));
  ins.Bind(6, s.outcome).Bind(7, s.note).Bind(8, actor.user_id).Bind(9, actor.username).Bind(10, UtcTimestampNow());
  ANJU_TRY(id, ins.RunReturningId());
  ANJU_CHECK(Audit(db, actor, "create", "job_service", id,
                   {{"seeker_id", {nullptr, seeker_id}},
                    {"kind", {nullptr, s.kind}},
                    {"outcome", {nullptr, s.outcome}},
                    {"given_on", {nullptr, FormatIsoDate(s.given_on)}},
                    {"vacancy_id", {nullptr, s.vacancy_id ? nlohmann::json(*s.vacancy_id) : nlohmann::json()}}}));
  // A household in the rule today without a follow-up (the sweep has not run yet) gets one now;
  // an open follow-up of the household is now being followed up.
  {
    ANJU_TRY(alert, ZeroEmploymentHousehold(db, SystemActor(), seeker.household_id, today));
    if (alert.open && (alert.case_id == 0 || alert.case_state == industry::kZeCleared)) {
      ANJU_TRY(place, casework::HouseholdPlace(db, seeker.household_id));
      if (place) {
        nlohmann::json details = {{"as_of", FormatIsoDate(today)}, {"candidates", alert.candidates}};
        ANJU_CHECK(casework::MakeCaseService(db, today)
                       .Open(SystemActor(), {.kind = std::string(industry::kZeroEmploymentKind),
                                             .subject_entity = "household",
                                             .subject_id = seeker.household_id,
                                             .household_id = seeker.household_id,
                                             .place = *place,
                                             .title = "零就业家庭 " + alert.household_no,
                                             .details = details.dump()}));
      }
    }
  }
  {
    ANJU_TRY(st, db.Prepare("SELECT id FROM cases WHERE kind = 'zero_employment' AND household_id = ?1 AND state = 'open' "
                            "AND closed_on IS NULL"));
    st.Bind(1, seeker.household_id);
    std::vector<int64_t> ids;
    while (true) {
      ANJU_TRY(row, st.Step());
      if (!row) break;
      ids.push_back(st.ColumnInt(0));
    }
    casework::CaseService cases = casework::MakeCaseService(db, today);
    for (int64_t cid : ids)
      ANJU_CHECK(cases.Transition(AsModule(actor), {.case_id = cid, .transition = "start",
                                                    .note = "service recorded: " + s.kind}));
  }
  ANJU_CHECK(scope.Commit());
  return id;
}

Result<int64_t> AddServiceToPerson(Connection& db, const Actor& actor, int64_t person_id, const NewService& s, Date today) {
  ANJU_CHECK(NeedJobsRecord(actor));
  ANJU_CHECK(PersonHousehold(db, actor, person_id));
  ANJU_TRY(scope, WriteScope::Begin(db, "job_service_person"));
  int64_t seeker_id = 0;
  {
    ANJU_TRY(st, db.Prepare("SELECT id FROM job_seekers WHERE person_id = ?1 AND ended_on IS NULL AND voided_at IS NULL"));
    st.Bind(1, person_id);
    ANJU_TRY(row, st.Step());
    if (row) seeker_id = st.ColumnInt(0);
  }
  if (seeker_id == 0) {
    ANJU_TRY(id, RegisterSeeker(db, actor, {.person_id = person_id, .registered_on = s.given_on,
                                            .wishes = "", .wanted_place = std::nullopt, .min_pay_fen = std::nullopt}));
    seeker_id = id;
  }
  ANJU_TRY(id, AddService(db, actor, seeker_id, s, today));
  ANJU_CHECK(scope.Commit());
  return id;
}

Result<std::vector<Service>> SeekerServices(Connection& db, const Actor& actor, int64_t seeker_id) {
  ANJU_CHECK(GetSeeker(db, actor, seeker_id, TodayInChina()));
  ANJU_TRY(st, db.Prepare(
      "SELECT js.id, js.seeker_id, js.person_id, js.kind, js.vacancy_id, coalesce(v.employer || ' · ' || v.post, ''), "
      "js.given_on, js.outcome, js.note, js.by_name FROM job_services js LEFT JOIN vacancies v ON v.id = js.vacancy_id "
      "WHERE js.seeker_id = ?1 AND js.voided_at IS NULL ORDER BY js.given_on, js.id"));
  st.Bind(1, seeker_id);
  std::vector<Service> out;
  while (true) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    Service s;
    s.id = st.ColumnInt(0);
    s.seeker_id = st.ColumnInt(1);
    s.person_id = st.ColumnInt(2);
    s.kind = st.ColumnText(3);
    s.vacancy_id = st.ColumnOptionalInt(4);
    s.vacancy_label = st.ColumnText(5);
    ANJU_TRY(on, ParseIsoDate(st.ColumnText(6), "given_on"));
    s.given_on = on;
    s.outcome = st.ColumnText(7);
    s.note = st.ColumnText(8);
    s.by_name = st.ColumnText(9);
    out.push_back(std::move(s));
  }
  return out;
}

Result<std::vector<Seeker>> VacancyMatches(Connection& db, const Actor& actor, int64_t id, Date as_of) {
  ANJU_TRY(vac, GetVacancy(db, id));
  if (!vac) return NotFound("no such vacancy", "id", std::to_string(id), "没有这个岗位");
  ANJU_TRY(seekers, ListSeekers(db, actor, as_of, vac->v.site_id));
  ANJU_TRY(alerts, ZeroEmploymentAlerts(db, actor, as_of, {.site_id = vac->v.site_id, .grid_id = std::nullopt}));
  std::set<int64_t> zero;
  for (const ZeroAlert& a : alerts) zero.insert(a.household_id);
  std::vector<Seeker> fit, rest;
  for (Seeker& s : seekers) {
    if (s.employed) continue;
    if (vac->v.age_min && s.age < *vac->v.age_min) continue;
    if (vac->v.age_max && s.age > *vac->v.age_max) continue;
    if (s.wanted_place && vac->v.place && *s.wanted_place != *vac->v.place) continue;
    if (s.min_pay_fen && vac->v.monthly_pay_fen && *s.min_pay_fen > *vac->v.monthly_pay_fen) continue;
    (zero.contains(s.household_id) ? fit : rest).push_back(std::move(s));
  }
  for (Seeker& s : rest) fit.push_back(std::move(s));
  return fit;
}

}  // namespace anju::storage
