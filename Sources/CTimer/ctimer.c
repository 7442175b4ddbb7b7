#include "ctimer.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/mman.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

int ctimer_create(void) {
  return timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC);
}

int ctimer_arm_at(int fd, int64_t seconds, int32_t nanoseconds) {
  struct itimerspec spec;
  memset(&spec, 0, sizeof spec);
  spec.it_value.tv_sec = (time_t)seconds;
  spec.it_value.tv_nsec = nanoseconds;
  // An all-zero it_value would disarm the timer instead of firing at the epoch.
  if (seconds <= 0 && nanoseconds <= 0) spec.it_value.tv_nsec = 1;
  return timerfd_settime(fd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &spec, NULL);
}

int ctimer_disarm(int fd) {
  struct itimerspec spec;
  memset(&spec, 0, sizeof spec);
  return timerfd_settime(fd, 0, &spec, NULL);
}

ctimer_result ctimer_read(int fd) {
  uint64_t expirations = 0;
  ssize_t count = read(fd, &expirations, sizeof expirations);
  if (count == (ssize_t)sizeof expirations) return CTIMER_EXPIRED;
  if (count < 0 && errno == ECANCELED) return CTIMER_CLOCK_CHANGED;
  if (count < 0 && (errno == EAGAIN || errno == EINTR)) return CTIMER_NOTHING;
  return CTIMER_ERROR;
}

int ctimer_inotify_create(void) {
  return inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
}

int ctimer_inotify_watch(int fd, const char *path) {
  uint32_t mask = IN_CLOSE_WRITE | IN_MODIFY | IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_ATTRIB
    | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;
  return inotify_add_watch(fd, path, mask);
}

int ctimer_inotify_drain(int fd, ctimer_inotify_callback callback, void *context) {
  char buffer[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
  int events = 0;
  for (;;) {
    ssize_t length = read(fd, buffer, sizeof buffer);
    if (length < 0) {
      if (errno == EINTR) continue;
      return (errno == EAGAIN) ? events : -1;
    }
    if (length == 0) return events;
    for (char *at = buffer; at < buffer + length;) {
      const struct inotify_event *event = (const struct inotify_event *)at;
      callback(event->wd, event->mask, event->len > 0 ? event->name : "", context);
      events += 1;
      at += sizeof(struct inotify_event) + event->len;
    }
  }
}

int ctimer_inotify_overflowed(uint32_t mask) {
  return (mask & IN_Q_OVERFLOW) != 0;
}

int ctimer_lock(int fd) {
  struct flock lock;
  memset(&lock, 0, sizeof lock);
  lock.l_type = F_WRLCK;
  lock.l_whence = SEEK_SET;
  return fcntl(fd, F_SETLK, &lock);
}

int ctimer_lock_holder(int fd) {
  struct flock lock;
  memset(&lock, 0, sizeof lock);
  lock.l_type = F_WRLCK;
  lock.l_whence = SEEK_SET;
  if (fcntl(fd, F_GETLK, &lock) != 0) return -1;
  return lock.l_type == F_UNLCK ? 0 : (int)lock.l_pid;
}

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif

/// Unmaps (MADV_DONTNEED) the resident pages of one read-only file mapping that holds no private
/// copies (`Anonymous: 0 kB` and `Swap: 0 kB` in smaps): they stay in the page cache, so touching
/// them again is a minor fault. A mapping with private copies (RELRO: pointers the loader relocated),
/// resident or swapped, would lose them to DONTNEED and read the file's unrelocated bytes back, so
/// it is paged out instead, which keeps its content.
static int release_mapping(unsigned long start, unsigned long end, int has_private_copies) {
  // Random access: no fault-around, so a page touched later brings back that page, not its 16 neighbours.
  madvise((void *)start, end - start, MADV_RANDOM);
  int advice = has_private_copies ? MADV_PAGEOUT : MADV_DONTNEED;
  return madvise((void *)start, end - start, advice) == 0;
}

int ctimer_release_file_pages(void) {
  FILE *smaps = fopen("/proc/self/smaps", "re");
  if (!smaps) return -1;
  char line[4096];
  int advised = 0;
  // The mapping whose fields are being read: only file-backed, read-only ones (never anonymous
  // memory, the stack, or writable data).
  unsigned long start = 0, end = 0;
  int candidate = 0, has_private_copies = 0;
  while (fgets(line, sizeof line, smaps)) {
    unsigned long first = 0, last = 0, inode = 0;
    char perms[8] = {0};
    long kb = 0;
    if (sscanf(line, "%lx-%lx %7s %*s %*s %lu", &first, &last, perms, &inode) == 4) {
      start = first;
      end = last;
      candidate = inode != 0 && perms[0] == 'r' && perms[1] != 'w';
      has_private_copies = 0;
    } else if (sscanf(line, "Anonymous: %ld kB", &kb) == 1 || sscanf(line, "Swap: %ld kB", &kb) == 1) {
      has_private_copies |= kb != 0;
    } else if (candidate && strncmp(line, "VmFlags:", 8) == 0) {  // the last field of a mapping
      advised += release_mapping(start, end, has_private_copies);
      candidate = 0;
    }
  }
  fclose(smaps);
  return advised;
}
