#include "core/json_fields.hpp"

#include <gtest/gtest.h>

namespace wgbot {
namespace {

using nlohmann::json;

const json& schema() {
  static const json kSchema = {
      {"update_id", "integer"},
      {"message",
       {{"text", "string"}, {"chat", {{"id", "id"}, {"type", "string"}}}, {"entities", "array"}}}};
  return kSchema;
}

TEST(JsonFields, WrongTypedFieldNamesThePathOfTheFirstWrongField) {
  EXPECT_EQ(wrong_typed_field(json::parse(R"({"update_id":1})"), schema()), "");
  EXPECT_EQ(wrong_typed_field(json::parse(R"({"update_id":"1"})"), schema()), "update_id");
  EXPECT_EQ(wrong_typed_field(json::parse(R"({"message":[]})"), schema()), "message");
  EXPECT_EQ(
      wrong_typed_field(json::parse(R"({"message":{"chat":{"id":"-100","type":7}}})"), schema()),
      "message.chat.type");
  EXPECT_EQ(wrong_typed_field(json::parse(R"({"message":{"chat":{"id":1.5}}})"), schema()),
            "message.chat.id");
  EXPECT_EQ(wrong_typed_field(json::parse(R"({"message":{"entities":{},"x":1}})"), schema()),
            "message.entities");
  // Absent fields and fields the schema does not name are fine; so is a document of another kind.
  EXPECT_EQ(wrong_typed_field(json::parse(R"({"message":{"other":{"text":1}}})"), schema()), "");
  EXPECT_EQ(wrong_typed_field(json::parse("[1]"), schema()), "");
}

}  // namespace
}  // namespace wgbot
