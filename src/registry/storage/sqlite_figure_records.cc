#include "registry/storage/sqlite_figure_records.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "core/try.h"
#include "storage/scope_sql.h"
#include "reports/report_service.h"
#include "sites/sites.h"

namespace anju::storage {

namespace {

std::unexpected<Error> UnknownFilter(std::string_view list, std::string_view filter) {
  return InvalidArgument(
      fmt::format("'{}' is not a figure of the {} list; GET /api/v1/figures lists each figure "
                  "with the list it drills down to",
                  filter, list),
      "figure", std::string(filter.substr(0, 60)),
      fmt::format("“{}”不是{}列表的统计指标；GET /api/v1/figures 列出每个指标及其明细列表", filter,
                  list));
}

}  // namespace

std::string DateLiteral(Date d) { return fmt::format("'{}'", FormatIsoDate(d)); }

std::string MembersOnSql(std::string_view d) {
  return fmt::format(
      "(SELECT y.id AS person_id, y.household_id AS household_id, y.relationship AS relationship "
      "FROM persons y WHERE (y.member_from IS NULL OR y.member_from <= {0}) AND (y.member_until IS "
      "NULL OR y.member_until > {0}) AND y.birth_date <= {0} UNION ALL SELECT mh.person_id, "
      "mh.household_id, mh.relationship FROM membership_history mh JOIN persons y ON y.id = "
      "mh.person_id WHERE (mh.start_date IS NULL OR mh.start_date <= {0}) AND mh.end_date > {0} "
      "AND y.birth_date <= {0})",
      d);
}

std::string HouseholdsOnSql(std::string_view d) {
  const std::string counted = fmt::format(
      "x.move_in_date <= {0} AND (x.formed_on IS NULL OR x.formed_on <= {0}) AND (x.ended_on IS "
      "NULL OR x.ended_on > {0})",
      d);
  return fmt::format(
      "(SELECT x.id AS id, x.household_no AS household_no, x.category AS category, "
      "x.origin_village_id AS origin_village_id, x.site_id AS site_id, x.housing_unit_id AS "
      "housing_unit_id, x.grid_id AS grid_id, x.move_in_date AS move_in_date, x.convention_signed "
      "AS convention_signed, x.version AS version FROM households x WHERE {1} AND NOT EXISTS "
      "(SELECT 1 FROM placement_history ph WHERE ph.household_id = x.id AND ph.end_date > {0}) "
      "UNION ALL SELECT x.id, x.household_no, x.category, ph.origin_village_id, ph.site_id, "
      "ph.housing_unit_id, ph.grid_id, x.move_in_date, x.convention_signed, x.version FROM "
      "households x JOIN placement_history ph ON ph.household_id = x.id WHERE {1} AND "
      "(ph.start_date IS NULL OR ph.start_date <= {0}) AND ph.end_date > {0})",
      d, counted);
}

std::string MemberCountOnSql(std::string_view h_id, std::string_view d) {
  return fmt::format(
      "((SELECT count(*) FROM persons y WHERE y.household_id = {0} AND (y.member_from IS NULL OR "
      "y.member_from <= {1}) AND (y.member_until IS NULL OR y.member_until > {1}) AND y.birth_date "
      "<= {1}) + (SELECT count(*) FROM membership_history mh JOIN persons y ON y.id = mh.person_id "
      "WHERE mh.household_id = {0} AND (mh.start_date IS NULL OR mh.start_date <= {1}) AND "
      "mh.end_date > {1} AND y.birth_date <= {1}))",
      h_id, d);
}

// "Employed on D" for the person aliased `p` (docs/industry.md): some job current on D and not
// voided, read from the industry module's jobs table by its documented schema (the registry does
// not link industry; every migrated database has the table). persons.employment_kind is only a
// cache of today's channel and is not read here.
std::string EmployedOnSql(std::string_view p_id, std::string_view d) {
  return fmt::format(
      "EXISTS (SELECT 1 FROM jobs ej WHERE ej.person_id = {0} AND ej.started_on <= {1} AND "
      "(ej.ended_on IS NULL OR ej.ended_on > {1}) AND ej.voided_at IS NULL)",
      p_id, d);
}

Result<FigureCondition> FigureFilterSql(std::string_view list, std::string_view filter, Date as_of) {
  const std::string day = FormatIsoDate(as_of);
  // Working age 18–60 in completed years, by the report's own string cutoffs (AgeCutoff).
  const std::string adult = reports::AgeCutoff(as_of, 18), old = reports::AgeCutoff(as_of, 61);
  constexpr std::string_view kIncluded = "h.move_in_date <= ?";
  if (list == "households") {
    // Members counted on as_of (the report's rule), working age by its cutoffs.
    const std::string members = MembersOnSql(DateLiteral(as_of));
    const std::string kWorkingAge =
        "zm.household_id = h.id AND zp.birth_date <= ? AND zp.birth_date > ?";
    if (filter == "households.total") return FigureCondition{std::string(kIncluded), {day}};
    if (filter == "households.registered_poor")
      return FigureCondition{fmt::format("{} AND h.category = 'registered_poor'", kIncluded), {day}};
    if (filter == "households.co_relocated")
      return FigureCondition{fmt::format("{} AND h.category <> 'registered_poor'", kIncluded), {day}};
    if (filter == "households.convention_signed")
      return FigureCondition{fmt::format("{} AND h.convention_signed <> 0", kIncluded), {day}};
    if (filter == "households.zero_employment")
      return FigureCondition{
          fmt::format("{0} AND EXISTS (SELECT 1 FROM {2} zm JOIN persons zp ON zp.id = zm.person_id "
                      "WHERE {1} AND zp.able_to_work <> 0 AND zp.wants_work <> 0) AND NOT EXISTS "
                      "(SELECT 1 FROM {2} zm JOIN persons zp ON zp.id = zm.person_id WHERE {1} "
                      "AND {3})",
                      kIncluded, kWorkingAge, members, EmployedOnSql("zp.id", DateLiteral(as_of))),
          {day, adult, old, adult, old}};
    // labor.zero_employment_open: no clearing for a non-employment reason valid on as_of
    // (zero_employment_clearings, the industry module's table, docs/industry.md "Services").
    if (filter == "households.zero_employment_open") {
      ANJU_TRY(zero, FigureFilterSql(list, "households.zero_employment", as_of));
      zero.sql += fmt::format(
          " AND NOT EXISTS (SELECT 1 FROM zero_employment_clearings zc WHERE zc.household_id = h.id AND "
          "zc.reason <> 'employed' AND zc.cleared_on <= {0} AND (zc.valid_until IS NULL OR zc.valid_until > {0}))",
          DateLiteral(as_of));
      return zero;
    }
    return UnknownFilter(list, filter);
  }
  if (list == "persons") {
    const std::string born = fmt::format("{} AND p.birth_date <= ?", kIncluded);
    const std::string working = fmt::format("{} AND p.birth_date <= ? AND p.birth_date > ?", kIncluded);
    if (filter == "persons.total") return FigureCondition{born, {day, day}};
    if (filter == "persons.registered_poor")
      return FigureCondition{fmt::format("{} AND h.category = 'registered_poor'", born), {day, day}};
    if (filter == "persons.co_relocated")
      return FigureCondition{fmt::format("{} AND h.category <> 'registered_poor'", born), {day, day}};
    if (filter == "persons.working_age") return FigureCondition{working, {day, adult, old}};
    if (filter == "persons.employed")
      return FigureCondition{fmt::format("{} AND {}", working, EmployedOnSql("p.id", DateLiteral(as_of))),
                             {day, adult, old}};
    // labor.jobs.<channel> (docs/industry.md "Figures"): a current, not voided job of the channel.
    if (filter.starts_with("persons.job_channel.")) {
      const std::string_view channel = filter.substr(std::string_view("persons.job_channel.").size());
      // jobs.channel's values (0002_jobs.sql; reports::kJobChannels, not includable here).
      constexpr std::string_view kChannels[] = {"workshop", "park", "welfare_post", "enterprise",
                                                "migrant_work", "self_employed", "flexible", "other"};
      if (std::find(std::begin(kChannels), std::end(kChannels), channel) == std::end(kChannels))
        return UnknownFilter(list, filter);
      return FigureCondition{
          fmt::format("{0} AND EXISTS (SELECT 1 FROM jobs ej WHERE ej.person_id = p.id AND ej.channel = '{1}' "
                      "AND ej.started_on <= {2} AND (ej.ended_on IS NULL OR ej.ended_on > {2}) AND "
                      "ej.voided_at IS NULL)",
                      born, channel, DateLiteral(as_of)),
          {day, day}};
    }
    // industry.welfare_posts_held: a current welfare_post job (a post holding makes one in the
    // same transaction and ends it with the holding, docs/industry.md "Posts").
    if (filter == "persons.welfare_post")
      return FigureFilterSql(list, "persons.job_channel.welfare_post", as_of);
    return UnknownFilter(list, filter);
  }
  return UnknownFilter(list, filter);
}

namespace {

// The rows of a small list and the condition of its filter (alias x), before paging.
struct ListSql {
  std::string select;  // columns: id, name, place, note, persons (or NULL), centimu (or NULL)
  std::string where = "?1 = ?1";  // ?1 is as_of (the default selects every row)
  std::optional<sites::SizeClass> size_class;  // sites.size_class.*: filtered by the sites rule
  // The scope clauses (storage/scope_sql.h) in the order their `?`s appear after ?1: the one
  // in `select` (persons of a site within the scope), then the one ANDed to `where`.
  std::vector<ScopeClause> scope;
};

// Below the county the records are those of the actor's scope, as the report counts them
// (reports/report_service.cc: households it covers, the sites it sees, their parks and
// communities; land contracts have no place and are left out).
Result<ListSql> SmallListSql(std::string_view list, std::string_view filter, const AccessScope& scope) {
  ListSql q;
  const ScopeClause households = HouseholdScopeSql(scope);
  if (list == "sites") {
    // Persons of the site on as_of within the scope, as the report counts them (persons.total
    // by site, which gives the size class).
    q.select = fmt::format(
        "SELECT x.id, x.name, COALESCE(d.name, ''), x.mode, (SELECT count(*) FROM {} h "
        "JOIN origin_villages o ON o.id = h.origin_village_id "
        "JOIN {} p ON p.household_id = h.id WHERE h.site_id = x.id AND {}), NULL FROM sites x "
        "LEFT JOIN divisions d ON d.code = x.township_code",
        HouseholdsOnSql("?1"), MembersOnSql("?1"), households.sql);
    q.scope.push_back(households);
    q.scope.push_back(SiteScopeSql(scope, "x.id", "x.township_code"));
    if (filter == "sites.total") {
    } else if (filter == "sites.with_workshop") {
      q.where = "EXISTS (SELECT 1 FROM workshops w WHERE w.site_id = x.id AND (w.opened_on IS NULL "
                 "OR w.opened_on <= ?1))";
    } else if (filter.starts_with("sites.size_class.")) {
      const std::string_view id = filter.substr(std::string_view("sites.size_class.").size());
      for (auto c : {sites::SizeClass::k3000Plus, sites::SizeClass::k800To2999, sites::SizeClass::kUnder800})
        if (sites::SizeClassName(c) == id) q.size_class = c;
      if (!q.size_class) return UnknownFilter(list, filter);
      // The class is a fact of the site: of all its persons on as_of, whatever the scope (as the
      // report's ClassifySites); the list still shows the persons within the scope.
      const std::string tail = ", NULL FROM sites x";
      q.select.replace(q.select.find(tail), tail.size(),
                       fmt::format(", NULL, (SELECT count(*) FROM {} h JOIN {} p ON p.household_id = h.id "
                                   "WHERE h.site_id = x.id) FROM sites x",
                                   HouseholdsOnSql("?1"), MembersOnSql("?1")));
    } else {
      return UnknownFilter(list, filter);
    }
  } else if (list == "origin_villages") {
    q.select =
        "SELECT x.id, x.name, COALESCE(d.name, ''), x.relocation_type, NULL, NULL FROM origin_villages x "
        "LEFT JOIN divisions d ON d.code = x.township_code";
    const char* type = filter == "origin_villages.whole_village" ? "whole_village"
                       : filter == "origin_villages.scattered"   ? "scattered"
                                                                 : nullptr;
    if (!type) return UnknownFilter(list, filter);
    q.where = fmt::format("x.relocation_type = '{}' AND EXISTS (SELECT 1 FROM {} h "
                           "JOIN origin_villages o ON o.id = h.origin_village_id WHERE "
                           "h.origin_village_id = x.id AND {})",
                           type, HouseholdsOnSql("?1"), households.sql);
    q.scope.push_back(households);
  } else if (list == "parks") {
    q.select =
        "SELECT x.id, x.name, s.name, x.status || ' ' || x.kind, NULL, x.area_centimu FROM parks x "
        "JOIN sites s ON s.id = x.site_id";
    if (filter != "parks.total") return UnknownFilter(list, filter);
    q.scope.push_back(SiteScopeSql(scope, "x.site_id", "s.township_code"));
  } else if (list == "land_contracts") {
    q.select =
        "SELECT x.id, x.operator, v.name, x.kind || ' ' || x.start_date || '–' || COALESCE(x.end_date, ''), "
        "NULL, x.area_centimu FROM land_contracts x JOIN origin_villages v ON v.id = x.origin_village_id";
    const char* kind = filter == "land_contracts.custody"         ? "custody"
                       : filter == "land_contracts.land_transfer" ? "land_transfer"
                                                                  : nullptr;
    if (!kind) return UnknownFilter(list, filter);
    q.where = fmt::format("x.kind = '{}' AND x.start_date <= ?1 AND (x.end_date IS NULL OR "
                           "x.end_date >= ?1)", kind);
    if (scope.level != AccessScope::Level::kCounty) q.scope.push_back({"1 = 0", {}});
  } else if (list == "certificates") {
    // industry.certificates_issued (docs/industry.md "Training"): not voided, issued by as_of,
    // the holder's household counted on as_of (within the scope).
    q.select =
        "SELECT x.id, p.name, COALESCE(s.name, ''), x.kind || ' ' || x.occupation || ' ' || x.issued_on, NULL, NULL "
        "FROM training_certificates x JOIN persons p ON p.id = x.person_id JOIN households hh ON hh.id = "
        "p.household_id LEFT JOIN sites s ON s.id = hh.site_id";
    std::string kind_sql;
    if (filter.starts_with("certificates.kind.")) {
      const std::string_view kind = filter.substr(std::string_view("certificates.kind.").size());
      if (std::find_if(reports::kCertificateKinds.begin(), reports::kCertificateKinds.end(),
                       [&](const char* k) { return kind == k; }) == reports::kCertificateKinds.end())
        return UnknownFilter(list, filter);
      kind_sql = fmt::format(" AND x.kind = '{}'", kind);
    } else if (filter != "certificates.issued") {
      return UnknownFilter(list, filter);
    }
    q.where = fmt::format("x.voided_at IS NULL AND x.issued_on <= ?1{} AND EXISTS (SELECT 1 FROM {} h "
                          "JOIN origin_villages o ON o.id = h.origin_village_id WHERE h.id = p.household_id AND {})",
                          kind_sql, HouseholdsOnSql("?1"), households.sql);
    q.scope.push_back(households);
  } else if (list == "communities") {
    q.select =
        "SELECT x.id, x.name, s.name, COALESCE(x.party_branch_founded, ''), NULL, NULL FROM communities x "
        "JOIN sites s ON s.id = x.site_id";
    if (filter == "communities.party_branch")
      q.where = "x.party_branch_founded IS NOT NULL AND x.party_branch_founded <= ?1";
    else if (filter == "communities.party_organisation")
      q.where = "x.party_organisation <> 0 AND ?1 = ?1";
    else
      return UnknownFilter(list, filter);
    q.scope.push_back(SiteScopeSql(scope, "x.site_id", "s.township_code"));
  } else {
    return InvalidArgument(
        fmt::format("the records of a {} figure are listed by GET /api/v1/{}?figure=<key>", list, list),
        "figure", std::string(filter.substr(0, 60)),
        fmt::format("{}类指标的明细请用 GET /api/v1/{}?figure=<指标>", list, list));
  }
  return q;
}

}  // namespace

Result<FigureRecordsPage> ListFigureRecords(Database& db, const reports::FigureRecords& records,
                                            Date as_of, const PageRequest& page,
                                            const AccessScope& scope) {
  ANJU_TRY(q, SmallListSql(records.list, records.filter, scope));
  // The last scope clause filters the rows (ANDed to where); one in `select` comes first.
  const bool where_scope =
      !q.scope.empty() && !(records.list == "origin_villages") && !(records.list == "certificates");
  ANJU_TRY(st, db.Prepare(fmt::format("{} WHERE {}{}{} ORDER BY x.id", q.select, q.where,
                                      where_scope ? " AND " : "",
                                      where_scope ? q.scope.back().sql : "")));
  st.Bind(1, FormatIsoDate(as_of));  // ?1 = as_of in every list's SQL
  int next = 2;
  for (const ScopeClause& c : q.scope) next = BindScope(st, c, next);
  const int64_t after = page.cursor.empty() ? 0 : std::atoll(page.cursor.c_str());
  const int limit = page.ClampedLimit();
  FigureRecordsPage out;
  for (;;) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    FigureRecord r;
    r.id = st.ColumnInt(0);
    r.name = st.ColumnText(1);
    r.place = st.ColumnText(2);
    r.note = st.ColumnText(3);
    r.persons = st.ColumnOptionalInt(4);
    r.centimu = st.ColumnOptionalInt(5);
    if (q.size_class) {  // column 6: the site's persons whatever the scope (SmallListSql)
      const auto all = st.ColumnOptionalInt(6);
      if (!all || sites::SizeClassFor(*all) != *q.size_class) continue;
    }
    ++out.total;
    if (records.list == "land_contracts") out.sum_centimu = out.sum_centimu.value_or(0) + r.centimu.value_or(0);
    if (r.id <= after) continue;
    if (static_cast<int>(out.page.items.size()) == limit) {
      if (out.page.next_cursor.empty()) out.page.next_cursor = std::to_string(out.page.items.back().id);
      continue;
    }
    out.page.items.push_back(std::move(r));
  }
  out.page.total = out.total;
  return out;
}

}  // namespace anju::storage
