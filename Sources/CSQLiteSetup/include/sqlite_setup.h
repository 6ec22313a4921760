#ifndef SQLITE_SETUP_H
#define SQLITE_SETUP_H

/// Sets process-wide SQLite options before the first connection opens (sqlite3_config is
/// variadic, so Swift cannot call it). Returns SQLite's result code: SQLITE_MISUSE when SQLite
/// was already initialised, in which case nothing changed.
int ts_sqlite_setup(void);

#endif
