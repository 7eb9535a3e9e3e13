#include "registry/http/query.h"

#include <fmt/format.h>

#include "core/division_code.h"
#include "core/resident_id.h"
#include "http/envelope.h"
#include "http/json_body.h"
#include "registry/registry.h"
#include "reports/figure_spec.h"

namespace anju::registry {

using http::RequestContext;
using http::ValidationFailed;

namespace {

// Collects faults of several parameters.
class Faults {
 public:
  template <class T>
  std::optional<T> Take(Result<T> r) {
    if (r) return std::move(*r);
    list_.push_back(std::move(r.error()));
    return std::nullopt;
  }
  template <class T>
  std::optional<T> TakeOpt(Result<std::optional<T>> r) {
    if (r) return std::move(*r);
    list_.push_back(std::move(r.error()));
    return std::nullopt;
  }
  Status Done() {
    if (list_.empty()) return {};
    return std::unexpected(ValidationFailed(std::move(list_)));
  }

 private:
  std::vector<Error> list_;
};

template <class E, class Parse>
std::optional<E> EnumParam(const RequestContext& ctx, Faults& f, std::string_view name,
                           Parse parse) {
  auto text = ctx.Query(name);
  if (!text) return std::nullopt;
  auto v = parse(*text);
  if (!v) {
    Error e = v.error();
    e.field = std::string(name);
    return f.Take(Result<E>(std::unexpected(std::move(e))));
  }
  return *v;
}

std::string TownshipParam(const RequestContext& ctx, Faults& f) {
  auto text = ctx.Query("township");
  if (!text) return {};
  auto code = ParseDivisionCode(*text);
  if (!code || code->level() != DivisionLevel::kTownship) {
    f.Take(Result<int>(InvalidArgument(
        "township must be a 9-digit statistical division code of a township, e.g. 141124100",
        "township", text->substr(0, 20), "乡镇代码应为 9 位统计用区划代码")));
    return {};
  }
  return code->str();
}

// The person traits shared by both lists: employment ("employed" / "unemployed" or an
// employment kind), age_min, age_max, as_of, able_to_work, wants_work, sex.
registry::MemberFilter TraitParams(const RequestContext& ctx, Faults& f) {
  registry::MemberFilter m;
  if (auto e = ctx.Query("employment")) {
    if (*e == "employed") {
      m.employed = true;
    } else if (*e == "unemployed") {
      m.employed = false;
    } else {
      m.employment_kind = EnumParam<registry::EmploymentKind>(ctx, f, "employment",
                                                              registry::ParseEmploymentKind);
    }
  }
  if (auto a = f.TakeOpt(ctx.QueryInt("age_min", 0, 150))) m.age_min = static_cast<int>(*a);
  if (auto a = f.TakeOpt(ctx.QueryInt("age_max", 0, 150))) m.age_max = static_cast<int>(*a);
  m.as_of = f.TakeOpt(ctx.QueryAsOf());
  m.able_to_work = f.TakeOpt(ctx.QueryBool("able_to_work"));
  m.wants_work = f.TakeOpt(ctx.QueryBool("wants_work"));
  m.sex = EnumParam<Sex>(ctx, f, "sex", ParseSex);
  if (m.age_min && m.age_max && *m.age_min > *m.age_max) {
    f.Take(Result<int>(InvalidArgument(
        fmt::format("age_min {} is above age_max {}", *m.age_min, *m.age_max), "age_min",
        std::to_string(*m.age_min), "最小年龄大于最大年龄")));
  }
  return m;
}

// The household list's search text: trimmed (also U+3000); a household number
// (" lx-0000017 ") in its stored upper-case form.
std::string SearchText(std::string_view q) {
  std::string t = registry::TrimSpace(q);
  std::string no = registry::NormalizeHouseholdNo(t);
  return registry::LooksLikeHouseholdNo(no) ? no : t;
}

// ?figure=<report key> (reports/figure_spec.h): only the records the figure counts on `as_of`
// (the list's as_of, else the server's default day). The figure must drill down to `list`.
std::optional<registry::FigureFilter> FigureParam(const RequestContext& ctx, Faults& f,
                                                  std::string_view list, std::optional<Date> as_of) {
  auto key = ctx.Query("figure");
  if (!key) return std::nullopt;
  const reports::FigureSpec* spec = reports::FindFigure(*key);
  if (!spec || spec->records.list != list) {
    std::string keys;
    for (const auto& s : reports::AllFigureSpecs())
      if (s.records.list == list) keys += (keys.empty() ? "" : ", ") + s.key;
    f.Take(Result<int>(InvalidArgument(
        fmt::format("figure must be a report figure counted on the {} list: {}", list, keys), "figure",
        key->substr(0, 60), fmt::format("figure 应为按{}列表统计的报表指标之一：{}", list, keys))));
    return std::nullopt;
  }
  return registry::FigureFilter{spec->records.filter, as_of.value_or(ctx.services.DefaultAsOf())};
}

}  // namespace

std::string HouseholdCursorList(const registry::HouseholdSort& sort) {
  return fmt::format("households|{}|{}", static_cast<int>(sort.key), sort.descending);
}

std::string PersonCursorList(const registry::PersonSort& sort) {
  return fmt::format("persons|{}|{}", static_cast<int>(sort.key), sort.descending);
}

Result<std::pair<registry::HouseholdFilter, registry::HouseholdSort>> ParseHouseholdQuery(
    const RequestContext& ctx) {
  Faults f;
  registry::HouseholdFilter filter;
  registry::HouseholdSort sort;
  filter.site_id = f.TakeOpt(ctx.QueryInt("site_id", 1, INT64_MAX));
  filter.township_code = TownshipParam(ctx, f);
  filter.category = EnumParam<registry::Category>(ctx, f, "category", registry::ParseCategory);
  filter.relocation_type = EnumParam<registry::RelocationType>(
      ctx, f, "relocation_type", registry::ParseRelocationType);
  filter.origin_village_id = f.TakeOpt(ctx.QueryInt("origin_village_id", 1, INT64_MAX));
  filter.grid_id = f.TakeOpt(ctx.QueryInt("grid_id", 1, INT64_MAX));
  if (auto q = ctx.Query("q")) filter.query = SearchText(*q);
  filter.member = TraitParams(ctx, f);
  filter.counted_on = filter.member.as_of;
  filter.figure = FigureParam(ctx, f, "households", filter.member.as_of);
  if (auto s = ctx.Query("sort")) {
    if (auto v = f.Take(registry::ParseHouseholdSort(*s))) sort = *v;
  }
  if (auto st = f.Done(); !st) return std::unexpected(st.error());
  return std::pair{std::move(filter), sort};
}

Result<std::pair<registry::PersonFilter, registry::PersonSort>> ParsePersonQuery(
    const RequestContext& ctx) {
  Faults f;
  registry::PersonFilter filter;
  registry::PersonSort sort;
  if (auto q = ctx.Query("q")) filter.query = registry::TrimSpace(*q);
  filter.household_id = f.TakeOpt(ctx.QueryInt("household_id", 1, INT64_MAX));
  filter.site_id = f.TakeOpt(ctx.QueryInt("site_id", 1, INT64_MAX));
  filter.grid_id = f.TakeOpt(ctx.QueryInt("grid_id", 1, INT64_MAX));
  filter.township_code = TownshipParam(ctx, f);
  filter.category = EnumParam<registry::Category>(ctx, f, "category", registry::ParseCategory);
  registry::MemberFilter m = TraitParams(ctx, f);
  filter.employed = m.employed;
  filter.employment_kind = m.employment_kind;
  filter.age_min = m.age_min;
  filter.age_max = m.age_max;
  filter.as_of = m.as_of;
  filter.able_to_work = m.able_to_work;
  filter.wants_work = m.wants_work;
  filter.sex = m.sex;
  filter.counted_on = filter.as_of;
  filter.figure = FigureParam(ctx, f, "persons", filter.as_of);
  if (auto s = ctx.Query("sort")) {
    if (auto v = f.Take(registry::ParsePersonSort(*s))) sort = *v;
  }
  if (auto st = f.Done(); !st) return std::unexpected(st.error());
  return std::pair{std::move(filter), sort};
}

}  // namespace anju::registry
