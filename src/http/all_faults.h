// Every fault of a write request in one 422: the body reader's (a field of the wrong type, a date
// that is not one, an unknown field) together with the service's own validation (a required
// field, a length, a code not in the list), so a form with several bad fields names each of
// them — not only those the reader met before the service ran (docs/api.md "Errors").
//
// How: the route reads every field it can into the service's input (a field that failed to
// parse left empty or at its default) and hands the service call to WriteWithAllFaults. When the
// reader has no fault the call simply runs. When it has faults the call still runs — so its
// validation speaks — but inside a transaction (or savepoint) that is always rolled back, and
// its field faults join the reader's (JoinFaults); nothing is stored and no audit entry remains.
#pragma once

#include <type_traits>
#include <utility>
#include <vector>

#include "core/error.h"
#include "http/envelope.h"
#include "http/json_body.h"
#include "storage/connection.h"

namespace anju::http {

/// Runs `write` (a service call returning Result<T> or Status) and gives its result when the
/// reader has no fault. Otherwise runs `write` inside a write scope on `db` that is rolled back
/// and answers 422 (ValidationFailed) with the reader's faults and the call's field faults. A
/// call that fails for another reason (403 scope, 404, a state) or succeeds on the partial input
/// adds nothing; a database that cannot start the scope (busy) leaves the reader's faults alone.
template <class F>
auto WriteWithAllFaults(storage::Connection& db, BodyReader& reader, F&& write) -> std::invoke_result_t<F&> {
  std::vector<Error> faults = reader.TakeFaults();
  if (faults.empty()) return write();
  {
    auto scope = storage::WriteScope::Begin(db, "anju_check_only");
    if (scope) {
      auto out = write();
      if (!out) faults = JoinFaults(std::move(faults), out.error());
    }  // never committed: the scope's destructor rolls the call's writes back
  }
  return std::unexpected(ValidationFailed(std::move(faults)));
}

}  // namespace anju::http
