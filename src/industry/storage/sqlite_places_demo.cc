// The industry demo's places (storage/industry_demo.h): the new columns of the 15 reference parks
// and the 18 demo workshops, and the links from demo jobs to them. Runs after AddDemoJobs.
//
// Invented (plausible, fictitious) values — the article gives none of them:
//   parks      operator_kind from the operator's name (…合作社 cooperative, 晋陕红土地 enterprise,
//              none named: village, the village collective runs it); built_on a day in 2017–2019
//              (the 13th five-year plan's building years); 克虎 (planned) planned_on 2023-06-30.
//   workshops  enterprise 临县<kind>有限公司 per site, products from the kind, type factory,
//              rent-free 3–5 years, subsidies 50,000–200,000 yuan in fen, recognised as
//              就业帮扶车间 one year after opening (all 18, the article: every site has one).
//   jobs       every demo job of channel workshop gets the workshop of its person's site, every
//              job of channel park the first park of that site (or a served park) when it has
//              one — so the workers of a workshop are the site's workshop jobs.
#include <fmt/format.h>

#include "core/try.h"
#include "industry/storage/industry_demo.h"

namespace anju::storage {
namespace {

// The products of a ledger kind (industry/workshop_table.cc).
const char* ProductsOf(const std::string& kind) {
  if (kind == "small_appliance") return "小家电";
  if (kind == "garment") return "服装";
  if (kind == "luggage") return "箱包";
  if (kind == "electronics_assembly") return "电子元件";
  if (kind == "handicraft") return "手工艺品";
  if (kind == "food_processing") return "红枣食品";
  if (kind == "motor_assembly") return "电机";
  if (kind == "small_fan_assembly") return "小风扇";
  return "来料加工产品";
}

}  // namespace

Status AddDemoPlaces(Connection& db, uint64_t seed, Date statistics_date, IndustryDemoSummary& sum) {
  // Parks.
  ANJU_CHECK(db.Exec(
      "UPDATE parks SET operator_kind = CASE WHEN operator LIKE '%合作社%' THEN 'cooperative' "
      "WHEN operator IS NOT NULL AND operator <> '' THEN 'enterprise' ELSE 'village' END "
      "WHERE operator_kind IS NULL"));
  {
    ANJU_TRY(ids, db.Prepare("SELECT id, status FROM parks ORDER BY id"));
    std::vector<std::pair<int64_t, std::string>> parks;
    while (true) {
      ANJU_TRY(row, ids.Step());
      if (!row) break;
      parks.emplace_back(ids.ColumnInt(0), ids.ColumnText(1));
    }
    for (auto& [id, status] : parks) {
      const uint64_t h = (seed ^ static_cast<uint64_t>(id) * 0x9E3779B97F4A7C15ull) >> 7;
      ANJU_TRY(up, db.Prepare(status == "planned"
                                  ? "UPDATE parks SET planned_on = '2023-06-30', built_on = NULL WHERE id = ?1"
                                  : "UPDATE parks SET built_on = ?2 WHERE id = ?1 AND built_on IS NULL"));
      up.Bind(1, id);
      if (status != "planned")
        up.Bind(2, fmt::format("{}-{:02}-{:02}", 2017 + static_cast<int>(h % 3), 3 + static_cast<int>((h >> 3) % 8),
                               1 + static_cast<int>((h >> 7) % 28)));
      ANJU_CHECK(up.Run());
      ++sum.parks;
    }
  }
  // Workshops.
  {
    ANJU_TRY(ids, db.Prepare("SELECT w.id, COALESCE(w.kind, ''), w.opened_on FROM workshops w ORDER BY w.id"));
    struct W {
      int64_t id;
      std::string kind, opened;
    };
    std::vector<W> ws;
    while (true) {
      ANJU_TRY(row, ids.Step());
      if (!row) break;
      ws.push_back({ids.ColumnInt(0), ids.ColumnText(1), ids.ColumnIsNull(2) ? "" : ids.ColumnText(2)});
    }
    for (const W& w : ws) {
      const uint64_t h = (seed ^ static_cast<uint64_t>(w.id) * 0xBF58476D1CE4E5B9ull) >> 11;
      const std::string products = ProductsOf(w.kind);
      ANJU_TRY(up, db.Prepare(
                       "UPDATE workshops SET enterprise = ?2, products = ?3, type = 'factory', "
                       "rent_free_years = COALESCE(rent_free_years, ?4), subsidy_fen = ?5, "
                       "incentive_note = '十项优惠政策：厂房免租、水电补贴、岗位补贴、培训补贴', "
                       "recognised_on = CASE WHEN opened_on IS NULL THEN NULL ELSE date(opened_on, '+1 year') END, "
                       "level = CASE WHEN opened_on IS NULL THEN NULL ELSE 'workshop' END WHERE id = ?1"));
      up.Bind(1, w.id)
          .Bind(2, fmt::format("临县{}加工有限公司（示例{}）", products, w.id))
          .Bind(3, products)
          .Bind(4, static_cast<int64_t>(3 + h % 3))
          .Bind(5, static_cast<int64_t>(5'000'000 + (h % 16) * 1'000'000));
      ANJU_CHECK(up.Run());
      ++sum.workshops;
    }
    // A recognition after the statistics day is not a fact yet: none.
    ANJU_TRY(later, db.Prepare("UPDATE workshops SET recognised_on = NULL, level = NULL WHERE recognised_on > ?"));
    later.Bind(1, FormatIsoDate(statistics_date));
    ANJU_CHECK(later.Run());
  }
  // Jobs -> workshops and parks of the person's site.
  ANJU_CHECK(db.Exec(
      "UPDATE jobs SET workshop_id = (SELECT min(w.id) FROM workshops w JOIN households h ON h.site_id = w.site_id "
      "JOIN persons p ON p.household_id = h.id WHERE p.id = jobs.person_id) "
      "WHERE channel = 'workshop' AND workshop_id IS NULL"));
  ANJU_CHECK(db.Exec(
      "UPDATE jobs SET park_id = (SELECT min(k.id) FROM parks k JOIN households h ON h.site_id = k.site_id "
      "OR h.site_id IN (SELECT ps.site_id FROM park_sites ps WHERE ps.park_id = k.id) "
      "JOIN persons p ON p.household_id = h.id WHERE p.id = jobs.person_id AND k.status = 'built') "
      "WHERE channel = 'park' AND park_id IS NULL"));
  return {};
}

}  // namespace anju::storage
