/*
 * memfd-ashmem: the ashmem driver surface on real Linux memfd, with the semantics of memfd-based
 * ashmem (profile "memfd" of the oracle): PIN and UNPIN do nothing and report NOT_PURGED, nothing is
 * ever purged, and the prot mask is a memfd write seal (F_SEAL_FUTURE_WRITE).
 *
 * It speaks the oracle's line protocol (spec/trace-format.md): a hello line, then one reply line per
 * request line on stdin. Handles are the real memfd descriptors, mappings are named by their real
 * addresses; the oracle maps both to the model's numbers.
 *
 * What is real: the memfd (created at open), its size (ftruncate at the first mmap), shared mappings of
 * it, the bytes loaded and stored through them, read() and lseek() with SEEK_DATA/SEEK_HOLE, the write
 * seal. What is emulated: the driver's argument checks, in the model's order, and the surface's
 * decisions (a private mapping is anonymous memory as in ashmem; a fault is decided before any byte is
 * touched). Build: cc -std=c11 -O2 -Wall -o memfd-ashmem memfd_ashmem.c
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef F_SEAL_FUTURE_WRITE
#define F_SEAL_FUTURE_WRITE 0x0010
#endif

#define MAX_FDS 4096
#define MAX_MAPS 4096
#define NAME_LEN 256
#define TASK_SIZE ((1ULL << 47) - 4096) /* x86-64 TASK_SIZE_MAX (CTX-PLATFORM) */
#define PROT_ALL 7
#ifndef PROT_SEM
#define PROT_SEM 0x8 /* asm-generic/mman-common.h; mprotect accepts it */
#endif

struct area {
    int refs;
    uint64_t size;
    unsigned char name[NAME_LEN];
    size_t name_len;
    int has_file;
};

struct mapping {
    int live;
    unsigned char *addr;
    uint64_t len;
    int64_t off;
    uint64_t pgoff;
    int prot, may, shared;
    uint64_t file_size; /* the backing file's size, fixed at its creation */
};

static struct area *areas[MAX_FDS];
static struct mapping maps[MAX_MAPS];
static uint64_t P;
static int shift;

static sigjmp_buf fault_jmp;
static volatile sig_atomic_t fault_sig;

static void on_fault(int sig) {
    fault_sig = sig;
    siglongjmp(fault_jmp, 1);
}

/* ---- replies ---- */

static const char *errname(int e) {
    switch (e) {
    case EPERM: return "EPERM";
    case ENXIO: return "ENXIO";
    case EBADF: return "EBADF";
    case ENOMEM: return "ENOMEM";
    case EACCES: return "EACCES";
    case EFAULT: return "EFAULT";
    case EINVAL: return "EINVAL";
    case ENOTTY: return "ENOTTY";
    case EOVERFLOW: return "EOVERFLOW";
    case EBUSY: return "EBUSY";
    case EFBIG: return "EFBIG";
    default: return "EIO";
    }
}

static void reply_err(int e) { printf("-%s\n", errname(e)); }
static void reply_val(int64_t v) { printf("%" PRId64 "\n", v); }
static void reply_u64(uint64_t v) { printf("%" PRIu64 "\n", v); }

static void reply_hex(const unsigned char *b, size_t n) {
    fputs("hex:", stdout);
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && b[j] == b[i]) j++;
        if (j - i >= 8) {
            printf("%02x{%zu}", b[i], j - i);
        } else {
            for (size_t k = i; k < j; k++) printf("%02x", b[k]);
        }
        i = j;
    }
    putchar('\n');
}

/* ---- request parsing ---- */

#define MAX_TOK 16
struct tok {
    char *s;            /* the word, NUL-terminated */
    unsigned char *b;   /* decoded bytes of a quoted string, or NULL */
    size_t blen;
};
static struct tok toks[MAX_TOK];
static int ntok;
static const char *parse_error;

static int hexval(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Splits a request line into words and quoted strings (C escapes); stops at '#'. */
static int tokenize(char *line) {
    ntok = 0;
    char *p = line;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') p++;
        if (!*p || *p == '#') break;
        if (ntok == MAX_TOK) { parse_error = "too many words"; return -1; }
        struct tok *t = &toks[ntok++];
        t->b = NULL;
        t->blen = 0;
        if (*p == '"') {
            char *start = p++;
            unsigned char *out = malloc(strlen(p) + 1);
            size_t n = 0;
            while (*p && *p != '"') {
                if (*p == '\\') {
                    p++;
                    switch (*p) {
                    case '0': out[n++] = 0; p++; break;
                    case 'n': out[n++] = '\n'; p++; break;
                    case 't': out[n++] = '\t'; p++; break;
                    case 'r': out[n++] = '\r'; p++; break;
                    case '\\': out[n++] = '\\'; p++; break;
                    case '"': out[n++] = '"'; p++; break;
                    case 'x':
                        if (hexval(p[1]) < 0 || hexval(p[2]) < 0) { free(out); parse_error = "bad \\x escape"; return -1; }
                        out[n++] = (unsigned char) (hexval(p[1]) * 16 + hexval(p[2]));
                        p += 3;
                        break;
                    default: free(out); parse_error = "unknown escape"; return -1;
                    }
                } else {
                    out[n++] = (unsigned char) *p++;
                }
            }
            if (*p != '"') { free(out); parse_error = "unterminated string"; return -1; }
            p++;
            t->s = start;
            t->b = out;
            t->blen = n;
            if (*p) *p++ = 0;
        } else {
            t->s = p;
            while (*p && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n') p++;
            if (*p) *p++ = 0;
        }
    }
    return 0;
}

static void free_tokens(void) {
    for (int i = 0; i < ntok; i++) free(toks[i].b);
    ntok = 0;
}

/* Any 64-bit pattern: decimal, -decimal or 0x hex. */
static int num(const char *s, uint64_t *out) {
    int neg = 0;
    if (*s == '-') { neg = 1; s++; }
    if (!*s) return -1;
    char *end;
    errno = 0;
    uint64_t v = strtoull(s, &end, (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) ? 16 : 10);
    if (*end || errno) return -1;
    *out = neg ? (uint64_t) (-(int64_t) v) : v;
    return 0;
}

static int prot_of(const char *s, uint64_t *out) {
    if (strlen(s) == 3 && (s[0] == 'r' || s[0] == '-') && (s[1] == 'w' || s[1] == '-') && (s[2] == 'x' || s[2] == '-')) {
        *out = (s[0] == 'r' ? PROT_READ : 0) | (s[1] == 'w' ? PROT_WRITE : 0) | (s[2] == 'x' ? PROT_EXEC : 0);
        return 0;
    }
    return num(s, out);
}

/* Bytes of a quoted string or hex:XX{N}. Caller frees. */
static unsigned char *bytes_of(struct tok *t, size_t *n) {
    if (t->b) {
        unsigned char *c = malloc(t->blen + 1);
        memcpy(c, t->b, t->blen);
        *n = t->blen;
        return c;
    }
    if (strncmp(t->s, "hex:", 4) != 0) return NULL;
    const char *p = t->s + 4;
    size_t cap = 64, len = 0;
    unsigned char *out = malloc(cap);
    int last = -1;
    while (*p) {
        if (*p == '{') {
            char *end;
            unsigned long rep = strtoul(p + 1, &end, 10);
            if (last < 0 || *end != '}' || rep < 1) { free(out); return NULL; }
            while (len + rep > cap) { cap *= 2; out = realloc(out, cap); }
            memset(out + len, last, rep - 1);
            len += rep - 1;
            last = -1;
            p = end + 1;
            continue;
        }
        if (hexval(p[0]) < 0 || hexval(p[1]) < 0) { free(out); return NULL; }
        if (len + 1 > cap) { cap *= 2; out = realloc(out, cap); }
        last = hexval(p[0]) * 16 + hexval(p[1]);
        out[len++] = (unsigned char) last;
        p += 2;
    }
    *n = len;
    return out;
}

/* ---- the surface ---- */

static uint64_t page_align(uint64_t x) { return (x + P - 1) & ~(P - 1); }

static struct area *area_of(const char *name, int *fd) {
    uint64_t v;
    if (num(name, &v) || v >= MAX_FDS) return NULL;
    *fd = (int) v;
    return areas[v];
}

static struct mapping *map_of(const char *name) {
    uint64_t v;
    if (num(name, &v)) return NULL;
    for (int i = 0; i < MAX_MAPS; i++)
        if (maps[i].live && (uint64_t) (uintptr_t) maps[i].addr == v) return &maps[i];
    return NULL;
}

static int is_sealed(int fd) {
    int seals = fcntl(fd, F_GET_SEALS);
    return seals >= 0 && (seals & F_SEAL_FUTURE_WRITE);
}

static void do_open(void) {
    int fd = memfd_create("ashmem", MFD_ALLOW_SEALING | MFD_CLOEXEC);
    if (fd < 0) { reply_err(errno); return; }
    if (fd >= MAX_FDS) { close(fd); reply_err(EMFILE); return; }
    struct area *a = calloc(1, sizeof *a);
    a->refs = 1;
    areas[fd] = a;
    reply_val(fd);
}

static void do_dup(const char *h) {
    int fd;
    struct area *a = area_of(h, &fd);
    if (!a) { reply_err(EBADF); return; }
    int nfd = dup(fd);
    if (nfd < 0 || nfd >= MAX_FDS) { reply_err(nfd < 0 ? errno : EMFILE); return; }
    fcntl(nfd, F_SETFD, FD_CLOEXEC);
    areas[nfd] = a;
    a->refs++;
    reply_val(nfd);
}

static void do_close(const char *h) {
    int fd;
    struct area *a = area_of(h, &fd);
    if (!a) { reply_err(EBADF); return; }
    areas[fd] = NULL;
    close(fd); /* mappings keep the memfd's memory alive */
    if (--a->refs == 0) free(a);
    reply_val(0);
}

/* The kernel's and the driver's mmap checks in the model's order, then a real mapping. */
static void do_mmap(const char *h, uint64_t len, uint64_t prot, int shared, int64_t off, int rie) {
    if ((uint64_t) off & (P - 1)) { reply_err(EINVAL); return; } /* MMAP-ENTRY: before the fd */
    uint64_t pgoff = (uint64_t) off >> shift; /* an unsigned long shifted */
    int fd;
    struct area *a = area_of(h, &fd);
    if (!a) { reply_err(EBADF); return; }
    if (rie && (prot & PROT_READ)) prot |= PROT_EXEC;
    prot &= PROT_ALL; /* no prot bit is checked; only rwx reach the mapping */
    if (len == 0) { reply_err(EINVAL); return; }
    uint64_t L = page_align(len);
    if (L == 0) { reply_err(ENOMEM); return; }
    if (pgoff + L / P < pgoff) { reply_err(EOVERFLOW); return; }
    if (L > TASK_SIZE) { reply_err(ENOMEM); return; } /* get_unmapped_area */
    if (pgoff > (UINT64_MAX - L) >> shift) { reply_err(EOVERFLOW); return; } /* file_mmap_ok, char device */
    if (a->size == 0) { reply_err(EINVAL); return; }
    if (page_align(a->size) < L) { reply_err(EINVAL); return; }
    int sealed = is_sealed(fd);
    if (shared && sealed && (prot & PROT_WRITE)) { reply_err(EPERM); return; } /* the seal, where the mask check is */
    if (!a->has_file) {
        if (a->size > (uint64_t) INT64_MAX) { reply_err(EINVAL); return; }
        if (ftruncate(fd, (off_t) a->size)) { reply_err(errno); return; }
        a->has_file = 1;
    }
    struct mapping *m = NULL;
    for (int i = 0; i < MAX_MAPS; i++) if (!maps[i].live) { m = &maps[i]; break; }
    if (!m) { reply_err(ENOMEM); return; }
    void *addr;
    if (!shared) {
        /* ashmem makes a private mapping anonymous memory */
        addr = mmap(NULL, L, (int) prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    } else if (off >= 0 && (uint64_t) off < a->size) {
        addr = mmap(NULL, L, (int) prot, MAP_SHARED, fd, off);
    } else {
        /* wholly past the end of the file: every touch faults (SIGBUS, decided below) */
        addr = mmap(NULL, L, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    }
    if (addr == MAP_FAILED) { reply_err(errno); return; }
    *m = (struct mapping) {1, addr, L, off, pgoff, (int) prot, shared && sealed ? PROT_READ | PROT_EXEC : PROT_ALL, shared, a->size};
    printf("0x%" PRIxPTR "\n", (uintptr_t) addr);
}

static void do_munmap(const char *mname) {
    struct mapping *m = map_of(mname);
    if (!m) { reply_err(EINVAL); return; }
    munmap(m->addr, m->len);
    m->live = 0;
    reply_val(0);
}

static void do_mprotect(const char *mname, uint64_t prot, int rie) {
    uint64_t grows = prot & (PROT_GROWSDOWN | PROT_GROWSUP);
    prot &= ~grows;
    if (grows == (PROT_GROWSDOWN | PROT_GROWSUP) || (prot & ~(uint64_t) (PROT_ALL | PROT_SEM))) { reply_err(EINVAL); return; }
    struct mapping *m = map_of(mname);
    if (!m) { reply_err(ENOMEM); return; }
    if (grows) { reply_err(EINVAL); return; } /* these mappings never grow */
    if (rie && (prot & PROT_READ) && (m->may & PROT_EXEC)) prot |= PROT_EXEC; /* only with VM_MAYEXEC */
    prot &= PROT_ALL;
    if (prot & ~(uint64_t) m->may) { reply_err(EACCES); return; }
    int past_eof = m->shared && !(m->off >= 0 && (uint64_t) m->off < m->file_size);
    if (!past_eof && mprotect(m->addr, m->len, (int) prot)) { reply_err(errno); return; }
    m->prot = (int) prot;
    reply_val(0);
}

/* MEM-BOUNDS, MEM-RIGHTS, MEM-EOF before any byte is touched; 0 when the access may go ahead. */
static int access_check(struct mapping *m, int64_t off, uint64_t n, int right) {
    if (!m || off < 0 || (uint64_t) off > m->len || m->len - (uint64_t) off < n) return SIGSEGV;
    if (n == 0) return 0;
    /* x86-64 and arm64 have no write-only or execute-only page: any non-empty prot reads */
    if (right == PROT_READ ? !m->prot : !(m->prot & right)) return SIGSEGV;
    if (m->shared) {
        uint64_t first = m->pgoff + (uint64_t) off / P;
        uint64_t last = m->pgoff + ((uint64_t) off + n - 1) / P;
        uint64_t pages = m->file_size / P + (m->file_size % P != 0);
        if (last >= pages || last < first) return SIGBUS;
    }
    return 0;
}

static void reply_sig(int sig) { puts(sig == SIGBUS ? "SIGBUS" : "SIGSEGV"); }

static void do_load(const char *mname, int64_t off, uint64_t n) {
    struct mapping *m = map_of(mname);
    int sig = access_check(m, off, n, PROT_READ);
    if (sig) { reply_sig(sig); return; }
    unsigned char *buf = malloc(n ? n : 1);
    fault_sig = 0;
    if (sigsetjmp(fault_jmp, 1) == 0) {
        memcpy(buf, m->addr + off, n);
        reply_hex(buf, n);
    } else {
        reply_sig(fault_sig);
    }
    free(buf);
}

static void do_store(const char *mname, int64_t off, const unsigned char *data, size_t n) {
    struct mapping *m = map_of(mname);
    int sig = access_check(m, off, n, PROT_WRITE);
    if (sig) { reply_sig(sig); return; }
    fault_sig = 0;
    if (sigsetjmp(fault_jmp, 1) == 0) {
        memcpy(m->addr + off, data, n);
        reply_val(0);
    } else {
        reply_sig(fault_sig);
    }
}

static void do_read(const char *h, int64_t count) {
    int fd;
    struct area *a = area_of(h, &fd);
    if (!a) { reply_err(EBADF); return; }
    off_t pos = lseek(fd, 0, SEEK_CUR);
    if (count < 0) { reply_err(EFAULT); return; } /* access_ok on a size_t above 2^63 */
    if ((int64_t) ((uint64_t) pos + (uint64_t) count) < 0) { reply_err(EINVAL); return; }
    if (a->size == 0) { reply_hex(NULL, 0); return; }
    if (!a->has_file) { reply_err(EBADF); return; }
    uint64_t n = (uint64_t) pos >= a->size ? 0 : a->size - (uint64_t) pos;
    if (n > (uint64_t) count) n = (uint64_t) count;
    unsigned char *buf = malloc(n ? n : 1);
    ssize_t got = read(fd, buf, n);
    if (got < 0) reply_err(errno); else reply_hex(buf, (size_t) got);
    free(buf);
}

static void do_llseek(const char *h, int64_t off, uint64_t whence) {
    int fd;
    struct area *a = area_of(h, &fd);
    if (!a) { reply_err(EBADF); return; }
    if (whence > SEEK_HOLE) { reply_err(EINVAL); return; }
    if (a->size == 0) { reply_err(EINVAL); return; }
    if (!a->has_file) { reply_err(EBADF); return; }
    off_t r = lseek(fd, off, (int) whence);
    if (r < 0) reply_err(errno); else reply_val(r);
}

static void do_ioctl(int rie, int cap) {
    int fd;
    struct area *a = area_of(toks[1].s, &fd);
    if (ntok < 3) { puts("error ioctl: missing command"); return; }
    if (!a) { reply_err(EBADF); return; }
    const char *c = toks[2].s;
    int badptr = ntok > 3 && !toks[3].b && strcmp(toks[3].s, "badptr") == 0;
    if (!strcmp(c, "SET_NAME")) {
        if (ntok != 4) { puts("error SET_NAME takes one argument"); return; }
        if (badptr) { reply_err(EFAULT); return; }
        size_t n;
        unsigned char *b = bytes_of(&toks[3], &n);
        if (!b) { puts("error SET_NAME: expected a quoted string or hex:"); return; }
        size_t len = 0;
        while (len < n && len < NAME_LEN && b[len]) len++;
        if (len > NAME_LEN - 1) len = NAME_LEN - 1;
        if (a->has_file) { free(b); reply_err(EINVAL); return; }
        memcpy(a->name, b, len);
        a->name_len = len;
        free(b);
        reply_val(0);
    } else if (!strcmp(c, "GET_NAME")) {
        unsigned char out[NAME_LEN + 1];
        size_t n;
        if (a->name_len == 0) { memcpy(out, "dev/ashmem", 10); n = 10; } else { memcpy(out, a->name, a->name_len); n = a->name_len; }
        out[n++] = 0;
        if (badptr) { reply_err(EFAULT); return; }
        reply_hex(out, n);
    } else if (!strcmp(c, "SET_SIZE")) {
        uint64_t v;
        if (ntok != 4 || num(toks[3].s, &v)) { puts("error SET_SIZE takes a number"); return; }
        if (a->has_file) { reply_err(EINVAL); return; }
        a->size = v;
        reply_val(0);
    } else if (!strcmp(c, "GET_SIZE")) {
        reply_val((int64_t) a->size);
    } else if (!strcmp(c, "SET_PROT_MASK")) {
        uint64_t p;
        if (ntok != 4 || prot_of(toks[3].s, &p)) { puts("error SET_PROT_MASK takes a prot"); return; }
        if (p & ~(uint64_t) PROT_ALL) { reply_err(EINVAL); return; }
        if (!(p & PROT_WRITE)) {
            if (fcntl(fd, F_ADD_SEALS, F_SEAL_FUTURE_WRITE)) { reply_err(errno); return; }
        } else if (is_sealed(fd)) {
            reply_err(EINVAL); /* a seal cannot be lifted */
            return;
        }
        reply_val(0);
    } else if (!strcmp(c, "GET_PROT_MASK")) {
        reply_val(is_sealed(fd) ? PROT_READ | PROT_EXEC : PROT_ALL);
    } else if (!strcmp(c, "PIN") || !strcmp(c, "UNPIN")) {
        reply_val(0); /* nothing is ever unpinned, so nothing was purged */
    } else if (!strcmp(c, "GET_PIN_STATUS")) {
        reply_val(1); /* IS_PINNED */
    } else if (!strcmp(c, "PURGE_ALL_CACHES")) {
        if (!cap) reply_err(EPERM); else reply_val(0);
    } else {
        uint64_t n;
        if (strcmp(c, "GET_FILE_ID") && num(c, &n)) { printf("error unknown ioctl command '%s'\n", c); return; }
        reply_err(ENOTTY);
    }
    (void) rie;
}

static void reset(void) {
    for (int i = 0; i < MAX_MAPS; i++) {
        if (maps[i].live) munmap(maps[i].addr, maps[i].len);
        maps[i].live = 0;
    }
    for (int fd = 0; fd < MAX_FDS; fd++) {
        if (areas[fd]) {
            struct area *a = areas[fd];
            areas[fd] = NULL;
            close(fd);
            if (--a->refs == 0) free(a);
        }
    }
}

static void handle(char *line) {
    parse_error = NULL;
    if (tokenize(line)) { printf("error %s\n", parse_error); free_tokens(); return; }
    if (ntok == 0) return; /* blank or comment: no reply */
    int rie = 0, cap = 0;
    if (toks[ntok - 1].s[0] == '[' && !toks[ntok - 1].b) {
        const char *cl = toks[ntok - 1].s;
        rie = strstr(cl, "rie") != NULL;
        cap = strstr(cl, "cap") != NULL && strstr(cl, "nocap") == NULL;
        ntok--;
    }
    const char *op = toks[0].s;
    uint64_t a1 = 0, a2 = 0, a3 = 0;
    if (!strcmp(op, "reset")) { reset(); puts("ok"); }
    else if (!strcmp(op, "bye")) { puts("bye"); fflush(stdout); exit(0); }
    else if (!strcmp(op, "open") && ntok == 1) do_open();
    else if (!strcmp(op, "dup") && ntok == 2) do_dup(toks[1].s);
    else if (!strcmp(op, "close") && ntok == 2) do_close(toks[1].s);
    else if (!strcmp(op, "ioctl") && ntok >= 3) do_ioctl(rie, cap);
    else if (!strcmp(op, "mmap") && ntok == 6 && !num(toks[2].s, &a1) && !prot_of(toks[3].s, &a2) && !num(toks[5].s, &a3)
             && (!strcmp(toks[4].s, "shared") || !strcmp(toks[4].s, "private")))
        do_mmap(toks[1].s, a1, a2, !strcmp(toks[4].s, "shared"), (int64_t) a3, rie);
    else if (!strcmp(op, "munmap") && ntok == 2) do_munmap(toks[1].s);
    else if (!strcmp(op, "mprotect") && ntok == 3 && !prot_of(toks[2].s, &a1)) do_mprotect(toks[1].s, a1, rie);
    else if (!strcmp(op, "load") && ntok == 4 && !num(toks[2].s, &a1) && !num(toks[3].s, &a2)) do_load(toks[1].s, (int64_t) a1, a2);
    else if (!strcmp(op, "store") && ntok == 4 && !num(toks[2].s, &a1)) {
        size_t n;
        unsigned char *b = bytes_of(&toks[3], &n);
        if (!b) puts("error store: expected a quoted string or hex:");
        else do_store(toks[1].s, (int64_t) a1, b, n);
        free(b);
    }
    else if (!strcmp(op, "read") && ntok == 3 && !num(toks[2].s, &a1)) do_read(toks[1].s, (int64_t) a1);
    else if (!strcmp(op, "llseek") && ntok == 4 && !num(toks[2].s, &a1)) {
        const char *w = toks[3].s;
        uint64_t wh = !strcmp(w, "SET") ? SEEK_SET : !strcmp(w, "CUR") ? SEEK_CUR : !strcmp(w, "END") ? SEEK_END
                    : !strcmp(w, "DATA") ? SEEK_DATA : !strcmp(w, "HOLE") ? SEEK_HOLE : UINT64_MAX;
        if (wh == UINT64_MAX && num(w, &wh)) puts("error llseek: bad whence");
        else do_llseek(toks[1].s, (int64_t) a1, (uint32_t) wh);
    }
    else if (!strcmp(op, "shrink_count") && ntok == 1) reply_u64(0); /* nothing is ever unpinned */
    else if (!strcmp(op, "shrink_scan") && (ntok == 2 || ntok == 3) && !num(toks[1].s, &a1))
        reply_u64(ntok == 3 && !strcmp(toks[2].s, "nofs") ? UINT64_MAX : 0); /* SHRINK_STOP without __GFP_FS */
    else printf("error cannot read request '%s'\n", op);
    free_tokens();
}

int main(void) {
    P = (uint64_t) sysconf(_SC_PAGESIZE);
    shift = __builtin_ctzll(P);
    setvbuf(stdout, NULL, _IOLBF, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_fault;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    printf("ashmem-protocol 1 page-size %" PRIu64 " profile memfd impl memfd-ashmem.c platform host\n", P);
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, stdin) >= 0) {
        handle(line);
        fflush(stdout);
    }
    free(line);
    reset();
    return 0;
}
