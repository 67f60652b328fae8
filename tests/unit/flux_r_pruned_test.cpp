// count_R on text reads R's pruned form without building a document (and
// hands other text to nlohmann's parser): its verdict on any text must be
// the parsed document's.
#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/flux_r.hpp"

namespace fluxacct {
namespace {

// The verdict of a way of counting: the counts, or the error's message.
std::string verdict(const std::function<ResourceCounts()>& count) {
  try {
    const ResourceCounts c = count();
    return std::to_string(c.nnodes) + " " + std::to_string(c.ncores) + " " +
           std::to_string(c.ngpus);
  } catch (const Error& e) {
    return std::string("error: ") + e.what();
  }
}
std::string from_text(const std::string& text) {
  return verdict([&] { return count_R(std::string_view(text)); });
}
// The reference: a parsed document.
std::string from_document(const std::string& text) {
  return verdict([&] {
    auto R = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (R.is_discarded()) throw Error("R is not valid JSON");
    return count_R(R);
  });
}

TEST(CountR, PrunedTextGivesTheDocumentsVerdict) {
  // R as pruned for counting is read without building a document; whatever
  // the text, the counts or the error must be the parsed document's.
  const std::string pruned =
      R"({"version":1,"execution":{"R_lite":[{"rank":"0-3","children":{"core":"0-47","gpu":"0-3"}},)"
      R"({"rank":"7","children":{"core":"0-1"}}]}})";
  std::vector<std::string> cases = {
      pruned,
      R"( { "execution" : { "R_lite" : [ { "children" : { "gpu" : "1" , "core" : "0" } , "rank" : "2-3" } ] } , "version" : 1 } )",
      "{\"version\":1,\n\t\"execution\":{\"R_lite\":[]}}\r\n",
      R"({"version":1,"execution":{"R_lite":[{"rank":"0","children":{}}]}})",
      R"({"version":1,"execution":{"R_lite":[{"rank":"0","children":{"core":"0-3"}},{"rank":"0","children":{"core":"4"}}]}})",
      R"({"version":1,"version":1,"execution":{"R_lite":[]}})",  // a key twice
      R"({"version":1,"execution":{"R_lite":[{"rank":"0","rank":"1","children":{}}]}})",
      R"({"version":1.0,"execution":{"R_lite":[]}})",
      R"({"version":2,"execution":{"R_lite":[]}})",
      R"({"version":10,"execution":{"R_lite":[]}})",
      R"({"version":"1","execution":{"R_lite":[]}})",
      R"({"version":1})",
      R"({"execution":{"R_lite":[]}})",
      R"({"version":1,"execution":{}})",
      R"({"version":1,"execution":{"R_lite":{}}})",
      R"({"version":1,"execution":{"R_lite":[1]}})",
      R"({"version":1,"execution":{"R_lite":[{"children":{}}]}})",
      R"({"version":1,"execution":{"R_lite":[{"rank":"0"}]}})",
      R"({"version":1,"execution":{"R_lite":[{"rank":0,"children":{}}]}})",
      R"({"version":1,"execution":{"R_lite":[{"rank":"0","children":[]}]}})",
      R"({"version":1,"execution":{"R_lite":[{"rank":"0","children":{"core":3}}]}})",
      R"({"version":1,"execution":{"R_lite":[{"rank":"0","children":{"core":"0","hwthread":"0-1"}}]}})",
      R"({"version":1,"execution":{"R_lite":[{"rank":"x","children":{}},{"children":{}}]}})",
      R"({"version":1,"execution":{"R_lite":[{"rank":"0-4294967294","children":{"core":"0-4294967294"}},)"
      R"({"rank":"0-4294967294","children":{"core":"0-4294967294"}},)"
      R"({"rank":"0-4294967294","children":{"core":"0-4294967294"}}]}})",
      R"({"version":1,"execution":{"R_lite":[{"rank":"0\u002d3","children":{}}]}})",
      "{\"version\":1,\"execution\":{\"R_lite\":[{\"rank\":\"\xc3\xa9\",\"children\":{}}]}}",
      "{\"version\":1,\"execution\":{\"R_lite\":[{\"rank\":\"\xff\",\"children\":{}}]}}",
      "{\"version\":1,\"execution\":{\"R_lite\":[{\"rank\":\"0\x01\",\"children\":{}}]}}",
      R"({"version":1,"execution":{"R_lite":[]},})",
      R"({"version":1,"execution":{"R_lite":[],}})",
      R"({"version":1,"execution":{"R_lite":[]}} x)",
      R"({"version":1,"execution":{"R_lite":[]}}})",
      R"([{"version":1}])",
      "",
      "{}",
  };
  // Every prefix of the pruned text, and the text with each byte removed.
  for (size_t n = 0; n < pruned.size(); ++n) {
    cases.push_back(pruned.substr(0, n));
    cases.push_back(pruned.substr(0, n) + pruned.substr(n + 1));
  }
  for (const auto& text : cases) EXPECT_EQ(from_text(text), from_document(text)) << text;
  EXPECT_EQ(from_text(pruned), "5 194 16");  // 4 nodes × (48 cores, 4 GPUs) + 1 × 2 cores
}

}  // namespace
}  // namespace fluxacct
