// Stand-in for libbase's unique_fd: closes on destruction, keeps errno.
#pragma once
#include <unistd.h>
#include <errno.h>
namespace android { namespace base {
class unique_fd {
  public:
    unique_fd() : fd_(-1) {}
    explicit unique_fd(int fd) : fd_(fd) {}
    unique_fd(long fd) : fd_(static_cast<int>(fd)) {}
    ~unique_fd() { reset(); }
    unique_fd(const unique_fd&) = delete;
    unique_fd& operator=(const unique_fd&) = delete;
    void reset(int fd = -1) { if (fd_ >= 0) { int e = errno; close(fd_); errno = e; } fd_ = fd; }
    int get() const { return fd_; }
    operator int() const { return fd_; }
    bool ok() const { return fd_ >= 0; }
    int release() { int f = fd_; fd_ = -1; return f; }
  private:
    int fd_;
};
} }
