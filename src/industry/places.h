// Parks (现代农业产业园区) and workshops (就业帮扶车间, formerly 扶贫车间): issue #16 items 1–2,
// docs/industry.md "Places". Value types and the rules a write must pass (no SQL here).
//
// Rules (each refusal names the field and value, in English and Chinese):
//   park      name 1–100 characters; kind from kParkKinds; area ≥ 0 mu with at most two decimals
//             (stored in centimu); head_count ≥ 0; operator_kind cooperative / enterprise /
//             village or none; status built or planned; a planned park has planned_on (the day it
//             is planned to be built, may be in the future); a built park's built_on is not after
//             today; the sites served exist and lie in the writer's scope (storage and routes).
//   workshop  name 1–100 characters; type one of the five of programme-facts §1.5; opened_on and
//             recognised_on not after today; closed_on after opened_on and not after today, with
//             a reason; rent_free_years 0–20 (plausibility bound: the county's 十项优惠政策 give
//             3–5 years); subsidy_fen ≥ 0; recognised_on and level go together.
//   recognition  a workshop counts as recognised on D when recognised_on <= D and it is open on
//             D; it is flagged when its workers on D (persons of relocated households with a
//             current job there) are fewer than the setting workshop.recognition_min_workers
//             (default 5, programme-facts §1.5, unverified for Shanxi).
//
// Thread-safety: value types and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"

namespace anju::industry {

/// Park kinds (the reference parks' kinds, data/parks.csv, plus other).
inline constexpr std::string_view kParkKinds[] = {
    "shiitake", "vegetable_greenhouse", "e_commerce", "edible_fungus_greenhouse", "leisure_agriculture",
    "fruit_vegetable_greenhouse", "solar_greenhouse_vegetable", "donkey_breeding", "red_date_processing",
    "red_date_walnut_processing", "other"};
/// Who runs a park: 合作社, 企业, 村集体.
inline constexpr std::string_view kOperatorKinds[] = {"cooperative", "enterprise", "village"};
/// The five types of 就业帮扶车间 (programme-facts §1.5): 厂房式, 居家式, 种养式, 贸易流通式, 文化旅游式.
inline constexpr std::string_view kWorkshopTypes[] = {"factory", "home", "farming", "trade", "tourism"};
/// Recognition levels: 就业帮扶车间, 乡村就业工厂 (the upgrade, programme-facts §1.5).
inline constexpr std::string_view kWorkshopLevels[] = {"workshop", "factory"};

/// A park (table parks) with the further sites it serves (park_sites).
struct Park {
  int64_t id = 0;
  std::string name;
  int64_t site_id = 0;               // the site it was built for
  std::string site_name;             // read only
  std::string kind;                  // kParkKinds
  std::optional<int64_t> area_centimu;
  std::optional<int64_t> head_count;  // livestock capacity
  std::string operator_name;         // the leading cooperative or enterprise ("" none)
  std::string operator_kind;         // kOperatorKinds or "" (not recorded)
  std::string status = "built";      // built | planned
  std::optional<Date> built_on, planned_on;
  std::string note;
  std::vector<int64_t> served_site_ids;  // further sites (not site_id)
  int64_t version = 1;
};

/// Fields of a new park or of a change (absent: unchanged; for the optional values a present
/// null clears: `clear_*`).
struct ParkInput {
  std::optional<std::string> name, kind, operator_name, operator_kind, status, note;
  std::optional<int64_t> site_id;
  std::optional<std::string> area_mu;  // decimal text of mu ("50", "12.25"); "" clears
  std::optional<int64_t> head_count;
  bool clear_head_count = false, clear_built_on = false, clear_planned_on = false;
  std::optional<Date> built_on, planned_on;
  std::optional<std::vector<int64_t>> served_site_ids;
};

/// A workshop (table workshops).
struct Workshop {
  int64_t id = 0;
  int64_t site_id = 0;
  std::string site_name;  // read only
  std::string name;
  std::string kind;        // product kind code of the ledger (small_appliance, …) or ""
  std::string enterprise;  // operating enterprise
  std::string products;
  std::string type;        // kWorkshopTypes or ""
  std::optional<Date> opened_on, closed_on;
  std::string close_reason;
  std::optional<int64_t> rent_free_years, subsidy_fen;
  std::string incentive_note;
  std::optional<Date> recognised_on;
  std::string level;  // kWorkshopLevels or "" (not recognised)
  int64_t version = 1;
};

/// Fields of a new workshop or of a change (absent: unchanged). Closing is its own action.
struct WorkshopInput {
  std::optional<int64_t> site_id;
  std::optional<std::string> name, kind, enterprise, products, type, incentive_note, level;
  std::optional<Date> opened_on, recognised_on;
  bool clear_opened_on = false, clear_recognised_on = false;
  std::optional<int64_t> rent_free_years, subsidy_fen;
  bool clear_rent_free_years = false, clear_subsidy_fen = false;
};

/// Applies `in` to `p` (a new park starts from Park{}). Errors: kInvalidArgument for an area
/// that is not mu with at most two decimals (field area_mu).
Status ApplyParkInput(Park& p, const ParkInput& in);
/// Every rule of a park above except the sites' existence and scope, all faults at once.
Status CheckPark(const Park& p, Date today);

/// Applies `in` to `w`.
void ApplyWorkshopInput(Workshop& w, const WorkshopInput& in);
/// Every rule of a workshop above, all faults at once.
Status CheckWorkshop(const Workshop& w, Date today);
/// The close action's rules: `on` after opened_on, not after today, not already closed;
/// reason required. Errors name closed_on / reason.
Status CheckClose(const Workshop& w, Date on, std::string_view reason, Date today);

/// Whether the workshop is open on `d` (opened_on unknown counts as open; closed_on is the first
/// day closed).
bool OpenOn(const Workshop& w, Date d);

/// A workshop's recognition on a day.
struct Recognition {
  bool recognised = false;  // recognised_on <= D and open on D
  int64_t workers = 0;      // relocated workers with a current job there on D
  int64_t min_workers = 0;  // the setting in force
  bool below_minimum = false;  // recognised and workers < min_workers: flagged
  bool meets_minimum = false;  // workers >= min_workers (a candidate when not recognised)
};
Recognition EvaluateRecognition(const Workshop& w, Date as_of, int64_t workers, int64_t min_workers);
/// Counted by the report figure industry.workshops_recognised (docs/industry.md "Figures"):
/// recognised on D and not flagged below the minimum (workers >= min_workers).
inline bool CountsAsRecognised(const Recognition& r) { return r.recognised && r.meets_minimum; }

}  // namespace anju::industry
