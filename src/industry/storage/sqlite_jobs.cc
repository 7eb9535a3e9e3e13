#include "industry/storage/sqlite_jobs.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <set>
#include <variant>

#include "casework/storage/sqlite_casework.h"
#include "core/try.h"
#include "industry/settings.h"
#include "storage/audit_log.h"
#include "storage/scope_sql.h"

namespace anju::storage {

using industry::Job;
using industry::JobInput;

namespace {

constexpr std::string_view kJobColumns =
    "j.id, j.person_id, p.name, p.household_id, h.household_no, h.site_id, j.channel, j.employer, j.workshop_id, "
    "j.park_id, j.place, j.work_county, j.started_on, j.ended_on, j.end_reason, j.monthly_income_fen, "
    "j.months_per_year, j.note, j.post_holding_id, j.source, j.recorded_by, j.recorded_at, "
    "coalesce(j.voided_at, ''), j.void_reason, j.version ";
constexpr std::string_view kJobFrom =
    "FROM jobs j JOIN persons p ON p.id = j.person_id JOIN households h ON h.id = p.household_id "
    "JOIN origin_villages o ON o.id = h.origin_village_id JOIN sites s ON s.id = h.site_id ";

Result<Job> ReadJob(Statement& st) {
  Job j;
  j.id = st.ColumnInt(0);
  j.person_id = st.ColumnInt(1);
  j.person_name = st.ColumnText(2);
  j.household_id = st.ColumnInt(3);
  j.household_no = st.ColumnText(4);
  j.site_id = st.ColumnInt(5);
  ANJU_TRY(ch, industry::ParseChannel(st.ColumnText(6)));
  j.in.channel = ch;
  j.in.employer = st.ColumnText(7);
  if (!st.ColumnIsNull(8)) j.in.workshop_id = st.ColumnInt(8);
  if (!st.ColumnIsNull(9)) j.in.park_id = st.ColumnInt(9);
  if (!st.ColumnIsNull(10)) {
    ANJU_TRY(pl, industry::ParseWorkPlace(st.ColumnText(10)));
    j.in.place = pl;
  }
  j.in.work_county = st.ColumnText(11);
  ANJU_TRY(start, ParseIsoDate(st.ColumnText(12), "started_on"));
  j.in.started_on = start;
  if (!st.ColumnIsNull(13)) {
    ANJU_TRY(end, ParseIsoDate(st.ColumnText(13), "ended_on"));
    j.in.ended_on = end;
  }
  j.in.end_reason = st.ColumnText(14);
  if (!st.ColumnIsNull(15)) j.in.monthly_income_fen = st.ColumnInt(15);
  if (!st.ColumnIsNull(16)) j.in.months_per_year = static_cast<int>(st.ColumnInt(16));
  j.in.note = st.ColumnText(17);
  if (!st.ColumnIsNull(18)) j.post_holding_id = st.ColumnInt(18);
  j.source = st.ColumnText(19);
  j.recorded_by = st.ColumnText(20);
  j.recorded_at = st.ColumnText(21);
  j.voided_at = st.ColumnText(22);
  j.void_reason = st.ColumnText(23);
  j.version = st.ColumnInt(24);
  return j;
}

Result<std::vector<Job>> ReadAll(Statement& st) {
  std::vector<Job> out;
  while (true) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    ANJU_TRY(j, ReadJob(st));
    out.push_back(std::move(j));
  }
  st.Reset();
  return out;
}

nlohmann::json Opt(const std::optional<int64_t>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); }
nlohmann::json OptDay(const std::optional<Date>& d) {
  return d ? nlohmann::json(FormatIsoDate(*d)) : nlohmann::json(nullptr);
}

// The entered values as audit JSON.
nlohmann::json Values(const JobInput& in) {
  return {{"channel", industry::ChannelName(in.channel)},
          {"employer", in.employer},
          {"workshop_id", Opt(in.workshop_id)},
          {"park_id", Opt(in.park_id)},
          {"place", in.place ? nlohmann::json(industry::WorkPlaceName(*in.place)) : nlohmann::json(nullptr)},
          {"work_county", in.work_county},
          {"started_on", FormatIsoDate(in.started_on)},
          {"ended_on", OptDay(in.ended_on)},
          {"end_reason", in.end_reason},
          {"monthly_income_fen", Opt(in.monthly_income_fen)},
          {"months_per_year", in.months_per_year ? nlohmann::json(*in.months_per_year) : nlohmann::json(nullptr)},
          {"note", in.note}};
}

nlohmann::json Diff(const nlohmann::json& before, const nlohmann::json& after) {
  nlohmann::json d = nlohmann::json::object();
  for (auto it = after.begin(); it != after.end(); ++it) {
    const nlohmann::json b = before.contains(it.key()) ? before[it.key()] : nlohmann::json(nullptr);
    if (b != it.value()) d[it.key()] = {b, it.value()};
  }
  return d;
}

void BindInput(Statement& st, int first, const JobInput& in) {
  st.Bind(first, industry::ChannelName(in.channel));
  st.Bind(first + 1, in.employer);
  st.Bind(first + 2, in.workshop_id);
  st.Bind(first + 3, in.park_id);
  if (in.place) st.Bind(first + 4, industry::WorkPlaceName(*in.place));
  else st.BindNull(first + 4);
  st.Bind(first + 5, in.work_county);
  st.Bind(first + 6, FormatIsoDate(in.started_on));
  if (in.ended_on) st.Bind(first + 7, FormatIsoDate(*in.ended_on));
  else st.BindNull(first + 7);
  st.Bind(first + 8, in.end_reason);
  st.Bind(first + 9, in.monthly_income_fen);
  if (in.months_per_year) st.Bind(first + 10, int64_t{*in.months_per_year});
  else st.BindNull(first + 10);
  st.Bind(first + 11, in.note);
}

}  // namespace

Result<std::optional<industry::PersonFacts>> SqliteJobRepository::Person(int64_t id) {
  ANJU_TRY(st, db_.Prepare(
      "SELECT p.id, p.name, p.household_id, o.township_code, h.site_id, s.township_code, h.grid_id, p.birth_date "
      "FROM persons p JOIN households h ON h.id = p.household_id JOIN origin_villages o ON o.id = h.origin_village_id "
      "JOIN sites s ON s.id = h.site_id WHERE p.id = ?1"));
  st.Bind(1, id);
  ANJU_TRY(row, st.Step());
  if (!row) return std::optional<industry::PersonFacts>{};
  industry::PersonFacts f;
  f.id = st.ColumnInt(0);
  f.name = st.ColumnText(1);
  f.household_id = st.ColumnInt(2);
  f.place.household_id = f.household_id;
  f.place.origin_township_code = st.ColumnText(3);
  f.place.site_id = st.ColumnInt(4);
  f.place.site_township_code = st.ColumnText(5);
  f.place.grid_id = st.ColumnIsNull(6) ? 0 : st.ColumnInt(6);
  ANJU_TRY(birth, ParseIsoDate(st.ColumnText(7), "birth_date"));
  f.birth_date = birth;
  return std::optional<industry::PersonFacts>{std::move(f)};
}

Result<std::optional<Place>> SqliteJobRepository::HouseholdPlace(int64_t id) {
  ANJU_TRY(st, db_.Prepare(
      "SELECT o.township_code, h.site_id, s.township_code, h.grid_id FROM households h "
      "JOIN origin_villages o ON o.id = h.origin_village_id JOIN sites s ON s.id = h.site_id WHERE h.id = ?1"));
  st.Bind(1, id);
  ANJU_TRY(row, st.Step());
  if (!row) return std::optional<Place>{};
  Place p;
  p.household_id = id;
  p.origin_township_code = st.ColumnText(0);
  p.site_id = st.ColumnInt(1);
  p.site_township_code = st.ColumnText(2);
  p.grid_id = st.ColumnIsNull(3) ? 0 : st.ColumnInt(3);
  return std::optional<Place>{std::move(p)};
}

Result<std::vector<Job>> SqliteJobRepository::OfPerson(int64_t person_id) {
  ANJU_TRY(st, db_.Prepare(fmt::format("SELECT {} {} WHERE j.person_id = ?1 ORDER BY j.started_on, j.id", kJobColumns,
                                       kJobFrom)));
  st.Bind(1, person_id);
  return ReadAll(st);
}

Result<std::vector<Job>> SqliteJobRepository::OfHousehold(int64_t household_id, Date as_of) {
  // The members' jobs current on the day: the persons of the household now and those whose
  // membership history puts them in it on the day (docs/living-register.md).
  ANJU_TRY(st, db_.Prepare(fmt::format(
      "SELECT {} {} WHERE j.voided_at IS NULL AND j.started_on <= ?2 AND (j.ended_on IS NULL OR j.ended_on > ?2) "
      "AND j.person_id IN (SELECT id FROM persons WHERE household_id = ?1 "
      "UNION SELECT person_id FROM membership_history WHERE household_id = ?1 "
      "AND (start_date IS NULL OR start_date <= ?2) AND end_date > ?2) "
      "ORDER BY p.id, j.started_on, j.id",
      kJobColumns, kJobFrom)));
  st.Bind(1, household_id).Bind(2, FormatIsoDate(as_of));
  return ReadAll(st);
}

Result<std::optional<Job>> SqliteJobRepository::Get(int64_t id) {
  ANJU_TRY(st, db_.Prepare(fmt::format("SELECT {} {} WHERE j.id = ?1", kJobColumns, kJobFrom)));
  st.Bind(1, id);
  ANJU_TRY(all, ReadAll(st));
  if (all.empty()) return std::optional<Job>{};
  return std::optional<Job>{std::move(all[0])};
}

Result<Page<Job>> SqliteJobRepository::List(const AccessScope& scope, const industry::JobFilter& f,
                                            const PageRequest& page) {
  ScopeClause sc = HouseholdScopeSql(scope, {.site_township = "s.township_code"});
  std::string where = "(" + sc.sql + ")";
  std::vector<std::variant<int64_t, std::string>> vals = sc.values;
  if (f.site_id) where += " AND h.site_id = ?", vals.emplace_back(*f.site_id);
  if (f.person_id) where += " AND j.person_id = ?", vals.emplace_back(*f.person_id);
  if (f.household_id) where += " AND p.household_id = ?", vals.emplace_back(*f.household_id);
  if (f.channel) where += " AND j.channel = ?", vals.emplace_back(std::string(industry::ChannelName(*f.channel)));
  if (f.as_of) {
    const std::string d = FormatIsoDate(*f.as_of);
    where += " AND j.started_on <= ? AND (j.ended_on IS NULL OR j.ended_on > ?)";
    vals.emplace_back(d), vals.emplace_back(d);
  }
  if (!f.include_voided || f.as_of) where += " AND j.voided_at IS NULL";
  auto bind_all = [&](Statement& st) {
    int i = 1;
    for (const auto& x : vals) {
      if (std::holds_alternative<int64_t>(x)) st.Bind(i++, std::get<int64_t>(x));
      else st.Bind(i++, std::get<std::string>(x));
    }
    return i;
  };
  Page<Job> out;
  if (page.with_total) {
    ANJU_TRY(c, db_.Prepare(fmt::format("SELECT count(*) {} WHERE {}", kJobFrom, where)));
    bind_all(c);
    ANJU_TRY(row, c.Step());
    out.total = row ? c.ColumnInt(0) : 0;
  }
  // Keyset on the id, newest first; cursor = the last id given.
  int64_t after = 0;
  if (!page.cursor.empty()) {
    try {
      after = std::stoll(page.cursor);
    } catch (...) {
      return InvalidArgument("the cursor is not one this list gave", "cursor", page.cursor, "分页游标无效");
    }
    where += " AND j.id < ?", vals.emplace_back(after);
  }
  const int limit = page.ClampedLimit();
  ANJU_TRY(st, db_.Prepare(fmt::format("SELECT {} {} WHERE {} ORDER BY j.id DESC LIMIT ?", kJobColumns, kJobFrom, where)));
  const int i = bind_all(st);
  st.Bind(i, int64_t{limit + 1});
  ANJU_TRY(items, ReadAll(st));
  out.items = std::move(items);
  if (static_cast<int>(out.items.size()) > limit) {
    out.items.pop_back();
    out.next_cursor = std::to_string(out.items.back().id);
  }
  return out;
}

Status SqliteJobRepository::RefreshCache(const Actor& actor, int64_t person_id, Date today) {
  ANJU_TRY(jobs, OfPerson(person_id));
  const std::string_view want = industry::CacheChannel(jobs, today);
  ANJU_TRY(cur, db_.Prepare("SELECT employment_kind FROM persons WHERE id = ?1"));
  cur.Bind(1, person_id);
  ANJU_TRY(row, cur.Step());
  if (!row) return {};
  const std::string before = cur.ColumnText(0);
  cur.Reset();
  if (before == want) return {};
  ANJU_TRY(up, db_.Prepare("UPDATE persons SET employment_kind = ?1 WHERE id = ?2"));
  up.Bind(1, want).Bind(2, person_id);
  ANJU_CHECK(up.Run());
  nlohmann::json changes = {{"employment_kind", {before, std::string(want)}}};
  return AppendAudit(db_, actor,
                     AuditEntry{.action = "update", .entity = "person", .entity_id = std::to_string(person_id),
                                .changes = changes.dump(), .source = "jobs (employment_kind cache)"});
}

Result<int64_t> SqliteJobRepository::Insert(const Actor& actor, int64_t person_id, const JobInput& in,
                                            std::string_view source, Date today) {
  ANJU_TRY(w, WriteScope::Begin(db_, "job_insert"));
  ANJU_TRY(ins, db_.Prepare(
      "INSERT INTO jobs (person_id, channel, employer, workshop_id, park_id, place, work_county, started_on, ended_on, "
      "end_reason, monthly_income_fen, months_per_year, note, source, recorded_by, recorded_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) RETURNING id"));
  ins.Bind(1, person_id);
  BindInput(ins, 2, in);
  ins.Bind(14, source).Bind(15, actor.username).Bind(16, UtcTimestampNow());
  ANJU_TRY(id, ins.RunReturningId());
  nlohmann::json changes = Diff(nlohmann::json::object(), Values(in));
  changes["person_id"] = {nullptr, person_id};
  changes["source"] = {nullptr, std::string(source)};
  ANJU_CHECK(AppendAudit(db_, actor, AuditEntry{.action = "create", .entity = "job", .entity_id = std::to_string(id),
                                                .changes = changes.dump(), .source = std::string(source)}));
  ANJU_CHECK(RefreshCache(actor, person_id, today));
  ANJU_CHECK(w.Commit());
  return id;
}

Status SqliteJobRepository::Update(const Actor& actor, int64_t id, int64_t version, const JobInput& in,
                                   std::string_view what, Date today) {
  ANJU_TRY(w, WriteScope::Begin(db_, "job_update"));
  ANJU_TRY(before, Get(id));
  if (!before) return NotFound(fmt::format("no job {}", id), "id", std::to_string(id), fmt::format("没有编号为 {} 的就业记录", id));
  ANJU_TRY(up, db_.Prepare(
      "UPDATE jobs SET channel = ?1, employer = ?2, workshop_id = ?3, park_id = ?4, place = ?5, work_county = ?6, "
      "started_on = ?7, ended_on = ?8, end_reason = ?9, monthly_income_fen = ?10, months_per_year = ?11, note = ?12, "
      "version = version + 1 WHERE id = ?13 AND version = ?14 AND voided_at IS NULL"));
  BindInput(up, 1, in);
  up.Bind(13, id).Bind(14, version);
  ANJU_CHECK(up.Run());
  if (db_.Changes() != 1)
    return Conflict(fmt::format("job {} changed since it was read: reload and try again", id), "version",
                    std::to_string(version), fmt::format("就业记录 {} 已被他人修改：请刷新后重试", id));
  ANJU_CHECK(AppendAudit(db_, actor, AuditEntry{.action = "update", .entity = "job", .entity_id = std::to_string(id),
                                                .changes = Diff(Values(before->in), Values(in)).dump(),
                                                .source = std::string(what)}));
  ANJU_CHECK(RefreshCache(actor, before->person_id, today));
  return w.Commit();
}

Status SqliteJobRepository::Void(const Actor& actor, int64_t id, int64_t version, const std::string& reason,
                                 Date today) {
  ANJU_TRY(w, WriteScope::Begin(db_, "job_void"));
  ANJU_TRY(before, Get(id));
  if (!before) return NotFound(fmt::format("no job {}", id), "id", std::to_string(id), fmt::format("没有编号为 {} 的就业记录", id));
  const std::string at = UtcTimestampNow();
  ANJU_TRY(up, db_.Prepare(
      "UPDATE jobs SET voided_at = ?1, void_reason = ?2, version = version + 1 "
      "WHERE id = ?3 AND version = ?4 AND voided_at IS NULL"));
  up.Bind(1, at).Bind(2, reason).Bind(3, id).Bind(4, version);
  ANJU_CHECK(up.Run());
  if (db_.Changes() != 1)
    return Conflict(fmt::format("job {} changed or was voided since it was read", id), "version",
                    std::to_string(version), fmt::format("就业记录 {} 已被修改或作废：请刷新后重试", id));
  nlohmann::json changes = {{"voided_at", {nullptr, at}}, {"void_reason", {nullptr, reason}}};
  ANJU_CHECK(AppendAudit(db_, actor, AuditEntry{.action = "update", .entity = "job", .entity_id = std::to_string(id),
                                                .changes = changes.dump(), .source = "void"}));
  ANJU_CHECK(RefreshCache(actor, before->person_id, today));
  return w.Commit();
}

Result<int64_t> SqliteJobRepository::RefreshCaches(const Actor& actor, Date today) {
  // Persons whose cache may be stale: a cached channel with no current job today, or current
  // jobs none of which has the cached channel. Jobs never start after the day they are recorded
  // (CheckJob), so by date only ends change the answer; the exact value is CacheChannel's.
  const std::string d = FormatIsoDate(today);
  ANJU_TRY(st, db_.Prepare(
      "SELECT p.id FROM persons p WHERE p.employment_kind <> 'none' AND NOT EXISTS (SELECT 1 FROM jobs j "
      "WHERE j.person_id = p.id AND j.voided_at IS NULL AND j.started_on <= ?1 AND (j.ended_on IS NULL OR j.ended_on > ?1)) "
      "UNION SELECT p.id FROM persons p WHERE EXISTS (SELECT 1 FROM jobs j WHERE j.person_id = p.id "
      "AND j.voided_at IS NULL AND j.started_on <= ?1 AND (j.ended_on IS NULL OR j.ended_on > ?1)) "
      "AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.person_id = p.id AND j.voided_at IS NULL AND j.started_on <= ?1 "
      "AND (j.ended_on IS NULL OR j.ended_on > ?1) AND (j.channel = p.employment_kind OR "
      "(p.employment_kind = 'self_employed' AND j.channel IN ('flexible', 'other'))))"));
  st.Bind(1, d);
  std::vector<int64_t> ids;
  while (true) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    ids.push_back(st.ColumnInt(0));
  }
  st.Reset();
  ANJU_TRY(w, WriteScope::Begin(db_, "job_refresh"));
  int64_t changed = 0;
  ANJU_TRY(cur, db_.Prepare("SELECT employment_kind FROM persons WHERE id = ?1"));
  for (int64_t id : ids) {
    cur.Bind(1, id);
    ANJU_TRY(row, cur.Step());
    const std::string before = row ? cur.ColumnText(0) : std::string();
    cur.Reset();
    ANJU_CHECK(RefreshCache(actor, id, today));
    cur.Bind(1, id);
    ANJU_TRY(row2, cur.Step());
    if (row2 && cur.ColumnText(0) != before) ++changed;
    cur.Reset();
  }
  ANJU_CHECK(w.Commit());
  return changed;
}

Status RecordRegistryEmployment(Connection& db, const Actor& actor, int64_t person_id, std::string_view channel,
                                const std::string& employer, Date today) {
  SqliteJobRepository repo(db);
  ANJU_TRY(jobs, repo.OfPerson(person_id));
  if (industry::CacheChannel(jobs, today) == channel) return {};
  ANJU_TRY(person, repo.Person(person_id));
  if (!person) return NotFound(fmt::format("no person {}", person_id), "person_id", std::to_string(person_id),
                               fmt::format("没有编号为 {} 的人员", person_id));
  ANJU_TRY(age_min, LaborAgeMin(db));
  const std::string reason = fmt::format("登记表就业情况改为 {}", channel);
  for (const Job& j : jobs) {
    if (!j.CurrentOn(today)) continue;
    if (auto post = industry::NotThroughPost(j); !post) {
      Error e = post.error();
      e.field = "employment_kind";
      return std::unexpected(e);
    }
    if (j.in.started_on < today) {
      JobInput in = j.in;
      in.ended_on = today;
      in.end_reason = reason;
      ANJU_CHECK(repo.Update(actor, j.id, j.version, in, "end (registry)", today));
    } else {
      ANJU_CHECK(repo.Void(actor, j.id, j.version, reason, today));
    }
  }
  if (channel == "none") return {};
  ANJU_TRY(ch, industry::ParseChannel(channel));
  JobInput in;
  in.channel = ch;
  in.employer = employer;
  in.started_on = today;
  in.note = "recorded from the person's employment_kind (registry)";
  ANJU_TRY(now, repo.OfPerson(person_id));
  if (auto s = industry::CheckJob(in, *person, today, age_min, now); !s) {
    Error e = s.error();
    if (e.field.empty()) e.field = "employment_kind";
    return std::unexpected(e);
  }
  ANJU_TRY(id, repo.Insert(actor, person_id, in, "registry", today));
  (void)id;
  return {};
}

Status VoidRecordsOfPerson(Connection& db, const Actor& actor, int64_t person_id, const std::string& reason, Date today) {
  // A holding with money paid is not an entry error: the person worked the post.
  ANJU_TRY(paid, db.Prepare("SELECT h.id FROM post_holdings h WHERE h.person_id = ?1 AND h.voided_at IS NULL AND EXISTS "
                            "(SELECT 1 FROM post_months m WHERE m.holding_id = h.id AND m.paid_fen > 0) ORDER BY h.id"));
  paid.Bind(1, person_id);
  std::string paid_ids;
  for (;;) {
    ANJU_TRY(row, paid.Step());
    if (!row) break;
    paid_ids += (paid_ids.empty() ? "" : ", ") + std::to_string(paid.ColumnInt(0));
  }
  if (!paid_ids.empty())
    return Conflict(fmt::format("person {} was paid for welfare post holding {}: a person who worked a post was not entered "
                                "in error; record how they left the household instead",
                                person_id, paid_ids),
                    "post_holdings", paid_ids,
                    fmt::format("该人员已在公益岗位（岗位记录 {}）领取补贴，不属于误录：请登记其离开本户的原因", paid_ids));
  ANJU_TRY(w, WriteScope::Begin(db, "person_records_void"));
  const std::string at = UtcTimestampNow();
  ANJU_TRY(held, db.Prepare("SELECT id FROM post_holdings WHERE person_id = ?1 AND voided_at IS NULL ORDER BY id"));
  held.Bind(1, person_id);
  std::vector<int64_t> holdings;
  for (;;) {
    ANJU_TRY(row, held.Step());
    if (!row) break;
    holdings.push_back(held.ColumnInt(0));
  }
  for (int64_t h : holdings) {
    ANJU_TRY(up, db.Prepare("UPDATE post_holdings SET voided_at = ?1, void_reason = ?2, version = version + 1 WHERE id = ?3"));
    up.Bind(1, at).Bind(2, reason).Bind(3, h);
    ANJU_CHECK(up.Run());
    nlohmann::json changes = {{"voided_at", {nullptr, at}}, {"void_reason", {nullptr, reason}}};
    ANJU_CHECK(AppendAudit(db, actor, AuditEntry{.action = "update", .entity = "post_holding", .entity_id = std::to_string(h),
                                                 .changes = changes.dump(), .source = "void (person entered in error)"}));
  }
  SqliteJobRepository repo(db);
  ANJU_TRY(jobs, repo.OfPerson(person_id));
  for (const Job& j : jobs)
    if (!j.Voided()) ANJU_CHECK(repo.Void(actor, j.id, j.version, reason, today));
  return w.Commit();
}

Result<int> LaborAgeMin(Connection& db) {
  ANJU_TRY(settings, casework::LoadSettings(db));
  auto v = settings.Integer("labor.age_min");
  if (!v) return 18;  // not declared (industry settings not installed, e.g. a unit test)
  return static_cast<int>(*v);
}

Status CheckLabourAge(Connection& db, int64_t person_id, Date on, std::string_view what_en, std::string_view what_zh) {
  ANJU_TRY(st, db.Prepare("SELECT birth_date, name FROM persons WHERE id = ?1"));
  st.Bind(1, person_id);
  ANJU_TRY(row, st.Step());
  if (!row)
    return NotFound(fmt::format("no person {}", person_id), "person_id", std::to_string(person_id),
                    fmt::format("没有编号为 {} 的人员", person_id));
  ANJU_TRY(birth, ParseIsoDate(st.ColumnText(0), "birth_date"));
  const std::string name = st.ColumnText(1);
  ANJU_TRY(min, LaborAgeMin(db));
  // A day before the birth is no real day of this person (a stand-in while the date itself is
  // refused, http/all_faults.h): the date's own fault says it.
  if (on < birth) return {};
  const int age = AgeInCompletedYears(birth, on);
  if (age >= min) return {};
  return InvalidArgument(
      fmt::format("{} is {} on {}, under the labour age minimum of {} (setting labor.age_min): only persons of labour "
                  "age are {}; check the person",
                  name, age, FormatIsoDate(on), min, what_en),
      "person_id", std::to_string(person_id),
      fmt::format("{}在 {} 为 {} 周岁，未满劳动年龄 {} 周岁（下限见{}）：只有劳动年龄人员可{}；请核对人员", name,
                  FormatIsoDate(on), age, min, industry::SettingNameZh("labor.age_min"), what_zh));
}

}  // namespace anju::storage
