// The pure rules of a job (industry/jobs.h CheckJob) and the employment_kind cache value
// (CacheChannel), with hand-checked dates: person born 2000-02-29, labour age minimum 18 →
// reaches it on 2018-03-01 (no 29 Feb in 2018); today 2024-06-15.
#include <gtest/gtest.h>

#include <set>

#include "industry/jobs.h"

namespace anju::industry {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

Date D(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }
const Date kToday = D(2024, 6, 15);

PersonFacts Person() {
  PersonFacts p;
  p.id = 1;
  p.name = "张一";
  p.birth_date = D(2000, 2, 29);
  return p;
}
JobInput J(Channel c, Date start, std::optional<Date> end = std::nullopt, std::string employer = "") {
  JobInput in;
  in.channel = c;
  in.started_on = start;
  in.ended_on = end;
  in.employer = std::move(employer);
  return in;
}
Job Stored(int64_t id, JobInput in) {
  Job j;
  j.id = id;
  j.in = std::move(in);
  return j;
}
std::set<std::string> Fields(const Status& s) {
  std::set<std::string> out;
  if (s) return out;
  if (s.error().details.empty()) out.insert(s.error().field);
  for (const Error& e : s.error().details) out.insert(e.field);
  return out;
}

TEST(JobRules, BirthdayAtTheAgeMinimumFor29February) {
  EXPECT_EQ(FormatIsoDate(BirthdayAt(D(2000, 2, 29), 18)), "2018-03-01");
  EXPECT_EQ(FormatIsoDate(BirthdayAt(D(2000, 2, 29), 20)), "2020-02-29");
  EXPECT_EQ(FormatIsoDate(BirthdayAt(D(1990, 7, 4), 18)), "2008-07-04");
}

TEST(JobRules, AStartFromTheAgeMinimumToTodayIsAccepted) {
  EXPECT_TRUE(CheckJob(J(Channel::kWorkshop, D(2018, 3, 1)), Person(), kToday, 18, {}));
  EXPECT_TRUE(CheckJob(J(Channel::kWorkshop, kToday), Person(), kToday, 18, {}));
}

TEST(JobRules, AStartBeforeTheAgeMinimumIsRefusedNamingTheDayAndTheSetting) {
  Status s = CheckJob(J(Channel::kWorkshop, D(2018, 2, 28)), Person(), kToday, 18, {});
  ASSERT_FALSE(s);
  EXPECT_EQ(Fields(s), std::set<std::string>{"started_on"});
  const Error& e = s.error().details.empty() ? s.error() : s.error().details[0];
  EXPECT_EQ(e.value, "2018-02-28");
  EXPECT_NE(e.message.find("2018-03-01"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("labor.age_min"), std::string::npos);
  EXPECT_NE(e.message_zh.find("年满 18 周岁"), std::string::npos) << e.message_zh;
  // With the setting at 16 the same day is accepted (reached 2016-03-01).
  EXPECT_TRUE(CheckJob(J(Channel::kWorkshop, D(2018, 2, 28)), Person(), kToday, 16, {}));
}

TEST(JobRules, AFutureStartIsRefused) {
  EXPECT_EQ(Fields(CheckJob(J(Channel::kPark, D(2024, 6, 16)), Person(), kToday, 18, {})),
            std::set<std::string>{"started_on"});
}

TEST(JobRules, TheEndMustComeAfterTheStart) {
  EXPECT_EQ(Fields(CheckJob(J(Channel::kPark, D(2023, 1, 1), D(2023, 1, 1)), Person(), kToday, 18, {})),
            std::set<std::string>{"ended_on"});
  EXPECT_EQ(Fields(CheckJob(J(Channel::kPark, D(2023, 1, 1), D(2022, 12, 31)), Person(), kToday, 18, {})),
            std::set<std::string>{"ended_on"});
  EXPECT_TRUE(CheckJob(J(Channel::kPark, D(2023, 1, 1), D(2023, 1, 2)), Person(), kToday, 18, {}));
}

TEST(JobRules, AWelfarePostOrWorkshopOutsideTheCountyIsRefused) {
  for (Channel c : {Channel::kWelfarePost, Channel::kWorkshop}) {
    for (WorkPlace p : {WorkPlace::kProvince, WorkPlace::kOutside}) {
      JobInput in = J(c, D(2023, 1, 1));
      in.place = p;
      Status s = CheckJob(in, Person(), kToday, 18, {});
      EXPECT_EQ(Fields(s), std::set<std::string>{"place"}) << ChannelName(c) << " " << WorkPlaceName(p);
    }
    JobInput local = J(c, D(2023, 1, 1));
    local.place = WorkPlace::kCounty;
    EXPECT_TRUE(CheckJob(local, Person(), kToday, 18, {}));
  }
  JobInput migrant = J(Channel::kMigrantWork, D(2023, 1, 1));
  migrant.place = WorkPlace::kOutside;
  EXPECT_TRUE(CheckJob(migrant, Person(), kToday, 18, {}));
}

TEST(JobRules, TwoOverlappingJobsOfTheSameChannelAndEmployerAreRefused) {
  const std::vector<Job> others = {Stored(7, J(Channel::kWorkshop, D(2022, 1, 1), D(2023, 1, 1), "晋绣坊"))};
  // Overlaps on 2022-12-31.
  Status s = CheckJob(J(Channel::kWorkshop, D(2022, 12, 31), std::nullopt, " 晋绣坊 "), Person(), kToday, 18, others);
  ASSERT_EQ(Fields(s), std::set<std::string>{"channel"});
  // Starting on the first day without the other (half-open) is no overlap.
  EXPECT_TRUE(CheckJob(J(Channel::kWorkshop, D(2023, 1, 1), std::nullopt, "晋绣坊"), Person(), kToday, 18, others));
  // Another employer, or another channel, may overlap (several jobs at once).
  EXPECT_TRUE(CheckJob(J(Channel::kWorkshop, D(2022, 6, 1), std::nullopt, "枣芽茶厂"), Person(), kToday, 18, others));
  EXPECT_TRUE(CheckJob(J(Channel::kWelfarePost, D(2022, 6, 1), std::nullopt, "晋绣坊"), Person(), kToday, 18, others));
  // A voided job does not count.
  std::vector<Job> voided = others;
  voided[0].voided_at = "2024-01-01T00:00:00Z";
  EXPECT_TRUE(CheckJob(J(Channel::kWorkshop, D(2022, 12, 31), std::nullopt, "晋绣坊"), Person(), kToday, 18, voided));
}

TEST(JobRules, EveryFaultAtOnce) {
  JobInput in = J(Channel::kWelfarePost, D(2025, 1, 1), D(2024, 1, 1));
  in.place = WorkPlace::kOutside;
  in.months_per_year = 13;
  EXPECT_EQ(Fields(CheckJob(in, Person(), kToday, 18, {})),
            (std::set<std::string>{"started_on", "ended_on", "place", "months_per_year"}));
}

TEST(JobRules, CurrentOnIsHalfOpen) {
  Job j = Stored(1, J(Channel::kPark, D(2024, 1, 1), D(2024, 6, 1)));
  EXPECT_FALSE(j.CurrentOn(D(2023, 12, 31)));
  EXPECT_TRUE(j.CurrentOn(D(2024, 1, 1)));
  EXPECT_TRUE(j.CurrentOn(D(2024, 5, 31)));
  EXPECT_FALSE(j.CurrentOn(D(2024, 6, 1)));
  j.voided_at = "x";
  EXPECT_FALSE(j.CurrentOn(D(2024, 3, 1)));
}

TEST(JobRules, CacheChannelPicksByTheFixedOrderAndMapsFlexibleToSelfEmployed) {
  EXPECT_EQ(CacheChannel({}, kToday), "none");
  std::vector<Job> jobs = {Stored(1, J(Channel::kMigrantWork, D(2020, 1, 1))),
                           Stored(2, J(Channel::kWelfarePost, D(2021, 1, 1))),
                           Stored(3, J(Channel::kWorkshop, D(2020, 1, 1), D(2024, 6, 15)))};
  // The workshop job ended today (first day without it): welfare_post comes before migrant_work.
  EXPECT_EQ(CacheChannel(jobs, kToday), "welfare_post");
  EXPECT_EQ(CacheChannel(jobs, D(2024, 6, 14)), "workshop");
  EXPECT_EQ(CacheChannel({Stored(4, J(Channel::kFlexible, D(2020, 1, 1)))}, kToday), "self_employed");
  EXPECT_EQ(CacheChannel({Stored(5, J(Channel::kOther, D(2020, 1, 1), D(2021, 1, 1)))}, kToday), "none");
}

TEST(JobRules, ChannelAndPlaceParseWireNamesAndChineseLabels) {
  EXPECT_EQ(*ParseChannel("公益岗"), Channel::kWelfarePost);
  EXPECT_EQ(*ParseChannel("扶贫车间"), Channel::kWorkshop);
  EXPECT_EQ(*ParseChannel(" migrant_work "), Channel::kMigrantWork);
  auto bad = ParseChannel("挖矿");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "channel");
  EXPECT_EQ(bad.error().value, "挖矿");
  EXPECT_EQ(*ParseWorkPlace("省外"), WorkPlace::kOutside);
  EXPECT_EQ(*ParseWorkPlace("乡镇外县内"), WorkPlace::kCounty);
  EXPECT_FALSE(ParseWorkPlace("火星"));
}

}  // namespace
}  // namespace anju::industry
