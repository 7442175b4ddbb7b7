/* Prints the start of every occurrence of every VEVENT in an iCalendar file, as libical expands it
 * (the library Evolution and GNOME Calendar read calendars with): one line per occurrence,
 * "UID UNIX-SECONDS", for the occurrences that start in [FROM, TO).
 *
 *     cc libical_instants.c $(pkg-config --cflags --libs libical) -o libical_instants
 *     ./libical_instants tiptoe.ics 1830556800 1830902400
 *
 * DTSTART's TZID is resolved against the file's own VTIMEZONE, as libical does for an imported
 * file; RRULE, EXDATE and RDATE are applied by icalcomponent_foreach_recurrence. */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>

static void print_occurrence(icalcomponent *event, struct icaltime_span *span, void *data) {
  (void)data;
  printf("%s %lld\n", icalcomponent_get_uid(event), (long long)span->start);
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: %s FILE FROM TO (seconds since 1970)\n", argv[0]);
    return 64;
  }
  FILE *file = fopen(argv[1], "r");
  if (!file) {
    perror(argv[1]);
    return 66;
  }
  static char text[1 << 24];
  size_t length = fread(text, 1, sizeof text - 1, file);
  fclose(file);
  text[length] = 0;
  icalcomponent *calendar = icalparser_parse_string(text);
  if (!calendar || icalerrno != ICAL_NO_ERROR) {
    fprintf(stderr, "%s: libical cannot parse it: %s\n", argv[1], icalerror_strerror(icalerrno));
    return 65;
  }
  icaltimezone *utc = icaltimezone_get_utc_timezone();
  struct icaltimetype from = icaltime_from_timet_with_zone((time_t)atoll(argv[2]), 0, utc);
  struct icaltimetype to = icaltime_from_timet_with_zone((time_t)atoll(argv[3]), 0, utc);
  for (icalcomponent *event = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT); event;
       event = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
    icalcomponent_foreach_recurrence(event, from, to, print_occurrence, NULL);
  }
  icalcomponent_free(calendar);
  return 0;
}
