// The host's UAPI memfd.h predates Linux 6.3; MFD_NOEXEC_SEAL is include/uapi/linux/memfd.h's value.
#pragma once
#include_next <linux/memfd.h>
#ifndef MFD_NOEXEC_SEAL
#define MFD_NOEXEC_SEAL 0x0008U
#endif
