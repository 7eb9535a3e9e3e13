// The rectification module's descriptor: its one entry in modules::AllModules() (src/modules/modules.cc).
#include "modules/module.h"

#include "attachments/owner_kind.h"
#include "casework/case_type.h"
#include "rectification/finding_type.h"
#include "rectification/http/routes.h"
#include "rectification/storage/sqlite_rectification_repository.h"

namespace anju::rectification {

namespace {
// Evidence of a finding (整改佐证: photos, scanned documents) is attached to it.
const attachments::OwnerKind& FindingOwner() {
  static const attachments::OwnerKind kKind{
      .kind = "finding",
      .module = "rectification",
      .label_zh = "整改问题",
      .label_en = "Finding",
      .place_of = storage::FindingPlace,
      .household_of = nullptr,
  };
  return kKind;
}
}  // namespace

const modules::Module& ModuleDef() {
  static const modules::Module kModule{
      .name = "rectification",
      .depends = {"sites", "registry", "auth", "casework", "attachments", "importer"},
      .migrations = storage::ModuleMigrations("rectification"),
      .add_routes = AddRoutes,
      .case_types = [] { return std::vector<const casework::CaseType*>{&FindingType()}; },
      .attachment_owners = [] { return std::vector<const attachments::OwnerKind*>{&FindingOwner()}; },
  };
  return kModule;
}

}  // namespace anju::rectification
