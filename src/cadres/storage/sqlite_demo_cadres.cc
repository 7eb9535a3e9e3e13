#include "cadres/storage/sqlite_demo_cadres.h"

#include <fmt/format.h>

#include <array>
#include <string>
#include <vector>

#include "core/try.h"
#include "storage/audit_log.h"

namespace anju::storage {

Result<int64_t> AddDemoCadres(Database& db, const Actor& actor) {
  {
    ANJU_TRY(st, db.Prepare("SELECT count(*) FROM cadres"));
    ANJU_CHECK(st.Step());
    if (st.ColumnInt(0) > 0) return int64_t{0};
  }
  // Current households of the first three sites that have any, in id order, with the day they
  // can be assigned from.
  struct H {
    int64_t id;
    std::string from;
  };
  std::vector<H> households;
  {
    ANJU_TRY(st, db.Prepare(
                     "SELECT h.id, CASE WHEN h.formed_on IS NOT NULL AND h.formed_on > h.move_in_date "
                     "THEN h.formed_on ELSE h.move_in_date END FROM households h "
                     "WHERE h.ended_on IS NULL AND h.site_id IN (SELECT DISTINCT site_id FROM households "
                     "ORDER BY site_id LIMIT 3) ORDER BY h.id LIMIT 150"));
    while (true) {
      ANJU_TRY(row, st.Step());
      if (!row) break;
      households.push_back({st.ColumnInt(0), st.ColumnText(1)});
    }
  }
  if (households.empty()) return int64_t{0};
  static constexpr std::array kSurnames = {"赵", "钱", "孙", "周", "吴", "郑", "冯", "陈", "褚", "卫", "蒋", "沈"};
  static constexpr std::array kGiven = {"建华", "红梅", "志强", "晓东", "丽娟", "国平", "海燕", "文斌", "秀英", "永胜"};
  static constexpr std::array kUnits = {"临县农业农村局", "临县人力资源和社会保障局", "临泉镇人民政府",
                                        "临县教育局", "临县乡村振兴局"};
  static constexpr std::array kTitles = {"科员", "副主任", "干部", "股长"};
  ANJU_TRY(tx, Transaction::Begin(db));
  const std::string now = UtcTimestampNow();
  int64_t cadres = 0, assigned = 0, cadre_id = 0;
  for (size_t i = 0; i < households.size(); ++i) {
    if (i % 5 == 0) {
      const size_t k = i / 5;
      ANJU_TRY(ins, db.Prepare("INSERT INTO cadres (name, unit, title, phone, note, created_at) "
                               "VALUES (?, ?, ?, ?, '演示数据（虚构）', ?) RETURNING id"));
      ins.Bind(1, std::string(kSurnames[k % kSurnames.size()]) + kGiven[(k / kSurnames.size() + k) % kGiven.size()])
          .Bind(2, kUnits[k % kUnits.size()])
          .Bind(3, kTitles[k % kTitles.size()])
          .Bind(4, fmt::format("1390000{:04d}", k % 10000))
          .Bind(5, now);
      ANJU_TRY(id, ins.RunReturningId());
      cadre_id = id;
      ++cadres;
    }
    ANJU_TRY(a, db.Prepare("INSERT INTO cadre_assignments (household_id, cadre_id, from_date, reason, recorded_by, "
                           "recorded_at) VALUES (?, ?, ?, '结对帮扶（演示）', 'demo', ?)"));
    a.Bind(1, households[i].id).Bind(2, cadre_id).Bind(3, households[i].from).Bind(4, now);
    ANJU_CHECK(a.Run());
    ++assigned;
  }
  ANJU_CHECK(AppendAudit(db, actor,
                         AuditEntry{"demo", "cadre_assignment", "",
                                    fmt::format(R"({{"cadres":[null,{}],"assignments":[null,{}]}})", cadres, assigned),
                                    "demo cadres"}));
  ANJU_CHECK(tx.Commit());
  return cadres;
}

}  // namespace anju::storage
