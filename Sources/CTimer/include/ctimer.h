#ifndef TIPTOE_CTIMER_H
#define TIPTOE_CTIMER_H

#include <stdint.h>

/// A CLOCK_REALTIME timerfd (non-blocking, close-on-exec); -1 with errno on failure.
int ctimer_create(void);

/// Arms `fd` to expire once at the absolute wall-clock instant `seconds`.`nanoseconds` since 1970,
/// with TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, so a clock change cancels it; 0 or -1 with errno.
int ctimer_arm_at(int fd, int64_t seconds, int32_t nanoseconds);

/// Stops `fd`; 0 or -1 with errno.
int ctimer_disarm(int fd);

/// What reading a timerfd said.
typedef enum {
  /// The instant was reached.
  CTIMER_EXPIRED = 0,
  /// Nothing to read (a spurious wake-up).
  CTIMER_NOTHING = 1,
  /// The wall clock was set (date change, NTP step, resume from suspend): re-plan.
  CTIMER_CLOCK_CHANGED = 2,
  /// Another error; errno tells which.
  CTIMER_ERROR = 3,
} ctimer_result;

/// Reads `fd` after it polled readable.
ctimer_result ctimer_read(int fd);

/// An inotify descriptor (non-blocking, close-on-exec); -1 with errno.
int ctimer_inotify_create(void);

/// Watches the directory `path` for files written, created, moved in or out, deleted and
/// attribute changes; the watch descriptor, or -1 with errno.
int ctimer_inotify_watch(int fd, const char *path);

/// Called for each event read: the watch descriptor, the event mask, the file name ("" if none).
typedef void (*ctimer_inotify_callback)(int watch, uint32_t mask, const char *name, void *context);

/// Reads every queued event of `fd` and calls `callback` for each; the number of events, or -1.
int ctimer_inotify_drain(int fd, ctimer_inotify_callback callback, void *context);

/// Whether `mask` says the kernel dropped events (IN_Q_OVERFLOW): everything may have changed.
int ctimer_inotify_overflowed(uint32_t mask);

/// Takes a write lock (fcntl, released when the process ends) on the whole of `fd`;
/// 0, or -1 with errno (EAGAIN or EACCES when another process holds it).
int ctimer_lock(int fd);

/// The pid of the process holding a lock on `fd`, 0 when none, -1 with errno on failure.
int ctimer_lock_holder(int fd);

/// Takes the resident pages of this process's read-only file mappings (its code and constant data,
/// and those of its libraries) out of its resident set: MADV_DONTNEED where the mapping holds no
/// private copies, so the pages stay in the page cache and come back with minor faults; MADV_PAGEOUT
/// for relocated (RELRO) mappings, whose private copies must be kept. Pages come back on demand, one
/// at a time (MADV_RANDOM turns off the kernel's fault-around, which would map 16 neighbours with
/// each). Returns the number of mappings advised, or -1 with errno when /proc/self/smaps cannot be read.
int ctimer_release_file_pages(void);

#endif
