// The visits module's descriptor: its one entry in modules::AllModules() (src/modules/modules.cc).
#include "modules/module.h"

#include "attachments/owner_kind.h"
#include "visits/http/routes.h"
#include "visits/storage/sqlite_visits_repository.h"

namespace anju::visits {

namespace {

// Photos of a visit are attachments of owner kind "visit", seen where the visit's household is.
const attachments::OwnerKind kVisitOwner{
    .kind = "visit",
    .module = "visits",
    .label_zh = "走访记录",
    .label_en = "Visit",
    .place_of = storage::PlaceOfVisit,
    .household_of = storage::HouseholdOfVisit,
};

std::vector<const attachments::OwnerKind*> AttachmentOwners() { return {&kVisitOwner}; }

}  // namespace

const modules::Module& ModuleDef() {
  static const modules::Module kModule{
      .name = "visits",
      .depends = {"sites", "registry", "cadres", "auth", "casework", "attachments"},
      .migrations = storage::ModuleMigrations("visits"),
      .add_routes = AddRoutes,
      .attachment_owners = AttachmentOwners,
  };
  return kModule;
}

}  // namespace anju::visits
