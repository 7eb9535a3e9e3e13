// The registry module's descriptor: its one entry in modules::AllModules() (src/modules/modules.cc).
#include "modules/module.h"

#include "attachments/owner_kind.h"
#include "registry/storage/sqlite_owner_places.h"

#include "registry/figures.h"
#include "registry/http/routes.h"
#include "registry/cli/commands.h"
#include "registry/storage/sqlite_benefits.h"

namespace anju::registry {
namespace {
// Files may be attached to households and persons (issue #15 item 3): seen where the record is.
const attachments::OwnerKind kHouseholdOwner{
    .kind = "household", .module = "registry", .label_zh = "户", .label_en = "household",
    .place_of = storage::HouseholdPlaceOf, .household_of = storage::HouseholdOfHousehold};
const attachments::OwnerKind kPersonOwner{
    .kind = "person", .module = "registry", .label_zh = "人员", .label_en = "person",
    .place_of = storage::PersonPlaceOf, .household_of = storage::HouseholdOfPerson};
std::vector<const attachments::OwnerKind*> AttachmentOwners() {
  return {&kHouseholdOwner, &kPersonOwner};
}
}  // namespace

const modules::Module& ModuleDef() {
  static const modules::Module kModule{
      .name = "registry",
      .depends = {"sites"},
      .migrations = storage::ModuleMigrations("registry"),
      .add_routes = AddRoutes,
      .add_commands = AddCommands,
      .figures = Figures,
      .attachment_owners = AttachmentOwners,
      .benefits = storage::HousingBenefits,
  };
  return kModule;
}

}  // namespace anju::registry
