#include "importer/importer.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "core/plausible.h"
#include "core/sha256.h"
#include "core/try.h"
#include "importer/clean.h"
#include "importer/readers.h"
#include "registry/register_event.h"
#include "registry/registry_service.h"

namespace anju::importer {

std::string_view ImportModeName(ImportMode m) { return m == ImportMode::kInsert ? "insert" : "upsert"; }

Result<ImportMode> ParseImportMode(std::string_view s) {
  if (s == "insert") return ImportMode::kInsert;
  if (s == "upsert") return ImportMode::kUpsert;
  return InvalidArgument("mode must be insert or upsert", "mode", std::string(s), "模式应为 insert 或 upsert");
}

// --- rejected rows: memory, then a temporary file --------------------------------------------

namespace {
void PutU64(std::string& o, uint64_t v) { o.append(reinterpret_cast<const char*>(&v), sizeof v); }
void PutStr(std::string& o, std::string_view s) {
  PutU64(o, s.size());
  o.append(s);
}
Error SpillError(const char* what) {
  const char* dir = std::getenv("TMPDIR");
  return Error{ErrorCode::kUnavailable,
               fmt::format("cannot {} the temporary file of rejected rows in {}: {}", what, dir && *dir ? dir : "/tmp",
                           std::strerror(errno)),
               fmt::format("无法{}被拒绝行的临时文件（{}）：{}", std::string_view(what) == "write" ? "写入" : "读取",
                           dir && *dir ? dir : "/tmp", std::strerror(errno))};
}
size_t RowBytes(const RejectedRow& r) {
  size_t n = sizeof(RejectedRow) + r.file.size() + r.sheet.size() + r.messages.size() + r.cells.capacity() * sizeof(std::string);
  for (const auto& c : r.cells) n += c.size() > 15 ? c.capacity() : 0;
  return n;
}
}  // namespace

Status RejectedRows::Add(RejectedRow row) {
  ++count_;
  if (!spill_) {
    size_t b = RowBytes(row);
    if (used_ + b <= budget_) {
      used_ += b;
      rows_.push_back(std::move(row));
      return {};
    }
    spill_.reset(std::tmpfile());  // unnamed; removed when closed or when the process ends
    if (!spill_) return std::unexpected(SpillError("create"));
  }
  std::string o;
  PutStr(o, row.file);
  PutStr(o, row.sheet);
  PutU64(o, static_cast<uint64_t>(row.row));
  PutU64(o, static_cast<uint64_t>(row.header_row));
  PutU64(o, row.cells.size());
  for (const auto& c : row.cells) PutStr(o, c);
  PutStr(o, row.messages);
  if (std::fseek(spill_.get(), 0, SEEK_END) != 0 || std::fwrite(o.data(), 1, o.size(), spill_.get()) != o.size())
    return std::unexpected(SpillError("write"));
  return {};
}

Status RejectedRows::ForEach(const std::function<Status(const RejectedRow&)>& f) const {
  for (const auto& r : rows_)
    if (auto s = f(r); !s) return s;
  if (!spill_) return {};
  std::FILE* in = spill_.get();
  if (std::fflush(in) != 0 || std::fseek(in, 0, SEEK_SET) != 0) return std::unexpected(SpillError("read"));
  auto u64 = [&](uint64_t& v) { return std::fread(&v, sizeof v, 1, in) == 1; };
  auto str = [&](std::string& v) {
    uint64_t n;
    if (!u64(n) || n > (1ull << 32)) return false;
    v.resize(n);
    return n == 0 || std::fread(v.data(), 1, n, in) == n;
  };
  RejectedRow r;
  for (size_t i = rows_.size(); i < count_; ++i) {
    uint64_t row, header_row, cells;
    if (!str(r.file) || !str(r.sheet) || !u64(row) || !u64(header_row) || !u64(cells) || cells > (1u << 20))
      return std::unexpected(SpillError("read"));
    r.row = static_cast<int64_t>(row);
    r.header_row = static_cast<int64_t>(header_row);
    r.cells.resize(cells);
    for (auto& c : r.cells)
      if (!str(c)) return std::unexpected(SpillError("read"));
    if (!str(r.messages)) return std::unexpected(SpillError("read"));
    if (auto s = f(r); !s) return s;
  }
  return {};
}

std::vector<RejectedRow> RejectedRows::ToVector() const {
  std::vector<RejectedRow> out;
  (void)ForEach([&](const RejectedRow& r) -> Status {
    out.push_back(r);
    return {};
  });
  return out;
}

namespace {

// Resident ids seen in this import: 17 digits as a number -> (file, row). Open addressing, so
// that ten million ids cost 16 bytes each rather than a node per id.
class IdSet {
 public:
  // Returns the previous (file, row) if the id was already there, else inserts it.
  std::optional<std::pair<uint32_t, int64_t>> Insert(const std::string& id18, uint32_t file, int64_t row) {
    uint64_t key = 1;  // 0 marks an empty slot
    for (size_t i = 0; i < 17; ++i) key = key * 10 + static_cast<uint64_t>(id18[i] - '0');
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    size_t mask = slots_.size() - 1;
    size_t i = (key * 0x9E3779B97F4A7C15ull) >> 20 & mask;
    while (slots_[i].first) {
      if (slots_[i].first == key)
        return std::make_pair(static_cast<uint32_t>(slots_[i].second >> 48),
                              static_cast<int64_t>(slots_[i].second & ((1ull << 48) - 1)));
      i = (i + 1) & mask;
    }
    slots_[i] = {key, (static_cast<uint64_t>(file) << 48) | static_cast<uint64_t>(row)};
    ++size_;
    return std::nullopt;
  }

 private:
  void Grow() {
    std::vector<std::pair<uint64_t, uint64_t>> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, {0, 0});
    size_t mask = slots_.size() - 1;
    for (auto& s : old) {
      if (!s.first) continue;
      size_t i = (s.first * 0x9E3779B97F4A7C15ull) >> 20 & mask;
      while (slots_[i].first) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }
  std::vector<std::pair<uint64_t, uint64_t>> slots_;
  size_t size_ = 0;
};

// Strips the suffixes township spreadsheets add or leave out.
std::string PlaceKey(std::string_view s) {
  std::string t = TrimText(s);
  std::string out;
  for (char c : t)
    if (c != ' ') out.push_back(c);
  for (std::string_view suf : {"村民委员会", "社区居民委员会", "社区居委会", "居委会", "村委会", "安置小区", "安置点",
                               "小区", "社区", "村"}) {
    if (out.size() > suf.size() + 3 && out.ends_with(suf)) {
      out.resize(out.size() - suf.size());
      break;
    }
  }
  return out;
}

// Code points of a UTF-8 string (for shared-character counts).
std::vector<uint32_t> Chars(std::string_view s) {
  std::vector<uint32_t> out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    uint32_t cp = n == 1 ? c : c & (0xFF >> (n + 1));
    for (size_t k = 1; k < n && i + k < s.size(); ++k) cp = cp << 6 | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += n;
  }
  return out;
}

// Names of one kind (origin villages, division villages, sites) with look-ups by exact name,
// by name without its suffix (村/村委会/安置点 …) and by "乡镇/村"; entries can be added while
// importing (a village created by an earlier household). Entries are stored in a deque, so
// pointers returned by Find stay valid.
struct NameIndex {
  using Named = ReferenceNames::Named;
  std::deque<Named> all;
  std::unordered_map<std::string, std::vector<const Named*>> exact, keyed;
  std::vector<std::string> towns;  // distinct contexts (township names), for "乡镇村" written together

  void Build(const std::vector<Named>& v) {
    for (const auto& n : v) Add(n);
  }
  const Named* Add(const Named& n) {
    all.push_back(n);
    const Named* p = &all.back();
    exact[p->name].push_back(p);
    keyed[PlaceKey(p->name)].push_back(p);
    if (!p->context.empty()) {
      if (std::find(towns.begin(), towns.end(), p->context) == towns.end()) towns.push_back(p->context);
      exact[p->context + "/" + p->name].push_back(p);
      keyed[PlaceKey(p->context) + "/" + PlaceKey(p->name)].push_back(p);
    }
    return p;
  }
  static void Dedup(std::vector<const Named*>& v) {
    std::sort(v.begin(), v.end(), [](auto* a, auto* b) { return a->id < b->id; });
    v.erase(std::unique(v.begin(), v.end(), [](auto* a, auto* b) { return a->id == b->id; }), v.end());
  }
  /// Every entry the text may denote: the exact name (or "乡镇/村"), else the name without its
  /// suffix; "乡镇 村" and "乡镇／村" are read as "乡镇/村".
  std::vector<const Named*> Find(const std::string& text) const {
    std::string t = TrimText(text);
    for (std::string_view sep : {"／", "\\", " ", "　"}) {
      size_t at = t.find(sep);
      if (at != std::string::npos && t.find('/') == std::string::npos) t = t.substr(0, at) + "/" + TrimText(t.substr(at + sep.size()));
    }
    if (auto it = exact.find(t); it != exact.end()) {
      auto v = it->second;
      Dedup(v);
      return v;
    }
    std::string key;
    if (size_t slash = t.find('/'); slash != std::string::npos)
      key = PlaceKey(t.substr(0, slash)) + "/" + PlaceKey(t.substr(slash + 1));
    else
      key = PlaceKey(t);
    if (auto it = keyed.find(key); it != keyed.end()) {
      auto v = it->second;
      Dedup(v);
      return v;
    }
    // A township and its village written together without a separator ("白文镇张家湾村" for
    // 白文镇/张家湾村委会): every township name the text starts with whose rest names one of its
    // villages. Several such readings are returned together (the caller lists them as ambiguous).
    std::vector<const Named*> v;
    if (t.find('/') == std::string::npos)
      for (const std::string& town : towns)
        if (t.size() > town.size() && t.starts_with(town))
          if (auto it = keyed.find(PlaceKey(town) + "/" + PlaceKey(t.substr(town.size()))); it != keyed.end())
            v.insert(v.end(), it->second.begin(), it->second.end());
    Dedup(v);
    return v;
  }
  /// Up to three labels ("乡镇/村") of entries that look like `text`: sharing at least one
  /// character with it and within an edit distance of half its length (at least 1), counted in
  /// characters after the suffixes are dropped; nearest first. Empty when nothing is close.
  std::vector<std::pair<int, std::string>> Similar(const std::string& text) const {
    std::string t = TrimText(text);
    if (size_t slash = t.find('/'); slash != std::string::npos) t = t.substr(slash + 1);
    std::string key = PlaceKey(t);
    auto kc = Chars(key);
    std::vector<std::pair<int, std::string>> out;
    if (kc.empty()) return out;
    std::unordered_set<std::string> shown;
    for (const auto& n : all) {
      std::string nk = PlaceKey(n.name);
      auto nc = Chars(nk);
      size_t shared = 0;
      for (uint32_t c : kc)
        if (std::find(nc.begin(), nc.end(), c) != nc.end()) ++shared;
      if (shared == 0) continue;
      int d = EditDistance(key, nk);
      int limit = std::max<int>(1, static_cast<int>(std::max(kc.size(), nc.size())) / 2);
      // A name inside the other ("城北安置点-2", "城北安置点（一期）" for 城北安置点): close,
      // however much was added, if the shorter has at least two characters.
      const bool inside = std::min(kc.size(), nc.size()) >= 2 &&
                          (key.find(nk) != std::string::npos || nk.find(key) != std::string::npos);
      if (inside) d = std::min(d, 1);
      if (d > limit && !inside) continue;
      std::string label = n.context.empty() ? n.name : n.context + "/" + n.name;
      if (shown.insert(label).second) out.push_back({d * 4 - static_cast<int>(shared), label});
    }
    std::sort(out.begin(), out.end());
    if (out.size() > 3) out.resize(3);
    return out;
  }
  std::string Suggest(const std::string& text) const {
    std::string o;
    for (auto& [d, label] : Similar(text)) o += (o.empty() ? "" : "、") + label;
    return o;
  }
};

// "did you mean: A、B" from several indexes (nearest first), or "" when nothing is close.
std::string SuggestFrom(const std::string& text, std::initializer_list<const NameIndex*> idx) {
  std::vector<std::pair<int, std::string>> all;
  for (auto* i : idx)
    for (auto& c : i->Similar(text))
      if (std::none_of(all.begin(), all.end(), [&](auto& a) { return a.second == c.second; })) all.push_back(c);
  std::sort(all.begin(), all.end());
  std::string o;
  for (size_t i = 0; i < all.size() && i < 3; ++i) o += (o.empty() ? "" : "、") + all[i].second;
  return o;
}

// A cleaned data row waiting for its household to be complete.
// A row's raw cell texts, kept for the error report: one buffer and each text's end offset (two
// allocations a row instead of one per cell).
class RawCells {
 public:
  void reserve(size_t n) { ends_.reserve(n); }
  void push_back(std::string_view text) {
    chars_.append(text);
    ends_.push_back(chars_.size());
  }
  size_t size() const { return ends_.size(); }
  std::string_view operator[](size_t i) const {
    size_t begin = i ? ends_[i - 1] : 0;
    return std::string_view(chars_).substr(begin, ends_[i] - begin);
  }
  std::vector<std::string> ToVector() const {
    std::vector<std::string> out;
    out.reserve(size());
    for (size_t i = 0; i < size(); ++i) out.emplace_back((*this)[i]);
    return out;
  }

 private:
  std::string chars_;
  std::vector<size_t> ends_;
};

// The household fields of a row (Field → cleaned text), for the fields the sheet has a column for.
class HouseholdCells {
 public:
  /// The text, or null when the sheet has no column for `f`.
  const std::string* find(Field f) const {
    return present_[static_cast<size_t>(f)] ? &text_[static_cast<size_t>(f)] : nullptr;
  }
  /// The text ("" when absent).
  const std::string& operator[](Field f) const { return text_[static_cast<size_t>(f)]; }
  void set(Field f, std::string t) {
    present_[static_cast<size_t>(f)] = true;
    text_[static_cast<size_t>(f)] = std::move(t);
  }

 private:
  static constexpr size_t kFields = static_cast<size_t>(Field::kFloorArea) + 1;
  std::array<std::string, kFields> text_;
  std::array<bool, kFields> present_{};
};

struct Draft {
  int64_t row = 0;
  registry::Person person;
  bool has_person = false;
  RawCells cells;                               // raw texts, for the error report
  HouseholdCells hh;                            // household fields
  std::optional<Date> move_in;
  bool move_in_written = false;  // the cell had a value (move_in empty when it was refused)
  std::optional<bool> convention;
  std::string category;
  std::string relocation_type;                  // cleaned, "" when not given
  std::optional<int64_t> floor_area_dm2;        // cleaned, nullopt when not given
  std::optional<Date> event_date;               // 变动日期: a new member's member_from
  bool pending_id = false;                      // 公民身份号码 read 待补录: resident_id '' (issue #14)
  bool has_error = false;
  bool employment_given = false;                // the sheet has 就业方式 or 是否就业: person.employment_kind
                                                // is what the row says, recorded as jobs by the writer
  std::string messages;
  std::string create_changes;                   // audit changes if the person is new (PersonJson)
  std::string source;                           // audit source: "import FILE [SHEET] row N"
  std::vector<Fault> faults;                    // this row's faults, moved to the result when
                                                // its household is written (or rejected)
};

// A household's rows, in file order.
using Group = std::vector<Draft>;

// Two-stage pipeline of an import: the calling thread reads and cleans rows and forms
// households (stage 1); one writer thread resolves each household against the registry and
// writes it (stage 2, Run::FlushGroup), in the order handed over. Stage 1 never touches the
// repository or the result's faults, stage 2 never the reader, so the two overlap on two cores.
// Batches of households go through a bounded queue (at most kMaxQueued batches wait), so memory
// stays flat however large the file. The first error of stage 2 stops it; Push and Drain then
// return that error, and stage 1 stops reading.
class GroupWriter {
 public:
  static constexpr size_t kMaxQueued = 8;
  explicit GroupWriter(std::function<Status(Group&)> write) : write_(std::move(write)) {
    thread_ = std::thread([this] { Loop(); });
  }
  /// Waits for the batch being written, drops the queued ones (the normal path has drained
  /// them already; on an error the import is rolled back anyway) and joins the thread.
  ~GroupWriter() {
    {
      std::lock_guard lock(mu_);
      closing_ = true;
      queue_.clear();
    }
    cv_.notify_all();
    thread_.join();
  }
  /// Queues `batch` for writing (waits while the queue is full). Returns stage 2's first
  /// error, if there was one (the batch is then dropped).
  Status Push(std::vector<Group> batch) {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return queue_.size() < kMaxQueued || error_.has_value(); });
    if (error_) return std::unexpected(*error_);
    queue_.push_back(std::move(batch));
    cv_.notify_all();
    return {};
  }
  /// Waits until every queued household is written; returns stage 2's first error.
  Status Drain() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return (queue_.empty() && !busy_) || error_.has_value(); });
    if (error_) return std::unexpected(*error_);
    return {};
  }

 private:
  void Loop() {
    std::unique_lock lock(mu_);
    while (true) {
      cv_.wait(lock, [&] { return !queue_.empty() || closing_; });
      if (queue_.empty()) return;  // closing and nothing left
      std::vector<Group> batch = std::move(queue_.front());
      queue_.pop_front();
      busy_ = true;
      lock.unlock();
      std::optional<Error> failed;
      for (Group& g : batch) {
        if (failed) break;
        try {
          if (auto s = write_(g); !s) failed = s.error();
        } catch (const std::exception& e) {  // e.g. bad_alloc: reported, never a crash
          failed = Internal(std::string("import writer: ") + e.what()).error();
        }
      }
      lock.lock();
      busy_ = false;
      if (failed && !error_) error_ = std::move(failed);
      if (error_) queue_.clear();
      cv_.notify_all();
    }
  }

  std::function<Status(Group&)> write_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::vector<Group>> queue_;
  bool busy_ = false;
  bool closing_ = false;
  std::optional<Error> error_;
  std::thread thread_;
};

class Run {
 public:
  /// `buffered`: collect each sheet block's households wherever their rows are (memory grows
  /// with the block) instead of streaming households whose rows are together.
  Run(const ImportOptions& o, const Actor& a, ImportRepository& r, bool buffered = false)
      : opt_(o), actor_(a), repo_(r), buffered_(buffered) {
    res_.rejected = RejectedRows(o.rejected_memory_bytes);
  }

  Status Prepare() {
    auto ref = repo_.LoadReference();
    if (!ref) return std::unexpected(ref.error());
    ref_ = std::move(*ref);
    villages_.Build(ref_.villages);
    sites_.Build(ref_.sites);
    divisions_.Build(ref_.division_villages);
    for (const auto& g : ref_.grids) grids_[{g.site_id, g.name}] = g.id;
    for (const auto& v : ref_.villages) village_township_[v.id] = v.township_code;
    for (const auto& st : ref_.sites) site_township_[st.id] = st.township_code;
    auto empty = repo_.RegistryIsEmpty();
    if (!empty) return std::unexpected(empty.error());
    registry_empty_ = *empty;
    return repo_.Begin();
  }

  Status ImportFile(const std::shared_ptr<InputFile>& file, uint32_t file_index) {
    file_ = file.get();
    file_index_ = file_index;
    file_names_.push_back(file->name());
    OpenOptions oo;
    oo.encoding = opt_.encoding;
    auto wb = OpenWorkbook(file, oo);
    if (!wb) return std::unexpected(wb.error());
    res_.files.push_back(file->name());
    res_.formats.push_back((*wb)->format());
    res_.encodings.push_back((*wb)->encoding());
    date1904_ = (*wb)->date1904();
    const auto& sheets = (*wb)->sheets();
    bool selected_found = opt_.sheet.empty();
    for (size_t i = 0; i < sheets.size(); ++i) {
      SheetReport rep;
      rep.file = file->name();
      rep.name = sheets[i].name;
      rep.hidden = sheets[i].hidden;
      if (!opt_.sheet.empty() && sheets[i].name != opt_.sheet) {
        rep.skipped_reason = "not selected (--sheet)";
        res_.sheets.push_back(std::move(rep));
        continue;
      }
      if (!opt_.sheet.empty()) selected_found = true;
      // The list of faults that anju's own error report adds after the rows (export.cc): not
      // data, so a corrected error report imports without a "no header row" warning.
      if (opt_.sheet.empty() && sheets[i].name == kErrorReportFaultSheet) {
        rep.skipped_reason = "the list of faults of an anju error report";
        res_.sheets.push_back(std::move(rep));
        continue;
      }
      sheet_ = &rep;
      if (auto s = ImportSheet(**wb, i, sheets[i], rep); !s) {
        StopWriter();  // it may be writing a household of this sheet: `rep` ends here
        return s;
      }
      res_.sheets.push_back(std::move(rep));
    }
    bool any_imported = false;
    for (const auto& s : res_.sheets)
      if (s.file == file->name() && s.imported) any_imported = true;
    if (!any_imported) {
      SheetReport rep;
      rep.name = "";
      sheet_ = &rep;
      SheetFault(fmt::format("{}: no sheet with a recognisable header was imported", file->name()),
                 "文件中没有可导入的工作表（未找到表头）", "check the sheets and the header row, or pass --sheet / --mapping",
                 true);
    }
    if (!selected_found) {
      std::string names;
      for (auto& s : sheets) names += (names.empty() ? "" : ", ") + s.name;
      return InvalidArgument(fmt::format("{}: no sheet named '{}'; the sheets are: {}", file->name(), opt_.sheet, names),
                             "sheet", opt_.sheet, "找不到指定的工作表");
    }
    return {};
  }

  Result<ImportResult> Finish(const std::vector<std::shared_ptr<InputFile>>& files) {
    bool any_error = res_.errors > 0;
    res_.rows_rejected = static_cast<int64_t>(res_.rejected.size());
    if (opt_.all_or_nothing && any_error) {
      repo_.Rollback();
      res_.rows_valid = 0;
      res_.persons_created = res_.persons_updated = res_.households_created = res_.households_updated = 0;
      return std::move(res_);
    }
    if (opt_.dry_run) {
      repo_.Rollback();
      return std::move(res_);
    }
    for (const auto& f : files) {
      ImportBatchRecord b;
      b.file_name = f->name();
      b.sha256 = f->Sha256();
      b.mode = ImportModeName(opt_.mode);
      b.all_or_nothing = opt_.all_or_nothing;
      b.rows_read = res_.rows_read;
      b.rows_imported = res_.rows_valid;
      b.rows_rejected = res_.rows_rejected;
      b.persons_created = res_.persons_created;
      b.persons_updated = res_.persons_updated;
      b.households_created = res_.households_created;
      b.households_updated = res_.households_updated;
      if (auto s = repo_.RecordBatch(actor_, b); !s) return std::unexpected(s.error());
      AuditEntry e;
      e.action = "import";
      e.entity = "import";
      e.entity_id = f->name();
      e.changes = fmt::format(
          R"({{"sha256":"{}","mode":"{}","rows_read":{},"rows_imported":{},"rows_rejected":{},"persons_created":{},"persons_updated":{},"households_created":{},"households_updated":{}}})",
          b.sha256, b.mode, b.rows_read, b.rows_imported, b.rows_rejected, b.persons_created, b.persons_updated,
          b.households_created, b.households_updated);
      e.source = "import " + f->name();
      if (auto s = repo_.Audit(actor_, e); !s) return std::unexpected(s.error());
    }
    if (auto s = repo_.Commit(); !s) return std::unexpected(s.error());
    res_.committed = true;
    return std::move(res_);
  }

  ImportResult& result() { return res_; }
  /// The streamed attempt stopped because a household's rows are not together.
  bool needs_buffered() const { return needs_buffered_; }

  /// Stops the writer thread (after the household it is writing): call before rolling back.
  void StopWriter() { writer_.reset(); }

 private:
  // --- faults ---
  void AddFault(Fault f) {
    // Huge cells (a 60 MB line, a 5-million-character name) are cut in every message.
    f.raw = ShortenForMessage(f.raw, 100);
    f.header = ShortenForMessage(f.header, 100);
    f.reason = ShortenForMessage(f.reason, 400);
    f.reason_zh = ShortenForMessage(f.reason_zh, 400);
    f.fix = ShortenForMessage(f.fix, 400);
    f.fix_zh = ShortenForMessage(f.fix_zh, 400);
    if (f.error) ++res_.errors;
    else ++res_.warnings;
    if (res_.faults.size() < opt_.max_kept_faults) res_.faults.push_back(std::move(f));
    else ++res_.faults_dropped;
  }
  Fault MakeFault(int64_t row, int col, Field field, const std::string& raw, std::string kind, const Problem& p) {
    Fault f;
    f.error = p.error;
    f.file = file_->name();
    f.sheet = sheet_->name;
    f.row = row;
    if (col >= 0) {
      f.column = ColumnLetter(col);
      if (static_cast<size_t>(col) < sheet_->header_texts.size()) f.header = sheet_->header_texts[static_cast<size_t>(col)];
    }
    f.field = field == Field::kIgnored ? "" : std::string(FieldName(field));
    f.raw = raw;
    f.kind = std::move(kind);
    f.reason = p.reason;
    f.reason_zh = p.reason_zh;
    f.fix = p.fix;
    f.fix_zh = p.fix_zh;
    return f;
  }
  void RowFault(Draft& d, int col, Field field, const std::string& raw, std::string kind, const Problem& p) {
    Fault f = MakeFault(d.row, col, field, raw, std::move(kind), p);
    if (p.error) {
      d.has_error = true;
      if (!d.messages.empty()) d.messages += "; ";
      d.messages += (f.column.empty() ? "" : f.column + " " + ShortenForMessage(f.header, 100) + ": ") +
                    ShortenForMessage(p.reason_zh, 400) + " (" + ShortenForMessage(p.reason, 400) + ")" +
                    (p.fix.empty() ? "" : " → " + ShortenForMessage(p.fix, 400));
    }
    d.faults.push_back(std::move(f));  // to the result with its household (CommitFaults)
  }
  // Moves the faults of a household's rows to the result, row by row (stage 2 only).
  void CommitFaults(Group& group) {
    for (Draft& d : group) {
      for (Fault& f : d.faults) AddFault(std::move(f));
      d.faults.clear();
    }
  }
  void SheetFault(std::string reason, std::string zh, std::string fix, bool error) {
    Fault f;
    f.error = error;
    f.file = file_->name();
    f.sheet = sheet_->name;
    f.kind = "sheet";
    f.reason = std::move(reason);
    f.reason_zh = std::move(zh);
    f.fix = std::move(fix);
    AddFault(std::move(f));
  }

  // --- sheets ---
  Status ImportSheet(Workbook& wb, size_t index, const SheetInfo& info, SheetReport& rep) {
    std::vector<Row> head_rows;
    std::optional<HeaderInfo> header;
    bool header_failed = false;
    Error header_error;
    merged_ = &info.merged;
    carry_.clear();
    merged_by_first_row_.clear();
    for (size_t i = 0; i < info.merged.size(); ++i)
      merged_by_first_row_[info.merged[i].first_row + 1].push_back(i);
    bool hidden_skip = info.hidden && opt_.sheet.empty();
    int64_t hidden_rows = 0;
    auto detect = [&]() {
      auto h = DetectHeader(head_rows, info.merged, opt_.mapping ? &*opt_.mapping : nullptr);
      if (!h) {
        header_failed = true;
        header_error = h.error();
        return;
      }
      header = std::move(*h);
      int64_t width = 0;
      for (auto& c : header->columns) width = std::max<int64_t>(width, c.col + 1);
      rep.header_texts.assign(static_cast<size_t>(width), "");
      for (auto& c : header->columns) rep.header_texts[static_cast<size_t>(c.col)] = c.header;
      if (!rep.header) rep.header = header;
      rep.blocks.emplace_back(header->last_row, rep.header_texts);
      block_header_row_ = header->last_row;
      carry_.clear();
      col_of_.fill(-1);
      for (auto& c : header->columns)
        if (c.field != Field::kIgnored) col_of_[static_cast<size_t>(c.field)] = c.col;
    };
    auto process_buffered = [&]() -> Status {
      for (const Row& r : head_rows)
        if (r.number > header->last_row)
          if (auto s = DataRow(r, *header, rep); !s) return s;
      head_rows.clear();
      return {};
    };
    // Several rosters stacked in one sheet (each village's list under its own title and
    // header): rows that may be a block's title are held back (`titles`) until the next row
    // shows whether a header follows; a header row whose columns differ from the current ones
    // starts a new block, whose header is detected from it and the row after it (a two-level
    // header) and whose rows use that header. A header row with the same columns (printed on
    // every page) is skipped, and so are the titles before it.
    std::vector<Row> titles;
    bool first_header_seen = false;
    const bool fixed_header_row = opt_.mapping && opt_.mapping->header_row;
    bool restart = false;  // a new block's header row is in head_rows; detect with the next row
    auto flush_titles = [&]() -> Status {
      for (const Row& t : titles)
        if (auto s = DataRow(t, *header, rep); !s) return s;
      titles.clear();
      return {};
    };
    auto st = wb.ReadRows(index, [&](const Row& r) -> Status {
      if (hidden_skip) {
        if (std::any_of(r.cells.begin(), r.cells.end(), [](const Cell& c) { return !c.empty(); })) ++hidden_rows;
        return {};
      }
      if (header_failed) return {};
      if (restart) {
        restart = false;
        head_rows.push_back(r);
        detect();
        if (!header) return {};  // header_failed: the rest of the sheet is not read as data
        return process_buffered();
      }
      if (!header) {
        head_rows.push_back(r);
        // The first header row found, and the row after it (a two-level header's lower row),
        // are enough: a later block's header (stacked rosters) must not be taken for the first.
        const bool ready = head_rows.size() >= 40 || (first_header_seen && !fixed_header_row);
        std::array<int, 32> at;
        if (!first_header_seen && !fixed_header_row && HeaderLike(r, at)) first_header_seen = true;
        if (ready) {
          detect();
          if (header) return process_buffered();
        }
        return {};
      }
      const bool blank = std::none_of(r.cells.begin(), r.cells.end(), [](const Cell& c) { return !c.empty(); });
      if (blank) {
        if (!titles.empty()) titles.push_back(r);
        else return DataRow(r, *header, rep);
        return {};
      }
      switch (BlockHeader(r)) {
        case HeaderKind::kSame:  // repeated on every page: not data, and neither are titles above it
          rep.blank_rows += static_cast<int64_t>(titles.size()) + 1;
          titles.clear();
          return {};
        case HeaderKind::kNew: {
          if (auto s = EndSheet(); !s) return s;  // the writer is idle: columns may change
          group_key_.clear();
          rep.blank_rows += static_cast<int64_t>(titles.size());
          titles.clear();
          head_rows.clear();
          head_rows.push_back(r);
          header.reset();
          restart = true;
          return {};
        }
        case HeaderKind::kNone: break;
      }
      if (TitleLike(r)) {
        titles.push_back(r);
        return {};
      }
      if (auto s = flush_titles(); !s) return s;
      return DataRow(r, *header, rep);
    });
    if (!st) return st;
    if (header && !titles.empty())
      if (auto s = flush_titles(); !s) return s;
    if (restart) {  // the sheet ends with a header row
      restart = false;
      detect();
      if (header)
        if (auto s = process_buffered(); !s) return s;
    }
    if (hidden_skip) {
      rep.skipped_reason = "hidden sheet";
      if (hidden_rows > 0)
        SheetFault(fmt::format("sheet '{}' is hidden and has {} non-empty rows; it was not imported", info.name, hidden_rows),
                   fmt::format("工作表“{}”是隐藏的（{}行有内容），未导入", info.name, hidden_rows),
                   fmt::format("unhide it and import again, or import it explicitly with --sheet '{}'", info.name), false);
      return {};
    }
    if (!header && !header_failed && !head_rows.empty()) {
      detect();
      if (header)
        if (auto s = process_buffered(); !s) return s;
    }
    if (!header) {
      bool has_content = !head_rows.empty();
      rep.skipped_reason = has_content ? "no header row" : "empty sheet";
      if (has_content) SheetFault(header_error.message, header_error.message_zh, "add a header row or pass --mapping", false);
      return {};
    }
    rep.imported = true;
    if (auto s = EndSheet(); !s) return s;
    if (rep.data_rows == 0)  // a template sent back empty, or the rows are on another sheet
      SheetFault(fmt::format("sheet '{}' has a header (row {}) but no data rows; nothing was imported from it",
                             info.name, header->last_row),
                 fmt::format("工作表“{}”只有表头（第{}行），没有数据行，未导入任何记录", info.name, header->last_row),
                 "fill in the rows under the header, or check that you sent the right file and sheet", false);
    return {};
  }

  // --- the writer stage ---
  // Hands the household collected in group_ to the writer (in batches of kBatch households).
  Status HandOff() {
    if (group_.empty()) return {};
    batch_.push_back(std::move(group_));
    group_.clear();
    if (batch_.size() < kBatch) return {};
    return PushBatch();
  }
  Status PushBatch() {
    if (batch_.empty()) return {};
    std::vector<Group> b;
    b.swap(batch_);
    if (!opt_.pipeline) {  // one thread: write here
      for (Group& g : b)
        if (auto s = FlushGroup(g); !s) return s;
      return {};
    }
    if (!writer_) writer_ = std::make_unique<GroupWriter>([this](Group& g) { return FlushGroup(g); });
    return writer_->Push(std::move(b));
  }
  // The sheet's last household, then waits for the writer: faults and counts are complete and
  // the writer is idle when this returns (the next sheet may change file_ and sheet_).
  Status EndSheet() {
    const size_t faults_before = res_.faults.size();
    for (Group& g : open_) {  // buffered: the block's households, in order of first appearance
      if (auto s = HandOff(); !s) return s;
      group_ = std::move(g);
    }
    const bool sort_faults = !open_.empty();
    open_.clear();
    open_index_.clear();
    ++block_no_;
    if (auto s = HandOff(); !s) return s;
    if (auto s = PushBatch(); !s) return s;
    if (auto s = writer_ ? writer_->Drain() : Status{}; !s) return s;
    // Households collected from anywhere write their faults household by household: back to
    // the file's row order (stable: a row's own faults keep their order).
    if (sort_faults)
      std::stable_sort(res_.faults.begin() + static_cast<std::ptrdiff_t>(faults_before), res_.faults.end(),
                       [](const Fault& a, const Fault& b) { return a.row < b.row; });
    return {};
  }

  enum class HeaderKind { kNone, kSame, kNew };
  // Whether `r` names at least two known columns, 姓名 or 公民身份号码 among them (DetectHeader's
  // rule); `at` gets each field's column (-1 when absent).
  static bool HeaderLike(const Row& r, std::array<int, 32>& at) {
    at.fill(-1);
    int known = 0;
    bool key = false;
    for (size_t c = 0; c < r.cells.size(); ++c) {
      const Cell& x = r.cells[c];
      if (x.type != Cell::Type::kText || x.text.empty() || x.text.size() > 60) continue;
      auto f = MatchHeader(x.text);
      if (!f || *f == Field::kIgnored || at[static_cast<size_t>(*f)] >= 0) continue;
      at[static_cast<size_t>(*f)] = static_cast<int>(c);
      ++known;
      key = key || *f == Field::kName || *f == Field::kResidentId;
    }
    return known >= 2 && key;
  }
  // Whether a row after the header is itself a header row (at least two known column names,
  // 姓名 or 公民身份号码 among them; as DetectHeader), and if so whether its columns are the
  // current ones (kSame) or another layout (kNew).
  HeaderKind BlockHeader(const Row& r) const {
    // Cheap test first (MatchHeader normalises with ICU): a data row's id cell is a number or
    // holds at least six digits, which no header text does.
    if (int ic = col(Field::kResidentId); ic >= 0 && static_cast<size_t>(ic) < r.cells.size()) {
      const Cell& id = r.cells[static_cast<size_t>(ic)];
      if (id.type == Cell::Type::kNumber ||
          std::count_if(id.text.begin(), id.text.end(), [](char ch) { return ch >= '0' && ch <= '9'; }) >= 6)
        return HeaderKind::kNone;
    }
    std::array<int, 32> at;
    if (!HeaderLike(r, at)) return HeaderKind::kNone;
    bool same = true;
    std::array<bool, 32> seen{};
    for (size_t f = 0; f < at.size(); ++f) {
      seen[f] = at[f] >= 0;
      if (at[f] >= 0 && col_of_[f] != at[f]) same = false;
    }
    for (size_t f = 0; f < col_of_.size(); ++f)  // a column of the current header missing from it
      if (col_of_[f] >= 0 && !seen[f] && static_cast<size_t>(col_of_[f]) < r.cells.size() &&
          !r.cells[static_cast<size_t>(col_of_[f])].empty())
        same = false;
    return same ? HeaderKind::kSame : HeaderKind::kNew;
  }
  // A row that may be the title of a stacked block ("二、张家湾村搬迁人口花名册", "填报单位：…"):
  // neither a name nor an id of its own and at most three filled cells. Held back until the
  // next row shows whether a header follows (else it is read as data, with its faults).
  bool TitleLike(const Row& r) const {
    auto own = [&](Field f) {
      int c = col(f);
      return c >= 0 && static_cast<size_t>(c) < r.cells.size() && !r.cells[static_cast<size_t>(c)].empty();
    };
    if (own(Field::kName) || own(Field::kResidentId)) return false;
    return std::count_if(r.cells.begin(), r.cells.end(), [](const Cell& c) { return !c.empty(); }) <= 3;
  }

  bool FooterRow(const Row& r) { return IsFooterRow(r); }

  Status DataRow(const Row& r, const HeaderInfo& header, SheetReport& rep) {
    if (opt_.progress && (++progress_rows_ & 4095) == 0) opt_.progress(file_->name(), progress_rows_);
    // Merged ranges starting on this row: remember their top-left value for the rows below.
    if (auto it = merged_by_first_row_.find(r.number); it != merged_by_first_row_.end()) {
      for (size_t mi : it->second) {
        const MergedRange& m = (*merged_)[mi];
        if (m.last_row <= m.first_row) continue;
        Cell v = static_cast<size_t>(m.first_col) < r.cells.size() ? r.cells[static_cast<size_t>(m.first_col)] : Cell{};
        for (int c = m.first_col; c <= m.last_col; ++c) carry_[c] = {m.last_row + 1, v};
      }
    }
    auto cell = [&](int col) -> const Cell& {
      static const Cell kEmpty;
      if (col < 0) return kEmpty;
      const Cell* own = static_cast<size_t>(col) < r.cells.size() ? &r.cells[static_cast<size_t>(col)] : &kEmpty;
      if (own->empty()) {
        auto it = carry_.find(col);
        if (it != carry_.end() && r.number <= it->second.first) return it->second.second;  // inside a real merge
      }
      return *own;
    };
    bool any = false;
    for (const auto& c : r.cells)
      if (!c.empty()) any = true;
    if (!any) {
      ++rep.blank_rows;
      return {};
    }
    if (FooterRow(r)) {
      ++rep.footer_rows;
      return {};
    }
    // A repeated header (printed on every page) is not data.
    int name_col = col(Field::kName);
    if (name_col >= 0 && static_cast<size_t>(name_col) < rep.header_texts.size() &&
        cell(name_col).type == Cell::Type::kText && cell(name_col).text.size() < 40 &&
        TrimText(cell(name_col).text) == TrimText(rep.header_texts[static_cast<size_t>(name_col)])) {
      ++rep.blank_rows;
      return {};
    }
    ++rep.data_rows;
    ++res_.rows_read;
    Draft d;
    d.row = r.number;
    d.cells.reserve(r.cells.size());
    for (size_t c = 0; c < std::max(r.cells.size(), rep.header_texts.size()); ++c) {
      const Cell& x = cell(static_cast<int>(c));
      if (x.type == Cell::Type::kText && !(x.text.size() > 1 && x.text[0] == '\'')) {
        d.cells.push_back(x.text);  // CellText(x) without the copy
      } else if (x.type == Cell::Type::kNumber && x.date_format) {
        // The error report shows (and re-imports) a date cell as the date, not its serial.
        auto date = DateFromSerial(x.number, date1904_);
        d.cells.push_back(date ? FormatIsoDate(*date) : CellText(x));
      } else if (x.type == Cell::Type::kNumber && std::isfinite(x.number) && x.number != std::floor(x.number)) {
        // Shortest text that reads back as the same number: 93.85, not the 93.84999999999999 a
        // writer's 16 digits give, which the report's text cell would keep and re-import refuse.
        d.cells.push_back(fmt::format("{}", x.number));
      } else {
        d.cells.push_back(CellText(x));
      }
    }
    (void)header;
    CleanRow(d, cell);
    return AddToGroup(std::move(d));
  }

  int col(Field f) const {
    return col_of_[static_cast<size_t>(f)];
  }

  // One row being cleaned (CleanRow and its steps): the row's draft, its cells, the problems
  // of the field being cleaned, which fields hold a formula error, and the resident id.
  template <class CellFn>
  struct RowCleaning {
    Draft& d;
    CellFn& cell;
    Problems ps;
    std::array<bool, 32> formula_error{};
    std::optional<std::string> rid;    // the cleaned resident id (when valid)
    std::optional<ResidentId> parsed;  // and parsed
  };

  // The problems gathered for field `f` (rc.ps) as faults of `kind` on its cell, then cleared;
  // dropped when the cell holds a formula error (named once already).
  template <class CellFn>
  void ReportCellProblems(RowCleaning<CellFn>& rc, Field f, std::string kind) {
    int c = col(f);
    if (rc.formula_error[static_cast<size_t>(f)]) rc.ps.clear();
    for (auto& p : rc.ps) RowFault(rc.d, c, f, CellText(rc.cell(c)), kind, p);
    rc.ps.clear();
  }

  // The trimmed text of field `f`'s cell ("" when the sheet has no column for it).
  template <class CellFn>
  std::string CellTrimmed(RowCleaning<CellFn>& rc, Field f) {
    return col(f) >= 0 ? TrimText(CellText(rc.cell(col(f)))) : std::string();
  }

  // Cleans one data row into `d` (person, household cells, faults) in named steps; the row's
  // faults are on `d`, nothing is written.
  template <class CellFn>
  void CleanRow(Draft& d, CellFn& cell) {
    RowCleaning<CellFn> rc{d, cell, {}, {}, {}, {}};
    // Formula error cells (#N/A …) are named as such, once; the field's own cleaner would only
    // say that "#N/A" is not an id or not a date.
    std::array<bool, 32>& formula_error = rc.formula_error;
    for (size_t f = 0; f < col_of_.size(); ++f) {
      if (col_of_[f] < 0) continue;
      if (std::string e = FormulaErrorOf(cell(col_of_[f])); !e.empty()) {
        RowFault(d, col_of_[f], static_cast<Field>(f), e, "formula", FormulaErrorProblem(e));
        formula_error[f] = true;
      }
    }
    CleanIdentity(rc);
    CleanPersonValues(rc);
    CleanHouseholdCells(rc);
    CleanEventDate(rc);
    CheckDuplicatePerson(rc);
    PrepareForWriter(rc);
  }

  // 公民身份号码, 姓名, 与户主关系; sex and birth date from the id (their columns, when present,
  // must agree with it). Sets rc.rid, rc.parsed and the person's fields. Faults: a missing
  // column ("structure"), a refused value, a sex or birth date disagreeing with the id.
  template <class CellFn>
  void CleanIdentity(RowCleaning<CellFn>& rc) {
    Draft& d = rc.d;
    CellFn& cell = rc.cell;
    Problems& ps = rc.ps;
    registry::Person& p = d.person;
    auto report = [&](Field f, std::string kind) { ReportCellProblems(rc, f, std::move(kind)); };
    std::optional<std::string>& rid = rc.rid;
    std::optional<ResidentId>& parsed = rc.parsed;
    if (col(Field::kResidentId) < 0) {
      RowFault(d, -1, Field::kResidentId, "", "structure",
               Problem{true, "the sheet has no 公民身份号码 column", "缺少“公民身份号码”列",
                       "add the column or map it with --mapping",
                       "添加该列，或用 --mapping 指定对应的列"});
    } else if (IsPendingResidentIdText(TrimText(CellText(cell(col(Field::kResidentId)))))) {
      d.pending_id = true;  // a newborn's id to be filled: '' with sex and birth date as given
    } else {
      rid = CleanResidentId(cell(col(Field::kResidentId)), opt_.today, ps);
      report(Field::kResidentId, "resident_id");
    }
    if (auto name = col(Field::kName) >= 0 ? CleanName(cell(col(Field::kName)), ps) : std::nullopt) p.name = *name;
    else if (col(Field::kName) < 0)
      RowFault(d, -1, Field::kName, "", "structure", Problem{true, "the sheet has no 姓名 column", "缺少“姓名”列", "add the column",
                                                             "添加该列"});
    report(Field::kName, "name");
    p.name_initials = registry::NameInitials(p.name);  // here, on the reading thread
    if (rid) {
      auto id = ParseResidentId(*rid, opt_.today);
      if (id) parsed = *id;
      p.resident_id = *rid;
    }
    // Relationship.
    if (col(Field::kRelationship) >= 0) {
      if (auto rel = CleanRelationship(cell(col(Field::kRelationship)), ps)) {
        if (auto r = registry::ParseRelationship(*rel)) p.relationship = *r;
      }
      report(Field::kRelationship, "relationship");
    } else {
      RowFault(d, -1, Field::kRelationship, "", "structure",
               Problem{true, "the sheet has no 与户主关系 column", "缺少“与户主关系”列", "add the column",
                       "添加该列"});
    }
    // Sex and birth date: from the id; columns, when present, must agree with it.
    if (parsed) {
      p.sex = parsed->sex();
      p.birth_date = parsed->BirthDate();
    }
    if (col(Field::kSex) >= 0 && !cell(col(Field::kSex)).empty()) {
      auto s = CleanSex(cell(col(Field::kSex)), ps);
      report(Field::kSex, "value");
      if (s && parsed && *s != SexName(parsed->sex()))
        RowFault(d, col(Field::kSex), Field::kSex, CellText(cell(col(Field::kSex))), "value",
                 Problem{true, fmt::format("sex {} disagrees with the resident id, which says {}", *s, SexName(parsed->sex())),
                         "性别与身份证号不一致", "check the id (17th digit: odd male, even female) and the sex",
                         "核对身份证号（第 17 位：奇数为男，偶数为女）和性别"});
    }
    if (col(Field::kBirthDate) >= 0 && !cell(col(Field::kBirthDate)).empty()) {
      auto b = CleanDate(cell(col(Field::kBirthDate)), date1904_, ps);
      report(Field::kBirthDate, "date");
      if (b && parsed && *b != parsed->BirthDate())
        RowFault(d, col(Field::kBirthDate), Field::kBirthDate, CellText(cell(col(Field::kBirthDate))), "date",
                 Problem{true,
                         fmt::format("birth date {} disagrees with the resident id, which says {}", FormatIsoDate(*b),
                                     FormatIsoDate(parsed->BirthDate())),
                         "出生日期与身份证号不一致",
                         fmt::format("the id says {}; correct the birth date or the id", FormatIsoDate(parsed->BirthDate())),
                         fmt::format("身份证号中的出生日期为 {}；请改正出生日期或身份证号", FormatIsoDate(parsed->BirthDate()))});
    }
    if (d.pending_id) CleanPendingIdParticulars(rc);
    if (parsed)  // the id's own check bounds it by today; 1900 is the registry's lower bound
      if (auto st = ValidateDateInRange("birth_date", p.birth_date, opt_.today); !st)
        RowFault(d, col(Field::kResidentId), Field::kResidentId, MaskResidentId(*rid), "resident_id",
                 Problem{true, st.error().message, st.error().message_zh, "check the birth date digits (7–14) of the id",
                         "核对身份证号第 7–14 位（出生日期）"});
  }

  // A pending id (待补录, d.pending_id): sex and birth date cannot come from the id, so their
  // cells are required; the birth date not after today nor before 1900. Sets the person's
  // sex and birth date. Faults: "value" on 性别 and "date" on 出生日期 (the cell, or the column
  // missing), each naming 待补录.
  template <class CellFn>
  void CleanPendingIdParticulars(RowCleaning<CellFn>& rc) {
    Draft& d = rc.d;
    CellFn& cell = rc.cell;
    registry::Person& p = d.person;
    auto missing = [&](Field f, const char* zh_name) {
      RowFault(d, col(f), f, "", f == Field::kSex ? "value" : "date",
               Problem{true,
                       fmt::format("the resident id is pending (待补录), so {} must be given",
                                   f == Field::kSex ? "the sex (性别)" : "the birth date (出生日期)"),
                       fmt::format("身份证号待补录时须填写{}", zh_name),
                       fmt::format("fill in {} from the birth certificate (出生医学证明), or write the resident id",
                                   f == Field::kSex ? "性别" : "出生日期"),
                       fmt::format("按出生医学证明填写{}，或填写身份证号", zh_name)});
    };
    const bool has_sex = col(Field::kSex) >= 0 && !TrimText(CellText(cell(col(Field::kSex)))).empty();
    const bool has_birth = col(Field::kBirthDate) >= 0 && !TrimText(CellText(cell(col(Field::kBirthDate)))).empty();
    if (!has_sex) missing(Field::kSex, "性别");
    else if (Problems ps; auto s = CleanSex(cell(col(Field::kSex)), ps))
      p.sex = *s == "female" ? Sex::kFemale : Sex::kMale;  // a refused sex is reported by CleanIdentity
    if (!has_birth) {
      missing(Field::kBirthDate, "出生日期");
    } else if (Problems ps; auto b = CleanDate(cell(col(Field::kBirthDate)), date1904_, ps)) {
      p.birth_date = *b;  // a refused date is reported by CleanIdentity
      if (auto st = ValidateDateInRange("birth_date", p.birth_date, opt_.today); !st)
        RowFault(d, col(Field::kBirthDate), Field::kBirthDate, CellText(cell(col(Field::kBirthDate))), "date",
                 Problem{true, st.error().message, st.error().message_zh, "correct the birth date",
                         "改正出生日期"});
    }
  }

  // The person's other values: 民族, 文化程度, 工作单位, 联系电话, 健康状况, 残疾等级, 劳动能力,
  // 务工意愿, 是否就业 and 就业方式 (which must agree). Faults: each refused value, on its cell.
  template <class CellFn>
  void CleanPersonValues(RowCleaning<CellFn>& rc) {
    Draft& d = rc.d;
    CellFn& cell = rc.cell;
    Problems& ps = rc.ps;
    registry::Person& p = d.person;
    auto report = [&](Field f, std::string kind) { ReportCellProblems(rc, f, std::move(kind)); };
    auto text = [&](Field f) { return CellTrimmed(rc, f); };
    // A rule's refusal as this cell's fault (row, column, value, reason en/zh, fix).
    auto refuse_cell = [&](Field f, const Error& e, std::string fix, std::string fix_zh) {
      RowFault(d, col(f), f, text(f), "value", Problem{true, e.message, e.message_zh, std::move(fix), std::move(fix_zh)});
    };
    if (auto e = registry::ParseEthnicity(text(Field::kEthnicity))) p.ethnicity = *e;
    else refuse_cell(Field::kEthnicity, e.error(), "write the group's name (汉族 or 汉), its GB/T 3304-1991 code (01), or 其他",
                     "填写民族名称（汉族或汉）、GB/T 3304-1991 代码（01）或“其他”");
    if (auto e = registry::ParseEducation(text(Field::kEducation))) p.education = *e;
    else refuse_cell(Field::kEducation, e.error(), "write one of 学龄前, 文盲, 小学, 初中, 高中, 技工学校, 中专, 大专及以上",
                     "请填写以下之一：学龄前、文盲、小学、初中、高中、技工学校、中专、大专及以上");
    p.employer = text(Field::kEmployer);
    if (auto st = ValidateFreeText("employer", p.employer, kMaxShortTextChars); !st)
      refuse_cell(Field::kEmployer, st.error(), "shorten the text or delete the invisible character",
                  "缩短内容，或删除其中的不可见字符");
    if (col(Field::kPhone) >= 0) {
      if (auto ph = CleanPhone(cell(col(Field::kPhone)), ps)) p.phone = *ph;
      report(Field::kPhone, "phone");
    }
    if (col(Field::kHealth) >= 0) {
      if (auto h = CleanHealth(cell(col(Field::kHealth)), ps); h && !h->empty())
        if (auto hv = registry::ParseHealth(*h)) p.health = *hv;
      report(Field::kHealth, "value");
    }
    if (col(Field::kDisabilityGrade) >= 0) {
      std::string g = text(Field::kDisabilityGrade);
      if (g == "一级") g = "1";
      else if (g == "二级") g = "2";
      else if (g == "三级") g = "3";
      else if (g == "四级") g = "4";
      if (!g.empty()) {
        if (g.size() == 1 && g[0] >= '1' && g[0] <= '4') p.disability_grade = g[0] - '0';
        else
          RowFault(d, col(Field::kDisabilityGrade), Field::kDisabilityGrade, g, "value",
                   Problem{true, fmt::format("disability grade '{}' is not 1–4", g), "残疾等级应为1至4级", "write 1, 2, 3 or 4",
                           "填写 1、2、3 或 4"});
      }
    }
    auto yesno = [&](Field f, bool& target) {
      if (col(f) < 0) return;
      if (auto v = CleanYesNo(cell(col(f)), ps)) target = *v;
      report(f, "value");
    };
    yesno(Field::kAbleToWork, p.able_to_work);
    yesno(Field::kWantsWork, p.wants_work);
    std::optional<bool> employed;
    if (col(Field::kEmployed) >= 0 && !cell(col(Field::kEmployed)).empty()) {
      employed = CleanYesNo(cell(col(Field::kEmployed)), ps);
      report(Field::kEmployed, "value");
    }
    if (col(Field::kEmploymentKind) >= 0) {
      if (auto k = CleanEmploymentKind(cell(col(Field::kEmploymentKind)), ps); k && !k->empty())
        if (auto kv = registry::ParseEmploymentKind(*k)) p.employment_kind = *kv;
      report(Field::kEmploymentKind, "value");
    }
    if (employed && *employed && p.employment_kind == registry::EmploymentKind::kNone)
      RowFault(d, col(Field::kEmploymentKind), Field::kEmploymentKind, text(Field::kEmploymentKind), "value",
               Problem{true, "是否就业 says yes but no employment kind is given", "已就业但未填写就业方式",
                       "fill in 就业方式 (扶贫车间, 产业园区, 公益岗位, 企业务工, 外出务工, 自主创业)",
                       "填写就业方式（扶贫车间、产业园区、公益岗位、企业务工、外出务工、自主创业）"});
    if (employed && !*employed && p.employment_kind != registry::EmploymentKind::kNone)
      RowFault(d, col(Field::kEmployed), Field::kEmployed, text(Field::kEmployed), "value",
               Problem{true, "是否就业 says no but an employment kind is given", "未就业但填写了就业方式",
                       "correct one of the two columns",
                       "改正两列中的一列"});
  }

  // The household cells of the row (户编号 and 楼栋/单元/房号 normalised, a whole address in the
  // 房号 cell split with a warning), 搬迁类型, 住房面积, 人口类别, 入住日期 (not after today, not
  // before 1900), 签订协议. Faults: each refused value, on its cell.
  template <class CellFn>
  void CleanHouseholdCells(RowCleaning<CellFn>& rc) {
    Draft& d = rc.d;
    CellFn& cell = rc.cell;
    Problems& ps = rc.ps;
    auto report = [&](Field f, std::string kind) { ReportCellProblems(rc, f, std::move(kind)); };
    auto text = [&](Field f) { return CellTrimmed(rc, f); };
    // Household fields.
    for (Field f : {Field::kHeadName, Field::kOriginVillage, Field::kSite, Field::kGrid, Field::kRelocationType,
                    Field::kFloorArea})
      if (col(f) >= 0) d.hh.set(f, text(f));
    // Codes: full-width digits and punctuation to ASCII (NFKC), so that "Ｈ１" is household H1 and
    // "３号楼" building 3; a housing unit's parts in their canonical form (CanonicalUnitPart).
    if (col(Field::kHouseholdNo) >= 0) d.hh.set(Field::kHouseholdNo, NormalizeCode(text(Field::kHouseholdNo)));
    if (col(Field::kBuilding) >= 0) d.hh.set(Field::kBuilding, CanonicalUnitPart(text(Field::kBuilding), UnitPart::kBuilding));
    if (col(Field::kEntrance) >= 0) d.hh.set(Field::kEntrance, CanonicalUnitPart(text(Field::kEntrance), UnitPart::kEntrance));
    if (col(Field::kRoom) >= 0) {
      d.hh.set(Field::kRoom, CanonicalUnitPart(text(Field::kRoom), UnitPart::kRoom));
      // The whole address in the 房号 cell ("3号楼2单元301", "3-2-301") when 楼栋 and 单元 are empty.
      const std::string* b = d.hh.find(Field::kBuilding);
      const std::string* e = d.hh.find(Field::kEntrance);
      if ((!b || b->empty()) && (!e || e->empty()) && !d.hh[Field::kRoom].empty())
        if (auto a = SplitUnitAddress(text(Field::kRoom))) {
          if (a->dashed)
            RowFault(d, col(Field::kRoom), Field::kRoom, text(Field::kRoom), "value",
                     Problem{false,
                             fmt::format("'{}' read as 楼栋 {}, 单元 {}, 房号 {} (building-entrance-room)", text(Field::kRoom),
                                         a->building, a->entrance, a->room),
                             fmt::format("“{}”按 楼栋-单元-房号 读作 {}号楼{}单元{}室", text(Field::kRoom), a->building,
                                         a->entrance, a->room),
                             "none needed if that is right; otherwise write 楼栋, 单元 and 房号 in their own columns",
                             "如理解无误则无需处理；否则请把楼栋、单元、房号分列填写"});
          d.hh.set(Field::kBuilding, a->building);
          d.hh.set(Field::kEntrance, a->entrance);
          d.hh.set(Field::kRoom, a->room);
        }
    }
    if (col(Field::kRelocationType) >= 0 && !cell(col(Field::kRelocationType)).empty()) {
      if (auto t = CleanRelocationType(cell(col(Field::kRelocationType)), ps)) d.relocation_type = *t;
      report(Field::kRelocationType, "value");
    }
    if (col(Field::kFloorArea) >= 0 && !cell(col(Field::kFloorArea)).empty()) {
      if (auto a = CleanFloorArea(cell(col(Field::kFloorArea)), ps)) d.floor_area_dm2 = *a;
      report(Field::kFloorArea, "value");
    }
    if (col(Field::kCategory) >= 0 && !cell(col(Field::kCategory)).empty()) {
      if (auto c = CleanCategory(cell(col(Field::kCategory)), ps)) d.category = *c;
      report(Field::kCategory, "value");
    }
    if (col(Field::kMoveInDate) >= 0 && !cell(col(Field::kMoveInDate)).empty()) {
      d.move_in_written = true;
      d.move_in = CleanDate(cell(col(Field::kMoveInDate)), date1904_, ps);
      if (d.move_in)
        if (auto st = ValidateDateInRange("move_in_date", *d.move_in, opt_.today); !st) {
          ps.push_back(Problem{true, st.error().message, st.error().message_zh,
                               "check the year: a household cannot have moved in after today or before 1900",
                               "核对年份：入住日期不能晚于今天，也不能早于 1900 年"});
          d.move_in.reset();
        }
      report(Field::kMoveInDate, "date");
    }
    if (col(Field::kConvention) >= 0) {
      d.convention = CleanYesNo(cell(col(Field::kConvention)), ps);
      report(Field::kConvention, "value");
    }
  }

  // 变动日期 (入户日期): the day a new member joined a registered household (issue #14), kept as
  // the person's member_from. Faults ("date"): not a date, after today or before 1900, before
  // the person's birth.
  template <class CellFn>
  void CleanEventDate(RowCleaning<CellFn>& rc) {
    if (col(Field::kEventDate) < 0 || rc.cell(col(Field::kEventDate)).empty()) return;
    Draft& d = rc.d;
    d.event_date = CleanDate(rc.cell(col(Field::kEventDate)), date1904_, rc.ps);
    if (d.event_date)
      if (auto st = ValidateDateInRange("event_date", *d.event_date, opt_.today); !st) {
        rc.ps.push_back(Problem{true, st.error().message, st.error().message_zh,
                                "check the year: the day cannot be after today or before 1900",
                                "核对年份：变动日期不能晚于今天，也不能早于 1900 年"});
        d.event_date.reset();
      }
    if (d.event_date && rc.parsed && *d.event_date < d.person.birth_date) {
      rc.ps.push_back(Problem{true,
                              fmt::format("变动日期 {} is before the person's birth ({})", FormatIsoDate(*d.event_date),
                                          FormatIsoDate(d.person.birth_date)),
                              "变动日期早于出生日期", "check the date and the resident id", "核对变动日期和身份证号"});
      d.event_date.reset();
    }
    ReportCellProblems(rc, Field::kEventDate, "date");
  }

  // The same person twice in this import (the resident id seen on an earlier row or file):
  // a "duplicate" fault naming where.
  template <class CellFn>
  void CheckDuplicatePerson(RowCleaning<CellFn>& rc) {
    Draft& d = rc.d;
    const std::optional<std::string>& rid = rc.rid;
    // The same person twice in this import.
    if (rid) {
      if (auto prev = ids_.Insert(*rid, file_index_, d.row)) {
        std::string where = prev->first == file_index_ ? fmt::format("row {}", prev->second)
                                                       : fmt::format("{} row {}", file_names_[prev->first], prev->second);
        RowFault(d, col(Field::kResidentId), Field::kResidentId, MaskResidentId(*rid), "duplicate",
                 Problem{true, fmt::format("the same person ({}) is also at {}", MaskResidentId(*rid), where),
                         fmt::format("同一人重复出现（另见{}）", where), "keep one of the two rows",
                         "只保留两行中的一行"});
      }
    }
  }

  // Marks the row as a person and prepares, on the reading thread, what the writer needs: the
  // audit entry of a new person, the row's audit source, and the preview row (ids and phones
  // masked) when a preview is asked for.
  template <class CellFn>
  void PrepareForWriter(RowCleaning<CellFn>& rc) {
    Draft& d = rc.d;
    registry::Person& p = d.person;
    d.has_person = true;
    // Prepared here, on the reading thread, for the writer: the audit entry of a new person
    // (PersonJson has no field the writer assigns) and the row's audit source.
    // employment_kind is not written by the import: the registry seam's recorder turns it into
    // jobs and their cache (WritePersons), so a new person is created with none.
    d.employment_given = col(Field::kEmploymentKind) >= 0 || col(Field::kEmployed) >= 0;
    const registry::EmploymentKind wanted = p.employment_kind;
    p.employment_kind = registry::EmploymentKind::kNone;
    d.create_changes = PersonJson(nullptr, p);
    p.employment_kind = wanted;
    d.source = fmt::format("import {}{} row {}", file_->name(),
                           sheet_->name == file_->name() ? "" : " [" + sheet_->name + "]", d.row);
    if (opt_.preview_rows && res_.preview.size() < opt_.preview_rows) {
      std::vector<std::pair<std::string, std::string>> pv;
      pv.push_back({"row", std::to_string(d.row)});
      pv.push_back({"household_no", d.hh[Field::kHouseholdNo]});
      pv.push_back({"name", p.name});
      pv.push_back({"resident_id", MaskResidentId(p.resident_id)});
      pv.push_back({"relationship", std::string(registry::RelationshipName(p.relationship))});
      pv.push_back({"sex", std::string(SexName(p.sex))});
      pv.push_back({"birth_date", p.resident_id.empty() && !d.pending_id ? "" : FormatIsoDate(p.birth_date)});
      pv.push_back({"phone", p.phone.empty() ? "" : MaskPhone(p.phone)});
      pv.push_back({"category", d.category});
      pv.push_back({"origin_village", d.hh[Field::kOriginVillage]});
      pv.push_back({"site", d.hh[Field::kSite]});
      pv.push_back({"errors", d.messages});
      res_.preview.push_back(std::move(pv));
    }
  }

  // --- households ---
  Status AddToGroup(Draft d) {
    std::string key;
    bool by_no = col(Field::kHouseholdNo) >= 0;
    if (by_no) {
      key = d.hh[Field::kHouseholdNo];
      if (key.empty()) {
        RowFault(d, col(Field::kHouseholdNo), Field::kHouseholdNo, "", "structure",
                 Problem{true, "the household number is empty (and the cell is not inside a merged household cell)",
                         "户编号为空", "fill in the household number on every member's row, or merge the cell over them",
                         "在每位成员的行上填写户编号，或合并这些行的户编号单元格"});
        key = group_key_;  // keep it with the rows around it
      }
    } else {
      bool head = d.person.relationship == registry::Relationship::kHead;
      if (head || group_key_.empty()) key = fmt::format("\x01row{}", d.row);
      else key = group_key_;
    }
    if (by_no && buffered_) {
      // Rows of one household anywhere in the sheet block: collected under its number, handed
      // to the writer at the block's end (EndSheet) in the order of first appearance.
      group_key_ = key;
      auto it = open_index_.find(key);
      if (it == open_index_.end()) {
        if (!key.empty()) NoteHouseholdStart(d, key);
        it = open_index_.emplace(key, open_.size()).first;
        open_.emplace_back();
      }
      open_[it->second].push_back(std::move(d));
      return {};
    }
    if (key != group_key_) {
      if (auto s = HandOff(); !s) return s;
      group_key_ = key;
      if (by_no && !key.empty()) {
        if (auto it = seen_households_.find(FileKey(key)); it != seen_households_.end() && it->second.second == block_no_) {
          // The household's rows are not together: read the file again collecting households
          // wherever their rows are (RunImport; the streamed attempt is rolled back).
          needs_buffered_ = true;
          return std::unexpected(Error{ErrorCode::kConflict, "household rows not contiguous: import again buffered"});
        }
        NoteHouseholdStart(d, key);
      }
    }
    group_.push_back(std::move(d));
    return {};
  }

  // Remembers where household `key` starts; a household seen in an earlier sheet or block (or
  // file) is a fault: its rows are grouped within one sheet block only, whose columns they share.
  void NoteHouseholdStart(Draft& d, const std::string& key) {
    auto [it, fresh] = seen_households_.try_emplace(FileKey(key), d.row, block_no_);
    if (!fresh)
      RowFault(d, col(Field::kHouseholdNo), Field::kHouseholdNo, key, "structure",
               Problem{true,
                       fmt::format("household {} appeared earlier (from row {}) in another sheet, block or file", key,
                                   it->second.first),
                       "同一户的成员分在不同的工作表、表格块或文件中",
                       "put a household's members in one sheet (one table) or merge the rows",
                       "同户成员应放在同一工作表（同一表格）中"});
  }

  std::string FileKey(const std::string& k) const { return k; }

  // The site's housing unit with these canonical parts (CanonicalUnitPart). Units this import
  // creates are stored canonically; a registry that had units before may hold them with their
  // unit words ("3号楼", "2单元", "301室"), so those spellings are tried too before a new unit
  // is created (the registry is searched by exact text).
  Result<std::optional<FoundHousingUnit>> FindUnit(int64_t site, const std::string& b, const std::string& e,
                                                   const std::string& r) {
    auto u = repo_.FindHousingUnit(site, b, e, r);
    if (!u || *u || registry_empty_) return u;
    auto variants = [](const std::string& x, std::initializer_list<std::string_view> words) {
      std::vector<std::string> v{x};
      if (!x.empty() && std::all_of(x.begin(), x.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; }))
        for (auto w : words) v.push_back(x + std::string(w));
      return v;
    };
    for (const auto& bb : variants(b, {"号楼", "栋", "幢", "号", "楼", "#"}))
      for (const auto& ee : variants(e, {"单元"}))
        for (const auto& rr : variants(r, {"室", "号"})) {
          if (bb == b && ee == e && rr == r) continue;
          auto v = repo_.FindHousingUnit(site, bb, ee, rr);
          if (!v || *v) return v;
        }
    return u;
  }

  Status RejectGroup(Group& group, const std::string& why_zh) {
    for (auto& d : group) {
      RejectedRow rr;
      rr.file = file_->name();
      rr.sheet = sheet_->name;
      rr.row = d.row;
      rr.header_row = block_header_row_;
      rr.cells = d.cells.ToVector();
      rr.messages = d.has_error ? d.messages : why_zh;
      if (auto s = res_.rejected.Add(std::move(rr)); !s) return s;
    }
    return {};
  }

  // What stage 2 learns about one household while it checks it, handed from step to step of
  // FlushGroup. Pointers point into the group being flushed.
  struct GroupPlan {
    std::string hno;                          // 户编号 as written ("" when not given)
    bool generated_no = false;                // the sheet has no 户编号 column
    std::vector<Draft*> heads;                // rows whose relationship is 户主
    registry::Household h;                    // the household as it is to be written
    bool employment_refused = false;          // WritePersons: the recorder refused a row's employment
    std::optional<registry::Household> existing;  // the registered household of that number
    std::string reloc;                        // 搬迁类型 of the rows ("" when not given)
    const ReferenceNames::Named* new_village = nullptr;  // division list entry to create
    std::string village_township;             // for the scope check
    std::optional<int64_t> area;              // 住房面积, 0.01 m²
    std::string building, entrance, room;     // 楼栋/单元/房号 as written
    bool new_unit = false;                    // the housing unit is to be created
    std::optional<int64_t> unit_area_update;  // the registered unit's new area
    std::string new_grid;                     // name of a grid to create at the site
    std::vector<std::optional<RegisteredPerson>> regs;  // per row: the person registered with its id
    std::string src;                          // audit source of the household
    // No 户主 row, and the household is registered: the rows are new (or updated) members of it,
    // related to the head already registered (issue #14).
    bool members_only = false;
    std::optional<registry::Person> registered_head;
    int64_t hid = 0;                          // the written household's id
  };

  // Stage 2: resolves one household against the registry and writes it (or rejects it);
  // its rows' faults reach the result when this returns, whichever way. Each step below adds
  // faults to the rows (nothing is written) until the group is known clean; then the writes.
  Status FlushGroup(Group& group) {
    if (group.empty()) return {};
    struct FaultsOnExit {
      Run& run;
      Group& group;
      ~FaultsOnExit() { run.CommitFaults(group); }
    } faults_on_exit{*this, group};
    GroupPlan plan;
    plan.hno = group.front().hh[Field::kHouseholdNo];
    plan.generated_no = col(Field::kHouseholdNo) < 0;
    ANJU_CHECK(FindRegisteredHousehold(plan));
    CheckGroupStructure(group, plan);
    ANJU_CHECK(CheckAgainstRegisteredHead(group, plan));
    ResolveOriginVillage(group, plan);
    ResolveSite(group, plan);
    ResolveHouseholdValues(group, plan);
    ANJU_CHECK(ResolveHousingUnit(group, plan));
    ResolveGrid(group, plan);
    CheckGroupScope(group, plan);
    ANJU_CHECK(CheckAlreadyRegistered(group, plan));
    bool bad = std::any_of(group.begin(), group.end(), [](const Draft& d) { return d.has_error; });
    if (bad) {
      std::string rows;
      for (auto& d : group)
        if (d.has_error) rows += (rows.empty() ? "" : ",") + std::to_string(d.row);
      return RejectGroup(group, fmt::format("本户其他行有错误（第{}行），整户未导入", rows));
    }
    // Write.
    plan.src = fmt::format("import {}{} row{} {}", file_->name(),
                           sheet_->name == file_->name() ? "" : " [" + sheet_->name + "]",
                           group.size() > 1 ? "s" : "",
                           group.size() > 1 ? fmt::format("{}-{}", group.front().row, group.back().row)
                                             : std::to_string(group.front().row));
    // A row's changed employment becomes jobs through the registry seam, whose rules may refuse
    // it (a minor's job): such a group is written inside a savepoint, so a refusal leaves nothing of
    // the household; the refused row has the fault on its 就业 cell, the others are rejected
    // with it, as a group with a fault found before writing.
    bool employment = false;
    for (size_t i = 0; i < group.size() && !employment; ++i)
      employment = group[i].employment_given &&
                   group[i].person.employment_kind !=
                       (plan.regs[i] ? plan.regs[i]->person.employment_kind : registry::EmploymentKind::kNone);
    const WriteCounts counts = CountsOf(res_);
    const int64_t first_created = first_created_household_;
    if (employment) ANJU_CHECK(repo_.MarkGroup());
    ANJU_CHECK(WriteReferenceRows(group, plan));
    ANJU_CHECK(WriteHousehold(group, plan));
    ANJU_CHECK(WritePersons(group, plan));
    if (!employment) return {};
    if (!plan.employment_refused) return repo_.ReleaseGroup();
    ANJU_CHECK(repo_.UndoGroup());
    RestoreCounts(res_, counts);
    first_created_household_ = first_created;
    if (!plan.new_grid.empty()) grids_.erase({plan.h.site_id, plan.new_grid});
    std::string rows;
    for (auto& d : group)
      if (d.has_error) rows += (rows.empty() ? "" : ",") + std::to_string(d.row);
    if (plan.new_village)  // its name is in the village index now, with an id rolled back
      return WriteFailed(group, Conflict(fmt::format("the job of row {} is refused (see its 就业 cell)", rows), "employment_kind",
                                         rows, fmt::format("第{}行的就业情况被拒绝（见其就业单元格）", rows))
                                    .error());
    return RejectGroup(group, fmt::format("本户其他行有错误（第{}行），整户未导入", rows));
  }

  // The write counters of the result (FlushGroup restores them when a group is undone).
  struct WriteCounts {
    int64_t rows_valid, persons_created, persons_updated, persons_unchanged, households_created, households_updated,
        households_unchanged;
  };
  static WriteCounts CountsOf(const ImportResult& r) {
    return {r.rows_valid,         r.persons_created,    r.persons_updated,     r.persons_unchanged,
            r.households_created, r.households_updated, r.households_unchanged};
  }
  static void RestoreCounts(ImportResult& r, const WriteCounts& c) {
    r.rows_valid = c.rows_valid;
    r.persons_created = c.persons_created, r.persons_updated = c.persons_updated, r.persons_unchanged = c.persons_unchanged;
    r.households_created = c.households_created, r.households_updated = c.households_updated;
    r.households_unchanged = c.households_unchanged;
  }

  // The first non-empty text of household field `f` among the group's rows ("" if none).
  static std::string HouseholdText(const Group& group, Field f) {
    for (auto& d : group) {
      const std::string* t = d.hh.find(f);
      if (t && !t->empty()) return *t;
    }
    return std::string();
  }

  // Fault on the group's first row: text `t` of field `f` names more than one `found` entry.
  void FaultAmbiguous(Draft& first, Field f, const std::string& t, const char* what_zh,
                      const std::vector<const ReferenceNames::Named*>& found) {
    std::string list;
    for (auto* n : found) list += (list.empty() ? "" : "、") + (n->context.empty() ? n->name : n->context + "/" + n->name);
    RowFault(first, col(f), f, t, "reference",
             Problem{true, fmt::format("'{}' names more than one {}: {}", t, FieldName(f), list),
                     fmt::format("{}“{}”有重名", what_zh, t), fmt::format("write it with its township: {}", list),
                     fmt::format("连同乡镇一起写：{}", list)});
  }

  // Fault on the group's first row: a new household lacks field `f`.
  void FaultMissing(Draft& first, Field f, const char* what_zh) {
    RowFault(first, col(f), f, "", "reference",
             Problem{true, fmt::format("a new household needs its {}", FieldHeaderZh(f)),
                     fmt::format("新户缺少{}", what_zh), fmt::format("fill in {}", FieldHeaderZh(f)),
                     fmt::format("请填写{}", FieldHeaderZh(f))});
  }

  // Checks the group's shape: exactly one 户主 (when the sheet has relationships), household
  // cells equal on every row (after merged-cell filling), 户主姓名 equal to the head's name.
  // Sets plan.heads. Writes nothing; faults ("structure") on the rows concerned.
  void CheckGroupStructure(Group& group, GroupPlan& plan) {
    const std::string& hno = plan.hno;
    std::vector<Draft*>& heads = plan.heads;
    for (auto& d : group)
      if (d.person.relationship == registry::Relationship::kHead && col(Field::kRelationship) >= 0) heads.push_back(&d);
    if (heads.empty() && col(Field::kRelationship) >= 0 && plan.existing) {
      plan.members_only = true;  // new members of a registered household (its head is registered)
    } else if (heads.empty() && col(Field::kRelationship) >= 0) {
      for (auto& d : group)
        RowFault(d, col(Field::kRelationship), Field::kRelationship, TrimText(d.cells.size() > static_cast<size_t>(col(Field::kRelationship)) ? d.cells[static_cast<size_t>(col(Field::kRelationship))] : std::string_view()), "structure",
                 Problem{true, fmt::format("household {} has no head (户主)", hno.empty() ? "(unnumbered)" : hno),
                         "该户没有户主", "mark one member as 户主",
                         "将一位成员标为户主"});
    } else if (heads.size() > 1) {
      std::string rows;
      for (auto* h : heads) rows += (rows.empty() ? "" : ", ") + std::to_string(h->row);
      for (auto* h : heads)
        RowFault(*h, col(Field::kRelationship), Field::kRelationship, "户主", "structure",
                 Problem{true, fmt::format("household {} has {} heads (rows {})", hno, heads.size(), rows),
                         "该户有多个户主", "keep one 户主 and give the others their relationship to that head",
                         "只保留一位户主，其他成员填写与该户主的关系"});
    }
    // Household cells must agree across members (after merged-cell filling).
    Draft& first = group.front();
    for (auto& d : group) {
      if (&d == &first) continue;
      for (Field f : {Field::kOriginVillage, Field::kSite, Field::kBuilding, Field::kEntrance, Field::kRoom, Field::kHeadName,
                      Field::kGrid, Field::kRelocationType, Field::kFloorArea}) {
        const std::string *a = first.hh.find(f), *b = d.hh.find(f);
        if (!a || !b || b->empty() || *a == *b) continue;
        RowFault(d, col(f), f, *b, "structure",
                 Problem{true, fmt::format("{} is '{}' here but '{}' on row {} of the same household", FieldHeaderZh(f), *b,
                                           *a, first.row),
                         fmt::format("同一户的{}不一致", FieldHeaderZh(f)), "make the household's rows agree",
                         "使同户各行的户信息一致"});
      }
      if (!d.category.empty() && !first.category.empty() && d.category != first.category)
        RowFault(d, col(Field::kCategory), Field::kCategory, d.category, "structure",
                 Problem{true, "人口类别 differs within the household", "同一户的人口类别不一致", "make the household's rows agree",
                         "使同户各行的户信息一致"});
    }
    // Head name column must match the head's name.
    if (heads.size() == 1 && col(Field::kHeadName) >= 0) {
      const std::string& hn = heads[0]->hh[Field::kHeadName];
      if (!hn.empty() && hn != heads[0]->person.name)
        RowFault(*heads[0], col(Field::kHeadName), Field::kHeadName, hn, "structure",
                 Problem{true, fmt::format("户主姓名 is '{}' but the head's row names '{}'", hn, heads[0]->person.name),
                         "户主姓名与户主行的姓名不一致", "correct one of them",
                         "改正其中之一"});
    }
  }

  // Members of a registered household without its head row (plan.members_only): each is related
  // to the head already registered, so the generation rule (registry::CheckGenerationGap) is
  // checked against that head. Faults ("relationship") on the 与户主关系 cell; a household
  // without a current head is a "structure" fault on every row. Errors: the repository's.
  Status CheckAgainstRegisteredHead(Group& group, GroupPlan& plan) {
    if (!plan.members_only) return {};
    ANJU_TRY(head, repo_.FindCurrentHead(plan.existing->id));
    plan.registered_head = head;
    const int rc = col(Field::kRelationship);
    for (auto& d : group) {
      std::string raw = rc >= 0 && static_cast<size_t>(rc) < d.cells.size() ? TrimText(d.cells[static_cast<size_t>(rc)]) : "";
      if (!head) {
        RowFault(d, rc, Field::kRelationship, raw, "structure",
                 Problem{true, fmt::format("household {} has no current head (户主) to relate this member to", plan.hno),
                         fmt::format("户 {} 目前没有户主，无法确定该成员与户主的关系", plan.hno),
                         "register the household's head first, or add the head's row to the file",
                         "先登记该户户主，或在文件中加入户主所在行"});
        continue;
      }
      if (d.person.resident_id.empty() && !d.pending_id) continue;  // the id's own fault says what is wrong
      if (auto g = registry::CheckGenerationGap(*head, d.person); !g)
        RowFault(d, rc, Field::kRelationship, raw, "relationship",
                 Problem{true, g.error().message + fmt::format(" (the registered head of {})", plan.hno),
                         g.error().message_zh + fmt::format("（户 {} 已登记的户主）", plan.hno),
                         "check the relationship and both resident ids", "核对与户主关系和双方身份证号"});
    }
    return {};
  }

  // Looks the household up by its 户编号 (unless the sheet has no such column): sets
  // plan.existing, and plan.h to it. Errors: the repository's.
  Status FindRegisteredHousehold(GroupPlan& plan) {
    if (!plan.generated_no && !plan.hno.empty()) {
      ANJU_TRY(e, repo_.FindHouseholdByNo(plan.hno));
      plan.existing = e;
    }
    if (plan.existing) plan.h = *plan.existing;
    return {};
  }

  // 迁出村: an origin village of the registry, else a village of the county's division list
  // (created at write time with the row's 搬迁类型: plan.new_village). Sets plan.reloc,
  // plan.h.origin_village_id, plan.village_township. Faults ("reference", "conflict") on the
  // first row: missing, ambiguous, unknown (with suggestions), type differing from the
  // registry's, a division-list village without 搬迁类型.
  void ResolveOriginVillage(Group& group, GroupPlan& plan) {
    Draft& first = group.front();
    registry::Household& h = plan.h;
    const std::optional<registry::Household>& existing = plan.existing;
    std::string& reloc = plan.reloc;
    for (auto& d : group)
      if (!d.relocation_type.empty()) {
        reloc = d.relocation_type;
        break;
      }
    if (col(Field::kOriginVillage) >= 0 || !existing) {
      std::string t = HouseholdText(group, Field::kOriginVillage);
      if (t.empty()) {
        if (!existing) FaultMissing(first, Field::kOriginVillage, "迁出村");
      } else if (auto found = villages_.Find(t); found.size() == 1 && (t.find('/') != std::string::npos ||
                                                                         divisions_.Find(t).size() <= 1)) {
        h.origin_village_id = found[0]->id;
        plan.village_township = found[0]->township_code;
        if (!reloc.empty() && !found[0]->kind.empty() && reloc != found[0]->kind)
          RowFault(first, col(Field::kRelocationType), Field::kRelocationType, HouseholdText(group, Field::kRelocationType), "conflict",
                   Problem{true,
                           fmt::format("{} is registered as a {} village, the row says {}", found[0]->name,
                                       found[0]->kind, reloc),
                           fmt::format("迁出村“{}”登记为{}，与本行的{}不一致", found[0]->name,
                                       RelocationTypeZh(found[0]->kind), RelocationTypeZh(reloc)),
                           "correct 搬迁类型 (a village's type is changed in the registry, not by an import)",
                           "改正搬迁类型（村的搬迁类型只能在登记系统中修改，不能通过导入修改）"});
      } else if (found.size() > 1) {
        FaultAmbiguous(first, Field::kOriginVillage, t, "迁出村", found);
      } else if (auto div = divisions_.Find(t); div.size() == 1 && found.empty()) {
        plan.village_township = div[0]->township_code;
        if (reloc.empty())
          RowFault(first, col(Field::kRelocationType) >= 0 ? col(Field::kRelocationType) : col(Field::kOriginVillage),
                   Field::kRelocationType, t, "reference",
                   Problem{true,
                           fmt::format("{}/{} is in the county's division list but not yet an origin village of the "
                                       "registry; its relocation type is needed to add it",
                                       div[0]->context, div[0]->name),
                           fmt::format("迁出村“{}/{}”尚未登记，新增时须填写搬迁类型", div[0]->context, div[0]->name),
                           col(Field::kRelocationType) >= 0
                               ? "fill in 搬迁类型: 整村搬迁 (the whole village moved) or 插花搬迁 (some households)"
                               : "add a 搬迁类型 column: 整村搬迁 (the whole village moved) or 插花搬迁 (some households)",
                           col(Field::kRelocationType) >= 0
                               ? "填写搬迁类型：整村搬迁（全村搬迁）或插花搬迁（部分农户搬迁）"
                               : "增加“搬迁类型”列：整村搬迁（全村搬迁）或插花搬迁（部分农户搬迁）"});
        else
          plan.new_village = div[0];
      } else if (div.size() > 1) {
        FaultAmbiguous(first, Field::kOriginVillage, t, "迁出村", div);
      } else {
        std::string sug = SuggestFrom(t, {&villages_, &divisions_});
        RowFault(first, col(Field::kOriginVillage), Field::kOriginVillage, t, "reference",
                 Problem{true, fmt::format("'{}' is not a village of the county's division list", t),
                         fmt::format("迁出村“{}”不在本县区划名单中", t),
                         sug.empty() ? "no similar name in the county's division list; write the village as the list "
                                       "names it (乡镇/村)"
                                     : fmt::format("did you mean: {}", sug),
                         sug.empty() ? "县区划名单中没有相近的名称；请按名单的写法填写村名（乡镇/村）"
                                     : fmt::format("是否应为：{}", sug)});
      }
    } else if (existing) {
      plan.village_township = village_township_[h.origin_village_id];
    }
  }

  // 安置点: a known site (by name or alias). Sets plan.h.site_id. Faults ("reference") on the
  // first row: missing for a new household, ambiguous, unknown (with a suggestion).
  void ResolveSite(Group& group, GroupPlan& plan) {
    Draft& first = group.front();
    if (col(Field::kSite) >= 0 || !plan.existing) {
      std::string t = HouseholdText(group, Field::kSite);
      if (t.empty()) {
        if (!plan.existing) FaultMissing(first, Field::kSite, "安置点");
      } else if (auto found = sites_.Find(t); found.size() == 1) {
        plan.h.site_id = found[0]->id;
      } else if (found.size() > 1) {
        FaultAmbiguous(first, Field::kSite, t, "安置点", found);
      } else {
        std::string sug = sites_.Suggest(t);
        RowFault(first, col(Field::kSite), Field::kSite, t, "reference",
                 Problem{true, fmt::format("'{}' is not a known site", t), fmt::format("安置点“{}”不存在", t),
                         sug.empty() ? "no similar site name; use the site's name as the county lists it"
                                     : fmt::format("did you mean: {}", sug),
                         sug.empty() ? "没有相近的安置点名称；请按县里登记的名称填写安置点"
                                     : fmt::format("是否应为：{}", sug)});
      }
    }
  }

  // 人口类别, 入住日期, 签订协议: the first row's value that has one goes to plan.h. Faults on the
  // first row when a new household has no 人口类别 or no 入住日期 (never today's date instead),
  // and when the sheet has no move-in date column at all.
  void ResolveHouseholdValues(Group& group, GroupPlan& plan) {
    Draft& first = group.front();
    registry::Household& h = plan.h;
    const bool existing = plan.existing.has_value();
    for (auto& d : group)
      if (!d.category.empty()) {
        if (auto c = registry::ParseCategory(d.category)) h.category = *c;
        break;
      }
    if (!existing && HouseholdText(group, Field::kCategory).empty()) {
      bool any = false;
      for (auto& d : group) any = any || !d.category.empty();
      if (!any)
        RowFault(first, col(Field::kCategory), Field::kCategory, "", "reference",
                 Problem{true, "a new household needs its 人口类别", "新户缺少人口类别", "fill in 建档立卡 or 同步搬迁",
                         "填写 建档立卡 或 同步搬迁"});
    }
    for (auto& d : group)
      if (d.move_in) {
        h.move_in_date = *d.move_in;
        break;
      }
    if (!existing) {
      bool any = false, written = false;
      for (auto& d : group) {
        any = any || d.move_in.has_value();
        written = written || d.move_in_written;
      }
      // A written but refused date already has its own fault on its cell; "missing" would be false.
      if (written) any = true;
      if (!any && col(Field::kMoveInDate) >= 0)
        RowFault(first, col(Field::kMoveInDate), Field::kMoveInDate, "", "reference",
                 Problem{true, "a new household needs its 入住日期", "新户缺少入住日期", "fill in the move-in date",
                         "填写入住日期"});
      else if (!any)
        // Never today's date in its place: reports count a household from its move-in date
        // (those who moved in after a report's as_of date are left out), and the registry has
        // no "unknown" move-in date (households.move_in_date is NOT NULL).
        RowFault(first, -1, Field::kMoveInDate, "", "structure",
                 Problem{true,
                         "the sheet has no move-in date column (入住日期 / 搬迁入住时间); a new household needs "
                         "its move-in date, and today's date is not assumed",
                         "缺少“入住日期（搬迁入住时间）”列：新户须填写入住日期，系统不会以今天代替",
                         "add a column 入住日期 (or 搬迁入住时间) with each household's move-in date, e.g. 2019-05-01",
                         "增加“入住日期”（或“搬迁入住时间”）列，填写每户的入住日期，如 2019-05-01"});
    }
    for (auto& d : group)
      if (d.convention) {
        h.convention_signed = *d.convention;
        break;
      }
  }

  // 楼栋/单元/房号: the site's housing unit (FindUnit), to be created when missing
  // (plan.new_unit); 住房面积 sets its area (plan.area, plan.unit_area_update). Sets
  // plan.h.housing_unit_id (cleared when the sheet has the columns but they are empty).
  // Faults on the first row: 楼栋 or 房号 missing ("reference"), unit occupied by another
  // household ("conflict"). Errors: the repository's.
  Status ResolveHousingUnit(Group& group, GroupPlan& plan) {
    Draft& first = group.front();
    registry::Household& h = plan.h;
    for (auto& d : group)
      if (d.floor_area_dm2) {
        plan.area = d.floor_area_dm2;
        break;
      }
    const std::optional<int64_t>& area = plan.area;
    plan.building = HouseholdText(group, Field::kBuilding);
    plan.entrance = HouseholdText(group, Field::kEntrance);
    plan.room = HouseholdText(group, Field::kRoom);
    const std::string &building = plan.building, &entrance = plan.entrance, &room = plan.room;
    if (!building.empty() || !entrance.empty() || !room.empty()) {
      if (building.empty() || room.empty()) {
        RowFault(first, col(building.empty() ? Field::kBuilding : Field::kRoom), building.empty() ? Field::kBuilding : Field::kRoom,
                 fmt::format("{}-{}-{}", building, entrance, room), "reference",
                 Problem{true, "a housing unit needs its 楼栋 and 房号", "安置房须填写楼栋和房号",
                         "fill in 楼栋, 单元 (may be empty) and 房号, or leave all three empty",
                         "填写楼栋、单元（可空）和房号，或三项都留空"});
      } else if (h.site_id) {
        ANJU_TRY(u, FindUnit(h.site_id, building, entrance, room));
        if (u && !u->occupied_by.empty() && u->occupied_by != plan.hno) {
          RowFault(first, col(Field::kRoom), Field::kRoom, fmt::format("{}-{}-{}", building, entrance, room), "conflict",
                   Problem{true,
                           fmt::format("housing unit {} 栋 {} 单元 {} is occupied by household {}", building, entrance,
                                       room, u->occupied_by),
                           fmt::format("该安置房已由户 {} 入住", u->occupied_by),
                           "check 楼栋/单元/房号; if that household moved out, change its record first",
                           "核对楼栋/单元/房号；若该户已迁出，请先修改其登记信息"});
        } else if (u) {
          h.housing_unit_id = u->id;
          if (area && area != u->floor_area_dm2) plan.unit_area_update = area;
        } else {
          plan.new_unit = true;
        }
      }
    } else if (col(Field::kRoom) >= 0 && col(Field::kBuilding) >= 0) {
      h.housing_unit_id.reset();
    }
    return {};
  }

  // 网格: a name at the site, to be created when missing (plan.new_grid). Sets plan.h.grid_id
  // (cleared when the sheet has the column but it is empty). No faults.
  void ResolveGrid(Group& group, GroupPlan& plan) {
    registry::Household& h = plan.h;
    if (std::string gname = HouseholdText(group, Field::kGrid); !gname.empty()) {
      auto it = grids_.find({h.site_id, gname});
      if (it != grids_.end()) h.grid_id = it->second;
      else if (h.site_id) plan.new_grid = gname;
    } else if (col(Field::kGrid) >= 0) {
      h.grid_id.reset();
    }
  }

  // Scope (ScopeCovers, core/actor.h: the one rule of every write): the household's place
  // now (an existing one) and the place the import would give it must both be in the actor's
  // scope, and so must the site of a housing unit or grid the import would create or change.
  // One fault ("scope") on the first row, naming the account's area.
  void CheckGroupScope(Group& group, GroupPlan& plan) {
    if (actor_.scope.level == AccessScope::Level::kCounty) return;
    Draft& first = group.front();
    const registry::Household& h = plan.h;
    const std::optional<registry::Household>& existing = plan.existing;
    const std::string& hno = plan.hno;
    const std::string& new_grid = plan.new_grid;
    auto town_of = [](const std::unordered_map<int64_t, std::string>& m, int64_t id) {
      auto it = m.find(id);
      return it == m.end() ? std::string() : it->second;
    };
    auto site_town = [&](int64_t site) { return town_of(site_township_, site); };
    auto refuse = [&](Field f, const std::string& raw, std::string what, std::string what_zh) {
      RowFault(first, col(f) >= 0 ? col(f) : col(Field::kSite), f, raw, "scope",
               Problem{true,
                       fmt::format("household {}: {} is outside this account's area ({}); not imported",
                                   hno.empty() ? "(new)" : hno, what, DescribeScope(actor_.scope)),
                       fmt::format("户 {}：{}不在本账号的管辖范围内，未导入", hno.empty() ? "（新户）" : hno, what_zh),
                       "remove these rows, or have the county office (or the account of that area) import them",
                       "删除这些行，或请县级办公室（或该区域的账号）导入"});
    };
    const Field place_field = actor_.scope.level == AccessScope::Level::kGrid ? Field::kGrid : Field::kSite;
    if (existing && !ScopeCovers(actor_.scope, Place{town_of(village_township_, existing->origin_village_id), existing->site_id,
                                                     site_town(existing->site_id), existing->grid_id.value_or(0)})) {
      refuse(Field::kHouseholdNo, hno, "the registered household", "已登记的该户");
    } else if (!ScopeCovers(actor_.scope, Place{plan.village_township, h.site_id, site_town(h.site_id),
                                                new_grid.empty() ? h.grid_id.value_or(0) : 0})) {
      const bool town = actor_.scope.level == AccessScope::Level::kTownship;
      refuse(place_field, HouseholdText(group, place_field),
             place_field == Field::kGrid ? "its grid" : town ? "its site, and its origin village too," : "its site",
             place_field == Field::kGrid ? "其网格" : town ? "其安置点和迁出村" : "其安置点");
    } else if ((plan.new_unit || plan.unit_area_update || !new_grid.empty()) &&
               !ScopeCovers(actor_.scope, Place{"", h.site_id, site_town(h.site_id), 0})) {
      refuse(new_grid.empty() ? Field::kRoom : Field::kGrid, new_grid.empty() ? plan.room : new_grid,
             new_grid.empty() ? "a housing unit record of its site" : "a new grid of its site",
             new_grid.empty() ? "所在安置点的安置房记录" : "所在安置点的新网格");
    }
  }

  // Refuses what is registered already ("conflict" faults): the household in insert mode
  // (unless this import created it), a person registered in another household (never moved
  // by an import) or, in insert mode, in this one. Sets plan.regs. Errors: the repository's.
  Status CheckAlreadyRegistered(Group& group, GroupPlan& plan) {
    Draft& first = group.front();
    const std::optional<registry::Household>& existing = plan.existing;
    // A household this import created a moment ago (its rows were not together in the file) is
    // not "already registered": the non-contiguous fault of stage 1 says what is wrong.
    if (existing && opt_.mode == ImportMode::kInsert && existing->id < first_created_household_ && !plan.members_only)
      RowFault(first, col(Field::kHouseholdNo), Field::kHouseholdNo, plan.hno, "conflict",
               Problem{true, fmt::format("household {} is already registered", plan.hno), "该户已在系统中登记",
                       "use --mode upsert to update it, or remove these rows",
                       "改用“新增或更新”方式（--mode upsert）导入，或删去这些行"});
    // Persons already registered.
    std::vector<std::optional<RegisteredPerson>>& regs = plan.regs;
    regs.resize(group.size());
    if (!registry_empty_) {
      for (size_t i = 0; i < group.size(); ++i) {
        Draft& d = group[i];
        if (d.pending_id) {  // no id to find it by: the same name, sex and birth date in this household
          if (!existing) continue;
          ANJU_TRY(pm, repo_.FindPendingMember(existing->id, d.person.name, d.person.sex, d.person.birth_date));
          if (!pm) continue;
          regs[i] = RegisteredPerson{*pm, existing->household_no};
          if (opt_.mode == ImportMode::kInsert)
            RowFault(d, col(Field::kResidentId), Field::kResidentId, "待补录", "conflict",
                     Problem{true,
                             fmt::format("{} (born {}, id pending) is already registered in this household", d.person.name,
                                         FormatIsoDate(d.person.birth_date)),
                             "此人（身份证号待补录）已登记", "use --mode upsert to update, or remove the row",
                             "改用“新增或更新”方式（--mode upsert）导入，或删去此行"});
          continue;
        }
        if (d.person.resident_id.empty()) continue;
        ANJU_TRY(rp, repo_.FindPersonByResidentId(d.person.resident_id));
        regs[i] = rp;
        if (!rp) continue;
        if (!existing || rp->person.household_id != existing->id) {
          RowFault(d, col(Field::kResidentId), Field::kResidentId, MaskResidentId(d.person.resident_id), "conflict",
                   Problem{true,
                           fmt::format("{} is already registered in household {}; not moved", MaskResidentId(d.person.resident_id),
                                       rp->household_no),
                           fmt::format("此人已登记在户 {}，未迁移", rp->household_no),
                           "if the person really moved, change the registry record first (or remove the row)",
                           "如此人确已换户，请先修改其登记信息（或删去此行）"});
        } else if (opt_.mode == ImportMode::kInsert) {
          RowFault(d, col(Field::kResidentId), Field::kResidentId, MaskResidentId(d.person.resident_id), "conflict",
                   Problem{true, "the person is already registered in this household", "此人已登记",
                           "use --mode upsert to update, or remove the row",
                           "改用“新增或更新”方式（--mode upsert）导入，或删去此行"});
        }
      }
    }
    return {};
  }

  // Writes the reference rows the household needs that the registry does not have yet, each
  // audited with plan.src: the origin village from the division list, the housing unit (or
  // its new area), the grid; sets their ids in plan.h and the name indexes. Errors: a refused
  // write (WriteFailed: the whole import is refused), the repository's.
  Status WriteReferenceRows(Group& group, GroupPlan& plan) {
    registry::Household& h = plan.h;
    const std::string& src = plan.src;
    if (plan.new_village) {
      const ReferenceNames::Named* new_village = plan.new_village;
      registry::OriginVillage v;
      v.division_code = new_village->kind;
      v.name = new_village->name;
      v.township_code = new_village->township_code;
      if (auto t = registry::ParseRelocationType(plan.reloc)) v.relocation_type = *t;
      auto id = repo_.InsertOriginVillage(v);
      if (!id) return WriteFailed(group, id.error());
      h.origin_village_id = *id;
      ReferenceNames::Named n{*id, v.name, new_village->context, 0, v.township_code, plan.reloc};
      villages_.Add(n);
      village_township_[*id] = v.township_code;
      ANJU_CHECK(repo_.Audit(actor_, {"create", "origin_village", std::to_string(*id),
                                      fmt::format(R"({{"division_code":[null,{}],"name":[null,{}],"township_code":[null,{}],"relocation_type":[null,{}]}})",
                                                  J(v.division_code), J(v.name), J(v.township_code), J(plan.reloc)),
                                      src}));
    }
    if (plan.new_unit) {
      auto id = repo_.InsertHousingUnit(h.site_id, plan.building, plan.entrance, plan.room, plan.area);
      if (!id) return WriteFailed(group, id.error());
      h.housing_unit_id = *id;
      ANJU_CHECK(repo_.Audit(actor_, {"create", "housing_unit", std::to_string(*id),
                                      fmt::format(R"({{"site_id":[null,{}],"building":[null,{}],"entrance":[null,{}],"room":[null,{}],"floor_area_dm2":[null,{}]}})",
                                                  h.site_id, J(plan.building), J(plan.entrance), J(plan.room),
                                                  plan.area ? std::to_string(*plan.area) : "null"),
                                      src}));
    } else if (plan.unit_area_update && h.housing_unit_id) {
      if (auto s = repo_.UpdateHousingUnitArea(*h.housing_unit_id, *plan.unit_area_update); !s) return WriteFailed(group, s.error());
      ANJU_CHECK(repo_.Audit(actor_, {"update", "housing_unit", std::to_string(*h.housing_unit_id),
                                      fmt::format(R"({{"floor_area_dm2":[null,{}]}})", *plan.unit_area_update), src}));
    }
    if (!plan.new_grid.empty()) {
      auto id = repo_.InsertGrid(h.site_id, plan.new_grid);
      if (!id) return WriteFailed(group, id.error());
      h.grid_id = *id;
      grids_[{h.site_id, plan.new_grid}] = *id;
      ANJU_CHECK(repo_.Audit(actor_, {"create", "grid", std::to_string(*id),
                                      fmt::format(R"({{"site_id":[null,{}],"name":[null,{}]}})", h.site_id, J(plan.new_grid)),
                                      src}));
    }
    return {};
  }

  // Writes the household (a new 户编号 when the sheet gives none): inserts it, or updates the
  // registered one when a value differs; audited with plan.src; counts it in the result.
  // Sets plan.hid. Errors: a refused write (WriteFailed), the repository's.
  Status WriteHousehold(Group& group, GroupPlan& plan) {
    registry::Household& h = plan.h;
    const std::optional<registry::Household>& existing = plan.existing;
    if (plan.generated_no || plan.hno.empty()) {
      ANJU_TRY(n, repo_.NextHouseholdNo());
      plan.hno = n;
    }
    h.household_no = plan.hno;
    int64_t& hid = plan.hid;
    if (existing && plan.members_only && opt_.mode == ImportMode::kInsert) {  // members added, household kept
      hid = existing->id;
      ++res_.households_unchanged;
      return {};
    }
    if (!existing) {
      auto id = repo_.InsertHousehold(h);
      if (!id) return WriteFailed(group, id.error());
      hid = *id;
      h.id = hid;
      first_created_household_ = std::min(first_created_household_, hid);
      ++res_.households_created;
      ANJU_CHECK(repo_.Audit(actor_, {"create", "household", std::to_string(hid), HouseholdJson(nullptr, h), plan.src}));
    } else {
      hid = existing->id;
      if (!SameHousehold(*existing, h)) {
        if (auto s = repo_.UpdateHousehold(h); !s) return WriteFailed(group, s.error());
        ++res_.households_updated;
        ANJU_CHECK(repo_.Audit(actor_, {"update", "household", std::to_string(hid), HouseholdJson(&*existing, h), plan.src}));
      } else {
        ++res_.households_unchanged;
      }
    }
    return {};
  }

  // Writes the group's persons into household plan.hid, head first (so that the one-head index
  // and the service's rule hold at every step): inserts the new, updates the registered whose
  // values differ, each audited with its row's source; counts them and the valid rows in the
  // result. Errors: a refused write (WriteFailed), the repository's.
  Status WritePersons(Group& group, GroupPlan& plan) {
    const int64_t hid = plan.hid;
    std::vector<std::optional<RegisteredPerson>>& regs = plan.regs;
    std::vector<size_t> order(group.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return (group[a].person.relationship == registry::Relationship::kHead) >
             (group[b].person.relationship == registry::Relationship::kHead);
    });
    for (size_t i : order) {
      Draft& d = group[i];
      registry::Person& p = d.person;
      p.household_id = hid;
      const std::string& psrc = d.source;
      // The stored employment_kind is the jobs' cache: kept here, changed by the recorder below.
      const registry::EmploymentKind wanted = p.employment_kind;
      const registry::EmploymentKind had = regs[i] ? regs[i]->person.employment_kind : registry::EmploymentKind::kNone;
      p.employment_kind = had;
      const bool employment_changes = d.employment_given && wanted != had;
      if (regs[i]) {
        registry::Person old = regs[i]->person;
        p.id = old.id;
        p.version = old.version;
        if (SamePerson(old, p)) {
          if (employment_changes) ++res_.persons_updated;
          else ++res_.persons_unchanged;
        } else {
          if (auto s = repo_.UpdatePerson(p); !s) return WriteFailed(group, s.error());
          ++res_.persons_updated;
          ANJU_CHECK(repo_.Audit(actor_, {"update", "person", std::to_string(p.id), PersonJson(&old, p), psrc}));
        }
      } else {
        auto id = repo_.InsertPerson(p);
        if (!id) return WriteFailed(group, id.error());
        p.id = *id;
        ++res_.persons_created;
        ANJU_CHECK(repo_.Audit(actor_, {"create", "person", std::to_string(p.id), std::move(d.create_changes), psrc}));
        // A member added to a household registered before this import: its membership starts
        // on the row's 变动日期 (else today), recorded as a member_added event (issue #14).
        if (plan.existing && plan.existing->id < first_created_household_) ANJU_CHECK(RecordMemberAdded(group, d, hid));
      }
      if (employment_changes) {
        // Through the registry seam (docs/industry.md): current jobs end on the import's day, a
        // job of the new channel starts on it (source registry); a rule's refusal is this row's.
        auto s = repo_.RecordEmployment(actor_, p.id, wanted, p.employer, opt_.today);
        if (!s) {
          if (s.error().code != ErrorCode::kInvalidArgument && s.error().code != ErrorCode::kConflict &&
              s.error().code != ErrorCode::kNotFound)
            return s;
          const Field f = col(Field::kEmploymentKind) >= 0 ? Field::kEmploymentKind : Field::kEmployed;
          const int c = col(f);
          const std::string raw = c >= 0 && static_cast<size_t>(c) < d.cells.size() ? std::string(d.cells[static_cast<size_t>(c)]) : "";
          const Error& e = s.error();
          RowFault(d, c, f, raw, "rule",
                   Problem{true, fmt::format("the job this employment makes is refused: {}", e.message),
                           fmt::format("该就业情况对应的就业记录被拒绝：{}", e.message_zh.empty() ? e.message : e.message_zh),
                           "correct the employment (or the person's values the reason names), or leave the cell empty",
                           "按原因改正就业情况（或原因所指的人员信息），或将该格留空"});
          plan.employment_refused = true;
          return {};
        }
        p.employment_kind = wanted;
      }
      ++res_.rows_valid;
    }
    return {};
  }

  // The register event of a new member `d` (already inserted) of registered household `hid`:
  // member_from = 变动日期 or today, kind member_added, recorded by the importing user; audited
  // with the row's source in the import's transaction. Errors: a refused write, the repository's.
  Status RecordMemberAdded(Group& group, const Draft& d, int64_t hid) {
    registry::RegisterEvent e;
    e.kind = registry::RegisterEventKind::kMemberAdded;
    e.event_date = d.event_date.value_or(opt_.today);
    e.household_id = hid;
    e.person_id = d.person.id;
    e.reason = d.source;
    e.recorded_by = actor_.username.empty() ? "import" : actor_.username;
    auto eid = repo_.RecordMemberAdded(e);
    if (!eid) return WriteFailed(group, eid.error());
    return repo_.Audit(actor_, {"create", "register_event", std::to_string(*eid),
                                fmt::format(R"({{"kind":[null,"member_added"],"event_date":[null,{}],"household_id":[null,{}],"person_id":[null,{}]}})",
                                            J(FormatIsoDate(e.event_date)), hid, d.person.id),
                                d.source});
  }

  // A constraint the checks above did not foresee (e.g. a housing unit taken by another
  // household): reported as a fault of the group; the transaction stays usable because each
  // failed statement is rolled back by SQLite on its own.
  Status WriteFailed(Group& group, const Error& e) {
    if (e.code == ErrorCode::kUnavailable || e.code == ErrorCode::kInternal) return std::unexpected(e);
    for (auto& d : group) {
      if (&d != &group.front()) continue;
      RowFault(d, -1, Field::kIgnored, "", "conflict",
               Problem{true, "the database refused the household: " + e.message, "数据库拒绝写入该户：" + e.message_zh,
                       "check the household's values (unit occupied? id registered?)",
                       "核对该户信息（住房是否已被占用？身份证号是否已登记？）"});
    }
    if (auto s = RejectGroup(group, "本户写入失败，整户未导入"); !s) return s;
    // The household may be half-written inside the transaction: the only safe way on is to
    // refuse the whole import.
    return std::unexpected(Conflict(fmt::format("{} row {}: {}; nothing was imported", file_->name(), group.front().row, e.message)).error());
  }

  // JSON string literal of `s` (quotes, backslashes and control characters escaped).
  static void AppendJ(std::string& o, std::string_view s) {
    o += '"';
    for (char c : s) {
      if (c == '"' || c == '\\') {
        o += '\\';
        o += c;
      } else if (static_cast<unsigned char>(c) < 0x20) {
        static constexpr char kHex[] = "0123456789abcdef";
        o += "\\u00";
        o += kHex[static_cast<unsigned char>(c) >> 4];
        o += kHex[c & 15];
      } else {
        o += c;
      }
    }
    o += '"';
  }
  static std::string J(std::string_view s) {
    std::string o;
    AppendJ(o, s);
    return o;
  }
  // A person's audited fields as JSON values, in a fixed order (kPersonKeys): one buffer and
  // each value's end offset, so that a row costs one allocation, not one per field.
  static constexpr std::array<std::string_view, 14> kPersonKeys = {
      "resident_id", "name",      "sex",        "birth_date",   "relationship",    "ethnicity", "phone",
      "education",   "health",    "disability_grade", "able_to_work", "wants_work", "employment_kind", "employer"};
  struct PersonValues {
    std::string buf;
    std::array<size_t, 14> end{};
    std::string_view operator[](size_t i) const {
      size_t b = i ? end[i - 1] : 0;
      return std::string_view(buf).substr(b, end[i] - b);
    }
  };
  static void PersonFields(const registry::Person& p, PersonValues& out) {
    std::string& o = out.buf;
    o.reserve(160);
    size_t i = 0;
    auto done = [&] { out.end[i++] = o.size(); };
    AppendJ(o, p.resident_id), done();
    AppendJ(o, p.name), done();
    AppendJ(o, SexName(p.sex)), done();
    AppendJ(o, FormatIsoDate(p.birth_date)), done();
    AppendJ(o, registry::RelationshipName(p.relationship)), done();
    AppendJ(o, p.ethnicity), done();
    AppendJ(o, p.phone), done();
    AppendJ(o, p.education), done();
    if (p.health) AppendJ(o, registry::HealthName(*p.health));
    else o += "null";
    done();
    if (p.disability_grade) o += std::to_string(*p.disability_grade);
    else o += "null";
    done();
    o += p.able_to_work ? "true" : "false", done();
    o += p.wants_work ? "true" : "false", done();
    AppendJ(o, registry::EmploymentKindName(p.employment_kind)), done();
    AppendJ(o, p.employer), done();
  }
  // The audit entry's changes: {"field":[before, after], …} for the fields that differ; for a new
  // person (before = null) the fields that say something (not "", null, false or "none").
  static std::string PersonJson(const registry::Person* before, const registry::Person& after) {
    PersonValues a, b;
    PersonFields(after, a);
    if (before) PersonFields(*before, b);
    std::string o;
    o.reserve(a.buf.size() + 200);
    o += '{';
    for (size_t i = 0; i < kPersonKeys.size(); ++i) {
      std::string_view v = a[i];
      if (before && b[i] == v) continue;
      if (!before && (v == "\"\"" || v == "null" || v == "false" || v == "\"none\"")) continue;
      if (o.size() > 1) o += ',';
      AppendJ(o, kPersonKeys[i]);
      o += ":[";
      if (before) o += b[i];
      else o += "null";
      o += ',';
      o += v;
      o += ']';
    }
    o += '}';
    return o;
  }
  static std::string HouseholdJson(const registry::Household* before, const registry::Household& h) {
    auto f = [](const registry::Household& x) {
      return std::vector<std::pair<std::string, std::string>>{
          {"household_no", J(x.household_no)},
          {"category", J(registry::CategoryName(x.category))},
          {"origin_village_id", std::to_string(x.origin_village_id)},
          {"site_id", std::to_string(x.site_id)},
          {"housing_unit_id", x.housing_unit_id ? std::to_string(*x.housing_unit_id) : "null"},
          {"grid_id", x.grid_id ? std::to_string(*x.grid_id) : "null"},
          {"move_in_date", J(FormatIsoDate(x.move_in_date))},
          {"convention_signed", x.convention_signed ? "true" : "false"}};
    };
    auto a = f(h);
    std::vector<std::pair<std::string, std::string>> b;
    if (before) b = f(*before);
    std::string o = "{";
    for (size_t i = 0; i < a.size(); ++i) {
      if (before && b[i].second == a[i].second) continue;
      if (o.size() > 1) o += ",";
      o += J(a[i].first) + ":[" + (before ? b[i].second : "null") + "," + a[i].second + "]";
    }
    return o + "}";
  }
  static bool SamePerson(const registry::Person& a, const registry::Person& b) {
    return PersonJson(&a, b) == "{}";
  }
  static bool SameHousehold(const registry::Household& a, const registry::Household& b) {
    return HouseholdJson(&a, b) == "{}";
  }

  const ImportOptions& opt_;
  const Actor& actor_;
  ImportRepository& repo_;
  ReferenceNames ref_;
  NameIndex villages_, sites_, divisions_;
  std::map<std::pair<int64_t, std::string>, int64_t> grids_;     // (site, name) -> grid id
  std::unordered_map<int64_t, std::string> village_township_;    // origin village id -> township code
  std::unordered_map<int64_t, std::string> site_township_;       // site id -> township code
  bool registry_empty_ = false;
  ImportResult res_;
  const InputFile* file_ = nullptr;
  uint32_t file_index_ = 0;
  std::vector<std::string> file_names_;
  SheetReport* sheet_ = nullptr;
  bool date1904_ = false;
  const std::vector<MergedRange>* merged_ = nullptr;
  std::unordered_map<int64_t, std::vector<size_t>> merged_by_first_row_;
  std::unordered_map<int, std::pair<int64_t, Cell>> carry_;  // col -> (last row number, value)
  std::array<int, 32> col_of_{};  // Field -> column, -1 when absent
  IdSet ids_;
  std::string group_key_;
  Group group_;                              // stage 1: the household being collected
  static constexpr size_t kBatch = 64;       // households per hand-over to the writer
  std::vector<Group> batch_;
  std::unique_ptr<GroupWriter> writer_;      // declared last: joined before the state it uses goes
  // 户编号 -> (first row, sheet block number block_no_) of each household seen in this import.
  std::unordered_map<std::string, std::pair<int64_t, int64_t>> seen_households_;
  int64_t block_no_ = 0;          // sheet blocks ended so far (EndSheet)
  // Buffered mode (RunImport's second attempt when a household's rows are not together): the
  // block's households by 户编号, in order of first appearance.
  bool buffered_ = false;
  bool needs_buffered_ = false;   // the streamed attempt met a household again: re-run buffered
  std::vector<Group> open_;
  std::unordered_map<std::string, size_t> open_index_;
  // Stage 2: the id of the first household this import inserted. Ids only grow and nothing
  // else writes during the import's transaction, so a household with an id at least this large
  // was created by this import (a set of ids cost ≈ 16 MB at 1 M rows, over the memory target).
  int64_t first_created_household_ = INT64_MAX;
  int64_t progress_rows_ = 0;
  int64_t block_header_row_ = 0;  // last header row of the sheet block being read
};

}  // namespace

Result<ImportResult> RunImport(const std::vector<std::shared_ptr<InputFile>>& files, const ImportOptions& options,
                               const Actor& actor, ImportRepository& repo) {
  if (!actor.CanWrite() && !options.dry_run)
    return PermissionDenied("this account may not change the registry", "该账号无权修改登记数据");
  // First streamed (households whose rows are together: flat memory, reading and writing on two
  // threads); when a household's rows turn out to be apart, rolled back and read again with the
  // households collected wherever their rows are (issue #14: 户编号 groups rows anywhere).
  for (bool buffered : {false, true}) {
    Run run(options, actor, repo, buffered);
    if (auto s = run.Prepare(); !s) return std::unexpected(s.error());
    bool again = false;
    for (uint32_t i = 0; i < files.size(); ++i) {
      if (auto s = run.ImportFile(files[i], i); !s) {
        run.StopWriter();  // no write may run on the connection while it rolls back
        repo.Rollback();
        if (!buffered && run.needs_buffered()) {
          again = true;
          break;
        }
        return std::unexpected(s.error());
      }
    }
    if (!again) return run.Finish(files);
  }
  return std::unexpected(Error{ErrorCode::kInternal, "import: the buffered attempt asked for another attempt"});
}

Result<ImportResult> PreviewImport(std::shared_ptr<InputFile> file, ImportOptions options, const Actor& actor,
                                   ImportRepository& repo) {
  options.dry_run = true;
  if (options.preview_rows == 0) options.preview_rows = 20;
  return RunImport({std::move(file)}, options, actor, repo);
}

}  // namespace anju::importer
