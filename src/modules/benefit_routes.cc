#include "modules/benefit_routes.h"

#include "core/try.h"
#include "http/reply.h"
#include "http/route_context.h"
#include "modules/module.h"
#include "registry/registry_service.h"
#include "storage/sqlite.h"

namespace anju::modules {

using namespace anju::http;
using nlohmann::json;

namespace {

// Scope as the household detail: a household outside the actor's scope answers 404.
RouteResult HouseholdBenefitsRoute(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"as_of"}));
  ANJU_TRY(id, ctx.PathId());
  ANJU_TRY(as_of_q, ctx.QueryAsOf());
  ANJU_TRY(household, ctx.services.registry->GetHousehold(ctx.actor, id));
  (void)household;
  const Date as_of = as_of_q.value_or(TodayInChina());
  ANJU_TRY(lines, HouseholdBenefits(*ctx.services.db, id, as_of));
  json items = json::array();
  for (const Benefit& b : lines)
    items.push_back({{"module", b.module},
                     {"kind", b.kind},
                     {"label_zh", b.label_zh},
                     {"label_en", b.label_en},
                     {"from", b.from ? json(FormatIsoDate(*b.from)) : json(nullptr)},
                     {"until", b.until ? json(FormatIsoDate(*b.until)) : json(nullptr)},
                     {"amount_fen", OptInt(b.amount_fen)},
                     {"person_id", b.person_id == 0 ? json(nullptr) : json(b.person_id)},
                     {"entity", OptText(b.entity)},
                     {"entity_id", b.entity_id == 0 ? json(nullptr) : json(b.entity_id)}});
  return Reply::Json({{"household_id", id}, {"as_of", FormatIsoDate(as_of)}, {"items", std::move(items)}});
}

}  // namespace

void AddBenefitRoutes(http::Router& r) {
  r.Add("GET", "/api/v1/households/{id}/benefits", Access::kSession, HouseholdBenefitsRoute);
}

}  // namespace anju::modules
