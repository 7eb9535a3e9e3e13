// Skills training storage (docs/industry.md "Training"): courses, classes, enrolments,
// certificates and the follow-up, with the caller's capability and scope checked here and
// every write audited in the same transaction (industry/training.h has the rules).
//
// Scope: a class lies at its site — read when the reader's scope sees the site (SiteScopeSql),
// written when it covers the site itself; a person's enrolments and certificates lie at the
// person's household (HouseholdScopeSql / ScopeCovers). A record outside the scope answers
// kNotFound; a write without industry.manage (CanManageIndustry) kPermissionDenied.
// Thread-safety: as Connection.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/actor.h"
#include "core/error.h"
#include "industry/training.h"
#include "storage/connection.h"

namespace anju::storage {

struct ClassFilter {
  std::optional<int64_t> site_id, course_id;
};
struct CertificateFilter {
  std::optional<int64_t> person_id, class_id;
  bool include_voided = false;
};

class SqliteTraining {
 public:
  explicit SqliteTraining(Connection& db) : db_(db) {}

  /// Every course with the number of classes the actor sees.
  Result<std::vector<industry::Course>> Courses(const Actor& actor);
  /// A new course (name unique). Errors: kPermissionDenied, kInvalidArgument (name), kConflict (name taken).
  Result<industry::Course> CreateCourse(const Actor& actor, industry::Course c);

  /// Classes the actor sees, newest first, with their counts.
  Result<std::vector<industry::TrainingClass>> Classes(const Actor& actor, const ClassFilter& f);
  /// One class (kNotFound outside the scope).
  Result<industry::TrainingClass> Class(const Actor& actor, int64_t id);
  /// Errors: kPermissionDenied (no capability; site_id outside the scope, naming it), faults of CheckClass, kNotFound (course_id).
  Result<industry::TrainingClass> CreateClass(const Actor& actor, industry::TrainingClass c);
  /// `c` replaces the row `c.id` at `version` (kConflict when changed meanwhile). The enrolments'
  /// attendance must still fit the new dates and hours.
  Result<industry::TrainingClass> UpdateClass(const Actor& actor, industry::TrainingClass c, int64_t version);

  /// Enrolments of class `class_id` whose persons the actor sees.
  Result<std::vector<industry::Enrolment>> Enrolments(const Actor& actor, int64_t class_id);
  Result<industry::Enrolment> EnrolmentById(const Actor& actor, int64_t id);
  /// Enrols `person_id` (kNotFound outside the scope, kConflict when already enrolled or the
  /// class is full — its capacity).
  Result<industry::Enrolment> Enrol(const Actor& actor, int64_t class_id, int64_t person_id, Date enrolled_on);
  /// Attendance, completion or drop of `e.id` at `version`.
  Result<industry::Enrolment> UpdateEnrolment(const Actor& actor, industry::Enrolment e, int64_t version);

  Result<std::vector<industry::Certificate>> Certificates(const Actor& actor, const CertificateFilter& f);
  Result<industry::Certificate> CertificateById(const Actor& actor, int64_t id);
  /// A certificate for a person in scope; the one-subsidy rule (CheckSubsidyOnce) refuses a
  /// second subsidy for the same occupation and level naming the earlier certificate.
  Result<industry::Certificate> CreateCertificate(const Actor& actor, industry::Certificate c);
  /// Voids certificate `id` at `version` with `reason` (kept, no longer counted nor blocking).
  Result<industry::Certificate> VoidCertificate(const Actor& actor, int64_t id, const std::string& reason,
                                                int64_t version);

  /// The follow-up of class `id` at each of `months`, as of `today`.
  Result<industry::FollowUp> FollowUpOf(const Actor& actor, int64_t id, const std::vector<int>& months, Date today);

 private:
  Status CheckCanManage(const Actor& actor);
  Result<Place> SitePlace(int64_t site_id);
  Connection& db_;
};

}  // namespace anju::storage
