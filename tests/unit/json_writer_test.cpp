#include "cli/json_writer.hpp"

#include <gtest/gtest.h>

namespace fluxacct::cli {
namespace {

void write_sample(JsonWriter& json) {
  json.begin_object();
  json.key("name");
  json.value(std::string("root"));
  json.key("active");
  json.boolean(true);
  json.key("children");
  json.begin_array();
  json.begin_object();
  json.key("usage");
  json.value(Value{1.5});
  json.key("missing");
  json.value(Value{});
  json.end_object();
  json.begin_object();
  json.end_object();
  json.end_array();
  json.key("empty");
  json.begin_array();
  json.end_array();
  json.end_object();
}

TEST(JsonWriter, IndentedIsJsonDumpsWithIndent2) {
  JsonWriter json;
  write_sample(json);
  EXPECT_EQ(json.text(),
            "{\n"
            "  \"name\": \"root\",\n"
            "  \"active\": true,\n"
            "  \"children\": [\n"
            "    {\n"
            "      \"usage\": 1.5,\n"
            "      \"missing\": null\n"
            "    },\n"
            "    {}\n"
            "  ],\n"
            "  \"empty\": []\n"
            "}");
}

TEST(JsonWriter, OneLineIsJsonDumpsWithoutIndent) {
  JsonWriter json(JsonWriter::Layout::kOneLine);
  write_sample(json);
  EXPECT_EQ(json.text(),
            "{\"name\": \"root\", \"active\": true, \"children\": [{\"usage\": 1.5, \"missing\": "
            "null}, {}], \"empty\": []}");
}

TEST(JsonWriter, OneLineSizeDoesNotGrowWithDepth) {
  JsonWriter json(JsonWriter::Layout::kOneLine);
  constexpr int kDepth = 100000;
  for (int i = 0; i < kDepth; ++i) {
    json.begin_object();
    json.key("c");
    json.begin_array();
  }
  for (int i = 0; i < kDepth; ++i) {
    json.end_array();
    json.end_object();
  }
  EXPECT_EQ(json.text().size(), static_cast<std::size_t>(kDepth) * 9);  // {"c": []}
}

}  // namespace
}  // namespace fluxacct::cli
