#include "importer/storage/sqlite_table_repository.h"

#include <fmt/format.h>

#include "core/try.h"
#include "storage/audit_log.h"

namespace anju::storage {

using importer::ColumnType;
using importer::TableRow;
using importer::TableSpec;
using importer::TableValue;

namespace {

// Integer-stored types (kInt, kMu, kMoneyFen, kBool, kSite); the others are text.
bool IntegerColumn(ColumnType t) {
  return t == ColumnType::kInt || t == ColumnType::kMu || t == ColumnType::kMoneyFen || t == ColumnType::kBool ||
         t == ColumnType::kSite;
}

void BindValue(Statement& st, int index, const TableValue& v) {
  if (std::holds_alternative<int64_t>(v)) st.Bind(index, std::get<int64_t>(v));
  else if (std::holds_alternative<std::string>(v)) st.Bind(index, std::get<std::string>(v));
  else st.BindNull(index);
}

// "c1, c2, …" of every spec column (identifiers checked by TableSpec::Validate).
std::string ColumnList(const TableSpec& spec) {
  std::string o;
  for (const auto& c : spec.columns) o += (o.empty() ? "" : ", ") + c.name;
  return o;
}

// Reads the spec's columns from result columns `first`, `first + 1`, ….
TableRow ReadRow(const TableSpec& spec, const Statement& st, int first) {
  TableRow row;
  for (size_t i = 0; i < spec.columns.size(); ++i) {
    const int col = first + static_cast<int>(i);
    if (st.ColumnIsNull(col)) row.emplace_back();
    else if (IntegerColumn(spec.columns[i].type)) row.emplace_back(st.ColumnInt(col));
    else row.emplace_back(st.ColumnText(col));
  }
  return row;
}

}  // namespace

Status SqliteTableRepository::Checked(const TableSpec& spec) {
  if (&spec == validated_) return {};
  ANJU_CHECK(spec.Validate());
  validated_ = &spec;
  return {};
}

Result<std::vector<importer::SiteName>> SqliteTableRepository::LoadSites() {
  // Names before aliases: the export writes a site's first entry.
  ANJU_TRY(st, db_.Prepare("SELECT 0, id, name, township_code FROM sites UNION ALL "
                           "SELECT 1, a.site_id, a.alias, s.township_code FROM site_aliases a JOIN sites s ON s.id = a.site_id "
                           "ORDER BY 1, 2"));
  std::vector<importer::SiteName> out;
  while (true) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    out.push_back({st.ColumnInt(1), st.ColumnText(2), st.ColumnText(3)});
  }
  return out;
}

Status SqliteTableRepository::Begin() {
  ANJU_TRY(tx, Transaction::Begin(db_));
  tx_.emplace(std::move(tx));
  return {};
}

Result<std::optional<importer::TableRepository::Stored>> SqliteTableRepository::FindByKey(
    const TableSpec& spec, const std::vector<TableValue>& key) {
  ANJU_CHECK(Checked(spec));
  std::string where;
  for (const auto& k : spec.key) where += fmt::format("{}{} = ?", where.empty() ? "" : " AND ", k);
  ANJU_TRY(st, db_.Prepare(fmt::format("SELECT id, {} FROM {} WHERE {} ORDER BY id LIMIT 2", ColumnList(spec), spec.table, where)));
  for (size_t i = 0; i < key.size(); ++i) BindValue(st, static_cast<int>(i) + 1, key[i]);
  ANJU_TRY(row, st.Step());
  if (!row) return std::optional<Stored>{};
  Stored s{st.ColumnInt(0), ReadRow(spec, st, 1)};
  ANJU_TRY(second, st.Step());
  if (second)
    return Conflict(fmt::format("{} rows {} and {} already share this key; correct the table first", spec.table, s.id,
                                st.ColumnInt(0)),
                    spec.key.back(), "", "表中已有两行使用同一关键字，请先更正");
  return std::optional<Stored>{std::move(s)};
}

Result<int64_t> SqliteTableRepository::Insert(const TableSpec& spec, const TableRow& values, const std::vector<bool>& present) {
  ANJU_CHECK(Checked(spec));
  std::string cols, marks;
  for (size_t i = 0; i < spec.columns.size(); ++i)
    if (present[i]) {
      cols += (cols.empty() ? "" : ", ") + spec.columns[i].name;
      marks += marks.empty() ? "?" : ", ?";
    }
  ANJU_TRY(st, db_.Prepare(fmt::format("INSERT INTO {} ({}) VALUES ({}) RETURNING id", spec.table, cols, marks)));
  int n = 0;
  for (size_t i = 0; i < spec.columns.size(); ++i)
    if (present[i]) BindValue(st, ++n, values[i]);
  ANJU_TRY(row, st.Step());
  if (!row) return Internal(fmt::format("INSERT INTO {} returned no id", spec.table));
  const int64_t id = st.ColumnInt(0);
  st.Reset();
  return id;
}

Status SqliteTableRepository::Update(const TableSpec& spec, int64_t id, const TableRow& values,
                                     const std::vector<bool>& present) {
  ANJU_CHECK(Checked(spec));
  std::string set;
  for (size_t i = 0; i < spec.columns.size(); ++i)
    if (present[i]) set += fmt::format("{}{} = ?", set.empty() ? "" : ", ", spec.columns[i].name);
  ANJU_TRY(st, db_.Prepare(fmt::format("UPDATE {} SET {} WHERE id = ?", spec.table, set)));
  int n = 0;
  for (size_t i = 0; i < spec.columns.size(); ++i)
    if (present[i]) BindValue(st, ++n, values[i]);
  st.Bind(n + 1, id);
  return st.Run();
}

Status SqliteTableRepository::Audit(const Actor& actor, const AuditEntry& entry) { return AppendAudit(db_, actor, entry); }

Status SqliteTableRepository::Commit() {
  if (!tx_) return Internal("commit without a transaction");
  ANJU_CHECK(tx_->Commit());
  tx_.reset();
  return {};
}

void SqliteTableRepository::Rollback() { tx_.reset(); }

Status SqliteTableRepository::ForEachRow(const TableSpec& spec,
                                         const std::function<Status(int64_t id, const TableRow&)>& fn) {
  ANJU_CHECK(Checked(spec));
  ANJU_TRY(st, db_.Prepare(fmt::format("SELECT id, {} FROM {} ORDER BY id", ColumnList(spec), spec.table)));
  while (true) {
    ANJU_TRY(row, st.Step());
    if (!row) return {};
    ANJU_CHECK(fn(st.ColumnInt(0), ReadRow(spec, st, 1)));
  }
}

}  // namespace anju::storage
