/* SQLite's own cost of reading the history, for bench/findings.md: steps a query over a tiptoe
 * history and touches every column (integers as integers, text as text), nothing else.
 *   gcc -O2 -o sqlite_scan bench/floor/sqlite_scan.c -lsqlite3
 *   valgrind --tool=callgrind ./sqlite_scan HISTORY.sqlite \
 *     "SELECT id, batch, kind, slot, exercise, at, slotStart, until, undoes, device FROM event WHERE slotStart < '2026-12-01T00:00:00Z' ORDER BY id"
 */
#include <sqlite3.h>
#include <stdio.h>

int main(int argc, char **argv) {
  if (argc != 3) { fprintf(stderr, "usage: sqlite_scan DATABASE QUERY\n"); return 64; }
  sqlite3 *db;
  sqlite3_stmt *statement;
  long total = 0, rows = 0;
  if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, 0) != SQLITE_OK ||
      sqlite3_prepare_v2(db, argv[2], -1, &statement, 0) != SQLITE_OK) {
    fprintf(stderr, "sqlite_scan: %s\n", sqlite3_errmsg(db));
    return 1;
  }
  while (sqlite3_step(statement) == SQLITE_ROW) {
    for (int i = 0; i < sqlite3_column_count(statement); i++) {
      if (sqlite3_column_type(statement, i) == SQLITE_INTEGER) total += sqlite3_column_int64(statement, i);
      else if (sqlite3_column_text(statement, i)) total += sqlite3_column_bytes(statement, i);
    }
    rows++;
  }
  printf("%ld rows (checksum %ld)\n", rows, total);
  return 0;
}
