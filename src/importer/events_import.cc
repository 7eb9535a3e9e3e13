#include "importer/events_import.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <unordered_map>

#include "core/plausible.h"
#include "core/resident_id.h"
#include "core/try.h"
#include "importer/clean.h"
#include "importer/header.h"
#include "registry/registry_service.h"

namespace anju::importer {
namespace {

using registry::RegisterEventKind;

// Columns of an events roster, in the order of their headers below.
enum Col { kHouseholdNo, kName, kResidentId, kKind, kDate, kReason, kPlace, kRelationship, kSex, kBirthDate,
           kEthnicity, kEducation, kCols };

struct ColumnInfo {
  std::string_view header_zh;                   // written in messages
  std::string_view field;                       // Fault::field
  std::vector<std::string_view> synonyms;       // normalised (NormalizeHeader) header texts
};

// Header texts (after NormalizeHeader: no spaces, brackets dropped, ASCII lowercase).
const std::array<ColumnInfo, kCols>& Columns() {
  static const std::array<ColumnInfo, kCols> c = {{
      {"户编号", "household_no", {"户编号", "户号", "家庭编号", "household_no", "householdno"}},
      {"姓名", "name", {"姓名", "名字", "name"}},
      {"身份证号", "resident_id", {"身份证号", "身份证号码", "公民身份号码", "公民身份证号码", "身份证", "resident_id", "residentid"}},
      {"变动类型", "kind", {"变动类型", "变更类型", "变动事项", "变动情况", "变动种类", "事件类型", "kind", "event"}},
      {"变动日期", "date", {"变动日期", "变动时间", "变更日期", "发生日期", "日期", "date", "event_date"}},
      {"原因", "reason", {"原因", "变动原因", "依据", "证明材料", "reason"}},
      {"去向/来源", "place", {"去向/来源", "去向或来源", "去向来源", "去向", "来源", "迁往地", "迁入地", "迁出地", "place"}},
      {"与户主关系", "relationship", {"与户主关系", "家庭关系", "关系", "relationship"}},
      {"性别", "sex", {"性别", "sex"}},
      {"出生日期", "birth_date", {"出生日期", "出生年月日", "出生年月", "birth_date", "birthdate"}},
      {"民族", "ethnicity", {"民族", "ethnicity"}},
      {"文化程度", "education", {"文化程度", "学历", "education"}},
  }};
  return c;
}

std::optional<int> MatchEventHeader(std::string_view text) {
  const std::string n = NormalizeHeader(text);
  if (n.empty()) return std::nullopt;
  for (int i = 0; i < kCols; ++i)
    for (auto s : Columns()[static_cast<size_t>(i)].synonyms)
      if (n == s) return i;
  if (n == "序号" || n == "备注" || n == "错误说明" || n == "修改建议") return kKnownIgnored;
  return std::nullopt;
}

bool AcceptableEventHeader(const std::set<int>& keys) {
  return keys.contains(kKind) && keys.contains(kHouseholdNo) && (keys.contains(kName) || keys.contains(kResidentId));
}

// One row as read: cells, and the cleaned values.
struct ReadRow {
  EventRow ev;
  std::vector<std::string> cells;  // raw texts (error report)
  std::array<std::string, kCols> text;  // trimmed text per column ("" when absent)
  bool bad = false;
  std::string messages;
  std::vector<Fault> faults;
  const EventHousehold* household = nullptr;
  bool joins = false, leaves = false;
  size_t member_index = 0;  // leaving: index in household->members
};

class EventsRun {
 public:
  EventsRun(const ImportOptions& o, const Actor& a, EventsRepository& r) : opt_(o), actor_(a), repo_(r) {}

  Status ReadFile(const std::shared_ptr<InputFile>& file) {
    file_ = file->name();
    OpenOptions oo;
    oo.encoding = opt_.encoding;
    ANJU_TRY(wb, OpenWorkbook(file, oo));
    res_.files.push_back(file->name());
    res_.formats.push_back(wb->format());
    res_.encodings.push_back(wb->encoding());
    date1904_ = wb->date1904();
    bool any = false;
    for (size_t si = 0; si < wb->sheets().size(); ++si) {
      const SheetInfo& info = wb->sheets()[si];
      SheetReport sr;
      sr.file = file->name();
      sr.name = info.name;
      sr.hidden = info.hidden;
      if (!opt_.sheet.empty() && info.name != opt_.sheet) sr.skipped_reason = "not selected";
      else if (opt_.sheet.empty() && info.hidden) sr.skipped_reason = "hidden sheet";
      else if (opt_.sheet.empty() && info.name == kErrorReportFaultSheet) sr.skipped_reason = "the error report's fault list";
      else ANJU_CHECK(ReadSheet(*wb, si, info, sr));
      any = any || sr.imported;
      res_.sheets.push_back(std::move(sr));
    }
    if (!any) {
      Fault f;
      f.file = file->name();
      f.kind = "sheet";
      f.reason = fmt::format("{}: no sheet has an events roster header (户编号, 姓名 or 身份证号, 变动类型)", file->name());
      f.reason_zh = "没有工作表的表头包含变动名册的列（户编号、姓名或身份证号、变动类型）";
      f.fix = "put the column names in one row above the data: 户编号, 姓名, 身份证号, 变动类型, 变动日期";
      f.fix_zh = "在数据上方的一行写列名：户编号、姓名、身份证号、变动类型、变动日期";
      AddFault(std::move(f));
    }
    return {};
  }

  // Checks every row against the registry, then applies them (unless a fault), commits or
  // rolls back.
  Result<ImportResult> Finish(const std::vector<std::shared_ptr<InputFile>>& files) {
    ANJU_CHECK(repo_.Begin());
    bool begun = true;
    auto rollback = [&] {
      if (begun) repo_.Rollback();
      begun = false;
    };
    if (auto s = CheckRows(); !s) {
      rollback();
      return std::unexpected(s.error());
    }
    if (!AnyError()) {
      if (auto s = Apply(); !s) {
        rollback();
        return std::unexpected(s.error());
      }
    }
    // Faults to the result in row order (file by file), rejected rows for the error report.
    for (size_t i = 0; i < rows_.size(); ++i) {
      ReadRow& r = rows_[i];
      for (Fault& f : r.faults) AddFault(std::move(f));
      if (!r.bad) continue;
      RejectedRow rr;
      rr.file = file_of_[i];
      rr.sheet = sheet_of_[i];
      rr.row = r.ev.row;
      rr.header_row = header_row_of_[i];
      rr.cells = r.cells;
      rr.messages = r.messages;
      if (auto s = res_.rejected.Add(std::move(rr)); !s) {
        rollback();
        return std::unexpected(s.error());
      }
    }
    res_.rows_rejected = static_cast<int64_t>(res_.rejected.size());
    if (res_.errors > 0) {  // always all or nothing
      rollback();
      res_.rows_valid = 0;
      res_.persons_created = 0;
      res_.events_recorded = 0;
      return std::move(res_);
    }
    res_.rows_valid = res_.rows_read;
    if (opt_.dry_run) {
      rollback();
      return std::move(res_);
    }
    for (const auto& f : files) {
      ImportBatchRecord b;
      b.file_name = f->name();
      b.sha256 = f->Sha256();
      // import_batches.mode is CHECKed to insert|upsert (migration 0004): an events roster adds
      // records, so "insert"; its audit entry below says mode "events".
      b.mode = "insert";
      b.all_or_nothing = true;
      b.rows_read = res_.rows_read;
      b.rows_imported = res_.rows_valid;
      b.rows_rejected = res_.rows_rejected;
      b.persons_created = res_.persons_created;
      if (auto s = repo_.RecordBatch(actor_, b); !s) {
        rollback();
        return std::unexpected(s.error());
      }
      AuditEntry e;
      e.action = "import";
      e.entity = "import";
      e.entity_id = f->name();
      e.changes = fmt::format(R"({{"sha256":"{}","mode":"events","rows_read":{},"events_recorded":{},"persons_created":{}}})",
                              b.sha256, res_.rows_read, res_.events_recorded, res_.persons_created);
      e.source = "import " + f->name();
      if (auto s = repo_.Audit(actor_, e); !s) {
        rollback();
        return std::unexpected(s.error());
      }
    }
    if (auto s = repo_.Commit(); !s) {
      rollback();
      return std::unexpected(s.error());
    }
    begun = false;
    res_.committed = true;
    return std::move(res_);
  }

 private:
  bool AnyError() const {
    return std::any_of(rows_.begin(), rows_.end(), [](const ReadRow& r) { return r.bad; }) || res_.errors > 0;
  }

  void AddFault(Fault f) {
    f.raw = ShortenForMessage(f.raw, 100);
    if (f.error) ++res_.errors;
    else ++res_.warnings;
    if (res_.faults.size() < opt_.max_kept_faults) res_.faults.push_back(std::move(f));
    else ++res_.faults_dropped;
  }

  // A fault of row `r` on column `c` (kCols: the whole row) with the cell's text as its value.
  void RowFault(ReadRow& r, int c, std::string kind, const Problem& p, std::optional<std::string> raw = std::nullopt) {
    Fault f;
    f.error = p.error;
    f.file = file_;
    f.sheet = sheet_;
    f.row = r.ev.row;
    if (c >= 0 && c < kCols && col_[static_cast<size_t>(c)] >= 0) {
      int col = col_[static_cast<size_t>(c)];
      f.column = ColumnLetter(col);
      f.header = static_cast<size_t>(col) < header_texts_.size() ? header_texts_[static_cast<size_t>(col)] : "";
    }
    if (c >= 0 && c < kCols) f.field = std::string(Columns()[static_cast<size_t>(c)].field);
    f.raw = raw ? *raw : (c >= 0 && c < kCols ? r.text[static_cast<size_t>(c)] : "");
    f.kind = std::move(kind);
    f.reason = p.reason;
    f.reason_zh = p.reason_zh;
    f.fix = p.fix;
    f.fix_zh = p.fix_zh;
    if (p.error) {
      r.bad = true;
      if (!r.messages.empty()) r.messages += "; ";
      r.messages += (f.column.empty() ? "" : f.column + " " + f.header + ": ") + p.reason_zh + " (" + p.reason + ")" +
                    (p.fix.empty() ? "" : " → " + p.fix);
    }
    r.faults.push_back(std::move(f));
  }

  // The faults of a rows' own fault list are added with the sheet context of the row's sheet.
  Status ReadSheet(Workbook& wb, size_t index, const SheetInfo& info, SheetReport& sr) {
    sheet_ = info.name;
    std::vector<Row> head;
    std::optional<GenericHeader> header;
    Status failed;
    size_t nonblank = 0;
    auto st = wb.ReadRows(index, [&](const Row& r) -> Status {
      if (!header) {
        head.push_back(r);
        if (std::any_of(r.cells.begin(), r.cells.end(), [](const Cell& c) { return !c.empty(); })) ++nonblank;
        if (nonblank < 30) {
          // Try as soon as a row could complete the header (and the next row, for two levels).
          auto h = DetectHeaderWith(head, info.merged, MatchEventHeader, AcceptableEventHeader);
          if (!h || h->last_row + 1 > r.number) return {};
          header = std::move(*h);
        } else {
          auto h = DetectHeaderWith(head, info.merged, MatchEventHeader, AcceptableEventHeader);
          if (!h) return Status{};
          header = std::move(*h);
        }
        StartBlock(*header, sr);
        for (const Row& b : head)
          if (b.number > header->last_row) DataRow(b, sr);
        return {};
      }
      DataRow(r, sr);
      return {};
    });
    if (!st) return st;
    if (!header && !head.empty())
      if (auto h = DetectHeaderWith(head, info.merged, MatchEventHeader, AcceptableEventHeader)) {
        header = std::move(*h);
        StartBlock(*header, sr);
        for (const Row& b : head)
          if (b.number > header->last_row) DataRow(b, sr);
      }
    if (!header) {
      sr.skipped_reason = head.empty() ? "empty sheet" : "no header row";
      return {};
    }
    sr.imported = true;
    return {};
  }

  void StartBlock(const GenericHeader& h, SheetReport& sr) {
    col_.fill(-1);
    header_texts_.clear();
    HeaderInfo hi;
    hi.first_row = h.first_row;
    hi.last_row = h.last_row;
    hi.unknown = h.unknown;
    for (const auto& c : h.columns) {
      if (header_texts_.size() <= static_cast<size_t>(c.col)) header_texts_.resize(static_cast<size_t>(c.col) + 1);
      header_texts_[static_cast<size_t>(c.col)] = c.header;
      hi.columns.push_back({c.col, c.header, Field::kIgnored});
      if (c.key >= 0 && col_[static_cast<size_t>(c.key)] < 0) col_[static_cast<size_t>(c.key)] = c.col;
    }
    sr.header = hi;
    sr.header_texts = header_texts_;
    sr.blocks.push_back({h.last_row, header_texts_});
    header_row_ = h.last_row;
  }

  const Cell& CellAt(const Row& r, int c) const {
    static const Cell kEmpty;
    int col = col_[static_cast<size_t>(c)];
    if (col < 0 || static_cast<size_t>(col) >= r.cells.size()) return kEmpty;
    return r.cells[static_cast<size_t>(col)];
  }

  void DataRow(const Row& r, SheetReport& sr) {
    if (std::none_of(r.cells.begin(), r.cells.end(), [](const Cell& c) { return !c.empty(); })) {
      ++sr.blank_rows;
      return;
    }
    if (IsFooterRow(r)) {
      ++sr.footer_rows;
      return;
    }
    ++sr.data_rows;
    ++res_.rows_read;
    ReadRow rr;
    rr.ev.row = r.number;
    for (const Cell& c : r.cells) rr.cells.push_back(CellText(c));
    for (int c = 0; c < kCols; ++c) rr.text[static_cast<size_t>(c)] = TrimText(CellText(CellAt(r, c)));
    rr.ev.source = fmt::format("import {}{} row {}", file_, sheet_ == file_ ? "" : " [" + sheet_ + "]", r.number);
    CleanRow(r, rr);
    file_of_.push_back(file_);
    sheet_of_.push_back(sheet_);
    header_row_of_.push_back(header_row_);
    rows_.push_back(std::move(rr));
  }

  // Reports `ps` as faults of column `c`, then clears them.
  void Report(ReadRow& rr, int c, Problems& ps, const char* kind) {
    for (auto& p : ps) RowFault(rr, c, kind, p);
    ps.clear();
  }

  Problem Missing(int c, std::string_view why, std::string_view why_zh) const {
    const auto& ci = Columns()[static_cast<size_t>(c)];
    return Problem{true, fmt::format("{} is empty; {}", ci.header_zh, why), fmt::format("{}为空；{}", ci.header_zh, why_zh),
                   fmt::format("fill in {}", ci.header_zh), fmt::format("请填写{}", ci.header_zh)};
  }

  // Stage 1: the row's own cells (no registry look-up).
  void CleanRow(const Row& r, ReadRow& rr) {
    EventRow& ev = rr.ev;
    registry::Person& p = ev.person;
    Problems ps;
    // 户编号
    ev.household_no = NormalizeCode(rr.text[kHouseholdNo]);
    if (ev.household_no.empty())
      RowFault(rr, kHouseholdNo, "structure", Missing(kHouseholdNo, "every event names its household", "每条变动都须写明所在户"));
    // 变动类型
    bool kind_ok = false;
    if (rr.text[kKind].empty()) {
      RowFault(rr, kKind, "value", Missing(kKind, "the kind of event is needed", "须写明变动类型"));
    } else if (auto k = registry::ParseRegisterEventKind(rr.text[kKind]); !k) {
      RowFault(rr, kKind, "value", Problem{true, k.error().message, k.error().message_zh,
                                           "write one of 出生, 死亡, 迁出, 婚出, 婚入, 迁入, 返回, 补录成员",
                                           "填写以下之一：出生、死亡、迁出、婚出、婚入、迁入、返回、补录成员"});
    } else if (!registry::StartsMembership(*k) && !(registry::EndsMembership(*k) && *k != RegisterEventKind::kEnteredInError)) {
      RowFault(rr, kKind, "value",
               Problem{true, fmt::format("{} is not a person's joining or leaving; the events roster takes 出生, 死亡, 迁出, 婚出, 婚入, 迁入, 返回, 补录成员",
                                         registry::RegisterEventKindNameZh(*k)),
                       fmt::format("变动名册不能办理“{}”", registry::RegisterEventKindNameZh(*k)),
                       "record household changes (分户, 合户, 变更户主, 户间迁移) on the household's page",
                       "分户、合户、变更户主、户间迁移请在该户页面办理"});
    } else {
      ev.kind = *k;
      kind_ok = true;
      rr.joins = registry::StartsMembership(*k);
      rr.leaves = !rr.joins;
    }
    // 姓名
    if (col_[kName] >= 0) {
      if (auto n = CleanName(CellAt(r, kName), ps)) p.name = *n;
      Report(rr, kName, ps, "name");
    }
    // 身份证号 / 待补录
    bool pending = IsPendingResidentIdText(rr.text[kResidentId]);
    std::optional<ResidentId> parsed;
    if (pending) {
      if (kind_ok && ev.kind != RegisterEventKind::kBirth)
        RowFault(rr, kResidentId, "resident_id",
                 Problem{true, fmt::format("a pending id (待补录) is allowed for a birth only, not for {}",
                                           registry::RegisterEventKindNameZh(ev.kind)),
                         fmt::format("只有出生登记可以暂缺身份证号（待补录），“{}”须填写身份证号",
                                     registry::RegisterEventKindNameZh(ev.kind)),
                         "write the person's resident id", "填写此人的身份证号"});
    } else if (rr.text[kResidentId].empty()) {
      RowFault(rr, kResidentId, "resident_id",
               Missing(kResidentId, "write the id, or 待补录 for a newborn without one yet", "请填写身份证号，新生儿暂无身份证号的写“待补录”"));
    } else {
      if (auto id = CleanResidentId(CellAt(r, kResidentId), opt_.today, ps)) {
        p.resident_id = *id;
        if (auto pr = ParseResidentId(*id, opt_.today)) parsed = *pr;
      }
      Report(rr, kResidentId, ps, "resident_id");
    }
    // 变动日期
    std::optional<Date> date;
    if (rr.text[kDate].empty()) {
      RowFault(rr, kDate, "date", Missing(kDate, "the day of the event is needed", "须写明变动日期"));
    } else {
      date = CleanDate(CellAt(r, kDate), date1904_, ps);
      Report(rr, kDate, ps, "date");
      if (date)
        if (auto st = ValidateDateInRange("date", *date, opt_.today); !st) {
          RowFault(rr, kDate, "date", Problem{true, st.error().message, st.error().message_zh,
                                              "check the year: an event cannot be after today or before 1900",
                                              "核对年份：变动日期不能晚于今天，也不能早于 1900 年"});
          date.reset();
        }
    }
    if (date) ev.date = *date;
    ev.reason = rr.text[kReason];
    ev.place = rr.text[kPlace];
    for (int c : {kReason, kPlace})
      if (auto st = ValidateFreeText(Columns()[static_cast<size_t>(c)].field, rr.text[static_cast<size_t>(c)], kMaxShortTextChars); !st)
        RowFault(rr, c, "value", Problem{true, st.error().message, st.error().message_zh,
                                         "shorten the text or delete the invisible character", "缩短内容，或删除其中的不可见字符"});
    // A new member's particulars.
    if (rr.joins) {
      if (rr.text[kRelationship].empty()) {
        RowFault(rr, kRelationship, "relationship",
                 Missing(kRelationship, "a new member's relationship to the head is needed", "新成员须写明与户主关系"));
      } else if (auto rel = CleanRelationship(CellAt(r, kRelationship), ps)) {
        if (auto rv = registry::ParseRelationship(*rel)) p.relationship = *rv;
        if (p.relationship == registry::Relationship::kHead)
          RowFault(rr, kRelationship, "relationship",
                   Problem{true, "a new member cannot join as the head (户主): the household has one",
                           "新成员不能以户主身份加入（该户已有户主）",
                           "write the relationship to the current head; change the head on the household's page",
                           "填写与现户主的关系；如需变更户主，请在该户页面办理"});
      }
      Report(rr, kRelationship, ps, "relationship");
      if (parsed) {
        p.sex = parsed->sex();
        p.birth_date = parsed->BirthDate();
      } else if (pending) {
        if (rr.text[kSex].empty()) RowFault(rr, kSex, "value", Missing(kSex, "a newborn without an id needs it", "暂无身份证号的新生儿须填写性别"));
        else if (auto s = CleanSex(CellAt(r, kSex), ps)) {
          if (auto sx = ParseSex(*s)) p.sex = *sx;
        }
        Report(rr, kSex, ps, "value");
        if (!rr.text[kBirthDate].empty()) {
          if (auto b = CleanDate(CellAt(r, kBirthDate), date1904_, ps)) p.birth_date = *b;
          Report(rr, kBirthDate, ps, "date");
        } else if (date && kind_ok && ev.kind == RegisterEventKind::kBirth) {
          p.birth_date = *date;  // a birth's date is the birth date
        } else {
          RowFault(rr, kBirthDate, "date", Missing(kBirthDate, "a person without an id needs it", "暂无身份证号的须填写出生日期"));
        }
      }
      if (auto e = registry::ParseEthnicity(rr.text[kEthnicity])) p.ethnicity = *e;
      else RowFault(rr, kEthnicity, "value", Problem{true, e.error().message, e.error().message_zh,
                                                     "write the group's name (汉族 or 汉), its GB/T 3304-1991 code (01), or 其他",
                                                     "填写民族名称（汉族或汉）、GB/T 3304-1991 代码（01）或“其他”"});
      if (auto e = registry::ParseEducation(rr.text[kEducation])) p.education = *e;
      else RowFault(rr, kEducation, "value", Problem{true, e.error().message, e.error().message_zh,
                                                     "write one of 学龄前, 文盲, 小学, 初中, 高中, 技工学校, 中专, 大专及以上",
                                                     "请填写以下之一：学龄前、文盲、小学、初中、高中、技工学校、中专、大专及以上"});
      // A birth on another day than the birth date.
      if (kind_ok && ev.kind == RegisterEventKind::kBirth && date && (parsed || !rr.text[kBirthDate].empty()) &&
          p.birth_date != *date)
        RowFault(rr, kDate, "date",
                 Problem{true, fmt::format("a birth's date is the birth date ({}), not {}", FormatIsoDate(p.birth_date),
                                           FormatIsoDate(*date)),
                         fmt::format("出生登记的变动日期应为出生日期（{}）", FormatIsoDate(p.birth_date)),
                         "write the birth date as the event's date", "变动日期填写出生日期"});
    }
    // The same person twice in the file with the same kind.
    if (!p.resident_id.empty() && kind_ok) {
      auto key = std::make_pair(p.resident_id, static_cast<int>(ev.kind));
      if (auto [it, fresh] = seen_.try_emplace(key, ev.row); !fresh)
        RowFault(rr, kResidentId, "duplicate",
                 Problem{true, fmt::format("the same event of {} is also at row {}", MaskResidentId(p.resident_id), it->second),
                         fmt::format("同一人的同一变动重复出现（另见第{}行）", it->second), "keep one of the two rows",
                         "只保留两行中的一行"},
                 MaskResidentId(p.resident_id));
    }
  }

  // Stage 2: each row against the registry (households, members, ids), then heads leaving.
  Status CheckRows() {
    for (size_t i = 0; i < rows_.size(); ++i) {
      ReadRow& rr = rows_[i];
      file_ = file_of_[i];
      sheet_ = sheet_of_[i];
      if (rr.ev.household_no.empty()) continue;
      ANJU_TRY(h, Household(rr.ev.household_no));
      if (!h) {
        RowFault(rr, kHouseholdNo, "reference",
                 Problem{true, fmt::format("household {} is not registered (or not within your scope)", rr.ev.household_no),
                         fmt::format("户编号 {} 未登记（或不在您的管辖范围内）", rr.ev.household_no),
                         "check the household number (register a new household first)", "核对户编号（新户请先登记）"});
        continue;
      }
      rr.household = h;
      if (h->ended) {
        RowFault(rr, kHouseholdNo, "conflict",
                 Problem{true, fmt::format("household {} has ended (merged or no members left)", h->household_no),
                         fmt::format("户 {} 已注销（已合户或无成员）", h->household_no),
                         "check the household number", "核对户编号"});
        continue;
      }
      if (!rr.joins && !rr.leaves) continue;
      const Date d = rr.ev.date;
      const bool dated = d != Date{};
      if (dated && d < h->start && !(rr.leaves))
        RowFault(rr, kDate, "date",
                 Problem{true, fmt::format("{} is before household {} began ({})", FormatIsoDate(d), h->household_no,
                                           FormatIsoDate(h->start)),
                         fmt::format("变动日期早于该户的起始日期（{}）", FormatIsoDate(h->start)),
                         "check the date and the household number", "核对变动日期和户编号"});
      if (rr.leaves) ANJU_CHECK(CheckLeaving(rr, *h));
      else ANJU_CHECK(CheckJoining(rr, *h));
    }
    CheckHeadsLeaving();
    return {};
  }

  Status CheckLeaving(ReadRow& rr, const EventHousehold& h) {
    registry::Person& p = rr.ev.person;
    if (p.resident_id.empty()) return {};  // its own fault (pending / missing id) says why
    auto it = std::find_if(h.members.begin(), h.members.end(), [&](const registry::Person& m) { return m.resident_id == p.resident_id; });
    if (it == h.members.end()) {
      ANJU_TRY(rp, repo_.FindPersonByResidentId(p.resident_id));
      std::string where = rp ? fmt::format("is registered in household {}", rp->household_no) : "is not registered";
      std::string where_zh = rp ? fmt::format("此人登记在户 {}", rp->household_no) : "此人未登记";
      RowFault(rr, kResidentId, "reference",
               Problem{true, fmt::format("{} is not a current member of household {}; the person {}", MaskResidentId(p.resident_id),
                                         h.household_no, where),
                       fmt::format("此人不是户 {} 的现有成员；{}", h.household_no, where_zh),
                       "check the id and the household number", "核对身份证号和户编号"},
               MaskResidentId(p.resident_id));
      return {};
    }
    rr.member_index = static_cast<size_t>(it - h.members.begin());
    const std::string name = p.name;
    p = *it;  // the registered member (id, birth date, relationship …)
    if (!name.empty() && name != it->name)
      RowFault(rr, kName, "name",
               Problem{false, fmt::format("the registry names this id {}, the file {}", it->name, name),
                       fmt::format("登记姓名为“{}”，与文件不一致", it->name), "none needed if the id is right; else correct the id",
                       "如身份证号无误则无需处理，否则请改正身份证号"});
    const Date d = rr.ev.date;
    if (d != Date{} && d < it->birth_date)
      RowFault(rr, kDate, "date",
               Problem{true, fmt::format("{} is before the person's birth ({})", FormatIsoDate(d), FormatIsoDate(it->birth_date)),
                       fmt::format("变动日期早于此人的出生日期（{}）", FormatIsoDate(it->birth_date)),
                       "check the date and the resident id", "核对变动日期和身份证号"});
    else if (d != Date{} && d < h.start)
      RowFault(rr, kDate, "date",
               Problem{true, fmt::format("{} is before the person's membership began ({})", FormatIsoDate(d), FormatIsoDate(h.start)),
                       fmt::format("变动日期早于此人入户日期（{}）", FormatIsoDate(h.start)),
                       "check the date", "核对变动日期"});
    return {};
  }

  Status CheckJoining(ReadRow& rr, const EventHousehold& h) {
    registry::Person& p = rr.ev.person;
    const Date d = rr.ev.date;
    if (d != Date{} && p.birth_date != Date{} && d < p.birth_date)
      RowFault(rr, kDate, "date",
               Problem{true, fmt::format("{} is before the person's birth ({})", FormatIsoDate(d), FormatIsoDate(p.birth_date)),
                       fmt::format("变动日期早于此人的出生日期（{}）", FormatIsoDate(p.birth_date)),
                       "check the date and the resident id", "核对变动日期和身份证号"});
    if (!p.resident_id.empty() && rr.ev.kind != RegisterEventKind::kReturned) {
      ANJU_TRY(rp, repo_.FindPersonByResidentId(p.resident_id));
      if (rp)
        RowFault(rr, kResidentId, "conflict",
                 Problem{true, fmt::format("{} is already registered in household {}; not moved", MaskResidentId(p.resident_id),
                                           rp->household_no),
                         fmt::format("此人已登记在户 {}，未迁移", rp->household_no),
                         "if the person moved between households, move them on the person's page (户间迁移)",
                         "如属户间迁移，请在此人页面办理户间迁移"},
                 MaskResidentId(p.resident_id));
    }
    auto head = std::find_if(h.members.begin(), h.members.end(),
                             [](const registry::Person& m) { return m.relationship == registry::Relationship::kHead; });
    if (head != h.members.end() && p.birth_date != Date{})
      if (auto g = registry::CheckGenerationGap(*head, p); !g)
        RowFault(rr, kRelationship, "relationship",
                 Problem{true, g.error().message, g.error().message_zh, "check the relationship and both resident ids",
                         "核对与户主关系和双方身份证号"});
    return {};
  }

  // A head leaving while members remain (counting the file's fault-free joinings and leavings on
  // or before that day): refused, naming the change of head to make first.
  void CheckHeadsLeaving() {
    for (ReadRow& rr : rows_) {
      if (!rr.leaves || !rr.household || rr.ev.person.id == 0 || rr.ev.person.relationship != registry::Relationship::kHead)
        continue;
      const EventHousehold& h = *rr.household;
      std::set<int64_t> gone{rr.ev.person.id};
      int64_t joined = 0;
      for (const ReadRow& o : rows_) {
        if (o.household != rr.household || &o == &rr || o.ev.date > rr.ev.date || o.bad) continue;  // refused rows do not happen
        if (o.leaves && o.ev.person.id) gone.insert(o.ev.person.id);
        if (o.joins) ++joined;
      }
      int64_t remain = joined;
      for (const auto& m : h.members) remain += gone.contains(m.id) ? 0 : 1;
      if (remain > 0)
        RowFault(rr, kKind, "conflict",
                 Problem{true,
                         fmt::format("the head of household {} leaves while {} other member(s) remain: new_head is needed; "
                                     "change the head first (POST /api/v1/households/{}/head, 变更户主), then import this row",
                                     h.household_no, remain, h.id),
                         fmt::format("户主{}后该户仍有 {} 名成员：须先变更户主，再导入此行", rr.text[kKind], remain),
                         "change the household's head first (变更户主 on the household's page), then import the row again",
                         "先在该户页面办理变更户主，再重新导入此行"});
    }
  }

  Result<const EventHousehold*> Household(const std::string& no) {
    if (auto it = households_.find(no); it != households_.end()) return it->second ? &*it->second : nullptr;
    ANJU_TRY(h, repo_.FindEventHousehold(actor_.scope, no));
    auto& slot = households_[no];
    if (h) slot = std::make_unique<EventHousehold>(std::move(*h));
    return slot ? &*slot : nullptr;
  }

  // Stage 3: the rows through the life-event rules, in date order (joinings, member leavings,
  // head leavings for one day), each refusal a fault of its row.
  Status Apply() {
    if (!repo_.CanApply()) {
      if (!opt_.dry_run)
        return std::unexpected(Error{ErrorCode::kUnavailable,
                                     "the events roster was checked but cannot be applied: the life-event service is not "
                                     "wired into the import yet; nothing was written",
                                     "变动名册已检查，但导入尚未接入人员变动服务，不能写入；未写入任何内容", "", ""});
      Fault f;
      f.error = false;
      f.file = file_;
      f.kind = "sheet";
      f.reason = "every row was checked; the life-event rules themselves (applied at import) were not run in this preview";
      f.reason_zh = "已逐行检查；人员变动规则本身（导入时执行）未在预览中运行";
      f.fix = "none needed";
      f.fix_zh = "无需处理";
      AddFault(std::move(f));
      return {};
    }
    std::vector<size_t> order(rows_.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    auto rank = [&](const ReadRow& r) {
      if (r.joins) return 0;
      return r.ev.person.relationship == registry::Relationship::kHead ? 2 : 1;
    };
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      const ReadRow &x = rows_[a], &y = rows_[b];
      if (x.ev.date != y.ev.date) return x.ev.date < y.ev.date;
      return rank(x) < rank(y);
    });
    for (size_t i : order) {
      ReadRow& rr = rows_[i];
      file_ = file_of_[i];
      sheet_ = sheet_of_[i];
      auto id = repo_.ApplyEvent(actor_, *rr.household, rr.ev);
      if (!id) {
        const Error& e = id.error();
        if (e.code != ErrorCode::kInvalidArgument && e.code != ErrorCode::kConflict && e.code != ErrorCode::kNotFound)
          return std::unexpected(e);
        int c = kCols;
        for (int k = 0; k < kCols; ++k)
          if (e.field == Columns()[static_cast<size_t>(k)].field) c = k;
        if (e.field == "new_head") c = kKind;
        if (e.field == "person.relationship") c = kRelationship;
        if (e.field == "person.resident_id") c = kResidentId;
        RowFault(rr, c, e.code == ErrorCode::kConflict ? "conflict" : "value",
                 Problem{true, e.message, e.message_zh.empty() ? e.message : e.message_zh, "correct the row as the message says",
                         "按提示改正此行"});
        continue;
      }
      ++res_.events_recorded;
      if (rr.joins && rr.ev.kind != RegisterEventKind::kReturned) ++res_.persons_created;
    }
    return {};
  }

  const ImportOptions& opt_;
  const Actor& actor_;
  EventsRepository& repo_;
  ImportResult res_;
  std::string file_, sheet_;
  bool date1904_ = false;
  std::array<int, kCols> col_{};
  std::vector<std::string> header_texts_;
  int64_t header_row_ = 0;
  std::vector<ReadRow> rows_;
  std::vector<std::string> file_of_, sheet_of_;   // per row
  std::vector<int64_t> header_row_of_;            // per row
  std::map<std::pair<std::string, int>, int64_t> seen_;  // (id, kind) -> first row
  std::unordered_map<std::string, std::unique_ptr<EventHousehold>> households_;  // null: not registered
};

}  // namespace

Result<bool> IsEventsRoster(const std::shared_ptr<InputFile>& file, const ImportOptions& options) {
  OpenOptions oo;
  oo.encoding = options.encoding;
  ANJU_TRY(wb, OpenWorkbook(file, oo));
  for (size_t si = 0; si < wb->sheets().size(); ++si) {
    const SheetInfo& info = wb->sheets()[si];
    if (!options.sheet.empty() ? info.name != options.sheet : (info.hidden || info.name == kErrorReportFaultSheet)) continue;
    bool found = false;
    int64_t seen = 0;
    const Error stop{ErrorCode::kInternal, "stop"};
    auto st = wb->ReadRows(si, [&](const Row& r) -> Status {
      std::set<int> keys;
      for (const Cell& c : r.cells)
        if (c.type == Cell::Type::kText && !c.text.empty() && c.text.size() < 60)
          if (auto k = MatchEventHeader(c.text); k && *k >= 0) keys.insert(*k);
      if (keys.contains(kKind) && (keys.contains(kName) || keys.contains(kResidentId))) found = true;
      if (found || ++seen >= 30) return std::unexpected(stop);
      return {};
    });
    if (!st && st.error().message != "stop") return std::unexpected(st.error());
    return found;  // the first sheet that would be imported decides
  }
  return false;
}

Result<ImportResult> ImportEvents(const std::vector<std::shared_ptr<InputFile>>& files, const ImportOptions& options,
                                  const Actor& actor, EventsRepository& repo) {
  if (!actor.CanWrite() && !options.dry_run)
    return PermissionDenied("this account may not change the registry", "该账号无权修改登记数据");
  EventsRun run(options, actor, repo);
  for (const auto& f : files) ANJU_CHECK(run.ReadFile(f));
  return run.Finish(files);
}

}  // namespace anju::importer
