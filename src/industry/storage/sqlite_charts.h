// The industry charts' reads (docs/industry.md "Figures … charts"; http/chart_routes.cc): counts
// of records as of a day within the reader's scope (storage/scope_sql.h), read-only.
// The employment rate per site over months is the county report's (reports engine), not here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.h"
#include "core/date.h"
#include "core/error.h"
#include "storage/connection.h"

namespace anju::storage {

/// Jobs of one channel at one site on a day.
struct SiteChannelCount {
  int64_t site_id = 0;
  std::string site_name;
  std::string channel;  // jobs.channel
  int64_t jobs = 0;
};

/// Jobs current on `as_of` and not voided (docs/industry.md "Dates, units, periods") of the
/// persons counted on as_of (member then, household moved in by then) of households in `scope`,
/// by the household's current site and the channel; ordered by site id, channel. A person with
/// two jobs counts in both. Errors: storage.
Result<std::vector<SiteChannelCount>> JobsByChannelPerSite(Connection& db, const AccessScope& scope,
                                                           Date as_of);

/// Certificates issued on or before `as_of` and not voided, by kind (the training area's
/// `training_certificates`, 0006_training.sql: person_id, kind, issued_on, voided_at) of persons
/// of households in `scope`; nullopt while that table does not exist. Errors: storage.
Result<std::optional<std::vector<std::pair<std::string, int64_t>>>> CertificatesByKind(
    Connection& db, const AccessScope& scope, Date as_of);

/// Whether table `name` exists (figures of another area's table are null while it is absent).
Result<bool> TableExists(Connection& db, std::string_view name);

}  // namespace anju::storage
