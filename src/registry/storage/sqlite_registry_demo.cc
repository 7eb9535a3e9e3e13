#include "registry/storage/sqlite_registry_demo.h"
#include "registry/storage/sqlite_demo_events.h"

#include <fmt/format.h>

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <condition_variable>
#include <deque>
#include <iterator>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "storage/audit_log.h"
#include "sites/storage/sqlite_sites_reference.h"

namespace anju::storage {

namespace {

constexpr std::string_view kStamp = "2022-09-30T00:00:00Z";  // fixed so runs are identical

// ---- Pipelined bulk sink ---------------------------------------------------------------------
// The generator (calling thread) encodes each row into a Batch: up to 20 bound values per row,
// texts copied into one arena per batch. Full batches go through a bounded queue to a writer
// thread that binds them with SQLITE_STATIC (no copy inside SQLite) and steps the prepared
// INSERTs, so generation and SQLite's work overlap on the two cores. Row order is kept, so the
// database content is the same as with a single thread.

enum class Table : uint8_t { kSite, kVillage, kGrid, kUnit, kHousehold, kPerson, kWorkshop, kCommunity, kLand, kCount };

constexpr const char* kInsertSql[] = {
    "INSERT INTO sites(id, name, mode, township_code, note) VALUES (?,?,?,?,?)",
    "INSERT INTO origin_villages(id, division_code, name, township_code, relocation_type) VALUES (?,?,?,?,?)",
    "INSERT INTO grids(id, site_id, name, buildings) VALUES (?,?,?,?)",
    "INSERT INTO housing_units(id, site_id, building, entrance, room, floor_area_dm2) VALUES (?,?,?,?,?,?)",
    "INSERT INTO households(id, household_no, category, origin_village_id, site_id, housing_unit_id, grid_id, "
    "move_in_date, convention_signed, version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,1,?,?)",
    "INSERT INTO persons(id, household_id, resident_id, name, name_initials, sex, birth_date, relationship, "
    "ethnicity, phone, education, health, disability_grade, able_to_work, wants_work, employment_kind, "
    "employer, version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?,?)",
    "INSERT INTO workshops(id, site_id, name, kind, opened_on, rent_free_years) VALUES (?,?,?,?,?,?)",
    "INSERT INTO communities(id, site_id, name, division_code, party_branch_founded, party_organisation) "
    "VALUES (?,?,?,?,?,1)",
    "INSERT INTO land_contracts(id, kind, origin_village_id, operator, area_centimu, start_date) VALUES (?,?,?,?,?,?)",
};
static_assert(std::size(kInsertSql) == static_cast<size_t>(Table::kCount));

// One bound value: NULL, an integer, or a text slice of the batch's arena.
struct Value {
  enum Kind : uint8_t { kNull, kInt, kText } kind = kNull;
  uint32_t len = 0;
  int64_t v = 0;  // integer, or arena offset of the text
};

struct Batch {
  std::vector<Table> tables;     // one per row
  std::vector<uint8_t> counts;   // values per row
  std::vector<Value> values;     // all rows' values, in order
  std::string arena;
  void clear() {
    tables.clear();
    counts.clear();
    values.clear();
    arena.clear();
  }
  size_t rows() const { return tables.size(); }
};

// Writes "YYYY-MM-DD" into `out` (10 chars) without formatting machinery.
void IsoDate(Date d, char* out) {
  int y = static_cast<int>(d.year());
  const unsigned m = static_cast<unsigned>(d.month()), dd = static_cast<unsigned>(d.day());
  for (int i = 3; i >= 0; --i, y /= 10) out[i] = static_cast<char>('0' + y % 10);
  out[4] = '-';
  out[5] = static_cast<char>('0' + m / 10);
  out[6] = static_cast<char>('0' + m % 10);
  out[7] = '-';
  out[8] = static_cast<char>('0' + dd / 10);
  out[9] = static_cast<char>('0' + dd % 10);
}

// Builds one row of a batch.
class RowBuilder {
 public:
  RowBuilder(Batch& b, Table t) : b_(b) { b_.tables.push_back(t); }
  ~RowBuilder() { b_.counts.push_back(n_); }
  RowBuilder& Int(int64_t v) { return Push({Value::kInt, 0, v}); }
  RowBuilder& Null() { return Push({}); }
  RowBuilder& Text(std::string_view s) {
    Value v{Value::kText, static_cast<uint32_t>(s.size()), static_cast<int64_t>(b_.arena.size())};
    b_.arena.append(s);
    return Push(v);
  }
  RowBuilder& TextOrNull(std::string_view s) { return s.empty() ? Null() : Text(s); }
  RowBuilder& OptInt(const std::optional<int64_t>& v) { return v ? Int(*v) : Null(); }
  RowBuilder& OptInt(const std::optional<int>& v) { return v ? Int(*v) : Null(); }
  RowBuilder& IsoDateText(Date d) {
    char buf[10];
    IsoDate(d, buf);
    return Text(std::string_view(buf, 10));
  }

 private:
  RowBuilder& Push(Value v) {
    b_.values.push_back(v);
    ++n_;
    return *this;
  }
  Batch& b_;
  uint8_t n_ = 0;
};

struct StmtDeleter {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};

// The writer side: prepared statements and the code that binds and steps a batch. Used by
// the writer thread only (the connection is touched by one thread at a time).
class BatchWriter {
 public:
  explicit BatchWriter(Database& db) : db_(db) {}
  Status Prepare() {
    for (size_t i = 0; i < std::size(kInsertSql); ++i) {
      sqlite3_stmt* st = nullptr;
      int rc = sqlite3_prepare_v3(db_.raw(), kInsertSql[i], -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr);
      if (rc != SQLITE_OK) return std::unexpected(SqliteError(db_.raw(), rc, kInsertSql[i]));
      stmts_[i].reset(st);
    }
    return {};
  }
  Status Write(const Batch& b) {
    size_t vi = 0;
    for (size_t r = 0; r < b.rows(); ++r) {
      sqlite3_stmt* st = stmts_[static_cast<size_t>(b.tables[r])].get();
      const int n = b.counts[r];
      for (int i = 0; i < n; ++i, ++vi) {
        const Value& v = b.values[vi];
        switch (v.kind) {
          case Value::kNull: sqlite3_bind_null(st, i + 1); break;
          case Value::kInt: sqlite3_bind_int64(st, i + 1, v.v); break;
          case Value::kText:
            sqlite3_bind_text(st, i + 1, b.arena.data() + v.v, static_cast<int>(v.len), SQLITE_STATIC);
            break;
        }
      }
      const int rc = sqlite3_step(st);
      sqlite3_reset(st);
      if (rc != SQLITE_DONE)
        return std::unexpected(SqliteError(db_.raw(), rc, kInsertSql[static_cast<size_t>(b.tables[r])]));
    }
    return {};
  }

 private:
  Database& db_;
  std::unique_ptr<sqlite3_stmt, StmtDeleter> stmts_[static_cast<size_t>(Table::kCount)];
};

class PipelinedDemoSink : public registry::DemoSink {
 public:
  static constexpr size_t kBatchRows = 8192;
  static constexpr size_t kQueueDepth = 4;

  explicit PipelinedDemoSink(Database& db) : writer_(db) {}
  ~PipelinedDemoSink() override {
    if (thread_.joinable()) (void)Finish();
  }

  Status Start() {
    if (auto s = writer_.Prepare(); !s) return s;
    for (size_t i = 0; i < kQueueDepth + 2; ++i) free_.push_back(std::make_unique<Batch>());
    cur_ = TakeFree();
    thread_ = std::thread([this] { WriterLoop(); });
    return {};
  }
  /// Flushes the last batch, waits for the writer and returns its first error.
  Status Finish() {
    if (cur_ && cur_->rows() > 0) Submit();
    {
      std::lock_guard lock(mu_);
      done_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
    if (error_) return std::unexpected(*error_);
    return {};
  }

  Status AddSite(const sites::Site& s) override {
    RowBuilder(*cur_, Table::kSite).Int(s.id).Text(s.name).Text(sites::SiteModeName(s.mode)).Text(s.township_code).Text(s.note);
    return Rowed();
  }
  Status AddOriginVillage(const registry::OriginVillage& v) override {
    RowBuilder(*cur_, Table::kVillage).Int(v.id).Text(v.division_code).Text(v.name).Text(v.township_code)
        .Text(registry::RelocationTypeName(v.relocation_type));
    return Rowed();
  }
  Status AddGrid(const sites::Grid& g) override {
    RowBuilder(*cur_, Table::kGrid).Int(g.id).Int(g.site_id).Text(g.name).Text(g.buildings);
    return Rowed();
  }
  Status AddHousingUnit(const sites::HousingUnit& u) override {
    RowBuilder(*cur_, Table::kUnit).Int(u.id).Int(u.site_id).Text(u.building).Text(u.entrance).Text(u.room).Int(u.floor_area_dm2);
    return Rowed();
  }
  Status AddHousehold(const registry::Household& h) override {
    RowBuilder(*cur_, Table::kHousehold).Int(h.id).Text(h.household_no).Text(registry::CategoryName(h.category))
        .Int(h.origin_village_id).Int(h.site_id).OptInt(h.housing_unit_id).OptInt(h.grid_id).IsoDateText(h.move_in_date)
        .Int(h.convention_signed ? 1 : 0).Text(kStamp).Text(kStamp);
    return Rowed();
  }
  Status AddPerson(const registry::Person& p) override {
    {
      RowBuilder r(*cur_, Table::kPerson);
      r.Int(p.id).Int(p.household_id).Text(p.resident_id).Text(p.name).Text(p.name_initials).Text(SexName(p.sex))
          .IsoDateText(p.birth_date).Text(registry::RelationshipName(p.relationship)).Text(p.ethnicity).TextOrNull(p.phone)
          .Text(p.education);
      if (p.health) r.Text(registry::HealthName(*p.health)); else r.Null();
      r.OptInt(p.disability_grade).Int(p.able_to_work ? 1 : 0).Int(p.wants_work ? 1 : 0)
          .Text(registry::EmploymentKindName(p.employment_kind)).TextOrNull(p.employer).Text(kStamp).Text(kStamp);
    }
    return Rowed();
  }
  Status AddWorkshop(const registry::DemoWorkshop& w) override {
    RowBuilder(*cur_, Table::kWorkshop).Int(w.id).Int(w.site_id).Text(w.name).Text(w.kind).IsoDateText(w.opened_on)
        .Int(w.rent_free_years);
    return Rowed();
  }
  Status AddCommunity(const registry::DemoCommunity& c) override {
    RowBuilder(*cur_, Table::kCommunity).Int(c.id).Int(c.site_id).Text(c.name).TextOrNull(c.division_code)
        .IsoDateText(c.party_branch_founded);
    return Rowed();
  }
  Status AddLandContract(const registry::DemoLandContract& c) override {
    RowBuilder(*cur_, Table::kLand).Int(c.id).Text(c.kind).Int(c.origin_village_id).Text(c.operator_name).Int(c.area_centimu)
        .IsoDateText(c.start_date);
    return Rowed();
  }

 private:
  // After each row: hand a full batch to the writer; report the writer's error, if any, so
  // that the generator stops early.
  Status Rowed() {
    if (cur_->rows() >= kBatchRows) Submit();
    if (failed_.load(std::memory_order_relaxed)) {
      std::lock_guard lock(mu_);
      return std::unexpected(*error_);
    }
    return {};
  }
  std::unique_ptr<Batch> TakeFree() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return !free_.empty(); });
    auto b = std::move(free_.back());
    free_.pop_back();
    return b;
  }
  void Submit() {
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return full_.size() < kQueueDepth; });
      full_.push_back(std::move(cur_));
    }
    cv_.notify_all();
    cur_ = TakeFree();
  }
  void WriterLoop() {
    for (;;) {
      std::unique_ptr<Batch> b;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return !full_.empty() || done_; });
        if (full_.empty()) return;
        b = std::move(full_.front());
        full_.pop_front();
      }
      cv_.notify_all();
      if (!failed_.load(std::memory_order_relaxed)) {
        if (auto s = writer_.Write(*b); !s) {
          std::lock_guard lock(mu_);
          error_ = s.error();
          failed_.store(true);
        }
      }
      b->clear();
      {
        std::lock_guard lock(mu_);
        free_.push_back(std::move(b));
      }
      cv_.notify_all();
    }
  }

  BatchWriter writer_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::unique_ptr<Batch>> full_;
  std::vector<std::unique_ptr<Batch>> free_;
  std::unique_ptr<Batch> cur_;
  bool done_ = false;
  std::atomic<bool> failed_{false};
  std::optional<Error> error_;
};

// Records the wall and process CPU time (all threads) since the previous mark.
class PhaseClock {
 public:
  explicit PhaseClock(std::vector<registry::DemoPhase>& out) : out_(out) {}
  void Mark(std::string name) {
    const auto w = std::chrono::steady_clock::now();
    const std::clock_t c = std::clock();
    out_.push_back({std::move(name), std::chrono::duration<double>(w - wall_).count(),
                    static_cast<double>(c - cpu_) / CLOCKS_PER_SEC});
    wall_ = w;
    cpu_ = c;
  }

 private:
  std::vector<registry::DemoPhase>& out_;
  std::chrono::steady_clock::time_point wall_ = std::chrono::steady_clock::now();
  std::clock_t cpu_ = std::clock();
};

Result<int64_t> Count(Database& db, std::string_view sql) {
  auto st = db.Prepare(sql);
  if (!st) return std::unexpected(st.error());
  auto row = st->Step();
  if (!row) return std::unexpected(row.error());
  return st->ColumnInt(0);
}

}  // namespace

Result<registry::DemoSummary> RunDemo(Database& db, const Actor& actor, const registry::DemoOptions& opts,
                                      const sites::ReferenceData& ref) {
  auto households = Count(db, "SELECT count(*) FROM households");
  if (!households) return std::unexpected(households.error());
  if (*households > 0)
    return Conflict(fmt::format("database {} already has {} households; the demo needs an empty registry: "
                                "use a new database file (or delete this one)", db.path(), *households),
                    "db", db.path(), "数据库中已有搬迁户记录，请使用新的数据库文件");
  auto site_count = Count(db, "SELECT count(*) FROM sites");
  if (!site_count) return std::unexpected(site_count.error());
  if (*site_count == 0)
    if (auto s = LoadReferenceData(db, ref); !s) return std::unexpected(s.error());

  auto names = registry::ParseNameLists(ref.surnames_csv, ref.given_names_csv);
  if (!names) return std::unexpected(names.error());
  // Reference sites in sites.csv order, with their community names.
  std::vector<registry::SiteRef> sites;
  {
    auto st = db.Prepare("SELECT s.id, s.township_code, coalesce(s.community_code, ''), coalesce(d.name, '') "
                         "FROM sites s LEFT JOIN divisions d ON d.code = s.community_code WHERE s.name = ?1");
    if (!st) return std::unexpected(st.error());
    for (const auto& r : ref.sites) {
      st->Bind(1, r.site.name);
      auto row = st->Step();
      if (!row) return std::unexpected(row.error());
      if (!*row) return NotFound(fmt::format("site {} of sites.csv is not in the database; run `anju init`", r.site.name), "site", r.site.name);
      sites.push_back({st->ColumnInt(0), r.site.name, st->ColumnText(1), st->ColumnText(2), st->ColumnText(3)});
      st->Reset();
    }
  }
  std::vector<registry::VillageRef> villages;
  {
    // 村民委员会 only (village part 200–399): the origin villages are rural.
    auto st = db.Prepare("SELECT code, name, parent_code FROM divisions WHERE level = 'village' "
                         "AND CAST(substr(code, 10, 3) AS INTEGER) >= 200 ORDER BY code");
    if (!st) return std::unexpected(st.error());
    for (;;) {
      auto row = st->Step();
      if (!row) return std::unexpected(row.error());
      if (!*row) break;
      villages.push_back({st->ColumnText(0), st->ColumnText(1), st->ColumnText(2)});
    }
  }

  // Bulk-load mode: drop the secondary indexes of the big tables, rebuild them afterwards.
  std::vector<std::pair<std::string, std::string>> indexes;
  {
    auto st = db.Prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                         "AND tbl_name IN ('persons', 'households', 'housing_units') ORDER BY name");
    if (!st) return std::unexpected(st.error());
    for (;;) {
      auto row = st->Step();
      if (!row) return std::unexpected(row.error());
      if (!*row) break;
      indexes.emplace_back(st->ColumnText(0), st->ColumnText(1));
    }
  }
  int64_t cache_size = -2000;  // SQLite's default, if the query below finds nothing
  {
    auto st = db.Prepare("PRAGMA cache_size");
    if (!st) return std::unexpected(st.error());
    auto row = st->Step();
    if (!row) return std::unexpected(row.error());
    if (*row) cache_size = st->ColumnInt(0);
  }
  // Bulk-load settings for this connection, restored on every way out. The generator's rows
  // are checked afterwards by the demo test (registry/demo_test.sh: every reference resolves,
  // every value is one the CHECK constraints allow), so the per-row CHECK and FOREIGN KEY work
  // is skipped while loading; `threads` lets CREATE INDEX sort on both cores.
  // journal_mode MEMORY, not OFF: without a journal a failed load could not be rolled back
  // (sqlite_registry_demo_test.cc), and in an empty registry only the few pages that existed
  // before the load are journaled, so it costs next to nothing.
  if (auto s = db.Exec("PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144; "
                       "PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON; PRAGMA threads = 2");
      !s)
    return std::unexpected(s.error());
  struct RestorePragmas {
    Database& db;
    int64_t cache_size;
    ~RestorePragmas() {
      (void)db.Exec(fmt::format("PRAGMA foreign_keys = ON; PRAGMA ignore_check_constraints = OFF; PRAGMA threads = 0; "
                                "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = {}",
                                cache_size));
    }
  } restore{db, cache_size};
  Result<registry::DemoSummary> summary;
  std::vector<registry::DemoPhase> phases;
  PhaseClock clock(phases);
  {
    auto tx = Transaction::Begin(db);
    if (!tx) return std::unexpected(tx.error());
    for (const auto& [name, sql] : indexes)
      if (auto s = db.Exec(fmt::format("DROP INDEX \"{}\"", name)); !s) return std::unexpected(s.error());
    PipelinedDemoSink sink(db);
    if (auto s = sink.Start(); !s) return std::unexpected(s.error());
    summary = registry::GenerateDemo(opts, sites, villages, *names, sink);
    auto written = sink.Finish();  // the writer's error first: the generator stopped because of it
    clock.Mark("generate and insert rows");
    if (!written) return std::unexpected(written.error());
    if (!summary) return std::unexpected(summary.error());
    // A small page cache while indexing: SQLite's sorter sorts runs of the cache's size in
    // memory and merges them; 1 MiB runs sort in the CPU caches (and on both threads), where
    // 256 MiB runs made each text index of scale 240 take ~4x the CPU (22 s instead of 5.8 s
    // for persons_name; bench/README.md).
    if (auto s = db.Exec("PRAGMA cache_size = -1024"); !s) return std::unexpected(s.error());
    for (const auto& [name, sql] : indexes) {
      if (auto s = db.Exec(sql); !s) return std::unexpected(s.error());
      clock.Mark("index " + name);
    }
    // A year of register events around the statistics date (figures on that date unchanged).
    auto events = AddDemoEvents(db, opts.statistics_date);
    if (!events) return std::unexpected(events.error());
    clock.Mark("register events");
    auto meta = db.Prepare("INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = ?2");
    if (!meta) return std::unexpected(meta.error());
    for (auto [k, v] : std::initializer_list<std::pair<std::string_view, std::string>>{
             {"statistics_date", FormatIsoDate(opts.statistics_date)},
             {"is_demo", "1"},
             {"demo_seed", std::to_string(opts.seed)},
             {"demo_scale", fmt::format("{}", opts.scale)}}) {
      meta->Bind(1, k).Bind(2, v);
      if (auto s = meta->Run(); !s) return std::unexpected(s.error());
    }
    AuditEntry e{"demo", "registry", "",
                 fmt::format(R"({{"seed":{},"scale":{},"households":{},"persons":{}}})", opts.seed, opts.scale,
                             summary->households, summary->persons),
                 "anju demo"};
    if (auto s = AppendAudit(db, actor, e); !s) return std::unexpected(s.error());
    if (auto s = tx->Commit(); !s) return std::unexpected(s.error());
    clock.Mark("meta, audit entry, commit");
  }
  summary->phases = std::move(phases);
  return summary;
}

}  // namespace anju::storage
