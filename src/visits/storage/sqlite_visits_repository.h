// The visits' SQL (visits/visits.h VisitRepository) over one connection, and the storage side of
// the "visit" attachment owner kind (PlaceOfVisit). Reads the registry's households, persons,
// origin villages and sites (a dependency of the module); writes visits and visit_people with
// their audit entry in one transaction.
//
// Thread-safety: as the Connection (one per thread).
#pragma once

#include <optional>

#include "core/actor.h"
#include "storage/connection.h"
#include "visits/visits.h"

namespace anju::storage {

class SqliteVisitRepository final : public visits::VisitRepository {
 public:
  explicit SqliteVisitRepository(Connection& db) : db_(db) {}
  Result<std::optional<visits::HouseholdFacts>> Household(int64_t id) override;
  Result<std::vector<int64_t>> MembersOn(int64_t household_id, Date day) override;
  Result<std::optional<int64_t>> VisitorCadre(int64_t user_id, int64_t household_id, Date day) override;
  Result<int64_t> Insert(const Actor& actor, int64_t household_id, const visits::NewVisit& v,
                         std::optional<int64_t> cadre_id) override;
  Result<std::optional<visits::Visit>> Get(int64_t id) override;
  Result<Page<visits::Visit>> List(const AccessScope& scope, const visits::VisitFilter& f,
                                   const PageRequest& page) override;
  Status Void(const Actor& actor, int64_t id, Date on, const std::string& reason) override;
  Result<std::vector<visits::StatsRow>> Stats(const AccessScope& scope, visits::StatsBy by, Date from,
                                              Date to) override;

 private:
  Connection& db_;
};

/// The Place of visit `id` (its household's), nullopt when no such visit: the "visit" owner
/// kind's place_of (attachments/owner_kind.h). Errors: storage.
Result<std::optional<Place>> PlaceOfVisit(Connection& db, int64_t id);
/// The household of visit `id` (0 when none): the owner kind's household_of.
Result<int64_t> HouseholdOfVisit(Connection& db, int64_t id);

}  // namespace anju::storage
