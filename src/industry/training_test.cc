// Skills training rules (industry/training.h), hand-checked values.
#include "industry/training.h"

#include <gtest/gtest.h>

namespace anju::industry {
namespace {

Date D(const char* s) { return *ParseIsoDate(s); }

TrainingClass Cls() {
  TrainingClass c;
  c.course_id = 1;
  c.provider = "临县职业培训学校";
  c.site_id = 3;
  c.from = D("2025-03-03");
  c.until = D("2025-03-12");  // 10 calendar days, last day inclusive
  c.hours = 80;
  return c;
}

Certificate Cert(int64_t id, std::string kind, std::string level, std::string occupation, int64_t subsidy) {
  Certificate c;
  c.id = id;
  c.person_id = 7;
  c.kind = std::move(kind);
  c.level = std::move(level);
  c.occupation = std::move(occupation);
  c.number = "S" + std::to_string(id);
  c.issued_on = D("2025-04-01");
  c.subsidy_fen = subsidy;
  return c;
}

TEST(Training, ClassNeedsProviderHoursAndUntilNotBeforeFrom) {
  EXPECT_TRUE(CheckClass(Cls()).empty());
  TrainingClass c = Cls();
  c.provider = " ";
  c.hours = 0;
  c.until = D("2025-03-02");
  c.capacity = 0;
  auto f = CheckClass(c);
  ASSERT_EQ(f.size(), 4u);
  EXPECT_EQ(f[0].field, "provider");
  EXPECT_EQ(f[1].field, "until");
  EXPECT_EQ(f[1].value, "2025-03-02");
  EXPECT_NE(f[1].message_zh.find("早于开始日期 2025-03-03"), std::string::npos);
  EXPECT_EQ(f[2].field, "hours");
  EXPECT_EQ(f[3].field, "capacity");
  c = Cls();
  c.until = c.from;  // a one-day class
  EXPECT_TRUE(CheckClass(c).empty());
}

TEST(Training, AttendanceFitsTheClassDaysAndHours) {
  Enrolment e;
  e.attended_days = 10;  // 03-03 … 03-12 = 10 days
  e.attended_hours = 80;
  EXPECT_TRUE(CheckEnrolment(e, Cls(), D("2025-06-01")).empty());
  e.attended_days = 11;
  e.attended_hours = 81;
  auto f = CheckEnrolment(e, Cls(), D("2025-06-01"));
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].field, "attended_days");
  EXPECT_NE(f[0].message.find("0–10"), std::string::npos);
  EXPECT_EQ(f[1].field, "attended_hours");
  EXPECT_NE(f[1].message_zh.find("0–80"), std::string::npos);
}

TEST(Training, CompletedAndDroppedExcludeEachOtherAndDropNeedsReason) {
  Enrolment e;
  e.completed_on = D("2025-03-12");
  EXPECT_TRUE(CheckEnrolment(e, Cls(), D("2025-06-01")).empty());
  e.dropped_on = D("2025-03-05");
  auto f = CheckEnrolment(e, Cls(), D("2025-06-01"));
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].field, "completed_on");
  EXPECT_EQ(f[1].field, "drop_reason");
  e.completed_on.reset();
  e.drop_reason = "外出务工";
  EXPECT_TRUE(CheckEnrolment(e, Cls(), D("2025-06-01")).empty());
  e.dropped_on = D("2025-03-02");  // before the first day
  f = CheckEnrolment(e, Cls(), D("2025-06-01"));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].field, "dropped_on");
  e.dropped_on.reset();
  e.completed_on = D("2025-03-12");  // in the future as of 03-10
  f = CheckEnrolment(e, Cls(), D("2025-03-10"));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].field, "completed_on");
}

TEST(Training, CertificateLevelOnlyForSkillLevelAndQualification) {
  const Date today = D("2025-06-01");
  EXPECT_TRUE(CheckCertificate(Cert(0, "training", "", "焊工", 50000), today).empty());
  EXPECT_TRUE(CheckCertificate(Cert(0, "special", "", "箱包制作工", 100000), today).empty());
  EXPECT_TRUE(CheckCertificate(Cert(0, "skill_level", "junior", "焊工", 100000), today).empty());
  auto f = CheckCertificate(Cert(0, "skill_level", "", "焊工", 0), today);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].field, "level");
  f = CheckCertificate(Cert(0, "training", "junior", "焊工", 0), today);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].field, "level");
  EXPECT_NE(f[0].message_zh.find("培训合格证书不分等级"), std::string::npos);
  f = CheckCertificate(Cert(0, "diploma", "", "", -1), today);
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0].field, "kind");
  EXPECT_EQ(f[1].field, "occupation");
  EXPECT_EQ(f[2].field, "subsidy_fen");
  Certificate later = Cert(0, "training", "", "焊工", 0);
  later.issued_on = D("2025-06-02");
  f = CheckCertificate(later, today);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].field, "issued_on");
}

TEST(Training, OneSubsidyPerPersonOccupationAndLevelNamesTheEarlierCertificate) {
  std::vector<Certificate> earlier{Cert(11, "skill_level", "junior", "焊工", 100000)};
  // Same occupation and level, subsidised again: refused naming #11, its number and 1000.00 yuan.
  Status s = CheckSubsidyOnce(Cert(0, "qualification", "junior", "焊工", 100000), earlier);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kConflict);
  EXPECT_EQ(s.error().field, "subsidy_fen");
  EXPECT_NE(s.error().message.find("certificate #11"), std::string::npos) << s.error().message;
  EXPECT_NE(s.error().message.find("no. S11"), std::string::npos);
  EXPECT_NE(s.error().message.find("1000.00 yuan"), std::string::npos);
  EXPECT_NE(s.error().message_zh.find("证书 #11（职业技能等级证书，编号 S11，2025-04-01 发证）"), std::string::npos)
      << s.error().message_zh;
  EXPECT_NE(s.error().message_zh.find("初级(五级)"), std::string::npos);
  // Without subsidy it may be recorded; another level or occupation may be subsidised.
  EXPECT_TRUE(CheckSubsidyOnce(Cert(0, "qualification", "junior", "焊工", 0), earlier));
  EXPECT_TRUE(CheckSubsidyOnce(Cert(0, "skill_level", "intermediate", "焊工", 150000), earlier));
  EXPECT_TRUE(CheckSubsidyOnce(Cert(0, "skill_level", "junior", "电工", 100000), earlier));
  // Another person, or the earlier one voided or unsubsidised: no refusal.
  Certificate other = Cert(0, "skill_level", "junior", "焊工", 100000);
  other.person_id = 8;
  EXPECT_TRUE(CheckSubsidyOnce(other, earlier));
  earlier[0].voided_at = "2025-05-01T00:00:00Z";
  EXPECT_TRUE(CheckSubsidyOnce(Cert(0, "skill_level", "junior", "焊工", 100000), earlier));
  earlier[0].voided_at.reset();
  earlier[0].subsidy_fen = 0;
  EXPECT_TRUE(CheckSubsidyOnce(Cert(0, "skill_level", "junior", "焊工", 100000), earlier));
}

TEST(Training, AddMonthsClampsToTheMonthEnd) {
  EXPECT_EQ(FormatIsoDate(AddMonths(D("2024-01-31"), 1)), "2024-02-29");
  EXPECT_EQ(FormatIsoDate(AddMonths(D("2025-11-30"), 3)), "2026-02-28");
  EXPECT_EQ(FormatIsoDate(AddMonths(D("2025-03-12"), 12)), "2026-03-12");
}

TEST(Training, FollowUpCountsCompletersWithACurrentJobOnTheDueDay) {
  // Class ends 2025-03-12: due 2025-06-12 (3), 2025-09-12 (6), 2026-03-12 (12); today 2025-10-01.
  std::vector<FollowUpPerson> ps(4);
  ps[0] = {1, 101, "甲", true, false, {{D("2025-04-01"), std::nullopt}}};         // employed at 3 and 6
  ps[1] = {2, 102, "乙", true, false, {{D("2025-04-01"), D("2025-06-12")}}};      // ended ON 06-12: not at 3
  ps[2] = {3, 103, "丙", true, false, {{D("2025-06-13"), std::nullopt}}};         // from 06-13: at 6 only
  ps[3] = {4, 104, "丁", false, true, {{D("2025-01-01"), std::nullopt}}};         // dropped: row, not rate
  FollowUp fu = ComputeFollowUp(D("2025-03-12"), {3, 6, 12}, ps, D("2025-10-01"));
  ASSERT_EQ(fu.points.size(), 3u);
  EXPECT_EQ(FormatIsoDate(fu.points[0].due_on), "2025-06-12");
  EXPECT_EQ(fu.points[0].completers, 3);
  EXPECT_EQ(fu.points[0].employed, 1);
  EXPECT_DOUBLE_EQ(*fu.points[0].rate_percent, 33.3);
  EXPECT_EQ(fu.points[1].employed, 2);
  EXPECT_DOUBLE_EQ(*fu.points[1].rate_percent, 66.7);
  EXPECT_FALSE(fu.points[2].due);
  EXPECT_FALSE(fu.points[2].rate_percent);
  ASSERT_EQ(fu.rows.size(), 4u);
  EXPECT_EQ(fu.rows[1].employed[0], std::optional<bool>(false));
  EXPECT_EQ(fu.rows[2].employed[1], std::optional<bool>(true));
  EXPECT_EQ(fu.rows[3].employed[0], std::optional<bool>(true));  // shown, not counted
  EXPECT_EQ(fu.rows[0].employed[2], std::nullopt);
}

}  // namespace
}  // namespace anju::industry
