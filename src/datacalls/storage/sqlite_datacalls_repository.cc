// The data calls' SQL. See sqlite_datacalls_repository.h.
#include "datacalls/storage/sqlite_datacalls_repository.h"

#include "casework/storage/sqlite_casework.h"
#include "core/try.h"
#include "storage/audit_log.h"

namespace anju::datacalls {

using nlohmann::json;

SqliteDataCallRepository::SqliteDataCallRepository(storage::Connection& db, std::optional<Date> today)
    : db_(db), cases_(casework::MakeCaseService(db, today)) {}

DataCallService MakeDataCallService(storage::Connection& db, std::optional<Date> today) {
  return DataCallService(std::make_unique<SqliteDataCallRepository>(db, today), today.value_or(TodayInChina()));
}

Status SqliteDataCallRepository::Atomically(const std::function<Status()>& body) {
  if (db_.InTransaction()) return body();
  ANJU_TRY(tx, storage::Transaction::Begin(db_));
  ANJU_CHECK(body());
  return tx.Commit();
}

Result<std::vector<Addressee>> SqliteDataCallRepository::Townships() {
  ANJU_TRY(st, db_.Prepare("SELECT code, name FROM divisions WHERE level = 'township' ORDER BY code"));
  std::vector<Addressee> out;
  for (;;) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    out.push_back({st.ColumnText(0), std::nullopt, st.ColumnText(1)});
  }
  return out;
}

Result<std::optional<Addressee>> SqliteDataCallRepository::Site(int64_t id) {
  ANJU_TRY(st, db_.Prepare("SELECT township_code, name FROM sites WHERE id = ?"));
  st.Bind(1, id);
  ANJU_TRY(row, st.Step());
  if (!row) return std::optional<Addressee>{};
  return std::optional<Addressee>{Addressee{st.ColumnText(0), id, st.ColumnText(1)}};
}

Result<int64_t> SqliteDataCallRepository::InsertCall(const Call& c) {
  ANJU_TRY(st, db_.Prepare("INSERT INTO data_calls (title, instructions, due_on, columns, created_by, created_at) "
                           "VALUES (?, ?, ?, ?, ?, ?) RETURNING id"));
  st.Bind(1, c.title).Bind(2, c.instructions).Bind(3, FormatIsoDate(c.due_on)).Bind(4, ColumnsToJson(c.columns).dump());
  st.Bind(5, c.created_by).Bind(6, storage::UtcTimestampNow());
  return st.RunReturningId();
}

Result<int64_t> SqliteDataCallRepository::InsertRecipient(int64_t call_id, const Addressee& a) {
  ANJU_TRY(st, db_.Prepare("INSERT INTO data_call_recipients (call_id, level, township_code, site_id) VALUES (?, ?, ?, ?) RETURNING id"));
  st.Bind(1, call_id).Bind(2, a.site_id ? "site" : "township").Bind(3, a.township_code).Bind(4, a.site_id);
  return st.RunReturningId();
}

Status SqliteDataCallRepository::SetRecipientCase(int64_t recipient_id, int64_t case_id) {
  ANJU_TRY(st, db_.Prepare("UPDATE data_call_recipients SET case_id = ? WHERE id = ?"));
  st.Bind(1, case_id).Bind(2, recipient_id);
  return st.Run();
}

namespace {

constexpr std::string_view kCallColumns = "id, title, instructions, due_on, columns, created_by, created_at, closed_on";

Result<Call> ReadCall(const storage::Statement& st) {
  Call c;
  c.id = st.ColumnInt(0);
  c.title = st.ColumnText(1);
  c.instructions = st.ColumnText(2);
  ANJU_TRY(due, ParseIsoDate(st.ColumnText(3), "due_on"));
  c.due_on = due;
  json cols = json::parse(st.ColumnText(4), nullptr, false);
  ANJU_TRY(columns, ColumnsFromJson(cols));
  c.columns = std::move(columns);
  c.created_by = st.ColumnInt(5);
  c.created_at = st.ColumnText(6);
  if (auto closed = st.ColumnOptionalText(7)) {
    ANJU_TRY(d, ParseIsoDate(*closed, "closed_on"));
    c.closed_on = d;
  }
  return c;
}

}  // namespace

Result<std::optional<Call>> SqliteDataCallRepository::FindCall(int64_t id) {
  ANJU_TRY(st, db_.Prepare(std::string("SELECT ") + std::string(kCallColumns) + " FROM data_calls WHERE id = ?"));
  st.Bind(1, id);
  ANJU_TRY(row, st.Step());
  if (!row) return std::optional<Call>{};
  ANJU_TRY(c, ReadCall(st));
  return std::optional<Call>{std::move(c)};
}

Result<std::vector<Call>> SqliteDataCallRepository::Calls() {
  ANJU_TRY(st, db_.Prepare(std::string("SELECT ") + std::string(kCallColumns) + " FROM data_calls ORDER BY id DESC"));
  std::vector<Call> out;
  for (;;) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    ANJU_TRY(c, ReadCall(st));
    out.push_back(std::move(c));
  }
  return out;
}

Result<std::vector<Recipient>> SqliteDataCallRepository::Recipients(int64_t call_id, Date) {
  ANJU_TRY(st, db_.Prepare(
                   "SELECT r.id, r.call_id, r.level, r.township_code, r.site_id, COALESCE(s.name, d.name, r.township_code), "
                   "r.status, r.submitted_at, r.submitted_by, r.case_id, c.state, c.holder_level, c.due_on, "
                   "c.escalation_level, c.version, "
                   "(SELECT COUNT(*) FROM data_call_rows w WHERE w.recipient_id = r.id), "
                   "(SELECT t.note FROM case_transitions t WHERE t.case_id = r.case_id AND t.transition = 'return' "
                   " ORDER BY t.id DESC LIMIT 1), c.supervising_level "
                   "FROM data_call_recipients r "
                   "LEFT JOIN sites s ON s.id = r.site_id "
                   "LEFT JOIN divisions d ON d.code = r.township_code "
                   "LEFT JOIN cases c ON c.id = r.case_id "
                   "WHERE r.call_id = ? ORDER BY r.level DESC, r.township_code, r.site_id, r.id"));
  st.Bind(1, call_id);
  std::vector<Recipient> out;
  for (;;) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    Recipient r;
    r.id = st.ColumnInt(0);
    r.call_id = st.ColumnInt(1);
    r.level = st.ColumnText(2);
    r.township_code = st.ColumnText(3);
    r.site_id = st.ColumnOptionalInt(4);
    r.name = st.ColumnText(5);
    r.status = st.ColumnText(6);
    r.submitted_at = st.ColumnOptionalText(7).value_or("");
    r.submitted_by = st.ColumnOptionalInt(8);
    r.case_id = st.ColumnOptionalInt(9);
    r.case_state = st.ColumnOptionalText(10).value_or("");
    r.holder_level = st.ColumnOptionalText(11).value_or("");
    if (auto due = st.ColumnOptionalText(12)) {
      ANJU_TRY(d, ParseIsoDate(*due, "due_on"));
      r.due_on = d;
    }
    r.escalation_level = static_cast<int>(st.ColumnOptionalInt(13).value_or(0));
    r.case_version = st.ColumnOptionalInt(14).value_or(0);
    r.rows = st.ColumnInt(15);
    r.return_note = st.ColumnOptionalText(16).value_or("");
    r.supervising_level = st.ColumnOptionalText(17).value_or("");
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::vector<Row>> SqliteDataCallRepository::Rows(int64_t recipient_id) {
  ANJU_TRY(st, db_.Prepare("SELECT row_values FROM data_call_rows WHERE recipient_id = ? ORDER BY row_no"));
  st.Bind(1, recipient_id);
  std::vector<Row> out;
  for (;;) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    out.push_back(json::parse(st.ColumnText(0), nullptr, false));
  }
  return out;
}

Status SqliteDataCallRepository::ReplaceRows(int64_t recipient_id, const std::vector<Row>& rows, int64_t user_id) {
  ANJU_TRY(del, db_.Prepare("DELETE FROM data_call_rows WHERE recipient_id = ?"));
  del.Bind(1, recipient_id);
  ANJU_CHECK(del.Run());
  ANJU_TRY(ins, db_.Prepare("INSERT INTO data_call_rows (recipient_id, row_no, row_values, saved_at, saved_by) VALUES (?, ?, ?, ?, ?)"));
  const std::string now = storage::UtcTimestampNow();
  for (size_t i = 0; i < rows.size(); ++i) {
    ins.Bind(1, recipient_id).Bind(2, static_cast<int64_t>(i + 1)).Bind(3, rows[i].dump()).Bind(4, now).Bind(5, user_id);
    ANJU_CHECK(ins.Run());
  }
  return {};
}

Status SqliteDataCallRepository::SetStatus(int64_t recipient_id, std::string_view status, std::optional<int64_t> submitted_by) {
  if (submitted_by) {
    ANJU_TRY(st, db_.Prepare("UPDATE data_call_recipients SET status = ?, submitted_at = ?, submitted_by = ? WHERE id = ?"));
    st.Bind(1, status).Bind(2, storage::UtcTimestampNow()).Bind(3, *submitted_by).Bind(4, recipient_id);
    return st.Run();
  }
  ANJU_TRY(st, db_.Prepare("UPDATE data_call_recipients SET status = ? WHERE id = ?"));
  st.Bind(1, status).Bind(2, recipient_id);
  return st.Run();
}

Status SqliteDataCallRepository::CloseCall(int64_t call_id, Date on, int64_t user_id) {
  ANJU_TRY(st, db_.Prepare("UPDATE data_calls SET closed_on = ?, closed_by = ? WHERE id = ? AND closed_on IS NULL"));
  st.Bind(1, FormatIsoDate(on)).Bind(2, user_id).Bind(3, call_id);
  return st.Run();
}

Status SqliteDataCallRepository::Audit(const Actor& actor, const AuditEntry& entry) {
  return storage::AppendAudit(db_, actor, entry);
}

Status SqliteDataCallRepository::NotifyScope(AccessScope::Level level, const Place& place, const casework::NewNotification& n) {
  ANJU_TRY(ids, casework::NotifyScope(db_, level, place, n));
  (void)ids;
  return {};
}

}  // namespace anju::datacalls
