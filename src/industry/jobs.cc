#include "industry/jobs.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/try.h"
#include "industry/settings.h"

namespace anju::industry {

namespace {

struct ChannelInfo {
  Channel c;
  std::string_view name, zh, en;
  std::initializer_list<std::string_view> aliases;
};
const ChannelInfo kChannels[] = {
    {Channel::kWorkshop, "workshop", "就业帮扶车间", "Workshop", {"扶贫车间", "车间", "帮扶车间"}},
    {Channel::kPark, "park", "产业园区", "Industrial park", {"园区", "农业园区"}},
    {Channel::kWelfarePost, "welfare_post", "公益性岗位", "Public-welfare post", {"公益岗位", "公益岗"}},
    {Channel::kEnterprise, "enterprise", "企业务工", "Enterprise", {"企业就业", "企业"}},
    {Channel::kMigrantWork, "migrant_work", "外出务工", "Migrant work", {"务工", "劳务输出"}},
    {Channel::kSelfEmployed, "self_employed", "自主创业", "Self-employed", {"创业", "自主经营"}},
    {Channel::kFlexible, "flexible", "灵活就业", "Flexible work", {"零工", "打零工"}},
    {Channel::kOther, "other", "其他", "Other", {"其它"}},
};
const ChannelInfo& Info(Channel c) {
  for (const auto& i : kChannels)
    if (i.c == c) return i;
  return kChannels[7];
}

struct PlaceInfo {
  WorkPlace p;
  std::string_view name, zh, en;
  std::initializer_list<std::string_view> aliases;
};
const PlaceInfo kPlaces[] = {
    {WorkPlace::kTownship, "township", "乡（镇）内", "Within the township", {"乡镇内", "乡(镇)内", "镇内", "乡内"}},
    {WorkPlace::kCounty, "county", "乡（镇）外县内", "Elsewhere in the county", {"乡镇外县内", "乡(镇)外县内", "县内"}},
    {WorkPlace::kProvince, "province", "县外省内", "Elsewhere in the province", {"省内", "县外"}},
    {WorkPlace::kOutside, "outside", "省外", "Outside the province", {"外省", "境外"}},
};
const PlaceInfo& Info(WorkPlace p) {
  for (const auto& i : kPlaces)
    if (i.p == p) return i;
  return kPlaces[0];
}

std::string Trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

Error Fault(std::string field, std::string value, std::string en, std::string zh) {
  return InvalidArgument(std::move(en), std::move(field), std::move(value), std::move(zh)).error();
}

bool Overlap(const JobInput& a, const JobInput& b) {
  // [a.s, a.e) and [b.s, b.e) share a day.
  const bool a_before_b_ends = !b.ended_on || a.started_on < *b.ended_on;
  const bool b_before_a_ends = !a.ended_on || b.started_on < *a.ended_on;
  return a_before_b_ends && b_before_a_ends;
}

}  // namespace

std::string_view ChannelName(Channel c) { return Info(c).name; }
std::string_view ChannelLabelZh(Channel c) { return Info(c).zh; }
std::string_view ChannelLabelEn(Channel c) { return Info(c).en; }

Result<Channel> ParseChannel(std::string_view raw) {
  const std::string t = Trim(raw);
  for (const auto& i : kChannels) {
    if (t == i.name || t == i.zh) return i.c;
    for (auto a : i.aliases)
      if (t == a) return i.c;
  }
  return InvalidArgument(
      fmt::format("unknown channel '{}': use workshop, park, welfare_post, enterprise, migrant_work, self_employed, "
                  "flexible or other",
                  t),
      "channel", t,
      fmt::format("就业渠道“{}”无法识别：请用 就业帮扶车间、产业园区、公益性岗位、企业务工、外出务工、自主创业、灵活就业 或 其他", t));
}

std::string_view WorkPlaceName(WorkPlace p) { return Info(p).name; }
std::string_view WorkPlaceLabelZh(WorkPlace p) { return Info(p).zh; }
std::string_view WorkPlaceLabelEn(WorkPlace p) { return Info(p).en; }

Result<WorkPlace> ParseWorkPlace(std::string_view raw) {
  const std::string t = Trim(raw);
  for (const auto& i : kPlaces) {
    if (t == i.name || t == i.zh) return i.p;
    for (auto a : i.aliases)
      if (t == a) return i.p;
  }
  return InvalidArgument(
      fmt::format("unknown work place '{}': use township, county, province or outside", t), "place", t,
      fmt::format("务工地点“{}”无法识别：请用 乡（镇）内、乡（镇）外县内、县外省内 或 省外", t));
}

Date BirthdayAt(Date birth, int years) {
  using namespace std::chrono;
  const year y = birth.year() + std::chrono::years(years);
  year_month_day d{y, birth.month(), birth.day()};
  if (!d.ok()) d = year_month_day{y, March, day{1}};  // 29 Feb in a common year
  return d;
}

Status CheckJob(const JobInput& j, const PersonFacts& person, Date today, int age_min,
                const std::vector<Job>& others) {
  std::vector<Error> faults;
  const std::string start = FormatIsoDate(j.started_on);
  if (j.started_on > today) {
    faults.push_back(Fault("started_on", start,
                           fmt::format("the start {} is after today ({}): record a job once it has started", start,
                                       FormatIsoDate(today)),
                           fmt::format("开始日期 {} 晚于今天（{}）：请在开始工作后再登记", start, FormatIsoDate(today))));
  }
  const Date adult = BirthdayAt(person.birth_date, age_min);
  if (j.started_on < adult) {
    faults.push_back(Fault(
        "started_on", start,
        fmt::format("the start {} is before {} reached the labour age minimum of {} (on {}, setting labor.age_min): "
                    "check the date or the person",
                    start, person.name, age_min, FormatIsoDate(adult)),
        fmt::format("开始日期 {} 早于{}年满 {} 周岁（{}），年龄下限见{}：请核对日期或人员", start, person.name,
                    age_min, FormatIsoDate(adult), SettingNameZh("labor.age_min"))));
  }
  if (j.ended_on && *j.ended_on <= j.started_on) {
    const std::string end = FormatIsoDate(*j.ended_on);
    faults.push_back(Fault("ended_on", end,
                           fmt::format("the end {} is not after the start {}: the end is the first day without the "
                                       "job, so it comes after the start",
                                       end, start),
                           fmt::format("结束日期 {} 不晚于开始日期 {}：结束日期为不再从事该工作的第一天（不含当日），须晚于开始日期",
                                       end, start)));
  }
  if (j.place && OutsideCounty(*j.place) &&
      (j.channel == Channel::kWelfarePost || j.channel == Channel::kWorkshop)) {
    faults.push_back(Fault(
        "place", std::string(WorkPlaceName(*j.place)),
        fmt::format("a {} job is local: it cannot be {} (rule 5_01_003); choose migrant_work or enterprise, or "
                    "correct the place",
                    ChannelLabelEn(j.channel), WorkPlaceLabelEn(*j.place)),
        fmt::format("{}为本地就业，务工地点不能是{}（规则 5_01_003）：请改为外出务工或企业务工，或更正务工地点",
                    ChannelLabelZh(j.channel), WorkPlaceLabelZh(*j.place))));
  }
  if (j.monthly_income_fen && *j.monthly_income_fen < 0)
    faults.push_back(Fault("monthly_income_fen", std::to_string(*j.monthly_income_fen),
                           "the monthly income cannot be negative (fen)", "月收入不能为负数（单位：分）"));
  if (j.months_per_year && (*j.months_per_year < 0 || *j.months_per_year > 12))
    faults.push_back(Fault("months_per_year", std::to_string(*j.months_per_year),
                           "months worked per year must be 0 to 12", "年务工月数须在 0 到 12 之间"));
  // A welfare-post holder cannot work outside the county over the holding's days (posts.outside_county,
  // programme-facts §2; the posts area refuses the post for a 县外 worker, this the other way round).
  if (j.place && OutsideCounty(*j.place)) {
    for (const Job& o : others) {
      if (o.Voided() || !o.post_holding_id || !Overlap(o.in, j)) continue;
      faults.push_back(Fault(
          "place", std::string(WorkPlaceName(*j.place)),
          fmt::format("{} holds a welfare post (holding {}, from {}) over these days: a post holder cannot work "
                      "outside the county (posts.outside_county); end the post first or correct the place",
                      person.name, *o.post_holding_id, FormatIsoDate(o.in.started_on)),
          fmt::format("{}在该期间有公益岗（在岗记录 {}，自 {} 起）：公益岗人员不得同时县外务工（规则 posts.outside_county）；"
                      "请先结束公益岗或更正务工地点",
                      person.name, *o.post_holding_id, FormatIsoDate(o.in.started_on))));
      break;
    }
  }
  const std::string employer = Trim(j.employer);
  for (const Job& o : others) {
    if (o.Voided() || o.in.channel != j.channel || Trim(o.in.employer) != employer) continue;
    if (!Overlap(o.in, j)) continue;
    faults.push_back(Fault(
        "channel", std::string(ChannelName(j.channel)),
        fmt::format("{} already has job {} ({}, employer '{}') from {} over the same days: end that job first or "
                    "correct this one",
                    person.name, o.id, ChannelLabelEn(j.channel), employer, FormatIsoDate(o.in.started_on)),
        fmt::format("{}在同一时段已有就业记录 {}（{}，雇主“{}”，自 {} 起）：请先结束该记录或更正本条", person.name, o.id,
                    ChannelLabelZh(j.channel), employer, FormatIsoDate(o.in.started_on))));
  }
  if (faults.empty()) return {};
  return AllFaults(std::move(faults));
}

std::string_view CacheChannel(const std::vector<Job>& jobs, Date today) {
  for (const auto& i : kChannels) {
    for (const Job& j : jobs) {
      if (j.in.channel != i.c || !j.CurrentOn(today)) continue;
      if (i.c == Channel::kFlexible || i.c == Channel::kOther) return "self_employed";
      return i.name;
    }
  }
  return "none";
}

bool JobPatch::Empty() const {
  return !channel && !employer && !work_county && !note && !end_reason && !workshop_id && !park_id &&
         !monthly_income_fen && !months_per_year && !place && !started_on && !ended_on && !clear_place &&
         !clear_ended_on && !clear_income && !clear_months && !clear_workshop && !clear_park;
}

// A welfare post's job follows its holding: it is changed, ended and voided through the post.
Status NotThroughPost(const Job& j) {
  if (!j.post_holding_id) return {};
  return Conflict(fmt::format("job {} is the job of welfare-post holding {}: change, end or void it on the post "
                              "(#/posts/{}), which keeps the two together",
                              j.id, *j.post_holding_id, *j.post_holding_id),
                  "post_holding_id", std::to_string(*j.post_holding_id),
                  fmt::format("就业记录 {} 是公益岗在岗记录 {} 的岗位：请在该公益岗页面（#/posts/{}）修改、结束或作废，"
                              "以保持二者一致",
                              j.id, *j.post_holding_id, *j.post_holding_id));
}

// ---------------------------------------------------------------------------------------------
// JobService

namespace {
std::unexpected<Error> NoPerson(int64_t id) {
  return NotFound(fmt::format("no person {}", id), "person_id", std::to_string(id), fmt::format("没有编号为 {} 的人员", id));
}
std::unexpected<Error> NoJob(int64_t id) {
  return NotFound(fmt::format("no job {}", id), "id", std::to_string(id), fmt::format("没有编号为 {} 的就业记录", id));
}
std::unexpected<Error> MayNotRecord(const Actor& actor) {
  return PermissionDenied(fmt::format("role {} may not record, change or end jobs (jobs.record)", RoleName(actor.role)),
                          fmt::format("您的角色（{}）无权登记、修改或结束就业记录（jobs.record）", RoleName(actor.role)));
}
Status CheckVersion(const Job& j, std::optional<int64_t> version) {
  if (version && *version != j.version)
    return Conflict(fmt::format("job {} changed since it was read (version {}, now {}): reload and try again", j.id,
                                *version, j.version),
                    "version", std::to_string(*version),
                    fmt::format("就业记录 {} 已被他人修改（版本 {}，现为 {}）：请刷新后重试", j.id, *version, j.version));
  if (j.Voided())
    return Conflict(fmt::format("job {} was voided on {}: it cannot change", j.id, j.voided_at), "id",
                    std::to_string(j.id), fmt::format("就业记录 {} 已于 {} 作废，不能再修改", j.id, j.voided_at));
  return {};
}
Status RequireReason(const std::string& reason, std::string_view what_en, std::string_view what_zh) {
  if (!Trim(reason).empty()) return {};
  return InvalidArgument(fmt::format("a reason is required to {} a job", what_en), "reason", reason,
                         fmt::format("{}就业记录须填写原因", what_zh));
}
std::vector<Job> Without(std::vector<Job> all, int64_t id) {
  std::erase_if(all, [&](const Job& j) { return j.id == id; });
  return all;
}
}  // namespace

Result<PersonFacts> JobService::WritablePerson(const Actor& actor, int64_t person_id) {
  ANJU_TRY(p, repo_.Person(person_id));
  if (!p || !ScopeCovers(actor.scope, p->place)) return NoPerson(person_id);
  if (!actor.CanRecordJobs()) return MayNotRecord(actor);
  return *p;
}

Result<std::vector<Job>> JobService::OfPerson(const Actor& actor, int64_t person_id) {
  ANJU_TRY(p, repo_.Person(person_id));
  if (!p || !ScopeCovers(actor.scope, p->place)) return NoPerson(person_id);
  return repo_.OfPerson(person_id);
}

Result<std::vector<Job>> JobService::OfHousehold(const Actor& actor, int64_t household_id, Date as_of) {
  ANJU_TRY(place, repo_.HouseholdPlace(household_id));
  if (!place || !ScopeCovers(actor.scope, *place))
    return NotFound(fmt::format("no household {}", household_id), "household_id", std::to_string(household_id),
                    fmt::format("没有编号为 {} 的户", household_id));
  return repo_.OfHousehold(household_id, as_of);
}

Result<Job> JobService::Get(const Actor& actor, int64_t id) {
  ANJU_TRY(j, repo_.Get(id));
  if (!j) return NoJob(id);
  ANJU_TRY(p, repo_.Person(j->person_id));
  if (!p || !ScopeCovers(actor.scope, p->place)) return NoJob(id);
  return std::move(*j);
}

Result<Page<Job>> JobService::List(const Actor& actor, const JobFilter& f, const PageRequest& page) {
  return repo_.List(actor.scope, f, page);
}

Result<Job> JobService::Record(const Actor& actor, int64_t person_id, const JobInput& in, Date today,
                               std::string_view source) {
  ANJU_TRY(p, WritablePerson(actor, person_id));
  ANJU_TRY(others, repo_.OfPerson(person_id));
  ANJU_CHECK(CheckJob(in, p, today, age_min_, others));
  ANJU_TRY(id, repo_.Insert(actor, person_id, in, source, today));
  return Get(actor, id);
}

Result<Job> JobService::Patch(const Actor& actor, int64_t id, int64_t version, const JobPatch& patch, Date today) {
  ANJU_TRY(j, Get(actor, id));
  ANJU_TRY(p, WritablePerson(actor, j.person_id));
  ANJU_CHECK(NotThroughPost(j));
  ANJU_CHECK(CheckVersion(j, version));
  JobInput in = j.in;
  if (patch.channel) in.channel = *patch.channel;
  if (patch.employer) in.employer = *patch.employer;
  if (patch.work_county) in.work_county = *patch.work_county;
  if (patch.note) in.note = *patch.note;
  if (patch.end_reason) in.end_reason = *patch.end_reason;
  if (patch.workshop_id) in.workshop_id = patch.workshop_id;
  if (patch.clear_workshop) in.workshop_id.reset();
  if (patch.park_id) in.park_id = patch.park_id;
  if (patch.clear_park) in.park_id.reset();
  if (patch.monthly_income_fen) in.monthly_income_fen = patch.monthly_income_fen;
  if (patch.clear_income) in.monthly_income_fen.reset();
  if (patch.months_per_year) in.months_per_year = patch.months_per_year;
  if (patch.clear_months) in.months_per_year.reset();
  if (patch.place) in.place = patch.place;
  if (patch.clear_place) in.place.reset();
  if (patch.started_on) in.started_on = *patch.started_on;
  if (patch.ended_on) in.ended_on = patch.ended_on;
  if (patch.clear_ended_on) in.ended_on.reset();
  ANJU_TRY(others, repo_.OfPerson(j.person_id));
  ANJU_CHECK(CheckJob(in, p, today, age_min_, Without(std::move(others), id)));
  ANJU_CHECK(repo_.Update(actor, id, version, in, "update", today));
  return Get(actor, id);
}

Result<Job> JobService::End(const Actor& actor, int64_t id, std::optional<int64_t> version, Date ended_on,
                            const std::string& reason, Date today) {
  ANJU_TRY(j, Get(actor, id));
  ANJU_TRY(p, WritablePerson(actor, j.person_id));
  ANJU_CHECK(NotThroughPost(j));
  ANJU_CHECK(CheckVersion(j, version));
  ANJU_CHECK(RequireReason(reason, "end", "结束"));
  if (j.in.ended_on)
    return Conflict(fmt::format("job {} already ended on {}: change the end with PATCH", id,
                                FormatIsoDate(*j.in.ended_on)),
                    "ended_on", FormatIsoDate(*j.in.ended_on),
                    fmt::format("就业记录 {} 已于 {} 结束：如需更改结束日期请修改记录", id, FormatIsoDate(*j.in.ended_on)));
  JobInput in = j.in;
  in.ended_on = ended_on;
  in.end_reason = Trim(reason);
  ANJU_TRY(others, repo_.OfPerson(j.person_id));
  ANJU_CHECK(CheckJob(in, p, today, age_min_, Without(std::move(others), id)));
  ANJU_CHECK(repo_.Update(actor, id, j.version, in, "end", today));
  return Get(actor, id);
}

Result<Job> JobService::Void(const Actor& actor, int64_t id, std::optional<int64_t> version, const std::string& reason,
                             Date today) {
  ANJU_TRY(j, Get(actor, id));
  ANJU_TRY(p, WritablePerson(actor, j.person_id));
  (void)p;
  ANJU_CHECK(NotThroughPost(j));
  ANJU_CHECK(CheckVersion(j, version));
  ANJU_CHECK(RequireReason(reason, "void", "作废"));
  ANJU_CHECK(repo_.Void(actor, id, j.version, Trim(reason), today));
  return Get(actor, id);
}

}  // namespace anju::industry
