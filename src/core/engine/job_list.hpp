// Intrusive FIFO operations on job slots (O(1) append and unlink), used for
// an association's held jobs (Job::held) and a queue's waiting jobs
// (Job::waiting).
#pragma once

#include <vector>

#include "core/engine/catalog.hpp"
#include "core/engine/job.hpp"

namespace fluxacct::engine {

template <Links Job::*L>
void list_push_back(std::vector<Job>& jobs, JobList& list, Slot s) {
  Links& l = jobs[s].*L;
  l.prev = list.tail;
  l.next = kNoSlot;
  if (list.tail != kNoSlot)
    (jobs[list.tail].*L).next = s;
  else
    list.head = s;
  list.tail = s;
  ++list.size;
}

template <Links Job::*L>
void list_unlink(std::vector<Job>& jobs, JobList& list, Slot s) {
  Links& l = jobs[s].*L;
  if (l.prev != kNoSlot)
    (jobs[l.prev].*L).next = l.next;
  else
    list.head = l.next;
  if (l.next != kNoSlot)
    (jobs[l.next].*L).prev = l.prev;
  else
    list.tail = l.prev;
  l = Links{};
  --list.size;
}

}  // namespace fluxacct::engine
