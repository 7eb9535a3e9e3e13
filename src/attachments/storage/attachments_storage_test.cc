// The attachments store over a real database file: content-addressed files beside it, scope of
// the owner record on every read (404 outside, also for the content), the hash verified on
// every read (a flipped byte on disk → "file damaged", never the bytes), withdrawal keeping the
// row, and the backup keeping every file (verify finds a damaged one).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "attachments/storage/backup.h"
#include "attachments/storage/sqlite_attachments.h"
#include "core/sha256.h"
#include "storage/migrate.h"

namespace anju::storage {
namespace {

namespace fs = std::filesystem;

// A test owner kind: record 1 lies in grid 1 of site 1, record 2 in grid 2 of site 2, record 3
// does not exist.
Result<std::optional<Place>> TestPlace(Connection&, int64_t id) {
  if (id == 1) return std::optional<Place>(Place{"341221100", 1, "341221100", 1});
  if (id == 2) return std::optional<Place>(Place{"341221101", 2, "341221101", 2});
  return std::optional<Place>();
}
const attachments::OwnerKind kTestKind{.kind = "thing", .module = "test", .label_zh = "测试",
                                       .label_en = "thing", .place_of = TestPlace};

const std::string kPng = std::string("\x89PNG\r\n\x1A\n", 8) + "png body bytes";
const std::string kJpeg = std::string("\xFF\xD8\xFF\xE0", 4) + "a jpeg photo of the house";

Actor County() {
  Actor a;
  a.user_id = 1;
  a.username = "county";
  a.role = Role::kCountyStaff;
  return a;
}
Actor Grid(int64_t grid) {
  Actor a;
  a.user_id = 2;
  a.username = "grid";
  a.role = Role::kGridWorker;
  a.scope.level = AccessScope::Level::kGrid;
  a.scope.grid_id = grid;
  return a;
}
Actor Auditor() {
  Actor a;
  a.user_id = 3;
  a.username = "auditor";
  a.role = Role::kAuditor;
  return a;
}

class AttachmentStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    attachments::SetOwnerKinds({&kTestKind});
    dir_ = fs::temp_directory_path() / ("anju-attach-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_path_ = (dir_ / "anju.db").string();
    auto db = OpenAndMigrate(db_path_, false);
    ASSERT_TRUE(db) << db.error().ToString();
    db_ = std::move(*db);
  }
  void TearDown() override {
    db_.reset();
    fs::remove_all(dir_);
  }
  attachments::Attachment Put(const Actor& a, int64_t owner, const std::string& name,
                              const std::string& bytes) {
    AttachmentStore s(*db_);
    auto r = s.Upload(a, "thing", owner, name, "caption", bytes);
    EXPECT_TRUE(r) << (r ? "" : r.error().error.ToString());
    return r ? *r : attachments::Attachment{};
  }
  fs::path dir_;
  std::string db_path_;
  std::unique_ptr<Database> db_;
};

TEST_F(AttachmentStoreTest, StoredOnceUnderItsHashBesideTheDatabase) {
  auto a = Put(County(), 1, "a.pdf", kPng);  // a PNG named .pdf
  auto b = Put(County(), 2, "b.png", kPng);
  EXPECT_EQ(a.mime, "image/png");
  EXPECT_EQ(a.sha256, Sha256Hex(kPng));
  EXPECT_EQ(b.sha256, a.sha256);
  fs::path file = dir_ / "anju.db.files" / "sha256" / a.sha256.substr(0, 2) / a.sha256;
  ASSERT_TRUE(fs::exists(file));
  EXPECT_EQ(fs::file_size(file), kPng.size());
  int files = 0;
  for (auto& e : fs::recursive_directory_iterator(dir_ / "anju.db.files"))
    if (e.is_regular_file()) ++files;
  EXPECT_EQ(files, 1);  // the same content stored once, no temporary file left
}

TEST_F(AttachmentStoreTest, RefusedFileLeavesNothing) {
  AttachmentStore s(*db_);
  auto r = s.Upload(County(), "thing", 1, "notes.jpg", "", "plain text, not a photo");
  ASSERT_FALSE(r);
  ASSERT_TRUE(r.error().refusal);
  EXPECT_EQ(*r.error().refusal, attachments::Refusal::kUnsupportedType);
  auto list = s.List(County(), "thing", 1);
  ASSERT_TRUE(list);
  EXPECT_TRUE(list->empty());
  EXPECT_FALSE(fs::exists(dir_ / "anju.db.files" / "sha256"));
}

TEST_F(AttachmentStoreTest, OutsideTheScopeIsNotFoundForMetadataListAndContent) {
  auto other = Put(County(), 2, "b.jpg", kJpeg);  // grid 2
  auto mine = Put(Grid(1), 1, "a.jpg", kJpeg);
  AttachmentStore s(*db_);
  auto meta = s.Get(Grid(1), other.id);
  ASSERT_FALSE(meta);
  EXPECT_EQ(meta.error().code, ErrorCode::kNotFound);
  auto list = s.List(Grid(1), "thing", 2);
  ASSERT_FALSE(list);
  EXPECT_EQ(list.error().code, ErrorCode::kNotFound);
  auto up = s.Upload(Grid(1), "thing", 2, "x.jpg", "", kJpeg);
  ASSERT_FALSE(up);
  EXPECT_EQ(up.error().error.code, ErrorCode::kNotFound);
  auto none = s.Upload(County(), "thing", 3, "x.jpg", "", kJpeg);
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().error.code, ErrorCode::kNotFound);
  auto got = s.Get(Grid(1), mine.id);
  ASSERT_TRUE(got);
  auto bytes = s.Content(Grid(1), *got);
  ASSERT_TRUE(bytes);
  EXPECT_EQ(*bytes, kJpeg);
}

TEST_F(AttachmentStoreTest, AuditorReadsButCannotUploadOrWithdraw) {
  auto a = Put(County(), 1, "a.jpg", kJpeg);
  AttachmentStore s(*db_);
  auto up = s.Upload(Auditor(), "thing", 1, "x.jpg", "", kJpeg);
  ASSERT_FALSE(up);
  EXPECT_EQ(up.error().error.code, ErrorCode::kPermissionDenied);
  EXPECT_TRUE(s.Get(Auditor(), a.id));
  auto w = s.Withdraw(Auditor(), a.id, "wrong photo", "2026-12-03");
  ASSERT_FALSE(w);
  EXPECT_EQ(w.error().code, ErrorCode::kPermissionDenied);
}

TEST_F(AttachmentStoreTest, AFlippedByteOnDiskIsFileDamagedNeverTheBytes) {
  auto a = Put(County(), 1, "a.jpg", kJpeg);
  fs::path file = dir_ / "anju.db.files" / "sha256" / a.sha256.substr(0, 2) / a.sha256;
  {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(5);
    f.put('Y');
  }
  AttachmentStore s(*db_);
  auto got = s.Get(County(), a.id);
  ASSERT_TRUE(got);
  auto bytes = s.Content(County(), *got);
  ASSERT_FALSE(bytes);
  EXPECT_EQ(bytes.error().code, ErrorCode::kInternal);
  EXPECT_NE(bytes.error().message.find("file damaged"), std::string::npos);
  EXPECT_EQ(bytes.error().message_zh, "文件已损坏，请从备份恢复（anju backup）");
  // A new upload of the same content repairs the stored copy.
  Put(County(), 1, "again.jpg", kJpeg);
  EXPECT_TRUE(s.Content(County(), *got));
}

TEST_F(AttachmentStoreTest, WithdrawnKeepsTheRowSeenOnlyByTheCounty) {
  auto a = Put(Grid(1), 1, "a.jpg", kJpeg);
  AttachmentStore s(*db_);
  auto empty = s.Withdraw(Grid(1), a.id, "  ", "2026-12-03");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().field, "reason");
  auto w = s.Withdraw(Grid(1), a.id, "photo of the wrong house", "2026-12-03");
  ASSERT_TRUE(w) << w.error().ToString();
  auto again = s.Withdraw(County(), a.id, "again", "2026-12-03");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(s.Get(Grid(1), a.id).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(s.List(Grid(1), "thing", 1)->empty());
  auto county = s.List(County(), "thing", 1);
  ASSERT_EQ(county->size(), 1u);
  EXPECT_EQ(county->front().withdrawn_reason.value_or(""), "photo of the wrong house");
  EXPECT_EQ(county->front().withdrawn_by.value_or(""), "grid");
}

TEST_F(AttachmentStoreTest, BackupKeepsEveryFileAndVerifyFindsADamagedOne) {
  auto a = Put(County(), 1, "a.jpg", kJpeg);
  auto b = Put(County(), 2, "b.png", kPng);
  fs::path out = dir_ / "backup";
  auto sum = MakeBackup(*db_, out.string());
  ASSERT_TRUE(sum) << sum.error().ToString();
  EXPECT_EQ(sum->files, 2);
  EXPECT_EQ(sum->bytes, static_cast<int64_t>(kJpeg.size() + kPng.size()));
  EXPECT_TRUE(sum->witness);
  for (const auto& x : {a, b}) {
    fs::path copy = out / "anju.db.files" / "sha256" / x.sha256.substr(0, 2) / x.sha256;
    ASSERT_TRUE(fs::exists(copy)) << copy;
    auto bytes = ReadWholeFile(copy.string());
    ASSERT_TRUE(bytes);
    EXPECT_EQ(Sha256Hex(*bytes), x.sha256);
  }
  // The copy opens as a database with both rows.
  {
    auto copy = Database::Open((out / "anju.db").string(), {.read_only = true, .create = false});
    ASSERT_TRUE(copy);
    auto st = (*copy)->Prepare("SELECT count(*) FROM attachments");
    ASSERT_TRUE(st);
    ASSERT_TRUE(*st->Step());
    EXPECT_EQ(st->ColumnInt(0), 2);
  }
  auto good = VerifyBackup(out.string());
  ASSERT_TRUE(good) << good.error().ToString();
  EXPECT_TRUE(good->faults.empty()) << good->faults.front();
  EXPECT_EQ(good->files_checked, 4);  // database, witness, two files
  EXPECT_GT(good->audit_entries, 0);

  fs::path damaged = out / "anju.db.files" / "sha256" / b.sha256.substr(0, 2) / b.sha256;
  {
    std::fstream f(damaged, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(9);
    f.put('Z');
  }
  auto bad = VerifyBackup(out.string());
  ASSERT_TRUE(bad);
  ASSERT_EQ(bad->faults.size(), 1u);
  EXPECT_NE(bad->faults[0].find(b.sha256), std::string::npos);
  EXPECT_NE(bad->faults[0].find("damaged"), std::string::npos);

  // A backup into a folder that is not empty is refused.
  auto again = MakeBackup(*db_, out.string());
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().field, "out");
}

}  // namespace
}  // namespace anju::storage
