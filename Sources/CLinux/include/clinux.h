#ifndef TIPTOE_CLINUX_H
#define TIPTOE_CLINUX_H

#include <stdint.h>

/// A CLOCK_REALTIME timerfd (non-blocking, close-on-exec); -1 with errno on failure.
int clinux_timer_create(void);

/// Arms `fd` to expire once at the absolute wall-clock instant `seconds`.`nanoseconds` since 1970,
/// with TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, so a clock change cancels it; 0 or -1 with errno.
int clinux_timer_arm_at(int fd, int64_t seconds, int32_t nanoseconds);

/// Stops `fd`; 0 or -1 with errno.
int clinux_timer_disarm(int fd);

/// What reading a timerfd said.
typedef enum {
  /// The instant was reached.
  CLINUX_TIMER_EXPIRED = 0,
  /// Nothing to read (a spurious wake-up).
  CLINUX_TIMER_NOTHING = 1,
  /// The wall clock was set (date change, NTP step, resume from suspend): re-plan.
  CLINUX_TIMER_CLOCK_CHANGED = 2,
  /// Another error; errno tells which.
  CLINUX_TIMER_ERROR = 3,
} clinux_timer_result;

/// Reads `fd` after it polled readable.
clinux_timer_result clinux_timer_read(int fd);

/// An inotify descriptor (non-blocking, close-on-exec); -1 with errno.
int clinux_inotify_create(void);

/// Watches the directory `path` for files written, created, moved in or out, deleted and
/// attribute changes; the watch descriptor, or -1 with errno.
int clinux_inotify_watch(int fd, const char *path);

/// Called for each event read: the watch descriptor, the event mask, the file name ("" if none).
typedef void (*clinux_inotify_callback)(int watch, uint32_t mask, const char *name, void *context);

/// Reads every queued event of `fd` and calls `callback` for each; the number of events, or -1.
int clinux_inotify_drain(int fd, clinux_inotify_callback callback, void *context);

/// Whether `mask` says the kernel dropped events (IN_Q_OVERFLOW): everything may have changed.
int clinux_inotify_overflowed(uint32_t mask);

/// Takes a write lock (fcntl, released when the process ends) on the whole of `fd`;
/// 0, or -1 with errno (EAGAIN or EACCES when another process holds it).
int clinux_lock(int fd);

/// The pid of the process holding a lock on `fd`, 0 when none, -1 with errno on failure.
int clinux_lock_holder(int fd);

#endif
