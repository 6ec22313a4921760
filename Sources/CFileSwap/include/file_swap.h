#ifndef FILE_SWAP_H
#define FILE_SWAP_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE). Returns 0 on success,
/// -1 with errno set otherwise (EINVAL or ENOSYS where the file system or kernel cannot).
int file_swap_exchange(const char *a, const char *b);

/// Flushes to disk the file system that holds `folder` (Linux syncfs; elsewhere, where each file
/// is flushed as it is written, the folder itself). Returns 0 on success, -1 with errno set
/// otherwise, including a failed write-back reported by the flush or the close.
int file_sync_filesystem(const char *folder);

/// Flushes a folder's entries (fsync of the folder), making renames inside it durable. Returns 0
/// on success, -1 with errno set otherwise.
int file_sync_folder(const char *folder);

/// Turns O_DIRECT (writes past the page cache) on or off for an open file. Returns 0 on success,
/// -1 with errno set where the platform or file system cannot.
int file_set_direct(int fd, int on);

/// Makes `to` (and the folders inside it) a copy of the folder `from` whose files are hard links
/// to the files of `from`, walking with the entries' types (no stat per file). Returns 0 on
/// success, -1 with errno set otherwise (a file system that cannot link, say); `to` may then
/// hold part of the tree.
int file_link_tree(const char *from, const char *to);

/// Removes a file, or a folder and everything in it, without following links, walking with the
/// entries' types. Returns 0 on success (also when nothing is there), -1 with errno set at the
/// first entry that cannot be removed.
int file_remove_tree(const char *path);

#endif
