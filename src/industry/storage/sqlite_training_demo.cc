// The industry demo's training (storage/industry_demo.h): 4 classes at each site over the two
// years before the statistics day (courses from the article's list), 30 working-age persons of
// the site's households enrolled in each (the first households of the site in id order, a
// different slice per class: bounded work at any --scale), 9 in 10 completing, 1 in 20 dropping
// out, and a certificate of the article's three kinds for each completer: 技能提升培训合格证
// (training, 500元), 职业技能资格证 (skill_level 初级, 1,000元), 专项能力证 (special, 1,000元) —
// the tiers of programme-facts §3. Touches no table the report reads.
#include <fmt/format.h>

#include "core/try.h"
#include "industry/storage/industry_demo.h"

namespace anju::storage {

Status AddDemoTraining(Connection& db, uint64_t seed, Date statistics_date, IndustryDemoSummary& sum) {
  constexpr int kClassesPerSite = 4, kPerClass = 30, kDays = 10, kHours = 80;
  const char* providers[] = {"临县职业技术培训学校", "吕梁市技工学校临县分校", "临县人社局就业训练中心"};
  std::vector<int64_t> courses;  // the reference courses
  ANJU_TRY(cs, db.Prepare("SELECT id FROM training_courses WHERE reference = 1 ORDER BY id"));
  while (true) {
    ANJU_TRY(row, cs.Step());
    if (!row) break;
    courses.push_back(cs.ColumnInt(0));
  }
  if (courses.empty()) return {};
  std::vector<int64_t> sites;
  ANJU_TRY(ss, db.Prepare("SELECT id FROM sites ORDER BY id"));
  while (true) {
    ANJU_TRY(row, ss.Step());
    if (!row) break;
    sites.push_back(ss.ColumnInt(0));
  }
  const int stat_days = DaysSinceEpoch(statistics_date);
  const std::string young = FormatIsoDate(FromDaysSinceEpoch(stat_days - 18 * 365 - 5));
  const std::string old = FormatIsoDate(FromDaysSinceEpoch(stat_days - 59 * 365));
  ANJU_TRY(ins_class, db.Prepare("INSERT INTO training_classes (course_id, name, provider, site_id, from_date, "
                                 "until_date, hours, capacity, note, created_by, created_at) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', 'demo', ?) RETURNING id"));
  // The class's enrolments: site persons aged ~18–59 at the statistics day, a slice per class.
  ANJU_TRY(ins_enrol, db.Prepare(
                          "INSERT INTO training_enrolments (class_id, person_id, enrolled_on, attended_days, "
                          "attended_hours, completed_on, dropped_on, drop_reason, recorded_by, recorded_at) "
                          "SELECT ?1, id, ?2, "
                          "CASE WHEN n % 20 = 7 THEN 3 WHEN n % 3 = 0 THEN ?3 - 1 ELSE ?3 END, "
                          "CASE WHEN n % 20 = 7 THEN 24 WHEN n % 3 = 0 THEN ?4 - 8 ELSE ?4 END, "
                          "CASE WHEN n % 20 = 7 OR n % 10 = 3 THEN NULL ELSE ?5 END, "
                          "CASE WHEN n % 20 = 7 THEN ?6 END, CASE WHEN n % 20 = 7 THEN '外出务工' ELSE '' END, "
                          "'demo', ?7 FROM (SELECT id, row_number() OVER (ORDER BY hid, id) AS n FROM "
                          // Households in id order straight off households_site: the LIMIT stops
                          // the scan early (no sort of the site's persons at --scale 240).
                          "(SELECT p.id, h.id AS hid FROM households h JOIN persons p ON p.household_id = h.id "
                          "WHERE h.site_id = ?8 AND p.birth_date BETWEEN ?9 AND ?10 AND p.member_until IS NULL "
                          "ORDER BY h.id LIMIT ?11 OFFSET ?12))"));
  ANJU_TRY(ins_cert, db.Prepare(
                         "INSERT INTO training_certificates (person_id, kind, level, occupation, number, issuer, "
                         "issued_on, class_id, subsidy_fen, recorded_by, recorded_at) "
                         "SELECT e.person_id, ?2, ?3, co.occupation, 'LX' || ?4 || '-' || e.id, ?5, ?6, e.class_id, "
                         "?7, 'demo', ?8 FROM training_enrolments e JOIN training_classes c ON c.id = e.class_id "
                         "JOIN training_courses co ON co.id = c.course_id "
                         "WHERE e.class_id = ?1 AND e.completed_on IS NOT NULL"));
  const std::string now = UtcTimestampNow();
  int n = 0;
  for (size_t si = 0; si < sites.size(); ++si) {
    for (int k = 0; k < kClassesPerSite; ++k, ++n) {
      const int64_t course = courses[(si + static_cast<size_t>(k) * 3 + seed) % courses.size()];
      // Spread over the 2 years before the statistics day, ending at least 40 days before it.
      const int start = stat_days - 40 - kDays - static_cast<int>((k * 173 + si * 11 + seed % 7) % 690);
      const Date from = FromDaysSinceEpoch(start);
      const Date until = FromDaysSinceEpoch(start + kDays - 1);
      ins_class.Reset();
      ins_class.Bind(1, course).Bind(2, fmt::format("{}年第{}期", static_cast<int>(from.year()), k + 1))
          .Bind(3, providers[(si + static_cast<size_t>(k)) % 3]).Bind(4, sites[si]).Bind(5, FormatIsoDate(from))
          .Bind(6, FormatIsoDate(until)).Bind(7, kHours).Bind(8, 40).Bind(9, now);
      ANJU_TRY(class_id, ins_class.RunReturningId());
      ++sum.classes;
      ins_enrol.Reset();
      ins_enrol.Bind(1, class_id).Bind(2, FormatIsoDate(FromDaysSinceEpoch(start - 7))).Bind(3, kDays).Bind(4, kHours)
          .Bind(5, FormatIsoDate(until)).Bind(6, FormatIsoDate(FromDaysSinceEpoch(start + 2))).Bind(7, now)
          .Bind(8, sites[si]).Bind(9, old).Bind(10, young).Bind(11, kPerClass).Bind(12, k * kPerClass);
      ANJU_CHECK(ins_enrol.Run());
      // The article's three kinds, one per class in turn.
      struct Kind { const char* kind; const char* level; int64_t fen; const char* issuer; };
      static const Kind kinds[] = {{"training", "", 50000, "临县人力资源和社会保障局"},
                                   {"skill_level", "junior", 100000, "吕梁市职业技能鉴定中心"},
                                   {"special", "", 100000, "山西省职业技能鉴定指导中心"}};
      const Kind& kd = kinds[n % 3];
      ins_cert.Reset();
      ins_cert.Bind(1, class_id).Bind(2, kd.kind).Bind(3, kd.level).Bind(4, std::to_string(class_id))
          .Bind(5, kd.issuer).Bind(6, FormatIsoDate(FromDaysSinceEpoch(start + kDays + 20))).Bind(7, kd.fen)
          .Bind(8, now);
      ANJU_CHECK(ins_cert.Run());
      sum.certificates += db.Changes();
    }
  }
  return {};
}

}  // namespace anju::storage
