// The industry demo's posts (storage/industry_demo.h): the post kinds catalogue (the article's
// four and two others; monthly pay a setting-like catalogue value, programme-facts §2 unverified
// for 吕梁), one holding for each demo job of channel welfare_post (linked by
// jobs.post_holding_id; the job keeps its start and ends with the contract, after the statistics
// day, so the report's figures do not move), a quota
// per site and kind of the holdings current on the statistics day plus 2, and the three months
// before the statistics day of attendance for the current holdings. Set-based SQL: the demo
// scale reaches millions of persons.
#include <fmt/format.h>

#include "core/try.h"
#include "industry/storage/industry_demo.h"

namespace anju::storage {

Status AddDemoPosts(Connection& db, uint64_t, Date statistics_date, IndustryDemoSummary& sum) {
  const std::string d = FormatIsoDate(statistics_date);
  ANJU_CHECK(db.Exec(
      "INSERT INTO post_kinds (name, level, funding, monthly_subsidy_fen, note) VALUES "
      "('巡河员','village','乡村振兴衔接资金',50000,'demo'),"
      "('护林员','department','中央财政生态护林员补助',60000,'demo'),"
      "('保洁员','village','乡村振兴衔接资金',50000,'demo'),"
      "('公路养护员','township','县交通运输局',55000,'demo'),"
      "('安置点物业服务员','township','县人社局就业补助资金',80000,'demo'),"
      "('公共服务协管员','township','县人社局就业补助资金',70000,'demo')"));
  // One holding per welfare_post job: kind by the job's id (the four article kinds), site of the
  // person's household, contract from the job's start to its end or the first anniversary after
  // the statistics day, 公示 the 10th to the 3rd day before (7 days).
  ANJU_TRY(ins, db.Prepare(
      "INSERT INTO post_holdings (id, person_id, kind_id, site_id, contract_from, contract_until, publicity_from, "
      "publicity_until, monthly_subsidy_fen, note, recorded_by, recorded_at) "
      "SELECT j.id, j.person_id, (SELECT id FROM post_kinds WHERE name = "
      "  CASE j.id % 4 WHEN 0 THEN '巡河员' WHEN 1 THEN '护林员' WHEN 2 THEN '保洁员' ELSE '公路养护员' END), "
      "  h.site_id, j.started_on, "
      "  coalesce(j.ended_on, CASE WHEN date(j.started_on, '+1 year') > ?1 THEN date(j.started_on, '+1 year') "
      "    ELSE date(j.started_on, printf('+%d years', CAST(substr(?1, 1, 4) AS INTEGER) - CAST(substr(j.started_on, 1, 4) AS INTEGER) + 1)) END), "
      "  date(j.started_on, '-10 days'), date(j.started_on, '-3 days'), coalesce(j.monthly_income_fen, 50000), "
      "  'demo', 'demo', '2024-01-01T00:00:00Z' "
      "FROM jobs j JOIN persons p ON p.id = j.person_id JOIN households h ON h.id = p.household_id "
      "WHERE j.channel = 'welfare_post' AND j.voided_at IS NULL AND j.post_holding_id IS NULL"));
  ins.Bind(1, d);
  ANJU_CHECK(ins.Run());
  ANJU_CHECK(db.Exec(
      "UPDATE jobs SET post_holding_id = id WHERE channel = 'welfare_post' AND voided_at IS NULL "
      "AND post_holding_id IS NULL AND id IN (SELECT id FROM post_holdings)"));
  // The job follows its holding (as the posts area keeps them): employer = the kind, and a job
  // without an end ends with the contract (after the statistics day, so its figures stay).
  ANJU_CHECK(db.Exec(
      "UPDATE jobs SET employer = (SELECT k.name FROM post_holdings ph JOIN post_kinds k ON k.id = ph.kind_id "
      "WHERE ph.id = jobs.post_holding_id), ended_on = coalesce(ended_on, (SELECT ph.contract_until FROM "
      "post_holdings ph WHERE ph.id = jobs.post_holding_id)), end_reason = CASE WHEN ended_on IS NULL THEN "
      "'合同期满' ELSE end_reason END WHERE post_holding_id IS NOT NULL"));
  ANJU_TRY(quota, db.Prepare(
      "INSERT INTO post_quotas (site_id, kind_id, quota, valid_from, note) "
      "SELECT s.id, k.id, (SELECT count(*) FROM post_holdings ph WHERE ph.site_id = s.id AND ph.kind_id = k.id "
      "  AND ph.contract_from <= ?1 AND ph.contract_until > ?1) + 2, '2016-01-01', 'demo' "
      "FROM sites s CROSS JOIN post_kinds k WHERE k.note = 'demo'"));
  quota.Bind(1, d);
  ANJU_CHECK(quota.Run());
  // Attendance: the three months before the statistics day's month, for holdings current then.
  for (int back = 1; back <= 3; ++back) {
    const std::chrono::year_month ym =
        statistics_date.year() / statistics_date.month() - std::chrono::months{back};
    const std::string m = FormatIsoDate(Date{ym / std::chrono::day{1}}).substr(0, 7);
    ANJU_TRY(att, db.Prepare(
        "INSERT INTO post_months (holding_id, month, days_worked, assessment, paid_fen, recorded_by, recorded_at) "
        "SELECT id, ?1, 18 + id % 5, CASE id % 10 WHEN 0 THEN 'excellent' WHEN 7 THEN 'fail' ELSE 'pass' END, "
        "  CASE id % 10 WHEN 7 THEN monthly_subsidy_fen / 2 ELSE monthly_subsidy_fen END, 'demo', '2024-01-01T00:00:00Z' "
        "FROM post_holdings WHERE contract_from <= ?2 AND contract_until > ?2"));
    att.Bind(1, m).Bind(2, m + "-01");
    ANJU_CHECK(att.Run());
  }
  ANJU_TRY(n, db.Prepare("SELECT count(*) FROM post_holdings"));
  ANJU_CHECK(n.Step());
  sum.post_holdings = n.ColumnInt(0);
  return {};
}

}  // namespace anju::storage
