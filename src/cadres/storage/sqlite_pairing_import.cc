#include "cadres/storage/sqlite_pairing_import.h"

#include <fmt/format.h>

#include <algorithm>

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

// The row handler (see the header): the generic pipeline calls FindByKey (always "new") and
// Insert for each valid row, inside Begin … Commit/Rollback.
class PairingTableRepository : public importer::TableRepository {
 public:
  PairingTableRepository(Connection& db, const Actor& actor, Date today)
      : db_(db), repo_(db), svc_(repo_, [today] { return today; }), actor_(actor), today_(today) {}

  Result<std::vector<importer::SiteName>> LoadSites() override { return std::vector<importer::SiteName>{}; }
  Status Begin() override { return db_.Exec("BEGIN IMMEDIATE"); }
  Result<std::optional<Stored>> FindByKey(const importer::TableSpec&, const std::vector<TableValue>&) override {
    return std::optional<Stored>();
  }
  Result<int64_t> Insert(const importer::TableSpec& spec, const TableRow& v, const std::vector<bool>&) override {
    auto col = [&](std::string_view name) { return Text(v[static_cast<size_t>(spec.IndexOf(name))]); };
    const std::string key = col("household");
    // The household: a resident id (of its current head) or a household number.
    std::optional<int64_t> household;
    const bool looks_like_id = key.size() >= 15 && std::count_if(key.begin(), key.end(), [](char c) {
                                                     return c >= '0' && c <= '9';
                                                   }) >= 14;
    if (looks_like_id) {
      auto id = ParseResidentId(key, today_);
      if (!id)
        return std::unexpected(RowError("household", MaskResidentId(key),
                                        fmt::format("户主身份证号 {} is not a valid resident id: {}", MaskResidentId(key),
                                                    id.error().message),
                                        fmt::format("户主身份证号 {} 无效：{}", MaskResidentId(key),
                                                    id.error().message_zh.empty() ? id.error().message : id.error().message_zh)));
      ANJU_TRY(h, repo_.HouseholdIdByHeadId(id->str()));
      household = h;
    } else {
      std::string no = key;
      std::transform(no.begin(), no.end(), no.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      ANJU_TRY(h, repo_.HouseholdIdByNo(no));
      household = h;
    }
    const std::string shown = looks_like_id ? MaskResidentId(key) : key;
    if (!household)
      return std::unexpected(RowError(
          "household", shown,
          fmt::format("no current household with 户编号 or head's id {}; check the number against the register", shown),
          fmt::format("登记册中没有户编号或户主身份证号为 {} 的现有户，请核对", shown)));
    ANJU_TRY(facts, repo_.Household(*household));
    if (const std::string head = col("head_name"); !head.empty()) {
      ANJU_TRY(st, db_.Prepare("SELECT name FROM persons WHERE household_id = ? AND relationship = 'head' "
                               "AND member_until IS NULL"));
      st.Bind(1, *household);
      ANJU_TRY(row, st.Step());
      if (row && st.ColumnText(0) != head)
        return std::unexpected(RowError(
            "head_name", head,
            fmt::format("户主姓名 {} differs from the register's head of {} ({}); check the row", head,
                        facts ? facts->household_no : shown, st.ColumnText(0)),
            fmt::format("户主姓名 {} 与登记册中该户（{}）户主 {} 不一致，请核对", head, facts ? facts->household_no : shown,
                        st.ColumnText(0))));
    }
    // The cadre: by name + phone, else new.
    const std::string name = col("cadre_name");
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
    ANJU_TRY(found, repo_.FindCadreByNamePhone(name, phone));
    int64_t cadre_id = 0;
    if (found) {
      cadre_id = found->id;
    } else {
      cadres::CadreInput in;
      in.name = name;
      in.unit = col("unit");
      in.title = col("title");
      in.phone = phone;
      ANJU_TRY(made, svc_.Create(actor_, in, "pairing roster import"));
      cadre_id = made.id;
    }
    ANJU_TRY(date, ParseIsoDate(col("paired_on"), "paired_on"));
    ANJU_TRY(current, svc_.OfHousehold(actor_, *household));
    if (current.current && current.current->cadre_id == cadre_id) return current.current->id;  // unchanged
    ANJU_TRY(a, svc_.Assign(actor_, *household, cadre_id, date, "结对帮扶花名册", "pairing roster import"));
    return a.id;
  }
  Status Update(const importer::TableSpec&, int64_t, const TableRow&, const std::vector<bool>&) override {
    return Internal("pairing import never updates");
  }
  Status Audit(const Actor& actor, const AuditEntry& entry) override { return AppendAudit(db_, actor, entry); }
  Status Commit() override { return db_.Exec("COMMIT"); }
  void Rollback() override { (void)db_.Exec("ROLLBACK"); }
  Status ForEachRow(const importer::TableSpec&, const std::function<Status(int64_t, const TableRow&)>&) override {
    return {};
  }

 private:
  Connection& db_;
  SqliteCadreRepository repo_;
  cadres::CadreService svc_;
  const Actor& actor_;
  Date today_;
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
    ColumnSpec household = text("household", true, "户编号", "household no. or head's id",
                                {"户主身份证号", "户主身份证号码", "身份证号码", "身份证号", "户号", "household_no"}, 30);
    household.cleaner = NoSpaces;
    s.columns.push_back(std::move(household));
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
    s.key = {"household"};
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
