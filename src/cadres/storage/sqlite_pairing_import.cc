#include "cadres/storage/sqlite_pairing_import.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>

#include "cadres/cadre_service.h"
#include "cadres/storage/sqlite_cadre_repository.h"
#include "core/resident_id.h"
#include "core/try.h"
#include "importer/clean.h"
#include "storage/audit_log.h"

namespace anju::storage {

namespace {

using importer::ColumnSpec;
using importer::ColumnType;
using importer::TableRow;
using importer::TableValue;

std::string NoSpaces(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ' ' || s[i] == '\t') continue;
    if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xE3 && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        static_cast<unsigned char>(s[i + 2]) == 0x80) {
      i += 2;
      continue;
    }
    out += s[i];
  }
  return out;
}

std::string Text(const TableValue& v) { return std::holds_alternative<std::string>(v) ? std::get<std::string>(v) : ""; }

Error RowError(std::string field, std::string value, std::string en, std::string zh) {
  Error e;
  e.code = ErrorCode::kInvalidArgument;
  e.field = std::move(field);
  e.value = std::move(value);
  e.message = std::move(en);
  e.message_zh = std::move(zh);
  return e;
}

// The service's field names as the roster's columns (a fault lands on the column it is about).
Error AsRowError(Error e, const std::string& key_field) {
  if (e.field.empty() && !e.details.empty()) {
    e.field = e.details[0].field;
    e.value = e.details[0].value;
  }
  if (e.field == "from") e.field = "paired_on";
  else if (e.field == "cadre_id") e.field = "cadre_name";
  else if (e.field == "household_id" || e.field.empty()) e.field = key_field;
  return e;
}

// The row handler (see the header): the generic pipeline calls FindRow for each valid row
// (resolving the household and the cadre: the current pairing, or nullopt) and then Insert (no
// current cadre: assign) or Update (another cadre: reassign) unless the row is unchanged (the
// same cadre already), inside Begin … Commit/Rollback.
class PairingTableRepository : public importer::TableRepository {
 public:
  PairingTableRepository(Connection& db, const Actor& actor, Date today)
      : db_(db), repo_(db), svc_(repo_, [today] { return today; }), actor_(actor), today_(today) {}

  Result<std::vector<importer::SiteName>> LoadSites() override { return std::vector<importer::SiteName>{}; }
  Status Begin() override { return db_.Exec("BEGIN IMMEDIATE"); }
  Result<std::optional<Stored>> FindByKey(const importer::TableSpec&, const std::vector<TableValue>&) override {
    return std::optional<Stored>();
  }
  Result<std::optional<Stored>> FindRow(const importer::TableSpec& spec, const TableRow& v) override {
    pending_.reset();
    auto col = [&](std::string_view name) { return Text(v[static_cast<size_t>(spec.IndexOf(name))]); };
    ANJU_TRY(hh, ResolveHousehold(col("household_no"), col("head_id")));
    if (const std::string head = col("head_name"); !head.empty()) {
      ANJU_TRY(st, db_.Prepare("SELECT name FROM persons WHERE household_id = ? AND relationship = 'head' "
                               "AND member_until IS NULL"));
      st.Bind(1, hh.id);
      ANJU_TRY(row, st.Step());
      if (row && st.ColumnText(0) != head)
        return std::unexpected(RowError(
            "head_name", head,
            fmt::format("户主姓名 {} differs from the register's head of {} ({}); check the row", head, hh.no,
                        st.ColumnText(0)),
            fmt::format("户主姓名 {} 与登记册中该户（{}）户主 {} 不一致，请核对", head, hh.no, st.ColumnText(0))));
    }
    // The same household named by another column in an earlier row (a duplicate the per-column
    // check of the pipeline cannot see).
    if (auto it = seen_.find(hh.id); it != seen_.end())
      return std::unexpected(RowError(
          hh.field, hh.shown,
          fmt::format("household {} is also named by an earlier row of this file (by {}); keep one row per household",
                      hh.no, it->second),
          fmt::format("户 {} 在本文件前面的行中已出现（{}），每户只保留一行", hh.no, it->second)));
    seen_.emplace(hh.id, hh.field == "head_id" ? "户主身份证号 " + hh.shown : "户编号 " + hh.shown);
    // The cadre: by name + phone (created by Insert/Update when new).
    const std::string phone_raw = col("phone");
    std::string phone;
    if (!phone_raw.empty()) {
      auto p = cadres::CleanPhoneText(phone_raw);
      if (!p)
        return std::unexpected(RowError("phone", phone_raw,
                                        fmt::format("联系电话 {} is not a phone number: give 7–12 digits", phone_raw),
                                        fmt::format("联系电话 {} 格式不正确：应为 7–12 位数字", phone_raw)));
      phone = *p;
    }
    ANJU_TRY(found, repo_.FindCadreByNamePhone(col("cadre_name"), phone));
    ANJU_TRY(all, repo_.AssignmentsOfHousehold(hh.id));
    pending_ = Pending{hh.id, hh.field, found ? found->id : 0, phone};
    for (const auto& a : all) {
      if (a.until) continue;
      if (found && a.cadre_id == found->id) return Stored{a.id, v};  // unchanged: already paired so
      // Another cadre now: the stored pairing as the row's columns (a reassignment, "updated").
      Stored s{a.id, v};
      ANJU_TRY(c, repo_.FindCadre(a.cadre_id));
      auto set = [&](std::string_view name, std::string value) { s.values[static_cast<size_t>(spec.IndexOf(name))] = value; };
      set("cadre_name", a.cadre_name);
      set("unit", a.cadre_unit);
      set("phone", a.cadre_phone);
      set("title", c ? c->title : "");
      set("paired_on", FormatIsoDate(a.from));
      return std::optional<Stored>(std::move(s));
    }
    return std::optional<Stored>();
  }
  Result<int64_t> Insert(const importer::TableSpec& spec, const TableRow& v, const std::vector<bool>&) override {
    return Pair(spec, v);
  }
  Status Update(const importer::TableSpec& spec, int64_t, const TableRow& v, const std::vector<bool>&) override {
    ANJU_TRY(id, Pair(spec, v));
    (void)id;
    return {};
  }
  Status Audit(const Actor& actor, const AuditEntry& entry) override { return AppendAudit(db_, actor, entry); }
  Status Commit() override { return db_.Exec("COMMIT"); }
  void Rollback() override { (void)db_.Exec("ROLLBACK"); }
  Status ForEachRow(const importer::TableSpec&, const std::function<Status(int64_t, const TableRow&)>&) override {
    return {};
  }

 private:
  struct Household {
    int64_t id = 0;
    std::string no;     // its 户编号
    std::string field;  // the column that found it ("household_no" or "head_id")
    std::string shown;  // that column's value as shown in messages (an id masked)
  };
  struct Pending {
    int64_t household = 0;
    std::string field;
    int64_t cadre = 0;  // 0: new, created by Pair
    std::string phone;  // cleaned
  };

  static bool LooksLikeId(const std::string& s) {
    return s.size() >= 15 && std::count_if(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }) >= 14;
  }

  // The household the row names: by 户编号, by the current head's resident id, or by both (then
  // they must agree). An id written in the 户编号 column is read as the head's id.
  Result<Household> ResolveHousehold(std::string no, std::string id_text) {
    std::string id_field = "head_id";
    if (id_text.empty() && LooksLikeId(no)) {
      id_text = std::move(no);
      no.clear();
      id_field = "household_no";
    }
    std::optional<Household> by_no, by_id;
    if (!no.empty()) {
      std::transform(no.begin(), no.end(), no.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      ANJU_TRY(h, repo_.HouseholdIdByNo(no));
      if (!h)
        return std::unexpected(RowError(
            "household_no", no,
            fmt::format("no current household with 户编号 or head's id {}; check the number against the register", no),
            fmt::format("登记册中没有户编号或户主身份证号为 {} 的现有户，请核对", no)));
      by_no = Household{*h, no, "household_no", no};
    }
    if (!id_text.empty()) {
      const std::string masked = MaskResidentId(id_text);
      auto id = ParseResidentId(id_text, today_);
      if (!id)
        return std::unexpected(RowError(id_field, masked,
                                        fmt::format("户主身份证号 {} is not a valid resident id: {}", masked,
                                                    id.error().message),
                                        fmt::format("户主身份证号 {} 无效：{}", masked,
                                                    id.error().message_zh.empty() ? id.error().message : id.error().message_zh)));
      ANJU_TRY(h, repo_.HouseholdIdByHeadId(id->str()));
      if (!h)
        return std::unexpected(RowError(
            id_field, masked,
            fmt::format("no current household with 户编号 or head's id {}; check the number against the register", masked),
            fmt::format("登记册中没有户编号或户主身份证号为 {} 的现有户，请核对", masked)));
      ANJU_TRY(facts, repo_.Household(*h));
      by_id = Household{*h, facts ? facts->household_no : masked, id_field, masked};
    }
    if (by_no && by_id && by_no->id != by_id->id)
      return std::unexpected(RowError(
          "head_id", by_id->shown,
          fmt::format("户编号 {} and 户主身份证号 {} name different households (the id is the head of {}); correct "
                      "one of them so that both name the same household, or leave one empty",
                      by_no->no, by_id->shown, by_id->no),
          fmt::format("户编号 {} 与户主身份证号 {}（为户 {} 的户主）不是同一户；请更正其中一项使两者指向同一户，或只填一项",
                      by_no->no, by_id->shown, by_id->no)));
    if (by_no) return *by_no;
    if (by_id) return *by_id;
    return std::unexpected(RowError("household_no", "", "the row names no household: fill in 户编号 or 户主身份证号",
                                    "该行未填写户编号或户主身份证号"));
  }

  // Assigns (or reassigns) the row's cadre to the household FindRow resolved, creating the cadre
  // when new. Returns the new assignment's id.
  Result<int64_t> Pair(const importer::TableSpec& spec, const TableRow& v) {
    if (!pending_) return Internal("pairing import: a row written before it was resolved");
    const Pending p = *pending_;
    auto col = [&](std::string_view name) { return Text(v[static_cast<size_t>(spec.IndexOf(name))]); };
    int64_t cadre_id = p.cadre;
    if (!cadre_id) {
      cadres::CadreInput in;
      in.name = col("cadre_name");
      in.unit = col("unit");
      in.title = col("title");
      in.phone = p.phone;
      auto made = svc_.Create(actor_, in, "pairing roster import");
      if (!made) return std::unexpected(AsRowError(made.error(), "cadre_name"));
      cadre_id = made->id;
    }
    auto date = ParseIsoDate(col("paired_on"), "paired_on");
    if (!date) return std::unexpected(AsRowError(date.error(), "paired_on"));
    auto a = svc_.Assign(actor_, p.household, cadre_id, *date, "结对帮扶花名册", "pairing roster import");
    if (!a) return std::unexpected(AsRowError(a.error(), p.field));
    return a->id;
  }

  Connection& db_;
  SqliteCadreRepository repo_;
  cadres::CadreService svc_;
  const Actor& actor_;
  Date today_;
  std::optional<Pending> pending_;           // the row FindRow resolved last
  std::map<int64_t, std::string> seen_;      // household -> how an earlier row named it
};

}  // namespace

const importer::TableSpec& PairingTableSpec() {
  static const importer::TableSpec spec = [] {
    importer::TableSpec s;
    s.table = "cadre_pairings";
    s.entity = "cadre_pairing";
    s.title_zh = "结对帮扶花名册";
    s.title_en = "Pairing roster";
    auto text = [](std::string name, bool required, std::string zh, std::string en, std::vector<std::string> syn,
                   size_t max = 100) {
      ColumnSpec c;
      c.name = std::move(name);
      c.type = ColumnType::kText;
      c.required = required;
      c.header_zh = std::move(zh);
      c.header_en = std::move(en);
      c.synonyms = std::move(syn);
      c.max_chars = max;
      return c;
    };
    // The household: 户编号, or the current head's resident id, or both (they must agree).
    ColumnSpec household = text("household_no", false, "户编号", "household no.", {"户号", "household_no"}, 30);
    household.cleaner = NoSpaces;
    s.columns.push_back(std::move(household));
    ColumnSpec head_id = text("head_id", false, "户主身份证号", "head's resident id",
                              {"户主身份证号码", "身份证号码", "身份证号", "head_id"}, 30);
    head_id.cleaner = NoSpaces;
    s.columns.push_back(std::move(head_id));
    s.columns.push_back(text("head_name", false, "户主姓名", "head's name", {"户主"}, 64));
    s.columns.push_back(text("cadre_name", true, "帮扶责任人", "cadre",
                             {"帮扶责任人姓名", "帮扶人", "帮扶人姓名", "结对干部", "帮扶干部", "帮扶责任人信息姓名"}, 64));
    s.columns.push_back(text("unit", false, "工作单位", "unit", {"单位", "帮扶单位", "所在单位"}, 200));
    s.columns.push_back(text("title", false, "职务", "title", {"职称", "职务职级"}, 100));
    ColumnSpec phone = text("phone", false, "联系电话", "phone", {"电话", "手机号", "手机号码", "联系方式"}, 40);
    phone.cleaner = NoSpaces;
    s.columns.push_back(std::move(phone));
    ColumnSpec date;
    date.name = "paired_on";
    date.type = ColumnType::kDate;
    date.required = true;
    date.header_zh = "结对日期";
    date.header_en = "paired on";
    date.synonyms = {"结对时间", "帮扶日期", "结对帮扶日期"};
    s.columns.push_back(std::move(date));
    s.key = {"household_no", "head_id"};
    s.key_any_of = true;
    return s;
  }();
  return spec;
}

Result<importer::TableImportResult> ImportPairings(Connection& db, std::shared_ptr<importer::InputFile> input,
                                                   const Actor& actor, const importer::TableImportOptions& options) {
  if (!actor.CanManageCadres())
    return PermissionDenied("only county roles import the pairing roster", "只有县级账号可以导入结对帮扶花名册");
  PairingTableRepository repo(db, actor, options.today);
  return importer::ImportTable(PairingTableSpec(), std::move(input), repo, actor, options);
}

}  // namespace anju::storage
