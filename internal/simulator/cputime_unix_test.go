//go:build unix

package simulator

import (
	"syscall"
	"time"
)

// cpuNow returns the CPU time (user + system) the test process has used so
// far. A speed bound on it holds on a busy machine, where wall time does
// not: other processes do not add to it.
func cpuNow() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
