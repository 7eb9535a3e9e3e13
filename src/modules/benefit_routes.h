// GET /api/v1/households/{id}/benefits?as_of= (issue #15 item 8, docs/casework.md "Descriptor
// seams"): the household's benefits from every module's `Module::benefits`
// (modules::HouseholdBenefits). It lives beside the module list because it reads every module;
// a module's own routes cannot include modules/ (a dependency cycle).
#pragma once

namespace anju::http {
class Router;
}

namespace anju::modules {

/// Adds the benefits route (called by AddAllRoutes).
void AddBenefitRoutes(http::Router& r);

}  // namespace anju::modules
