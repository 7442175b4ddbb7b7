#include "clinux.h"

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

int clinux_timer_create(void) {
  return timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC);
}

int clinux_timer_arm_at(int fd, int64_t seconds, int32_t nanoseconds) {
  struct itimerspec spec;
  memset(&spec, 0, sizeof spec);
  spec.it_value.tv_sec = (time_t)seconds;
  spec.it_value.tv_nsec = nanoseconds;
  // An all-zero it_value would disarm the timer instead of firing at the epoch.
  if (seconds <= 0 && nanoseconds <= 0) spec.it_value.tv_nsec = 1;
  return timerfd_settime(fd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &spec, NULL);
}

int clinux_timer_disarm(int fd) {
  struct itimerspec spec;
  memset(&spec, 0, sizeof spec);
  return timerfd_settime(fd, 0, &spec, NULL);
}

clinux_timer_result clinux_timer_read(int fd) {
  uint64_t expirations = 0;
  ssize_t count = read(fd, &expirations, sizeof expirations);
  if (count == (ssize_t)sizeof expirations) return CLINUX_TIMER_EXPIRED;
  if (count < 0 && errno == ECANCELED) return CLINUX_TIMER_CLOCK_CHANGED;
  if (count < 0 && (errno == EAGAIN || errno == EINTR)) return CLINUX_TIMER_NOTHING;
  return CLINUX_TIMER_ERROR;
}

int clinux_inotify_create(void) {
  return inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
}

int clinux_inotify_watch(int fd, const char *path) {
  uint32_t mask = IN_CLOSE_WRITE | IN_MODIFY | IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_ATTRIB
    | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;
  return inotify_add_watch(fd, path, mask);
}

int clinux_inotify_drain(int fd, clinux_inotify_callback callback, void *context) {
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

int clinux_inotify_overflowed(uint32_t mask) {
  return (mask & IN_Q_OVERFLOW) != 0;
}

int clinux_lock(int fd) {
  struct flock lock;
  memset(&lock, 0, sizeof lock);
  lock.l_type = F_WRLCK;
  lock.l_whence = SEEK_SET;
  return fcntl(fd, F_SETLK, &lock);
}

int clinux_lock_holder(int fd) {
  struct flock lock;
  memset(&lock, 0, sizeof lock);
  lock.l_type = F_WRLCK;
  lock.l_whence = SEEK_SET;
  if (fcntl(fd, F_GETLK, &lock) != 0) return -1;
  return lock.l_type == F_UNLCK ? 0 : (int)lock.l_pid;
}
