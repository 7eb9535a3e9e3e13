// The cadres service: reads scoped by the actor, writes checked against the rules of
// cadres/cadres.h and audited by the repository in the same transaction.
//
// Errors: kPermissionDenied when the actor may not manage cadres (Actor::CanManageCadres:
// county roles and system; the pairing is the county's decision); kNotFound for a cadre,
// household or assignment that does not exist or lies outside the actor's scope;
// kInvalidArgument naming the field and value (en + zh, every fault at once); kConflict for a
// stale version or an assignment that is not current any more.
//
// Thread-safety: as the repository (one per connection).
#pragma once

#include <functional>
#include <memory>

#include "cadres/cadre_repository.h"
#include "cadres/cadres.h"

namespace anju::cadres {

class CadreService {
 public:
  /// `today`: the civil date in China (injected by tests); default TodayInChina.
  explicit CadreService(CadreRepository& repo, std::function<Date()> today = TodayInChina)
      : repo_(repo), today_(std::move(today)) {}

  Result<std::vector<CadreListRow>> List(const Actor& actor, const CadreFilter& f);
  /// The cadre with its households now and before, in the actor's scope.
  Result<CadreDetail> Get(const Actor& actor, int64_t id);
  /// Creates a cadre: name required; phone cleaned (CleanPhoneText). Returns it.
  Result<Cadre> Create(const Actor& actor, const CadreInput& in, const std::string& source = "api");
  /// Changes the fields given, at `expected_version`; ended_on with end_reason ends the cadre
  /// (refused while it still has current households).
  Result<Cadre> Update(const Actor& actor, int64_t id, const CadreInput& in, int64_t expected_version);

  /// The household's current cadre and history. kNotFound when outside the scope.
  Result<HouseholdCadres> OfHousehold(const Actor& actor, int64_t household_id);
  /// Assigns (or reassigns) `cadre_id` to the household from `from` (the old assignment ends
  /// that day). Returns the new assignment.
  Result<Assignment> Assign(const Actor& actor, int64_t household_id, int64_t cadre_id, Date from,
                            const std::string& reason, const std::string& source = "api");
  /// Ends a current assignment on `date` with `reason` (required).
  Result<Assignment> End(const Actor& actor, int64_t assignment_id, Date date, const std::string& reason);

 private:
  Result<HouseholdFacts> HouseholdInScope(const Actor& actor, int64_t household_id);
  Status CheckManage(const Actor& actor) const;

  CadreRepository& repo_;
  std::function<Date()> today_;
};

}  // namespace anju::cadres
