// The labour day totals (reports migration 0001, docs/industry.md "Employed on D, fast"): each
// person's labour spans — the days on which they count in labor.working_age and, of those, in
// labor.employed, by exactly the report's rules (report_service.cc ScanHouseholds/ScanPersons,
// county scope) — and their sum as +1/-1 per day, so that the county's two counts on any day D
// are two sums over a few thousand rows instead of a pass over every person and job.
//
// Rules (the report's, written as intervals of days; "from" inclusive, "until" exclusive):
//  * a membership (the persons row, or a membership_history row) counts from member_from
//    (empty: open) until member_until (empty: open);
//  * its household counts from move_in_date and formed_on (empty: open) until ended_on (empty:
//    open);
//  * working age (18–60 周岁): from the first day D with AgeCutoff(D, 18) >= birth_date until
//    the first day with AgeCutoff(D, 61) >= birth_date (reports/report_service.h);
//  * employed: a job not voided, from started_on until ended_on (NULL: open).
// Every bound is the first day whose 'YYYY-MM-DD' text is >= the stored text, so a malformed
// date in a record gives the same answer as the report's text comparisons.
// A person counts once per membership valid on D (as the report's scan: the persons row and each
// history row), so the totals equal the report's on every day.
//
// Portable SQL through the storage seam (connection.h); the SQLite driver runs the before-commit
// step (storage::SetBeforeCommitHook).
// Thread-safety: stateless functions; a connection is used by one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "storage/sqlite.h"

namespace anju::storage {

/// A day as days since 1970-01-01; kLabourOpenStart / kLabourOpenEnd for an open bound.
inline constexpr int32_t kLabourOpenStart = INT32_MIN;
inline constexpr int32_t kLabourOpenEnd = INT32_MAX;

/// One span of a person: days [from, until) counted in labor.working_age (employed false) or in
/// labor.employed (employed true; always inside a working-age span of the same membership).
struct LabourSpan {
  int32_t from = kLabourOpenStart;
  int32_t until = kLabourOpenEnd;
  bool employed = false;
  bool operator==(const LabourSpan&) const = default;
};

/// The records one person's spans are computed from (texts as stored; a NULL as nullopt).
struct LabourRecords {
  struct Membership {
    std::string from, until;                         // member_from/start_date, member_until/end_date ('' = open)
    std::string move_in_date, formed_on, ended_on;   // of its household ('' = open)
  };
  struct Job {
    std::string started_on;
    std::optional<std::string> ended_on;  // NULL: current
  };
  std::string birth_date;
  std::vector<Membership> memberships;  // the persons row's, then membership_history's
  std::vector<Job> jobs;                // not voided
};

/// The first day whose 'YYYY-MM-DD' text is >= `text` (kLabourOpenStart for '' or a text at or
/// below 1000-01-01, kLabourOpenEnd for one above 9999-12-31).
int32_t FirstDayAtLeast(std::string_view text);

/// The person's spans by the rules above, working-age spans first, each membership's in order.
std::vector<LabourSpan> ComputeLabourSpans(const LabourRecords& records);

/// The spans as stored in labour_spans.spans: "w:FROM:UNTIL;e:FROM:UNTIL" (ISO days, '' open).
std::string FormatLabourSpans(const std::vector<LabourSpan>& spans);
/// Errors: kInternal naming the text when it is not what FormatLabourSpans writes.
Result<std::vector<LabourSpan>> ParseLabourSpans(std::string_view text);

/// Writes the spans of every person listed in labour_dirty (of every person, on the first fold
/// or when more than a quarter of them are listed, or when a stored span cannot be read) and
/// their day deltas, then empties the list
/// and sets meta labour_spans = 'v1'. Runs inside the caller's write transaction, or in one of
/// its own. Does nothing without the tables (a database before reports migration 0001).
/// Errors: kUnavailable (busy), kInternal (storage).
Status FoldLabourSpans(Connection& db);

/// The before-commit step anju installs (storage::SetBeforeCommitHook, modules::Install):
/// FoldLabourSpans when labour_dirty lists anyone; one indexed read otherwise.
Status FoldLabourSpansBeforeCommit(Database& db);

/// The county's labor.working_age and labor.employed on `as_of` ('YYYY-MM-DD').
struct LabourDayTotals {
  int64_t working_age = 0;
  int64_t employed = 0;
  int64_t corrected = 0;  // persons listed in labour_dirty, recomputed from their records
};
/// The totals from labour_day_deltas, corrected for the persons still listed in labour_dirty
/// (their stored spans taken out, their spans from the records put in), read in the caller's
/// snapshot. nullopt when the tables are missing, the spans were never folded, more than
/// `max_dirty` persons are listed, or a listed person's stored span cannot be read (the caller
/// scans instead). Errors: kInternal (storage).
Result<std::optional<LabourDayTotals>> ReadLabourDayTotals(Connection& db, std::string_view as_of,
                                                           int64_t max_dirty = 100'000);

}  // namespace anju::storage
