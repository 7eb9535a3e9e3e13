// The county report (县级月报): every published figure of the relocation programme, computed
// from row-level records as of one day. A plain struct tree, filled by BuildCountyReport
// (reports/report_service.h) and rendered by reports/report_render.h as text, JSON, xlsx or a
// printable HTML page. The JSON keys are the report keys of
// ../shared/reference/linxian-figures.md (e.g. `households.total`, `labor.employment_rate`).
//
// Units: persons and households are counts; land areas in 0.01 mu (centimu, exact); housing
// floor areas in 0.01 m² (dm²); dates are civil dates (China). Rates carry their numerator and
// denominator; the value is numerator/denominator in [0,1], absent when the denominator is 0.
//
// A section whose records do not exist (e.g. no land_contracts rows yet) is std::nullopt and
// the report carries a note saying why, never an invented number.
//
// Thread-safety: plain value types.
#pragma once

#include <cstdint>
#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "sites/sites.h"

namespace anju::reports {

/// A proportion with its parts. `value()` is numerator/denominator, nullopt when the
/// denominator is 0 (nothing to divide: shown as "—", JSON null).
struct Rate {
  int64_t numerator = 0;
  int64_t denominator = 0;
  std::optional<double> value() const {
    if (denominator == 0) return std::nullopt;
    return static_cast<double>(numerator) / static_cast<double>(denominator);
  }
};

/// Site size class: the one rule lives in the sites module (sites/sites.h).
using sites::SizeClass;
using sites::SizeClassFor;
/// The JSON key: "3000_plus", "800_2999", "under_800" (sites::SizeClassName, a literal).
const char* SizeClassKey(SizeClass c);

/// A household/person pair of counts.
struct Counts {
  int64_t households = 0;
  int64_t persons = 0;
};

/// One resettlement site (安置点) row of the report.
struct SiteRow {
  int64_t id = 0;
  std::string name;
  std::string mode;            // county_town, township_seat, large_village, dispersed
  std::string township_code;   // 9-digit NBS code of the township the site is in
  std::string township;        // its name, e.g. 临泉镇
  std::optional<int64_t> planned_capacity;  // persons, when recorded
  Counts total;
  Counts registered_poor;
  Counts co_relocated;
  SizeClass size_class = SizeClass::kUnder800;  // of all the site's residents on as_of, whatever the scope
  /// Below the county: the site's residents on as_of outside the scope (not rendered; with
  /// total.persons they give the site's size class, a fact of the site). 0 for the county.
  int64_t residents_outside_scope = 0;
  int64_t working_age = 0;     // persons aged 18–60 (周岁) on as_of
  int64_t employed = 0;        // of whom employed or self-employed
  Rate employment_rate;        // employed / working_age
  int64_t zero_employment_households = 0;
  int64_t parks = 0;           // parks built or planned for this site (parks.site_id)
  bool has_workshop = false;   // at least one 扶贫车间 opened by as_of (or date unknown)
  bool has_party_branch = false;
  int64_t convention_signed_households = 0;
};

/// Relocated population by origin township (迁出乡镇).
struct TownshipRow {
  std::string code;  // 9-digit NBS code
  std::string name;
  Counts total;
  Counts registered_poor;
  Counts co_relocated;
  int64_t whole_village_villages = 0;  // origin villages with relocated households, by type
  int64_t scattered_villages = 0;
};

/// Labour (劳动力) figures over all included persons.
struct Labor {
  int64_t working_age = 0;          // persons aged 18–60 inclusive (周岁) on as_of
  Rate working_age_share;           // working_age / persons.total
  int64_t employed = 0;             // working-age persons with an employment kind other than none
  Rate employment_rate;             // employed / working_age
  /// 零就业家庭: households with at least one working-age member able and willing to work
  /// (able_to_work = wants_work = 1) of whom none is employed (MOHRSS definition: all members
  /// of working age with capacity and will to work are without work).
  int64_t zero_employment_households = 0;
  /// labor.jobs.<channel>: counted persons with a current, not voided job of that channel on
  /// as_of, in kJobChannels order (a person with jobs of two channels counts in both); nullopt
  /// without a jobs table (docs/industry.md "Figures").
  std::optional<std::array<int64_t, 8>> jobs_by_channel;
  /// labor.zero_employment_open: of the zero_employment_households, those without a clearing
  /// for a documented non-employment reason valid on as_of (zero_employment_clearings, reason
  /// other than employed, cleared_on <= as_of < valid_until; docs/industry.md "Services");
  /// nullopt without that table.
  std::optional<int64_t> zero_employment_open;
};

/// The job channels (jobs.channel, src/industry/migrations/0002_jobs.sql), in the order of
/// Labor::jobs_by_channel and of PersonRecord::job_mask's bits.
inline constexpr std::array<const char*, 8> kJobChannels = {
    "workshop", "park", "welfare_post", "enterprise", "migrant_work", "self_employed", "flexible", "other"};

/// The certificate kinds (training_certificates.kind, src/industry/migrations/0006_training.sql),
/// in the order of Industry::certificates_by_kind: 培训合格证 training, 职业技能等级证 skill_level,
/// 职业资格证 qualification, 专项能力证 special.
inline constexpr std::array<const char*, 4> kCertificateKinds = {"training", "skill_level", "qualification",
                                                                 "special"};

/// Industry (后续产业). Optional members are nullopt when their table has no rows.
struct Industry {
  std::optional<int64_t> parks;          // parks rows, built and planned
  std::optional<int64_t> parks_built;
  std::optional<int64_t> parks_planned;
  std::optional<int64_t> sites_with_workshop;
  std::optional<int64_t> workshops;
  std::optional<int64_t> custody_centimu;        // 农业生产托管, contracts in force on as_of
  std::optional<int64_t> land_transfer_centimu;  // 土地流转, contracts in force on as_of
  /// Counted persons holding a public-welfare post on as_of: a current job of channel
  /// welfare_post (a post holding makes one, docs/industry.md "Posts"); nullopt without jobs.
  std::optional<int64_t> welfare_posts_held;
  /// industry.certificates_issued: training certificates issued on or before as_of and not
  /// voided whose holder's household (persons.household_id) the report counts on as_of;
  /// nullopt without a training_certificates table. By kind in kCertificateKinds order.
  std::optional<int64_t> certificates_issued;
  std::optional<std::array<int64_t, 4>> certificates_by_kind;
  /// industry.workshops_recognised: workshops of the report's sites recognised as 就业帮扶车间
  /// on as_of and not below the setting workshop.recognition_min_workers (the places area's
  /// rule, industry::CountsAsRecognised); nullopt while workshops is empty.
  std::optional<int64_t> workshops_recognised;
};

/// Community governance (社区治理). Optional members are nullopt when communities is empty.
struct Governance {
  std::optional<int64_t> communities;
  std::optional<int64_t> sites_with_party_branch;  // branch founded on or before as_of
  std::optional<int64_t> party_organisations;      // communities with a new party organisation
  Rate convention_rate;  // households that signed the 居民公约 / included households
};

/// One category of data-quality defect: how many, and up to 10 examples.
struct QualityIssue {
  std::string key;  // invalid_resident_id, head_count, id_mismatch, site_over_capacity,
                    // housing_over_25m2_per_person, resident_id_pending (a counted person whose
                    // id is still to be filled, 待补录: not invalid, a to-do)
  int64_t count = 0;
  /// Examples: "LX-000123 141124********015X: check digit is 3, expected X". Resident ids
  /// are masked (first 6 and last 4 characters kept).
  std::vector<std::string> examples;
  std::vector<std::string> examples_zh;  // the same examples in Chinese
};

/// The data-quality section: one QualityIssue per kind, in a fixed order.
struct DataQuality {
  std::vector<QualityIssue> issues;
  /// The issue with `key`, or nullptr.
  const QualityIssue* Find(const std::string& key) const;
};

/// Persons of one 5-year age band (completed years on as_of) by sex; bands "0-4" … "80-84",
/// "85+".
struct AgeBand {
  std::string band;
  int64_t male = 0;
  int64_t female = 0;
};

/// The whole county report.
struct CountyReport {
  Date as_of{};
  std::string county_code;  // meta county_code, e.g. 141124
  std::string county_name;  // meta county_name, e.g. 临县
  std::string site_filter;  // the --site name, empty for the whole county
  std::string scope = "county";  // whose records are counted: DescribeScope (core/actor.h)
  bool is_demo = false;     // meta is_demo = '1'

  Counts total;             // households.total / persons.total
  Counts registered_poor;   // households.registered_poor / persons.registered_poor
  Counts co_relocated;      // households.co_relocated / persons.co_relocated
  int64_t households_excluded_after_as_of = 0;  // moved in after as_of, not counted
  int64_t persons_excluded_born_after_as_of = 0; // born after as_of, not counted

  int64_t whole_village_villages = 0;  // origin_villages.whole_village
  int64_t scattered_villages = 0;      // origin_villages.scattered

  std::map<SizeClass, int64_t> sites_by_size_class;  // every class present, 0 when none
  std::vector<SiteRow> sites;                       // ordered by persons, descending
  std::vector<TownshipRow> origin_townships;        // ordered by code

  std::vector<AgeBand> age_pyramid;                // 18 bands, persons.total in all

  Labor labor;
  Industry industry;
  Governance governance;
  DataQuality quality;

  /// Notes on sections left null (and why), in English and Chinese, same order.
  std::vector<std::string> notes_en;
  std::vector<std::string> notes_zh;
};

}  // namespace anju::reports
