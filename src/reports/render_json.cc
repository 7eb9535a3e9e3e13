// JSON rendering of the county report (shape documented in reports/report_render.h).
#include <fmt/format.h>

#include "core/error.h"
#include "reports/report_figures.h"
#include "reports/report_render.h"

namespace anju::reports {

using nlohmann::json;

Result<Lang> ParseLang(std::string_view text) {
  if (text == "zh" || text == "zh-CN" || text == "zh_CN" || text == "cn") return Lang::kZh;
  if (text == "en" || text == "en-US" || text == "en_US" || text == "en-GB") return Lang::kEn;
  return InvalidArgument("language must be zh or en", "lang", std::string(text),
                         "语言应为 zh 或 en");
}

namespace {

json RateValue(const Rate& r) {
  auto v = r.value();
  return v ? json(*v) : json(nullptr);
}

json Optional(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }

}  // namespace

json ReportToJson(const CountyReport& r) {
  json j = json::object();
  j["as_of"] = FormatIsoDate(r.as_of);
  j["county_code"] = r.county_code;
  j["county_name"] = r.county_name;
  j["site"] = r.site_filter.empty() ? json(nullptr) : json(r.site_filter);
  j["scope"] = r.scope;
  j["is_demo"] = r.is_demo;
  for (const auto& f : detail::KeyFigures(r)) {
    if (f.key.starts_with("sites.by_size_class.")) continue;
    switch (f.kind) {
      case detail::Figure::Kind::kCount:
        j[f.key] = Optional(f.count);
        break;
      case detail::Figure::Kind::kMu:
        j[f.key] = f.centimu ? json(static_cast<double>(*f.centimu) / 100.0) : json(nullptr);
        break;
      case detail::Figure::Kind::kRate:
        j[f.key] = RateValue(f.rate);
        j[f.key + ".numerator"] = f.rate.numerator;
        j[f.key + ".denominator"] = f.rate.denominator;
        break;
    }
  }
  json classes = json::object();
  for (const auto& [c, n] : r.sites_by_size_class) classes[SizeClassKey(c)] = n;
  j["sites.by_size_class"] = classes;
  j["households.excluded_after_as_of"] = r.households_excluded_after_as_of;
  j["persons.excluded_born_after_as_of"] = r.persons_excluded_born_after_as_of;
  json pyramid = json::array();
  for (const auto& b : r.age_pyramid)
    pyramid.push_back({{"band", b.band}, {"male", b.male}, {"female", b.female}});
  j["age_pyramid"] = pyramid;
  j["industry.parks_built"] = Optional(r.industry.parks_built);
  j["industry.parks_planned"] = Optional(r.industry.parks_planned);
  j["industry.workshops"] = Optional(r.industry.workshops);
  j["governance.communities"] = Optional(r.governance.communities);

  json sites = json::array();
  for (const auto& s : r.sites) {
    sites.push_back({
        {"id", s.id},
        {"name", s.name},
        {"mode", s.mode},
        {"township", s.township},
        {"township_code", s.township_code},
        {"households", s.total.households},
        {"persons", s.total.persons},
        {"registered_poor_households", s.registered_poor.households},
        {"registered_poor_persons", s.registered_poor.persons},
        {"co_relocated_households", s.co_relocated.households},
        {"co_relocated_persons", s.co_relocated.persons},
        {"size_class", SizeClassKey(s.size_class)},
        {"planned_capacity", Optional(s.planned_capacity)},
        {"working_age", s.working_age},
        {"employed", s.employed},
        {"employment_rate", RateValue(s.employment_rate)},
        {"employment_rate.numerator", s.employment_rate.numerator},
        {"employment_rate.denominator", s.employment_rate.denominator},
        {"zero_employment_households", s.zero_employment_households},
        {"parks", s.parks},
        {"has_workshop", s.has_workshop},
        {"has_party_branch", s.has_party_branch},
        {"convention_signed_households", s.convention_signed_households},
    });
  }
  j["sites"] = sites;

  json towns = json::array();
  for (const auto& t : r.origin_townships) {
    towns.push_back({
        {"code", t.code},
        {"name", t.name},
        {"households", t.total.households},
        {"persons", t.total.persons},
        {"registered_poor_households", t.registered_poor.households},
        {"registered_poor_persons", t.registered_poor.persons},
        {"co_relocated_households", t.co_relocated.households},
        {"co_relocated_persons", t.co_relocated.persons},
        {"whole_village", t.whole_village_villages},
        {"scattered", t.scattered_villages},
    });
  }
  j["origin_townships"] = towns;

  json quality = json::object();
  for (const auto& q : r.quality.issues)
    quality[q.key] = {{"count", q.count}, {"examples", q.examples}, {"examples_zh", q.examples_zh}};
  j["data_quality"] = quality;

  json notes = json::array();
  for (size_t i = 0; i < r.notes_en.size(); ++i)
    notes.push_back({{"en", r.notes_en[i]}, {"zh", i < r.notes_zh.size() ? r.notes_zh[i] : ""}});
  j["notes"] = notes;
  return j;
}

std::string RenderJson(const CountyReport& r) {
  // Replace invalid UTF-8 (e.g. a mangled name) instead of throwing.
  return ReportToJson(r).dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace anju::reports
