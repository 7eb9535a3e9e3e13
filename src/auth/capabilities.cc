#include "auth/capabilities.h"

#include <array>

#include "registry/registry.h"
#include "registry/registry_service.h"
#include "sites/sites.h"

namespace anju::auth {

namespace {

constexpr std::array kActions = {
    Action::kHouseholdsCreate, Action::kHouseholdsUpdate, Action::kHouseholdsDelete,
    Action::kPersonsCreate,    Action::kPersonsUpdate,    Action::kPersonsDelete,
    Action::kImportPreview,    Action::kImportRun,        Action::kExport,
    Action::kExportWholeIds,   Action::kUsersManage,      Action::kAuditRead,
    Action::kRegisterChange,
    Action::kIdsViewWhole,
    Action::kVisitsRecord,     Action::kCasesAct,         Action::kCadresManage,
    Action::kDataCallsManage, Action::kDataCallsAnswer,
    Action::kOriginVillagesCreate, Action::kJobsRecord, Action::kIndustryManage,
};

constexpr std::array kRoles = {Role::kCountyAdmin, Role::kCountyStaff, Role::kTownshipStaff,
                               Role::kSiteManager, Role::kGridWorker,  Role::kAuditor,
                               Role::kCadre,       Role::kSystem};

template <class E, class F>
EnumList ListOf(std::string kind, std::initializer_list<E> values, F name) {
  EnumList l{std::move(kind), {}};
  for (E v : values) l.values.emplace_back(name(v));
  return l;
}

}  // namespace

std::span<const Action> AllActions() { return kActions; }
std::span<const Role> AllRoles() { return kRoles; }

std::string_view ActionName(Action a) {
  switch (a) {
    case Action::kHouseholdsCreate: return "households.create";
    case Action::kHouseholdsUpdate: return "households.update";
    case Action::kHouseholdsDelete: return "households.delete";
    case Action::kPersonsCreate: return "persons.create";
    case Action::kPersonsUpdate: return "persons.update";
    case Action::kPersonsDelete: return "persons.delete";
    case Action::kImportPreview: return "import.preview";
    case Action::kImportRun: return "import.run";
    case Action::kExport: return "export";
    case Action::kExportWholeIds: return "export.whole_ids";
    case Action::kUsersManage: return "users.manage";
    case Action::kAuditRead: return "audit.read";
    case Action::kRegisterChange: return "register.change";
    case Action::kIdsViewWhole: return "ids.view_whole";
    case Action::kVisitsRecord: return "visits.record";
    case Action::kCasesAct: return "cases.act";
    case Action::kCadresManage: return "cadres.manage";
    case Action::kDataCallsManage: return "datacalls.manage";
    case Action::kDataCallsAnswer: return "datacalls.answer";
    case Action::kOriginVillagesCreate: return "origin_villages.create";
    case Action::kJobsRecord: return "jobs.record";
    case Action::kIndustryManage: return "industry.manage";
  }
  return "?";
}

bool RoleMay(Role role, Action a) {
  Actor actor;
  actor.role = role;
  switch (a) {
    case Action::kHouseholdsCreate:
    case Action::kHouseholdsUpdate:
    case Action::kHouseholdsDelete:
    case Action::kPersonsCreate:
    case Action::kPersonsUpdate:
    case Action::kPersonsDelete:
    case Action::kImportRun: return actor.CanWrite();
    case Action::kImportPreview:
    case Action::kExport: return true;
    case Action::kExportWholeIds: return actor.PrivilegedExports();
    case Action::kUsersManage: return actor.CanManageUsers();
    case Action::kAuditRead: return actor.CanReadAudit();
    case Action::kRegisterChange: return actor.CanWrite();
    case Action::kIdsViewWhole: return actor.PrivilegedExports();
    case Action::kVisitsRecord: return actor.CanRecordVisits();
    case Action::kCasesAct: return actor.CanActOnCases();
    case Action::kCadresManage: return actor.CanManageCadres();
    case Action::kDataCallsManage: return role == Role::kCountyAdmin || role == Role::kCountyStaff || role == Role::kSystem;
    case Action::kDataCallsAnswer: return role == Role::kTownshipStaff || role == Role::kSiteManager;
    case Action::kOriginVillagesCreate: return registry::MayAddOriginVillages(role);
    case Action::kJobsRecord: return actor.CanRecordJobs();
    case Action::kIndustryManage: return actor.CanManageIndustry();
  }
  return false;
}

std::vector<EnumList> DomainEnums() {
  using namespace registry;
  std::vector<EnumList> out;
  EnumList roles{"role", {}};
  for (Role r : kRoles) roles.values.emplace_back(RoleName(r));
  out.push_back(std::move(roles));
  // AuthService refuses to grant the system role to an account.
  EnumList user_roles{"user_role", {}};
  for (Role r : kRoles)
    if (r != Role::kSystem) user_roles.values.emplace_back(RoleName(r));
  out.push_back(std::move(user_roles));
  out.push_back(ListOf("sex", {Sex::kMale, Sex::kFemale}, SexName));
  EnumList rel{"relationship", {}};
  for (Relationship r : kAllRelationships) rel.values.emplace_back(RelationshipName(r));
  out.push_back(std::move(rel));
  out.push_back(ListOf("category", {Category::kRegisteredPoor, Category::kCoRelocated}, CategoryName));
  out.push_back(ListOf("relocation_type", {RelocationType::kWholeVillage, RelocationType::kScattered},
                       RelocationTypeName));
  out.push_back(ListOf("health",
                       {Health::kHealthy, Health::kChronicIllness, Health::kSeriousIllness,
                        Health::kDisabled},
                       HealthName));
  out.push_back(ListOf("employment_kind",
                       {EmploymentKind::kWorkshop, EmploymentKind::kPark, EmploymentKind::kWelfarePost,
                        EmploymentKind::kEnterprise, EmploymentKind::kMigrantWork,
                        EmploymentKind::kSelfEmployed, EmploymentKind::kNone},
                       EmploymentKindName));
  EnumList edu{"education", {}};
  for (const auto& e : EducationLevels()) edu.values.emplace_back(e.name);
  out.push_back(std::move(edu));
  EnumList eth{"ethnicity", {}};
  for (const auto& g : EthnicGroups()) eth.values.emplace_back(g.name);
  out.push_back(std::move(eth));
  out.push_back(ListOf("site_mode",
                       {sites::SiteMode::kCountyTown, sites::SiteMode::kTownshipSeat,
                        sites::SiteMode::kLargeVillage, sites::SiteMode::kDispersed},
                       sites::SiteModeName));
  out.push_back(ListOf("size_class",
                       {sites::SizeClass::k3000Plus, sites::SizeClass::k800To2999,
                        sites::SizeClass::kUnder800},
                       sites::SizeClassName));
  return out;
}

Capabilities CapabilitiesFor(Role role, const AccessScope& scope, std::string scope_label,
                             std::vector<EnumList> extra) {
  Capabilities c;
  c.role = role;
  c.scope = scope;
  c.scope_label = std::move(scope_label);
  for (Action a : kActions)
    if (RoleMay(role, a)) c.actions.push_back(a);
  c.enums = DomainEnums();
  for (auto& e : extra) c.enums.push_back(std::move(e));
  c.working_age = {registry::kWorkingAgeMin, registry::kWorkingAgeMax,
                   "registry/registry.h kWorkingAgeMin/kWorkingAgeMax: 18至60周岁 "
                   "(linxian-figures.md, labour)"};
  return c;
}

}  // namespace anju::auth
