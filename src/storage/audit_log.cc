#include "storage/audit_log.h"

#include <fmt/format.h>

#include <charconv>
#include <chrono>

#include "core/sha256.h"
#include "storage/audit_witness.h"

namespace anju::storage {

static const std::string kZeroHash(64, '0');

std::string AuditHash(std::string_view prev_hash, int64_t seq, std::string_view at,
                      std::string_view user_id, std::string_view username, std::string_view role,
                      std::string_view client, std::string_view action, std::string_view entity,
                      std::string_view entity_id, std::string_view changes,
                      std::string_view source) {
  // One buffer per thread, reused: an import hashes an entry per created row.
  thread_local std::string buf;
  buf.clear();
  char num[24];
  auto add_num = [&](uint64_t n) {
    auto r = std::to_chars(num, num + sizeof num, n);
    buf.append(num, r.ptr);
  };
  auto add = [&](std::string_view s) {
    add_num(s.size());
    buf += ':';
    buf += s;
  };
  add(prev_hash);
  char seq_text[24];
  auto r = std::to_chars(seq_text, seq_text + sizeof seq_text, seq);  // as std::to_string(seq)
  add(std::string_view(seq_text, static_cast<size_t>(r.ptr - seq_text)));
  for (std::string_view s :
       {at, user_id, username, role, client, action, entity, entity_id, changes, source})
    add(s);
  return Sha256Hex(buf);
}

static std::string NowUtc() {
  using namespace std::chrono;
  auto now = system_clock::now();
  auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
  auto secs = floor<seconds>(now);
  auto day = floor<days>(secs);
  year_month_day ymd{day};
  hh_mm_ss hms{secs - day};
  return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}.{:03d}Z",
                     static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()), hms.hours().count(),
                     hms.minutes().count(), hms.seconds().count(), ms);
}

Status AppendAudit(Connection& db, const Actor& actor, const AuditEntry& e) {
  auto last = db.Prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
  if (!last) return std::unexpected(last.error());
  int64_t seq = 1;
  std::string prev = kZeroHash;
  auto row = last->Step();
  if (!row) return std::unexpected(row.error());
  if (*row) {
    seq = last->ColumnInt(0) + 1;
    prev = last->ColumnText(1);
  }
  std::string at = NowUtc();
  std::string uid = actor.user_id ? std::to_string(actor.user_id) : "";
  std::string role(RoleName(actor.role));
  std::string changes = e.changes.empty() ? "{}" : e.changes;
  std::string hash = AuditHash(prev, seq, at, uid, actor.username, role, actor.client, e.action,
                               e.entity, e.entity_id, changes, e.source);
  auto ins = db.Prepare(
      "INSERT INTO audit_log (seq, at, user_id, username, role, client, action, entity, "
      "entity_id, changes, source, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
  if (!ins) return std::unexpected(ins.error());
  ins->Bind(1, seq).Bind(2, at);
  if (actor.user_id) ins->Bind(3, actor.user_id); else ins->BindNull(3);
  ins->Bind(4, actor.username).Bind(5, role).Bind(6, actor.client).Bind(7, e.action)
      .Bind(8, e.entity).Bind(9, e.entity_id).Bind(10, changes).Bind(11, e.source)
      .Bind(12, prev).Bind(13, hash);
  if (auto s = ins->Run(); !s) return s;
  db.NoteAuditAppended();  // the witness follows after the commit (audit_witness.h)
  return {};
}

namespace {

// Compares the end of an intact chain (last_seq, hashes) with the witness of the file.
void CheckWitness(const std::string& db_path, int64_t last_seq, std::string_view witnessed_hash,
                  const std::optional<AuditWitness>& w, AuditVerification& v) {
  const std::string path = AuditWitnessPath(db_path);
  if (!w) {
    v.warning = fmt::format(
        "no audit witness {}: entries removed from the end of the trail cannot be detected. "
        "It is written at the next change; if this database was copied, copy its .audit-witness "
        "with it",
        path);
    v.warning_zh = fmt::format("缺少审计见证文件 {}：无法发现末尾被删除的日志。下次修改时会写入；"
                               "复制数据库时请一并复制 .audit-witness 文件",
                               path);
    return;
  }
  v.witness_at = w->at;
  if (w->seq > last_seq) {
    v.missing_at_end = w->seq - last_seq;
    v.first_bad_seq = last_seq + 1;
    v.reason = fmt::format(
        "{} missing at the end since {} ({}): the table ends at entry {}, the witness {} names "
        "entry {}",
        v.missing_at_end == 1 ? std::string("1 entry") : fmt::format("{} entries", v.missing_at_end),
        v.witness_at.empty() ? "?" : v.witness_at,
        v.missing_at_end == 1 ? fmt::format("entry {}", w->seq) : fmt::format("entries {}-{}", last_seq + 1, w->seq),
        last_seq, path, w->seq);
    v.reason_zh = fmt::format("审计日志末尾缺少 {} 条（第 {}–{} 条，最新一条写于 {}）",
                              v.missing_at_end, last_seq + 1, w->seq, w->at);
    return;
  }
  if (witnessed_hash != w->hash) {
    v.first_bad_seq = w->seq;
    v.reason = fmt::format(
        "entry {} is not the entry the witness {} saw (written {}): newest entries were removed "
        "and written again",
        w->seq, path, w->at);
    v.reason_zh = fmt::format("第 {} 条与审计见证文件不符：末尾日志被删除后重写", w->seq);
  }
}

}  // namespace

Result<AuditVerification> VerifyAuditTrail(Connection& db) {
  // The witness first: a writer advancing it after our read could only name newer entries.
  std::optional<AuditWitness> witness;
  std::string witness_error;
  if (!AuditWitnessPath(db.path()).empty()) {
    auto w = ReadAuditWitness(db.path());
    if (w) witness = *w;
    else witness_error = w.error().message;
  }
  auto st = db.Prepare(
      "SELECT seq, at, coalesce(user_id, ''), username, role, client, action, entity, entity_id, "
      "changes, source, prev_hash, hash FROM audit_log ORDER BY seq");
  if (!st) return std::unexpected(st.error());
  AuditVerification v;
  std::string prev = kZeroHash;
  std::string witnessed_hash;
  int64_t expected_seq = 1;
  while (true) {
    auto row = st->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    int64_t seq = st->ColumnInt(0);
    ++v.entries;
    if (seq != expected_seq) {
      v.first_bad_seq = expected_seq;
      v.reason = fmt::format("entry {} is missing (next entry is {})", expected_seq, seq);
      return v;
    }
    if (st->ColumnText(11) != prev) {
      v.first_bad_seq = seq;
      v.reason = "prev_hash does not match the previous entry (entries removed or reordered)";
      return v;
    }
    std::string want = AuditHash(prev, seq, st->ColumnText(1), st->ColumnText(2),
                                 st->ColumnText(3), st->ColumnText(4), st->ColumnText(5),
                                 st->ColumnText(6), st->ColumnText(7), st->ColumnText(8),
                                 st->ColumnText(9), st->ColumnText(10));
    if (st->ColumnText(12) != want) {
      v.first_bad_seq = seq;
      v.reason = "content does not match its hash (entry edited)";
      return v;
    }
    if (witness && seq == witness->seq) witnessed_hash = want;
    prev = want;
    ++expected_seq;
  }
  if (AuditWitnessPath(db.path()).empty()) return v;
  if (!witness_error.empty()) {
    v.warning = witness_error;
    v.warning_zh = fmt::format("审计见证文件 {} 无法读取或已损坏，无法检查日志末尾",
                               AuditWitnessPath(db.path()));
    return v;
  }
  CheckWitness(db.path(), expected_seq - 1, witnessed_hash, witness, v);
  return v;
}

}  // namespace anju::storage
