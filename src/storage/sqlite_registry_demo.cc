#include "storage/sqlite_registry_demo.h"

#include <fmt/format.h>

#include <vector>

#include "storage/audit_log.h"
#include "storage/sqlite_sites_reference.h"

namespace anju::storage {

namespace {

constexpr std::string_view kStamp = "2022-09-30T00:00:00Z";  // fixed so runs are identical

class SqliteDemoSink : public registry::DemoSink {
 public:
  explicit SqliteDemoSink(Database& db) : db_(db) {}

  Status Prepare() {
    auto p = [&](Statement*& out, std::string_view sql) -> Status {
      auto st = db_.Prepare(sql);
      if (!st) return std::unexpected(st.error());
      stmts_.push_back(std::make_unique<Statement>(std::move(*st)));
      out = stmts_.back().get();
      return {};
    };
    Status s;
    if (!(s = p(site_, "INSERT INTO sites(id, name, mode, township_code, note) VALUES (?,?,?,?,?)"))) return s;
    if (!(s = p(village_, "INSERT INTO origin_villages(id, division_code, name, township_code, relocation_type) VALUES (?,?,?,?,?)"))) return s;
    if (!(s = p(grid_, "INSERT INTO grids(id, site_id, name, buildings) VALUES (?,?,?,?)"))) return s;
    if (!(s = p(unit_, "INSERT INTO housing_units(id, site_id, building, entrance, room, floor_area_dm2) VALUES (?,?,?,?,?,?)"))) return s;
    if (!(s = p(household_, "INSERT INTO households(id, household_no, category, origin_village_id, site_id, housing_unit_id, grid_id, "
                            "move_in_date, convention_signed, version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,1,?,?)"))) return s;
    if (!(s = p(person_, "INSERT INTO persons(id, household_id, resident_id, name, name_initials, sex, birth_date, relationship, "
                         "ethnicity, phone, education, health, disability_grade, able_to_work, wants_work, employment_kind, "
                         "employer, version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?,?)"))) return s;
    if (!(s = p(workshop_, "INSERT INTO workshops(id, site_id, name, kind, opened_on, rent_free_years) VALUES (?,?,?,?,?,?)"))) return s;
    if (!(s = p(community_, "INSERT INTO communities(id, site_id, name, division_code, party_branch_founded, party_organisation) "
                            "VALUES (?,?,?,?,?,1)"))) return s;
    if (!(s = p(land_, "INSERT INTO land_contracts(id, kind, origin_village_id, operator, area_centimu, start_date) VALUES (?,?,?,?,?,?)"))) return s;
    return {};
  }

  Status AddSite(const sites::Site& s) override {
    site_->Bind(1, s.id).Bind(2, s.name).Bind(3, sites::SiteModeName(s.mode)).Bind(4, s.township_code).Bind(5, s.note);
    return site_->Run();
  }
  Status AddOriginVillage(const registry::OriginVillage& v) override {
    village_->Bind(1, v.id).Bind(2, v.division_code).Bind(3, v.name).Bind(4, v.township_code)
        .Bind(5, registry::RelocationTypeName(v.relocation_type));
    return village_->Run();
  }
  Status AddGrid(const sites::Grid& g) override {
    grid_->Bind(1, g.id).Bind(2, g.site_id).Bind(3, g.name).Bind(4, g.buildings);
    return grid_->Run();
  }
  Status AddHousingUnit(const sites::HousingUnit& u) override {
    unit_->Bind(1, u.id).Bind(2, u.site_id).Bind(3, u.building).Bind(4, u.entrance).Bind(5, u.room).Bind(6, u.floor_area_dm2);
    return unit_->Run();
  }
  Status AddHousehold(const registry::Household& h) override {
    household_->Bind(1, h.id).Bind(2, h.household_no).Bind(3, registry::CategoryName(h.category)).Bind(4, h.origin_village_id)
        .Bind(5, h.site_id).Bind(6, h.housing_unit_id).Bind(7, h.grid_id).Bind(8, FormatIsoDate(h.move_in_date))
        .Bind(9, h.convention_signed ? 1 : 0).Bind(10, kStamp).Bind(11, kStamp);
    return household_->Run();
  }
  Status AddPerson(const registry::Person& p) override {
    person_->Bind(1, p.id).Bind(2, p.household_id).Bind(3, p.resident_id).Bind(4, p.name).Bind(5, p.name_initials)
        .Bind(6, SexName(p.sex)).Bind(7, FormatIsoDate(p.birth_date)).Bind(8, registry::RelationshipName(p.relationship))
        .Bind(9, p.ethnicity);
    if (p.phone.empty()) person_->BindNull(10); else person_->Bind(10, p.phone);
    person_->Bind(11, p.education);
    if (p.health) person_->Bind(12, registry::HealthName(*p.health)); else person_->BindNull(12);
    person_->Bind(13, p.disability_grade);
    person_->Bind(14, p.able_to_work ? 1 : 0).Bind(15, p.wants_work ? 1 : 0)
        .Bind(16, registry::EmploymentKindName(p.employment_kind));
    if (p.employer.empty()) person_->BindNull(17); else person_->Bind(17, p.employer);
    person_->Bind(18, kStamp).Bind(19, kStamp);
    return person_->Run();
  }
  Status AddWorkshop(const registry::DemoWorkshop& w) override {
    workshop_->Bind(1, w.id).Bind(2, w.site_id).Bind(3, w.name).Bind(4, w.kind).Bind(5, FormatIsoDate(w.opened_on))
        .Bind(6, w.rent_free_years);
    return workshop_->Run();
  }
  Status AddCommunity(const registry::DemoCommunity& c) override {
    community_->Bind(1, c.id).Bind(2, c.site_id).Bind(3, c.name);
    if (c.division_code.empty()) community_->BindNull(4); else community_->Bind(4, c.division_code);
    community_->Bind(5, FormatIsoDate(c.party_branch_founded));
    return community_->Run();
  }
  Status AddLandContract(const registry::DemoLandContract& c) override {
    land_->Bind(1, c.id).Bind(2, c.kind).Bind(3, c.origin_village_id).Bind(4, c.operator_name).Bind(5, c.area_centimu)
        .Bind(6, FormatIsoDate(c.start_date));
    return land_->Run();
  }

 private:
  Database& db_;
  std::vector<std::unique_ptr<Statement>> stmts_;
  Statement *site_ = nullptr, *village_ = nullptr, *grid_ = nullptr, *unit_ = nullptr, *household_ = nullptr,
            *person_ = nullptr, *workshop_ = nullptr, *community_ = nullptr, *land_ = nullptr;
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
  if (auto s = db.Exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144"); !s)
    return std::unexpected(s.error());
  Result<registry::DemoSummary> summary;
  {
    auto tx = Transaction::Begin(db);
    if (!tx) return std::unexpected(tx.error());
    for (const auto& [name, sql] : indexes)
      if (auto s = db.Exec(fmt::format("DROP INDEX \"{}\"", name)); !s) return std::unexpected(s.error());
    SqliteDemoSink sink(db);
    if (auto s = sink.Prepare(); !s) return std::unexpected(s.error());
    summary = registry::GenerateDemo(opts, sites, villages, *names, sink);
    if (!summary) return std::unexpected(summary.error());
    for (const auto& [name, sql] : indexes)
      if (auto s = db.Exec(sql); !s) return std::unexpected(s.error());
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
  }
  if (auto s = db.Exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL"); !s) return std::unexpected(s.error());
  return summary;
}

}  // namespace anju::storage
