#include "http/json_body.h"

#include <gtest/gtest.h>

#include <limits>
#include <map>

#include <string>

namespace anju::http {
namespace {

TEST(ParseJsonObject, AcceptsAnObject) {
  auto j = ParseJsonObject(R"({"name":"张海明","n":3})");
  ASSERT_TRUE(j) << j.error().ToString();
  EXPECT_EQ((*j)["name"], "张海明");
}

TEST(ParseJsonObject, RefusesNonObjectsAndBrokenJsonNamingTheBody) {
  auto a = ParseJsonObject("[1,2]");
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().field, "body");
  auto b = ParseJsonObject(R"({"a":)");
  ASSERT_FALSE(b);
  EXPECT_EQ(b.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(b.error().message.find("not valid JSON"), std::string::npos);
}

TEST(ParseJsonObject, NumberOverflowIsAFaultNamingTheFieldNotAnException) {
  auto r = ParseJsonObject(R"({"username":1e400,"password":"x"})");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().field, "username");
  EXPECT_EQ(r.error().message.find("json.exception"), std::string::npos);
  auto top = ParseJsonObject(R"({"a":{"b":-1e999}})");
  ASSERT_FALSE(top);
  EXPECT_EQ(top.error().field, "b");
}

TEST(ParseJsonObject, BrokenJsonMessageHasNoLibraryExceptionId) {
  auto b = ParseJsonObject(R"({"a":)");
  ASSERT_FALSE(b);
  EXPECT_EQ(b.error().message.find("[json.exception"), std::string::npos) << b.error().message;
  EXPECT_NE(b.error().message.find("line 1, column 6"), std::string::npos) << b.error().message;
}

TEST(ParseJsonObject, StopsAtTheDepthLimit) {
  std::string ok = "{\"a\":" + std::string(30, '[') + std::string(30, ']') + "}";
  EXPECT_TRUE(ParseJsonObject(ok));  // depth 31
  std::string deep = "{\"a\":" + std::string(5000, '[') + std::string(5000, ']') + "}";
  auto r = ParseJsonObject(deep);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("deeper than 32"), std::string::npos);
}

TEST(BodyReader, CollectsEveryFaultWithItsField) {
  auto j = nlohmann::json::parse(
      R"({"name": 5, "able_to_work": "yes", "birth_date": "2023-02-29", "colour": "red"})");
  BodyReader r(j);
  auto name = r.String("name");
  auto able = r.Bool("able_to_work");
  auto birth = r.DateField("birth_date");
  auto phone = r.String("phone");
  r.Require("phone", phone);
  EXPECT_TRUE(name.present);
  EXPECT_FALSE(name.value);
  EXPECT_FALSE(able.value);
  EXPECT_FALSE(birth.value);
  auto st = r.Finish();
  ASSERT_FALSE(st);
  std::vector<std::string> fields;
  for (const auto& d : st.error().details) fields.push_back(d.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"name", "able_to_work", "birth_date", "phone",
                                              "colour"}));
}

TEST(BodyReader, IntegersBeyondInt64AreFaultsNotWrapped) {
  auto j = nlohmann::json::parse(R"({"site_id": 18446744073709551615, "grid_id": 9223372036854775807})");
  BodyReader r(j);
  auto site = r.Int("site_id");
  auto grid = r.Int("grid_id");
  EXPECT_FALSE(site.value);  // was -1
  EXPECT_EQ(grid.value, 9223372036854775807);
  auto st = r.Finish();
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().field, "site_id");
}

// Tester's defect: 9007199254740993 must be read exactly (not as the double ...992), and a
// number that is not an exact integer within int64 is a fault naming the field, never rounded.
TEST(BodyReader, IntegersAreReadExactlyAndNonIntegersAreRefusedNotRounded) {
  auto j = nlohmann::json::parse(
      R"({"a": 9007199254740993, "b": -9223372036854775808, "c": 2.5, "d": 2.0, "e": 3.2e5,)"
      R"( "f": 1e30, "g": -9223372036854775809, "h": "7"})");
  BodyReader r(j);
  EXPECT_EQ(r.Int("a").value, int64_t{9007199254740993});
  EXPECT_EQ(r.Int("b").value, std::numeric_limits<int64_t>::min());
  for (const char* name : {"c", "d", "e", "f", "g", "h"}) EXPECT_FALSE(r.Int(name).value) << name;
  auto st = r.Finish();
  ASSERT_FALSE(st);
  std::map<std::string, Error> by_field;
  for (const auto& d : st.error().details) by_field[d.field] = d;
  ASSERT_EQ(by_field.size(), 6u);
  EXPECT_NE(by_field["c"].message.find("must be a whole number, written without a decimal point"),
            std::string::npos) << by_field["c"].message;
  EXPECT_EQ(by_field["c"].value, "2.5");
  EXPECT_NE(by_field["d"].message.find("must be a whole number"), std::string::npos);
  EXPECT_NE(by_field["e"].message.find("must be a whole number"), std::string::npos);
  EXPECT_NE(by_field["f"].message.find("a whole number from -9223372036854775808 to 9223372036854775807"),
            std::string::npos) << by_field["f"].message;
  EXPECT_NE(by_field["g"].message.find("a whole number from -9223372036854775808"), std::string::npos)
      << by_field["g"].message;
  EXPECT_EQ(by_field["h"].message, "h must be a whole number, got string");
  EXPECT_EQ(by_field["c"].message_zh, "应为整数（不带小数点或指数，如 320000，而非 320000.0 或 3.2e5）");
}

TEST(BodyReader, DistinguishesAbsentNullAndValue) {
  auto j = nlohmann::json::parse(R"({"grid_id": null, "site_id": 4, "ok": true})");
  BodyReader r(j);
  auto grid = r.Int("grid_id");
  auto site = r.Int("site_id");
  auto unit = r.Int("housing_unit_id");
  auto ok = r.Bool("ok");
  EXPECT_TRUE(grid.IsNull());
  EXPECT_EQ(site.value, 4);
  EXPECT_FALSE(unit.present);
  EXPECT_EQ(ok.value, true);
  EXPECT_TRUE(r.Finish());
}

// Issue #12 item 6: a boolean is the JSON literal true or false; 0/1 and text are refused with
// the field named, not guessed at.
TEST(BodyReader, BooleansOnlyAsJsonLiterals) {
  auto j = nlohmann::json::parse(
      R"({"a": true, "b": false, "c": 1, "d": 0, "e": "true", "f": "yes", "g": "是"})");
  BodyReader r(j);
  EXPECT_EQ(r.Bool("a").value, true);
  EXPECT_EQ(r.Bool("b").value, false);
  for (const char* name : {"c", "d", "e", "f", "g"}) EXPECT_FALSE(r.Bool(name).value) << name;
  auto st = r.Finish();
  ASSERT_FALSE(st);
  std::vector<std::string> fields;
  for (const auto& d : st.error().details) {
    fields.push_back(d.field);
    EXPECT_NE(d.message.find("true or false"), std::string::npos);
    EXPECT_FALSE(d.message_zh.empty());
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"c", "d", "e", "f", "g"}));
}

// Tester: {"able_to_work": 1} on a PATCH gave the boolean fault and also "able_to_work is
// required" (the refused value left the field null). One fault per field.
TEST(BodyReader, AWrongTypeIsNotAlsoRequired) {
  auto j = nlohmann::json::parse(R"({"ok": 1, "name": 5})");
  BodyReader r(j);
  auto ok = r.Bool("ok");
  r.Require("ok", ok);
  auto name = r.String("name");
  r.Require("name", name);
  auto missing = r.String("missing");
  r.Require("missing", missing);
  auto st = r.Finish();
  ASSERT_FALSE(st);
  std::vector<std::string> fields, messages;
  for (const auto& d : st.error().details) {
    fields.push_back(d.field);
    messages.push_back(d.message);
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"ok", "name", "missing"}));
  EXPECT_NE(messages[0].find("true or false"), std::string::npos) << messages[0];
  EXPECT_NE(messages[2].find("is required"), std::string::npos) << messages[2];
}

TEST(QueryParsing, BoundsAndBooleans) {
  EXPECT_EQ(*ParseQueryInt("limit", "50", 1, 500), 50);
  auto bad = ParseQueryInt("limit", "501", 1, 500);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "limit");
  EXPECT_EQ(bad.error().value, "501");
  EXPECT_FALSE(ParseQueryInt("limit", "5x", 1, 500));
  EXPECT_TRUE(*ParseQueryBool("f", "1"));
  EXPECT_FALSE(*ParseQueryBool("f", "false"));
  EXPECT_FALSE(ParseQueryBool("f", "yes"));
}

// JoinFaults (all_faults.h): the reader's faults, then the service's field faults not already
// explained by a reader fault on the same field or a part of it.
TEST(JoinFaults, AddsTheServicesFieldFaultsOncePerField) {
  auto fault = [](std::string field, ErrorCode code = ErrorCode::kInvalidArgument) {
    Error e;
    e.code = code;
    e.field = std::move(field);
    e.message = "m";
    return e;
  };
  std::vector<Error> reader = {fault("held_on"), fault("columns[0].type"), fault("housing")};
  Error service;
  service.code = ErrorCode::kInvalidArgument;
  service.details = {fault("held_on"),          // the same field: the reader's says why
                     fault("name"),             // new
                     fault("columns"),          // a part of it faulted: explained
                     fault("columns[1].key"),   // another column: new
                     fault("housing.decision"), // inside a faulted field: explained
                     fault("columns[0]x"),      // not a part of columns[0]: new
                     fault("username", ErrorCode::kConflict),  // a conflict on a field: new
                     fault("")};                // not about a field: left out
  std::vector<Error> all = JoinFaults(reader, service);
  std::vector<std::string> fields;
  for (const Error& e : all) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"held_on", "columns[0].type", "housing", "name", "columns[1].key",
                                              "columns[0]x", "username"}));
  // A refusal that is not about the fields (403, 404) adds nothing; a single fault is itself.
  EXPECT_EQ(JoinFaults(reader, fault("id", ErrorCode::kNotFound)).size(), 3u);
  EXPECT_EQ(JoinFaults(reader, fault("kind")).size(), 4u);
}

}  // namespace
}  // namespace anju::http
