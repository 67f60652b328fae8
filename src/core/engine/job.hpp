// A job as the engine sees it: what the adapter hands in at submit
// (JobRequest) and the compact record the engine keeps while the job is
// active (Job).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/engine/names.hpp"

namespace fluxacct::engine {

using JobId = std::uint64_t;
using Slot = std::uint32_t;  // index of a Job in the engine's table
inline constexpr Slot kNoSlot = UINT32_MAX;

// Flux job states the engine distinguishes, in Flux's order. A job enters
// the engine in New (or, when replayed after a reload, in its current state).
enum class JobState : std::uint8_t { New, Depend, Priority, Sched, Run };

std::string_view state_name(JobState s);

inline constexpr int kUrgencyHold = 0;       // FLUX_JOB_URGENCY_HOLD
inline constexpr int kUrgencyDefault = 16;   // FLUX_JOB_URGENCY_DEFAULT
inline constexpr int kUrgencyExpedite = 31;  // FLUX_JOB_URGENCY_EXPEDITE

// What the adapter knows about a job at submit: the submitting user, the
// urgency, and attributes derived from the jobspec (core/jobspec.hpp parses
// them). Views must outlive the call only.
struct JobRequest {
  std::uint32_t userid = 0;
  int urgency = kUrgencyDefault;
  std::optional<std::string_view> bank;     // attributes.system.bank
  std::optional<std::string_view> queue;    // attributes.system.queue
  std::optional<std::string_view> project;  // attributes.system.project
  std::int64_t nnodes = 0;
  std::int64_t ncores = 0;
  double duration = 0;  // seconds; 0 = none requested
  // false when bank/queue/project were present but not strings (upstream:
  // "unable to unpack bank arg").
  bool attributes_ok = true;
  // false when the resources could not be counted ("unable to count
  // resources for job").
  bool resources_ok = true;
};

// A `flux update` of a pending job: the attributes that change.
struct JobUpdate {
  std::optional<std::string_view> bank;
  std::optional<std::string_view> queue;
  std::optional<int> urgency;
};

// Links of an intrusive doubly linked list of job slots (FIFO of held jobs).
struct Links {
  Slot prev = kNoSlot;
  Slot next = kNoSlot;
};

// The engine's record of an active job (about 80 bytes).
struct Job {
  JobId id = 0;
  double last_fairshare = -1;        // last value posted in a memo; -1: none yet
  std::uint32_t assoc = UINT32_MAX;  // association index; UINT32_MAX while unbound
  std::uint32_t userid = 0;
  NameId bank = kEmptyName;     // bank the job named (kEmptyName: none)
  NameId queue = kEmptyName;    // queue the job named (kEmptyName: none)
  NameId project = kEmptyName;  // project the job named (kEmptyName: none)
  std::uint32_t nnodes = 0;
  std::uint32_t ncores = 0;
  std::uint32_t duration = 0;  // seconds, rounded up
  Links held;                  // the association's FIFO of held jobs
  Links waiting;               // the queue's FIFO of jobs held on its totals
  // Bit i: soft limit i holds the job. In DEPEND these are Flux
  // dependencies; in PRIORITY (a job bound late, or replayed, that would
  // exceed a limit) the job's priority stays unavailable instead.
  std::uint16_t deps = 0;
  JobState state = JobState::New;
  std::uint8_t urgency = kUrgencyDefault;
  bool live = false;  // false: a free slot of the table
  // Released (its last hold gone, or bound late within its limits) and not
  // running yet: it holds a Reservation (catalog.hpp) until it is counted.
  bool reserved = false;
  // Replayed as released (ReplayJob::released) before data arrived: bind()
  // reserves its room instead of checking it. Only while unbound.
  bool promised = false;

  bool bound() const { return assoc != UINT32_MAX; }
  // Held in PRIORITY rather than by Flux dependencies.
  bool held_in_priority() const { return deps != 0 && state == JobState::Priority; }
};

}  // namespace fluxacct::engine
