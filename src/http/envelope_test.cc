#include "http/envelope.h"

#include <gtest/gtest.h>

namespace anju::http {
namespace {

TEST(Envelope, CarriesEveryFieldAndStatusFromTheCode) {
  HttpError err(InvalidArgument("check digit is 1, expected X", "resident_id",
                                 "141124********0151", "校验码为 1，应为 X")
                     .error());
  EXPECT_EQ(err.Status(), 422);
  auto j = nlohmann::json::parse(EnvelopeBody(err));
  EXPECT_EQ(j["error"]["code"], "invalid_argument");
  EXPECT_EQ(j["error"]["message"], "check digit is 1, expected X");
  EXPECT_EQ(j["error"]["message_zh"], "校验码为 1，应为 X");
  EXPECT_EQ(j["error"]["field"], "resident_id");
  EXPECT_EQ(j["error"]["value"], "141124********0151");
  EXPECT_TRUE(j["error"]["details"].is_array());
}

TEST(Envelope, MissingChineseMessageFallsBackToEnglish) {
  auto j = ErrorJson(Internal("boom").error());
  EXPECT_EQ(j["message_zh"], "boom");
  EXPECT_EQ(j["code"], "internal");
}

TEST(Envelope, PreconditionRequiredIs428WithItsOwnCode) {
  HttpError e = PreconditionRequired();
  EXPECT_EQ(e.Status(), 428);
  auto j = nlohmann::json::parse(EnvelopeBody(e));
  EXPECT_EQ(j["error"]["code"], "precondition_required");
  EXPECT_EQ(j["error"]["field"], "If-Match");
}

TEST(Envelope, ValidationFailedListsEachField) {
  Error a = InvalidArgument("bad", "name").error();
  Error b = InvalidArgument("bad", "phone").error();
  Error e = ValidationFailed({a, b});
  EXPECT_EQ(e.code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(e.details.size(), 2u);
  EXPECT_EQ(e.details[0].field, "name");
  EXPECT_EQ(e.details[1].field, "phone");
  EXPECT_EQ(e.message, "2 fields are invalid");
  // A single fault is itself the error and its own only detail.
  Error one = ValidationFailed({a});
  EXPECT_EQ(one.field, "name");
  ASSERT_EQ(one.details.size(), 1u);
  EXPECT_EQ(one.details[0].field, "name");
}

TEST(Envelope, StatusForEachCode) {
  EXPECT_EQ(HttpError(NotFound("x").error()).Status(), 404);
  EXPECT_EQ(HttpError(Conflict("x").error()).Status(), 409);
  EXPECT_EQ(HttpError(PermissionDenied("x").error()).Status(), 403);
  EXPECT_EQ(HttpError(Unauthenticated("x").error()).Status(), 401);
  EXPECT_EQ(HttpError(ResourceExhausted("x").error()).Status(), 429);
  EXPECT_EQ(PayloadTooLarge(10).Status(), 413);
}

TEST(Envelope, JsonMediaTypesAnd415) {
  EXPECT_TRUE(IsJsonMediaType("application/json"));
  EXPECT_TRUE(IsJsonMediaType("Application/JSON; charset=utf-8"));
  EXPECT_TRUE(IsJsonMediaType("application/merge-patch+json"));
  EXPECT_FALSE(IsJsonMediaType("text/plain"));
  EXPECT_FALSE(IsJsonMediaType(""));
  EXPECT_FALSE(IsJsonMediaType("application/x-www-form-urlencoded"));
  EXPECT_FALSE(IsJsonMediaType("text/json+jsonx"));
  EXPECT_EQ(UnsupportedMediaType("text/plain").Status(), 415);
}

}  // namespace
}  // namespace anju::http
