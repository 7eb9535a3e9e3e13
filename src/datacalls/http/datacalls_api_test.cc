// Data calls over HTTP on a demo database (issue #15 "done when": a data call filled by two
// townships and merged): the county sends a call to two townships and a site; township A fills
// its rows in the browser (PUT), township B uploads an xlsx, both submit, the county returns one
// (a note is required) and accepts both; merged.xlsx read back with the importer's reader holds
// exactly both townships' rows with the recipient column; the site, overdue, is escalated by the
// case engine's sweep. Also: validation faults (every one at once), scope (B cannot read or write
// A's answer: 404), roles (403).
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <xlsxwriter.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "casework/storage/sqlite_casework.h"
#include "core/actor.h"
#include "demo_env.h"
#include "importer/clean.h"
#include "importer/input.h"
#include "importer/readers.h"
#include "modules/module.h"
#include "storage/sqlite.h"

namespace anju::http {
namespace {

using nlohmann::json;
using test::DemoEnv;

struct Session {
  std::string cookie, csrf;
};

class DataCallsApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    modules::Install();  // case types (data_call_reply) before the server starts
    DemoEnv& e = DemoEnv::Get();
    if (!e.skip.empty() || !e.error.empty()) return;
    auto db = storage::Database::Open(e.db);
    ASSERT_TRUE(db);
    // Township A: the demo township account's; B: another township with a site; the site: one
    // in a third township (its site manager is made here).
    auto one = [&](const std::string& sql) {
      auto st = (*db)->Prepare(sql);
      EXPECT_TRUE(st);
      auto row = st->Step();
      EXPECT_TRUE(row && *row) << sql;
      return st->ColumnText(0);
    };
    town_a = one("SELECT township_code FROM users WHERE username = 'demo_township'");
    town_b = one(fmt::format("SELECT code FROM divisions WHERE level = 'township' AND code <> '{}' ORDER BY code LIMIT 1", town_a));
    site = std::stoll(one(fmt::format("SELECT id FROM sites WHERE township_code NOT IN ('{}', '{}') ORDER BY id LIMIT 1", town_a, town_b)));
    name_a = one(fmt::format("SELECT name FROM divisions WHERE code = '{}'", town_a));
    name_b = one(fmt::format("SELECT name FROM divisions WHERE code = '{}'", town_b));
    const std::string anju = ANJU_BINARY;
    const std::string add = fmt::format("printf 'dc-pass-2026x' | {} user add dc.town_b --role township_staff --township {} "
                                        "--password-stdin --db '{}' >/dev/null 2>&1",
                                        anju, town_b, e.db);
    ASSERT_EQ(std::system(add.c_str()), 0) << add;
  }
  void SetUp() override {
    DemoEnv& e = DemoEnv::Get();
    if (!e.skip.empty()) GTEST_SKIP() << e.skip;
    ASSERT_TRUE(e.error.empty()) << e.error;
  }
  static httplib::Client Client() {
    httplib::Client c("127.0.0.1", DemoEnv::Get().server->port());
    c.set_read_timeout(60, 0);
    return c;
  }
  static const Session& As(const std::string& user, const std::string& password = "anju-demo") {
    static std::map<std::string, Session> cache;
    if (auto it = cache.find(user); it != cache.end()) return it->second;
    auto r = Client().Post("/api/v1/session", json{{"username", user}, {"password", password}}.dump(), "application/json");
    EXPECT_TRUE(r);
    EXPECT_EQ(r->status, 200) << user << " " << r->body;
    Session s;
    std::string set_cookie = r->get_header_value("Set-Cookie");
    s.cookie = set_cookie.substr(0, set_cookie.find(';'));
    s.csrf = json::parse(r->body)["csrf_token"].get<std::string>();
    return cache.emplace(user, s).first->second;
  }
  static httplib::Headers H(const Session& s) { return {{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}}; }
  static std::pair<int, json> Call(const Session& s, const std::string& method, const std::string& path, const json& body = nullptr) {
    auto c = Client();
    httplib::Result r = method == "GET"   ? c.Get(path, H(s))
                        : method == "PUT" ? c.Put(path, H(s), body.dump(), "application/json")
                                          : c.Post(path, H(s), body.is_null() ? "{}" : body.dump(), "application/json");
    EXPECT_TRUE(r) << path;
    if (!r) return {0, nullptr};
    return {r->status, json::parse(r->body, nullptr, false)};
  }
  static const Session& County() { return As("demo_staff"); }
  static const Session& TownA() { return As("demo_township"); }
  static const Session& TownB() { return As("dc.town_b", "dc-pass-2026x"); }

  static json Columns() {
    return json::parse(R"([
      {"key":"village","label_zh":"村名","label_en":"Village","type":"text","required":true},
      {"key":"households","label_zh":"户数","label_en":"Households","type":"integer","required":true},
      {"key":"income","label_zh":"人均收入","label_en":"Income per head","type":"decimal","required":false},
      {"key":"checked_on","label_zh":"核查日期","label_en":"Checked on","type":"date","required":false},
      {"key":"kind","label_zh":"类型","label_en":"Kind","type":"enum","required":false,"values":["整村","分散"]}])");
  }
  // A call to A, B and the site, due today.
  static json NewCall(const std::string& title) {
    return {{"title", title},
            {"instructions", "按村填报"},
            {"due_on", FormatIsoDate(TodayInChina())},
            {"columns", Columns()},
            {"recipients", "chosen"},
            {"township_codes", {town_a, town_b}},
            {"site_ids", {site}}};
  }
  static int64_t RecipientOf(const json& call, const std::string& level, const std::string& township) {
    for (const auto& r : call["recipients"])
      if (r["level"] == level && (level == "site" || r["township_code"] == township)) return r["id"].get<int64_t>();
    ADD_FAILURE() << "no recipient " << level << " " << township << " in " << call.dump();
    return 0;
  }
  // An xlsx as township B fills it: a title row, the headers in another order, a date cell.
  static std::string TownBWorkbook() {
    auto path = (std::filesystem::temp_directory_path() / fmt::format("dc-b-{}.xlsx", getpid())).string();
    lxw_workbook* wb = workbook_new(path.c_str());
    lxw_worksheet* ws = workbook_add_worksheet(wb, "填报");
    lxw_format* date = workbook_add_format(wb);
    format_set_num_format(date, "yyyy-mm-dd");
    worksheet_write_string(ws, 0, 0, "乙镇数据调度填报", nullptr);
    const char* heads[] = {"户数", "村名", "核查日期", "类型", "人均收入"};
    for (int i = 0; i < 5; ++i) worksheet_write_string(ws, 1, static_cast<lxw_col_t>(i), heads[i], nullptr);
    worksheet_write_number(ws, 2, 0, 31, nullptr);
    worksheet_write_string(ws, 2, 1, "乙一村", nullptr);
    lxw_datetime d{2026, 4, 30, 0, 0, 0};
    worksheet_write_datetime(ws, 2, 2, &d, date);
    worksheet_write_string(ws, 2, 3, "分散", nullptr);
    worksheet_write_number(ws, 2, 4, 2980.75, nullptr);
    worksheet_write_number(ws, 3, 0, 8, nullptr);
    worksheet_write_string(ws, 3, 1, "乙二村", nullptr);
    workbook_close(wb);
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::filesystem::remove(path);
    return ss.str();
  }

  static inline std::string town_a, town_b, name_a, name_b;
  static inline int64_t site = 0;
};

TEST_F(DataCallsApi, FilledByTwoTownshipsAndMerged) {
  auto [st, call] = Call(County(), "POST", "/api/v1/data-calls", NewCall("2026年一季度村级数据"));
  ASSERT_EQ(st, 201) << call.dump();
  const int64_t id = call["id"].get<int64_t>();
  ASSERT_EQ(call["recipients"].size(), 3u);
  const int64_t ra = RecipientOf(call, "township", town_a), rb = RecipientOf(call, "township", town_b),
                rs = RecipientOf(call, "site", "");
  for (const auto& r : call["recipients"]) {
    EXPECT_EQ(r["status"], "pending");
    EXPECT_EQ(r["case_state"], "pending");
    EXPECT_EQ(r["due_on"], FormatIsoDate(TodayInChina()));  // the case's clock is the call's due date
  }
  const std::string base = fmt::format("/api/v1/data-calls/{}/replies/", id);

  // Township A sees the call in its list (1 recipient: its own) and gets a notice.
  auto [ls, list] = Call(TownA(), "GET", "/api/v1/data-calls");
  ASSERT_EQ(ls, 200);
  bool listed = false;
  for (const auto& c : list["items"])
    if (c["id"] == id) listed = c["recipients"] == 1;
  EXPECT_TRUE(listed) << list.dump();
  auto [is, inbox] = Call(TownA(), "GET", "/api/v1/inbox?unread=true");
  ASSERT_EQ(is, 200) << inbox.dump();
  bool noticed = false;
  for (const auto& n : inbox["items"])
    if (n["kind"] == "data_call_received" && n["entity_id"] == id) noticed = true;
  EXPECT_TRUE(noticed) << inbox.dump();

  // A fills in the browser.
  json rows_a = json::array({{{"village", "甲一村"}, {"households", 120}, {"income", "3520.50"}, {"checked_on", "2026-05-01"}, {"kind", "整村"}},
                             {{"village", "甲二村"}, {"households", "45"}}});
  auto [pa, put_a] = Call(TownA(), "PUT", base + std::to_string(ra), {{"rows", rows_a}});
  ASSERT_EQ(pa, 200) << put_a.dump();
  EXPECT_EQ(put_a["rows"].size(), 2u);
  EXPECT_EQ(put_a["rows"][0]["income"], "3520.5");
  EXPECT_EQ(put_a["rows"][1]["households"], 45);

  // Scope: B cannot read or write A's answer (404); the site manager neither; a grid worker
  // does not see the call at all.
  EXPECT_EQ(Call(TownB(), "GET", base + std::to_string(ra)).first, 404);
  EXPECT_EQ(Call(TownB(), "PUT", base + std::to_string(ra), {{"rows", rows_a}}).first, 404);
  EXPECT_EQ(Call(TownB(), "POST", base + std::to_string(ra) + "/submit").first, 404);
  EXPECT_EQ(Call(As("demo_grid"), "GET", fmt::format("/api/v1/data-calls/{}", id)).first, 404);
  // The county does not answer for a township (403), and a township may not accept (403).
  EXPECT_EQ(Call(County(), "PUT", base + std::to_string(ra), {{"rows", rows_a}}).first, 403);
  EXPECT_EQ(Call(TownA(), "POST", base + std::to_string(ra) + "/accept").first, 403);

  // B uploads an xlsx.
  {
    auto c = Client();
    auto h = H(TownB());
    h.emplace("X-File-Name", "%E4%B9%99%E9%95%87.xlsx");
    auto r = c.Post(base + std::to_string(rb) + "/upload", h, TownBWorkbook(),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
    json j = json::parse(r->body);
    ASSERT_EQ(j["rows"].size(), 2u);
    EXPECT_EQ(j["rows"][0], (json{{"village", "乙一村"}, {"households", 31}, {"checked_on", "2026-04-30"}, {"kind", "分散"}, {"income", "2980.75"}}));
  }

  // Both submit; the county returns B's (a note is required), B resubmits, the county accepts both.
  ASSERT_EQ(Call(TownA(), "POST", base + std::to_string(ra) + "/submit").first, 200);
  ASSERT_EQ(Call(TownB(), "POST", base + std::to_string(rb) + "/submit").first, 200);
  EXPECT_EQ(Call(TownA(), "PUT", base + std::to_string(ra), {{"rows", rows_a}}).first, 409);  // submitted: frozen
  auto [nn, no_note] = Call(County(), "POST", base + std::to_string(rb) + "/return", {{"note", "  "}});
  EXPECT_EQ(nn, 422);
  EXPECT_EQ(no_note["error"]["field"], "note");
  auto [rt, returned] = Call(County(), "POST", base + std::to_string(rb) + "/return", {{"note", "乙二村缺人均收入"}});
  ASSERT_EQ(rt, 200) << returned.dump();
  EXPECT_EQ(returned["recipient"]["status"], "returned");
  EXPECT_EQ(returned["recipient"]["return_note"], "乙二村缺人均收入");
  ASSERT_EQ(Call(TownB(), "POST", base + std::to_string(rb) + "/submit").first, 200);
  ASSERT_EQ(Call(County(), "POST", base + std::to_string(ra) + "/accept").first, 200);
  auto [ac, acc] = Call(County(), "POST", base + std::to_string(rb) + "/accept");
  ASSERT_EQ(ac, 200) << acc.dump();
  EXPECT_EQ(acc["recipient"]["case_state"], "accepted");

  // Completion: 2 of 3.
  auto [gs, detail] = Call(County(), "GET", fmt::format("/api/v1/data-calls/{}", id));
  ASSERT_EQ(gs, 200);
  EXPECT_EQ(detail["completion"]["submitted"], 2);
  EXPECT_EQ(detail["completion"]["of"], 3);

  // The merged table, read back with the importer's reader: exactly A's and B's rows.
  {
    auto c = Client();
    auto r = c.Get(fmt::format("/api/v1/data-calls/{}/merged.xlsx", id), H(County()));
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
    auto wb = importer::OpenWorkbook(importer::InputFile::FromBytes(r->body, "merged.xlsx"));
    ASSERT_TRUE(wb) << wb.error().ToString();
    ASSERT_EQ((*wb)->sheets().size(), 2u);
    EXPECT_EQ((*wb)->sheets()[0].name, "汇总");
    std::vector<std::vector<std::string>> got;
    ASSERT_TRUE((*wb)->ReadRows(0, [&](const importer::Row& row) -> Status {
      std::vector<std::string> cells;
      for (const auto& cell : row.cells) {
        // A date cell (a number with a date format) as the importer's cleaner reads it.
        importer::Problems ps;
        auto d = cell.date_format ? importer::CleanDate(cell, false, ps) : std::nullopt;
        cells.push_back(d ? FormatIsoDate(*d) : importer::CellText(cell));
      }
      cells.resize(6);
      got.push_back(cells);
      return {};
    }));
    const std::vector<std::vector<std::string>> want = {
        {"填报单位", "村名", "户数", "人均收入", "核查日期", "类型"},
        {name_a, "甲一村", "120", "3520.5", "2026-05-01", "整村"},
        {name_a, "甲二村", "45", "", "", ""},
        {name_b, "乙一村", "31", "2980.75", "2026-04-30", "分散"},
        {name_b, "乙二村", "8", "", "", ""},
    };
    // Township rows come first by code; compare as sets of rows under the header.
    ASSERT_EQ(got.size(), want.size());
    EXPECT_EQ(got[0], want[0]);
    std::multiset<std::vector<std::string>> got_rows(got.begin() + 1, got.end()), want_rows(want.begin() + 1, want.end());
    EXPECT_EQ(got_rows, want_rows);
    int status_rows = 0;
    std::map<std::string, std::string> submitted_cell;  // 填报单位 → 提交时间 as shown
    ASSERT_TRUE((*wb)->ReadRows(1, [&](const importer::Row& row) -> Status {
      if (++status_rows > 1 && row.cells.size() > 2)
        submitted_cell[importer::CellText(row.cells[0])] = importer::CellText(row.cells[2]);
      return {};
    }));
    EXPECT_EQ(status_rows, 4);  // header + 3 recipients
    // 提交时间 in China time "YYYY-MM-DD HH:MM" (tester: it showed the raw UTC ISO text); the
    // API keeps UTC ISO. Expected: the API's UTC time + 8 hours, counted here with chrono.
    auto [ds, call_now] = Call(County(), "GET", fmt::format("/api/v1/data-calls/{}", id));
    ASSERT_EQ(ds, 200);
    int checked = 0;
    for (const auto& rec : call_now["recipients"]) {
      if (!rec["submitted_at"].is_string()) continue;
      const std::string utc = rec["submitted_at"];
      ASSERT_TRUE(utc.size() >= 20 && utc[10] == 'T' && utc.back() == 'Z') << utc;
      using namespace std::chrono;
      int y = 0, mo = 0, d = 0, hh = 0, mi = 0, ss = 0;
      ASSERT_EQ(std::sscanf(utc.c_str(), "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &hh, &mi, &ss), 6) << utc;
      const auto local = sys_days{year{y} / mo / d} + hours{hh} + minutes{mi} + hours{8};
      const auto day = floor<days>(local);
      const year_month_day ymd{day};
      const hh_mm_ss hms{local - day};
      const std::string shown = fmt::format("{:04}-{:02}-{:02} {:02}:{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                                           static_cast<unsigned>(ymd.day()), hms.hours().count(), hms.minutes().count());
      EXPECT_EQ(submitted_cell[rec["name"].get<std::string>()], shown) << utc;
      ++checked;
    }
    EXPECT_EQ(checked, 2);  // A and B submitted
  }
  // A township may not download the merged table.
  EXPECT_EQ(Call(TownA(), "GET", fmt::format("/api/v1/data-calls/{}/merged.xlsx", id)).first, 403);

  // The site never answered: the sweep of tomorrow escalates its case one level up.
  {
    auto db = storage::Database::Open(DemoEnv::Get().db);
    ASSERT_TRUE(db);
    const Date tomorrow = FromDaysSinceEpoch(DaysSinceEpoch(TodayInChina()) + 1);
    auto svc = casework::MakeCaseService(**db, tomorrow);
    auto swept = svc.Sweep(SystemActor(), tomorrow);
    ASSERT_TRUE(swept) << swept.error().ToString();
    EXPECT_GE(swept->escalated, 1);
  }
  auto [g2, after] = Call(County(), "GET", fmt::format("/api/v1/data-calls/{}", id));
  ASSERT_EQ(g2, 200);
  for (const auto& r : after["recipients"]) {
    if (r["id"] == rs) {
      EXPECT_EQ(r["escalation_level"], 1) << r.dump();
      EXPECT_EQ(r["holder_level"], "township") << r.dump();
    } else {
      EXPECT_EQ(r["escalation_level"], 0) << r.dump();  // accepted answers do not escalate
    }
  }
}

TEST_F(DataCallsApi, EveryFaultAtOnce) {
  json bad = NewCall("");
  bad["due_on"] = "2020-01-01";
  bad["columns"][1]["key"] = "Bad Key";
  bad["township_codes"].push_back("999999999");
  auto [st, err] = Call(County(), "POST", "/api/v1/data-calls", bad);
  ASSERT_EQ(st, 422) << err.dump();
  std::set<std::string> fields;
  for (const auto& d : err["error"]["details"]) {
    fields.insert(d["field"].get<std::string>());
    EXPECT_FALSE(d["message_zh"].get<std::string>().empty());
  }
  EXPECT_EQ(fields, (std::set<std::string>{"title", "due_on", "columns[1].key", "township_codes[2]"}));
  // Only county clerks send calls.
  EXPECT_EQ(Call(TownA(), "POST", "/api/v1/data-calls", NewCall("x")).first, 403);

  auto [cs, call] = Call(County(), "POST", "/api/v1/data-calls", NewCall("错误测试"));
  ASSERT_EQ(cs, 201);
  const int64_t id = call["id"].get<int64_t>();
  const int64_t ra = RecipientOf(call, "township", town_a);
  const std::string path = fmt::format("/api/v1/data-calls/{}/replies/{}", id, ra);
  json rows = json::array({{{"village", "甲一村"}, {"households", "十二"}, {"checked_on", "5/1"}},
                           {{"households", 3}, {"kind", "其他"}}});
  auto [ps, perr] = Call(TownA(), "PUT", path, {{"rows", rows}});
  ASSERT_EQ(ps, 422) << perr.dump();
  std::map<std::string, json> by;
  for (const auto& d : perr["error"]["details"]) by[d["field"].get<std::string>()] = d;
  EXPECT_EQ(by.size(), 4u) << perr.dump();
  EXPECT_EQ(by["rows[0].households"]["value"], "十二");
  EXPECT_NE(by["rows[0].households"]["message"].get<std::string>().find("fix:"), std::string::npos);
  EXPECT_TRUE(by.contains("rows[0].checked_on"));
  EXPECT_TRUE(by.contains("rows[1].village"));
  EXPECT_EQ(by["rows[1].kind"]["value"], "其他");
  // Nothing stored; an empty answer cannot be submitted.
  auto [gs, got] = Call(TownA(), "GET", path);
  ASSERT_EQ(gs, 200);
  EXPECT_TRUE(got["rows"].empty());
  EXPECT_EQ(Call(TownA(), "POST", path + "/submit").first, 422);
  // An upload with bad cells: per-cell faults, nothing stored.
  auto c = Client();
  auto h = H(TownA());
  h.emplace("X-File-Name", "a.csv");
  auto r = c.Post(path + "/upload", h, "村名,户数,人均收入\n甲一村,abc,1x\n", "text/csv");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422) << r->body;
  json e = json::parse(r->body);
  std::set<std::string> upload_fields;
  for (const auto& d : e["error"]["details"]) upload_fields.insert(d["field"].get<std::string>() + "=" + d["value"].get<std::string>());
  EXPECT_EQ(upload_fields, (std::set<std::string>{"households=abc", "income=1x"}));
  EXPECT_TRUE(Call(TownA(), "GET", path).second["rows"].empty());
  // Close: no more answers.
  ASSERT_EQ(Call(County(), "POST", fmt::format("/api/v1/data-calls/{}/close", id)).first, 200);
  EXPECT_EQ(Call(TownA(), "PUT", path, {{"rows", json::array({{{"village", "甲一村"}, {"households", 1}}})}}).first, 409);
}

// One notice per event (fresh-clone tester: each recipient got two — case_assigned from the
// data_call_reply case the call opens, and the call's own data_call_received).
TEST_F(DataCallsApi, EachRecipientIsToldOnceOfANewCall) {
  auto db = storage::Database::Open(DemoEnv::Get().db);
  ASSERT_TRUE(db);
  auto count = [&](const std::string& sql) {
    auto st = (*db)->Prepare(sql);
    EXPECT_TRUE(st) << sql;
    auto row = st->Step();
    EXPECT_TRUE(row && *row) << sql;
    return st->ColumnInt(0);
  };
  const int64_t before = count("SELECT coalesce(max(id), 0) FROM notifications");
  json body = NewCall("通知次数测试");
  body["township_codes"] = {town_a};
  body["site_ids"] = json::array();
  auto [st, call] = Call(County(), "POST", "/api/v1/data-calls", body);
  ASSERT_EQ(st, 201) << call.dump();
  const std::string township_user = "(SELECT id FROM users WHERE username = 'demo_township')";
  EXPECT_EQ(count(fmt::format("SELECT count(*) FROM notifications WHERE id > {} AND user_id = {}", before,
                              township_user)),
            1);
  EXPECT_EQ(count(fmt::format("SELECT count(*) FROM notifications WHERE id > {} AND user_id = {} AND kind = "
                              "'data_call_received' AND entity = 'data_call' AND entity_id = {}",
                              before, township_user, call["id"].get<int64_t>())),
            1);
  // Nobody is told twice.
  EXPECT_EQ(count(fmt::format("SELECT count(*) FROM (SELECT user_id FROM notifications WHERE id > {} GROUP BY user_id "
                              "HAVING count(*) > 1)", before)),
            0);
}

}  // namespace
}  // namespace anju::http
