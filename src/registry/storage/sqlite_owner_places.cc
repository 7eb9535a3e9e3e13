#include "registry/storage/sqlite_owner_places.h"

#include "core/try.h"
#include "registry/storage/sqlite_registry_repository.h"

namespace anju::storage {

Result<std::optional<Place>> HouseholdPlaceOf(Connection& db, int64_t id) {
  SqliteRegistryRepository repo(db);
  ANJU_TRY(h, repo.FindHousehold(AccessScope{}, id));  // county scope: every household
  if (!h) return std::optional<Place>();
  ANJU_TRY(place, repo.PlaceOf(*h));
  return std::optional<Place>(place);
}

Result<int64_t> HouseholdOfPerson(Connection& db, int64_t id) {
  ANJU_TRY(st, db.Prepare("SELECT household_id FROM persons WHERE id = ?1"));
  st.Bind(1, id);
  ANJU_TRY(row, st.Step());
  return row ? st.ColumnInt(0) : int64_t{0};
}

Result<std::optional<Place>> PersonPlaceOf(Connection& db, int64_t id) {
  ANJU_TRY(hh, HouseholdOfPerson(db, id));
  if (hh == 0) return std::optional<Place>();
  return HouseholdPlaceOf(db, hh);
}

Result<int64_t> HouseholdOfHousehold(Connection& db, int64_t id) {
  ANJU_TRY(st, db.Prepare("SELECT id FROM households WHERE id = ?1"));
  st.Bind(1, id);
  ANJU_TRY(row, st.Step());
  return row ? id : int64_t{0};
}

}  // namespace anju::storage
