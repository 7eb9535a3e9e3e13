// The registry module's report figures: relocated population and labour. Its descriptor's `figures`
// (src/registry/module.cc); compiled into anju_registry_module, which links anju_reports (see figures.h).
#include "registry/figures.h"

namespace anju::registry {

using namespace reports;  // FigureModule, FigureSpec, FigureUnit, FigureValue, CountyReport …

namespace {
FigureValue Count(int64_t v) { return {v, std::nullopt, {}}; }
FigureValue RateOf(Rate r) { return {std::nullopt, std::nullopt, r}; }
}  // namespace

FigureModule Figures() {
  using U = FigureUnit;
  constexpr const char* kIncluded =
      "households whose move_in_date is on or before the report day (as_of)";
  constexpr const char* kPersons =
      "persons of those households born on or before as_of";
  constexpr const char* kWorkingAge =
      "persons of included households aged 18–60 in completed years (周岁) on as_of";
  FigureModule m;
  m.sections = {{"population", "Relocated population", "搬迁人口", 10},
                {"labor", "Labour and employment", "劳动力与就业", 30}};
  m.figures = {
      {"households.total", "population", U::kHouseholds, "Relocated households", "搬迁户数",
       std::string("households: ") + kIncluded, {"households", "households.total"},
       [](const CountyReport& r) { return Count(r.total.households); }},
      {"persons.total", "population", U::kPersons, "Relocated persons", "搬迁人口",
       std::string("persons: ") + kPersons, {"persons", "persons.total"},
       [](const CountyReport& r) { return Count(r.total.persons); }},
      {"households.registered_poor", "population", U::kHouseholds, "Registered-poor households",
       "建档立卡贫困户数", "households (included) with category registered_poor",
       {"households", "households.registered_poor"},
       [](const CountyReport& r) { return Count(r.registered_poor.households); }},
      {"persons.registered_poor", "population", U::kPersons, "Registered-poor persons",
       "建档立卡贫困人口", "persons (included) of registered_poor households",
       {"persons", "persons.registered_poor"},
       [](const CountyReport& r) { return Count(r.registered_poor.persons); }},
      {"households.co_relocated", "population", U::kHouseholds, "Co-relocated households",
       "同步搬迁户数", "households (included) with a category other than registered_poor",
       {"households", "households.co_relocated"},
       [](const CountyReport& r) { return Count(r.co_relocated.households); }},
      {"persons.co_relocated", "population", U::kPersons, "Co-relocated persons", "同步搬迁人口",
       "persons (included) of households with a category other than registered_poor",
       {"persons", "persons.co_relocated"},
       [](const CountyReport& r) { return Count(r.co_relocated.persons); }},
      {"origin_villages.whole_village", "population", U::kVillages,
       "Whole-village relocation villages", "整村搬迁村",
       "origin_villages with relocation_type whole_village and at least one included household",
       {"origin_villages", "origin_villages.whole_village"},
       [](const CountyReport& r) { return Count(r.whole_village_villages); }},
      {"origin_villages.scattered", "population", U::kVillages, "Scattered relocation villages",
       "插花搬迁村",
       "origin_villages with relocation_type scattered and at least one included household",
       {"origin_villages", "origin_villages.scattered"},
       [](const CountyReport& r) { return Count(r.scattered_villages); }},
      {"labor.working_age", "labor", U::kPersons, "Persons aged 18–60", "18至60周岁人口",
       kWorkingAge, {"persons", "persons.working_age"},
       [](const CountyReport& r) { return Count(r.labor.working_age); }},
      {"labor.working_age_share", "labor", U::kRate, "Share of relocated persons aged 18–60",
       "18至60周岁人口占搬迁人口比例",
       "labor.working_age / persons.total; the records are the working-age persons",
       {"persons", "persons.working_age"},
       [](const CountyReport& r) { return RateOf(r.labor.working_age_share); }},
      {"labor.employed", "labor", U::kPersons, "Of whom employed or self-employed",
       "其中就业创业人数", "working-age persons whose employment_kind is not none",
       {"persons", "persons.employed"},
       [](const CountyReport& r) { return Count(r.labor.employed); }},
      {"labor.employment_rate", "labor", U::kRate, "Employment rate (aged 18–60)",
       "就业率（18至60周岁）",
       "labor.employed / labor.working_age; the records are the employed working-age persons",
       {"persons", "persons.employed"},
       [](const CountyReport& r) { return RateOf(r.labor.employment_rate); }},
      {"labor.zero_employment_households", "labor", U::kHouseholds, "Zero-employment households",
       "零就业家庭",
       "included households with at least one working-age member able and willing to work "
       "(able_to_work = wants_work = 1) and no working-age member employed [MOHRSS 零就业家庭]",
       {"households", "households.zero_employment"},
       [](const CountyReport& r) { return Count(r.labor.zero_employment_households); }},
  };
  return m;
}

}  // namespace anju::registry
