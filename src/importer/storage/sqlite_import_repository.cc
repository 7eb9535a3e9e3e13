#include "importer/storage/sqlite_import_repository.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <chrono>
#include <set>

#include "registry/storage/sqlite_register_events.h"
#include "registry/storage/sqlite_registry_repository.h"
#include "storage/audit_log.h"
#include "storage/scope_sql.h"

namespace anju::storage {

using importer::ExportHouseholdRow;
using importer::ExportPersonRow;
using importer::ExportSiteRow;

SqliteImportRepository::SqliteImportRepository(Database& db) : db_(db) {}
SqliteImportRepository::~SqliteImportRepository() { Rollback(); }

Result<Statement*> SqliteImportRepository::Stmt(int key, std::string_view sql) {
  if (stmts_.size() <= static_cast<size_t>(key)) stmts_.resize(static_cast<size_t>(key) + 1);
  auto& slot = stmts_[static_cast<size_t>(key)];
  if (!slot) {
    auto st = db_.Prepare(sql);
    if (!st) return std::unexpected(st.error());
    slot = std::make_unique<Statement>(std::move(*st));
  }
  slot->Rewind();  // no sqlite3_clear_bindings: each statement's callers bind every parameter
  return slot.get();
}

#define ANJU_STMT(var, key, sql)       \
  auto var##_r = Stmt(key, sql);       \
  if (!var##_r) return std::unexpected(var##_r.error()); \
  Statement& var = **var##_r

Result<importer::ReferenceNames> SqliteImportRepository::LoadReference() {
  importer::ReferenceNames r;
  {
    auto st = db_.Prepare(
        "SELECT v.id, v.name, COALESCE(d.name, ''), COALESCE(v.legacy_name, ''), v.township_code, v.relocation_type "
        "FROM origin_villages v LEFT JOIN divisions d ON d.code = v.township_code ORDER BY v.id");
    if (!st) return std::unexpected(st.error());
    while (true) {
      auto row = st->Step();
      if (!row) return std::unexpected(row.error());
      if (!*row) break;
      importer::ReferenceNames::Named n{st->ColumnInt(0), st->ColumnText(1), st->ColumnText(2), 0, st->ColumnText(4),
                                        st->ColumnText(5)};
      r.villages.push_back(n);
      if (!st->ColumnText(3).empty()) {
        n.name = st->ColumnText(3);
        r.villages.push_back(n);
      }
    }
  }
  {
    auto st = db_.Prepare(
        "SELECT s.id, s.name, s.township_code FROM sites s "
        "UNION ALL SELECT a.site_id, a.alias, s.township_code FROM site_aliases a JOIN sites s ON s.id = a.site_id");
    if (!st) return std::unexpected(st.error());
    while (true) {
      auto row = st->Step();
      if (!row) return std::unexpected(row.error());
      if (!*row) break;
      r.sites.push_back({st->ColumnInt(0), st->ColumnText(1), "", 0, st->ColumnText(2), ""});
    }
  }
  {
    // Villages (村委会/居委会) of the division list, with their township's name.
    auto st = db_.Prepare(
        "SELECT v.code, v.name, v.parent_code, COALESCE(t.name, '') FROM divisions v "
        "LEFT JOIN divisions t ON t.code = v.parent_code WHERE v.level = 'village' ORDER BY v.code");
    if (!st) return std::unexpected(st.error());
    int64_t i = 0;
    while (true) {
      auto row = st->Step();
      if (!row) return std::unexpected(row.error());
      if (!*row) break;
      r.division_villages.push_back({++i, st->ColumnText(1), st->ColumnText(3), 0, st->ColumnText(2), st->ColumnText(0)});
    }
  }
  {
    auto st = db_.Prepare("SELECT id, name, site_id FROM grids");
    if (!st) return std::unexpected(st.error());
    while (true) {
      auto row = st->Step();
      if (!row) return std::unexpected(row.error());
      if (!*row) break;
      r.grids.push_back({st->ColumnInt(0), st->ColumnText(1), "", st->ColumnInt(2)});
    }
  }
  return r;
}

Result<bool> SqliteImportRepository::RegistryIsEmpty() {
  ANJU_STMT(st, 0, "SELECT NOT EXISTS (SELECT 1 FROM persons)");
  auto row = st.Step();
  if (!row) return std::unexpected(row.error());
  bool empty = *row && st.ColumnInt(0) == 1;
  st.Reset();  // not left active: Begin may drop indexes next
  return empty;
}

Result<std::optional<importer::FoundHousingUnit>> SqliteImportRepository::FindHousingUnit(
    int64_t site_id, const std::string& building, const std::string& entrance, const std::string& room) {
  ANJU_STMT(st, 1,
            "SELECT u.id, u.floor_area_dm2, COALESCE(h.household_no, '') FROM housing_units u "
            "LEFT JOIN households h ON h.housing_unit_id = u.id "
            "WHERE u.site_id = ? AND u.building = ? AND u.entrance = ? AND u.room = ?");
  st.Bind(1, site_id).BindStatic(2, building).BindStatic(3, entrance).BindStatic(4, room);
  auto row = st.Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<importer::FoundHousingUnit>{};
  return std::optional<importer::FoundHousingUnit>{importer::FoundHousingUnit{st.ColumnInt(0), st.ColumnOptionalInt(1), st.ColumnText(2)}};
}

Result<int64_t> SqliteImportRepository::InsertOriginVillage(const registry::OriginVillage& v) {
  ANJU_STMT(st, 11,
            "INSERT INTO origin_villages (division_code, name, township_code, relocation_type) VALUES (?,?,?,?)");
  st.Bind(1, v.division_code).Bind(2, v.name).Bind(3, v.township_code).Bind(4, registry::RelocationTypeName(v.relocation_type));
  if (auto s = st.Run(); !s) return std::unexpected(s.error());
  return db_.LastInsertRowId();
}

Result<int64_t> SqliteImportRepository::InsertHousingUnit(int64_t site_id, const std::string& building,
                                                          const std::string& entrance, const std::string& room,
                                                          std::optional<int64_t> floor_area_dm2) {
  ANJU_STMT(st, 12,
            "INSERT INTO housing_units (site_id, building, entrance, room, floor_area_dm2) VALUES (?,?,?,?,?)");
  st.Bind(1, site_id).Bind(2, building).Bind(3, entrance).Bind(4, room).Bind(5, floor_area_dm2);
  if (auto s = st.Run(); !s) return std::unexpected(s.error());
  return db_.LastInsertRowId();
}

Status SqliteImportRepository::UpdateHousingUnitArea(int64_t unit_id, int64_t floor_area_dm2) {
  ANJU_STMT(st, 13, "UPDATE housing_units SET floor_area_dm2 = ? WHERE id = ?");
  st.Bind(1, floor_area_dm2).Bind(2, unit_id);
  return st.Run();
}

Result<int64_t> SqliteImportRepository::InsertGrid(int64_t site_id, const std::string& name) {
  ANJU_STMT(st, 14, "INSERT INTO grids (site_id, name) VALUES (?,?)");
  st.Bind(1, site_id).Bind(2, name);
  if (auto s = st.Run(); !s) return std::unexpected(s.error());
  return db_.LastInsertRowId();
}

static Date DateOr(const std::string& s) {
  auto d = ParseIsoDate(s);
  return d ? *d : Date{};
}

Result<std::optional<registry::Household>> SqliteImportRepository::FindHouseholdByNo(const std::string& no) {
  ANJU_STMT(st, 2,
            "SELECT id, household_no, category, origin_village_id, site_id, housing_unit_id, grid_id, move_in_date, "
            "convention_signed, version FROM households WHERE household_no = ?");
  st.Bind(1, no);
  auto row = st.Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<registry::Household>{};
  registry::Household h;
  h.id = st.ColumnInt(0);
  h.household_no = st.ColumnText(1);
  if (auto c = registry::ParseCategory(st.ColumnText(2))) h.category = *c;
  h.origin_village_id = st.ColumnInt(3);
  h.site_id = st.ColumnInt(4);
  h.housing_unit_id = st.ColumnOptionalInt(5);
  h.grid_id = st.ColumnOptionalInt(6);
  h.move_in_date = DateOr(st.ColumnText(7));
  h.convention_signed = st.ColumnInt(8) != 0;
  h.version = st.ColumnInt(9);
  return std::optional<registry::Household>{std::move(h)};
}

// Columns 0..16 of a person as selected by kPersonColumns.
static constexpr std::string_view kPersonColumns =
    "p.id, p.household_id, p.resident_id, p.name, p.sex, p.birth_date, p.relationship, COALESCE(p.ethnicity,''), "
    "COALESCE(p.phone,''), COALESCE(p.education,''), p.health, p.disability_grade, p.able_to_work, p.wants_work, "
    "p.employment_kind, COALESCE(p.employer,''), p.version";

static registry::Person ReadPerson(const Statement& st) {
  registry::Person p;
  p.id = st.ColumnInt(0);
  p.household_id = st.ColumnInt(1);
  p.resident_id = st.ColumnText(2);
  p.name = st.ColumnText(3);
  p.sex = st.ColumnText(4) == "female" ? Sex::kFemale : Sex::kMale;
  p.birth_date = DateOr(st.ColumnText(5));
  if (auto r = registry::ParseRelationship(st.ColumnText(6))) p.relationship = *r;
  p.ethnicity = st.ColumnText(7);
  p.phone = st.ColumnText(8);
  p.education = st.ColumnText(9);
  if (!st.ColumnIsNull(10))
    if (auto h = registry::ParseHealth(st.ColumnText(10))) p.health = *h;
  if (!st.ColumnIsNull(11)) p.disability_grade = static_cast<int>(st.ColumnInt(11));
  p.able_to_work = st.ColumnInt(12) != 0;
  p.wants_work = st.ColumnInt(13) != 0;
  if (auto k = registry::ParseEmploymentKind(st.ColumnText(14))) p.employment_kind = *k;
  p.employer = st.ColumnText(15);
  p.version = st.ColumnInt(16);
  return p;
}

Result<std::optional<importer::RegisteredPerson>> SqliteImportRepository::FindPersonByResidentId(
    const std::string& resident_id) {
  static const std::string sql =
      fmt::format("SELECT {}, h.household_no FROM persons p JOIN households h ON h.id = p.household_id "
                  "WHERE p.resident_id = ? AND p.resident_id <> ''",  // the partial index persons_resident_id
                  kPersonColumns);
  ANJU_STMT(st, 3, sql);
  st.Bind(1, resident_id);
  auto row = st.Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<importer::RegisteredPerson>{};
  importer::RegisteredPerson r{ReadPerson(st), st.ColumnText(17)};
  return std::optional<importer::RegisteredPerson>{std::move(r)};
}

Result<std::optional<registry::Person>> SqliteImportRepository::FindCurrentHead(int64_t household_id) {
  static const std::string sql = fmt::format(
      "SELECT {} FROM persons p WHERE p.household_id = ? AND p.relationship = 'head' AND p.member_until IS NULL",
      kPersonColumns);
  ANJU_STMT(st, 15, sql);
  st.Bind(1, household_id);
  auto row = st.Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<registry::Person>{};
  return std::optional<registry::Person>{ReadPerson(st)};
}

Result<std::optional<registry::Person>> SqliteImportRepository::FindPendingMember(int64_t household_id,
                                                                                 const std::string& name, Sex sex,
                                                                                 Date birth_date) {
  static const std::string sql = fmt::format(
      "SELECT {} FROM persons p WHERE p.household_id = ? AND p.resident_id = '' AND p.member_until IS NULL "
      "AND p.name = ? AND p.sex = ? AND p.birth_date = ? ORDER BY p.id LIMIT 1",
      kPersonColumns);
  ANJU_STMT(st, 17, sql);
  const std::string birth = FormatIsoDate(birth_date);
  st.Bind(1, household_id).Bind(2, name).Bind(3, sex == Sex::kFemale ? "female" : "male").Bind(4, birth);
  auto row = st.Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<registry::Person>{};
  return std::optional<registry::Person>{ReadPerson(st)};
}

Result<int64_t> SqliteImportRepository::RecordMemberAdded(const registry::RegisterEvent& e) {
  if (!e.person_id) return InvalidArgument("a member_added event needs its person", "person_id", "");
  ANJU_STMT(st, 16, "UPDATE persons SET member_from = ? WHERE id = ?");
  st.Bind(1, FormatIsoDate(e.event_date)).Bind(2, *e.person_id);
  if (auto s = st.Run(); !s) return std::unexpected(s.error());
  return InsertRegisterEvent(db_, e);
}

Result<std::string> SqliteImportRepository::NextHouseholdNo() {
  if (next_serial_ < 0) {
    // The highest number of the form PREFIX-digits; the county's prefix comes from it.
    auto st = db_.Prepare("SELECT household_no FROM households WHERE household_no GLOB '*-[0-9]*' "
                          "ORDER BY length(household_no) DESC, household_no DESC LIMIT 1");
    if (!st) return std::unexpected(st.error());
    auto row = st->Step();
    if (!row) return std::unexpected(row.error());
    next_prefix_ = "HH";
    next_serial_ = 0;
    if (*row) {
      std::string no = st->ColumnText(0);
      size_t dash = no.rfind('-');
      next_prefix_ = no.substr(0, dash);
      next_serial_ = std::stoll(no.substr(dash + 1));
    }
  }
  return fmt::format("{}-{:06d}", next_prefix_, ++next_serial_);
}

Status SqliteImportRepository::Begin() {
  // A large import writes far more pages than SQLite's default 2 MB cache holds; a bigger cache
  // keeps index pages in memory instead of spilling them to the WAL during the transaction.
  if (auto s = db_.Exec("PRAGMA cache_size = -65536"); !s) return s;  // 64 MiB
  auto tx = Transaction::Begin(db_);
  if (!tx) return std::unexpected(tx.error());
  tx_.emplace(std::move(*tx));
  audit_seq_ = -1;
  next_serial_ = -1;
  deferred_indexes_.clear();
  // Into an empty registry (a county's first import, a restore): the secondary, non-unique
  // indexes of persons and households are dropped inside the transaction and built once at
  // Commit (a sorted build instead of a random B-tree insert per row); a rollback restores them.
  // UNIQUE indexes stay, checked row by row, except persons_resident_id: ids arrive in random
  // order, and at the national scale (9.6 M persons) its random inserts overflowed the page
  // cache and spilled to the WAL on nearly every row. The importer refuses a second row with
  // the same id before it reaches the database (its IdSet covers every file of the import, and
  // the registry is empty), and CREATE UNIQUE INDEX at Commit checks uniqueness again: a
  // duplicate there fails the commit, nothing is stored.
  auto empty = RegistryIsEmpty();
  if (!empty) return std::unexpected(empty.error());
  if (*empty) {
    auto st = db_.Prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        "AND tbl_name IN ('persons', 'households') "
        "AND (sql NOT LIKE 'CREATE UNIQUE%' OR name = 'persons_resident_id') ORDER BY name");
    if (!st) return std::unexpected(st.error());
    std::vector<std::pair<std::string, std::string>> idx;
    while (true) {
      auto row = st->Step();
      if (!row) return std::unexpected(row.error());
      if (!*row) break;
      idx.emplace_back(st->ColumnText(0), st->ColumnText(1));
    }
    for (auto& [name, sql] : idx) {
      // Names come from sqlite_master (our own migrations), quoted as identifiers.
      if (auto s = db_.Exec(fmt::format("DROP INDEX \"{}\"", name)); !s) return s;
      deferred_indexes_.push_back(sql);
    }
    // CHECK constraints with IN lists (relationship, health, employment_kind …) cost SQLite an
    // ephemeral table per INSERT; in a bulk load they are verified once, at Commit, by
    // quick_check of the tables this import filled (they were empty, so that is its rows).
    if (auto s = db_.Exec("PRAGMA ignore_check_constraints = ON"); !s) return s;
    checks_deferred_ = true;
  }
  return {};
}

std::vector<std::string> CheckConstraints(std::string_view create_sql) {
  std::vector<std::string> out;
  const size_t n = create_sql.size();
  auto word_at = [&](size_t i) {
    static constexpr std::string_view kCheck = "CHECK";
    if (i + kCheck.size() > n) return false;
    for (size_t k = 0; k < kCheck.size(); ++k)
      if ((create_sql[i + k] & ~0x20) != kCheck[k]) return false;
    auto ident = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    return (i == 0 || !ident(create_sql[i - 1])) && (i + kCheck.size() == n || !ident(create_sql[i + kCheck.size()]));
  };
  for (size_t i = 0; i < n; ++i) {
    const char c = create_sql[i];
    if (c == '-' && i + 1 < n && create_sql[i + 1] == '-') {  // -- comment to the end of the line
      i = create_sql.find('\n', i);
      if (i == std::string_view::npos) break;
    } else if (c == '/' && i + 1 < n && create_sql[i + 1] == '*') {
      i = create_sql.find("*/", i + 2);
      if (i == std::string_view::npos) break;
      ++i;
    } else if (c == '\'' || c == '"') {  // a literal or quoted name: skip to its closing quote
      for (++i; i < n && create_sql[i] != c; ++i) {}
    } else if (word_at(i)) {
      size_t j = i + 5;
      while (j < n && std::isspace(static_cast<unsigned char>(create_sql[j]))) ++j;
      if (j >= n || create_sql[j] != '(') continue;
      int depth = 0;
      size_t k = j;
      for (; k < n; ++k) {
        const char d = create_sql[k];
        if (d == '\'' || d == '"') {
          for (++k; k < n && create_sql[k] != d; ++k) {}
        } else if (d == '(') {
          ++depth;
        } else if (d == ')' && --depth == 0) {
          break;
        }
      }
      if (k >= n) break;  // unbalanced: SQLite would not have stored it
      out.emplace_back(create_sql.substr(j + 1, k - j - 1));
      i = k;
    }
  }
  return out;
}

// Verifies the CHECK constraints of `table` (NOT NULL is never switched off) after a bulk load
// that skipped them per row: one SELECT over the table with every CHECK expression of its
// CREATE TABLE (a row breaks a CHECK when the expression is false, not when it is NULL), so the
// table is read once, not once per CHECK. One statement evaluates each IN list once, where
// quick_check took 5x longer (scale 10: 0.2 s instead of 1.1 s for persons). Errors: kInternal
// naming the first breaking row (in rowid order of the scan) and the first CHECK it breaks.
static Status VerifyChecks(Database& db, std::string_view table) {
  auto def = db.Prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1");
  if (!def) return std::unexpected(def.error());
  def->Bind(1, std::string(table));
  auto row = def->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return {};
  const std::vector<std::string> checks = CheckConstraints(def->ColumnText(0));
  if (checks.empty()) return {};
  // The table name and the expressions come from sqlite_master (our own migrations).
  std::string any_false;
  for (const std::string& check : checks) {
    if (!any_false.empty()) any_false += " OR ";
    any_false += fmt::format("NOT ({})", check);
  }
  auto st = db.Prepare(fmt::format("SELECT rowid FROM \"{}\" WHERE {} LIMIT 1", table, any_false));
  if (!st) return std::unexpected(st.error());
  auto bad = st->Step();
  if (!bad) return std::unexpected(bad.error());
  if (!*bad) return {};
  const int64_t rowid = st->ColumnInt(0);
  for (const std::string& check : checks) {  // which one it breaks
    auto one = db.Prepare(fmt::format("SELECT 1 FROM \"{}\" WHERE rowid = ?1 AND NOT ({})", table, check));
    if (!one) return std::unexpected(one.error());
    one->Bind(1, rowid);
    auto hit = one->Step();
    if (!hit) return std::unexpected(hit.error());
    if (*hit)
      return Internal(
          fmt::format("import refused at commit: {} row {} breaks CHECK ({})", table, rowid, check));
  }
  return Internal(fmt::format("import refused at commit: {} row {} breaks a CHECK", table, rowid));
}

// A date as FormatIsoDate writes it ("YYYY-MM-DD"), without fmt or a heap string for the
// usual years 0–9999 (others go through FormatIsoDate). Lives as long as the binding using it.
class IsoDateText {
 public:
  explicit IsoDateText(Date d) {
    int y = static_cast<int>(d.year());
    unsigned m = static_cast<unsigned>(d.month()), day = static_cast<unsigned>(d.day());
    if (y < 0 || y > 9999 || m > 99 || day > 99) {
      slow_ = FormatIsoDate(d);
      text_ = slow_;
      return;
    }
    auto two = [](char* p, unsigned v) {
      p[0] = static_cast<char>('0' + v / 10);
      p[1] = static_cast<char>('0' + v % 10);
    };
    two(buf_, static_cast<unsigned>(y) / 100);
    two(buf_ + 2, static_cast<unsigned>(y) % 100);
    buf_[4] = '-';
    two(buf_ + 5, m);
    buf_[7] = '-';
    two(buf_ + 8, day);
    text_ = std::string_view(buf_, 10);
  }
  IsoDateText(const IsoDateText&) = delete;
  IsoDateText& operator=(const IsoDateText&) = delete;
  std::string_view view() const { return text_; }

 private:
  char buf_[10];
  std::string slow_;
  std::string_view text_;
};

// Binds without copying: `h` and `move_in` must outlive the statement's step.
static void BindHousehold(Statement& st, const registry::Household& h, const IsoDateText& move_in) {
  st.BindStatic(1, h.household_no)
      .BindStatic(2, registry::CategoryName(h.category))
      .Bind(3, h.origin_village_id)
      .Bind(4, h.site_id)
      .Bind(5, h.housing_unit_id)
      .Bind(6, h.grid_id)
      .BindStatic(7, move_in.view())
      .Bind(8, h.convention_signed ? 1 : 0);
}

Result<int64_t> SqliteImportRepository::InsertHousehold(const registry::Household& h) {
  ANJU_STMT(st, 4,
            "INSERT INTO households (household_no, category, origin_village_id, site_id, housing_unit_id, grid_id, "
            "move_in_date, convention_signed, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?9,?9)");
  IsoDateText move_in(h.move_in_date);
  BindHousehold(st, h, move_in);
  st.BindStatic(9, NowUtcSeconds());
  if (auto s = st.Run(); !s) return std::unexpected(s.error());
  return db_.LastInsertRowId();
}

Status SqliteImportRepository::UpdateHousehold(const registry::Household& h) {
  ANJU_STMT(st, 5,
            "UPDATE households SET household_no = ?, category = ?, origin_village_id = ?, site_id = ?, "
            "housing_unit_id = ?, grid_id = ?, move_in_date = ?, convention_signed = ?, version = version + 1, "
            "updated_at = ? WHERE id = ?");
  IsoDateText move_in(h.move_in_date);
  BindHousehold(st, h, move_in);
  st.BindStatic(9, NowUtcSeconds()).Bind(10, h.id);
  return st.Run();
}

// Binds without copying: `p` and `birth` must outlive the statement's step. Empty ethnicity,
// phone, education and employer are NULL.
static void BindPerson(Statement& st, const registry::Person& p, const IsoDateText& birth) {
  st.Bind(1, p.household_id)
      .BindStatic(2, p.resident_id)
      .BindStatic(3, p.name)
      .BindStatic(4, p.name_initials)
      .BindStatic(5, SexName(p.sex))
      .BindStatic(6, birth.view())
      .BindStatic(7, registry::RelationshipName(p.relationship))
      .BindStaticOrNull(8, p.ethnicity)
      .BindStaticOrNull(9, p.phone)
      .BindStaticOrNull(10, p.education);
  if (p.health) st.BindStatic(11, registry::HealthName(*p.health));
  else st.BindNull(11);
  if (p.disability_grade) st.Bind(12, *p.disability_grade);
  else st.BindNull(12);
  st.Bind(13, p.able_to_work ? 1 : 0)
      .Bind(14, p.wants_work ? 1 : 0)
      .BindStatic(15, registry::EmploymentKindName(p.employment_kind))
      .BindStaticOrNull(16, p.employer);
}

Result<int64_t> SqliteImportRepository::InsertPerson(const registry::Person& p) {
  ANJU_STMT(st, 6,
            "INSERT INTO persons (household_id, resident_id, name, name_initials, sex, birth_date, relationship, "
            "ethnicity, phone, education, health, disability_grade, able_to_work, wants_work, employment_kind, "
            "employer, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?17,?17)");
  IsoDateText birth(p.birth_date);
  BindPerson(st, p, birth);
  st.BindStatic(17, NowUtcSeconds());
  if (auto s = st.Run(); !s) return std::unexpected(s.error());
  return db_.LastInsertRowId();
}

Status SqliteImportRepository::UpdatePerson(const registry::Person& p) {
  ANJU_STMT(st, 7,
            "UPDATE persons SET household_id = ?, resident_id = ?, name = ?, name_initials = ?, sex = ?, "
            "birth_date = ?, relationship = ?, ethnicity = ?, phone = ?, education = ?, health = ?, "
            "disability_grade = ?, able_to_work = ?, wants_work = ?, employment_kind = ?, employer = ?, "
            "version = version + 1, updated_at = ? WHERE id = ?");
  IsoDateText birth(p.birth_date);
  BindPerson(st, p, birth);
  st.BindStatic(17, NowUtcSeconds()).Bind(18, p.id);
  return st.Run();
}

const std::string& SqliteImportRepository::NowUtcMillis() {
  using namespace std::chrono;
  auto now = system_clock::now();
  int64_t ms_total = duration_cast<milliseconds>(now.time_since_epoch()).count();
  if (ms_total == at_ms_) return at_;
  if (at_ms_ >= 0 && ms_total >= 0 && ms_total / 1000 == at_ms_ / 1000 && at_.size() == 24) {
    // The same second: only the three millisecond digits change.
    int ms = static_cast<int>(ms_total % 1000);
    at_[20] = static_cast<char>('0' + ms / 100);
    at_[21] = static_cast<char>('0' + ms / 10 % 10);
    at_[22] = static_cast<char>('0' + ms % 10);
  } else {
    auto ms = ms_total % 1000;
    auto secs = floor<seconds>(now);
    auto day = floor<days>(secs);
    year_month_day ymd{day};
    hh_mm_ss hms{secs - day};
    at_ = fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}.{:03d}Z", static_cast<int>(ymd.year()),
                      static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), hms.hours().count(),
                      hms.minutes().count(), hms.seconds().count(), ms);
  }
  at_ms_ = ms_total;
  return at_;
}

const std::string& SqliteImportRepository::NowUtcSeconds() {
  const std::string& ms = NowUtcMillis();  // "….SS.mmmZ"
  size_t n = ms.size() - 5;                // up to the seconds
  if (stamp_.size() != n + 1 || stamp_.compare(0, n, ms, 0, n) != 0) {
    stamp_.assign(ms, 0, n);
    stamp_ += 'Z';
  }
  return stamp_;
}

Status SqliteImportRepository::RecordEmployment(const Actor& actor, int64_t person_id, registry::EmploymentKind kind,
                                                const std::string& employer, Date today) {
  auto s = registry::RecordEmployment(db_, actor, person_id, kind, employer, today);
  audit_seq_ = -1;  // the recorder appended to the audit trail itself: read the chain's end again
  return s;
}

Status SqliteImportRepository::MarkGroup() { return db_.Exec("SAVEPOINT import_group"); }
Status SqliteImportRepository::ReleaseGroup() { return db_.Exec("RELEASE import_group"); }
Status SqliteImportRepository::UndoGroup() {
  audit_seq_ = -1;    // entries rolled back: read the chain's end again
  next_serial_ = -1;  // and the highest household number
  return db_.Exec("ROLLBACK TO import_group; RELEASE import_group");
}

Status SqliteImportRepository::Audit(const Actor& actor, const AuditEntry& e) {
  if (audit_seq_ < 0) {
    ANJU_STMT(last, 8, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
    auto row = last.Step();
    if (!row) return std::unexpected(row.error());
    audit_seq_ = *row ? last.ColumnInt(0) : 0;
    audit_hash_ = *row ? last.ColumnText(1) : std::string(64, '0');
    last.Reset();
  }
  int64_t seq = audit_seq_ + 1;
  const std::string& at = NowUtcMillis();
  char uid_text[24];
  std::string_view uid;
  if (actor.user_id) {
    auto r = std::to_chars(uid_text, uid_text + sizeof uid_text, actor.user_id);  // as std::to_string
    uid = std::string_view(uid_text, static_cast<size_t>(r.ptr - uid_text));
  }
  std::string_view role = RoleName(actor.role);
  std::string_view changes = e.changes.empty() ? std::string_view("{}") : std::string_view(e.changes);
  std::string hash = AuditHash(audit_hash_, seq, at, uid, actor.username, role, actor.client, e.action, e.entity,
                               e.entity_id, changes, e.source);
  ANJU_STMT(ins, 9,
            "INSERT INTO audit_log (seq, at, user_id, username, role, client, action, entity, entity_id, changes, "
            "source, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
  // Every text outlives the step (Run resets the statement before returning).
  ins.Bind(1, seq).BindStatic(2, at);
  if (actor.user_id) ins.Bind(3, actor.user_id);
  else ins.BindNull(3);
  ins.BindStatic(4, actor.username).BindStatic(5, role).BindStatic(6, actor.client).BindStatic(7, e.action)
      .BindStatic(8, e.entity).BindStatic(9, e.entity_id).BindStatic(10, changes).BindStatic(11, e.source)
      .BindStatic(12, audit_hash_).BindStatic(13, hash);
  if (auto s = ins.Run(); !s) return s;
  audit_seq_ = seq;
  audit_hash_ = std::move(hash);
  return {};
}

Status SqliteImportRepository::RecordBatch(const Actor& actor, const importer::ImportBatchRecord& b) {
  ANJU_STMT(st, 10,
            "INSERT INTO import_batches (username, file_name, sha256, mode, all_or_nothing, rows_read, rows_imported, "
            "rows_rejected, persons_created, persons_updated, households_created, households_updated) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
  st.Bind(1, actor.username).Bind(2, b.file_name).Bind(3, b.sha256).Bind(4, b.mode).Bind(5, b.all_or_nothing ? 1 : 0)
      .Bind(6, b.rows_read).Bind(7, b.rows_imported).Bind(8, b.rows_rejected).Bind(9, b.persons_created)
      .Bind(10, b.persons_updated).Bind(11, b.households_created).Bind(12, b.households_updated);
  return st.Run();
}

Status SqliteImportRepository::Commit() {
  if (!tx_) return Internal("commit without a transaction");
  for (auto& s : stmts_)
    if (s) s->Reset();
  if (checks_deferred_) {
    checks_deferred_ = false;
    if (auto s = db_.Exec("PRAGMA ignore_check_constraints = OFF"); !s) return s;
    for (std::string_view t : {"persons", "households", "housing_units", "origin_villages"})
      if (auto s = VerifyChecks(db_, t); !s) return s;  // the caller rolls back
  }
  if (!deferred_indexes_.empty()) {
    // As in `anju demo` (sqlite_registry_demo.cc): a 1 MiB page cache while indexing makes
    // SQLite's sorter sort cache-sized runs that fit the CPU caches, and `threads` lets it sort
    // on both cores (scale 10: the deferred indexes in 1.3 s instead of 1.9 s, measured with the
    // same statements through the sqlite3 Python module).
    if (auto s = db_.Exec("PRAGMA cache_size = -1024; PRAGMA threads = 2"); !s) return s;
    for (const auto& sql : deferred_indexes_)
      if (auto s = db_.Exec(sql); !s) return s;  // the caller rolls back
    if (auto s = db_.Exec("PRAGMA threads = 0; PRAGMA cache_size = -65536"); !s) return s;
  }
  deferred_indexes_.clear();
  auto s = tx_->Commit();
  tx_.reset();
  audit_seq_ = -1;
  return s;
}

void SqliteImportRepository::Rollback() {
  for (auto& s : stmts_)
    if (s) s->Reset();
  tx_.reset();  // the destructor rolls back (dropped indexes come back with it)
  deferred_indexes_.clear();
  if (checks_deferred_) {
    checks_deferred_ = false;
    (void)db_.Exec("PRAGMA ignore_check_constraints = OFF");
  }
  audit_seq_ = -1;
  next_serial_ = -1;
}

// --- exports ----------------------------------------------------------------------------------

// The scope condition on households h joined with origin_villages ov and sites s (the one
// builder, storage/scope_sql.h).
static ScopeClause ExportScope(const AccessScope& scope) {
  return HouseholdScopeSql(scope, {.origin_township = "ov.township_code", .site_township = "s.township_code"});
}

Status SqliteImportRepository::ForEachPerson(const AccessScope& scope, std::optional<int64_t> site_id,
                                             const std::function<Status(const ExportPersonRow&)>& fn) {
  // Village names that occur in more than one township are exported as "乡镇/村".
  std::set<std::string> ambiguous;
  {
    // Ambiguous in the registry or in the county's division list (an import into a fresh
    // database resolves names against the division list).
    auto st = db_.Prepare(
        "SELECT name FROM origin_villages GROUP BY name HAVING count(*) > 1 "
        "UNION SELECT name FROM divisions WHERE level = 'village' GROUP BY name HAVING count(*) > 1");
    if (!st) return std::unexpected(st.error());
    while (true) {
      auto row = st->Step();
      if (!row) return std::unexpected(row.error());
      if (!*row) break;
      ambiguous.insert(st->ColumnText(0));
    }
  }
  const ScopeClause in_scope = ExportScope(scope);
  std::string sql = fmt::format(
      "SELECT {}, h.household_no, h.category, ov.name, COALESCE(d.name,''), s.name, COALESCE(hu.building,''), "
      "COALESCE(hu.entrance,''), COALESCE(hu.room,''), h.move_in_date, COALESCE(g.name,''), h.convention_signed, "
      "hu.floor_area_dm2, ov.relocation_type, (p.member_until IS NULL AND h.ended_on IS NULL) "
      "FROM persons p JOIN households h ON h.id = p.household_id "
      "JOIN origin_villages ov ON ov.id = h.origin_village_id JOIN sites s ON s.id = h.site_id "
      "LEFT JOIN divisions d ON d.code = ov.township_code "
      "LEFT JOIN housing_units hu ON hu.id = h.housing_unit_id LEFT JOIN grids g ON g.id = h.grid_id "
      "WHERE {} AND (:site IS NULL OR h.site_id = :site) "
      "AND p.member_until IS NULL AND h.ended_on IS NULL "  // the current roster (issue #14)
      "ORDER BY h.household_no, p.relationship <> 'head', p.id",
      kPersonColumns, in_scope.sql);
  auto st = db_.Prepare(sql);
  if (!st) return std::unexpected(st.error());
  // The scope's values first, then the one index of the repeated named parameter :site.
  st->Bind(BindScope(*st, in_scope), site_id);
  ExportPersonRow r;
  while (true) {
    auto row = st->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    r.person = ReadPerson(*st);
    r.household_no = st->ColumnText(17);
    r.category = st->ColumnText(18);
    std::string vname = st->ColumnText(19);
    r.origin_village = ambiguous.contains(vname) ? st->ColumnText(20) + "/" + vname : vname;
    r.site = st->ColumnText(21);
    r.building = st->ColumnText(22);
    r.entrance = st->ColumnText(23);
    r.room = st->ColumnText(24);
    r.move_in_date = st->ColumnText(25);
    r.grid = st->ColumnText(26);
    r.convention_signed = st->ColumnInt(27) != 0;
    r.floor_area_dm2 = st->ColumnOptionalInt(28);
    r.relocation_type = st->ColumnText(29);
    r.current = st->ColumnInt(30) != 0;
    if (auto s = fn(r); !s) return s;
  }
  return {};
}

Status SqliteImportRepository::ForEachHousehold(const AccessScope& scope, std::optional<int64_t> site_id,
                                                const std::function<Status(const ExportHouseholdRow&)>& fn) {
  const ScopeClause in_scope = ExportScope(scope);
  std::string sql = fmt::format(
      "SELECT h.id, h.household_no, h.category, ov.name, COALESCE(d.name,''), s.name, COALESCE(hu.building,''), "
      "COALESCE(hu.entrance,''), COALESCE(hu.room,''), h.move_in_date, COALESCE(g.name,''), h.convention_signed, "
      "COALESCE(hp.name,''), COALESCE(hp.resident_id,''), "
      "(SELECT count(*) FROM persons m WHERE m.household_id = h.id AND m.member_until IS NULL), "
      "h.version, h.origin_village_id, h.site_id, hu.floor_area_dm2, ov.relocation_type "
      "FROM households h JOIN origin_villages ov ON ov.id = h.origin_village_id JOIN sites s ON s.id = h.site_id "
      "LEFT JOIN divisions d ON d.code = ov.township_code "
      "LEFT JOIN housing_units hu ON hu.id = h.housing_unit_id LEFT JOIN grids g ON g.id = h.grid_id "
      "LEFT JOIN persons hp ON hp.household_id = h.id AND hp.relationship = 'head' AND hp.member_until IS NULL "
      "WHERE {} AND (:site IS NULL OR h.site_id = :site) AND h.ended_on IS NULL ORDER BY h.household_no",
      in_scope.sql);
  auto st = db_.Prepare(sql);
  if (!st) return std::unexpected(st.error());
  st->Bind(BindScope(*st, in_scope), site_id);
  ExportHouseholdRow r;
  while (true) {
    auto row = st->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    r.household.id = st->ColumnInt(0);
    r.household.household_no = st->ColumnText(1);
    r.category = st->ColumnText(2);
    r.origin_village = st->ColumnText(3);
    r.township = st->ColumnText(4);
    r.site = st->ColumnText(5);
    r.building = st->ColumnText(6);
    r.entrance = st->ColumnText(7);
    r.room = st->ColumnText(8);
    r.move_in_date = st->ColumnText(9);
    r.grid = st->ColumnText(10);
    r.household.convention_signed = st->ColumnInt(11) != 0;
    r.head_name = st->ColumnText(12);
    r.head_resident_id = st->ColumnText(13);
    r.members = st->ColumnInt(14);
    r.household.version = st->ColumnInt(15);
    r.household.origin_village_id = st->ColumnInt(16);
    r.household.site_id = st->ColumnInt(17);
    r.floor_area_dm2 = st->ColumnOptionalInt(18);
    r.relocation_type = st->ColumnText(19);
    if (auto s = fn(r); !s) return s;
  }
  return {};
}

Status SqliteImportRepository::ForEachSite(const AccessScope& scope,
                                           const std::function<Status(const ExportSiteRow&)>& fn) {
  // The sites of the site list (storage/scope_sql.h SiteScopeSql), with figures over the
  // households in scope, as the site list counts them: current households, current members.
  const ScopeClause sites = SiteScopeSql(scope);
  const ScopeClause held = HouseholdScopeSql(scope, {.site_township = "s.township_code"});
  auto st = db_.Prepare(fmt::format(
      "SELECT s.id, s.name, s.mode, COALESCE(d.name,''), s.planned_capacity, "
      "(SELECT count(*) FROM households h JOIN origin_villages o ON o.id = h.origin_village_id "
      "WHERE h.site_id = s.id AND h.ended_on IS NULL AND {1}), "
      "(SELECT count(*) FROM persons p JOIN households h ON h.id = p.household_id "
      "JOIN origin_villages o ON o.id = h.origin_village_id WHERE h.site_id = s.id AND h.ended_on IS NULL "
      "AND p.member_until IS NULL AND {1}) "
      "FROM sites s LEFT JOIN divisions d ON d.code = s.township_code WHERE {0} ORDER BY s.id",
      sites.sql, held.sql));
  if (!st) return std::unexpected(st.error());
  BindScope(*st, sites, BindScope(*st, held, BindScope(*st, held)));
  ExportSiteRow r;
  while (true) {
    auto row = st->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    r.id = st->ColumnInt(0);
    r.name = st->ColumnText(1);
    r.mode = st->ColumnText(2);
    r.township = st->ColumnText(3);
    r.planned_capacity = st->ColumnOptionalInt(4);
    r.households = st->ColumnInt(5);
    r.persons = st->ColumnInt(6);
    if (auto s = fn(r); !s) return s;
  }
  return {};
}

Result<std::optional<int64_t>> SqliteImportRepository::SiteIdByName(const std::string& name) {
  auto st = db_.Prepare("SELECT id FROM sites WHERE name = ?1 UNION SELECT site_id FROM site_aliases WHERE alias = ?1");
  if (!st) return std::unexpected(st.error());
  st->Bind(1, name);
  auto row = st->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<int64_t>{};
  return std::optional<int64_t>{st->ColumnInt(0)};
}

}  // namespace anju::storage
