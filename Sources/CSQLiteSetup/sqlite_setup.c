#include <sqlite3.h>
#include "sqlite_setup.h"

int ts_sqlite_setup(void) {
    // Memory statistics take a global mutex on every allocation SQLite makes; nothing reads them.
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
