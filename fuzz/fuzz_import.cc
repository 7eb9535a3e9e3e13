// libFuzzer target: the whole import dry run (PreviewImport) on arbitrary bytes of any format,
// against a small in-memory registry: reading, header detection, merged-cell filling,
// cleaning, grouping into households and the registry look-ups. Properties: no crash or
// sanitizer report; refused input comes back as an error value; counts add up
// (valid + rejected = read) and nothing is committed.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/actor.h"
#include "importer/importer.h"

using namespace anju;
using namespace anju::importer;

namespace {

// A registry with one origin village, one division village and one site; finds nothing.
class SmallRegistry : public ImportRepository {
 public:
  Result<ReferenceNames> LoadReference() override {
    ReferenceNames r;
    r.villages = {{1, "测试村", "测试镇", 0, "141124100", "scattered"}};
    r.division_villages = {{1, "中庄村委会", "临泉镇", 0, "141124100", "141124100201"}};
    r.sites = {{1, "测试安置点", "", 0}};
    return r;
  }
  Result<bool> RegistryIsEmpty() override { return true; }
  Result<std::optional<FoundHousingUnit>> FindHousingUnit(int64_t, const std::string&, const std::string&,
                                                          const std::string&) override {
    return std::optional<FoundHousingUnit>{};
  }
  Result<std::optional<registry::Household>> FindHouseholdByNo(const std::string&) override {
    return std::optional<registry::Household>{};
  }
  Result<std::optional<RegisteredPerson>> FindPersonByResidentId(const std::string&) override {
    return std::optional<RegisteredPerson>{};
  }
  Result<std::string> NextHouseholdNo() override { return "F-" + std::to_string(++ids_); }
  Result<std::optional<registry::Person>> FindCurrentHead(int64_t) override { return std::optional<registry::Person>{}; }
  Result<int64_t> RecordMemberAdded(const registry::RegisterEvent&) override { return ++ids_; }
  Result<std::optional<registry::Person>> FindPendingMember(int64_t, const std::string&, Sex, Date) override {
    return std::optional<registry::Person>{};
  }
  Status Begin() override { return {}; }
  Result<int64_t> InsertHousehold(const registry::Household&) override { return ++ids_; }
  Status UpdateHousehold(const registry::Household&) override { return {}; }
  Result<int64_t> InsertPerson(const registry::Person&) override { return ++ids_; }
  Status UpdatePerson(const registry::Person&) override { return {}; }
  Result<int64_t> InsertOriginVillage(const registry::OriginVillage&) override { return ++ids_; }
  Result<int64_t> InsertHousingUnit(int64_t, const std::string&, const std::string&, const std::string&,
                                    std::optional<int64_t>) override {
    return ++ids_;
  }
  Status UpdateHousingUnitArea(int64_t, int64_t) override { return {}; }
  Result<int64_t> InsertGrid(int64_t, const std::string&) override { return ++ids_; }
  Status Audit(const Actor&, const AuditEntry&) override { return {}; }
  Status RecordBatch(const Actor&, const ImportBatchRecord&) override { return {}; }
  Status Commit() override {
    committed = true;
    return {};
  }
  void Rollback() override {}
  bool committed = false;

 private:
  int64_t ids_ = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto file = InputFile::FromBytes(std::string(reinterpret_cast<const char*>(data), size), "f");
  ImportOptions options;
  options.today = Date{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{29}};
  options.pipeline = false;  // one thread: reproducible runs
  SmallRegistry repo;
  auto r = PreviewImport(file, options, SystemActor(), repo);
  if (!r) return 0;
  if (repo.committed || r->committed) std::abort();
  if (r->rows_valid + r->rows_rejected != r->rows_read) std::abort();
  return 0;
}
