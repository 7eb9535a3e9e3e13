#include "industry/places.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/area.h"

namespace anju::industry {
namespace {

Error Fault(std::string field, std::string value, std::string en, std::string zh) {
  return Error{ErrorCode::kInvalidArgument, std::move(en), std::move(zh), std::move(field), std::move(value), {}};
}

template <size_t N>
bool OneOf(const std::string_view (&list)[N], std::string_view v) {
  return std::find(std::begin(list), std::end(list), v) != std::end(list);
}

template <size_t N>
std::string Joined(const std::string_view (&list)[N]) {
  std::string out;
  for (std::string_view s : list) out += (out.empty() ? "" : ", ") + std::string(s);
  return out;
}

// Counts UTF-8 characters (not bytes).
size_t Chars(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

void CheckName(std::vector<Error>& f, std::string_view name, std::string_view what_en, std::string_view what_zh) {
  if (name.empty() || Chars(name) > 100)
    f.push_back(Fault("name", std::string(name),
                      fmt::format("the {} name must have 1 to 100 characters; give its name as on its sign", what_en),
                      fmt::format("{}名称须为1至100个字，请按其名称填写", what_zh)));
}

void NotAfterToday(std::vector<Error>& f, const char* field, const std::optional<Date>& d, Date today,
                   std::string_view what_zh) {
  if (d && *d > today)
    f.push_back(Fault(field, FormatIsoDate(*d),
                      fmt::format("{} {} is after today ({}); give a day that has passed", field, FormatIsoDate(*d),
                                  FormatIsoDate(today)),
                      fmt::format("{}{}晚于今天（{}），请填写已发生的日期", what_zh, FormatIsoDate(*d), FormatIsoDate(today))));
}

}  // namespace

Status ApplyParkInput(Park& p, const ParkInput& in) {
  if (in.name) p.name = *in.name;
  if (in.site_id) p.site_id = *in.site_id;
  if (in.kind) p.kind = *in.kind;
  if (in.operator_name) p.operator_name = *in.operator_name;
  if (in.operator_kind) p.operator_kind = *in.operator_kind;
  if (in.status) p.status = *in.status;
  if (in.note) p.note = *in.note;
  if (in.area_mu) {
    if (in.area_mu->empty()) {
      p.area_centimu.reset();
    } else {
      auto a = ParseMu(*in.area_mu);
      if (!a || a->units() % 10000 != 0)
        return std::unexpected(Fault("area_mu", *in.area_mu,
                                     "area_mu must be a number of mu, 0 or more, with at most two decimals (e.g. 50 or 12.25)",
                                     "面积（亩）须为不小于0的数，最多两位小数（如 50 或 12.25）"));
      p.area_centimu = a->RoundedCentimu();
    }
  }
  if (in.head_count) p.head_count = *in.head_count;
  if (in.clear_head_count) p.head_count.reset();
  if (in.built_on) p.built_on = *in.built_on;
  if (in.clear_built_on) p.built_on.reset();
  if (in.planned_on) p.planned_on = *in.planned_on;
  if (in.clear_planned_on) p.planned_on.reset();
  if (in.served_site_ids) {
    p.served_site_ids = *in.served_site_ids;
    std::sort(p.served_site_ids.begin(), p.served_site_ids.end());
    p.served_site_ids.erase(std::unique(p.served_site_ids.begin(), p.served_site_ids.end()), p.served_site_ids.end());
  }
  return {};
}

Status CheckPark(const Park& p, Date today) {
  std::vector<Error> f;
  CheckName(f, p.name, "park", "园区");
  if (p.site_id <= 0)
    f.push_back(Fault("site_id", std::to_string(p.site_id), "site_id is required: the site the park was built for",
                      "请选择园区所属安置点"));
  if (!OneOf(kParkKinds, p.kind))
    f.push_back(Fault("kind", p.kind, fmt::format("'{}' is not a park kind; use one of {}", p.kind, Joined(kParkKinds)),
                      fmt::format("“{}”不是园区类型，请从列表中选择", p.kind)));
  if (p.area_centimu && *p.area_centimu < 0)
    f.push_back(Fault("area_mu", std::to_string(*p.area_centimu), "area_mu must be 0 or more", "面积不能为负数"));
  if (p.head_count && *p.head_count < 0)
    f.push_back(Fault("head_count", std::to_string(*p.head_count), "head_count must be 0 or more (livestock head)",
                      "存栏头数不能为负数"));
  if (!p.operator_kind.empty() && !OneOf(kOperatorKinds, p.operator_kind))
    f.push_back(Fault("operator_kind", p.operator_kind,
                      fmt::format("'{}' is not an operator kind; use one of {}", p.operator_kind, Joined(kOperatorKinds)),
                      fmt::format("“{}”不是经营主体类型，请选择合作社、企业或村集体", p.operator_kind)));
  if (p.status == "planned") {
    if (!p.planned_on)
      f.push_back(Fault("planned_on", "", "a planned park needs planned_on, the day it is planned to be built",
                        "规划中的园区须填写计划建成日期"));
  } else if (p.status == "built") {
    NotAfterToday(f, "built_on", p.built_on, today, "建成日期");
  } else {
    f.push_back(Fault("status", p.status, fmt::format("'{}' is not a park status; use built or planned", p.status),
                      fmt::format("“{}”不是园区状态，请选择已建成或规划中", p.status)));
  }
  if (std::find(p.served_site_ids.begin(), p.served_site_ids.end(), p.site_id) != p.served_site_ids.end())
    f.push_back(Fault("served_site_ids", std::to_string(p.site_id),
                      "served_site_ids lists the park's own site; list only the further sites it serves",
                      "服务的其他安置点中不应包含园区所属安置点"));
  if (f.empty()) return {};
  return AllFaults(std::move(f));
}

void ApplyWorkshopInput(Workshop& w, const WorkshopInput& in) {
  if (in.site_id) w.site_id = *in.site_id;
  if (in.name) w.name = *in.name;
  if (in.kind) w.kind = *in.kind;
  if (in.enterprise) w.enterprise = *in.enterprise;
  if (in.products) w.products = *in.products;
  if (in.type) w.type = *in.type;
  if (in.incentive_note) w.incentive_note = *in.incentive_note;
  if (in.level) w.level = *in.level;
  if (in.opened_on) w.opened_on = *in.opened_on;
  if (in.clear_opened_on) w.opened_on.reset();
  if (in.recognised_on) w.recognised_on = *in.recognised_on;
  if (in.clear_recognised_on) w.recognised_on.reset();
  if (in.rent_free_years) w.rent_free_years = *in.rent_free_years;
  if (in.clear_rent_free_years) w.rent_free_years.reset();
  if (in.subsidy_fen) w.subsidy_fen = *in.subsidy_fen;
  if (in.clear_subsidy_fen) w.subsidy_fen.reset();
}

Status CheckWorkshop(const Workshop& w, Date today) {
  std::vector<Error> f;
  CheckName(f, w.name, "workshop", "车间");
  if (w.site_id <= 0)
    f.push_back(Fault("site_id", std::to_string(w.site_id), "site_id is required: the site of the workshop",
                      "请选择车间所在安置点"));
  if (!w.type.empty() && !OneOf(kWorkshopTypes, w.type))
    f.push_back(Fault("type", w.type, fmt::format("'{}' is not a workshop type; use one of {}", w.type, Joined(kWorkshopTypes)),
                      fmt::format("“{}”不是车间类别，请选择厂房式、居家式、种养式、贸易流通式或文化旅游式", w.type)));
  NotAfterToday(f, "opened_on", w.opened_on, today, "投产日期");
  NotAfterToday(f, "recognised_on", w.recognised_on, today, "认定日期");
  if (w.rent_free_years && (*w.rent_free_years < 0 || *w.rent_free_years > 20))
    f.push_back(Fault("rent_free_years", std::to_string(*w.rent_free_years),
                      "rent_free_years must be 0 to 20 (the county's ten policies give 3 to 5 years)",
                      "免租年限须在0至20年之间（十项优惠政策为3至5年）"));
  if (w.subsidy_fen && *w.subsidy_fen < 0)
    f.push_back(Fault("subsidy_fen", std::to_string(*w.subsidy_fen), "subsidy_fen must be 0 or more (fen)",
                      "补贴金额不能为负数"));
  if (!w.level.empty() && !OneOf(kWorkshopLevels, w.level))
    f.push_back(Fault("level", w.level, "level must be workshop (就业帮扶车间) or factory (乡村就业工厂)",
                      fmt::format("“{}”不是认定级别，请选择就业帮扶车间或乡村就业工厂", w.level)));
  if (w.level.empty() != !w.recognised_on)
    f.push_back(Fault(w.level.empty() ? "level" : "recognised_on", "",
                      "recognised_on and level go together: give both (recognised) or neither",
                      "认定日期与认定级别须同时填写或同时不填"));
  if (w.recognised_on && w.opened_on && *w.recognised_on < *w.opened_on)
    f.push_back(Fault("recognised_on", FormatIsoDate(*w.recognised_on),
                      fmt::format("recognised_on {} is before opened_on {}", FormatIsoDate(*w.recognised_on),
                                  FormatIsoDate(*w.opened_on)),
                      fmt::format("认定日期{}早于投产日期{}", FormatIsoDate(*w.recognised_on), FormatIsoDate(*w.opened_on))));
  if (f.empty()) return {};
  return AllFaults(std::move(f));
}

Status CheckClose(const Workshop& w, Date on, std::string_view reason, Date today) {
  std::vector<Error> f;
  if (w.closed_on)
    f.push_back(Fault("closed_on", FormatIsoDate(*w.closed_on),
                      fmt::format("the workshop is already closed since {}", FormatIsoDate(*w.closed_on)),
                      fmt::format("该车间已于{}关闭", FormatIsoDate(*w.closed_on))));
  NotAfterToday(f, "closed_on", on, today, "关闭日期");
  if (w.opened_on && on <= *w.opened_on)
    f.push_back(Fault("closed_on", FormatIsoDate(on),
                      fmt::format("closed_on {} must be after opened_on {}", FormatIsoDate(on), FormatIsoDate(*w.opened_on)),
                      fmt::format("关闭日期{}须晚于投产日期{}", FormatIsoDate(on), FormatIsoDate(*w.opened_on))));
  if (reason.empty())
    f.push_back(Fault("reason", "", "reason is required: why the workshop closed", "请填写关闭原因"));
  if (f.empty()) return {};
  return AllFaults(std::move(f));
}

bool OpenOn(const Workshop& w, Date d) {
  if (w.opened_on && *w.opened_on > d) return false;
  return !w.closed_on || *w.closed_on > d;
}

Recognition EvaluateRecognition(const Workshop& w, Date as_of, int64_t workers, int64_t min_workers) {
  Recognition r;
  r.workers = workers;
  r.min_workers = min_workers;
  r.recognised = w.recognised_on && *w.recognised_on <= as_of && OpenOn(w, as_of);
  r.meets_minimum = workers >= min_workers;
  r.below_minimum = r.recognised && !r.meets_minimum;
  return r;
}

}  // namespace anju::industry
