// Fuzz target: the priority engine's payload decoder (every rec_* topic and
// the plugin-initialisation document). DecodeError is the only acceptable
// refusal; a payload that decodes must load into a fresh engine and leave
// its counters right (audit() empty) through a job's whole life.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/engine/decode.hpp"
#include "core/engine/engine.hpp"

namespace {

using namespace fluxacct::engine;

void check(const Engine& e) {
  if (!e.audit().empty()) std::abort();
}

// Plays one job of the first association (or of uid 0 when there is none)
// as far as the engine lets it go, then a reprioritize.
void play(const DataUpdate& update) {
  Engine e;
  e.apply(update);
  e.apply(update);  // applying the same data twice changes nothing counted
  check(e);
  JobRequest r;
  std::string bank, queue;
  if (update.associations && !update.associations->empty()) {
    const AssociationRecord& a = update.associations->front();
    r.userid = a.userid;
    bank = a.bank;
    r.bank = bank;
    if (!a.queues.empty()) {
      queue = a.queues.front();
      r.queue = queue;
    }
  }
  r.nnodes = 1;
  r.ncores = 1;
  Decisions out;
  for (JobId id = 1; id <= 2; ++id) {
    if (e.validate(r)) continue;
    e.new_job(id, r, out);
    if (!e.has_job(id)) continue;
    e.depend(id, out);
    check(e);
    if (e.job(id)->deps) continue;
    if (!e.priority(id, out) || e.job(id)->deps) continue;
    e.sched(id, out);
    e.run(id, out);
    check(e);
  }
  e.reprioritize(out);
  e.priorities(out);
  check(e);
  (void)e.query();
  for (JobId id = 1; id <= 2; ++id)
    if (e.has_job(id)) e.inactive(id, out);
  check(e);
  if (e.job_count() != 0) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const nlohmann::json doc = nlohmann::json::parse(data, data + size, nullptr, false);
  if (doc.is_discarded()) return 0;
  for (DataTopic t : {DataTopic::kAssociations, DataTopic::kQueues, DataTopic::kProjects,
                      DataTopic::kBanks, DataTopic::kFactors, DataTopic::kConfig}) {
    std::optional<DataUpdate> u;
    try {
      u = decode_rpc(t, doc);
    } catch (const DecodeError&) {
    }
    if (u) play(*u);
  }
  std::optional<DataUpdate> u;
  try {
    u = decode_plugin_config(doc);
  } catch (const DecodeError&) {
  }
  if (u) play(*u);
  return 0;
}
