#ifndef FILE_SWAP_H
#define FILE_SWAP_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE). Returns 0 on success,
/// -1 with errno set otherwise (EINVAL or ENOSYS where the file system or kernel cannot).
int file_swap_exchange(const char *a, const char *b);

/// Turns O_DIRECT (writes past the page cache) on or off for an open file. Returns 0 on success,
/// -1 with errno set where the platform or file system cannot.
int file_set_direct(int fd, int on);

#endif
