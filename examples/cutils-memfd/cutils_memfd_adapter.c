/*
 * cutils-memfd-adapter: drives AOSP libcutils' ashmem API (libcutils/ashmem-dev.cpp) in its memfd mode
 * through the oracle's line protocol (spec/trace-format.md section 8), for `ashmem drive --profile
 * cutils-memfd` (spec 10.1). It links the real library; README.md says how to build it.
 *
 * Every operation is one call a libcutils user makes, with nothing decided here:
 *   open            a handle for a region to be created (the library creates name and size at once)
 *   SET_NAME        before creation: the name to pass to ashmem_create_region (bytes up to the NUL)
 *   SET_SIZE        before creation: ashmem_create_region(name or NULL, size)
 *   GET_SIZE        ashmem_get_size_region(fd)
 *   SET_PROT_MASK   ashmem_set_prot_region(fd, prot)
 *   PIN, UNPIN      ashmem_pin_region / ashmem_unpin_region(fd, offset, len)
 *   other ioctls    the raw ioctl(fd, number, arg) (the library has no function for them)
 *   dup, close, mmap, munmap, mprotect, read, llseek   the system calls; load and store touch the memory
 * A handle whose region is not created yet, and an unknown handle, is fd -1 for every call.
 * Private mappings are made with MAP_NORESERVE so that the answer does not depend on the host's free
 * memory (overcommit accounting), which no profile can know. There is no ashmem shrinker: shrink_count
 * and shrink_scan answer 0.
 *
 * The protocol code (replies, request parsing) is the one of examples/memfd-ashmem/memfd_ashmem.c.
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
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cutils/ashmem.h>

/* include/uapi/linux/ashmem.h: glibc does not ship it */
#define ASHMEM_IOC 0x77
#define ASHMEM_SET_NAME_NR _IOW(ASHMEM_IOC, 1, char[256])
#define ASHMEM_GET_NAME_NR _IOR(ASHMEM_IOC, 2, char[256])
#define ASHMEM_SET_SIZE_NR _IOW(ASHMEM_IOC, 3, size_t)
#define ASHMEM_GET_PROT_MASK_NR _IO(ASHMEM_IOC, 6)
#define ASHMEM_GET_PIN_STATUS_NR _IO(ASHMEM_IOC, 9)
#define ASHMEM_PURGE_ALL_CACHES_NR _IO(ASHMEM_IOC, 10)
#define ASHMEM_GET_FILE_ID_NR 0x8008770bUL

#define MAX_HANDLES 4096
#define MAX_MAPS 4096

struct handle {
    int used;
    int fd;           /* -1 until the region is created */
    char *name;       /* the name to be, or NULL */
};

struct mapping {
    int live;
    unsigned char *addr;
    uint64_t len;
    uint64_t off;
    uint64_t file_size; /* fstat at mmap: the size is sealed */
    int prot;
};

static struct handle handles[MAX_HANDLES];
static struct mapping maps[MAX_MAPS];
static uint64_t P;

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

/* ---- the library and the system calls ---- */

/* The reply of a call that returns -1 and sets errno on failure. */
static void reply_call(long r) {
    if (r == -1 && errno) reply_err(errno); else reply_val(r);
}

static struct handle *handle_of(const char *name) {
    uint64_t v;
    if (num(name, &v) || v >= MAX_HANDLES || !handles[v].used) return NULL;
    return &handles[v];
}

/* The fd a call gets for a handle name: the region's memfd, or -1. */
static int fd_of(const char *name) {
    struct handle *h = handle_of(name);
    return h ? h->fd : -1;
}

static struct mapping *map_of(const char *name) {
    uint64_t v;
    if (num(name, &v)) return NULL;
    for (int i = 0; i < MAX_MAPS; i++)
        if (maps[i].live && (uint64_t) (uintptr_t) maps[i].addr == v) return &maps[i];
    return NULL;
}

static int new_handle(int fd) {
    for (int i = 0; i < MAX_HANDLES; i++) {
        if (!handles[i].used) {
            handles[i] = (struct handle) {1, fd, NULL};
            return i;
        }
    }
    return -1;
}

static void do_open(void) {
    int h = new_handle(-1);
    if (h < 0) reply_err(EMFILE); else reply_val(h);
}

static void do_dup(const char *name) {
    errno = 0;
    int fd = dup(fd_of(name));
    if (fd < 0) { reply_err(errno); return; }
    int h = new_handle(fd);
    if (h < 0) { close(fd); reply_err(EMFILE); return; }
    reply_val(h);
}

static void do_close(const char *name) {
    struct handle *h = handle_of(name);
    if (!h) { reply_err(EBADF); return; } /* close(-1) */
    if (h->fd >= 0) close(h->fd);
    free(h->name);
    *h = (struct handle) {0, -1, NULL};
    reply_val(0);
}

static void do_mmap(const char *name, uint64_t len, uint64_t prot, int shared, int64_t off) {
    struct mapping *m = NULL;
    for (int i = 0; i < MAX_MAPS; i++) if (!maps[i].live) { m = &maps[i]; break; }
    if (!m) { puts("error too many mappings"); return; }
    int flags = shared ? MAP_SHARED : MAP_PRIVATE | MAP_NORESERVE;
    int fd = fd_of(name);
    void *addr = mmap(NULL, len, (int) prot, flags, fd, off);
    if (addr == MAP_FAILED) { reply_err(errno); return; }
    struct stat st;
    if (fstat(fd, &st)) { puts("error fstat of a mapped fd failed"); munmap(addr, len); return; }
    *m = (struct mapping) {1, addr, (len + P - 1) & ~(P - 1), (uint64_t) off, (uint64_t) st.st_size, (int) prot & 7};
    printf("0x%" PRIxPTR "\n", (uintptr_t) addr);
}

static void do_munmap(const char *mname) {
    struct mapping *m = map_of(mname);
    if (!m) { reply_err(EINVAL); return; } /* not one of ours: munmap would unmap something else */
    munmap(m->addr, m->len);
    m->live = 0;
    reply_val(0);
}

static void do_mprotect(const char *mname, uint64_t prot) {
    struct mapping *m = map_of(mname);
    /* not one of ours: page 0, which nothing maps (the kernel answers ENOMEM after checking the bits) */
    errno = 0;
    int r = mprotect(m ? m->addr : NULL, m ? m->len : P, (int) prot);
    if (!r && m) m->prot = (int) prot & 7;
    reply_call(r);
}

/*
 * Loads and stores run for real, but a load or store is one step of the spec, decided before any byte
 * is touched (MEM-BOUNDS, MEM-RIGHTS, MEM-EOF): a real memcpy that faults half-way has already touched
 * (and allocated) the pages before. So the fault an access will take is found first: outside the
 * mapping SIGSEGV, without the right SIGSEGV (x86-64 and arm64 read any page that has some prot), a
 * page past the file's end SIGBUS (shmem_fault). A fault the real access still takes is answered too.
 */
static int access_fault(struct mapping *m, int64_t off, uint64_t n, int write) {
    if (!m || off < 0 || (uint64_t) off > m->len || m->len - (uint64_t) off < n) return SIGSEGV;
    if (n == 0) return 0;
    if (write ? !(m->prot & PROT_WRITE) : !m->prot) return SIGSEGV;
    uint64_t last = (m->off + (uint64_t) off + n - 1) / P;
    uint64_t pages = m->file_size / P + (m->file_size % P != 0);
    return last >= pages ? SIGBUS : 0;
}

static void reply_sig(int sig) { puts(sig == SIGBUS ? "SIGBUS" : "SIGSEGV"); }

static void do_load(const char *mname, int64_t off, uint64_t n) {
    struct mapping *m = map_of(mname);
    int sig = access_fault(m, off, n, 0);
    if (sig) { reply_sig(sig); return; }
    unsigned char *buf = malloc(n ? n : 1);
    if (!buf) { puts("error out of memory"); return; }
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
    int sig = access_fault(m, off, n, 1);
    if (sig) { reply_sig(sig); return; }
    if (sigsetjmp(fault_jmp, 1) == 0) {
        memcpy(m->addr + off, data, n);
        reply_val(0);
    } else {
        reply_sig(fault_sig);
    }
}

static void do_read(const char *name, int64_t count) {
    /* the buffer: count bytes of it are what read may write; a count past 2^63 is refused by the kernel */
    uint64_t cap = count < 0 ? 1 : (uint64_t) count;
    if (cap > ((uint64_t) 1 << 31)) cap = (uint64_t) 1 << 31; /* MAX_RW_COUNT bounds what read writes */
    unsigned char *buf = malloc(cap ? cap : 1);
    if (!buf) { puts("error out of memory"); return; }
    errno = 0;
    ssize_t got = read(fd_of(name), buf, (size_t) count);
    if (got < 0) reply_err(errno); else reply_hex(buf, (size_t) got);
    free(buf);
}

static void do_llseek(const char *name, int64_t off, uint32_t whence) {
    errno = 0;
    off_t r = lseek(fd_of(name), off, (int) whence);
    if (r < 0) reply_err(errno); else reply_val(r);
}

static void do_ioctl(int cap) {
    (void) cap; /* the process's own capabilities decide; it runs as what it is */
    if (ntok < 3) { puts("error ioctl: missing command"); return; }
    struct handle *h = handle_of(toks[1].s);
    int fd = h ? h->fd : -1;
    const char *c = toks[2].s;
    int badptr = ntok > 3 && !toks[3].b && strcmp(toks[3].s, "badptr") == 0;
    void *bad = (void *) 16; /* never mapped */
    errno = 0;
    if (!strcmp(c, "PIN") || !strcmp(c, "UNPIN")) {
        uint64_t o = 0, l = 0;
        if (!badptr && (ntok != 5 || num(toks[3].s, &o) || num(toks[4].s, &l))) { printf("error %s takes offset len\n", c); return; }
        int r = !strcmp(c, "PIN") ? ashmem_pin_region(fd, o, l) : ashmem_unpin_region(fd, o, l);
        reply_call(r);
    } else if (!strcmp(c, "SET_NAME")) {
        if (ntok != 4) { puts("error SET_NAME takes one argument"); return; }
        size_t n = 0;
        unsigned char *b = badptr ? NULL : bytes_of(&toks[3], &n);
        if (!badptr && !b) { puts("error SET_NAME: expected a quoted string or hex:"); return; }
        if (h && fd < 0) {
            /* the name of the region to be: what a user would pass to ashmem_create_region */
            if (badptr) { reply_err(EFAULT); return; }
            free(h->name);
            h->name = malloc(n + 1);
            memcpy(h->name, b, n);
            h->name[n] = 0; /* a NUL in the bytes ends it */
            free(b);
            reply_val(0);
            return;
        }
        char buf[256] = {0};
        if (b) memcpy(buf, b, n < sizeof buf ? n : sizeof buf);
        free(b);
        reply_call(ioctl(fd, ASHMEM_SET_NAME_NR, badptr ? bad : (void *) buf));
    } else if (!strcmp(c, "SET_SIZE")) {
        uint64_t v;
        if (ntok != 4 || num(toks[3].s, &v)) { puts("error SET_SIZE takes a number"); return; }
        if (h && fd < 0) {
            int nfd = ashmem_create_region(h->name, (size_t) v);
            if (nfd < 0) { reply_err(errno); return; }
            h->fd = nfd;
            reply_val(0);
            return;
        }
        reply_call(ioctl(fd, ASHMEM_SET_SIZE_NR, (size_t) v));
    } else if (!strcmp(c, "GET_SIZE")) {
        reply_call(ashmem_get_size_region(fd));
    } else if (!strcmp(c, "SET_PROT_MASK")) {
        uint64_t p;
        if (ntok != 4 || prot_of(toks[3].s, &p)) { puts("error SET_PROT_MASK takes a prot"); return; }
        reply_call(ashmem_set_prot_region(fd, (int) p));
    } else {
        unsigned long nr;
        uint64_t v;
        char buf[256];
        if (!strcmp(c, "GET_NAME")) nr = ASHMEM_GET_NAME_NR;
        else if (!strcmp(c, "GET_PROT_MASK")) nr = ASHMEM_GET_PROT_MASK_NR;
        else if (!strcmp(c, "GET_PIN_STATUS")) nr = ASHMEM_GET_PIN_STATUS_NR;
        else if (!strcmp(c, "PURGE_ALL_CACHES")) nr = ASHMEM_PURGE_ALL_CACHES_NR;
        else if (!strcmp(c, "GET_FILE_ID")) nr = ASHMEM_GET_FILE_ID_NR;
        else if (!strcmp(c, "IOCTL") && ntok >= 4 && !num(toks[3].s, &v)) { nr = (unsigned long) v; badptr = 0; }
        else if (!num(c, &v)) nr = (unsigned long) v;
        else { printf("error unknown ioctl command '%s'\n", c); return; }
        long r = ioctl(fd, nr, badptr ? bad : (void *) buf);
        if (r == 0 && nr == ASHMEM_GET_NAME_NR) { reply_hex((unsigned char *) buf, strnlen(buf, 255) + 1); return; }
        reply_call(r);
    }
}

static void reset(void) {
    for (int i = 0; i < MAX_MAPS; i++) {
        if (maps[i].live) munmap(maps[i].addr, maps[i].len);
        maps[i].live = 0;
    }
    for (int i = 0; i < MAX_HANDLES; i++) {
        if (handles[i].used) {
            if (handles[i].fd >= 0) close(handles[i].fd);
            free(handles[i].name);
        }
        handles[i] = (struct handle) {0, -1, NULL};
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
    /* a READ_IMPLIES_EXEC caller: this process takes that personality for the one call */
    int persona = personality(0xffffffff);
    if (rie) personality((unsigned long) persona | READ_IMPLIES_EXEC);
    const char *op = toks[0].s;
    uint64_t a1 = 0, a2 = 0, a3 = 0;
    if (!strcmp(op, "reset")) { reset(); puts("ok"); }
    else if (!strcmp(op, "bye")) { puts("bye"); fflush(stdout); exit(0); }
    else if (!strcmp(op, "open") && ntok == 1) do_open();
    else if (!strcmp(op, "dup") && ntok == 2) do_dup(toks[1].s);
    else if (!strcmp(op, "close") && ntok == 2) do_close(toks[1].s);
    else if (!strcmp(op, "ioctl") && ntok >= 3) do_ioctl(cap);
    else if (!strcmp(op, "mmap") && ntok == 6 && !num(toks[2].s, &a1) && !prot_of(toks[3].s, &a2) && !num(toks[5].s, &a3)
             && (!strcmp(toks[4].s, "shared") || !strcmp(toks[4].s, "private")))
        do_mmap(toks[1].s, a1, a2, !strcmp(toks[4].s, "shared"), (int64_t) a3);
    else if (!strcmp(op, "munmap") && ntok == 2) do_munmap(toks[1].s);
    else if (!strcmp(op, "mprotect") && ntok == 3 && !prot_of(toks[2].s, &a1)) do_mprotect(toks[1].s, a1);
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
    else if (!strcmp(op, "shrink_count") && ntok == 1) reply_u64(0); /* no ashmem shrinker exists */
    else if (!strcmp(op, "shrink_scan") && (ntok == 2 || ntok == 3) && !num(toks[1].s, &a1)) reply_u64(0);
    else printf("error cannot read request '%s'\n", op);
    if (rie) personality((unsigned long) persona);
    free_tokens();
}

int main(void) {
    P = (uint64_t) sysconf(_SC_PAGESIZE);
    setvbuf(stdout, NULL, _IOLBF, 0);
    for (int i = 0; i < MAX_HANDLES; i++) handles[i].fd = -1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_fault;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    /* memfd mode is decided once, by the first call; a library that would not use memfd is not this profile */
    int probe = ashmem_create_region("cutils-memfd-probe", (size_t) P);
    if (probe < 0) { fprintf(stderr, "cutils-memfd-adapter: ashmem_create_region failed (%s): libcutils is not in memfd mode\n", strerror(errno)); return 2; }
    char link[64], target[256];
    snprintf(link, sizeof link, "/proc/self/fd/%d", probe);
    ssize_t n = readlink(link, target, sizeof target - 1);
    target[n > 0 ? n : 0] = 0;
    close(probe);
    if (strncmp(target, "/memfd:", 7) != 0) { fprintf(stderr, "cutils-memfd-adapter: the region is %s, not a memfd\n", target); return 2; }
    printf("ashmem-protocol 1 page-size %" PRIu64 " profile cutils-memfd impl libcutils-ashmem-dev.cpp platform host\n", P);
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
