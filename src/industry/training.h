// Skills training to certificates (docs/industry.md "Training", issue #16 item 5): the domain
// types and rules, no SQL. Storage (storage/sqlite_training.h) reads and writes the rows and
// calls these checks; routes (http/training_routes.cc) parse and map.
//
// Rules (each unit-tested in training_test.cc with hand-checked values):
//  - a class: provider given, from <= until (until = the LAST day, inclusive), hours > 0,
//    capacity > 0 when given;
//  - an enrolment: attended days within the class's calendar days, attended hours within its
//    hours; completed and dropped exclude each other; a drop needs its reason; completion and
//    drop dates not before the class's first day and not after today;
//  - a certificate: one of the four kinds (programme-facts §3); a level for skill_level and
//    qualification, none for training and special; occupation given; issued not after today;
//    subsidy >= 0 fen;
//  - ONE SUBSIDY per person + occupation + level (programme-facts §3, "同一职业同一等级只能享受
//    一次补贴"): a second subsidised certificate is refused naming the earlier one.
//  - follow-up: who of a class has a current job N months after the class's last day
//    (FollowUp below; N from setting training.followup_months).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"

namespace anju::industry {

/// A course (课程): reference kinds from the article plus those the county adds.
struct Course {
  int64_t id = 0;
  std::string name, name_en, occupation;
  bool reference = false;
  int64_t classes = 0;  // classes of it the reader sees (lists only)
};

/// A class (培训班) of a course at a site.
struct TrainingClass {
  int64_t id = 0;
  int64_t course_id = 0;
  std::string course_name;  // read-only, joined
  std::string name, provider;
  int64_t site_id = 0;
  std::string site_name;    // read-only, joined
  Date from{}, until{};     // until: the last day (inclusive)
  int64_t hours = 0;
  std::optional<int64_t> capacity;
  std::string note, created_by, created_at;
  int64_t version = 1;
  // Counts (lists and detail): enrolled (not dropped), completed, dropped, certificates.
  int64_t enrolled = 0, completed = 0, dropped = 0, certificates = 0;
};

/// One person's enrolment in a class.
struct Enrolment {
  int64_t id = 0;
  int64_t class_id = 0;
  int64_t person_id = 0;
  std::string person_name, household_no;  // read-only, joined
  Date enrolled_on{};
  int64_t attended_days = 0, attended_hours = 0;
  std::optional<Date> completed_on;
  std::optional<Date> dropped_on;
  std::string drop_reason, recorded_by, recorded_at;
  int64_t version = 1;
};

/// The four kinds (programme-facts §3).
inline constexpr std::string_view kCertificateKinds[] = {"training", "skill_level", "qualification", "special"};
/// The levels of 职业技能等级/职业资格 (五级 … 一级).
inline constexpr std::string_view kCertificateLevels[] = {"junior", "intermediate", "senior", "technician",
                                                          "senior_technician"};
/// 培训合格证书 …; "" for an unknown kind.
std::string_view CertificateKindZh(std::string_view kind);
/// 初级 …; "" for no level.
std::string_view CertificateLevelZh(std::string_view level);

/// A certificate (证书) of a person.
struct Certificate {
  int64_t id = 0;
  int64_t person_id = 0;
  std::string person_name;  // read-only, joined
  std::string kind, level, occupation, number, issuer;
  Date issued_on{};
  std::optional<int64_t> class_id;
  int64_t subsidy_fen = 0;
  std::string note, recorded_by, recorded_at;
  std::optional<std::string> voided_at;
  std::string void_reason;
  int64_t version = 1;
};

/// Faults of a class (field-named, en + zh), empty when valid.
std::vector<Error> CheckClass(const TrainingClass& c);
/// Faults of an enrolment against its class, as of `today`.
std::vector<Error> CheckEnrolment(const Enrolment& e, const TrainingClass& c, Date today);
/// Faults of a certificate's own fields, as of `today`.
std::vector<Error> CheckCertificate(const Certificate& c, Date today);
/// The one-subsidy rule: `c` (subsidy_fen > 0) against the person's `earlier` certificates
/// (voided ones are ignored). Errors: kConflict, field "subsidy_fen", naming the earlier
/// certificate (id, kind, number, issued_on, subsidy) in English and Chinese. A certificate
/// without subsidy always passes.
Status CheckSubsidyOnce(const Certificate& c, const std::vector<Certificate>& earlier);

/// `d` plus `months` calendar months, the day clamped to the month's end (2024-01-31 + 1 =
/// 2024-02-29).
Date AddMonths(Date d, int months);

/// A job's period as the follow-up reads it: [started, ended) (docs/industry.md "Dates").
struct JobPeriod {
  Date started{};
  std::optional<Date> ended;  // first day without the job
};

/// One enrolled person with their jobs (not voided).
struct FollowUpPerson {
  int64_t enrolment_id = 0, person_id = 0;
  std::string person_name;
  bool completed = false, dropped = false;
  std::vector<JobPeriod> jobs;
};

/// The follow-up at N months: due on class.until + N months.
struct FollowUpPoint {
  int months = 0;
  Date due_on{};
  bool due = false;          // due_on <= today: the figures below are facts, else not yet known
  int64_t completers = 0;    // persons who completed the class (the rate's base)
  int64_t employed = 0;      // of them, with a current job on due_on
  std::optional<double> rate_percent;  // employed / completers * 100, one decimal; none if not due or no completers
};

/// Per person: employed on each point's day (nullopt when that point is not due yet).
struct FollowUpRow {
  int64_t enrolment_id = 0, person_id = 0;
  std::string person_name;
  bool completed = false, dropped = false;
  std::vector<std::optional<bool>> employed;  // in the order of `months`
};

struct FollowUp {
  std::vector<FollowUpPoint> points;
  std::vector<FollowUpRow> rows;
};

/// Who of a class has a current job N months after its last day, for each N in `months`
/// (setting training.followup_months, programme-facts §3): a job is current on D when
/// started <= D and (no end or ended > D). Rows keep every enrolment (dropped ones marked);
/// the rate counts completers only.
FollowUp ComputeFollowUp(Date class_until, const std::vector<int>& months, const std::vector<FollowUpPerson>& persons,
                         Date today);

}  // namespace anju::industry
