#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include "file_swap.h"

int file_swap_exchange(const char *a, const char *b) {
#if defined(__linux__) && defined(RENAME_EXCHANGE)
    return renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
#else
    errno = ENOSYS;
    return -1;
#endif
}

int file_sync_filesystem(const char *folder) {
    int fd = open(folder, O_RDONLY | O_DIRECTORY);
    if (fd < 0) return -1;
#if defined(__linux__)
    int result = syncfs(fd);
#else
    int result = fsync(fd);
#endif
    int saved = errno;
    if (close(fd) != 0 && result == 0) return -1;
    errno = saved;
    return result;
}

int file_sync_folder(const char *folder) {
    int fd = open(folder, O_RDONLY | O_DIRECTORY);
    if (fd < 0) return -1;
    int result = fsync(fd);
    int saved = errno;
    if (close(fd) != 0 && result == 0) return -1;
    errno = saved;
    return result;
}

int file_set_direct(int fd, int on) {
#if defined(__linux__) && defined(O_DIRECT)
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0) return -1;
    int wanted = on ? (flags | O_DIRECT) : (flags & ~O_DIRECT);
    return wanted == flags ? 0 : fcntl(fd, F_SETFL, wanted);
#else
    errno = ENOSYS;
    return -1;
#endif
}

#include <dirent.h>
#include <sys/stat.h>

typedef int (*entry_visit)(int folder, const char *name, int is_folder, void *context);

/* Calls `visit` with each entry of the folder open as `folder` (but . and ..) and whether it is a
   folder (a link to one counts when `follow` is set), until one call fails; closes the folder. */
static int each_entry(int folder, int follow, entry_visit visit, void *context) {
    DIR *dir = fdopendir(folder);
    if (!dir) {
        int saved = errno;
        close(folder);
        errno = saved;
        return -1;
    }
    int result = 0;
    struct dirent *entry;
    errno = 0;
    while (result == 0 && (entry = readdir(dir)) != NULL) {
        const char *name = entry->d_name;
        if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0))) continue;
        int is_folder = entry->d_type == DT_DIR;
        if (entry->d_type == DT_UNKNOWN || (follow && entry->d_type == DT_LNK)) {
            struct stat info;
            is_folder = fstatat(folder, name, &info, follow ? 0 : AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(info.st_mode);
        }
        result = visit(folder, name, is_folder, context);
        if (result == 0) errno = 0;
    }
    if (result == 0 && errno != 0) result = -1;
    int saved = errno;
    closedir(dir);
    errno = saved;
    return result;
}

static int link_folder(int from, int to);

/* Makes the folder `to` (relative to `to_at`) and links into it every file of `from` (relative
   to `from_at`), folder by folder. */
static int link_named(int from_at, const char *from, int to_at, const char *to) {
    if (mkdirat(to_at, to, 0755) != 0 && errno != EEXIST) return -1;
    int source = openat(from_at, from, O_RDONLY | O_DIRECTORY);
    if (source < 0) return -1;
    int destination = openat(to_at, to, O_RDONLY | O_DIRECTORY);
    if (destination < 0) {
        int saved = errno;
        close(source);
        errno = saved;
        return -1;
    }
    return link_folder(source, destination);
}

static int link_entry(int from, const char *name, int is_folder, void *context) {
    int to = *(int *)context;
    if (!is_folder) return linkat(from, name, to, name, 0);
    return link_named(from, name, to, name);
}

/* Links every file of the folder open as `from` into the folder open as `to`, making its
   folders (a link to a folder is walked as a folder, as the Swift walk before it did); closes
   both. */
static int link_folder(int from, int to) {
    int result = each_entry(from, 1, link_entry, &to);
    int saved = errno;
    close(to);
    errno = saved;
    return result;
}

int file_link_tree(const char *from, const char *to) {
    return link_named(AT_FDCWD, from, AT_FDCWD, to);
}

static int empty_folder(int folder);

static int remove_entry(int folder, const char *name, int is_folder, void *context) {
    (void)context;
    if (!is_folder) return unlinkat(folder, name, 0) == 0 || errno == ENOENT ? 0 : -1;
    int sub = openat(folder, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
    if (sub < 0 || empty_folder(sub) != 0) return -1;
    return unlinkat(folder, name, AT_REMOVEDIR);
}

/* Removes everything inside the folder open as `folder`, never following a link; closes it. */
static int empty_folder(int folder) {
    return each_entry(folder, 0, remove_entry, NULL);
}

int file_remove_tree(const char *path) {
    struct stat info;
    if (lstat(path, &info) != 0) return errno == ENOENT ? 0 : -1;
    if (!S_ISDIR(info.st_mode)) return unlink(path) == 0 || errno == ENOENT ? 0 : -1;
    int folder = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
    if (folder < 0) return -1;
    if (empty_folder(folder) != 0) return -1;
    return rmdir(path) == 0 || errno == ENOENT ? 0 : -1;
}
