#include "reports/storage/sqlite_report_repository.h"

#include <sqlite3.h>

#include <string>

#include <algorithm>
#include <memory>
#include <thread>

#include "core/date.h"
#include "core/try.h"
#include "industry/storage/sqlite_places.h"
#include "reports/county_report.h"
#include "reports/storage/labour_spans.h"

namespace anju::storage {

namespace {

using reports::CommunityRecord;
using reports::HouseholdRecord;
using reports::LandContractRecord;
using reports::OriginVillageRecord;
using reports::ParkRecord;
using reports::PersonRecord;
using reports::PlacementRecord;
using reports::SiteRecord;
using reports::WorkshopRecord;

// A raw statement for the streaming scans (the Statement wrapper copies text columns).
struct Finalizer {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using RawStatement = std::unique_ptr<sqlite3_stmt, Finalizer>;

Result<RawStatement> PrepareRaw(Database& db, std::string_view sql) {
  sqlite3_stmt* st = nullptr;
  int rc = sqlite3_prepare_v2(db.raw(), sql.data(), static_cast<int>(sql.size()), &st, nullptr);
  if (rc != SQLITE_OK) return std::unexpected(SqliteError(db.raw(), rc, sql.substr(0, 120)));
  return RawStatement(st);
}

std::string_view TextView(sqlite3_stmt* st, int col) {
  const unsigned char* p = sqlite3_column_text(st, col);
  if (!p) return {};
  return {reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(st, col))};
}

// Runs `sql` and calls `row` for each result row of the wrapper statement.
template <class Fn>
Status ForEach(Database& db, std::string_view sql, Fn&& row) {
  auto st = db.Prepare(sql);
  if (!st) return std::unexpected(st.error());
  while (true) {
    auto more = st->Step();
    if (!more) return std::unexpected(more.error());
    if (!*more) return {};
    row(*st);
  }
}

}  // namespace

SqliteReportRepository::SqliteReportRepository(Database& db, int max_workers,
                                               int64_t min_rows_for_parallel)
    : db_(db), max_workers_(std::max(1, max_workers)), min_rows_(min_rows_for_parallel) {}

SqliteReportRepository::~SqliteReportRepository() { EndSnapshot(); }

Status SqliteReportRepository::BeginSnapshot() {
  if (own_transaction_ || !sqlite3_get_autocommit(db_.raw())) return {};
  // A read snapshot starts with the first read of a deferred transaction.
  auto start_read = [](Database& d) -> Status {
    if (auto s = d.Exec("BEGIN DEFERRED"); !s) return s;
    return d.Exec("SELECT count(*) FROM sqlite_master");
  };
  const std::string& path = db_.path();
  const bool file = !path.empty() && path != ":memory:" && path.rfind("file::memory:", 0) != 0;
  // Extra threads pay off only for big tables (a county of ~40,000 persons scans in ~20 ms).
  int64_t persons = 0;
  if (file && max_workers_ > 1) {
    auto s = ForEach(db_, "SELECT COALESCE(MAX(rowid), 0) FROM persons",
                     [&](Statement& st) { persons = st.ColumnInt(0); });
    if (!s) return s;
  }
  std::unique_ptr<Database> lock;
  if (file && max_workers_ > 1 && persons >= min_rows_) {
    auto l = Database::Open(path, {.read_only = false, .create = false, .busy_timeout_ms = 200});
    if (l && (*l)->Exec("BEGIN IMMEDIATE")) lock = std::move(*l);
  }
  if (auto s = start_read(db_); !s) return s;
  own_transaction_ = true;
  if (lock) {
    for (int i = 1; i < max_workers_; ++i) {
      auto w = Database::Open(path, {.read_only = true, .create = false});
      if (!w || !start_read(**w)) break;
      workers_.push_back(std::move(*w));
    }
    (void)lock->Exec("ROLLBACK");  // writers may go on; every snapshot has started
  }
  return {};
}

void SqliteReportRepository::CloseWorkers() {
  for (auto& w : workers_) (void)w->Exec("COMMIT");
  workers_.clear();
}

void SqliteReportRepository::EndSnapshot() {
  CloseWorkers();
  if (!own_transaction_) return;
  (void)db_.Exec("COMMIT");
  own_transaction_ = false;
}

Result<reports::ReportMeta> SqliteReportRepository::Meta() {
  reports::ReportMeta m;
  auto s = ForEach(db_, "SELECT key, value FROM meta", [&](Statement& st) {
    std::string k = st.ColumnText(0), v = st.ColumnText(1);
    if (k == "county_code") m.county_code = v;
    else if (k == "county_name") m.county_name = v;
    else if (k == "statistics_date" && !v.empty()) m.statistics_date = v;
    else if (k == "is_demo") m.is_demo = v == "1";
  });
  if (!s) return std::unexpected(s.error());
  return m;
}

Result<std::vector<SiteRecord>> SqliteReportRepository::Sites() {
  std::vector<SiteRecord> out;
  auto s = ForEach(db_,
                   "SELECT s.id, s.name, s.mode, s.township_code, COALESCE(d.name, ''), "
                   "s.planned_capacity FROM sites s LEFT JOIN divisions d ON d.code = "
                   "s.township_code ORDER BY s.id",
                   [&](Statement& st) {
                     out.push_back({st.ColumnInt(0), st.ColumnText(1), st.ColumnText(2),
                                    st.ColumnText(3), st.ColumnText(4), st.ColumnOptionalInt(5)});
                   });
  if (!s) return std::unexpected(s.error());
  return out;
}

Result<std::map<std::string, int64_t>> SqliteReportRepository::SiteAliases() {
  std::map<std::string, int64_t> out;
  auto s = ForEach(db_, "SELECT alias, site_id FROM site_aliases",
                   [&](Statement& st) { out[st.ColumnText(0)] = st.ColumnInt(1); });
  if (!s) return std::unexpected(s.error());
  return out;
}

Result<std::vector<OriginVillageRecord>> SqliteReportRepository::OriginVillages() {
  std::vector<OriginVillageRecord> out;
  auto s = ForEach(db_,
                   "SELECT v.id, v.township_code, COALESCE(d.name, ''), v.relocation_type "
                   "FROM origin_villages v LEFT JOIN divisions d ON d.code = v.township_code "
                   "ORDER BY v.id",
                   [&](Statement& st) {
                     out.push_back({st.ColumnInt(0), st.ColumnText(1), st.ColumnText(2),
                                    st.ColumnText(3) == "whole_village"});
                   });
  if (!s) return std::unexpected(s.error());
  return out;
}

Result<std::vector<ParkRecord>> SqliteReportRepository::Parks() {
  std::vector<ParkRecord> out;
  auto s = ForEach(db_, "SELECT id, site_id, status FROM parks ORDER BY id", [&](Statement& st) {
    out.push_back({st.ColumnInt(0), st.ColumnInt(1), st.ColumnText(2) == "planned"});
  });
  if (!s) return std::unexpected(s.error());
  return out;
}

Result<std::vector<WorkshopRecord>> SqliteReportRepository::Workshops() {
  std::vector<WorkshopRecord> out;
  auto s = ForEach(db_, "SELECT site_id, opened_on FROM workshops ORDER BY id",
                   [&](Statement& st) { out.push_back({st.ColumnInt(0), st.ColumnOptionalText(1)}); });
  if (!s) return std::unexpected(s.error());
  return out;
}

Result<std::vector<LandContractRecord>> SqliteReportRepository::LandContracts() {
  std::vector<LandContractRecord> out;
  auto s = ForEach(db_,
                   "SELECT kind, area_centimu, start_date, end_date FROM land_contracts ORDER BY id",
                   [&](Statement& st) {
                     out.push_back({st.ColumnText(0) == "custody", st.ColumnInt(1),
                                    st.ColumnText(2), st.ColumnOptionalText(3)});
                   });
  if (!s) return std::unexpected(s.error());
  return out;
}

Result<std::vector<CommunityRecord>> SqliteReportRepository::Communities() {
  std::vector<CommunityRecord> out;
  auto s = ForEach(db_,
                   "SELECT site_id, party_branch_founded, party_organisation FROM communities "
                   "ORDER BY id",
                   [&](Statement& st) {
                     out.push_back({st.ColumnInt(0), st.ColumnOptionalText(1), st.ColumnInt(2) != 0});
                   });
  if (!s) return std::unexpected(s.error());
  return out;
}

Result<int64_t> SqliteReportRepository::MaxHouseholdId() {
  int64_t v = 0;
  auto s = ForEach(db_, "SELECT COALESCE(MAX(id), 0) FROM households",
                   [&](Statement& st) { v = st.ColumnInt(0); });
  if (!s) return std::unexpected(s.error());
  return v;
}

int SqliteReportRepository::ScanWorkers(std::optional<int64_t> site_id) {
  return site_id ? 1 : 1 + static_cast<int>(workers_.size());
}

Status SqliteReportRepository::RunSplit(
    const std::function<Status(Database&, int, int64_t, int64_t)>& run) {
  int64_t lo = 0, hi = -1;
  // Two subqueries: SQLite answers a lone MIN or MAX from the ends of the primary key, but
  // MIN and MAX in one SELECT scan the whole table (0.3 s for 3.2 M households).
  auto s = ForEach(db_,
                   "SELECT COALESCE((SELECT MIN(id) FROM households), 0), "
                   "COALESCE((SELECT MAX(id) FROM households), -1)",
                   [&](Statement& st) {
    lo = st.ColumnInt(0);
    hi = st.ColumnInt(1);
  });
  if (!s) return s;
  std::vector<Database*> conns{&db_};
  for (auto& w : workers_) conns.push_back(w.get());
  const int n = static_cast<int>(conns.size());
  const int64_t span = hi >= lo ? hi - lo + 1 : 0;
  std::vector<Status> results(static_cast<size_t>(n));
  auto part = [&](int k) {
    const int64_t from = lo + span * k / n, to = lo + span * (k + 1) / n - 1;
    results[static_cast<size_t>(k)] = run(*conns[static_cast<size_t>(k)], k, from, to);
  };
  std::vector<std::thread> threads;
  for (int k = 1; k < n; ++k) threads.emplace_back(part, k);
  part(0);
  for (auto& t : threads) t.join();
  for (auto& r : results)
    if (!r) return r;
  return {};
}

namespace {

// housing_units is joined by its primary key (households.housing_unit_id is UNIQUE). Flags are
// packed into one column: fewer column calls per row (≈3.2 M rows at scale 240).
#define ANJU_HOUSEHOLD_COLUMNS                                                             \
  "h.id, h.origin_village_id, h.site_id, h.move_in_date, "                                \
  "(h.category = 'registered_poor') | (h.convention_signed << 1), hu.floor_area_dm2, "   \
  "coalesce(h.grid_id, 0), h.formed_on, h.ended_on "                                       \
  "FROM households h LEFT JOIN housing_units hu ON hu.id = h.housing_unit_id "
constexpr std::string_view kHouseholdsOfSite =
    "SELECT " ANJU_HOUSEHOLD_COLUMNS "WHERE h.site_id = ?1 ORDER BY h.id";
// Households placed at the site earlier (placement_history) and elsewhere now.
constexpr std::string_view kHouseholdsEarlierOfSite =
    "SELECT " ANJU_HOUSEHOLD_COLUMNS "WHERE h.id IN (SELECT household_id FROM placement_history "
    "WHERE site_id = ?1) AND h.site_id <> ?1 ORDER BY h.id";
constexpr std::string_view kHouseholdsInRange =
    "SELECT " ANJU_HOUSEHOLD_COLUMNS "WHERE h.id BETWEEN ?1 AND ?2 ORDER BY h.id";
#undef ANJU_HOUSEHOLD_COLUMNS
// Without the floor area (ScanNeeds::floor_area false): the same columns, no housing_units
// lookup per household.
std::string WithoutFloorArea(std::string_view sql) {
  std::string s(sql);
  for (auto [from, to] : {std::pair<std::string_view, std::string_view>{"hu.floor_area_dm2", "NULL"},
                          {" LEFT JOIN housing_units hu ON hu.id = h.housing_unit_id", ""}})
    if (auto at = s.find(from); at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

Status StreamHouseholds(Database& db, sqlite3_stmt* s, int worker,
                        const std::function<void(int, const HouseholdRecord&)>& fn) {
  HouseholdRecord h;
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    h.id = sqlite3_column_int64(s, 0);
    h.origin_village_id = sqlite3_column_int64(s, 1);
    h.site_id = sqlite3_column_int64(s, 2);
    h.move_in_date = TextView(s, 3);
    const int flags = sqlite3_column_int(s, 4);
    h.registered_poor = (flags & 1) != 0;
    h.convention_signed = (flags & 2) != 0;
    if (sqlite3_column_type(s, 5) == SQLITE_NULL)
      h.floor_area_dm2.reset();
    else
      h.floor_area_dm2 = sqlite3_column_int64(s, 5);
    h.grid_id = sqlite3_column_int64(s, 6);
    h.formed_on = TextView(s, 7);  // NULL reads as empty
    h.ended_on = TextView(s, 8);
    fn(worker, h);
  }
  if (rc != SQLITE_DONE) return std::unexpected(SqliteError(db.raw(), rc, "scan households"));
  return {};
}

// Every column comes from the covering index persons_report (migration 0006, with the
// membership period since registry 0002), whose last column is the five yes/no facts packed
// into one integer. The expression must stay identical
// to the index's for SQLite to read it from the index instead of evaluating it on the table row;
// INDEXED BY because the planner does not count an expression index as covering and would pick
// the narrower persons_household (sqlite_test checks the plan never touches the table).
#define ANJU_PERSON_COLUMNS                                                                      \
  "p.id, p.household_id, p.resident_id, p.birth_date, (relationship = 'head') | "                     \
  "(able_to_work << 1) | (wants_work << 2) | ((employment_kind <> 'none') << 3) | "             \
  "((sex = 'female') << 4), p.member_from, p.member_until"
constexpr std::string_view kPersonsOfSite = "SELECT " ANJU_PERSON_COLUMNS
    " FROM households h JOIN persons p INDEXED BY persons_report ON p.household_id = h.id"
    " WHERE h.site_id = ?1";
// Persons of households placed at the site earlier (placement_history) and elsewhere now.
constexpr std::string_view kPersonsEarlierOfSite = "SELECT " ANJU_PERSON_COLUMNS
    " FROM households h JOIN persons p INDEXED BY persons_report ON p.household_id = h.id"
    " WHERE h.id IN (SELECT household_id FROM placement_history WHERE site_id = ?1)"
    " AND h.site_id <> ?1";
constexpr std::string_view kPersonsInRange = "SELECT " ANJU_PERSON_COLUMNS
    " FROM persons p INDEXED BY persons_report WHERE p.household_id BETWEEN ?1 AND ?2";
// Earlier memberships (a few rows): the person's facts with that membership's household,
// relationship and period. ?1 unused (StreamRange binds it).
constexpr std::string_view kEarlierMemberships =
    "SELECT p.id, m.household_id, p.resident_id, p.birth_date, (m.relationship = 'head') | "
    "(p.able_to_work << 1) | (p.wants_work << 2) | ((p.employment_kind <> 'none') << 3) | "
    "((p.sex = 'female') << 4), m.start_date, m.end_date FROM membership_history m "
    "JOIN persons p ON p.id = m.person_id WHERE ?1 = ?1 ORDER BY m.id";
#undef ANJU_PERSON_COLUMNS

// Who is employed on the report day: bit i of `jobs` for person id i (empty: the cache flag).
struct EmployedBits {
  const std::vector<uint64_t>* bits = nullptr;
  const std::vector<uint16_t>* masks = nullptr;  // job_mask by person id, when loaded
  uint16_t Mask(int64_t id) const {
    return masks && id >= 0 && static_cast<size_t>(id) < masks->size() ? (*masks)[static_cast<size_t>(id)] : 0;
  }
  bool Has(int64_t id) const {
    const auto w = static_cast<uint64_t>(id) >> 6;
    return id >= 0 && w < bits->size() && (((*bits)[w] >> (static_cast<uint64_t>(id) & 63)) & 1) != 0;
  }
};

// Steps `s` (bound already) and calls fn(worker, person) per row.
Status StreamPersons(Database& db, sqlite3_stmt* s, int worker,
                     const std::function<void(int, const PersonRecord&)>& fn, EmployedBits jobs) {
  PersonRecord p;
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    p.id = sqlite3_column_int64(s, 0);
    p.household_id = sqlite3_column_int64(s, 1);
    p.resident_id = TextView(s, 2);
    p.birth_date = TextView(s, 3);
    const int flags = sqlite3_column_int(s, 4);
    p.is_head = (flags & 1) != 0;
    p.able_to_work = (flags & 2) != 0;
    p.wants_work = (flags & 4) != 0;
    p.employed = jobs.bits ? jobs.Has(p.id) : (flags & 8) != 0;
    p.job_mask = jobs.Mask(p.id);
    p.sex = (flags & 16) != 0 ? "female" : "male";  // CHECK (sex IN ('male','female'))
    p.member_from = TextView(s, 5);  // NULL reads as empty
    p.member_until = TextView(s, 6);
    fn(worker, p);
  }
  if (rc != SQLITE_DONE) return std::unexpected(SqliteError(db.raw(), rc, "scan persons"));
  return {};
}

// Prepares `sql` on `db`, binds the range (or the site) and streams it with stream(db, stmt).
template <class Stream>
Status StreamRange(Database& db, std::string_view sql, int64_t a, std::optional<int64_t> b,
                   Stream&& stream) {
  auto st = PrepareRaw(db, sql);
  if (!st) return std::unexpected(st.error());
  sqlite3_bind_int64(st->get(), 1, a);
  if (b) sqlite3_bind_int64(st->get(), 2, *b);
  return stream(db, st->get());
}

}  // namespace

std::string_view SqliteReportRepository::PersonScanSql(bool of_site) {
  return of_site ? kPersonsOfSite : kPersonsInRange;
}

std::string_view SqliteReportRepository::EarlierOfSitePersonScanSql() { return kPersonsEarlierOfSite; }

Result<bool> SqliteReportRepository::LivingRegister() {
  if (!living_register_) {
    bool has = false;
    auto s = ForEach(db_, "SELECT count(*) FROM sqlite_master WHERE name = 'membership_history'",
                     [&](Statement& st) { has = st.ColumnInt(0) > 0; });
    if (!s) return std::unexpected(s.error());
    living_register_ = has;
  }
  return *living_register_;
}

namespace {
// A database of the previous release's schema (before registry 0002, opened read-only without
// migrating): the same scans with NULL periods.
std::string Legacy(std::string_view sql) {
  std::string s(sql);
  for (std::string_view cols : {"h.formed_on, h.ended_on", "p.member_from, p.member_until"})
    if (auto at = s.find(cols); at != std::string::npos) s.replace(at, cols.size(), "NULL, NULL");
  return s;
}
}  // namespace

Status SqliteReportRepository::ScanHouseholds(
    std::optional<int64_t> site_id, const std::function<void(int, const HouseholdRecord&)>& fn) {
  ANJU_TRY(living, LivingRegister());
  std::string of_site = living ? std::string(kHouseholdsOfSite) : Legacy(kHouseholdsOfSite);
  std::string in_range = living ? std::string(kHouseholdsInRange) : Legacy(kHouseholdsInRange);
  if (!needs_.floor_area) {
    of_site = WithoutFloorArea(of_site);
    in_range = WithoutFloorArea(in_range);
  }
  auto households = [&fn](int worker) {
    return [&fn, worker](Database& d, sqlite3_stmt* s) { return StreamHouseholds(d, s, worker, fn); };
  };
  if (site_id) {
    if (auto s = StreamRange(db_, of_site, *site_id, std::nullopt, households(0)); !s)
      return s;
    if (!living) return {};
    return StreamRange(db_, kHouseholdsEarlierOfSite, *site_id, std::nullopt, households(0));
  }
  return RunSplit([&](Database& d, int k, int64_t from, int64_t to) {
    return StreamRange(d, in_range, from, to, households(k));
  });
}

Result<std::vector<PlacementRecord>> SqliteReportRepository::Placements() {
  std::vector<PlacementRecord> out;
  ANJU_TRY(living, LivingRegister());
  if (!living) return out;
  auto s = ForEach(db_,
                   "SELECT x.household_id, x.site_id, x.origin_village_id, coalesce(x.grid_id, 0), "
                   "hu.floor_area_dm2, coalesce(x.start_date, ''), x.end_date FROM placement_history x "
                   "LEFT JOIN housing_units hu ON hu.id = x.housing_unit_id ORDER BY x.household_id, x.id",
                   [&](Statement& st) {
                     out.push_back({st.ColumnInt(0), st.ColumnInt(1), st.ColumnInt(2), st.ColumnInt(3),
                                    st.ColumnOptionalInt(4), st.ColumnText(5), st.ColumnText(6)});
                   });
  if (!s) return std::unexpected(s.error());
  return out;
}

std::string_view SqliteReportRepository::JobsPassSql(bool with_channels) {
  // The WHERE holds voided_at IS NULL, so SQLite answers from the partial index jobs_current
  // (industry 0007), which carries every column read: no table row is visited. ?2 and ?3 bound
  // started_on to one worker's part, [?2, ?3); ?1 is the day.
  return with_channels ? "SELECT person_id, channel FROM jobs WHERE started_on >= ?2 AND started_on < ?3 AND "
                         "started_on <= ?1 AND (ended_on IS NULL OR ended_on > ?1) AND voided_at IS NULL"
                       : "SELECT person_id FROM jobs WHERE started_on >= ?2 AND started_on < ?3 AND "
                         "started_on <= ?1 AND (ended_on IS NULL OR ended_on > ?1) AND voided_at IS NULL";
}

Result<std::optional<reports::ReportRepository::LabourTotals>> SqliteReportRepository::LabourDayTotals(
    std::string_view as_of) {
  ANJU_TRY(t, ReadLabourDayTotals(db_, as_of));
  if (!t) return std::optional<LabourTotals>{};
  return std::optional<LabourTotals>(LabourTotals{t->working_age, t->employed});
}

Status SqliteReportRepository::LoadEmployment(std::string_view as_of) {
  employed_.clear();
  job_masks_.clear();
  tables_ = {};
  employment_from_jobs_ = false;
  bool has_jobs = false;
  auto s = ForEach(db_, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'jobs'",
                   [&](Statement& st) { has_jobs = st.ColumnInt(0) > 0; });
  if (!s) return s;
  if (!has_jobs) return {};  // no industry module: the employment_kind cache
  int64_t max_id = 0;
  s = ForEach(db_, "SELECT COALESCE(MAX(id), 0) FROM persons", [&](Statement& st) { max_id = st.ColumnInt(0); });
  if (!s) return s;
  const bool channels = needs_.job_channels;
  // The parts: started_on in [bounds[k], bounds[k+1]), one per connection of the snapshot, split
  // at equal spans of days between the earliest start and as_of ('' and a text above every date
  // at the ends, so every row falls in exactly one part whatever its text).
  std::vector<Database*> conns{&db_};
  for (auto& w : workers_) conns.push_back(w.get());
  std::vector<std::string> bounds{""};
  if (conns.size() > 1) {
    std::string first;
    s = ForEach(db_, "SELECT COALESCE(MIN(started_on), '') FROM jobs WHERE voided_at IS NULL",
                [&](Statement& st) { first = st.ColumnText(0); });
    if (!s) return s;
    auto a = ParseIsoDate(first), b = ParseIsoDate(as_of);
    if (a && b && *a < *b) {
      const int da = DaysSinceEpoch(*a), db = DaysSinceEpoch(*b), n = static_cast<int>(conns.size());
      for (int k = 1; k < n; ++k) bounds.push_back(FormatIsoDate(FromDaysSinceEpoch(da + (db - da) * k / n)));
    }
  }
  bounds.push_back("\x7f");  // above every 'YYYY-MM-DD' text
  const size_t parts = bounds.size() - 1;
  // Each part fills its own bitset (and masks); they are OR-ed together afterwards.
  std::vector<std::vector<uint64_t>> bits(parts, std::vector<uint64_t>(static_cast<size_t>(max_id / 64 + 1), 0));
  std::vector<std::vector<uint16_t>> masks(channels ? parts : 0, std::vector<uint16_t>(static_cast<size_t>(max_id + 1), 0));
  std::vector<Status> results(parts);
  // Current on as_of and not voided (docs/industry.md "Dates, units, periods").
  auto part = [&](size_t k) {
    Database& d = *conns[k];
    auto st = PrepareRaw(d, JobsPassSql(channels));
    if (!st) {
      results[k] = std::unexpected(st.error());
      return;
    }
    sqlite3_stmt* q = st->get();
    sqlite3_bind_text(q, 1, as_of.data(), static_cast<int>(as_of.size()), SQLITE_STATIC);
    sqlite3_bind_text(q, 2, bounds[k].data(), static_cast<int>(bounds[k].size()), SQLITE_STATIC);
    sqlite3_bind_text(q, 3, bounds[k + 1].data(), static_cast<int>(bounds[k + 1].size()), SQLITE_STATIC);
    std::vector<uint64_t>& e = bits[k];
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
      const int64_t id = sqlite3_column_int64(q, 0);
      if (id < 0 || id > max_id) continue;
      e[static_cast<size_t>(id >> 6)] |= uint64_t{1} << (id & 63);
      if (!channels) continue;
      const auto channel = std::string_view(reinterpret_cast<const char*>(sqlite3_column_text(q, 1)),
                                            static_cast<size_t>(sqlite3_column_bytes(q, 1)));
      for (size_t c = 0; c < reports::kJobChannels.size(); ++c)
        if (channel == reports::kJobChannels[c]) masks[k][static_cast<size_t>(id)] |= static_cast<uint16_t>(1u << c);
    }
    if (rc != SQLITE_DONE) results[k] = std::unexpected(SqliteError(d.raw(), rc, "scan jobs"));
  };
  std::vector<std::thread> threads;
  for (size_t k = 1; k < parts; ++k) threads.emplace_back(part, k);
  part(0);
  for (auto& t : threads) t.join();
  for (auto& r : results)
    if (!r) return r;
  employed_ = std::move(bits[0]);
  for (size_t k = 1; k < parts; ++k)
    for (size_t w = 0; w < employed_.size(); ++w) employed_[w] |= bits[k][w];
  if (channels) {
    job_masks_ = std::move(masks[0]);
    for (size_t k = 1; k < parts; ++k)
      for (size_t i = 0; i < job_masks_.size(); ++i) job_masks_[i] |= masks[k][i];
  }
  employment_from_jobs_ = true;
  tables_.jobs = true;
  return {};
}

Status SqliteReportRepository::ScanPersons(
    std::optional<int64_t> site_id, const std::function<void(int, const PersonRecord&)>& fn) {
  int last = 0;
  ANJU_TRY(living, LivingRegister());
  const EmployedBits jobs{employment_from_jobs_ ? &employed_ : nullptr,
                          employment_from_jobs_ && !job_masks_.empty() ? &job_masks_ : nullptr};
  auto persons = [&fn, jobs](int worker) {
    return [&fn, jobs, worker](Database& d, sqlite3_stmt* s) { return StreamPersons(d, s, worker, fn, jobs); };
  };
  if (site_id) {  // one site: through households_site and persons_report
    const std::string of_site = living ? std::string(kPersonsOfSite) : Legacy(kPersonsOfSite);
    if (auto s = StreamRange(db_, of_site, *site_id, std::nullopt, persons(0)); !s)
      return s;
    if (!living) return {};
    if (auto s = StreamRange(db_, kPersonsEarlierOfSite, *site_id, std::nullopt, persons(0)); !s)
      return s;
  } else {
    std::string in_range = living ? std::string(kPersonsInRange) : Legacy(kPersonsInRange);
    // Without resident_id: the same columns, the id read as '' (no text decoded per person).
    if (!needs_.resident_id) in_range.replace(in_range.find("p.resident_id"), 13, "''");
    auto s = RunSplit([&](Database& d, int k, int64_t from, int64_t to) {
      return StreamRange(d, in_range, from, to, persons(k));
    });
    if (!s) return s;
    if (!living) return {};
    last = static_cast<int>(workers_.size());
  }
  // The earlier memberships: after the workers joined, on the last worker's accumulators.
  return StreamRange(db_, kEarlierMemberships, 0, std::nullopt, persons(last));
}

Result<std::map<int64_t, std::string>> SqliteReportRepository::HouseholdNumbers(
    const std::vector<int64_t>& ids) {
  std::map<int64_t, std::string> out;
  auto st = db_.Prepare("SELECT household_no FROM households WHERE id = ?1");
  if (!st) return std::unexpected(st.error());
  for (int64_t id : ids) {
    if (out.count(id)) continue;
    st->Reset();
    st->Bind(1, id);
    auto more = st->Step();
    if (!more) return std::unexpected(more.error());
    if (*more) out[id] = st->ColumnText(0);
  }
  return out;
}

namespace {
// Whether the database has table `name` (an optional module's table).
Result<bool> HasTable(Database& db, std::string_view name) {
  auto st = db.Prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1");
  if (!st) return std::unexpected(st.error());
  st->Bind(1, std::string(name));
  auto row = st->Step();
  if (!row) return std::unexpected(row.error());
  return *row && st->ColumnInt(0) > 0;
}
}  // namespace

Result<std::optional<std::vector<reports::CertificateRecord>>> SqliteReportRepository::Certificates(
    std::string_view as_of) {
  auto has = HasTable(db_, "training_certificates");
  if (!has) return std::unexpected(has.error());
  if (!*has) return std::optional<std::vector<reports::CertificateRecord>>{};
  auto st = db_.Prepare(
      "SELECT p.household_id, c.kind FROM training_certificates c JOIN persons p ON p.id = c.person_id "
      "WHERE c.issued_on <= ?1 AND c.voided_at IS NULL");
  if (!st) return std::unexpected(st.error());
  st->Bind(1, std::string(as_of));
  std::vector<reports::CertificateRecord> out;
  while (true) {
    auto row = st->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    const std::string kind = st->ColumnText(1);
    int k = 0;
    while (k < static_cast<int>(reports::kCertificateKinds.size()) && kind != reports::kCertificateKinds[static_cast<size_t>(k)]) ++k;
    out.push_back({st->ColumnInt(0), k});  // an unknown kind (k = size) is skipped by the report
  }
  return std::optional(std::move(out));
}

Result<std::optional<std::vector<int64_t>>> SqliteReportRepository::ZeroEmploymentCleared(std::string_view as_of) {
  auto has = HasTable(db_, "zero_employment_clearings");
  if (!has) return std::unexpected(has.error());
  if (!*has) return std::optional<std::vector<int64_t>>{};
  auto st = db_.Prepare(
      "SELECT DISTINCT household_id FROM zero_employment_clearings WHERE reason <> 'employed' AND "
      "cleared_on <= ?1 AND (valid_until IS NULL OR valid_until > ?1)");
  if (!st) return std::unexpected(st.error());
  st->Bind(1, std::string(as_of));
  std::vector<int64_t> out;
  while (true) {
    auto row = st->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    out.push_back(st->ColumnInt(0));
  }
  return std::optional(std::move(out));
}

Result<std::vector<reports::WorkshopRecognitionRecord>> SqliteReportRepository::WorkshopRecognitions(
    std::string_view as_of) {
  // A database before the places area's columns (industry 0003) or casework's settings: none.
  auto has = HasTable(db_, "casework_settings");
  if (!has) return std::unexpected(has.error());
  bool recognition = false;
  auto s = ForEach(db_, "SELECT count(*) FROM pragma_table_info('workshops') WHERE name = 'recognised_on'",
                   [&](Statement& st) { recognition = st.ColumnInt(0) > 0; });
  if (!s) return std::unexpected(s.error());
  if (!*has || !recognition) return std::vector<reports::WorkshopRecognitionRecord>{};
  auto d = ParseIsoDate(as_of, "as_of");
  if (!d) return std::unexpected(d.error());
  auto rows = storage::WorkshopRecognitions(db_, AccessScope{}, *d);  // every workshop; the report filters by site
  if (!rows) return std::unexpected(rows.error());
  std::vector<reports::WorkshopRecognitionRecord> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back({r.workshop.site_id, industry::CountsAsRecognised(r.recognition)});
  return out;
}

}  // namespace anju::storage
