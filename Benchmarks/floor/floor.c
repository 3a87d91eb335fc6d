/* The floor: the time to merely create a site's files, with the same sizes in the same folder
 * layout, and nothing else. Reads "relative/path size" lines on standard input and creates each
 * file under OUTDIR with that many bytes; a line "relative/path =other/path" makes a hard link to
 * a file made earlier (a second name for one page: no second write).
 *   cc -O2 -o floor floor.c && Benchmarks/floor/list.py SITE > list && ./floor OUTDIR < list */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void make_parents(char *path) {
    for (char *p = strchr(path + 1, '/'); p; p = strchr(p + 1, '/')) {
        *p = 0;
        if (mkdir(path, 0755) != 0 && errno != EEXIST) { perror(path); exit(1); }
        *p = '/';
    }
}

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: floor OUTDIR < list\n"); return 2; }
    static char buffer[1 << 20];
    memset(buffer, 'x', sizeof buffer);
    char line[4096], path[8192];
    while (fgets(line, sizeof line, stdin)) {
        char *space = strrchr(line, ' ');
        if (!space) continue;
        *space = 0;
        long size = atol(space + 1);
        snprintf(path, sizeof path, "%s/%s", argv[1], line);
        if (space[1] == '=') {
            char target[8192];
            space[1 + strcspn(space + 1, "\n")] = 0;
            snprintf(target, sizeof target, "%s/%s", argv[1], space + 2);
            int made = link(target, path);
            if (made != 0 && errno == ENOENT) { make_parents(path); made = link(target, path); }
            if (made != 0) { perror(path); return 1; }
            continue;
        }
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0 && errno == ENOENT) { make_parents(path); fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644); }
        if (fd < 0) { perror(path); return 1; }
        while (size > 0) {
            long chunk = size < (long)sizeof buffer ? size : (long)sizeof buffer;
            if (write(fd, buffer, chunk) != chunk) { perror(path); return 1; }
            size -= chunk;
        }
        close(fd);
    }
    return 0;
}
