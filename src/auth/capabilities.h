// What a signed-in user may do and the server's own lists the web UI needs, sent with the
// session (GET/POST /api/v1/session, issue #13 item 9) so the UI copies no server knowledge:
// the role, the scope with its readable label, the actions the role may take, the enumerated
// values of the records, and the local-policy settings the UI shows.
//
// The action list is computed by RoleMay(), which asks the same Actor predicates
// (core/actor.h CanWrite, CanManageUsers, CanReadAudit, PrivilegedExports) that the services
// enforce; auth/capabilities_test.cc calls the real services for every role and action and
// checks that a refusal (kPermissionDenied) happens exactly when RoleMay() says no.
//
// Thread-safety: pure functions over value types.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/actor.h"

namespace anju::auth {

/// An action the UI offers a button or a page for. The identifiers are the wire names.
enum class Action {
  kHouseholdsCreate,  // "households.create"  POST /api/v1/households         (CanWrite)
  kHouseholdsUpdate,  // "households.update"  PATCH /api/v1/households/{id}   (CanWrite)
  kHouseholdsDelete,  // "households.delete"  DELETE /api/v1/households/{id}  (CanWrite)
  kPersonsCreate,     // "persons.create"     POST /api/v1/persons            (CanWrite)
  kPersonsUpdate,     // "persons.update"     PATCH /api/v1/persons/{id}      (CanWrite)
  kPersonsDelete,     // "persons.delete"     DELETE /api/v1/persons/{id}     (CanWrite)
  kImportPreview,     // "import.preview"     POST /api/v1/imports/preview    (everyone: dry run)
  kImportRun,         // "import.run"         POST /api/v1/imports            (CanWrite)
  kExport,            // "export"             GET …/households.xlsx, persons.xlsx (everyone, scoped)
  kExportWholeIds,    // "export.whole_ids"   exports show whole ids/phones (PrivilegedExports)
  kUsersManage,       // "users.manage"       /api/v1/users…                  (CanManageUsers)
  kAuditRead,         // "audit.read"         GET /api/v1/audit               (CanReadAudit)
  kRegisterChange,    // "register.change"    life events and household changes of the living
                      //                      register (issue #14): POST …/members, …/events, … (CanWrite)
  kIdsViewWhole,      // "ids.view_whole"     GET …/households/{id}?full=true, persons/{id}?full=true
                      //                      whole ids/phones on a detail, audited (PrivilegedExports)
  kVisitsRecord,      // "visits.record"      POST /api/v1/households/{id}/visits (CanRecordVisits)
  kCasesAct,          // "cases.act"          POST /api/v1/cases/{id}/transitions (CanActOnCases)
  kCadresManage,      // "cadres.manage"      POST/PATCH /api/v1/cadres, assignments, pairing
                      //                      import (CanManageCadres)
  kDataCallsManage,   // "datacalls.manage"   POST /api/v1/data-calls, accept/return/close, merged table
                      //                      (county_admin, county_staff; datacalls/datacalls_service.h)
  kDataCallsAnswer,   // "datacalls.answer"   PUT/POST …/data-calls/{id}/replies/{rid}… (township_staff,
                      //                      site_manager: the answering levels)
  kOriginVillagesCreate,  // "origin_villages.create" POST /api/v1/origin-villages
                          //                      (registry::MayAddOriginVillages: county roles, township staff)
  kJobsRecord,        // "jobs.record"        POST/PATCH …/persons/{id}/jobs, jobs/{id}/end, zero-employment
                      //                      follow-up (CanRecordJobs; docs/industry.md)
  kIndustryManage,    // "industry.manage"    parks, workshops, welfare posts, training, vacancies
                      //                      (CanManageIndustry; docs/industry.md)
};

/// Every action, in the order above.
std::span<const Action> AllActions();
/// The wire name, e.g. "households.create".
std::string_view ActionName(Action a);
/// Whether `role` may take `a` (scope still limits which records): the Actor predicate the
/// enforcing service checks, for an actor of that role.
bool RoleMay(Role role, Action a);
/// Every role, in core/actor.h order (county_admin … system).
std::span<const Role> AllRoles();

/// One enumerated list: `kind` ("sex") and its stored values, in the server's order.
struct EnumList {
  std::string kind;
  std::vector<std::string> values;
};

/// Working age (劳动年龄) bounds the UI counts with, inclusive, in completed years (周岁), and
/// where the rule comes from (registry/registry.h kWorkingAgeMin/Max).
struct WorkingAgePolicy {
  int min_years = 0;
  int max_years = 0;
  std::string source;
};

/// The capabilities of one session.
struct Capabilities {
  Role role = Role::kCountyStaff;
  AccessScope scope;
  std::string scope_label;           // "临泉镇", "城北安置点", "城北安置点 第1网格"; "" for county
  std::vector<Action> actions;       // RoleMay(role, a), in AllActions() order
  std::vector<EnumList> enums;       // DomainEnums() then the caller's extra lists
  WorkingAgePolicy working_age;
};

/// The enumerated lists defined by the domain modules this library sees: role, user_role (the
/// roles an account may be given: all but system), sex, relationship, category,
/// relocation_type, health, employment_kind, education, ethnicity (stored names), site_mode,
/// size_class.
std::vector<EnumList> DomainEnums();

/// The capabilities of a session with `role` and `scope` (labelled `scope_label`); `extra`
/// enum lists (from modules outside auth's dependencies, e.g. importer fields) are appended.
Capabilities CapabilitiesFor(Role role, const AccessScope& scope, std::string scope_label,
                             std::vector<EnumList> extra = {});

}  // namespace anju::auth
