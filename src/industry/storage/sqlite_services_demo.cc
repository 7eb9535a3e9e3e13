// The industry demo's services (storage/industry_demo.h): a few vacancies at the demo sites, job
// seekers among the able and willing members with the "1 introduction, 3 jobs, 1 training"
// services, and zero-employment follow-ups from the records: the sweep as of 60 days before the
// statistics day opens them, the sweep on the statistics day clears those whose household found
// work since; a household still in the rule on the statistics day gets its 3 refused job offers
// recorded and is cleared for refused_offers, so no household is open on the statistics day
// (the article: every able and willing household has someone in work or a documented reason).
#include <fmt/format.h>

#include "core/try.h"
#include "industry/storage/industry_demo.h"
#include "industry/storage/sqlite_services.h"

namespace anju::storage {

namespace {
// More alert households than this means the demo's jobs were not calibrated (the jobs area has
// not filled them): the follow-ups are then left to the sweep, not invented.
constexpr size_t kMaxDemoAlerts = 200;
}  // namespace

Status AddDemoServices(Connection& db, uint64_t seed, Date statistics_date, IndustryDemoSummary& sum) {
  const Actor sys = SystemActor();
  const Date earlier = Date{std::chrono::sys_days{statistics_date} - std::chrono::days{60}};
  // Vacancies at the first sites.
  std::vector<int64_t> sites;
  {
    ANJU_TRY(st, db.Prepare("SELECT id FROM sites ORDER BY id LIMIT 6"));
    while (true) {
      ANJU_TRY(row, st.Step());
      if (!row) break;
      sites.push_back(st.ColumnInt(0));
    }
  }
  static const char* const kPosts[][3] = {
      {"临县红枣加工合作社", "枣芽茶加工工", "workshop"}, {"临县家政服务公司", "护工", "enterprise"},
      {"城北扶贫车间", "小风扇组装工", "workshop"},       {"临县交通运输公司", "出租车司机", "enterprise"},
      {"湍水头镇香菇园区", "香菇种植工", "park"},         {"临县建筑公司", "电焊工", "enterprise"}};
  std::vector<int64_t> vacancies;
  for (size_t i = 0; i < sites.size() && i < std::size(kPosts); ++i) {
    industry::NewVacancy v;
    v.employer = kPosts[i][0];
    v.post = kPosts[i][1];
    v.channel = kPosts[i][2];
    v.monthly_pay_fen = 250000 + static_cast<int64_t>((seed + i * 7) % 5) * 30000;
    v.place = i == 3 ? "county" : "township";
    v.openings = 3 + static_cast<int64_t>(i);
    v.open_from = earlier;
    v.site_id = sites[i];
    v.age_min = 18;
    v.age_max = 55;
    ANJU_TRY(id, CreateVacancy(db, sys, v));
    vacancies.push_back(id);
    ++sum.vacancies;
  }
  // Zero-employment follow-ups from the records.
  ANJU_TRY(before, ZeroEmploymentAlerts(db, sys, earlier, {}));
  if (before.size() > kMaxDemoAlerts) return {};
  ANJU_CHECK(SweepZeroEmployment(db, earlier));
  ANJU_CHECK(SweepZeroEmployment(db, statistics_date));
  ANJU_TRY(still, ZeroEmploymentAlerts(db, sys, statistics_date, {}));
  if (still.size() > kMaxDemoAlerts) return {};
  // Seekers and services: the still-open households' candidates (3 refused offers, cleared), then
  // some able and willing members without a job on the day (the usual services).
  for (const ZeroAlert& a : still) {
    if (!a.open || a.case_id == 0) continue;
    ANJU_TRY(hh, ZeroEmploymentHousehold(db, sys, a.household_id, statistics_date));
    const ZeroMember* who = nullptr;
    for (const ZeroMember& m : hh.members)
      if (m.labour_age && m.able_to_work && m.wants_work) who = &m;
    if (!who) continue;
    for (int k = 0; k < 3; ++k) {
      NewService s{.kind = "job_offer", .outcome = "refused",
                   .vacancy_id = vacancies.empty() ? std::nullopt : std::optional<int64_t>(vacancies[k % vacancies.size()]),
                   .given_on = Date{std::chrono::sys_days{earlier} + std::chrono::days{10 * (k + 1)}},
                   .note = "本人不愿外出务工"};
      ANJU_CHECK(AddServiceToPerson(db, sys, who->person_id, s, statistics_date));
    }
    ANJU_TRY(c, ZeroEmploymentHousehold(db, sys, a.household_id, statistics_date));
    ANJU_CHECK(ClearZeroEmployment(db, sys, c.case_id, industry::ClearReason::kRefusedOffers, statistics_date,
                                   "三次推荐岗位均拒绝，已签字确认", std::nullopt));
  }
  {
    ANJU_TRY(st, db.Prepare(
        "SELECT p.id FROM persons p WHERE p.able_to_work = 1 AND p.wants_work = 1 AND p.member_until IS NULL "
        "AND p.birth_date <= ?1 AND p.birth_date > ?2 AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.person_id = p.id "
        "AND j.voided_at IS NULL AND j.started_on <= ?3 AND (j.ended_on IS NULL OR j.ended_on > ?3)) "
        "AND NOT EXISTS (SELECT 1 FROM job_seekers js WHERE js.person_id = p.id) ORDER BY p.id LIMIT 12"));
    const int y = static_cast<int>(statistics_date.year());
    st.Bind(1, fmt::format("{}-01-01", y - 20)).Bind(2, fmt::format("{}-01-01", y - 50)).Bind(3, FormatIsoDate(statistics_date));
    std::vector<int64_t> people;
    while (true) {
      ANJU_TRY(row, st.Step());
      if (!row) break;
      people.push_back(st.ColumnInt(0));
    }
    st.Reset();
    static const char* const kKinds[] = {"introduction", "job_offer", "job_offer", "job_offer", "training_offer"};
    for (size_t i = 0; i < people.size(); ++i) {
      for (size_t k = 0; k < std::size(kKinds) && k < 2 + i % 4; ++k) {
        NewService s{.kind = kKinds[k], .outcome = k == 0 ? "accepted" : (k % 2 ? "pending" : "refused"),
                     .vacancy_id = (k > 0 && k < 4 && !vacancies.empty())
                                       ? std::optional<int64_t>(vacancies[(i + k) % vacancies.size()])
                                       : std::nullopt,
                     .given_on = Date{std::chrono::sys_days{earlier} + std::chrono::days{static_cast<int>(7 * k + i)}},
                     .note = ""};
        ANJU_CHECK(AddServiceToPerson(db, sys, people[i], s, statistics_date));
      }
    }
  }
  return {};
}

}  // namespace anju::storage
