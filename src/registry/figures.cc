// The registry module's report figures: relocated population and labour. Its descriptor's `figures`
// (src/registry/module.cc); compiled into anju_registry_module, which links anju_reports (see figures.h).
#include "registry/figures.h"

#include <utility>

namespace anju::registry {

using namespace reports;  // FigureModule, FigureSpec, FigureUnit, FigureValue, CountyReport …

namespace {
FigureValue Count(int64_t v) { return {v, std::nullopt, {}}; }
FigureValue RateOf(Rate r) { return {std::nullopt, std::nullopt, r}; }
// Plain-Chinese "how computed" per figure key (FigureSpec::how_zh).
const std::pair<const char*, const char*> kHowZh[] = {
      {"households.total",
       "截至统计日已入住（入住日期不晚于统计日）的搬迁户"},
      {"persons.total",
       "上述已入住搬迁户中，统计日前已出生的家庭成员"},
      {"households.registered_poor",
       "已入住搬迁户中人口类别为建档立卡贫困户的户数"},
      {"persons.registered_poor",
       "已入住的建档立卡贫困户的家庭成员人数"},
      {"households.co_relocated",
       "已入住搬迁户中建档立卡贫困户以外的同步搬迁户数"},
      {"persons.co_relocated",
       "已入住的同步搬迁户的家庭成员人数"},
      {"origin_villages.whole_village",
       "搬迁类型为整村搬迁、且至少有一户已入住的迁出村"},
      {"origin_villages.scattered",
       "搬迁类型为插花搬迁、且至少有一户已入住的迁出村"},
      {"labor.working_age",
       "已入住搬迁户中，统计日年满18周岁、未满61周岁（按周岁计）的人"},
      {"labor.working_age_share",
       "18至60周岁人数除以搬迁人口；明细为18至60周岁的人"},
      {"labor.employed",
       "18至60周岁的人中有就业方式（已就业或自主创业）的人"},
      {"labor.employment_rate",
       "就业创业人数除以18至60周岁人数；明细为已就业的18至60周岁的人"},
      {"labor.zero_employment_households",
       "已入住搬迁户中，有18至60周岁且有劳动能力、有就业意愿的成员，但18至60周岁成员无一人就业的家庭（人社部零就业家庭口径）"},
};
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
  SetHowZh(m, kHowZh);
  return m;
}

}  // namespace anju::registry
